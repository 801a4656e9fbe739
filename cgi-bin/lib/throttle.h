/* throttle.h: slow down password and code guessing, per account and per address, and
 * bound how fast one account may look people up. */
#ifndef BP_THROTTLE_H
#define BP_THROTTLE_H

#include "store.h"

enum throttle_kind { THROTTLE_EMAIL, THROTTLE_ADDR, THROTTLE_LOOKUP, THROTTLE__MAX };

/* throttle_attempt: count one attempt against key. Returns 0 when the attempt may go
 * ahead, the seconds to wait (> 0) when the key is locked, or < 0 on a store error.
 * Counting before the password is checked bounds the guesses even when many requests run
 * at once. A write that makes a new record also deletes a few expired ones, so counters of
 * keys never seen again do not pile up. */
long throttle_attempt(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now);
/* throttle_attempt_max: the same with limit attempts per window instead of the kind's
 * own (limit <= 0: the kind's own), for a limit the configuration sets. */
long throttle_attempt_max(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now, int limit);
/* throttle_forgive: take back one counted attempt of key (a login that succeeded), so the
 * counter holds failures only; the failures before it stay counted. 0 or a bp_err. */
int throttle_forgive(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now);
/* throttle_clear: forget the attempts of key (the e-post's, after a successful login). */
int throttle_clear(struct store_txn *txn, enum throttle_kind kind, const char *key);
/* throttle_purge: delete up to max records whose window and lock have both run out (they
 * count as nothing any more). Returns how many, or < 0. */
int throttle_purge(struct store_txn *txn, long long now, int max);

#endif
