/* http.c: parse what Apache hands a CGI program (RFC 3875) and write response headers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "util.h"

static int
key_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '.' || c == '-';
}

/* Percent-decode s[0..len) into a new string; NULL with *status set on failure. */
static char *
decode(const char *s, size_t len, size_t *outlen, int *status)
{
	char *out, *o;
	size_t i;
	int hi, lo;

	if ((out = malloc(len + 1)) == NULL) {
		*status = 500;
		return NULL;
	}
	for (i = 0, o = out; i < len; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			if (len - i < 3 || (hi = hex_value(s[i + 1])) < 0 ||
			    (lo = hex_value(s[i + 2])) < 0)
				goto bad;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
bad:
	free(out);
	*status = 400;
	return NULL;
}

/* Control characters other than tab and newline are refused; CRLF and CR become LF. */
static int
clean_value(char *v, size_t *len)
{
	size_t i, j;
	unsigned char c;

	if (!utf8_valid(v, *len))
		return 400;
	for (i = j = 0; i < *len; i++) {
		c = (unsigned char)v[i];
		if (c == '\r') {
			if (i + 1 < *len && v[i + 1] == '\n')
				continue;
			c = '\n';
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			return 400;
		v[j++] = (char)c;
	}
	v[j] = '\0';
	*len = j;
	return 0;
}

static int
list_push(struct http_list *l, char *key, char *val, size_t vlen)
{
	struct http_pair *v;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 16;
		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct http_pair){ key, val, vlen };
	return 0;
}

int
http_parse_urlencoded(const char *s, size_t len, struct http_list *out)
{
	const char *p = s, *end = s + len, *amp, *eq;
	char *key = NULL, *val = NULL;
	size_t klen, vlen, i;
	int status = 0;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {		/* tolerate "a=1&&b=2" and a trailing '&' */
			p++;
			continue;
		}
		if (out->n >= HTTP_FIELDS_MAX)
			return 413;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			eq = amp;
		if ((key = decode(p, (size_t)(eq - p), &klen, &status)) == NULL)
			return status;
		if (klen == 0 || klen > HTTP_KEY_MAX)
			goto bad;
		for (i = 0; i < klen; i++)
			if (!key_char((unsigned char)key[i]))
				goto bad;
		if ((size_t)(amp - eq) > 3 * (size_t)HTTP_VALUE_MAX + 1) {
			status = 413;
			goto fail;
		}
		if ((val = decode(eq < amp ? eq + 1 : amp, eq < amp ? (size_t)(amp - eq - 1) : 0,
		    &vlen, &status)) == NULL)
			goto fail;
		if (vlen > HTTP_VALUE_MAX) {
			status = 413;
			goto fail;
		}
		if ((status = clean_value(val, &vlen)) != 0)
			goto fail;
		if (list_push(out, key, val, vlen) != 0) {
			status = 500;
			goto fail;
		}
		key = val = NULL;
		p = amp + 1;
	}
	return 0;
bad:
	status = 400;
fail:
	free(key);
	free(val);
	return status;
}

void
http_parse_cookies(const char *s, size_t len, struct http_list *out)
{
	const char *p = s, *end = s + len, *semi, *eq, *k, *ke, *v, *ve;
	char *key, *val;
	size_t i;
	int ok;

	while (p < end && out->n < HTTP_COOKIES_MAX) {
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi == NULL)
			semi = end;
		eq = memchr(p, '=', (size_t)(semi - p));
		k = p;
		p = semi + 1;
		if (eq == NULL)
			continue;
		while (k < eq && (*k == ' ' || *k == '\t'))
			k++;
		ke = eq;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		v = eq + 1;
		ve = semi;
		while (v < ve && *v == ' ')
			v++;
		while (ve > v && ve[-1] == ' ')
			ve--;
		if (ke == k || ke - k > HTTP_KEY_MAX || ve - v > HTTP_COOKIE_VALUE_MAX)
			continue;
		for (ok = 1, i = 0; k + i < ke; i++)
			ok &= key_char((unsigned char)k[i]);
		/* RFC 6265 cookie-octet: printable ASCII except space, '"', ',', ';' and '\' */
		for (i = 0; v + i < ve; i++)
			ok &= v[i] > 0x20 && v[i] < 0x7f && v[i] != '"' && v[i] != ',' &&
			    v[i] != '\\';
		if (!ok)
			continue;
		if ((key = strndup(k, (size_t)(ke - k))) == NULL)
			return;
		if ((val = strndup(v, (size_t)(ve - v))) == NULL) {
			free(key);
			return;
		}
		if (list_push(out, key, val, (size_t)(ve - v)) != 0) {
			free(key);
			free(val);
			return;
		}
	}
}

void
http_cookies_prefixed(struct http_list *l, const char *prefix)
{
	size_t i, kept = 0, plen = strlen(prefix);

	for (i = 0; i < l->n; i++) {
		struct http_pair *p = &l->v[i];

		if (strncmp(p->key, prefix, plen) != 0 || p->key[plen] == '\0') {
			free(p->key);
			free(p->val);
			continue;
		}
		memmove(p->key, p->key + plen, strlen(p->key + plen) + 1);
		l->v[kept++] = *p;
	}
	l->n = kept;
}

const char *
http_get(const struct http_list *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

static void
copy_env(char *dst, size_t size, const char *name)
{
	const char *v = getenv(name);
	size_t i;

	dst[0] = '\0';
	if (v == NULL || strlen(v) >= size)
		return;
	for (i = 0; v[i]; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] >= 0x7f)
			return;		/* headers we keep are plain ASCII */
	memcpy(dst, v, i + 1);
}

/* Read and drop (up to the limit) a body we will not use: a CGI program that exits without
 * reading it makes Apache reset the connection before our answer reaches the client. */
