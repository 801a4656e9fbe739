/* test_throttle.c: what watches over login and look-ups, against a real LMDB store: the
 * throttle (throttle.c: failures per e-post and address, look-ups per account, locks,
 * windows, forgiveness, purge) and the audit log (audit.c: lines, scopes, one second). */
#include "unit.h"

#include "audit.h"
#include "store.h"
#include "throttle.h"

#define T0 1782858600LL		/* 2026-06-30 22:30:00 UTC */
#define ACCOUNT_A "0123456789abcdef0123456789abcdef"
#define ACCOUNT_B "fedcba9876543210fedcba9876543210"


/* throttle */

struct thr {
	enum throttle_kind kind;
	const char *key;
	long long now;
	long wait;
	int limit;		/* 0: the kind's own */
};

static int
thr_attempt(struct store_txn *txn, void *arg)
{
	struct thr *t = arg;

	t->wait = t->limit ? throttle_attempt_max(txn, t->kind, t->key, t->now, t->limit) :
	    throttle_attempt(txn, t->kind, t->key, t->now);
	return t->wait < 0 ? -1 : 0;
}

static int
thr_clear(struct store_txn *txn, void *arg)
{
	struct thr *t = arg;

	return throttle_clear(txn, t->kind, t->key);
}

static long
attempt(struct store *st, enum throttle_kind kind, const char *key, long long now)
{
	struct thr t = { kind, key, now, -1, 0 };

	assert_int_equal(store_write(st, thr_attempt, &t), 0);
	return t.wait;
}

static long
attempt_max(struct store *st, const char *key, long long now, int limit)
{
	struct thr t = { THROTTLE_LOOKUP, key, now, -1, limit };

	assert_int_equal(store_write(st, thr_attempt, &t), 0);
	return t.wait;
}

static void
test_throttle_lock(void **state)
{
	struct fix *f = *state;
	long long now = T0, locked_at;
	long wait;
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", now + i), 0);
	locked_at = now + 5;
	wait = attempt(f->st, THROTTLE_EMAIL, "kari@x.no", locked_at);
	assert_true(wait > 0);
	/* a minute later: still locked, for a minute less */
	assert_true(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", locked_at + 60) == wait - 60);
	/* others are not affected */
	assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "per@x.no", locked_at + 60), 0);
	assert_int_equal(attempt(f->st, THROTTLE_ADDR, "kari@x.no", locked_at + 60), 0);
	/* once the lock has run out, counting starts over */
	assert_true(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", locked_at + wait - 1) == 1);
	for (i = 0; i < 5; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no",
		    locked_at + wait + i), 0);
	assert_true(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", locked_at + wait + 5) > 0);
}

