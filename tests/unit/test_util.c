/* test_util.c: util.c: error strings, growable buffers, hex, UTF-8 checks, string helpers,
 * url_encode and the Europe/Oslo date formatting. */
#include "unit.h"

#include <limits.h>
#include <time.h>

#include "util.h"

static void
test_strerror(void **state)
{
	static const int unknown[] = { 1, 100, BP_ERR__MIN, BP_ERR__MIN - 1, INT_MIN };
	const char *s, *t;
	int e, f;
	size_t i;

	(void)state;
	for (e = 0; e > BP_ERR__MIN; e--) {
		s = bp_strerror(e);
		assert_non_null(s);
		assert_true(s[0] != '\0');
		assert_string_not_equal(s, "unknown error");
		for (f = 0; f > e; f--) {
			t = bp_strerror(f);
			assert_string_not_equal(s, t);	/* every code says something else */
		}
	}
	assert_non_null(strstr(bp_strerror(BP_ENOENT), "not found"));
	assert_non_null(strstr(bp_strerror(BP_ENOMEM), "memory"));
	for (i = 0; i < UNIT_N(unknown); i++)
		assert_string_equal(bp_strerror(unknown[i]), "unknown error");
}

static void
test_buf_growth(void **state)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t i, n = 0;

	(void)state;
	buf_free(&b);		/* a zeroed buffer is fine to free */
	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = (char)('a' + i % 26);
	while (b.len <= 1024 * 1024 + 17) {
		buf_add(&b, chunk, sizeof(chunk));
		n += sizeof(chunk);
		assert_int_equal(b.len, n);
	}
	buf_puts(&b, "end");
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, n + 3);
	assert_true(b.cap > b.len);
	assert_int_equal(b.p[b.len], '\0');
	for (i = 0; i < n; i++)
		if (b.p[i] != chunk[i % sizeof(chunk)])
			fail_msg("byte %zu differs", i);
	assert_memory_equal(b.p + n, "end", 4);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	buf_free(&b);
	assert_null(b.p);
	buf_free(&b);		/* and twice */
}

static void
test_buf_printf(void **state)
{
	struct buf b = { 0 };
	size_t big = 2 * 1024 * 1024 + 5, i;
	char *s;

	(void)state;
	buf_printf(&b, "%d-%s-%05.1f", 42, "x", 2.5);
	assert_string_equal(b.p, "42-x-002.5");
	assert_int_equal(b.len, strlen("42-x-002.5"));
	assert_non_null(s = malloc(big + 1));
	memset(s, 'q', big);
	s[big] = '\0';
	buf_printf(&b, "[%s]", s);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 10 + big + 2);
	assert_int_equal(b.p[10], '[');
	for (i = 0; i < big; i++)
		if (b.p[11 + i] != 'q')
			fail_msg("byte %zu differs", i);
	assert_string_equal(b.p + 11 + big, "]");
	buf_add(&b, "", 0);
	assert_int_equal(b.len, 10 + big + 2);
	free(s);
	buf_free(&b);
}

static void
test_csv_field(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "", "" }, { "ja", "ja" }, { "a b|c", "a b|c" }, { "a,b", "\"a,b\"" },
		{ "si \"hei\"", "\"si \"\"hei\"\"\"" }, { "to\nlinjer", "\"to\nlinjer\"" },
		{ "cr\r", "\"cr\r\"" }, { "Tromsø", "Tromsø" },
	};
	struct buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		buf_reset(&b);
		buf_csv_field(&b, cases[i].in);
		assert_string_equal(b.p ? b.p : "", cases[i].out);
	}
	buf_free(&b);
}

static void
test_hex(void **state)
{
	unsigned char in[64], out[64];
	char hex[2 * sizeof(in) + 1];
	size_t n, i;

	(void)state;
	hex_encode("\x00\x01\xab\xff\x7f", 5, hex);
	assert_string_equal(hex, "0001abff7f");
	assert_int_equal(hex_decode("0001ABff7F", 10, out, 5), 0);
	assert_memory_equal(out, "\x00\x01\xab\xff\x7f", 5);
	for (n = 0; n <= sizeof(in); n++) {
		for (i = 0; i < n; i++)
			in[i] = (unsigned char)(i * 37 + n);
		hex_encode(in, n, hex);
		assert_int_equal(strlen(hex), 2 * n);
		memset(out, 0, sizeof(out));
		assert_int_equal(hex_decode(hex, 2 * n, out, n), 0);
		assert_memory_equal(in, out, n);
	}
}

