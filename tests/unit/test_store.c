/* test_store.c: store.c on a real LMDB environment in a temporary directory: put, get,
 * add, del, commit and abort, key limits, prefix scans both ways, growth of a full map
 * (many transactions and one larger than the first map), reopening, and opening a
 * directory that holds no store. */
#include "unit.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"

#define SMALL_MAP (256 * 1024)

static int
setup(void **state)
{
	return fix_setup(state, NULL, SMALL_MAP);
}

static int
teardown(void **state)
{
	return fix_teardown(state);
}

/* one key/value operation, run inside a transaction */
enum op { OP_PUT, OP_ADD, OP_DEL, OP_GET };

struct kv {
	enum op op;
	enum store_db db;
	const char *key;
	size_t klen;		/* strlen(key) when 0 */
	const char *val;
	int then;		/* what the body returns after the operation succeeded */
	int rc;			/* the operation's result */
	char got[64];		/* OP_GET: the value read */
};

static int
kv_run(struct store_txn *txn, void *arg)
{
	struct kv *kv = arg;
	size_t klen = kv->klen ? kv->klen : strlen(kv->key), vlen;
	const void *v;

	switch (kv->op) {
	case OP_PUT:
		kv->rc = store_put(txn, kv->db, kv->key, klen, kv->val, strlen(kv->val));
		break;
	case OP_ADD:
		kv->rc = store_add(txn, kv->db, kv->key, klen, kv->val, strlen(kv->val));
		break;
	case OP_DEL:
		kv->rc = store_del(txn, kv->db, kv->key, klen);
		break;
	case OP_GET:
		kv->got[0] = '\0';
		kv->rc = store_get(txn, kv->db, kv->key, klen, &v, &vlen);
		if (kv->rc == 0) {
			assert_true(vlen < sizeof(kv->got));
			memcpy(kv->got, v, vlen);
			kv->got[vlen] = '\0';
		}
		break;
	}
	return kv->rc ? kv->rc : kv->then;
}

static int
do_write(struct store *st, enum op op, const char *key, const char *val, int then)
{
	struct kv kv = { op, DB_META, key, 0, val, then, 0, "" };

	return store_write(st, kv_run, &kv);
}

/* the value of key in DB_META, or NULL when absent */
static const char *
do_get(struct store *st, const char *key)
{
	static struct kv kv;
	int rc;

	kv = (struct kv){ OP_GET, DB_META, key, 0, NULL, 0, 0, "" };
	rc = store_read(st, kv_run, &kv);
	if (rc == BP_ENOENT)
		return NULL;
	assert_int_equal(rc, 0);
	return kv.got;
}

static void
test_put_get_del(void **state)
{
	struct fix *f = *state;

	assert_null(do_get(f->st, "k"));
	assert_int_equal(do_write(f->st, OP_PUT, "k", "v1", 0), 0);
	assert_string_equal(do_get(f->st, "k"), "v1");
	assert_int_equal(do_write(f->st, OP_PUT, "k", "v2", 0), 0);	/* put replaces */
	assert_string_equal(do_get(f->st, "k"), "v2");
	assert_int_equal(do_write(f->st, OP_ADD, "k", "v3", 0), BP_EEXIST);
	assert_string_equal(do_get(f->st, "k"), "v2");
	assert_int_equal(do_write(f->st, OP_ADD, "k2", "v3", 0), 0);
	assert_string_equal(do_get(f->st, "k2"), "v3");
	assert_int_equal(do_write(f->st, OP_DEL, "k", NULL, 0), 0);
	assert_null(do_get(f->st, "k"));
	assert_int_equal(do_write(f->st, OP_DEL, "k", NULL, 0), BP_ENOENT);
	assert_int_equal(do_write(f->st, OP_DEL, "never", NULL, 0), BP_ENOENT);
	assert_string_equal(do_get(f->st, "k2"), "v3");
	assert_int_equal(do_write(f->st, OP_PUT, "empty", "", 0), 0);
	assert_string_equal(do_get(f->st, "empty"), "");
}

