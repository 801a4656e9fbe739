/* pending.h: a registration between its steps (cgi-bin/README.md "Login and sessions"): the account to be,
 * kept under the hash of a token the browser holds, for 30 minutes. With local login it holds
 * the password hash and the sealed TOTP secret until the first code; with ID-porten, the keyed
 * hash of the pid until the form is sent. */
#ifndef BP_PENDING_H
#define BP_PENDING_H

#include "account.h"
#include "token.h"

#define PENDING_TTL (30 * 60)
#define PENDING_COOKIE "bp_reg"		/* ID-porten: the pending registration's token */

struct pending {
	unsigned char key[CRYPTO_HASH_LEN];
	char invite[2 * CRYPTO_HASH_LEN + 1];	/* hex of the invitation's key */
	char id[ACCOUNT_ID_LEN + 1];		/* the account id to be */
	char name[sizeof(((struct account *)0)->name)];
	char email[EMAIL_MAX + 1];
	char password[CRYPTO_PWHASH_MAX];
	char totp[160];				/* sealed secret, hex, AAD = id */
	char bydel[8];				/* chosen when the link leaves it open */
	char tjenestetype[32];			/* kartlegger */
	char idhash[2 * CRYPTO_HASH_LEN + 1];	/* ID-porten identity */
	long long expires;
};

/* pending_save: store p (its key set) and forget up to 32 abandoned registrations. */
int pending_save(struct store_txn *txn, const struct pending *p, long long now);
/* pending_load: BP_ENOENT for unknown, malformed or expired tokens. */
int pending_load(struct store_txn *txn, const char *token, long long now, struct pending *p);
int pending_delete(struct store_txn *txn, const struct pending *p);

#endif
