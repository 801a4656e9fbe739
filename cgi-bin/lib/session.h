/* session.h: login sessions (design.md §3): random token in an HttpOnly SameSite=Strict
 * cookie, only its hash stored, 30 minutes idle and 12 hours absolute. */
#ifndef BP_SESSION_H
#define BP_SESSION_H

#include "account.h"
#include "token.h"

#define SESSION_IDLE (30 * 60)
#define SESSION_ABSOLUTE (12 * 3600)
#define SESSION_TOUCH_AFTER 60		/* write last-seen at most once a minute */
#define SESSION_COOKIE "bp_sid"

struct session {
	unsigned char key[CRYPTO_HASH_LEN];
	char account[ACCOUNT_ID_LEN + 1];
	long long created;
	long long seen;
};

int session_create(struct store_txn *txn, const char *account, long long now,
    char token[TOKEN_HEX + 1], struct session *out);
/* session_load: BP_ENOENT for unknown tokens; BP_ESTALE for expired sessions. */
int session_load(struct store_txn *txn, const char *token, long long now, struct session *out);
int session_touch(struct store_txn *txn, struct session *s, long long now);
int session_delete(struct store_txn *txn, const unsigned char key[CRYPTO_HASH_LEN]);
/* session_purge: delete up to max expired sessions; returns how many, or < 0. */
int session_purge(struct store_txn *txn, long long now, int max);
/* session_expired: 1 when idle or absolute timeout has passed at now. */
int session_expired(const struct session *s, long long now);

#endif