static void
test_throttle_window(void **state)
{
	struct fix *f = *state;
	long long now = T0;
	int i;

	/* four attempts, then a long pause: the window ends and the count with it */
	for (i = 0; i < 4; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", now), 0);
	now += 86400;
	for (i = 0; i < 5; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", now + i), 0);
	assert_true(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", now + 5) > 0);
}

static void
test_throttle_clear(void **state)
{
	struct fix *f = *state;
	struct thr t = { THROTTLE_EMAIL, "kari@x.no", T0, 0, 0 };
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", T0), 0);
	assert_int_equal(store_write(f->st, thr_clear, &t), 0);
	for (i = 0; i < 5; i++)
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", T0), 0);
	assert_true(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", T0) > 0);
	/* clearing lifts a lock too, and clearing nothing is fine */
	assert_int_equal(store_write(f->st, thr_clear, &t), 0);
	assert_int_equal(attempt(f->st, THROTTLE_EMAIL, "kari@x.no", T0 + 1), 0);
	t.key = "never@x.no";
	assert_int_equal(store_write(f->st, thr_clear, &t), 0);
}

static void
test_throttle_addr(void **state)
{
	struct fix *f = *state;
	int i;

	/* addresses get more attempts than one account does, but not unbounded */
	for (i = 0; i < 6; i++)
		assert_int_equal(attempt(f->st, THROTTLE_ADDR, "192.0.2.1", T0), 0);
	for (i = 0; i < 1000; i++)
		if (attempt(f->st, THROTTLE_ADDR, "192.0.2.1", T0) > 0)
			break;
	assert_true(i < 1000);
}

/* a successful login takes back its own attempt from the address, but not the failures */
static int
thr_forgive(struct store_txn *txn, void *arg)
{
	struct thr *t = arg;

	return throttle_forgive(txn, t->kind, t->key, t->now);
}

static void
test_throttle_forgive(void **state)
{
	struct fix *f = *state;
	struct thr t = { THROTTLE_ADDR, "192.0.2.7", T0, 0, 0 };
	int i;

	/* 49 failures, then many successes (each counted, then forgiven): never locked */
	for (i = 0; i < 49; i++)
		assert_int_equal(attempt(f->st, THROTTLE_ADDR, "192.0.2.7", T0 + i), 0);
	for (i = 0; i < 100; i++) {
		assert_int_equal(attempt(f->st, THROTTLE_ADDR, "192.0.2.7", T0 + 60), 0);
		t.now = T0 + 60;
		assert_int_equal(store_write(f->st, thr_forgive, &t), 0);
	}
	/* the failures are still there: one more is the 50th, the next locks */
	assert_int_equal(attempt(f->st, THROTTLE_ADDR, "192.0.2.7", T0 + 61), 0);
	assert_true(attempt(f->st, THROTTLE_ADDR, "192.0.2.7", T0 + 62) > 0);
	/* forgiving never lifts a lock, and forgiving nothing is fine */
	t.now = T0 + 63;
	assert_int_equal(store_write(f->st, thr_forgive, &t), 0);
	assert_true(attempt(f->st, THROTTLE_ADDR, "192.0.2.7", T0 + 64) > 0);
	t.key = "198.51.100.1";
	assert_int_equal(store_write(f->st, thr_forgive, &t), 0);
	assert_int_equal(attempt(f->st, THROTTLE_ADDR, "198.51.100.1", T0 + 64), 0);
}

/* look-ups: every call counts, 60 in 15 minutes, then 15 minutes locked */
static void
test_throttle_lookup(void **state)
{
	struct fix *f = *state;
	long wait;
	int i;

	for (i = 0; i < 60; i++)
		assert_int_equal(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + i), 0);
	wait = attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + 60);
	assert_int_equal(wait, 15 * 60);
	/* another account, and the same id as an e-post or address key, are apart */
	assert_int_equal(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_B, T0 + 60), 0);
	assert_int_equal(attempt(f->st, THROTTLE_EMAIL, ACCOUNT_A, T0 + 60), 0);
	assert_int_equal(attempt(f->st, THROTTLE_ADDR, ACCOUNT_A, T0 + 60), 0);
	/* still locked a second before the lock ends, free after it, counting afresh */
	assert_int_equal(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + 60 + 15 * 60 - 1), 1);
	for (i = 0; i < 60; i++)
		assert_int_equal(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + 60 + 15 * 60),
		    0);
	assert_true(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + 60 + 15 * 60) > 0);
}

/* a limit from the configuration (lookup_limit) replaces the 60, window and lock alike */
static void
test_throttle_lookup_limit(void **state)
{
	struct fix *f = *state;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(attempt_max(f->st, ACCOUNT_A, T0 + i, 3), 0);
	assert_int_equal(attempt_max(f->st, ACCOUNT_A, T0 + 3, 3), 15 * 60);
	for (i = 0; i < 100; i++)
		assert_int_equal(attempt_max(f->st, ACCOUNT_B, T0 + i, 1000), 0);
	/* the default still locks ACCOUNT_B's 101st at 60 */
	assert_true(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_B, T0 + 100) > 0);
}

struct thr_purge {
	long long now;
	int max, purged;
};

static int
thr_purge(struct store_txn *txn, void *arg)
{
	struct thr_purge *p = arg;

	p->purged = throttle_purge(txn, p->now, p->max);
	return p->purged < 0 ? p->purged : 0;
}

static size_t
throttle_records(struct store *st)
{
	struct store_stat ss;

	assert_int_equal(store_stat(st, &ss), 0);
	return ss.entries[DB_THROTTLE];
}

