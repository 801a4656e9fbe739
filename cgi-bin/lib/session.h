/* session.h: login sessions (cgi-bin/README.md "Login and sessions"): random token in an HttpOnly
 * SameSite=Strict cookie, only its hash stored, 30 minutes idle and 12 hours absolute. */
#ifndef BP_SESSION_H
#define BP_SESSION_H

#include "account.h"
#include "token.h"

#define SESSION_IDLE (30 * 60)
#define SESSION_ABSOLUTE (12 * 3600)
#define SESSION_TOUCH_AFTER 60		/* write last-seen at most once a minute */
#define SESSION_COOKIE "bp_sid"
#define SESSION_BROWSER_MAX 48		/* bytes of the browser's description */

struct session {
	unsigned char key[CRYPTO_HASH_LEN];
	char account[ACCOUNT_ID_LEN + 1];
	long long created;
	long long seen;
	char browser[SESSION_BROWSER_MAX + 1];	/* "Firefox på Windows"; "" in older records */
};

/* session_create: a new session of account, from the browser described by browser (may be
 * NULL), and its entry in the account's index (DB_ACCOUNT_SESSIONS). */
int session_create(struct store_txn *txn, const char *account, long long now,
    char token[TOKEN_HEX + 1], struct session *out);
int session_create_from(struct store_txn *txn, const char *account, const char *browser,
    long long now, char token[TOKEN_HEX + 1], struct session *out);
/* session_browser: a short description of the browser of a User-Agent header ("Chrome på
 * Android"), from a table; "Ukjent nettleser" when none fits. Never more than
 * SESSION_BROWSER_MAX bytes: the header itself is not kept. */
void session_browser(const char *user_agent, char out[SESSION_BROWSER_MAX + 1]);
/* session_load: BP_ENOENT for unknown tokens; BP_ESTALE for expired sessions. */
int session_load(struct store_txn *txn, const char *token, long long now, struct session *out);
int session_touch(struct store_txn *txn, struct session *s, long long now);
int session_delete(struct store_txn *txn, const unsigned char key[CRYPTO_HASH_LEN]);
/* session_purge: delete up to max expired sessions; returns how many, or < 0. */
int session_purge(struct store_txn *txn, long long now, int max);
/* session_expired: 1 when idle or absolute timeout has passed at now. */
int session_expired(const struct session *s, long long now);

/* session_list: call fn with each live session of account, in key order (fn as for
 * store_scan: 0 to go on, 1 to stop, < 0 to fail). */
typedef int (*session_fn)(const struct session *s, void *arg);
int session_list(struct store_txn *txn, const char *account, long long now, session_fn fn,
    void *arg);
/* session_end_all: end every session of account but the one whose key is except (NULL:
 * every one); returns how many ended, or < 0. Suspension, a new password and a reset
 * link use it. */
int session_end_all(struct store_txn *txn, const char *account,
    const unsigned char *except);
/* session_index_fill: the account index of a store from before it existed (upgrade.c
 * passes it to store_open) */
int session_index_fill(struct store_txn *txn);

#endif
