/* fuzz_infoletter.c: the informasjonsskriv's text as KORFOR sends it (UTF-8 without NUL,
 * as the HTTP layer passes it): infoletter_check, and for a text it lets through,
 * infoletter_fill with the longest kommune name and infoletter_parts. A text that passes
 * the check fills without error, and each of its parts is valid UTF-8 that a PDF text
 * may hold (pdf.h's PDF_TEXT_MAX), so that the download never fails on a saved text. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "infoletter.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the longest name in the reference data, as {kommune} is filled in */
static const struct infoletter_fields longest = {
	"Storfjord - Omasvuotna - Omasvuono kommune", "31.12.2026", 2026
};

static int
part_ok(enum infoletter_part part, const char *text, void *arg)
{
	size_t n = strlen(text);

	(void)part;
	(void)arg;
	assert(n > 0 && n <= PDF_TEXT_MAX);
	assert(utf8_valid(text, n));
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf filled = { 0 };
	char *text;

	if (size > 4 * INFOLETTER_MAX_CHARS || memchr(data, '\0', size) ||
	    !utf8_valid((const char *)data, size))
		return 0;
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (infoletter_check(text) == NULL) {
		assert(infoletter_fill(text, &longest, &filled) == 0);
		assert(infoletter_parts(filled.p, part_ok, NULL) == 0);
	}
	buf_free(&filled);
	free(text);
	return 0;
}
