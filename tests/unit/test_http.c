/* test_http.c: http.c: the urlencoded parser (decoding, UTF-8 and control characters, key
 * rules, limits), the lenient cookie parser, http_request_read over a CGI environment and a
 * body from fmemopen, http_get, http_reason and http_write_head. */
#include "unit.h"

#include "app.h"
#include "http.h"
#include "util.h"

/* "key=value|" for each pair, the form the tables below expect */
static void
dump(const struct http_list *l, struct buf *b)
{
	size_t i;

	buf_reset(b);
	buf_puts(b, "");
	for (i = 0; i < l->n; i++) {
		assert_int_equal(strlen(l->v[i].val), l->v[i].vlen);
		buf_printf(b, "%s=%s|", l->v[i].key, l->v[i].val);
	}
	assert_int_equal(b->err, 0);
}

static const struct {
	const char *in;
	int status;
	const char *out;	/* dump when status is 0 */
} form_cases[] = {
	{ "", 0, "" },
	{ "a=1&b=2", 0, "a=1|b=2|" },
	{ "name=Kari+Nordmann", 0, "name=Kari Nordmann|" },
	{ "q=%41%62%2b%26%3D%25", 0, "q=Ab+&=%|" },
	{ "q=%c3%a6", 0, "q=\xc3\xa6|" },
	{ "n=%C3%A6%C3%B8%C3%A5+%C3%86%C3%98%C3%85", 0, "n=\xc3\xa6\xc3\xb8\xc3\xa5 "
	    "\xc3\x86\xc3\x98\xc3\x85|" },
	{ "n=\xc3\xa6\xc3\xb8\xc3\xa5", 0, "n=\xc3\xa6\xc3\xb8\xc3\xa5|" },
	{ "e=%E2%82%AC&s=%F0%9D%84%9E", 0, "e=\xe2\x82\xac|s=\xf0\x9d\x84\x9e|" },
	{ "a=%", 400, NULL },
	{ "a=%4", 400, NULL },
	{ "a=%zz", 400, NULL },
	{ "a=%4g", 400, NULL },
	{ "a=%g4", 400, NULL },
	{ "a=1&b=x%", 400, NULL },
	{ "a=%00", 400, NULL },
	{ "a=x%00y", 400, NULL },
	{ "a=%C3%28", 400, NULL },
	{ "a=%C0%AF", 400, NULL },
	{ "a=%ED%A0%80", 400, NULL },
	{ "a=%F4%90%80%80", 400, NULL },
	{ "a=%C3", 400, NULL },
	{ "a=%FF", 400, NULL },
	{ "a=\xff", 400, NULL },
	{ "a=\xc3\x28", 400, NULL },
	{ "a=%01", 400, NULL },
	{ "a=%1B", 400, NULL },
	{ "a=%1F", 400, NULL },
	{ "a=%7F", 400, NULL },
	{ "a=x\x01y", 400, NULL },
	{ "a=x%09y", 0, "a=x\ty|" },
	{ "a=x%0Ay", 0, "a=x\ny|" },
	{ "a=x%0D%0Ay%0D%0A", 0, "a=x\ny\n|" },
	{ "a=x%0D%0A%0D%0Ay", 0, "a=x\n\ny|" },
	{ "a=x%0Dy", 0, "a=x\ny|" },
	{ "=1", 400, NULL },
	{ "=", 400, NULL },
	{ "a=1&=2", 400, NULL },
	{ "a b=1", 400, NULL },
	{ "a+b=1", 400, NULL },
	{ "a%20b=1", 400, NULL },
	{ "a/b=1", 400, NULL },
	{ "a:b=1", 400, NULL },
	{ "a%00=1", 400, NULL },
	{ "%=1", 400, NULL },
	{ "\xc3\xa6=1", 400, NULL },
	{ "a.b_c-D9=x", 0, "a.b_c-D9=x|" },
	{ "a%2Eb=1", 0, "a.b=1|" },
	{ "a=1&&b=2", 0, "a=1|b=2|" },
	{ "&a=1&", 0, "a=1|" },
	{ "&&&", 0, "" },
	{ "flag", 0, "flag=|" },
	{ "flag&b=2", 0, "flag=|b=2|" },
	{ "a=", 0, "a=|" },
	{ "a==1", 0, "a==1|" },
	{ "a=1=2", 0, "a=1=2|" },
	{ "a=1&a=2", 0, "a=1|a=2|" },
	{ "a=%252F", 0, "a=%2F|" },
};

