/* password.c: password quality through libpwquality (which asks cracklib's dictionary).
 *
 * The settings are made here, in code, and /etc/security/pwquality.conf is not read: a
 * host's PAM policy for its shell users is not this site's policy, and a host could
 * loosen it without anyone here knowing. libpwquality counts bytes; the length rule is
 * ours, in characters, before it is asked. */
#include <ctype.h>
#include <string.h>

#include <pwquality.h>

#include "password.h"
#include "util.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_REPEAT 3			/* the same character at most three times in a row */
#define MAX_SEQUENCE 4			/* "abcd" passes, "abcde" and "12345" do not */
#define NAME_MIN 4			/* bytes of a name worth refusing inside a password */

static const char too_guessable[] = "Passordet er for lett å gjette. Velg et annet, "
    "gjerne en setning av flere ord.";

/* libpwquality's refusals, in Norwegian, one per class of its error codes; only the
 * codes our settings can give are listed, the rest read as too_guessable */
static const struct {
	int code;
	const char *text;
} refusals[] = {
	{ PWQ_ERROR_EMPTY_PASSWORD, "Skriv inn et passord." },
	{ PWQ_ERROR_MIN_LENGTH, "Passordet må ha minst 12 tegn." },
	{ PWQ_ERROR_MAX_CONSECUTIVE, "Passordet har for mange like tegn på rad." },
	{ PWQ_ERROR_MAX_SEQUENCE, "Passordet har en for lang rekke av tegn som følger "
	  "hverandre (som «abcde» eller «12345»)." },
	{ PWQ_ERROR_PALINDROME, "Passordet kan ikke være likt baklengs og forlengs." },
	{ PWQ_ERROR_USER_CHECK, "Passordet kan ikke inneholde e-postadressen din." },
	{ PWQ_ERROR_BAD_WORDS, "Passordet inneholder et ord som ikke kan brukes." },
	{ PWQ_ERROR_TOO_SIMILAR, "Passordet er for likt det gamle." },
	{ PWQ_ERROR_SAME_PASSWORD, "Passordet er likt det gamle." },
};

/* cracklib's verdicts (PWQ_ERROR_CRACKLIB_CHECK), told apart by its message, which it
 * gives in English: the processes never call setlocale */
static const struct {
	const char *prefix;
	const char *text;
} cracklib_refusals[] = {
	{ "it is based on a dictionary word", "Passordet er for likt et ord i ordboken." },
	{ "it is based on a (reversed) dictionary word",
	  "Passordet er for likt et ord i ordboken (baklengs)." },
	{ "it does not contain enough DIFFERENT characters", "Passordet har for få ulike tegn." },
	{ "it is too simplistic/systematic", "Passordet er for enkelt eller systematisk." },
	{ "it is all whitespace", "Passordet kan ikke bare være mellomrom." },
	{ "it looks like a National Insurance number", "Passordet ligner et personnummer." },
};

static const char dictionary_missing[] = "error loading dictionary";

static int
settings(pwquality_settings_t **out)
{
	static const struct {
		int setting, value;
	} values[] = {
		{ PWQ_SETTING_MIN_LENGTH, PASSWORD_MIN },
		{ PWQ_SETTING_MAX_REPEAT, MAX_REPEAT },
		{ PWQ_SETTING_MAX_SEQUENCE, MAX_SEQUENCE },
		{ PWQ_SETTING_DICT_CHECK, 1 },
		{ PWQ_SETTING_USER_CHECK, 1 },
		{ PWQ_SETTING_GECOS_CHECK, 0 },		/* no local users: the name is ours */
	};
	pwquality_settings_t *q;
	size_t i;

	if ((q = pwquality_default_settings()) == NULL)
		return BP_ENOMEM;
	for (i = 0; i < NITEMS(values); i++)
		if (pwquality_set_int_value(q, values[i].setting, values[i].value) != 0) {
			pwquality_free_settings(q);
			return BP_ECONFIG;
		}
	*out = q;
	return 0;
}

/* the text of a libpwquality refusal; NULL when the dictionary cannot be read */
static const char *
refusal(int code, const void *aux)
{
	size_t i;

	if (code == PWQ_ERROR_CRACKLIB_CHECK) {
		if (aux == NULL || strncmp(aux, dictionary_missing, strlen(dictionary_missing)) == 0)
			return NULL;
		for (i = 0; i < NITEMS(cracklib_refusals); i++)
			if (strncmp(aux, cracklib_refusals[i].prefix,
			    strlen(cracklib_refusals[i].prefix)) == 0)
				return cracklib_refusals[i].text;
		return too_guessable;
	}
	for (i = 0; i < NITEMS(refusals); i++)
		if (refusals[i].code == code)
			return refusals[i].text;
	return too_guessable;
}

