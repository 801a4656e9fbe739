/* test_reservation.c: reservasjoner (reservation.c) in a real store: they hold for one
 * kommune and one year only, a second one of the same is refused, removing one that is
 * not there says so, and making one deletes the person's survey of that year and kommune
 * (and no other). */
#include "unit.h"

#include <libxml/parser.h>

#include "reservation.h"
#include "secrets.h"
#include "survey.h"

#define FNR "01019000598"
#define FNR2 "15038512345"

static struct secrets sec;

static int
setup(void **state)
{
	memset(&sec, 0x5a, sizeof(sec));
	return fix_setup(state, NULL, 1024 * 1024);
}

enum op { OP_CHECK, OP_ADD, OP_REMOVE };

struct res {
	enum op op;
	const char *kommune;
	int year;
	const char *fnr;
};

static int
do_op(struct store_txn *txn, void *arg)
{
	const struct res *r = arg;

	switch (r->op) {
	case OP_CHECK:
		return reservation_check(txn, &sec, r->kommune, r->year, r->fnr);
	case OP_ADD:
		return reservation_add(txn, &sec, r->kommune, r->year, r->fnr, 1781000000);
	case OP_REMOVE:
		return reservation_remove(txn, &sec, r->kommune, r->year, r->fnr);
	}
	return BP_EINVAL;
}

/* run one operation in its own transaction (a write one for changes) */
static int
run(struct store *st, enum op op, const char *kommune, int year, const char *fnr)
{
	struct res r = { op, kommune, year, fnr };

	/* store_read returns what fn returns: 1 is "reserved" */
	if (op == OP_CHECK)
		return store_read(st, do_op, &r);
	return store_write(st, do_op, &r);
}

static void
test_scope(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_ADD, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 1);
	/* another year, another kommune, another person: not reserved */
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2025, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2027, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1101", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR2), 0);
}

static void
test_twice_and_absent(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f->st, OP_ADD, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_ADD, "1103", 2026, FNR), BP_EEXIST);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 1);
	/* absent: in another year, another kommune, or never made */
	assert_int_equal(run(f->st, OP_REMOVE, "1103", 2025, FNR), BP_ENOENT);
	assert_int_equal(run(f->st, OP_REMOVE, "1101", 2026, FNR), BP_ENOENT);
	assert_int_equal(run(f->st, OP_REMOVE, "1103", 2026, FNR2), BP_ENOENT);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 1);
	assert_int_equal(run(f->st, OP_REMOVE, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_REMOVE, "1103", 2026, FNR), BP_ENOENT);
	/* made again after removal */
	assert_int_equal(run(f->st, OP_ADD, "1103", 2026, FNR), 0);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 1);
}

static void
test_malformed(void **state)
{
	struct fix *f = *state;

	assert_int_equal(run(f->st, OP_ADD, "110", 2026, FNR), BP_EINVAL);
	assert_int_equal(run(f->st, OP_ADD, "11033", 2026, FNR), BP_EINVAL);
	assert_int_equal(run(f->st, OP_ADD, "1103", 0, FNR), BP_EINVAL);
	assert_int_equal(run(f->st, OP_ADD, "1103", 10000, FNR), BP_EINVAL);
	assert_int_equal(run(f->st, OP_CHECK, "1103", -1, FNR), BP_EINVAL);
}

#define OWNER "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* the person surveyed in 1103 and 1101 in 2026, and in 1103 in 2025 */
static const struct { const char *kommune; int year; } surveyed[] = {
	{ "1103", 2026 }, { "1101", 2026 }, { "1103", 2025 },
};

static int
make_surveys(struct store_txn *txn, void *arg)
{
	unsigned char key[SURVEY_KEY_LEN];
	char xml[256], existing[ACCOUNT_ID_LEN + 1];
	struct survey_facts facts;
	xmlDocPtr d;
	size_t i;
	int rc;

	(void)arg;
	for (i = 0; i < UNIT_N(surveyed); i++) {
		snprintf(xml, sizeof(xml), "<kartlegging aar='%d' kommune='%s' fnr='%s'/>",
		    surveyed[i].year, surveyed[i].kommune, FNR);
		if ((d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0)) == NULL)
			return BP_EXML;
		memset(&facts, 0, sizeof(facts));
		rc = survey_key(&sec, surveyed[i].kommune, surveyed[i].year, FNR, key);
		if (rc == 0)
			rc = survey_create(txn, &sec, key, OWNER, d, FNR, &facts, existing);
		xmlFreeDoc(d);
		if (rc != 0)
			return rc;
	}
	return 0;
}

struct made {
	const char *fnr;
	long removed;
};

static int
do_make(struct store_txn *txn, void *arg)
{
	struct made *m = arg;

	return reservation_make(txn, &sec, "1103", 2026, m->fnr, 1781000000, "bpadm",
	    &m->removed);
}

/* 1 when the person's survey of kommune and year is there, 0 when not */
static int
has_survey(struct store_txn *txn, void *arg)
{
	const size_t *i = arg;
	unsigned char key[SURVEY_KEY_LEN];
	char owner[ACCOUNT_ID_LEN + 1];
	xmlDocPtr d = NULL;
	int rc;

	if ((rc = survey_key(&sec, surveyed[*i].kommune, surveyed[*i].year, FNR, key)) != 0)
		return rc;
	rc = survey_open(txn, &sec, key, owner, &d);
	xmlFreeDoc(d);
	return rc == 0 ? 1 : rc == BP_ENOENT ? 0 : rc;
}

static void
test_make_deletes_survey(void **state)
{
	struct fix *f = *state;
	struct made m = { FNR2, -1 };
	size_t i;

	assert_int_equal(store_write(f->st, make_surveys, NULL), 0);
	/* someone never surveyed: reserved, nothing deleted */
	assert_int_equal(store_write(f->st, do_make, &m), 0);
	assert_int_equal(m.removed, 0);
	/* the person: 1103's survey of 2026 goes, the others stay */
	m.fnr = FNR;
	assert_int_equal(store_write(f->st, do_make, &m), 0);
	assert_int_equal(m.removed, 1);
	assert_int_equal(run(f->st, OP_CHECK, "1103", 2026, FNR), 1);
	for (i = 0; i < UNIT_N(surveyed); i++)
		assert_int_equal(store_read(f->st, has_survey, &i), i == 0 ? 0 : 1);
	/* a second time: refused, and nothing changes */
	assert_int_equal(store_write(f->st, do_make, &m), BP_EEXIST);
	for (i = 1; i < UNIT_N(surveyed); i++)
		assert_int_equal(store_read(f->st, has_survey, &i), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_twice_and_absent, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_make_deletes_survey, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("reservation", tests, NULL, NULL);
}
