/* throttle.h: slow down password and code guessing, per account and per address. */
#ifndef BP_THROTTLE_H
#define BP_THROTTLE_H

#include "store.h"

enum throttle_kind { THROTTLE_EMAIL, THROTTLE_ADDR, THROTTLE__MAX };

/* throttle_attempt: count one login attempt against key. Returns 0 when the attempt may go
 * ahead, or the seconds to wait (> 0) when the key is locked. Counting before the password
 * is checked bounds the guesses even when many requests run at once. */
long throttle_attempt(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now);
/* throttle_clear: forget the attempts of key (after a successful login). */
int throttle_clear(struct store_txn *txn, enum throttle_kind kind, const char *key);

#endif