/* Failed logins with ever new e-post addresses: the records expire and go. */
static void
test_throttle_purge(void **state)
{
	struct fix *f = *state;
	struct thr_purge p = { 0, 0, 0 };
	char key[64];
	int i;

	for (i = 0; i < 400; i++) {
		snprintf(key, sizeof(key), "gjett%d@x.no", i);
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, key, T0 + i), 0);
	}
	for (i = 0; i < 6; i++)		/* locked at T0+400 until T0+1300 */
		attempt(f->st, THROTTLE_ADDR, "192.0.2.9", T0 + 400);
	for (i = 0; i < 10; i++)
		assert_int_equal(attempt(f->st, THROTTLE_LOOKUP, ACCOUNT_A, T0 + 400), 0);
	assert_int_equal(throttle_records(f->st), 402);
	/* nothing has expired yet, so nothing goes */
	p.now = T0 + 400;
	p.max = 1000;
	assert_int_equal(store_write(f->st, thr_purge, &p), 0);
	assert_int_equal(p.purged, 0);
	/* 20 minutes on: the first 100 e-post windows (started T0..T0+99) have run out,
	 * nothing else has. Each new record deletes a few of them. */
	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "ny%d@x.no", i);
		assert_int_equal(attempt(f->st, THROTTLE_EMAIL, key, T0 + 1000 + i), 0);
	}
	assert_int_equal(throttle_records(f->st), 402 + 10 - 10 * 8);
	/* an hour on, everything old has gone: the lock ran out at T0+1300 */
	p.now = T0 + 3600;
	assert_int_equal(store_write(f->st, thr_purge, &p), 0);
	assert_int_equal(throttle_records(f->st), 0);
	/* and counting starts afresh */
	assert_int_equal(attempt(f->st, THROTTLE_ADDR, "192.0.2.9", T0 + 3600), 0);
	assert_int_equal(throttle_records(f->st), 1);
	/* max bounds the work of one call; a lock keeps its record while it lasts */
	attempt(f->st, THROTTLE_EMAIL, "fast@x.no", T0 + 3600);
	for (i = 0; i < 5; i++)		/* late in its window: locked until T0+5300 */
		attempt(f->st, THROTTLE_EMAIL, "fast@x.no", T0 + 4400);
	for (i = 0; i < 5; i++) {
		snprintf(key, sizeof(key), "b%d@x.no", i);
		attempt(f->st, THROTTLE_EMAIL, key, T0 + 3600);
	}
	p.now = T0 + 3600 + 15 * 60 + 10;	/* the windows are over, the lock not quite */
	p.max = 2;
	assert_int_equal(store_write(f->st, thr_purge, &p), 0);
	assert_int_equal(p.purged, 2);
	p.max = 100;
	assert_int_equal(store_write(f->st, thr_purge, &p), 0);
	assert_int_equal(p.purged, 4);
	assert_int_equal(throttle_records(f->st), 1);
	assert_true(attempt(f->st, THROTTLE_EMAIL, "fast@x.no", T0 + 3600 + 15 * 60 + 10) > 0);
}

/* audit */

struct lines {
	char line[8][512];
	int n, stop;
};

static int
audit_one(const char *line, size_t len, void *arg)
{
	struct lines *l = arg;

	assert_true(l->n < 8 && len < sizeof(l->line[0]));
	memcpy(l->line[l->n], line, len);
	l->line[l->n][len] = '\0';
	l->n++;
	return l->n == l->stop;
}

static int
audit_read(struct store_txn *txn, void *arg)
{
	return audit_list(txn, audit_one, arg);
}

struct event {
	long long now;
	const char *event, *account, *addr, *detail;
};

static int
audit_write(struct store_txn *txn, void *arg)
{
	const struct event *e = arg;
	int rc;

	for (; e->event; e++)
		if ((rc = audit_add(txn, e->now, e->event, e->account, e->addr, e->detail)) != 0)
			return rc;
	return 0;
}

