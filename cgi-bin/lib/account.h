/* account.h: people who use Brukerplan, their role and scope (Vedlegg 2 of the 2026 manual;
 * cgi-bin/README.md "Roles and invitations"). */
#ifndef BP_ACCOUNT_H
#define BP_ACCOUNT_H

#include "crypto.h"
#include "store.h"

enum role { ROLE_KORFOR, ROLE_KORUS, ROLE_KOMMUNE, ROLE_KARTLEGGER, ROLE__MAX };

extern const char *const role_ids[ROLE__MAX];		/* "korfor", ... in records and URLs */
extern const char *const role_titles[ROLE__MAX];	/* "KORFOR", ..., "Kommunekontakt" */
extern const char *const role_tilhorighet[ROLE__MAX];	/* "Tilhørighet" and "Roller" columns */

/* Tjenestetype of a kartlegger (2025 manual, "Registrer deg som Kartlegger"). */
enum tjenestetype { TJ_HELSE_OMSORG, TJ_FASTLEGE, TJ_NAV, TJ_BARNEVERN, TJ__MAX };
extern const char *const tjenestetype_ids[TJ__MAX];
extern const char *const tjenestetype_titles[TJ__MAX];
int tjenestetype_from_id(const char *id);	/* enum tjenestetype, or -1 */

#define ACCOUNT_ID_LEN 32		/* hex of 16 random bytes */
#define ACCOUNT_NAME_CHARS 100		/* shown limit, in characters */
#define EMAIL_MAX 254

struct account {
	char id[ACCOUNT_ID_LEN + 1];
	char name[4 * ACCOUNT_NAME_CHARS + 1];	/* full name, UTF-8 */
	char email[EMAIL_MAX + 1];		/* normalised, see email_normalize */
	enum role role;
	char region[32];			/* KORUS region id (of its kommune for levels 3, 4) */
	char kommune[8];			/* kommunenummer, for kommunekontakt and kartlegger */
	char kommunenavn[128];			/* its name when registered, for display */
	char bydel[8];				/* bydelsnummer where the kommune has bydeler */
	char bydelnavn[128];
	char instans[4 * ACCOUNT_NAME_CHARS + 1];	/* for kartlegger */
	char tjenestetype[64];			/* for kartlegger */
	char password[CRYPTO_PWHASH_MAX];	/* argon2id PHC string (local login) */
	char totp[160];				/* hex of AES-GCM sealed TOTP secret */
	long long totp_step;			/* last accepted TOTP time step (no replays) */
	long long created;
	long long innvilget;			/* first login; 0 until then */
	long long tilbakekalt;			/* suspension time; 0 while active */
	char invited_by[ACCOUNT_ID_LEN + 1];	/* who made the link it registered with */
	long long invited;			/* when that link was made (0: before this was kept) */
	char idhash[2 * CRYPTO_HASH_LEN + 1];	/* hex of the keyed hash of the ID-porten pid */
	long long welcome_seen;			/* version of the velkomstmelding last shown */
};

struct secrets;

/* account_block: block (on) or unblock the identities of a for year: the keyed hash of
 * the pid (ID-porten) and the e-post (local login); only a keyed hash of each is stored.
 * A suspension blocks them for the rest of its year (access.h does it). */
int account_block(struct store_txn *txn, const struct secrets *sec, const struct account *a,
    int year, long long now, int on);
/* account_blocked: 1 when identity ("e:<e-post>" or "p:<idhash>") is blocked in year. */
int account_blocked(struct store_txn *txn, const struct secrets *sec, const char *identity,
    int year);

int role_from_id(const char *id);	/* enum role, or -1 */

/* email_normalize: trim and lower-case ASCII; BP_EINVAL unless it looks like an address
 * (one '@', non-empty parts, a dot in the domain, no spaces or control characters). */
int email_normalize(const char *in, char *out, size_t size);
/* name_valid: 1 for 1..ACCOUNT_NAME_CHARS characters of text without control characters */
int name_valid(const char *s);

/* account_id_form: 1 for "" or a string of an account id's form (32 lower-case hex digits);
 * whether an account has it is for the store to say. */
int account_id_form(const char *s);
/* account_new_id: random id into a->id. */
int account_new_id(struct account *a);
int account_load(struct store_txn *txn, const char *id, struct account *out);
int account_by_email(struct store_txn *txn, const char *email, struct account *out);
/* account_save: write the record; when is_new, the e-post must be unused (BP_EEXIST). */
int account_save(struct store_txn *txn, const struct account *a, int is_new);

/* account_save_role: a's record saved with role to, and the scope index moved with it (the
 * kommune and region stay; only access.c changes a role). */
int account_save_role(struct store_txn *txn, struct account *a, enum role to);
/* account_totp_verify: 0 when code is right for a's TOTP secret (sealed with the data key,
 * bound to the account id) at now and later than its last accepted step; the step to go
 * to *step. BP_EDENIED for a wrong, malformed or replayed code. */
int account_totp_verify(const struct secrets *sec, const struct account *a, long long now,
    const char *code, long long *step);
/* account_totp_check: the same for a secret sealed_hex of account id whose last accepted
 * step is last (0: none yet), before an account record exists (registration). The one
 * place that opens a secret to check a code. */
int account_totp_check(const struct secrets *sec, const char *id, const char *sealed_hex,
    long long last, long long now, const char *code, long long *step);
/* account_totp_new: a fresh TOTP secret for account id, sealed as account.totp stores it
 * (hex, AAD = id) into sealed_hex (160 bytes). */
int account_totp_new(const struct secrets *sec, const char *id, char sealed_hex[160]);
/* account_totp_open: the raw secret of sealed_hex into out (buf; wipe it after use). */
int account_totp_open(const struct secrets *sec, const char *id, const char *sealed_hex,
    struct buf *out);

/* identity_hash: hex of HMAC(site key, "pid:" || pid), the only form in which the
 * ID-porten person identifier is kept. */
int identity_hash(const struct secrets *sec, const char *pid, char out[2 * CRYPTO_HASH_LEN + 1]);
int account_by_identity(struct store_txn *txn, const char *idhash, struct account *out);

/* account_scan: call fn with each account of a scope, in id order: scope is 'k' with a
 * kommunenummer, 'r' with a region id, or 'o' with a role id ("korfor"). fn returns 0 to
 * go on, 1 to stop, < 0 to fail. */
typedef int (*account_fn)(const struct account *a, void *arg);
int account_scan(struct store_txn *txn, char scope, const char *value, account_fn fn,
    void *arg);
/* account_scan_ids: the same, with each account's id only, none of them read (a count
 * over a whole role or region would otherwise parse every account's record). */
typedef int (*account_id_fn)(const char *id, void *arg);
int account_scan_ids(struct store_txn *txn, char scope, const char *value, account_id_fn fn,
    void *arg);

#endif