static void
test_urlencoded_table(void **state)
{
	struct http_list l = { 0 };
	struct buf b = { 0 };
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < UNIT_N(form_cases); i++) {
		st = http_parse_urlencoded(form_cases[i].in, strlen(form_cases[i].in), &l);
		if (st != form_cases[i].status)
			fail_msg("case %zu \"%s\": status %d, expected %d", i, form_cases[i].in,
			    st, form_cases[i].status);
		if (st == 0) {
			dump(&l, &b);
			if (strcmp(b.p, form_cases[i].out) != 0)
				fail_msg("case %zu \"%s\": got \"%s\"", i, form_cases[i].in, b.p);
		}
		http_list_free(&l);
		assert_int_equal(l.n, 0);
	}
	buf_free(&b);
}

/* the length given is the input, NUL bytes included */
static void
test_urlencoded_raw_nul(void **state)
{
	struct http_list l = { 0 };

	(void)state;
	assert_int_equal(http_parse_urlencoded("a=x\0y", 5, &l), 400);
	http_list_free(&l);
	assert_int_equal(http_parse_urlencoded("a=1&b=2", 3, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].val, "1");
	http_list_free(&l);
}

static void
test_urlencoded_key_length(void **state)
{
	struct http_list l = { 0 };
	char in[100];

	(void)state;
	memset(in, 'k', HTTP_KEY_MAX);
	strcpy(in + HTTP_KEY_MAX, "=v");
	assert_int_equal(http_parse_urlencoded(in, strlen(in), &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(l.v[0].key), HTTP_KEY_MAX);
	http_list_free(&l);
	memset(in, 'k', HTTP_KEY_MAX + 1);
	strcpy(in + HTTP_KEY_MAX + 1, "=v");
	assert_int_equal(http_parse_urlencoded(in, strlen(in), &l), 400);
	http_list_free(&l);
}

/* n pairs "k=v&k=v..." */
static char *
many_pairs(size_t n, size_t *len)
{
	char *s = malloc(4 * n + 1);
	size_t i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + 4 * i, "k=v&", 4);
	*len = n ? 4 * n - 1 : 0;
	s[*len] = '\0';
	return s;
}

static void
test_urlencoded_fields_max(void **state)
{
	struct http_list l = { 0 };
	size_t len;
	char *s;

	(void)state;
	s = many_pairs(HTTP_FIELDS_MAX, &len);
	assert_int_equal(http_parse_urlencoded(s, len, &l), 0);
	assert_int_equal(l.n, HTTP_FIELDS_MAX);
	http_list_free(&l);
	free(s);
	s = many_pairs(HTTP_FIELDS_MAX + 1, &len);
	assert_int_equal(http_parse_urlencoded(s, len, &l), 413);
	assert_true(l.n <= HTTP_FIELDS_MAX);
	http_list_free(&l);
	free(s);
}

/* "v=" and a value of n units of unit */
static char *
long_value(const char *unit, size_t n, size_t *len)
{
	size_t u = strlen(unit), i;
	char *s = malloc(2 + u * n + 1);

	assert_non_null(s);
	memcpy(s, "v=", 2);
	for (i = 0; i < n; i++)
		memcpy(s + 2 + u * i, unit, u);
	*len = 2 + u * n;
	s[*len] = '\0';
	return s;
}

static void
test_urlencoded_value_max(void **state)
{
	static const struct {
		const char *unit;
		size_t n;
		int status;
	} cases[] = {
		{ "x", HTTP_VALUE_MAX, 0 },
		{ "x", HTTP_VALUE_MAX + 1, 413 },
		{ "%41", HTTP_VALUE_MAX, 0 },
		{ "%41", HTTP_VALUE_MAX + 1, 413 },
		{ "+", HTTP_VALUE_MAX + 1, 413 },
		{ "x", 4 * HTTP_VALUE_MAX, 413 },
	};
	struct http_list l = { 0 };
	size_t i, len;
	char *s;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		s = long_value(cases[i].unit, cases[i].n, &len);
		assert_int_equal(http_parse_urlencoded(s, len, &l), cases[i].status);
		if (cases[i].status == 0) {
			assert_int_equal(l.n, 1);
			assert_int_equal(l.v[0].vlen, cases[i].n);
		}
		http_list_free(&l);
		free(s);
	}
}

