/* test_survey_index.c: the survey indexes (survey_index.c) in a real store: the owner
 * index's facts, parsed by hand (every malformed value is BP_EXML), a sealed record put
 * in another transaction, and the by-change index (an owner's surveys of a year, newest
 * change first). */
#include "unit.h"

#include <lmdb.h>

#include "crypto.h"
#include "pack.h"
#include "survey_fixture.h"

/* -- the owner index's facts, parsed by hand: every malformed value is BP_EXML ---------- */

struct facts_arg {
	unsigned char key[SURVEY_KEY_LEN];
	char value[512];		/* to put, or what was read */
	int sec;			/* open the number too */
	struct survey_facts facts;
	int rc, list_rc;
	int order_rc, ordered;		/* survey_order: how many it gave */
	unsigned char order_key[SURVEY_KEY_LEN];
	long long order_changed;
};

static int
index_key(unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN], const unsigned char *key)
{
	memcpy(ok, OWNER_A, ACCOUNT_ID_LEN);
	memcpy(ok + ACCOUNT_ID_LEN, key, SURVEY_KEY_LEN);
	return ACCOUNT_ID_LEN + SURVEY_KEY_LEN;
}

static int
get_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;
	unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN];
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = store_get(txn, DB_OWNERS, ok, (size_t)index_key(ok, a->key), &v, &vlen)) != 0)
		return rc;
	assert_true(vlen < sizeof(a->value));
	memcpy(a->value, v, vlen);
	a->value[vlen] = '\0';
	return 0;
}

static int
put_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;
	unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN];

	return store_put(txn, DB_OWNERS, ok, (size_t)index_key(ok, a->key), a->value,
	    strlen(a->value));
}

static int
count_facts(const struct survey_facts *f, void *arg)
{
	(void)f;
	(void)arg;
	return 0;
}

static int
order_facts(const unsigned char key[SURVEY_KEY_LEN], long long changed, void *arg)
{
	struct facts_arg *a = arg;

	a->ordered++;
	memcpy(a->order_key, key, SURVEY_KEY_LEN);
	a->order_changed = changed;
	return 0;
}

static int
read_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;

	a->rc = survey_facts(txn, a->sec ? &sec : NULL, OWNER_A, a->key, &a->facts);
	a->list_rc = survey_list(txn, a->sec ? &sec : NULL, OWNER_A, 0, count_facts, NULL);
	a->ordered = 0;
	a->order_rc = survey_order(txn, OWNER_A, 2026, order_facts, a);
	return 0;
}

/* value in the index: refused by survey_facts and survey_list alike (from sec_only on);
 * survey_order reads the by-change index, not the facts, and still gives the row (the list
 * then fails on its facts) */
static void
expect_bad(struct fix *f, struct facts_arg *a, int sec_only, int want)
{
	assert_int_equal(store_write(f->st, put_facts, a), 0);
	for (a->sec = sec_only; a->sec <= 1; a->sec++) {
		assert_int_equal(store_read(f->st, read_facts, a), 0);
		if (a->rc != want || a->list_rc != want)
			fail_msg("\"%s\" (sec %d): %d, list %d", a->value, a->sec, a->rc,
			    a->list_rc);
		if (a->order_rc != 0 || a->ordered != 1)
			fail_msg("\"%s\": order %d (%d)", a->value, a->order_rc, a->ordered);
	}
}

