/* test_otp.c: otp.c through liboath: TOTP codes against RFC 6238's SHA-1 test vectors,
 * otp_verify's window of one step, replay refusal, the code formats people type, and the
 * base32 form of a secret (RFC 4648 vectors). */
#include "unit.h"

#include "otp.h"
#include "util.h"

static const unsigned char rfc_secret[] = "12345678901234567890";
#define RFC_LEN 20

/* RFC 6238 appendix B, SHA-1, last six of the eight digits */
static const struct {
	long long t;
	const char *code;
} rfc_codes[] = {
	{ 59, "287082" },
	{ 1111111109, "081804" },
	{ 1111111111, "050471" },
	{ 1234567890, "005924" },
	{ 2000000000, "279037" },
	{ 20000000000LL, "353130" },
};

static void
test_rfc6238_codes(void **state)
{
	char code[7];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(rfc_codes); i++) {
		memset(code, 'x', sizeof(code));
		assert_int_equal(otp_code(rfc_secret, RFC_LEN, rfc_codes[i].t, code), 0);
		assert_string_equal(code, rfc_codes[i].code);
	}
}

static void
test_rfc6238_verify(void **state)
{
	long long step;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(rfc_codes); i++) {
		step = -1;
		assert_int_equal(otp_verify(rfc_secret, RFC_LEN, rfc_codes[i].t, rfc_codes[i].code,
		    0, &step), 0);
		assert_true(step == rfc_codes[i].t / OTP_STEP);
	}
}

/* the code is the same for all of one 30 s step */
static void
test_step_boundaries(void **state)
{
	char a[7], b[7];

	(void)state;
	assert_int_equal(otp_code(rfc_secret, RFC_LEN, 30, a), 0);
	assert_int_equal(otp_code(rfc_secret, RFC_LEN, 59, b), 0);
	assert_string_equal(a, b);
	assert_string_equal(a, "287082");
	assert_int_equal(otp_code(rfc_secret, RFC_LEN, 60, b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(otp_code(rfc_secret, RFC_LEN, 29, b), 0);
	assert_string_not_equal(a, b);
}

static void
test_window(void **state)
{
	static const struct {
		int offset;		/* steps between the code and now */
		int ok;
	} cases[] = {
		{ 0, 1 }, { -1, 1 }, { 1, 1 }, { -2, 0 }, { 2, 0 }, { -10, 0 }, { 10, 0 },
	};
	const long long now = 1111111111;	/* in the middle of its step */
	long long step;
	char code[7], here[3][7];
	size_t i;
	int d;

	(void)state;
	/* the codes the window accepts, to be sure the refused ones are not among them */
	for (d = -1; d <= 1; d++)
		assert_int_equal(otp_code(rfc_secret, RFC_LEN, now + d * OTP_STEP, here[d + 1]), 0);
	for (i = 0; i < UNIT_N(cases); i++) {
		assert_int_equal(otp_code(rfc_secret, RFC_LEN, now + cases[i].offset * OTP_STEP,
		    code), 0);
		if (!cases[i].ok && (strcmp(code, here[0]) == 0 || strcmp(code, here[1]) == 0 ||
		    strcmp(code, here[2]) == 0))
			continue;	/* a collision of six digits: nothing to learn */
		step = -1;
		if (cases[i].ok) {
			assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, code, 0, &step), 0);
			assert_true(step == now / OTP_STEP + cases[i].offset);
		} else
			assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, code, 0, &step),
			    BP_EDENIED);
	}
}

static void
test_replay(void **state)
{
	const long long now = 1234567890;
	long long step, again;
	char prev[7];

	(void)state;
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, "005924", 0, &step), 0);
	assert_true(step == now / OTP_STEP);
	/* the same code, or the one before, once the step is used */
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, "005924", step, &again),
	    BP_EDENIED);
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now + 20, "005924", step, &again),
	    BP_EDENIED);
	assert_int_equal(otp_code(rfc_secret, RFC_LEN, now - OTP_STEP, prev), 0);
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, prev, step, &again), BP_EDENIED);
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, "005924", step + 5, &again),
	    BP_EDENIED);
	/* the step before the last one used is still fine for the code of now */
	assert_int_equal(otp_verify(rfc_secret, RFC_LEN, now, "005924", step - 1, &again), 0);
	assert_true(again == step);
}

static void
test_code_format(void **state)
{
	static const struct {
		const char *code;
		int ok;
	} cases[] = {
		{ "287082", 1 }, { "287 082", 1 }, { " 287082 ", 1 }, { "2 8 7 0 8 2", 1 },
		{ "28708", 0 }, { "2870820", 0 }, { "0287082", 0 }, { "", 0 }, { "      ", 0 },
		{ "28708a", 0 }, { "abcdef", 0 }, { "287-082", 0 }, { "+287082", 0 },
		{ "287082\n", 0 }, { "287\t082", 0 }, { "\xef\xbc\x92" "87082", 0 },
		{ "-287082", 0 }, { "287082 0", 0 },
	};
	long long step;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++)
		if ((otp_verify(rfc_secret, RFC_LEN, 59, cases[i].code, 0, &step) == 0) !=
		    cases[i].ok)
			fail_msg("\"%s\": expected %s", cases[i].code, cases[i].ok ? "ok" : "refused");
}

static void
test_other_secret(void **state)
{
	unsigned char secret[OTP_SECRET_LEN];
	long long step;

	(void)state;
	memcpy(secret, rfc_secret, sizeof(secret));
	secret[0] ^= 1;
	/* two RFC codes both right for another secret: about one chance in 10^11 */
	assert_false(otp_verify(secret, sizeof(secret), 1111111111, "050471", 0, &step) == 0 &&
	    otp_verify(secret, sizeof(secret), 1234567890, "005924", 0, &step) == 0);
}

static void
test_base32(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" }, { "foob", "MZXW6YQ" },
		{ "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" },
		{ "12345678901234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" },
	};
	char out[OTP_BASE32_MAX];
	unsigned char big[OTP_BASE32_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		assert_int_equal(otp_base32((const unsigned char *)cases[i].in,
		    strlen(cases[i].in), out), 0);
		assert_string_equal(out, cases[i].out);
	}
	/* a secret whose base32 does not fit is refused, not cut short silently */
	memset(big, 0x42, sizeof(big));
	assert_int_equal(otp_base32(big, sizeof(big), out), BP_ETOOBIG);
	assert_true(strlen(out) < OTP_BASE32_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_codes),
		cmocka_unit_test(test_rfc6238_verify),
		cmocka_unit_test(test_step_boundaries),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_code_format),
		cmocka_unit_test(test_other_secret),
		cmocka_unit_test(test_base32),
	};

	return cmocka_run_group_tests_name("otp", tests, NULL, NULL);
}