static void
test_http_get(void **state)
{
	static const char in[] = "a=1&b=&a=2&c";
	struct http_list l = { 0 };

	(void)state;
	assert_int_equal(http_parse_urlencoded(in, strlen(in), &l), 0);
	assert_string_equal(http_get(&l, "a"), "1");	/* the first of two */
	assert_string_equal(http_get(&l, "b"), "");
	assert_string_equal(http_get(&l, "c"), "");
	assert_null(http_get(&l, "d"));
	assert_null(http_get(&l, "A"));
	http_list_free(&l);
	assert_null(http_get(&l, "a"));
}

static const struct {
	const char *in;
	const char *out;
} cookie_cases[] = {
	{ "", "" },
	{ "bp_sid=abc", "bp_sid=abc|" },
	{ "bp_sid=abc; bp_pre=def", "bp_sid=abc|bp_pre=def|" },
	{ "bp_sid=abc;bp_pre=def", "bp_sid=abc|bp_pre=def|" },
	{ "  a = 1 ;\tb=2  ", "a=1|b=2|" },
	{ "garbage; a=1", "a=1|" },
	{ "=x; a=1", "a=1|" },
	{ ";;; a=1;;", "a=1|" },
	{ "a b=1; c=2", "c=2|" },
	{ "a:b=1; c=2", "c=2|" },
	{ "a=\"q\"; b=2", "b=2|" },
	{ "a=x\\y; b=2", "b=2|" },
	{ "a=x,y; b=2", "b=2|" },
	{ "a=x y; b=2", "b=2|" },
	{ "a=x\x01y; b=2", "b=2|" },
	{ "a=x\x7fy; b=2", "b=2|" },
	{ "a=\xc3\xa6; b=2", "b=2|" },
	{ "a=; b=2", "a=|b=2|" },
	{ "a=1=2; b=2", "a=1=2|b=2|" },
	{ "a=%41; b=2", "a=%41|b=2|" },		/* cookies are not percent-decoded */
	{ "a=1; a=2", "a=1|a=2|" },
};

static void
test_cookies_table(void **state)
{
	struct http_list l = { 0 };
	struct buf b = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cookie_cases); i++) {
		http_parse_cookies(cookie_cases[i].in, strlen(cookie_cases[i].in), &l);
		dump(&l, &b);
		if (strcmp(b.p, cookie_cases[i].out) != 0)
			fail_msg("case %zu \"%s\": got \"%s\"", i, cookie_cases[i].in, b.p);
		http_list_free(&l);
	}
	buf_free(&b);
}

/* https = yes: only __Host- cookies count, under their plain names */
static void
test_cookies_prefixed(void **state)
{
	static const char in[] = "bp_sid=planted; __Host-bp_sid=aa; __host-bp_pre=bb; "
	    "__Host-=cc; __Host-bp_pre=dd; other=1";
	struct http_list l = { 0 };

	(void)state;
	http_parse_cookies(in, strlen(in), &l);
	assert_int_equal(l.n, 6);
	http_cookies_prefixed(&l, "__Host-");
	assert_int_equal(l.n, 2);
	assert_string_equal(http_get(&l, "bp_sid"), "aa");
	assert_string_equal(http_get(&l, "bp_pre"), "dd");
	assert_null(http_get(&l, "other"));
	assert_null(http_get(&l, "__Host-bp_sid"));
	http_list_free(&l);
	http_cookies_prefixed(&l, "__Host-");		/* an empty list */
	assert_int_equal(l.n, 0);
}