static void
test_audit(void **state)
{
	static const struct event events[] = {
		{ T0 + 5, "login", ACCOUNT_A, "192.0.2.1", "ok" },
		{ T0 + 65, "login-failed", NULL, "192.0.2.2", "bad\tpassword\nline" },
		{ T0 + 3600, "invite\tcreated", ACCOUNT_B, NULL, "role=korus\r\nx" },
		{ 0, NULL, NULL, NULL, NULL },
	};
	static const char *const want[] = {	/* newest first, Oslo time */
		"2026-07-01 01:30:00\tinvite created\t" ACCOUNT_B "\t\trole=korus  x\t\t\t",
		"2026-07-01 00:31:05\tlogin-failed\t\t192.0.2.2\tbad password line\t\t\t",
		"2026-07-01 00:30:05\tlogin\t" ACCOUNT_A "\t192.0.2.1\tok\t\t\t",
	};
	struct fix *f = *state;
	struct lines l;
	size_t i;

	memset(&l, 0, sizeof(l));
	assert_int_equal(store_read(f->st, audit_read, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(store_write(f->st, audit_write, (void *)events), 0);
	memset(&l, 0, sizeof(l));
	assert_int_equal(store_read(f->st, audit_read, &l), 0);
	assert_int_equal(l.n, 3);
	for (i = 0; i < UNIT_N(want); i++)
		assert_string_equal(l.line[i], want[i]);
	/* the callback can stop the listing */
	memset(&l, 0, sizeof(l));
	l.stop = 1;
	assert_int_equal(store_read(f->st, audit_read, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.line[0], want[0]);
}

static int
audit_scoped(struct store_txn *txn, void *arg)
{
	return audit_put(txn, T0, arg);
}

/* an event's scope and subject are kept and split back; a long field is cut on a UTF-8
 * boundary; lines of older releases (five fields) split with an empty scope */
static void
test_audit_scope(void **state)
{
	char detail[AUDIT_FIELD_MAX + 8], old[] = "2026-07-01 00:30:00\tlogin\tx\t192.0.2.1\tok";
	struct audit_event e = { "account.suspended", ACCOUNT_A, "192.0.2.1", detail, "vest",
	    "1103", ACCOUNT_B };
	struct audit_line al;
	struct fix *f = *state;
	struct lines l;

	/* "ø" (2 bytes) over the 200th byte: the whole character goes */
	memset(detail, 'x', AUDIT_FIELD_MAX - 1);
	memcpy(detail + AUDIT_FIELD_MAX - 1, "\xc3\xb8yz", 5);
	assert_int_equal(store_write(f->st, audit_scoped, &e), 0);
	memset(&l, 0, sizeof(l));
	assert_int_equal(store_read(f->st, audit_read, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(audit_split(l.line[0], &al), 0);
	assert_string_equal(al.event, "account.suspended");
	assert_string_equal(al.actor, ACCOUNT_A);
	assert_string_equal(al.addr, "192.0.2.1");
	assert_int_equal(strlen(al.detail), AUDIT_FIELD_MAX - 1);
	assert_true(utf8_valid(al.detail, strlen(al.detail)));
	assert_string_equal(al.region, "vest");
	assert_string_equal(al.kommune, "1103");
	assert_string_equal(al.subject, ACCOUNT_B);
	assert_int_equal(audit_split(old, &al), 0);
	assert_string_equal(al.detail, "ok");
	assert_string_equal(al.region, "");
	assert_string_equal(al.subject, "");
	assert_int_equal(audit_split((char[]){ "a\tb\tc" }, &al), BP_EINVAL);
}

/* many events in one second keep distinct keys */
static void
test_audit_same_second(void **state)
{
	static const struct event events[] = {
		{ T0, "a", NULL, NULL, NULL }, { T0, "b", NULL, NULL, NULL },
		{ T0, "c", NULL, NULL, NULL }, { T0, "d", NULL, NULL, NULL },
		{ 0, NULL, NULL, NULL, NULL },
	};
	struct fix *f = *state;
	struct lines l;
	int i, seen = 0;

	assert_int_equal(store_write(f->st, audit_write, (void *)events), 0);
	memset(&l, 0, sizeof(l));
	assert_int_equal(store_read(f->st, audit_read, &l), 0);
	assert_int_equal(l.n, 4);
	for (i = 0; i < 4; i++) {
		assert_true(strncmp(l.line[i], "2026-07-01 00:30:00\t", 20) == 0);
		assert_int_equal(strlen(l.line[i]), 20 + 1 + 6);
		seen |= 1 << (l.line[i][20] - 'a');
	}
	assert_int_equal(seen, 0xf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_throttle_lock, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_window, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_clear, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_addr, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_forgive, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_lookup, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_lookup_limit, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_throttle_purge, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_audit, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_audit_scope, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_audit_same_second, store_setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("throttle", tests, NULL, NULL);
}