static void
test_databases_apart(void **state)
{
	struct fix *f = *state;
	struct kv kv = { OP_PUT, DB_ACCOUNTS, "same", 0, "accounts", 0, 0, "" };
	int db;

	assert_int_equal(store_write(f->st, kv_run, &kv), 0);
	kv.db = DB_SESSIONS;
	kv.val = "sessions";
	assert_int_equal(store_write(f->st, kv_run, &kv), 0);
	for (db = 0; db < DB__MAX; db++) {
		kv = (struct kv){ OP_GET, (enum store_db)db, "same", 0, NULL, 0, 0, "" };
		if (db == DB_ACCOUNTS || db == DB_SESSIONS) {
			assert_int_equal(store_read(f->st, kv_run, &kv), 0);
			assert_string_equal(kv.got, store_db_names[db]);
		} else
			assert_int_equal(store_read(f->st, kv_run, &kv), BP_ENOENT);
	}
}

/* a body that returns non-zero aborts: nothing it wrote is kept */
static void
test_abort(void **state)
{
	struct fix *f = *state;

	assert_int_equal(do_write(f->st, OP_PUT, "a", "1", 0), 0);
	assert_int_equal(do_write(f->st, OP_PUT, "b", "2", 7), 7);
	assert_null(do_get(f->st, "b"));
	assert_int_equal(do_write(f->st, OP_PUT, "a", "changed", -1), -1);
	assert_string_equal(do_get(f->st, "a"), "1");
	assert_int_equal(do_write(f->st, OP_DEL, "a", NULL, BP_EINVAL), BP_EINVAL);
	assert_string_equal(do_get(f->st, "a"), "1");
}

/* several writes in one body: all or nothing */
struct multi {
	int fail_at;		/* abort after this many puts; -1 never */
	int n;
};

static int
multi_run(struct store_txn *txn, void *arg)
{
	struct multi *m = arg;
	char key[16];
	int i, rc;

	for (i = 0; i < m->n; i++) {
		if (i == m->fail_at)
			return 1;
		snprintf(key, sizeof(key), "m%d", i);
		if ((rc = store_put(txn, DB_META, key, strlen(key), "x", 1)) != 0)
			return rc;
	}
	return 0;
}

static void
test_all_or_nothing(void **state)
{
	struct fix *f = *state;
	struct multi m = { 5, 10 };

	assert_int_equal(store_write(f->st, multi_run, &m), 1);
	assert_null(do_get(f->st, "m0"));
	assert_null(do_get(f->st, "m4"));
	m.fail_at = -1;
	assert_int_equal(store_write(f->st, multi_run, &m), 0);
	assert_string_equal(do_get(f->st, "m0"), "x");
	assert_string_equal(do_get(f->st, "m9"), "x");
}

static int
read_put(struct store_txn *txn, void *arg)
{
	(void)arg;
	return store_put(txn, DB_META, "k", 1, "v", 1);
}

static int
read_del(struct store_txn *txn, void *arg)
{
	(void)arg;
	return store_del(txn, DB_META, "k", 1);
}

static void
test_read_only(void **state)
{
	struct fix *f = *state;

	assert_int_equal(store_read(f->st, read_put, NULL), BP_EINVAL);
	assert_null(do_get(f->st, "k"));
	assert_int_equal(do_write(f->st, OP_PUT, "k", "v", 0), 0);
	assert_int_equal(store_read(f->st, read_del, NULL), BP_EINVAL);
	assert_string_equal(do_get(f->st, "k"), "v");
}