static void
test_hex_reject(void **state)
{
	static const struct {
		const char *in;
		size_t n;
	} bad[] = {
		{ "abc", 1 }, { "abc", 2 }, { "a", 1 }, { "", 1 }, { "00", 2 }, { "0000", 1 },
		{ "zz", 1 }, { "0g", 1 }, { "g0", 1 }, { " 0", 1 }, { "0x", 1 }, { "-1", 1 },
		{ "00\xc3\xa6", 2 },
	};
	unsigned char out[4];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++)
		if (hex_decode(bad[i].in, strlen(bad[i].in), out, bad[i].n) != BP_EINVAL)
			fail_msg("hex_decode accepted \"%s\" for %zu bytes", bad[i].in, bad[i].n);
}

static const struct {
	const char *s;
	int valid;
	size_t chars;		/* code points when valid */
} utf8_cases[] = {
	{ "", 1, 0 },
	{ "abc", 1, 3 },
	{ "\xc3\xa6\xc3\xb8\xc3\xa5", 1, 3 },			/* æøå */
	{ "Bl\xc3\xa5" "b\xc3\xa6r", 1, 6 },			/* Blåbær */
	{ "\xe2\x82\xac", 1, 1 },				/* € */
	{ "\xf0\x9d\x84\x9e", 1, 1 },				/* U+1D11E */
	{ "\xf4\x8f\xbf\xbf", 1, 1 },				/* U+10FFFF */
	{ "\xed\x9f\xbf", 1, 1 },				/* U+D7FF */
	{ "\xee\x80\x80", 1, 1 },				/* U+E000 */
	{ "\xc2\x80", 1, 1 },					/* U+0080 */
	{ "\xe0\xa0\x80", 1, 1 },				/* U+0800 */
	{ "\xf0\x90\x80\x80", 1, 1 },				/* U+10000 */
	{ "a\xc3\xa6\xe2\x82\xac\xf0\x9d\x84\x9e", 1, 4 },
	{ "\xc3\x28", 0, 0 },					/* bad continuation */
	{ "\xc0\xaf", 0, 0 },					/* overlong '/' */
	{ "\xc1\xbf", 0, 0 },					/* overlong */
	{ "\xe0\x80\xaf", 0, 0 },				/* overlong, 3 bytes */
	{ "\xe0\x9f\xbf", 0, 0 },				/* overlong, 3 bytes */
	{ "\xf0\x8f\xbf\xbf", 0, 0 },				/* overlong, 4 bytes */
	{ "\xed\xa0\x80", 0, 0 },				/* surrogate D800 */
	{ "\xed\xbf\xbf", 0, 0 },				/* surrogate DFFF */
	{ "\xf4\x90\x80\x80", 0, 0 },				/* U+110000 */
	{ "\xf5\x80\x80\x80", 0, 0 },
	{ "\xf8\x88\x80\x80\x80", 0, 0 },
	{ "\xff", 0, 0 },
	{ "\xfe", 0, 0 },
	{ "\x80", 0, 0 },					/* lone continuation */
	{ "a\xbf", 0, 0 },
	{ "\xc3", 0, 0 },					/* truncated */
	{ "\xe2\x82", 0, 0 },
	{ "\xf0\x9d\x84", 0, 0 },
	{ "\xc3\xa6\xc3", 0, 0 },
	{ "\xe2\x28\xac", 0, 0 },
	{ "\xf0\x9d\x28\x9e", 0, 0 },
};

static void
test_utf8(void **state)
{
	size_t i, len;

	(void)state;
	for (i = 0; i < UNIT_N(utf8_cases); i++) {
		len = strlen(utf8_cases[i].s);
		if (utf8_valid(utf8_cases[i].s, len) != utf8_cases[i].valid)
			fail_msg("utf8_valid case %zu: expected %d", i, utf8_cases[i].valid);
		if (utf8_cases[i].valid)
			assert_int_equal(utf8_chars(utf8_cases[i].s, len), utf8_cases[i].chars);
	}
	/* the length counts, not the NUL: a NUL byte is a valid code point, and the end
	 * of a short length hides a bad tail */
	assert_int_equal(utf8_valid("a\0b", 3), 1);
	assert_int_equal(utf8_valid("ab\xff", 2), 1);
	assert_int_equal(utf8_valid("\xc3\xa6", 1), 0);
}