static void
test_cookies_limits(void **state)
{
	struct http_list l = { 0 };
	struct buf in = { 0 }, v = { 0 };
	char key[8];
	size_t i;

	(void)state;
	/* 40 cookies: the first HTTP_COOKIES_MAX are kept, the rest ignored */
	for (i = 0; i < 40; i++)
		buf_printf(&in, "%sc%zu=%zu", i ? "; " : "", i, i);
	http_parse_cookies(in.p, in.len, &l);
	assert_int_equal(l.n, HTTP_COOKIES_MAX);
	for (i = 0; i < HTTP_COOKIES_MAX; i++) {
		snprintf(key, sizeof(key), "c%zu", i);
		assert_string_equal(l.v[i].key, key);
	}
	assert_null(http_get(&l, "c39"));
	http_list_free(&l);

	/* values: HTTP_COOKIE_VALUE_MAX is fine, one more is skipped */
	for (i = 0; i < HTTP_COOKIE_VALUE_MAX + 1; i++)
		buf_add(&v, "v", 1);
	buf_reset(&in);
	buf_printf(&in, "long=%.*s; max=%.*s; after=1", (int)v.len, v.p,
	    (int)HTTP_COOKIE_VALUE_MAX, v.p);
	http_parse_cookies(in.p, in.len, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].key, "max");
	assert_int_equal(l.v[0].vlen, HTTP_COOKIE_VALUE_MAX);
	assert_string_equal(l.v[1].key, "after");
	http_list_free(&l);

	/* keys: HTTP_KEY_MAX characters at most */
	buf_reset(&in);
	buf_printf(&in, "%.*s=1; %.*s=2", HTTP_KEY_MAX + 1, v.p, HTTP_KEY_MAX, v.p);
	http_parse_cookies(in.p, in.len, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(l.v[0].key), HTTP_KEY_MAX);
	assert_string_equal(l.v[0].val, "2");
	http_list_free(&l);

	/* skipped cookies do not use up the limit */
	buf_reset(&in);
	for (i = 0; i < 40; i++)
		buf_printf(&in, "bad%zu=\"x\"; ", i);
	buf_puts(&in, "good=1");
	http_parse_cookies(in.p, in.len, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(http_get(&l, "good"), "1");
	http_list_free(&l);
	buf_free(&in);
	buf_free(&v);
}

/* the CGI environment of one request; NULL unsets */
struct env {
	const char *method, *length, *type, *query, *path, *cookie;
};

static void
env_set(const char *name, const char *val)
{
	if (val)
		assert_int_equal(setenv(name, val, 1), 0);
	else
		assert_int_equal(unsetenv(name), 0);
}

static void
env_apply(const struct env *e)
{
	env_set("REQUEST_METHOD", e->method);
	env_set("CONTENT_LENGTH", e->length);
	env_set("CONTENT_TYPE", e->type);
	env_set("QUERY_STRING", e->query);
	env_set("PATH_INFO", e->path);
	env_set("HTTP_COOKIE", e->cookie);
}

/* a stream over body (len bytes); empty bodies read from /dev/null */
static FILE *
body_open(const char *body, size_t len)
{
	FILE *f = len ? fmemopen((void *)body, len, "r") : fopen("/dev/null", "r");

	assert_non_null(f);
	return f;
}

static int
request(const struct env *e, const char *body, size_t len, struct request *r, long *pos)
{
	FILE *f = body_open(body, len);
	int st;

	env_apply(e);
	st = http_request_read(r, f);
	if (pos)
		*pos = ftell(f);
	fclose(f);
	return st;
}

#define FORM "application/x-www-form-urlencoded"

