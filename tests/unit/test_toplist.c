/* test_toplist.c: toplist.c keeps the first n of a stream in list order, whatever order the
 * stream comes in, holds no more than n, and wipes what it drops. */
#include "unit.h"

#include "toplist.h"

static int
ascending(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int wiped;

static void
count_wipe(void *item)
{
	*(int *)item = -1;
	wiped++;
}

/* every order of a stream gives the same first items */
static void
test_first_of_stream(void **state)
{
	static const int stream[] = { 42, 7, 99, 3, 18, 3, 56, 1, 77, 25, 64, 11 };
	static const int want[] = { 1, 3, 3, 7, 11 };
	struct toplist t;
	size_t i, r;

	(void)state;
	for (r = 0; r < UNIT_N(stream); r++) {
		assert_int_equal(toplist_init(&t, sizeof(int), UNIT_N(want), ascending, NULL), 0);
		for (i = 0; i < UNIT_N(stream); i++)
			assert_int_equal(toplist_add(&t, &stream[(i + r) % UNIT_N(stream)]), 0);
		assert_int_equal(t.n, UNIT_N(want));
		assert_true(t.cap <= UNIT_N(want));
		toplist_sort(&t);
		for (i = 0; i < UNIT_N(want); i++)
			assert_int_equal(*(int *)toplist_at(&t, i), want[i]);
		toplist_free(&t);
	}
}

/* keep everything (a search), and keep nothing */
static void
test_all_and_none(void **state)
{
	struct toplist t;
	int i;

	(void)state;
	assert_int_equal(toplist_init(&t, sizeof(int), SIZE_MAX, ascending, NULL), 0);
	for (i = 500; i > 0; i--)
		assert_int_equal(toplist_add(&t, &i), 0);
	assert_int_equal(t.n, 500);
	toplist_sort(&t);
	for (i = 0; i < 500; i++)
		assert_int_equal(*(int *)toplist_at(&t, (size_t)i), i + 1);
	toplist_free(&t);
	assert_int_equal(toplist_init(&t, sizeof(int), 0, ascending, NULL), 0);
	assert_int_equal(toplist_add(&t, &i), 0);
	assert_int_equal(t.n, 0);
	toplist_free(&t);
}

/* what is dropped or freed is wiped (the survey list's items hold numbers) */
static void
test_wipe(void **state)
{
	struct toplist t;
	int i;

	(void)state;
	wiped = 0;
	assert_int_equal(toplist_init(&t, sizeof(int), 2, ascending, count_wipe), 0);
	for (i = 10; i > 0; i--)
		assert_int_equal(toplist_add(&t, &i), 0);
	assert_true(wiped >= 8);	/* each of the 8 dropped, and the swaps' copies */
	wiped = 0;
	toplist_free(&t);
	assert_int_equal(wiped, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_of_stream),
		cmocka_unit_test(test_all_and_none),
		cmocka_unit_test(test_wipe),
	};

	return cmocka_run_group_tests_name("toplist", tests, NULL, NULL);
}