static void
test_key_size(void **state)
{
	static const struct {
		size_t klen;
		int rc;
	} cases[] = {
		{ 0, BP_EINVAL }, { 1, 0 }, { STORE_KEY_MAX, 0 }, { STORE_KEY_MAX + 1, BP_EINVAL },
		{ 4096, BP_EINVAL },
	};
	static const enum op ops[] = { OP_PUT, OP_ADD, OP_GET, OP_DEL };
	struct fix *f = *state;
	char key[4096];
	struct kv kv;
	size_t i, j;
	int rc;

	memset(key, 'k', sizeof(key));
	for (i = 0; i < UNIT_N(cases); i++)
		for (j = 0; j < UNIT_N(ops); j++) {
			kv = (struct kv){ ops[j], DB_META, key, cases[i].klen, "v", 0, 0, "" };
			if (cases[i].klen == 0)		/* klen 0 means strlen in kv_run */
				kv.key = "";
			rc = ops[j] == OP_GET ? store_read(f->st, kv_run, &kv) :
			    store_write(f->st, kv_run, &kv);
			if (cases[i].rc != 0)
				assert_int_equal(rc, cases[i].rc);
			else	/* put, add over the put, get, del: each does its job */
				assert_int_equal(rc, ops[j] == OP_ADD ? BP_EEXIST : 0);
		}
}

/* scans */

struct seen {
	char keys[16][8];
	int n;
	int stop_at;		/* return 1 at this key; -1 never */
	int fail_at;		/* return -42 at this key; -1 never */
};

static int
seen_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct seen *s = arg;

	assert_true(s->n < 16 && klen < 8);
	assert_int_equal(vlen, klen);		/* values are their keys */
	assert_memory_equal(v, k, klen);
	memcpy(s->keys[s->n], k, klen);
	s->keys[s->n][klen] = '\0';
	s->n++;
	if (s->n - 1 == s->fail_at)
		return -42;
	return s->n - 1 == s->stop_at ? 1 : 0;
}

struct scan {
	const char *prefix;
	int reverse;
	int stop_at, fail_at;
	int rc;
	struct seen seen;
};

static int
scan_run(struct store_txn *txn, void *arg)
{
	struct scan *sc = arg;

	sc->seen.n = 0;
	sc->seen.stop_at = sc->stop_at;
	sc->seen.fail_at = sc->fail_at;
	sc->rc = store_scan(txn, DB_META, sc->prefix, sc->prefix ? strlen(sc->prefix) : 0,
	    sc->reverse, seen_one, &sc->seen);
	return 0;
}

static int
put_keys(struct store_txn *txn, void *arg)
{
	const char *const *keys = arg;
	int rc;

	for (; *keys; keys++)
		if ((rc = store_put(txn, DB_META, *keys, strlen(*keys), *keys,
		    strlen(*keys))) != 0)
			return rc;
	return 0;
}

static void
test_scan(void **state)
{
	static const char *const keys[] = { "b:1", "a:2", "a:3", "a:1", "a;", "a", "c", NULL };
	static const struct {
		const char *prefix;
		int reverse, stop_at, fail_at, rc;
		const char *want;	/* keys seen, space-separated */
	} cases[] = {
		{ "a:", 0, -1, -1, 0, "a:1 a:2 a:3" },
		{ "a:", 1, -1, -1, 0, "a:3 a:2 a:1" },
		{ "a", 0, -1, -1, 0, "a a:1 a:2 a:3 a;" },
		{ "a", 1, -1, -1, 0, "a; a:3 a:2 a:1 a" },
		{ "b:", 0, -1, -1, 0, "b:1" },
		{ "b:", 1, -1, -1, 0, "b:1" },
		{ "c", 1, -1, -1, 0, "c" },
		{ "a:2", 0, -1, -1, 0, "a:2" },
		{ "a:4", 0, -1, -1, 0, "" },
		{ "a:4", 1, -1, -1, 0, "" },
		{ "0", 0, -1, -1, 0, "" },
		{ "0", 1, -1, -1, 0, "" },
		{ "z", 0, -1, -1, 0, "" },
		{ "z", 1, -1, -1, 0, "" },
		{ NULL, 0, -1, -1, 0, "a a:1 a:2 a:3 a; b:1 c" },
		{ NULL, 1, -1, -1, 0, "c b:1 a; a:3 a:2 a:1 a" },
		{ "a:", 0, 1, -1, 0, "a:1 a:2" },
		{ "a:", 1, 0, -1, 0, "a:3" },
		{ NULL, 0, 2, -1, 0, "a a:1 a:2" },
		{ "a:", 0, -1, 1, -42, "a:1 a:2" },
		{ NULL, 1, -1, 0, -42, "c" },
	};
	struct fix *f = *state;
	struct scan sc;
	char got[128];
	size_t i;
	int j;

	assert_int_equal(store_write(f->st, put_keys, (void *)keys), 0);
	for (i = 0; i < UNIT_N(cases); i++) {
		memset(&sc, 0, sizeof(sc));
		sc.prefix = cases[i].prefix;
		sc.reverse = cases[i].reverse;
		sc.stop_at = cases[i].stop_at;
		sc.fail_at = cases[i].fail_at;
		assert_int_equal(store_read(f->st, scan_run, &sc), 0);
		got[0] = '\0';
		for (j = 0; j < sc.seen.n; j++) {
			if (j)
				strcat(got, " ");
			strcat(got, sc.seen.keys[j]);
		}
		if (sc.rc != cases[i].rc || strcmp(got, cases[i].want) != 0)
			fail_msg("scan %zu (\"%s\", %s): rc %d, saw \"%s\"; want \"%s\"", i,
			    cases[i].prefix ? cases[i].prefix : "", cases[i].reverse ? "reverse" :
			    "forward", sc.rc, got, cases[i].want);
	}
}

