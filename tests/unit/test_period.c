/* test_period.c: sluttdato and overføringsdato (period.c): dates as typed, the state a
 * date puts a kommune's year in, the checks and warnings of the date card, and the stored
 * period and receipt in a real store. */
#include "unit.h"

#include "period.h"

static void
test_date_parse(void **state)
{
	static const struct {
		const char *in, *out;	/* out NULL: refused */
	} cases[] = {
		{ "2026-11-22", "2026-11-22" }, { "22.11.2026", "2026-11-22" },
		{ "2024-02-29", "2024-02-29" }, { "2026-02-29", NULL }, { "2000-02-29", "2000-02-29" },
		{ "2100-02-29", NULL }, { "2026-04-31", NULL }, { "2026-13-01", NULL },
		{ "2026-00-10", NULL }, { "2026-01-00", NULL }, { "31.12.2026", "2026-12-31" },
		{ "2026-1-01", NULL }, { "2026/01/01", NULL }, { "", NULL }, { "2026-01-011", NULL },
		{ "1999-12-31", NULL }, { "2026-0a-01", NULL }, { "+2026-1-1", NULL },
	};
	char out[DATE_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		int rc = date_parse(cases[i].in, out);

		if (cases[i].out) {
			assert_int_equal(rc, 0);
			assert_string_equal(out, cases[i].out);
		} else
			assert_int_equal(rc, BP_EINVAL);
	}
	assert_int_equal(date_days("2026-11-01", "2026-11-15"), 14);
	assert_int_equal(date_days("2026-12-31", "2027-01-01"), 1);
	assert_int_equal(date_days("2024-02-28", "2024-03-01"), 2);
	assert_int_equal(date_days("2026-03-01", "2026-02-28"), -1);
}

static void
test_state(void **state)
{
	struct period p;

	(void)state;
	memset(&p, 0, sizeof(p));
	/* no dates: open all year, due after 31 December */
	assert_int_equal(period_state(&p, 2026, "2026-06-01"), PERIOD_OPEN);
	assert_int_equal(period_state(&p, 2026, "2026-12-31"), PERIOD_OPEN);
	assert_int_equal(period_state(&p, 2026, "2027-01-01"), PERIOD_DUE);
	strcpy(p.sluttdato, "2026-11-01");
	strcpy(p.overforingsdato, "2026-11-20");
	assert_int_equal(period_state(&p, 2026, "2026-10-31"), PERIOD_OPEN);
	assert_int_equal(period_state(&p, 2026, "2026-11-01"), PERIOD_LOCKED);	/* on the day */
	assert_int_equal(period_state(&p, 2026, "2026-11-19"), PERIOD_LOCKED);
	assert_int_equal(period_state(&p, 2026, "2026-11-20"), PERIOD_DUE);
	p.overfort = 1795000000;
	assert_int_equal(period_state(&p, 2026, "2026-11-19"), PERIOD_TRANSFERRED);
}

static void
test_check(void **state)
{
	struct period old;
	struct period_check c;

	(void)state;
	memset(&old, 0, sizeof(old));
	period_check(&old, "2026-11-01", "2026-11-20", 2026, "2026-01-01", &c);
	assert_null(c.error);
	assert_false(c.close);
	assert_false(c.moved);
	period_check(&old, "2026-11-01", "2026-11-14", 2026, "2026-01-01", &c);	/* 13 days */
	assert_null(c.error);
	assert_true(c.close);
	period_check(&old, "2026-11-01", "2026-11-01", 2026, "2026-01-01", &c);	/* the same day */
	assert_null(c.error);
	assert_true(c.close);
	period_check(&old, "2026-11-01", "2026-10-31", 2026, "2026-01-01", &c);
	assert_string_equal(c.field, "overforingsdato");
	assert_string_equal(c.error, "Overføringsdatoen kan ikke være før sluttdatoen.");
	period_check(&old, "2026-12-01", "2027-01-02", 2026, "2026-01-01", &c);
	assert_string_equal(c.field, "overforingsdato");
	assert_string_equal(c.error, "Siste mulige overføringsdato er 31. desember.");
	period_check(&old, "2025-12-01", "2026-01-20", 2026, "2026-01-01", &c);
	assert_string_equal(c.field, "sluttdato");
	/* moving a set overføringsdato warns; setting the first one or keeping it does not */
	strcpy(old.sluttdato, "2026-11-01");
	strcpy(old.overforingsdato, "2026-11-20");
	period_check(&old, "2026-11-05", "2026-11-20", 2026, "2026-01-01", &c);
	assert_false(c.moved);
	period_check(&old, "2026-11-05", "2026-12-01", 2026, "2026-01-01", &c);
	assert_null(c.error);
	assert_true(c.moved);
}

