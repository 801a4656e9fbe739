/* fuzz_urlencoded.c: query strings and form bodies (http_parse_urlencoded). Every pair
 * that parses must be a valid key and UTF-8 without NUL or stray control characters. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "http.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_list l = { 0 };
	size_t i, j;

	if (http_parse_urlencoded((const char *)data, size, &l) == 0) {
		for (i = 0; i < l.n; i++) {
			assert(strlen(l.v[i].key) >= 1 && strlen(l.v[i].key) <= HTTP_KEY_MAX);
			assert(strlen(l.v[i].val) == l.v[i].vlen);
			assert(utf8_valid(l.v[i].val, l.v[i].vlen));
			for (j = 0; j < l.v[i].vlen; j++)
				assert((unsigned char)l.v[i].val[j] >= 0x20 || l.v[i].val[j] == '\t' ||
				    l.v[i].val[j] == '\n');
		}
	}
	http_list_free(&l);
	return 0;
}