static void
test_scan_empty(void **state)
{
	struct fix *f = *state;
	struct scan sc = { NULL, 0, -1, -1, 99, { .n = 0 } };

	assert_int_equal(store_read(f->st, scan_run, &sc), 0);
	assert_int_equal(sc.rc, 0);
	assert_int_equal(sc.seen.n, 0);
	sc.reverse = 1;
	sc.prefix = "a";
	assert_int_equal(store_read(f->st, scan_run, &sc), 0);
	assert_int_equal(sc.rc, 0);
	assert_int_equal(sc.seen.n, 0);
}

/* the longest key with a prefix: prefix followed by 0xff up to STORE_KEY_MAX bytes */
struct edge {
	int n;
};

static int
edge_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct edge *e = arg;

	(void)k;
	(void)v;
	(void)vlen;
	if (klen == STORE_KEY_MAX)
		e->n++;
	return 0;
}

static int
edge_put(struct store_txn *txn, void *arg)
{
	unsigned char key[STORE_KEY_MAX];

	(void)arg;
	memcpy(key, "a:", 2);
	memset(key + 2, 0xff, sizeof(key) - 2);
	return store_put(txn, DB_META, key, sizeof(key), "x", 1);
}

static int
edge_scan(struct store_txn *txn, void *arg)
{
	struct edge *e = arg;
	int rc;

	e[0].n = e[1].n = 0;
	if ((rc = store_scan(txn, DB_META, "a:", 2, 0, edge_one, &e[0])) != 0)
		return rc;
	return store_scan(txn, DB_META, "a:", 2, 1, edge_one, &e[1]);
}

/* A reverse scan with a prefix seeks to prefix || 0xff... padded to STORE_KEY_MAX bytes; a
 * key equal to that seek key must still be seen (it once was stepped over). */
static void
test_scan_reverse_longest_key(void **state)
{
	struct fix *f = *state;
	struct edge e[2];

	assert_int_equal(store_write(f->st, edge_put, NULL), 0);
	assert_int_equal(store_write(f->st, put_keys,
	    (void *)(const char *const[]){ "a:1", "b:1", NULL }), 0);
	assert_int_equal(store_read(f->st, edge_scan, e), 0);
	assert_int_equal(e[0].n, 1);		/* forward sees it */
	assert_int_equal(e[1].n, 1);
}

/* store_purge: deletes only what the predicate dooms, at most max per call */

static int
doomed_old(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	(void)k;
	(void)arg;
	return klen >= 4 && vlen >= 4 && memcmp(v, "old:", 4) == 0;
}