/* no date before today, unless it is the stored one; today itself is fine */
static void
test_check_today(void **state)
{
	struct period old;
	struct period_check c;

	(void)state;
	memset(&old, 0, sizeof(old));
	period_check(&old, "2026-09-14", "2026-10-01", 2026, "2026-09-15", &c);
	assert_string_equal(c.field, "sluttdato");
	assert_string_equal(c.error, "Sluttdatoen kan ikke være før dagens dato.");
	period_check(&old, "2026-09-15", "2026-09-14", 2026, "2026-09-15", &c);
	assert_string_equal(c.field, "overforingsdato");
	assert_string_equal(c.error, "Overføringsdatoen kan ikke være før dagens dato.");
	period_check(&old, "2026-09-15", "2026-09-15", 2026, "2026-09-15", &c);
	assert_null(c.error);
	period_check(&old, "2026-09-15", "2026-10-15", 2026, "2026-09-15", &c);
	assert_null(c.error);
	/* after sluttdato has passed, the overføringsdato may still move (later) */
	strcpy(old.sluttdato, "2026-09-01");
	strcpy(old.overforingsdato, "2026-09-20");
	period_check(&old, "2026-09-01", "2026-10-20", 2026, "2026-09-15", &c);
	assert_null(c.error);
	assert_true(c.moved);
	/* but neither to another day in the past */
	period_check(&old, "2026-08-31", "2026-10-20", 2026, "2026-09-15", &c);
	assert_string_equal(c.field, "sluttdato");
	period_check(&old, "2026-09-01", "2026-09-10", 2026, "2026-09-15", &c);
	assert_string_equal(c.field, "overforingsdato");
}

struct rw {
	const char *kommune;
	int year;
	struct period p;
	int rc;
};

static int
do_put(struct store_txn *txn, void *arg)
{
	struct rw *w = arg;

	return period_put(txn, w->kommune, w->year, &w->p);
}

static int
do_get(struct store_txn *txn, void *arg)
{
	struct rw *w = arg;

	w->rc = period_get(txn, w->kommune, w->year, &w->p);
	return 0;
}

static int
count_period(const char *kommune, int year, const struct period *p, void *arg)
{
	int *n = arg;

	(void)p;
	assert_int_equal((int)strlen(kommune), 4);
	assert_true(year == 2026 || year == 2025);
	(*n)++;
	return 0;
}

static int
do_scan(struct store_txn *txn, void *arg)
{
	return period_scan(txn, count_period, arg);
}

static int
do_raw(struct store_txn *txn, void *arg)
{
	const char *v = arg;

	return store_put(txn, DB_PERIODS, "03012026", 8, v, strlen(v));
}

static void
test_stored(void **state)
{
	struct fix *f = *state;
	struct rw w = { "1103", 2026, { "", "", "", 0, 0, 0, "" }, 0 };
	int n = 0;

	/* none stored: a zeroed, open period */
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.p.sluttdato, "");
	assert_int_equal(w.p.overfort, 0);
	/* dates, then the receipt, round trip */
	strcpy(w.p.sluttdato, "2026-11-01");
	strcpy(w.p.overforingsdato, "2026-11-20");
	strcpy(w.p.moved_from, "2026-11-18");
	assert_int_equal(store_write(f->st, do_put, &w), 0);
	memset(&w.p, 0, sizeof(w.p));
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_string_equal(w.p.sluttdato, "2026-11-01");
	assert_string_equal(w.p.overforingsdato, "2026-11-20");
	assert_string_equal(w.p.moved_from, "2026-11-18");
	assert_string_equal(w.p.by, "");
	w.p.overfort = 1795000000;
	w.p.transferred = 12;
	w.p.held_back = 3;
	strcpy(w.p.by, "cron");
	assert_int_equal(store_write(f->st, do_put, &w), 0);
	memset(&w.p, 0, sizeof(w.p));
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.p.overfort, 1795000000);
	assert_int_equal(w.p.transferred, 12);
	assert_int_equal(w.p.held_back, 3);
	assert_string_equal(w.p.by, "cron");
	/* the year and kommune are part of the key */
	w.year = 2025;
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.p.overfort, 0);
	assert_int_equal(store_write(f->st, do_put, &w), 0);
	assert_int_equal(store_read(f->st, do_scan, &n), 0);
	assert_int_equal(n, 2);
	/* bad keys and a value that is not ours */
	w.kommune = "11a3";
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, BP_EINVAL);
	w.kommune = "0301";
	w.year = 2026;
	assert_int_equal(store_write(f->st, do_raw, "2026-11-01\t-\t-\t0\t0\t0"), 0);
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, BP_EXML);
	assert_int_equal(store_write(f->st, do_raw, "2026-02-30\t-\t-\t0\t0\t0\t-"), 0);
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, BP_EXML);
	assert_int_equal(store_write(f->st, do_raw, "-\t-\t-\t0\t-1\t0\t-"), 0);
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, BP_EXML);
	assert_int_equal(store_write(f->st, do_raw, "-\t-\t-\t0\t0\t0\t-\tx"), 0);
	assert_int_equal(store_read(f->st, do_get, &w), 0);
	assert_int_equal(w.rc, BP_EXML);
}

static int
setup(void **state)
{
	return fix_setup(state, NULL, 1024 * 1024);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_check_today),
		cmocka_unit_test_setup_teardown(test_stored, setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