static const struct {
	struct env env;
	const char *body;
	int status;
	const char *form, *query, *cookies;	/* dumps when status is 0 */
} req_cases[] = {
	{ { "GET", NULL, NULL, "a=1&b=x+y", "/ny", "bp_sid=abc" }, "", 0,
	    "", "a=1|b=x y|", "bp_sid=abc|" },
	{ { "GET", NULL, NULL, NULL, NULL, NULL }, "", 0, "", "", "" },
	{ { "GET", NULL, NULL, "", NULL, NULL }, "", 0, "", "", "" },
	{ { "HEAD", NULL, NULL, "x", NULL, NULL }, "", 0, "", "x=|", "" },
	{ { "POST", "22", FORM, NULL, NULL, NULL }, "name=Kari&e=%C3%A6+%21", 0,
	    "name=Kari|e=\xc3\xa6 !|", "", "" },
	{ { "POST", "3", FORM "; charset=UTF-8", "q=1", NULL, NULL }, "a=1", 0,
	    "a=1|", "q=1|", "" },
	{ { "POST", "3", "Application/X-WWW-Form-URLEncoded", NULL, NULL, NULL }, "a=1", 0,
	    "a=1|", "", "" },
	{ { "POST", NULL, FORM, NULL, NULL, NULL }, "a=1&b=2", 0, "a=1|b=2|", "", "" },
	{ { "POST", "0", NULL, NULL, NULL, NULL }, "", 0, "", "", "" },
	{ { "POST", NULL, NULL, NULL, NULL, NULL }, "", 0, "", "", "" },
	{ { "POST", "10", FORM, NULL, NULL, NULL }, "a=1", 400, NULL, NULL, NULL },
	{ { "POST", "2", FORM, NULL, NULL, NULL }, "a=1", 400, NULL, NULL, NULL },
	{ { "POST", "abc", FORM, NULL, NULL, NULL }, "a=1", 400, NULL, NULL, NULL },
	{ { "POST", "-1", FORM, NULL, NULL, NULL }, "a=1", 400, NULL, NULL, NULL },
	{ { "POST", "3", FORM, NULL, NULL, NULL }, "a=%", 400, NULL, NULL, NULL },
	{ { "POST", "3", "text/plain", NULL, NULL, NULL }, "a=1", 415, NULL, NULL, NULL },
	{ { "POST", "3", "multipart/form-data; boundary=x", NULL, NULL, NULL }, "a=1", 415,
	    NULL, NULL, NULL },
	{ { "POST", "3", FORM "x", NULL, NULL, NULL }, "a=1", 415, NULL, NULL, NULL },
	{ { "POST", "3", NULL, NULL, NULL, NULL }, "a=1", 415, NULL, NULL, NULL },
	{ { "POST", "3", "", NULL, NULL, NULL }, "a=1", 415, NULL, NULL, NULL },
	{ { "GET", NULL, NULL, "a=%zz", NULL, NULL }, "", 400, NULL, NULL, NULL },
	{ { "GET", NULL, NULL, "a=%01", NULL, NULL }, "", 400, NULL, NULL, NULL },
	{ { NULL, NULL, NULL, NULL, NULL, NULL }, "", 400, NULL, NULL, NULL },
};

static void
test_request_table(void **state)
{
	struct request r;
	struct buf b = { 0 };
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < UNIT_N(req_cases); i++) {
		st = request(&req_cases[i].env, req_cases[i].body, strlen(req_cases[i].body), &r,
		    NULL);
		if (st != req_cases[i].status)
			fail_msg("case %zu: status %d, expected %d", i, st, req_cases[i].status);
		if (st == 0) {
			dump(&r.form, &b);
			assert_string_equal(b.p, req_cases[i].form);
			dump(&r.query, &b);
			assert_string_equal(b.p, req_cases[i].query);
			dump(&r.cookies, &b);
			assert_string_equal(b.p, req_cases[i].cookies);
		}
		http_request_free(&r);
	}
	buf_free(&b);
}

static void
test_request_method_path(void **state)
{
	static const struct {
		const char *method;
		enum http_method m;
	} methods[] = {
		{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST },
		{ "PUT", HTTP_OTHER }, { "get", HTTP_OTHER }, { "DELETE", HTTP_OTHER },
	};
	struct env e = { NULL, NULL, NULL, NULL, "/ny/konto", NULL };
	struct request r;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(methods); i++) {
		e.method = methods[i].method;
		assert_int_equal(request(&e, "", 0, &r, NULL), 0);
		assert_int_equal(r.method, methods[i].m);
		assert_string_equal(r.path, "/ny/konto");
		http_request_free(&r);
	}
}

static void
test_request_odd_path(void **state)
{
	static const char *const odd[] = {
		"/a\x01" "b", "/a b", "/a\tb", "/a\x7f", "/\xc3\xa6", "/a\nb", "/a\rb",
	};
	struct env e = { "GET", NULL, NULL, NULL, NULL, NULL };
	struct request r;
	char path[HTTP_PATH_MAX + 2];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(odd); i++) {
		e.path = odd[i];
		assert_int_equal(request(&e, "", 0, &r, NULL), 0);
		assert_string_not_equal(r.path, odd[i]);
		assert_true(r.path[0] != '\0');		/* not the program's own page */
		http_request_free(&r);
	}
	/* HTTP_PATH_MAX characters pass; one more cannot be a route */
	path[0] = '/';
	memset(path + 1, 'p', HTTP_PATH_MAX - 1);
	path[HTTP_PATH_MAX] = '\0';
	e.path = path;
	assert_int_equal(request(&e, "", 0, &r, NULL), 0);
	assert_string_equal(r.path, path);
	http_request_free(&r);
	path[HTTP_PATH_MAX] = 'p';
	path[HTTP_PATH_MAX + 1] = '\0';
	assert_int_equal(request(&e, "", 0, &r, NULL), 0);
	assert_true(strncmp(r.path, path, HTTP_PATH_MAX) != 0);
	assert_true(r.path[0] != '\0');
	http_request_free(&r);
}