static int
purge_two(struct store_txn *txn, void *arg)
{
	int *deleted = arg;

	*deleted = store_purge(txn, DB_META, doomed_old, NULL, 2);
	return *deleted < 0 ? *deleted : 0;
}

struct count {
	int n;
};

static int
count_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	(void)k;
	(void)klen;
	(void)v;
	(void)vlen;
	((struct count *)arg)->n++;
	return 0;
}

static int
count_keys(struct store_txn *txn, void *arg)
{
	((struct count *)arg)->n = 0;
	return store_scan(txn, DB_META, NULL, 0, 0, count_one, arg);
}

static void
test_purge(void **state)
{
	struct fix *f = *state;
	struct count c;
	int deleted = -1;

	/* put_keys stores each key as its own value: "old:*" keys are doomed */
	assert_int_equal(store_write(f->st, put_keys,
	    (void *)(const char *const[]){ "old:1", "new:1", "old:2", "old:3", "new:2", NULL }), 0);
	assert_int_equal(store_write(f->st, purge_two, &deleted), 0);
	assert_int_equal(deleted, 2);		/* three doomed, at most two per call */
	assert_int_equal(store_read(f->st, count_keys, &c), 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(store_write(f->st, purge_two, &deleted), 0);
	assert_int_equal(deleted, 1);
	assert_int_equal(store_write(f->st, purge_two, &deleted), 0);
	assert_int_equal(deleted, 0);
	assert_int_equal(store_read(f->st, count_keys, &c), 0);
	assert_int_equal(c.n, 2);		/* new:1 and new:2 are untouched */
}

/* map growth */

struct fill {
	int first, count;	/* keys big<first> .. big<first+count-1> */
	size_t size;		/* bytes per value */
	int runs;		/* times the body ran */
	unsigned char *val;
};

static void
fill_value(unsigned char *val, size_t size, int i)
{
	size_t j;

	for (j = 0; j < size; j++)
		val[j] = (unsigned char)(i * 131 + j * 7 + (j >> 8));
}

static int
fill_run(struct store_txn *txn, void *arg)
{
	struct fill *fl = arg;
	char key[16];
	int i, rc;

	fl->runs++;
	for (i = fl->first; i < fl->first + fl->count; i++) {
		snprintf(key, sizeof(key), "big%05d", i);
		fill_value(fl->val, fl->size, i);
		if ((rc = store_put(txn, DB_AUDIT, key, strlen(key), fl->val, fl->size)) != 0)
			return rc;
	}
	return 0;
}

static int
fill_check(struct store_txn *txn, void *arg)
{
	struct fill *fl = arg;
	const void *v;
	char key[16];
	size_t vlen;
	int i, rc;

	for (i = fl->first; i < fl->first + fl->count; i++) {
		snprintf(key, sizeof(key), "big%05d", i);
		if ((rc = store_get(txn, DB_AUDIT, key, strlen(key), &v, &vlen)) != 0)
			return rc;
		fill_value(fl->val, fl->size, i);
		if (vlen != fl->size || memcmp(v, fl->val, vlen) != 0)
			fail_msg("value %d differs", i);
	}
	return 0;
}

#define VALUE_SIZE (32 * 1024)
#define BIG_TXN 48		/* 1.5 MiB in one transaction: six first maps */
#define SMALL_TXNS 32		/* then 32 transactions of 4 values: 4 MiB more */

static void
test_map_growth(void **state)
{
	struct fix *f = *state;
	struct fill fl = { 0, BIG_TXN, VALUE_SIZE, 0, NULL };
	struct store_stat ss;
	int i;

	assert_non_null(fl.val = malloc(VALUE_SIZE));
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_true(ss.map_size <= SMALL_MAP);
	/* one transaction larger than the whole first map */
	assert_int_equal(store_write(f->st, fill_run, &fl), 0);
	assert_true(fl.runs > 1);		/* it hit the full map and ran again */
	for (i = 0; i < SMALL_TXNS; i++) {
		fl = (struct fill){ BIG_TXN + 4 * i, 4, VALUE_SIZE, 0, fl.val };
		assert_int_equal(store_write(f->st, fill_run, &fl), 0);
	}
	fl = (struct fill){ 0, BIG_TXN + 4 * SMALL_TXNS, VALUE_SIZE, 0, fl.val };
	assert_int_equal(store_read(f->st, fill_check, &fl), 0);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_true(ss.map_size >= (size_t)(BIG_TXN + 4 * SMALL_TXNS) * VALUE_SIZE);
	assert_true(ss.used >= (size_t)(BIG_TXN + 4 * SMALL_TXNS) * VALUE_SIZE);
	assert_true(ss.used <= ss.map_size);
	assert_int_equal(ss.entries[DB_AUDIT], BIG_TXN + 4 * SMALL_TXNS);

	/* closed and opened again with the small map: everything is still there */
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->dir, SMALL_MAP, 0, &f->st), 0);
	assert_int_equal(store_read(f->st, fill_check, &fl), 0);
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_true(ss.map_size > SMALL_MAP);
	/* and it can still grow */
	fl = (struct fill){ 10000, 64, VALUE_SIZE, 0, fl.val };
	assert_int_equal(store_write(f->st, fill_run, &fl), 0);
	assert_int_equal(store_read(f->st, fill_check, &fl), 0);
	free(fl.val);
}

