/* throttle.c: attempt counters in a fixed window, then a lock-out. */
#include <stdio.h>
#include <string.h>

#include "throttle.h"

/* Per e-post: few guesses at one account. Per address: spraying over many accounts; it is
 * cleared by a successful login, since a whole municipal office may share one address. */
static const struct {
	char prefix;
	int limit;		/* attempts allowed per window */
	int window;		/* seconds */
	int lock;		/* seconds locked once the limit is passed */
} rules[THROTTLE__MAX] = {
	[THROTTLE_EMAIL] = { 'e', 5, 15 * 60, 15 * 60 },
	[THROTTLE_ADDR] = { 'a', 50, 15 * 60, 15 * 60 },
};

static int
make_key(enum throttle_kind kind, const char *key, char *out, size_t size)
{
	int n = snprintf(out, size, "%c:%s", rules[kind].prefix, key);

	return (n < 0 || (size_t)n >= size || n > STORE_KEY_MAX) ? -1 : n;
}

long
throttle_attempt(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now)
{
	char k[STORE_KEY_MAX + 1], val[96];
	long long count = 0, start = now, locked = 0;
	const void *v;
	size_t vlen;
	int klen, n;

	if ((klen = make_key(kind, key, k, sizeof(k))) < 0)
		return -1;
	if (store_get(txn, DB_THROTTLE, k, (size_t)klen, &v, &vlen) == 0 && vlen < sizeof(val)) {
		memcpy(val, v, vlen);
		val[vlen] = '\0';
		if (sscanf(val, "%lld %lld %lld", &count, &start, &locked) != 3)
			count = 0, start = now, locked = 0;
	}
	if (locked > now)
		return (long)(locked - now);
	if (now - start >= rules[kind].window)
		count = 0, start = now;
	count++;
	if (count > rules[kind].limit)
		locked = now + rules[kind].lock;
	n = snprintf(val, sizeof(val), "%lld %lld %lld", count, start, locked);
	if (store_put(txn, DB_THROTTLE, k, (size_t)klen, val, (size_t)n) != 0)
		return -1;
	return locked > now ? (long)(locked - now) : 0;
}

int
throttle_clear(struct store_txn *txn, enum throttle_kind kind, const char *key)
{
	char k[STORE_KEY_MAX + 1];
	int klen, rc;

	if ((klen = make_key(kind, key, k, sizeof(k))) < 0)
		return BP_EINVAL;
	rc = store_del(txn, DB_THROTTLE, k, (size_t)klen);
	return rc == BP_ENOENT ? 0 : rc;
}
