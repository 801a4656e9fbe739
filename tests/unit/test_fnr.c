/* test_fnr.c: fnr_parse and fnr_age over numbers whose control digits were computed apart from
 * this code (the rules in cgi-bin/lib/fnr.c): ordinary numbers in all four century ranges,
 * D-numre, Tenor and NAV test numbers (test mode only), numbers valid only by the 2032 rule,
 * and every way a number is refused. */
#include "unit.h"

#include "fnr.h"

static void
test_valid(void **state)
{
	static const struct {
		const char *in;
		int synthetic_ok;
		enum fnr_type type;
		int y, m, d;
		enum kjonn kjonn;
	} cases[] = {
		{ "01019000407", 0, FNR_ORDINARY, 1990, 1, 1, KJONN_KVINNE },
		{ "01019000598", 0, FNR_ORDINARY, 1990, 1, 1, KJONN_MANN },
		{ "010190 00598", 0, FNR_ORDINARY, 1990, 1, 1, KJONN_MANN },	/* spaces */
		{ "15056061441", 0, FNR_ORDINARY, 1860, 5, 15, KJONN_KVINNE },	/* 500-749, >= 54 */
		{ "24084591218", 0, FNR_ORDINARY, 1945, 8, 24, KJONN_KVINNE },	/* 900-999, >= 40 */
		{ "29020851242", 0, FNR_ORDINARY, 2008, 2, 29, KJONN_KVINNE },	/* 500-999, < 40 */
		{ "01012080421", 0, FNR_ORDINARY, 2020, 1, 1, KJONN_KVINNE },
		{ "41019012393", 0, FNR_DNUMMER, 1990, 1, 1, KJONN_MANN },
		{ "01819012365", 1, FNR_SYNTETISK, 1990, 1, 1, KJONN_MANN },	/* Tenor */
		{ "01419012382", 1, FNR_SYNTETISK, 1990, 1, 1, KJONN_MANN },	/* NAV */
		/* the 2026 manual's example: Tenor, 12 November 1922, and by the rule a man */
		{ "12912200718", 1, FNR_SYNTETISK, 1922, 11, 12, KJONN_MANN },
		{ "01019000415", 0, FNR_2032, 0, 1, 1, KJONN_UKJENT },		/* remainder 1 */
		{ "15039512308", 0, FNR_2032, 0, 3, 15, KJONN_UKJENT },	/* remainder 2 */
	};
	const char *why = NULL;
	struct fnr f;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		if (fnr_parse(cases[i].in, cases[i].synthetic_ok, &f, &why) != 0)
			fail_msg("%s refused: %s", cases[i].in, why);
		assert_int_equal(f.type, cases[i].type);
		assert_int_equal(f.year, cases[i].y);
		assert_int_equal(f.month, cases[i].m);
		assert_int_equal(f.day, cases[i].d);
		assert_int_equal(f.kjonn, cases[i].kjonn);
		assert_int_equal(strlen(f.digits), 11);
	}
}

static void
test_invalid(void **state)
{
	static const struct {
		const char *in;
		int synthetic_ok;
		const char *why;	/* a word of the reason */
	} cases[] = {
		{ "", 1, "11 siffer" },
		{ "0101900040", 1, "11 siffer" },
		{ "010190004071", 1, "11 siffer" },
		{ "0101900040a", 1, "bare inneholde siffer" },
		{ "01019000-07", 1, "bare inneholde siffer" },
		{ "01019000408", 1, "Kontrollsifrene" },	/* k2 off by one */
		{ "01019000417", 1, "Kontrollsifrene" },
		{ "00000000000", 1, "gyldig dato" },		/* passes the sums, no date */
		{ "29021051223", 1, "gyldig dato" },		/* 29.02.2010 */
		{ "01014560013", 1, "Individnummeret" },	/* 600 with year 45 */
		{ "01819012365", 0, "driftsversjonen" },	/* Tenor in drift */
		{ "01419012382", 0, "driftsversjonen" },	/* NAV in drift */
	};
	const char *why;
	struct fnr f;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		why = NULL;
		if (fnr_parse(cases[i].in, cases[i].synthetic_ok, &f, &why) == 0)
			fail_msg("%s accepted", cases[i].in);
		assert_non_null(why);
		if (strstr(why, cases[i].why) == NULL)
			fail_msg("%s: reason \"%s\" lacks \"%s\"", cases[i].in, why, cases[i].why);
		/* a reason never repeats the number */
		assert_null(strstr(why, "0101"));
	}
}

/* every single-digit change of a valid number is either refused or another valid number;
 * most must be refused (the control digits catch one wrong digit) */
static void
test_one_digit_typos(void **state)
{
	char n[12];
	const char *why;
	struct fnr f;
	int pos, digit, accepted = 0, tried = 0;

	(void)state;
	for (pos = 0; pos < 11; pos++)
		for (digit = 0; digit <= 9; digit++) {
			strcpy(n, "01019000598");
			if (n[pos] == '0' + digit)
				continue;
			n[pos] = (char)('0' + digit);
			tried++;
			accepted += fnr_parse(n, 1, &f, &why) == 0 && f.type != FNR_2032;
		}
	assert_int_equal(accepted, 0);	/* mod 11 catches every single wrong digit */
	assert_int_equal(tried, 99);
}

static void
test_age(void **state)
{
	struct fnr f;
	const char *why;

	(void)state;
	assert_int_equal(fnr_parse("22111051228", 0, &f, &why), 0);	/* 22.11.2010 */
	assert_int_equal(fnr_age(&f, 2026, 11, 22), 16);	/* turned 16 today */
	assert_int_equal(fnr_age(&f, 2026, 11, 21), 15);
	assert_int_equal(fnr_parse("23111051267", 0, &f, &why), 0);	/* 23.11.2010 */
	assert_int_equal(fnr_age(&f, 2026, 11, 22), 15);
	assert_int_equal(fnr_parse("29020851242", 0, &f, &why), 0);	/* 29.02.2008 */
	assert_int_equal(fnr_age(&f, 2033, 2, 28), 24);		/* no 29 Feb in 2033 */
	assert_int_equal(fnr_age(&f, 2033, 3, 1), 25);
	assert_int_equal(fnr_parse("01019000415", 0, &f, &why), 0);	/* 2032 rule */
	assert_int_equal(fnr_age(&f, 2026, 11, 22), -1);
}

/* the titles the form and the innsyn PDF show, from the ids records keep */
static void
test_kjonn_title(void **state)
{
	(void)state;
	assert_string_equal(kjonn_title("kvinne"), "Kvinne");
	assert_string_equal(kjonn_title("mann"), "Mann");
	assert_string_equal(kjonn_title("ukjent"), "Ukjent kjønn");
	assert_string_equal(kjonn_title(""), "Ukjent kjønn");
	assert_string_equal(kjonn_title("annet"), "Ukjent kjønn");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_one_digit_typos),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_kjonn_title),
	};

	return cmocka_run_group_tests_name("fnr", tests, NULL, NULL);
}