/* A file size limit reached in the middle of a commit (as a full disk is met): LMDB
 * reports the short write as EIO, or EFBIG when the write starts past the limit; either
 * is BP_ENOSPC, what was committed before stays, and nothing of the failed one. Run in a
 * child, whose limit ends with it; its exit status says which check failed. */
static int
disk_full_child(struct fix *f)
{
	struct fill fl = { 0, 1, VALUE_SIZE, 0, NULL };
	struct rlimit rl;
	struct stat sb;
	char path[192];
	int i, rc = 0;

	if ((fl.val = malloc(VALUE_SIZE)) == NULL)
		return 10;
	snprintf(path, sizeof(path), "%s/data.mdb", f->dir);
	signal(SIGXFSZ, SIG_IGN);
	if (stat(path, &sb) != 0)
		return 11;
	/* not on a page boundary: a commit's write runs over it */
	rl.rlim_cur = rl.rlim_max = (rlim_t)sb.st_size + 5 * VALUE_SIZE + 1234;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 12;
	for (i = 0; i < 64; i++) {
		fl = (struct fill){ i, 1, VALUE_SIZE, 0, fl.val };
		if ((rc = store_write(f->st, fill_run, &fl)) != 0)
			break;
	}
	if (i == 0 || i == 64)
		return 13;			/* it filled up, and not at once */
	if (rc != BP_ENOSPC || !store_disk_full(f->st))
		return 14;
	fl = (struct fill){ 0, i, VALUE_SIZE, 0, fl.val };
	if (store_read(f->st, fill_check, &fl) != 0)
		return 15;			/* every commit before it is there */
	fl = (struct fill){ i, 1, VALUE_SIZE, 0, fl.val };
	if (store_read(f->st, fill_check, &fl) != BP_ENOENT)
		return 16;			/* nothing of the failed one */
	free(fl.val);
	return 0;
}

static void
test_disk_full(void **state)
{
	struct fix *f = *state;
	pid_t pid;
	int status;

	assert_true((pid = fork()) >= 0);
	if (pid == 0)
		_exit(disk_full_child(f));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_reopen(void **state)
{
	struct fix *f = *state;
	struct store_stat ss;

	assert_int_equal(do_write(f->st, OP_PUT, "schema", "1", 0), 0);
	assert_int_equal(do_write(f->st, OP_PUT, "gone", "1", 1), 1);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->dir, SMALL_MAP, 0, &f->st), 0);
	assert_string_equal(do_get(f->st, "schema"), "1");
	assert_null(do_get(f->st, "gone"));
	assert_int_equal(store_stat(f->st, &ss), 0);
	assert_int_equal(ss.entries[DB_META], 1);
	assert_int_equal(ss.entries[DB_ACCOUNTS], 0);
	store_close(NULL);
}