static void
test_request_length_limit(void **state)
{
	struct env e = { "POST", "1048577", FORM, NULL, NULL, NULL };
	struct request r;
	long pos = -1;

	size_t big = 3 * HTTP_BODY_MAX;
	char *body, len[32];

	(void)state;
	/* too large by its CONTENT_LENGTH: refused without parsing; what was sent is read and
	 * dropped (so Apache can deliver the answer), but never more than the limit */
	assert_int_equal(request(&e, "a=1", 3, &r, &pos), 413);
	assert_int_equal(pos, 3);
	assert_int_equal(r.form.n, 0);
	http_request_free(&r);
	assert_non_null(body = malloc(big));
	memset(body, 'a', big);
	snprintf(len, sizeof(len), "%zu", big);
	e.length = len;
	assert_int_equal(request(&e, body, big, &r, &pos), 413);
	assert_true(pos > 0 && (size_t)pos <= HTTP_BODY_MAX + 8192);
	http_request_free(&r);
	free(body);
	e.length = "99999999999999";
	assert_int_equal(request(&e, "a=1", 3, &r, &pos), 413);
	assert_int_equal(r.form.n, 0);
	http_request_free(&r);
	e.length = "99999999999999999999999";
	assert_int_equal(request(&e, "a=1", 3, &r, &pos), 400);
	http_request_free(&r);
}

static void
test_request_body_limit(void **state)
{
	struct env e = { "POST", NULL, FORM, NULL, NULL, NULL };
	size_t n = HTTP_BODY_MAX + 1, i;
	struct request r;
	char *body, len[32];

	(void)state;
	/* a body of fields "k=vvv...&" that is fine but for its size */
	assert_non_null(body = malloc(n));
	for (i = 0; i < n; i++)
		body[i] = (i % 1024) == 0 ? 'k' : (i % 1024) == 1 ? '=' :
		    (i % 1024) == 1023 ? '&' : 'v';
	assert_int_equal(request(&e, body, n, &r, NULL), 413);	/* no CONTENT_LENGTH */
	http_request_free(&r);
	snprintf(len, sizeof(len), "%zu", n);
	e.length = len;
	assert_int_equal(request(&e, body, n, &r, NULL), 413);
	http_request_free(&r);
	/* one byte less is exactly the limit and parses */
	n = HTTP_BODY_MAX;
	snprintf(len, sizeof(len), "%zu", n);
	assert_int_equal(request(&e, body, n, &r, NULL), 0);
	assert_int_equal(r.form.n, HTTP_BODY_MAX / 1024);
	assert_int_equal(r.form.v[0].vlen, 1021);
	http_request_free(&r);
	e.length = NULL;
	assert_int_equal(request(&e, body, n, &r, NULL), 0);
	assert_int_equal(r.form.n, HTTP_BODY_MAX / 1024);
	http_request_free(&r);
	free(body);
}

static void
test_request_query_limit(void **state)
{
	struct env e = { "GET", NULL, NULL, NULL, NULL, NULL };
	char q[HTTP_QUERY_MAX + 2];
	struct request r;

	(void)state;
	memcpy(q, "q=", 2);
	memset(q + 2, 'x', HTTP_QUERY_MAX - 2);
	q[HTTP_QUERY_MAX] = '\0';
	e.query = q;
	assert_int_equal(request(&e, "", 0, &r, NULL), 0);
	assert_int_equal(r.query.v[0].vlen, HTTP_QUERY_MAX - 2);
	http_request_free(&r);
	q[HTTP_QUERY_MAX] = 'x';
	q[HTTP_QUERY_MAX + 1] = '\0';
	assert_int_equal(request(&e, "", 0, &r, NULL), 400);
	http_request_free(&r);
}