static void
drain(FILE *in)
{
	char scratch[8192];
	size_t total = 0, n;

	while (total <= HTTP_BODY_MAX && (n = fread(scratch, 1, sizeof(scratch), in)) > 0)
		total += n;
}

static int
read_body(struct request *r, FILE *in)
{
	const char *cl = getenv("CONTENT_LENGTH"), *ct = getenv("CONTENT_TYPE");
	long long want = -1;
	char *body;
	size_t len = 0, n;
	int status;

	if (cl != NULL && *cl != '\0' && str_to_ll(cl, 0, 1LL << 62, &want) != 0) {
		drain(in);
		return 400;
	}
	if (want > HTTP_BODY_MAX) {
		drain(in);
		return 413;
	}
	if (want == 0)
		return 0;
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
	    (ct[33] != '\0' && ct[33] != ';')) {
		if (want < 0 && ct == NULL)
			return 0;
		drain(in);
		return 415;
	}
	/* at most one byte past the limit tells an oversized chunked body */
	if ((body = malloc(HTTP_BODY_MAX + 1)) == NULL)
		return 500;
	while (len <= HTTP_BODY_MAX && (n = fread(body + len, 1, HTTP_BODY_MAX + 1 - len, in)) > 0)
		len += n;
	if (len > HTTP_BODY_MAX) {
		free(body);
		return 413;
	}
	if (want >= 0 && (long long)len != want) {
		free(body);
		return 400;
	}
	status = http_parse_urlencoded(body, len, &r->form);
	free(body);
	return status;
}

int
http_request_read(struct request *r, FILE *in)
{
	const char *m = getenv("REQUEST_METHOD"), *q, *p, *c;
	size_t i;
	int status = 0;

	memset(r, 0, sizeof(*r));
	if (m == NULL)
		return 400;
	if (strcmp(m, "GET") == 0)
		r->method = HTTP_GET;
	else if (strcmp(m, "HEAD") == 0)
		r->method = HTTP_HEAD;
	else if (strcmp(m, "POST") == 0)
		r->method = HTTP_POST;
	else
		r->method = HTTP_OTHER;
	copy_env(r->addr, sizeof(r->addr), "REMOTE_ADDR");
	copy_env(r->host, sizeof(r->host), "HTTP_HOST");
	copy_env(r->origin, sizeof(r->origin), "HTTP_ORIGIN");
	copy_env(r->fetch_site, sizeof(r->fetch_site), "HTTP_SEC_FETCH_SITE");
	copy_env(r->user_agent, sizeof(r->user_agent), "HTTP_USER_AGENT");
	copy_env(r->script, sizeof(r->script), "SCRIPT_NAME");
	r->https = (p = getenv("HTTPS")) != NULL && strcasecmp(p, "on") == 0;
	if ((p = getenv("PATH_INFO")) != NULL) {
		/* anything odd cannot match a route; keep a marker so it answers 404 */
		if (strlen(p) > HTTP_PATH_MAX)
			p = "/\x7f";
		for (i = 0; p[i]; i++)
			if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f)
				break;
		str_copy(r->path, sizeof(r->path), p[i] ? "/\x7f" : p);
	}
	if ((c = getenv("HTTP_COOKIE")) != NULL)
		http_parse_cookies(c, strlen(c), &r->cookies);
	if ((q = getenv("QUERY_STRING")) != NULL && *q) {
		/* too many fields in a URL is a malformed request, not a large body */
		if (strlen(q) > HTTP_QUERY_MAX)
			status = 400;
		else if ((status = http_parse_urlencoded(q, strlen(q), &r->query)) == 413)
			status = 400;
	}
	if (status == 0 && r->method == HTTP_POST)
		return read_body(r, in);
	if ((p = getenv("CONTENT_LENGTH")) != NULL && *p != '\0' && strcmp(p, "0") != 0)
		drain(in);	/* a body we will not read */
	return status;
}

void
http_list_free(struct http_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
http_request_free(struct request *r)
{
	http_list_free(&r->query);
	http_list_free(&r->form);
	http_list_free(&r->cookies);
}

static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" }, { 303, "See Other" }, { 400, "Bad Request" }, { 403, "Forbidden" },
	{ 404, "Not Found" }, { 405, "Method Not Allowed" }, { 409, "Conflict" },
	{ 410, "Gone" }, { 411, "Length Required" }, { 413, "Content Too Large" },
	{ 415, "Unsupported Media Type" }, { 429, "Too Many Requests" },
	{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
	{ 507, "Insufficient Storage" },
};

const char *
http_reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Error";
}

/* Sent with every response, pages and errors alike (cgi-bin/README.md "Login and sessions"). */
static const char *const security_headers[] = {
	("Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
	    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
	"X-Frame-Options: DENY",
	"Referrer-Policy: no-referrer",
	"X-Content-Type-Options: nosniff",
	"Cache-Control: no-store",
	"Cross-Origin-Opener-Policy: same-origin",
	"Permissions-Policy: camera=(), microphone=(), geolocation=()",
};

void
http_write_head(FILE *out, int status, const char *ctype, size_t len, int https,
    const char *const *extra, size_t nextra)
{
	size_t i;

	fprintf(out, "Status: %d %s\r\n", status, http_reason(status));
	for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		fprintf(out, "%s\r\n", security_headers[i]);
	if (https)
		fputs("Strict-Transport-Security: max-age=31536000\r\n", out);
	if (ctype != NULL) {
		fprintf(out, "Content-Type: %s\r\n", ctype);
		fprintf(out, "Content-Length: %zu\r\n", len);
	}
	for (i = 0; i < nextra; i++)
		fprintf(out, "%s\r\n", extra[i]);
	fputs("\r\n", out);
}
