/* http.h: CGI request parsing with hard limits, and response headers. */
#ifndef BP_HTTP_H
#define BP_HTTP_H

#include <stddef.h>
#include <stdio.h>

#define HTTP_BODY_MAX (1024 * 1024)	/* larger bodies get 413 */
#define HTTP_QUERY_MAX 4096
#define HTTP_FIELDS_MAX 2048		/* pairs per query string or body */
#define HTTP_KEY_MAX 64
#define HTTP_VALUE_MAX (64 * 1024)
#define HTTP_COOKIES_MAX 32		/* further cookies are ignored */
#define HTTP_COOKIE_VALUE_MAX 4096
#define HTTP_PATH_MAX 255

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

struct http_pair {
	char *key;			/* owned by the list */
	char *val;			/* owned by the list, NUL-terminated, valid UTF-8 */
	size_t vlen;
};

struct http_list {
	struct http_pair *v;
	size_t n;
	size_t cap;
};

struct request {
	enum http_method method;
	char path[HTTP_PATH_MAX + 1];	/* PATH_INFO; "" when none */
	char script[HTTP_PATH_MAX + 1];	/* SCRIPT_NAME */
	char addr[64];			/* REMOTE_ADDR */
	char host[256];			/* Host header */
	char origin[256];		/* Origin header; "" when not sent */
	char fetch_site[32];		/* Sec-Fetch-Site header; "" when not sent */
	char user_agent[512];		/* User-Agent; "" when not sent, longer or not ASCII */
	int https;
	struct http_list query;
	struct http_list form;
	struct http_list cookies;
};

/* Parsers return 0 or the HTTP status to answer with (400, 413). Keys must match
 * [A-Za-z0-9_.-]{1,64}; values are percent-decoded ('+' is a space), must be UTF-8
 * without NUL or control characters other than tab and newline; CRLF becomes LF. */
int http_parse_urlencoded(const char *s, size_t len, struct http_list *out);
/* Cookies are parsed leniently: malformed pairs and cookies past the limits are skipped,
 * since other software on the same host may set cookies we do not control. */
void http_parse_cookies(const char *s, size_t len, struct http_list *out);
/* http_cookies_prefixed: keep only the cookies whose name starts with prefix, under their
 * name without it ("__Host-bp_sid" becomes "bp_sid"); the others are dropped, since a
 * cookie without the prefix may have been set by another host or over plain http. */
void http_cookies_prefixed(struct http_list *l, const char *prefix);

/* http_request_read: the CGI environment and body. 0 or an HTTP status: 400 malformed,
 * 413 too large, 415 not a urlencoded form. A body without CONTENT_LENGTH (chunked) is
 * read to its end, up to the limit. */
int http_request_read(struct request *r, FILE *in);
void http_request_free(struct request *r);
void http_list_free(struct http_list *l);

/* the first value for key, or NULL */
const char *http_get(const struct http_list *l, const char *key);

const char *http_reason(int status);

/* http_write_head: status line, security headers, type and length, then the extra
 * header lines (each without CRLF), then the blank line. */
void http_write_head(FILE *out, int status, const char *ctype, size_t len, int https,
    const char *const *extra, size_t nextra);

#endif
