/* fuzz_period.c: the dates a kommunekontakt types (date_parse), the checks on a pair
 * (period_check) and a stored period read back (period_decode). A date accepted is a real
 * calendar date in YYYY-MM-DD that parses to itself; a pair is refused or accepted, never
 * both; a decoded period's dates are empty or real. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
real_or_empty(const char *d)
{
	char again[DATE_LEN + 1];

	assert(strlen(d) <= DATE_LEN);
	if (*d) {
		assert(date_parse(d, again) == 0);
		assert(strcmp(d, again) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[64], a[DATE_LEN + 1], b[DATE_LEN + 1], again[DATE_LEN + 1];
	const uint8_t *cut;
	struct period p;
	struct period_check c;
	size_t n;
	int year;

	/* the whole input as a stored period */
	if (period_decode((const char *)data, size, &p) == 0) {
		real_or_empty(p.sluttdato);
		real_or_empty(p.overforingsdato);
		real_or_empty(p.moved_from);
		assert(strlen(p.by) <= PERIOD_BY_MAX);
		assert(p.transferred >= 0 && p.held_back >= 0 && p.overfort >= 0);
	}
	/* two typed dates, split at the first newline */
	cut = memchr(data, '\n', size);
	n = cut ? (size_t)(cut - data) : size;
	if (n >= sizeof(in))
		return 0;
	memcpy(in, data, n);
	in[n] = '\0';
	if (date_parse(in, a) != 0)
		return 0;
	assert(strlen(a) == DATE_LEN && a[4] == '-' && a[7] == '-');
	assert(date_parse(a, again) == 0 && strcmp(a, again) == 0);
	assert(date_days(a, a) == 0);
	if (cut == NULL || size - n - 1 >= sizeof(in))
		return 0;
	memcpy(in, cut + 1, size - n - 1);
	in[size - n - 1] = '\0';
	if (date_parse(in, b) != 0)
		return 0;
	assert(date_days(a, b) == -date_days(b, a));
	memset(&p, 0, sizeof(p));
	if (data[0] & 1)
		strcpy(p.overforingsdato, a);
	year = 2000 + (int)(size % 60);
	/* today: the first date, or a day before any the parser accepts */
	period_check(&p, a, b, year, data[0] & 2 ? a : "1999-12-31", &c);
	assert((c.error == NULL) == (c.field == NULL));
	if (c.error == NULL) {
		/* nothing before today, but a stored date kept */
		assert(!(data[0] & 2) || strcmp(b, a) >= 0 || strcmp(b, p.overforingsdato) == 0);
		/* accepted: in order, and on or before 31 December of the year */
		assert(date_days(a, b) >= 0);
		assert(strncmp(a, b, 4) <= 0 && strtol(a, NULL, 10) == year && strtol(b, NULL, 10) <= year);
		assert(c.close == (date_days(a, b) < 14));
	}
	return 0;
}
