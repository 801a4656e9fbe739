/* test_keys.c: the key table (keys.h): in name order (key_find's binary search), every key
 * found by its name, and each type's values good and bad with the key's status. */
#include "unit.h"

#include "keys.h"

static void
test_order_and_find(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < K__MAX; k++) {
		assert_non_null(keydefs[k].name);
		if (k > 0)
			assert_true(strcmp(keydefs[k - 1].name, keydefs[k].name) < 0);
		assert_int_equal(key_find(keydefs[k].name), k);
	}
	assert_int_equal(key_find("csrf"), -1);		/* the core's own */
	assert_int_equal(key_find("kategori"), -1);	/* an answer: the definition's */
	assert_int_equal(key_find(""), -1);
}

static void
test_check(void **state)
{
	(void)state;
	/* integers: digits within the bounds; empty is absent */
	assert_int_equal(key_check(K_SIDE, "2"), 0);
	assert_int_equal(key_check(K_SIDE, ""), 0);
	assert_int_equal(key_check(K_SIDE, "0"), 400);
	assert_int_equal(key_check(K_SIDE, "-1"), 400);
	assert_int_equal(key_check(K_SIDE, "abc"), 400);
	assert_int_equal(key_check(K_SIDE, "99999999999999999999"), 400);
	assert_int_equal(key_check(K_AAR, "2026"), 0);
	assert_int_equal(key_check(K_AAR, "20x6"), 400);
	assert_int_equal(key_check(K_AAR, "../../etc"), 400);
	/* words: a choice, bounded; an id names a thing, so a bad one is 404 */
	assert_int_equal(key_check(K_HANDLING, "lagre"), 0);
	assert_int_equal(key_check(K_FANE, "tjenester_1"), 0);
	assert_int_equal(key_check(K_FANE, "../../etc/passwd"), 400);
	assert_int_equal(key_check(K_MELDING, "<script>"), 400);
	assert_int_equal(key_check(K_ID, "0123456789abcdef0123456789abcdef"), 0);
	assert_int_equal(key_check(K_ID, "../../../etc/passwd"), 404);
	assert_int_equal(key_check(K_OMRADE, "r-vest-stavanger"), 0);
	/* what a person types passes to its handler, which says what is wrong at the field */
	assert_int_equal(key_check(K_FNR, "\"><script>alert(1)</script>"), 0);
	assert_int_equal(key_check(K_TEKST, "Linje 1\nLinje 2 – æøå"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_find),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
