/* invite.h: invitation links ("Inviter til Brukerplan", cgi-bin/README.md "Roles and invitations"). */
#ifndef BP_INVITE_H
#define BP_INVITE_H

#include "account.h"
#include "authz.h"
#include "token.h"

#define INVITE_DAYS 30
#define INVITE_BATCH_MAX 20		/* links made at once, on the page */
#define INVITE_USES_MAX 1000		/* registrations one link allows, on the page and in
					 * bpadm alike */

enum invite_state { INVITE_OK, INVITE_EXPIRED, INVITE_USED, INVITE_WITHDRAWN };

struct invite {
	unsigned char key[CRYPTO_HASH_LEN];	/* SHA-256 of the token; not in the record */
	enum role role;
	char region[32];
	char kommune[8];
	char bydel[8];				/* "" unless the link fixes a bydel */
	char instans[4 * ACCOUNT_NAME_CHARS + 1];
	/* names as the reference data gave them when the link was made, so registration
	 * need not load it: region (KORUS), kommune, bydel; and whether the kommune has
	 * bydeler to choose from */
	char regionnavn[128];
	char kommunenavn[128];
	char bydelnavn[128];
	long long bydeler;
	long long uses;				/* registrations the link allows */
	long long left;				/* registrations still possible */
	long long created;
	long long expires;
	long long withdrawn;			/* 0 unless withdrawn */
	char by[ACCOUNT_ID_LEN + 1];		/* inviting account, or "bpadm" */
};

/* invite_create: store inv (valid INVITE_DAYS from now) and give its link token. */
int invite_create(struct store_txn *txn, struct invite *inv, long long now,
    char token[TOKEN_HEX + 1]);
/* invite_load: BP_ENOENT for unknown or malformed (forged) tokens. A link whose maker was
 * suspended after making it reads as withdrawn (invite_maker). */
int invite_load(struct store_txn *txn, const char *token, struct invite *out);
int invite_save(struct store_txn *txn, const struct invite *inv);
/* invite_parse: a stored record (its key is not in it). */
int invite_parse(const void *data, size_t len, struct invite *out);
enum invite_state invite_state(const struct invite *inv, long long now);

/* invite_target: what a link grants, as authz sees it (ACT_INVITE): who may see and
 * withdraw a link is who may make it. */
struct target invite_target(const struct invite *inv);

/* invite_maker: inv as it stands given its maker (NULL when unknown): a link whose maker
 * was suspended after making it reads as withdrawn from then, even in a store from before
 * access_suspend withdrew links in its own transaction. */
void invite_maker(struct invite *inv, const struct account *maker);

/* invite_scan: call fn with every link as stored, in key order (the key is in inv->key):
 * a caller that shows a link applies invite_maker to it. fn returns 0 to go on, 1 to stop,
 * < 0 to fail. */
typedef int (*invite_fn)(struct store_txn *txn, const struct invite *inv, void *arg);
int invite_scan(struct store_txn *txn, invite_fn fn, void *arg);

/* invite_withdraw_by: withdraw, at now, every link of `by` that is still usable, except
 * those keep returns 1 for (keep may be NULL); *n (may be NULL) gets how many. */
int invite_withdraw_by(struct store_txn *txn, const char *by, long long now,
    int (*keep)(const struct invite *inv, void *arg), void *arg, long *n);

#endif
