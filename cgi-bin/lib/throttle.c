/* throttle.c: attempt counters in a fixed window, then a lock-out.
 *
 * A record is "count start locked" under "<prefix>:<key>". Once both its window and its
 * lock have run out it counts as nothing, so it may be deleted: each write that makes a
 * record also purges a few such (as sessions do), and failed logins with ever new e-post
 * addresses cannot grow the store without bound. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "throttle.h"

#define PURGE_PER_WRITE 8	/* expired records deleted by each write that makes one */

/* Per e-post: few guesses at one account; cleared by a successful login. Per address:
 * spraying over many accounts; it counts failures only (a successful login takes back
 * its own attempt, since a whole municipal office may share one address) and is never
 * cleared, so a success in between does not wipe the failures before it. Per account's
 * look-ups (THROTTLE_LOOKUP, keyed by account id): every call counts, 60 in 15 minutes
 * unless the configuration says otherwise (lookup_limit),
 * then 15 minutes locked, which bounds how fast a stolen session can search people. */
static const struct {
	char prefix;
	int limit;		/* attempts allowed per window */
	int window;		/* seconds */
	int lock;		/* seconds locked once the limit is passed */
} rules[THROTTLE__MAX] = {
	[THROTTLE_EMAIL] = { 'e', 5, 15 * 60, 15 * 60 },
	[THROTTLE_ADDR] = { 'a', 50, 15 * 60, 15 * 60 },
	[THROTTLE_LOOKUP] = { 'l', CONFIG_LOOKUP_LIMIT_DEFAULT, 15 * 60, 15 * 60 },
};

struct counter {
	long long count, start, locked;
};

static int
make_key(enum throttle_kind kind, const char *key, char *out, size_t size)
{
	int n;

	if ((unsigned)kind >= THROTTLE__MAX)
		return -1;
	n = snprintf(out, size, "%c:%s", rules[kind].prefix, key);
	return (n < 0 || (size_t)n >= size || n > STORE_KEY_MAX) ? -1 : n;
}

/* decode: 0, or -1 when v is not a counter */
static int
decode(const void *v, size_t vlen, struct counter *c)
{
	char val[96];

	if (vlen >= sizeof(val))
		return -1;
	memcpy(val, v, vlen);
	val[vlen] = '\0';
	return sscanf(val, "%lld %lld %lld", &c->count, &c->start, &c->locked) == 3 ? 0 : -1;
}

/* read: 1 and the counter when key has one, 0 when not (or garbled: counts as none) */
static int
read_counter(struct store_txn *txn, const char *k, int klen, struct counter *c)
{
	const void *v;
	size_t vlen;

	return store_get(txn, DB_THROTTLE, k, (size_t)klen, &v, &vlen) == 0 &&
	    decode(v, vlen, c) == 0;
}

static int
write_counter(struct store_txn *txn, const char *k, int klen, const struct counter *c)
{
	char val[96];
	int n = snprintf(val, sizeof(val), "%lld %lld %lld", c->count, c->start, c->locked);

	return store_put(txn, DB_THROTTLE, k, (size_t)klen, val, (size_t)n);
}

long
throttle_attempt(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now)
{
	return throttle_attempt_max(txn, kind, key, now, 0);
}

long
throttle_attempt_max(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now, int limit)
{
	char k[STORE_KEY_MAX + 1];
	struct counter c = { 0, now, 0 };
	int klen, found;

	if ((klen = make_key(kind, key, k, sizeof(k))) < 0)
		return -1;
	if (limit <= 0)
		limit = rules[kind].limit;
	if (!(found = read_counter(txn, k, klen, &c)))
		c = (struct counter){ 0, now, 0 };
	if (c.locked > now)
		return (long)(c.locked - now);
	if (now - c.start >= rules[kind].window)
		c.count = 0, c.start = now;
	c.count++;
	if (c.count > limit)
		c.locked = now + rules[kind].lock;
	/* a new record: make room first (the new one is not expired, so it stays) */
	if (!found && throttle_purge(txn, now, PURGE_PER_WRITE) < 0)
		return -1;
	if (write_counter(txn, k, klen, &c) != 0)
		return -1;
	return c.locked > now ? (long)(c.locked - now) : 0;
}

int
throttle_forgive(struct store_txn *txn, enum throttle_kind kind, const char *key,
    long long now)
{
	char k[STORE_KEY_MAX + 1];
	struct counter c;
	int klen;

	if ((klen = make_key(kind, key, k, sizeof(k))) < 0)
		return BP_EINVAL;
	/* nothing to take back: no record, a new window, or a lock (not from this attempt) */
	if (!read_counter(txn, k, klen, &c) || c.count <= 0 || c.locked > now ||
	    now - c.start >= rules[kind].window)
		return 0;
	c.count--;
	return write_counter(txn, k, klen, &c);
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

/* A record whose window and lock have run out, or one that is not ours at all. */
static int
expired(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	long long now = *(const long long *)arg;
	const char *key = k;
	struct counter c;
	int i;

	if (klen < 2 || key[1] != ':' || decode(v, vlen, &c) != 0)
		return 1;
	for (i = 0; i < THROTTLE__MAX && rules[i].prefix != key[0]; i++)
		;
	if (i == THROTTLE__MAX)
		return 1;
	return c.locked <= now && now - c.start >= rules[i].window;
}

int
throttle_purge(struct store_txn *txn, long long now, int max)
{
	return store_purge(txn, DB_THROTTLE, expired, &now, max);
}