/* 1 when s is one shorter piece said again and again ("passordpassord", "abcabcabcabc"),
 * which cracklib lets through once it is long enough */
static int
repetitive(const char *s, size_t n)
{
	size_t p, i;

	for (p = 1; p <= n / 2; p++) {
		for (i = p; i < n && s[i] == s[i - p]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/* 1 when the full name (ASCII letters folded) is inside pw */
static int
has_name(const char *pw, const char *name)
{
	size_t n = strlen(name), m = strlen(pw), i, j;

	if (n < NAME_MIN)
		return 0;
	for (i = 0; i + n <= m; i++) {
		for (j = 0; j < n && tolower((unsigned char)pw[i + j]) ==
		    tolower((unsigned char)name[j]); j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

/* ask libpwquality about pw; 0 or BP_EINVAL with *why, or a failure */
static int
ask(pwquality_settings_t *q, const char *pw, const char *user, const char **why)
{
	void *aux = NULL;
	int rc = pwquality_check(q, pw, NULL, user, &aux);

	if (rc >= 0)
		return 0;
	if (rc == PWQ_ERROR_MEM_ALLOC)
		return BP_ENOMEM;
	if (rc == PWQ_ERROR_FATAL_FAILURE)
		return BP_EIO;
	if ((*why = refusal(rc, aux)) == NULL) {
		log_error("password: cracklib's dictionary cannot be read (Debian package "
		    "cracklib-runtime)");
		return BP_ECONFIG;
	}
	return BP_EINVAL;
}

/* The password without digits and punctuation at its ends ("iloveyou1234" ->
 * "iloveyou"): cracklib only strips a few of them itself, so a dictionary word with a
 * year or "!!" added is looked up again. */
static void
core(const char *pw, char *out, size_t size)
{
	size_t b = 0, e = strlen(pw);

	while (b < e && (isdigit((unsigned char)pw[b]) || ispunct((unsigned char)pw[b])))
		b++;
	while (e > b && (isdigit((unsigned char)pw[e - 1]) || ispunct((unsigned char)pw[e - 1])))
		e--;
	if (e - b >= size)
		e = b + size - 1;
	memcpy(out, pw + b, e - b);
	out[e - b] = '\0';
}

int
password_check(const char *pw, const char *email, const char *name, const char **why)
{
	pwquality_settings_t *q = NULL;
	char stripped[4 * PASSWORD_MAX + 1];
	const char *w = NULL;
	size_t n = strlen(pw), chars;
	int rc;

	*why = NULL;
	chars = utf8_valid(pw, n) ? utf8_chars(pw, n) : 0;
	if (*pw == '\0')
		*why = "Skriv inn et passord.";
	else if (chars < PASSWORD_MIN)
		*why = "Passordet må ha minst 12 tegn.";
	else if (chars > PASSWORD_MAX)
		*why = "Passordet kan ha høyst 256 tegn.";
	else if (email != NULL && *email != '\0' && strcmp(pw, email) == 0)
		*why = "Passordet kan ikke være e-postadressen.";
	else if (name != NULL && has_name(pw, name))
		*why = "Passordet kan ikke inneholde navnet ditt.";
	else if (repetitive(pw, n))
		*why = "Passordet gjentar de samme tegnene.";
	if (*why != NULL)
		return BP_EINVAL;
	if ((rc = settings(&q)) != 0)
		return rc;
	/* the whole e-post is the "user": its local part alone would refuse sentences that
	 * merely share a word with it ("kartlegger@…", "et langt kartleggerpassord") */
	rc = ask(q, pw, email != NULL ? email : "", why);
	core(pw, stripped, sizeof(stripped));
	/* the core is judged by the dictionary alone: its length was judged whole */
	if (rc == 0 && strlen(stripped) >= 6 && strlen(stripped) < n &&
	    pwquality_set_int_value(q, PWQ_SETTING_MIN_LENGTH, 6) == 0) {
		rc = ask(q, stripped, "", &w);
		if (rc == BP_EINVAL && w != cracklib_refusals[0].text &&
		    w != cracklib_refusals[1].text)
			rc = 0;
		*why = rc == BP_EINVAL ? w : NULL;
	}
	pwquality_free_settings(q);
	return rc;
}