static void
test_facts_malformed(void **state)
{
	struct fix *f = *state;
	struct facts_arg a;
	struct op o;
	char id[SURVEY_ID_LEN + 1], hex[130], upper[SURVEY_ID_LEN + 1];
	long long changed;
	int i;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	o.owner = OWNER_A;
	o.kategori = "rus";
	o.facts.errors = 7;
	o.facts.obs = 4;
	o.facts.changed = 1767225600;
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	memcpy(a.key, o.key, SURVEY_KEY_LEN);
	assert_int_equal(store_read(f->st, get_facts, &a), 0);
	assert_int_equal(sscanf(a.value, "%*d %*d %lld %*d %32s %129s", &changed, id, hex), 3);
	assert_int_equal(changed, 1767225600);
	for (i = 0; id[i]; i++)
		upper[i] = (char)(id[i] >= 'a' ? id[i] - 32 : id[i]);
	upper[i] = '\0';
	/* what was written reads back, with and without the number */
	for (a.sec = 0; a.sec <= 1; a.sec++) {
		assert_int_equal(store_read(f->st, read_facts, &a), 0);
		assert_int_equal(a.rc, 0);
		assert_int_equal(a.list_rc, 0);
		assert_int_equal(a.facts.errors, 7);
		assert_int_equal(a.facts.obs, 4);
		assert_int_equal(a.facts.changed, 1767225600);
		assert_int_equal(a.facts.version, 1);
		assert_string_equal(a.facts.id, o.facts.id);
		assert_string_equal(a.facts.fnr, a.sec ? FNR : "");
		assert_int_equal(a.order_rc, 0);
		assert_int_equal(a.ordered, 1);
		assert_memory_equal(a.order_key, o.key, SURVEY_KEY_LEN);
		assert_int_equal(a.order_changed, 1767225600);
	}
	/* the list opens the number of a row only when asked to: some faults show only then */
#define BAD(sec_only, ...) do {							\
	snprintf(a.value, sizeof(a.value), __VA_ARGS__);			\
	expect_bad(f, &a, sec_only, BP_EXML);					\
} while (0)
	BAD(0, "%s", "");
	BAD(0, "7 4 1767225600 1 %s", id);			/* no number */
	BAD(0, "7 4 1767225600 1 %s %s ", id, hex);		/* a space after */
	BAD(0, "7 4 1767225600 1 %s %s x", id, hex);		/* more after */
	BAD(0, "7  4 1767225600 1 %s %s", id, hex);		/* an empty field */
	BAD(0, " 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "-7 4 1767225600 1 %s %s", id, hex);		/* never negative */
	BAD(0, "+7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "7 4x 1767225600 1 %s %s", id, hex);
	BAD(0, "7 4 1767225600 %s %s", id, hex);		/* a field missing */
	BAD(0, "7 4 1767225600999999999 1 %s %s", id, hex);	/* 19 digits: could overflow */
	BAD(0, "%s", "7 4 1767225600");			/* nothing after the change */
	BAD(0, "7 4 1767225600 1 %s0 %s", id, hex);		/* an id of 33 */
	BAD(0, "7 4 1767225600 1 %.31s %s", id, hex);	/* of 31 */
	BAD(0, "7 4 1767225600 1 %s %s", upper, hex);	/* one spelling only */
	BAD(0, "7 4 1767225600 1 %s %s0", id, hex);		/* odd hex */
	BAD(1, "7 4 1767225600 1 %s %s%s", id, hex, hex);	/* sealed too long */
	BAD(1, "7 4 1767225600 1 %s zz%s", id, hex + 2);	/* not hex */
	/* encoding 1 has no tag; a tag names a later encoding, which this release does not
	 * know (a newer release wrote it), and "v1" would be a second spelling of 1 */
	BAD(0, "v1 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v2 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v99999999999999999999 7 4 1767225600 1 %s %s", id, hex);
#undef BAD
	/* a tag that does not verify is a crypto error */
	snprintf(a.value, sizeof(a.value), "7 4 1767225600 1 %s %s00", id, hex);
	expect_bad(f, &a, 1, BP_ECRYPTO);
}

static int
do_put(struct store_txn *txn, void *arg)
{
	return survey_put(txn, arg);
}

/* A save seals outside the write transaction (survey_seal) and writes in a short one
 * (survey_put): a save in between, or the survey deleted and made anew at the same
 * version, makes the sealed record stale, and nothing is overwritten. */
static void
test_seal_then_put(void **state)
{
	struct fix *f = *state;
	struct survey_sealed sealed;
	struct survey_facts old;
	struct op o;
	xmlDocPtr d;

	memset(&o, 0, sizeof(o));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	o.owner = OWNER_A;
	o.kategori = "rus";
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	/* sealed at version 1, then someone saves first */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &o.facts, &sealed), 0);
	xmlFreeDoc(d);
	o.kategori = "begge";
	assert_int_equal(store_write(f->st, do_save, &o), 0);
	assert_int_equal(store_write(f->st, do_put, &sealed), BP_ESTALE);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "begge");
	/* sealed at the stored version: written, and opens as the next one */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &o.facts, &sealed), 0);
	xmlFreeDoc(d);
	assert_int_equal(store_write(f->st, do_put, &sealed), 0);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "psyk");
	/* deleted and made anew (version 1 again, another page id): a record sealed for the
	 * old one at version 1 is refused */
	o.facts.version = 1;
	old = o.facts;
	assert_int_equal(store_write(f->st, do_remove, &o), 0);
	o.kategori = "rus";
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	assert_int_equal(o.facts.version, 1);
	assert_string_not_equal(o.facts.id, old.id);
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &old, &sealed), 0);
	xmlFreeDoc(d);
	assert_int_equal(store_write(f->st, do_put, &sealed), BP_ESTALE);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "rus");
	/* the wrong owner is refused before anything is sealed */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, "kort", d, FNR, &o.facts, &sealed), BP_EINVAL);
	survey_sealed_free(&sealed);
	xmlFreeDoc(d);
}