static void
test_str_copy(void **state)
{
	static const struct {
		const char *src;
		size_t size;
		int rc;
		const char *out;
	} cases[] = {
		{ "abc", 4, 0, "abc" },
		{ "abc", 10, 0, "abc" },
		{ "abcd", 4, BP_ETOOBIG, "abc" },
		{ "abc", 1, BP_ETOOBIG, "" },
		{ "", 1, 0, "" },
		{ "hello world", 6, BP_ETOOBIG, "hello" },
	};
	char dst[16];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		memset(dst, 'X', sizeof(dst));
		assert_int_equal(str_copy(dst, cases[i].size, cases[i].src), cases[i].rc);
		assert_string_equal(dst, cases[i].out);
		assert_int_equal(dst[cases[i].size], 'X');	/* nothing past size */
	}
	memset(dst, 'X', sizeof(dst));
	assert_int_equal(str_copy(dst, 0, "a"), BP_ETOOBIG);
	assert_int_equal(dst[0], 'X');
}

static void
test_str_trim(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" }, { "a", "a" }, { "  a  ", "a" }, { "\t\r\n a b \n\r\t", "a b" },
		{ "   ", "" }, { "a  b", "a  b" }, { "\n", "" }, { " \xc3\xa6 ", "\xc3\xa6" },
	};
	char s[32];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		strcpy(s, cases[i].in);
		assert_ptr_equal(str_trim(s), s);
		assert_string_equal(s, cases[i].out);
	}
}

static const struct {
	const char *s;
	long long min, max;
	int rc;
	long long v;
} ll_cases[] = {
	{ "0", 0, 10, 0, 0 },
	{ "10", 0, 10, 0, 10 },
	{ "7", 7, 7, 0, 7 },
	{ "-5", -10, 10, 0, -5 },
	{ "-0", 0, 0, 0, 0 },
	{ "007", 0, 10, 0, 7 },
	{ "11", 0, 10, BP_EINVAL, 0 },
	{ "-1", 0, 10, BP_EINVAL, 0 },
	{ "6", 7, 9, BP_EINVAL, 0 },
	{ "", 0, 10, BP_EINVAL, 0 },
	{ " 1", 0, 10, BP_EINVAL, 0 },
	{ "+1", 0, 10, BP_EINVAL, 0 },
	{ "1x", 0, 10, BP_EINVAL, 0 },
	{ "1 ", 0, 10, BP_EINVAL, 0 },
	{ "x", 0, 10, BP_EINVAL, 0 },
	{ "-", -10, 10, BP_EINVAL, 0 },
	{ "0x10", 0, 100, BP_EINVAL, 0 },
	{ "1.5", 0, 10, BP_EINVAL, 0 },
	{ "1e3", 0, 10000, BP_EINVAL, 0 },
	{ "9223372036854775807", LLONG_MIN, LLONG_MAX, 0, LLONG_MAX },
	{ "-9223372036854775808", LLONG_MIN, LLONG_MAX, 0, LLONG_MIN },
	{ "9223372036854775808", LLONG_MIN, LLONG_MAX, BP_EINVAL, 0 },
	{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, BP_EINVAL, 0 },
	{ "99999999999999999999999", LLONG_MIN, LLONG_MAX, BP_EINVAL, 0 },
};

static void
test_str_to_ll(void **state)
{
	long long v;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(ll_cases); i++) {
		v = 12345;
		if (str_to_ll(ll_cases[i].s, ll_cases[i].min, ll_cases[i].max, &v) !=
		    ll_cases[i].rc)
			fail_msg("str_to_ll(\"%s\"): expected %d", ll_cases[i].s, ll_cases[i].rc);
		assert_true(v == (ll_cases[i].rc == 0 ? ll_cases[i].v : 12345));
	}
	assert_int_equal(str_to_ll(NULL, 0, 10, &v), BP_EINVAL);
}

/* str_to_ll refuses every leading white space, not just " 1": strtoll would skip
 * "\t", "\n", "\v", "\f" and "\r" (it once parsed "\t1" as 1). */
static void
test_str_to_ll_whitespace(void **state)
{
	static const char *const ws[] = { "\t1", "\n1", "\r1", "\v1", "\f1" };
	long long v;
	size_t i, accepted = 0;

	(void)state;
	for (i = 0; i < UNIT_N(ws); i++)
		accepted += str_to_ll(ws[i], 0, 10, &v) == 0;
	assert_int_equal(accepted, 0);
}

