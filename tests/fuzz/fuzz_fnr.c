/* fuzz_fnr.c: fødselsnummer parsing (fnr_parse). Whatever is accepted has 11 digits, a
 * real date (when the year is known) and a kjønn exactly when it has a year. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "fnr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a reason never repeats the number: it holds no run of three or more digits */
static int
echoes_digits(const char *why)
{
	int run = 0;

	for (; *why; why++)
		if ((run = (*why >= '0' && *why <= '9') ? run + 1 : 0) >= 3)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64];
	const char *why = NULL;
	struct fnr f;
	int mode;

	if (size < 1 || size >= sizeof(s))
		return 0;
	mode = data[0] & 1;		/* the first byte picks test or drift mode */
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (fnr_parse(s, mode, &f, &why) == 0) {
		assert(strlen(f.digits) == 11);
		assert(f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= 31);
		assert((f.year == 0) == (f.kjonn == KJONN_UKJENT));
		assert(mode || f.type != FNR_SYNTETISK);
		assert(fnr_age(&f, 2026, 11, 22) < 200);
	} else
		assert(why != NULL && !echoes_digits(why));
	return 0;
}