static void
test_reason(void **state)
{
	static const struct {
		int status;
		const char *reason;
	} cases[] = {
		{ 200, "OK" }, { 303, "See Other" }, { 400, "Bad Request" },
		{ 403, "Forbidden" }, { 404, "Not Found" }, { 405, "Method Not Allowed" },
		{ 411, "Length Required" }, { 413, "Content Too Large" },
		{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
		{ 409, "Conflict" }, { 410, "Gone" }, { 507, "Insufficient Storage" },
		{ 415, "Unsupported Media Type" }, { 429, "Too Many Requests" },
	};
	static const int unknown[] = { 0, -1, 299, 418, 999 };
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++)
		assert_string_equal(http_reason(cases[i].status), cases[i].reason);
	for (i = 0; i < UNIT_N(unknown); i++)
		assert_string_equal(http_reason(unknown[i]), "Error");
}

/* the one map from a handler's bp_err to the status of its error page */
static void
test_status_of(void **state)
{
	static const struct {
		int rc, status;
	} cases[] = {
		{ 0, 0 }, { BP_ENOENT, 404 }, { BP_EINVAL, 400 }, { BP_ESTALE, 409 },
		{ BP_EDENIED, 403 }, { BP_ETOOBIG, 413 }, { BP_ENOSPC, 507 },
		{ BP_ENOMEM, 500 }, { BP_ESTORE, 500 }, { BP_ECRYPTO, 500 }, { BP_EIO, 500 },
		{ BP_ECONFIG, 500 }, { BP_EXML, 500 }, { BP_EEXIST, 500 }, { -999, 500 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++)
		assert_int_equal(app_status_of(cases[i].rc), cases[i].status);
}

static void
test_write_head(void **state)
{
	static const char *const extra[] = { "Location: /bp/", "Set-Cookie: a=1" };
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_non_null(f = open_memstream(&out, &len));
	http_write_head(f, 303, "text/html; charset=utf-8", 1234, 1, extra, 2);
	fclose(f);
	assert_true(strncmp(out, "Status: 303 See Other\r\n", 23) == 0);
	assert_non_null(strstr(out, "\r\nContent-Type: text/html; charset=utf-8\r\n"));
	assert_non_null(strstr(out, "\r\nContent-Length: 1234\r\n"));
	assert_non_null(strstr(out, "\r\nStrict-Transport-Security: "));
	assert_non_null(strstr(out, "\r\nContent-Security-Policy: default-src 'none'"));
	assert_non_null(strstr(out, "\r\nX-Frame-Options: DENY\r\n"));
	assert_non_null(strstr(out, "\r\nLocation: /bp/\r\nSet-Cookie: a=1\r\n\r\n"));
	assert_string_equal(out + len - 4, "\r\n\r\n");
	assert_ptr_equal(strstr(out, "\r\n\r\n"), out + len - 4);	/* one blank line */
	free(out);

	/* no HSTS over plain http, no type or length without a body */
	assert_non_null(f = open_memstream(&out, &len));
	http_write_head(f, 404, NULL, 0, 0, NULL, 0);
	fclose(f);
	assert_true(strncmp(out, "Status: 404 Not Found\r\n", 23) == 0);
	assert_null(strstr(out, "Strict-Transport-Security"));
	assert_null(strstr(out, "Content-Length"));
	assert_string_equal(out + len - 4, "\r\n\r\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded_table),
		cmocka_unit_test(test_urlencoded_raw_nul),
		cmocka_unit_test(test_urlencoded_key_length),
		cmocka_unit_test(test_urlencoded_fields_max),
		cmocka_unit_test(test_urlencoded_value_max),
		cmocka_unit_test(test_http_get),
		cmocka_unit_test(test_cookies_table),
		cmocka_unit_test(test_cookies_limits),
		cmocka_unit_test(test_cookies_prefixed),
		cmocka_unit_test(test_request_table),
		cmocka_unit_test(test_request_method_path),
		cmocka_unit_test(test_request_odd_path),
		cmocka_unit_test(test_request_length_limit),
		cmocka_unit_test(test_request_body_limit),
		cmocka_unit_test(test_request_query_limit),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_status_of),
		cmocka_unit_test(test_write_head),
	};

	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