static void
test_url_encode(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "abcXYZ019-._~", "abcXYZ019-._~" },
		{ "a b", "a%20b" },
		{ "a+b", "a%2Bb" },
		{ "/login?x=1&y=2#f", "%2Flogin%3Fx%3D1%26y%3D2%23f" },
		{ "\xc3\xa6\xc3\xb8\xc3\xa5", "%C3%A6%C3%B8%C3%A5" },
		{ "%", "%25" },
		{ "\x01\x7f\xff", "%01%7F%FF" },
	};
	struct buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		buf_reset(&b);
		buf_puts(&b, ">");
		url_encode(&b, cases[i].in);
		assert_int_equal(b.err, 0);
		assert_string_equal(b.p + 1, cases[i].out);
	}
	buf_free(&b);
}

static time_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

static void
test_time_oslo(void **state)
{
	static const struct {
		int y, mo, d, h, mi;	/* UTC */
		const char *date, *datetime;
		int year;
	} cases[] = {
		{ 2026, 6, 30, 22, 30, "2026-07-01", "2026-07-01 00:30", 2026 },	/* CEST */
		{ 2026, 12, 31, 23, 30, "2027-01-01", "2027-01-01 00:30", 2027 },	/* CET */
		{ 2026, 1, 15, 12, 0, "2026-01-15", "2026-01-15 13:00", 2026 },
		{ 2026, 3, 29, 0, 59, "2026-03-29", "2026-03-29 01:59", 2026 },	/* before DST */
		{ 2026, 3, 29, 1, 0, "2026-03-29", "2026-03-29 03:00", 2026 },	/* DST starts */
		{ 2026, 10, 25, 0, 30, "2026-10-25", "2026-10-25 02:30", 2026 },
		{ 2026, 10, 25, 1, 30, "2026-10-25", "2026-10-25 02:30", 2026 },	/* again */
		{ 2025, 12, 31, 22, 59, "2025-12-31", "2025-12-31 23:59", 2025 },
	};
	char date[11], dt[17];
	time_t t;
	size_t i;

	(void)state;
	setenv("TZ", "America/New_York", 1);	/* the host's zone must not matter */
	tzset();
	for (i = 0; i < UNIT_N(cases); i++) {
		t = utc(cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi, 0);
		time_date(t, date);
		time_datetime(t, dt);
		assert_string_equal(date, cases[i].date);
		assert_string_equal(dt, cases[i].datetime);
		assert_int_equal(time_year(t), cases[i].year);
	}
}

/* the dates' one home: month lengths (leap years, the unknown year), validity, and the
 * Norwegian form messages use */
static void
test_dates(void **state)
{
	char out[DATE_LEN + 1];

	(void)state;
	assert_int_equal(date_month_days(2026, 2), 28);
	assert_int_equal(date_month_days(2024, 2), 29);
	assert_int_equal(date_month_days(2100, 2), 28);
	assert_int_equal(date_month_days(2000, 2), 29);
	assert_int_equal(date_month_days(0, 2), 29);	/* year unknown: it may be */
	assert_int_equal(date_month_days(2026, 4), 30);
	assert_int_equal(date_month_days(2026, 12), 31);
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("29.02.2024"));	/* YYYY-MM-DD only */
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_int_equal(date_parse("01.03.2026", out), 0);
	assert_string_equal(out, "2026-03-01");
	assert_int_equal(date_parse("31.06.2026", out), BP_EINVAL);
	{
		int y, m, d;

		assert_int_equal(date_split("2027-01-31", &y, &m, &d), 0);
		assert_int_equal(y, 2027);
		assert_int_equal(m, 1);
		assert_int_equal(d, 31);
		assert_int_equal(date_split("31.01.2027", &y, &m, &d), BP_EINVAL);
		assert_int_equal(date_split("2027-1-31", &y, &m, &d), BP_EINVAL);
	}
	date_norwegian("2026-03-01", out);
	assert_string_equal(out, "01.03.2026");
	date_norwegian("", out);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_hex_reject),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_str_copy),
		cmocka_unit_test(test_str_trim),
		cmocka_unit_test(test_str_to_ll),
		cmocka_unit_test(test_str_to_ll_whitespace),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_time_oslo),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
