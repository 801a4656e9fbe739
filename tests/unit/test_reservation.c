/* test_reservation.c: reservasjoner (reservation.c) in a real store: they hold for one
 * kommune and one year only, a second one of the same is refused, and removing one that is
 * not there says so. */
#include "unit.h"

#include "reservation.h"
#include "secrets.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_twice_and_absent, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("reservation", tests, NULL, NULL);
}
