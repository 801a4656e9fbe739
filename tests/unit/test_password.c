/* test_password.c: password_check through libpwquality and cracklib's dictionary: the
 * passphrases the tests and the README use pass; short, common, dictionary, repetitive
 * and personal ones are refused, each with its Norwegian reason. */
#include "unit.h"

#include "password.h"

static void
test_accepted(void **state)
{
	/* every password the HTTP, browser, load and bench tests register with */
	static const char *const ok[] = {
		"et langt passord for angrepene", "et langt passord for testene",
		"et langt benkepassord", "et langt kartleggerpassord", "et langt korforpassord",
		"et langt passord for lasttesten", "et langt passord for endringsloggene",
		"et langt passord for innsynstesten", "et langt passord for kartleggeren",
		"et langt passord for nettleseren", "et langt passord for rapportene",
		"et langt passord for reservasjonene", "et langt passord for årets syklus",
		"et annet langt passord", "et langt og godt passord", "ikke passordet mitt",
		"langt nok passord", "Blåbærsyltetøy på vaffel", "korrekt hest batteri stift",
	};
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(ok); i++) {
		if (password_check(ok[i], "kartlegger@bench.no", "KORFOR Admin", &why) != 0)
			fail_msg("refused \"%s\": %s", ok[i], why);
		assert_null(why);
	}
}

static void
test_refused(void **state)
{
	static const struct {
		const char *pw;
		const char *why;
	} bad[] = {
		{ "", "Skriv inn et passord." },
		{ "kort", "Passordet må ha minst 12 tegn." },
		{ "æøåæøåæøåæø", "Passordet må ha minst 12 tegn." },	/* 11 characters, 22 bytes */
		{ "kari@kommune.no", "Passordet kan ikke være e-postadressen." },
		{ "mitt navn er Kari Nordmann", "Passordet kan ikke inneholde navnet ditt." },
		{ "passordpassord", "Passordet gjentar de samme tegnene." },
		{ "abcabcabcabcabc", "Passordet gjentar de samme tegnene." },
		{ "aaaaaaaaaaaaaaa", "Passordet gjentar de samme tegnene." },
		{ "heiiiiisann hei", "Passordet har for mange like tegn på rad." },
		{ "abcdefghijklmn", "Passordet har en for lang rekke av tegn som følger hverandre "
		  "(som «abcde» eller «12345»)." },
		{ "123456789012", "Passordet har en for lang rekke av tegn som følger hverandre "
		  "(som «abcde» eller «12345»)." },
		{ "password1357", "Passordet er for likt et ord i ordboken." },
		{ "Password2468!!", "Passordet er for likt et ord i ordboken." },
		{ "superman!!!!!", "Passordet har for mange like tegn på rad." },
		{ "1357friendship", "Passordet er for likt et ord i ordboken." },
		{ "xx kari@kommune.no", "Passordet kan ikke inneholde e-postadressen din." },
	};
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++) {
		if (password_check(bad[i].pw, "kari@kommune.no", "Kari Nordmann", &why) !=
		    BP_EINVAL)
			fail_msg("accepted \"%s\"", bad[i].pw);
		if (why == NULL || strcmp(why, bad[i].why) != 0)
			fail_msg("\"%s\": \"%s\", not \"%s\"", bad[i].pw, why ? why : "(null)",
			    bad[i].why);
	}
	/* 257 characters is one too many */
	{
		char longpw[300];

		memset(longpw, 'a', sizeof(longpw));
		for (i = 0; i < 257; i++)
			longpw[i] = "et langt passord "[i % 17];
		longpw[257] = '\0';
		assert_int_equal(password_check(longpw, "", "", &why), BP_EINVAL);
		assert_string_equal(why, "Passordet kan ha høyst 256 tegn.");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests_name("password", tests, NULL, NULL);
}
