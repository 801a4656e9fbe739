/* reset.h: one-time reset links ("Ny telefon / glemt passord", issue 16): someone above an
 * account (authz ACT_RESET) makes a link; the person sets a new password and enrols a new
 * authenticator through it. Like invitation links, only the SHA-256 of the token is
 * stored; the link is good for RESET_HOURS and one use. Between the person's two steps
 * the new password hash and sealed TOTP secret wait in the record itself. */
#ifndef BP_RESET_H
#define BP_RESET_H

#include "account.h"
#include "token.h"

#define RESET_HOURS 24

enum reset_state { RESET_OK, RESET_EXPIRED, RESET_USED };

struct reset {
	unsigned char key[CRYPTO_HASH_LEN];	/* SHA-256 of the token; not in the record */
	char account[ACCOUNT_ID_LEN + 1];	/* whose password and authenticator */
	char by[ACCOUNT_ID_LEN + 1];		/* who made the link */
	long long created;
	long long expires;
	long long used;				/* 0 until used */
	char password[CRYPTO_PWHASH_MAX];	/* staged new password (argon2id), or "" */
	char totp[160];				/* staged new TOTP secret (sealed hex), or "" */
};

/* reset_create: a link for account by `by`, valid RESET_HOURS from now; its token. Also
 * forgets up to 32 links that have expired. */
int reset_create(struct store_txn *txn, struct reset *r, long long now,
    char token[TOKEN_HEX + 1]);
/* reset_load: BP_ENOENT for unknown or malformed tokens. */
int reset_load(struct store_txn *txn, const char *token, struct reset *out);
int reset_save(struct store_txn *txn, const struct reset *r);
enum reset_state reset_state(const struct reset *r, long long now);

#endif