/* -- the by-change index: an owner's surveys of a year, newest change first ------------- */

struct order_arg {
	const char *owner;
	int year;
	int stop;			/* stop after this many (0: all) */
	int n;
	unsigned char keys[8][SURVEY_KEY_LEN];
	long long changed[8];
	long count;
	int rc;
};

static int
order_row(const unsigned char key[SURVEY_KEY_LEN], long long changed, void *arg)
{
	struct order_arg *o = arg;

	if (o->stop && o->n == o->stop)
		return 1;
	assert_true(o->n < 8);
	memcpy(o->keys[o->n], key, SURVEY_KEY_LEN);
	o->changed[o->n++] = changed;
	return 0;
}

static int
do_order(struct store_txn *txn, void *arg)
{
	struct order_arg *o = arg;

	o->n = 0;
	if ((o->rc = survey_order(txn, o->owner, o->year, order_row, o)) != 0)
		return o->rc;
	return survey_count(txn, o->owner, o->year, &o->count);
}

static int
do_count_all(struct store_txn *txn, void *arg)
{
	return survey_count(txn, OWNER_B, 0, arg);
}

static int
do_refill(struct store_txn *txn, void *arg)
{
	int rc;

	(void)arg;
	/* as a store made before the index: empty, then filled from the owner index */
	if ((rc = store_del_prefix(txn, DB_CHANGED, OWNER_A, ACCOUNT_ID_LEN, NULL)) != 0 ||
	    (rc = store_del_prefix(txn, DB_CHANGED, OWNER_B, ACCOUNT_ID_LEN, NULL)) != 0)
		return rc;
	return survey_changed_fill(txn);
}

/* a survey of person i (its own number) for owner in year, changed at changed */
static void
make(struct fix *f, struct op *o, int i, const char *owner, int year, long long changed)
{
	char fnr[12];

	memset(o, 0, sizeof(*o));
	snprintf(fnr, sizeof(fnr), "0101900%04d", i);
	assert_int_equal(survey_key(&sec, "1103", year, fnr, o->key), 0);
	o->owner = owner;
	o->kategori = "rus";
	o->facts.changed = changed;
	assert_int_equal(store_write(f->st, do_create, o), 0);
}

static void
expect_order(struct fix *f, const char *owner, int year, long count, int n, ...)
{
	struct order_arg o = { owner, year, 0, 0, { { 0 } }, { 0 }, 0, 0 };
	va_list ap;
	int i;

	assert_int_equal(store_read(f->st, do_order, &o), 0);
	assert_int_equal(o.count, count);
	assert_int_equal(o.n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const struct op *want = va_arg(ap, const struct op *);

		assert_memory_equal(o.keys[i], want->key, SURVEY_KEY_LEN);
		assert_int_equal(o.changed[i], want->facts.changed);
	}
	va_end(ap);
}

