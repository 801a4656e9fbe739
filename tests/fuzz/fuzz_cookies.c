/* fuzz_cookies.c: the Cookie header (http_parse_cookies), bounded and lenient. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_list l = { 0 };
	size_t i;

	http_parse_cookies((const char *)data, size, &l);
	assert(l.n <= HTTP_COOKIES_MAX);
	for (i = 0; i < l.n; i++) {
		assert(strlen(l.v[i].key) >= 1 && strlen(l.v[i].key) <= HTTP_KEY_MAX);
		assert(l.v[i].vlen <= HTTP_COOKIE_VALUE_MAX);
		assert(strchr(l.v[i].val, ';') == NULL && strchr(l.v[i].val, ' ') == NULL);
	}
	http_list_free(&l);
	return 0;
}
