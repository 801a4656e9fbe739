/* fuzz_logline.c: one endringslogg line taken apart (survey_log_parse), as the Logg tab,
 * the innsyn PDF and the kommune's Endringslogger read it. Accepted: the account and action
 * are strings within their bounds, the changed ids (if any) lie inside the action's buffer,
 * and the name is the action or the retting's wording. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct survey_log_line ln;

	if (survey_log_parse((const char *)data, size, &ln) != 0)
		return 0;
	assert(ln.time >= 0);
	assert(strlen(ln.account) < sizeof(ln.account));
	assert(strlen(ln.action) < sizeof(ln.action));
	assert(ln.name == ln.action || strcmp(ln.name, "rettet etter krav fra bruker") == 0);
	if (ln.ids) {
		assert(ln.ids > ln.action && ln.ids < ln.action + sizeof(ln.action));
		assert(strcmp(ln.action, "lagret") == 0 || strcmp(ln.action, "rettet") == 0);
		assert(strlen(ln.ids) < sizeof(ln.action) - 7);
	}
	return 0;
}