static void
test_by_change(void **state)
{
	struct fix *f = *state;
	struct handover_arg h = { person(OWNER_A, "I1"), person(OWNER_B, "I1"), 0 };
	struct order_arg stop = { OWNER_A, 2026, 2, 0, { { 0 } }, { 0 }, 0, 0 };
	struct op s[7], *tie1, *tie2;
	long n;

	make(f, &s[0], 1, OWNER_A, 2026, 100);
	make(f, &s[1], 2, OWNER_A, 2026, 300);
	make(f, &s[2], 3, OWNER_A, 2026, 200);
	make(f, &s[3], 4, OWNER_A, 2026, 300);
	make(f, &s[4], 5, OWNER_A, 2026, 50);
	make(f, &s[5], 6, OWNER_A, 2025, 400);		/* another year */
	make(f, &s[6], 7, OWNER_B, 2026, 500);		/* another owner */
	/* a tie goes by survey key */
	tie1 = memcmp(s[1].key, s[3].key, SURVEY_KEY_LEN) < 0 ? &s[1] : &s[3];
	tie2 = tie1 == &s[1] ? &s[3] : &s[1];
	expect_order(f, OWNER_A, 2026, 5, 5, tie1, tie2, &s[2], &s[0], &s[4]);
	expect_order(f, OWNER_A, 2025, 1, 1, &s[5]);
	expect_order(f, OWNER_B, 2026, 1, 1, &s[6]);
	expect_order(f, OWNER_B, 2025, 0, 0);
	assert_int_equal(store_read(f->st, do_order, &stop), 0);
	assert_int_equal(stop.n, 2);			/* read no further than asked */
	/* a save moves the survey to its new change */
	s[4].facts.changed = 400;
	assert_int_equal(store_write(f->st, do_save, &s[4]), 0);
	expect_order(f, OWNER_A, 2026, 5, 5, &s[4], tie1, tie2, &s[2], &s[0]);
	/* a stale save moves nothing */
	s[0].facts.version = 7;
	s[0].facts.changed = 900;
	assert_int_equal(store_write(f->st, do_save, &s[0]), BP_ESTALE);
	s[0].facts.version = 1;
	s[0].facts.changed = 100;
	expect_order(f, OWNER_A, 2026, 5, 5, &s[4], tie1, tie2, &s[2], &s[0]);
	/* removal takes it out */
	assert_int_equal(store_write(f->st, do_remove, &s[2]), 0);
	expect_order(f, OWNER_A, 2026, 4, 4, &s[4], tie1, tie2, &s[0]);
	/* a hand-over moves every year's, in order among the new owner's */
	assert_int_equal(store_write(f->st, do_handover, &h), 0);
	assert_int_equal(h.moved, 5);
	expect_order(f, OWNER_A, 2026, 0, 0);
	expect_order(f, OWNER_A, 2025, 0, 0);
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* a store from before the index gets the same index */
	assert_int_equal(store_write(f->st, do_refill, NULL), 0);
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* and so does a store opened by a program from before it: store_open makes it */
	{
		MDB_env *env;
		MDB_txn *txn;
		MDB_dbi dbi;

		store_close(f->st);
		f->st = NULL;
		assert_int_equal(mdb_env_create(&env), 0);
		assert_int_equal(mdb_env_set_maxdbs(env, 64), 0);
		assert_int_equal(mdb_env_open(env, f->dir, 0, 0600), 0);
		assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
		assert_int_equal(mdb_dbi_open(txn, store_db_names[DB_CHANGED], MDB_DUPSORT, &dbi), 0);
		assert_int_equal(mdb_drop(txn, dbi, 1), 0);
		assert_int_equal(mdb_txn_commit(txn), 0);
		mdb_env_close(env);
		assert_int_equal(store_open(f->dir, 1024 * 1024, 0, &f->st), 0);
	}
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* every year's count (the hand-over page's) */
	assert_int_equal(store_read(f->st, do_count_all, &n), 0);
	assert_int_equal(n, 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seal_then_put, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_facts_malformed, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_by_change, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("survey_index", tests, NULL, NULL);
}