static void
test_open_no_store(void **state)
{
	struct fix *f = *state;
	struct store *st = (struct store *)1;
	char dir[128];

	snprintf(dir, sizeof(dir), "%s/none", f->dir);
	assert_int_equal(store_open(dir, SMALL_MAP, 0, &st), BP_ECONFIG);
	assert_null(st);
	assert_false(file_exists(dir));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(store_open(dir, SMALL_MAP, 0, &st), BP_ECONFIG);
	assert_null(st);
	/* create makes the directory and the databases */
	snprintf(dir, sizeof(dir), "%s/new", f->dir);
	assert_int_equal(store_open(dir, SMALL_MAP, 1, &st), 0);
	assert_non_null(st);
	store_close(st);
	assert_int_equal(store_open(dir, SMALL_MAP, 0, &st), 0);
	store_close(st);
	/* create on an existing store keeps its data (one handle per process at a time) */
	assert_int_equal(do_write(f->st, OP_PUT, "keep", "me", 0), 0);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(f->dir, SMALL_MAP, 1, &f->st), 0);
	assert_string_equal(do_get(f->st, "keep"), "me");
}

/* store_del_prefix: a run in the middle, at the end, and one that empties the database
 * (where a cursor left on a deleted key is no longer set) */
static int
fill_prefixes(struct store_txn *txn, void *arg)
{
	static const char *const keys[] = { "a1", "a2", "b1", "b2", "b3", "c1" };
	size_t i;
	int rc;

	(void)arg;
	for (i = 0; i < UNIT_N(keys); i++)
		if ((rc = store_put(txn, DB_REGISTRY, keys[i], 2, "v", 1)) != 0)
			return rc;
	return 0;
}

static int
del_prefix(struct store_txn *txn, void *arg)
{
	long *n = arg;

	return store_del_prefix(txn, DB_REGISTRY, (const char *)&n[1], strlen((const char *)&n[1]), n);
}

static int
do_count_all(struct store_txn *txn, void *arg)
{
	*(int *)arg = 0;
	return store_scan(txn, DB_REGISTRY, NULL, 0, 0, count_key, arg);
}

static void
test_del_prefix(void **state)
{
	struct fix *f = *state;
	long arg[2];
	int n, before;

	assert_int_equal(store_read(f->st, do_count_all, &before), 0);
	assert_int_equal(store_write(f->st, fill_prefixes, NULL), 0);
	memset(arg, 0, sizeof(arg));
	strcpy((char *)&arg[1], "b");
	assert_int_equal(store_write(f->st, del_prefix, arg), 0);
	assert_int_equal(arg[0], 3);
	assert_int_equal(store_read(f->st, do_count_all, &n), 0);
	assert_int_equal(n, before + 3);
	strcpy((char *)&arg[1], "c");	/* the last keys */
	assert_int_equal(store_write(f->st, del_prefix, arg), 0);
	assert_int_equal(arg[0], 1);
	strcpy((char *)&arg[1], "x");	/* none */
	assert_int_equal(store_write(f->st, del_prefix, arg), 0);
	assert_int_equal(arg[0], 0);
	/* everything, down to an empty database */
	strcpy((char *)&arg[1], "a");
	assert_int_equal(store_write(f->st, del_prefix, arg), 0);
	assert_int_equal(arg[0], 2);
	assert_int_equal(before, 0);
	assert_int_equal(store_read(f->st, do_count_all, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_write(f->st, fill_prefixes, NULL), 0);
	strcpy((char *)&arg[1], "");
	assert_int_equal(store_write(f->st, del_prefix, arg), BP_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_get_del, setup, teardown),
		cmocka_unit_test_setup_teardown(test_del_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_databases_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scan_reverse_longest_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_growth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disk_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_no_store, setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
