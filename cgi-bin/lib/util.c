/* util.c: error strings, buffers, hex, UTF-8 checks, time formatting, logging. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static const char *const err_text[] = {
	"ok",
	"out of memory",
	"invalid input",
	"not found",
	"already exists",
	"size limit exceeded",
	"store failure",
	"crypto failure",
	"i/o failure",
	"unusable configuration",
	"stale record",
	"malformed record",
	"denied",
	"disk full",
};

const char *
bp_strerror(int err)
{
	if (err > 0 || err <= BP_ERR__MIN)
		return "unknown error";
	return err_text[-err];
}

static int
buf_grow(struct buf *b, size_t need)
{
	size_t cap;
	char *p;

	if (b->err)
		return -1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			b->err = BP_ENOMEM;
			return -1;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->err = BP_ENOMEM;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (len > SIZE_MAX - b->len - 1) {
		b->err = BP_ENOMEM;
		return;
	}
	if (buf_grow(b, b->len + len + 1) != 0)
		return;
	if (len)
		memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
}

int
buf_reserve(struct buf *b, size_t more)
{
	if (more > SIZE_MAX - b->len - 1)
		b->err = BP_ENOMEM;
	return b->err ? b->err : buf_grow(b, b->len + more + 1) ? b->err : 0;
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->err = BP_EINVAL;
		return;
	}
	if (buf_grow(b, b->len + (size_t)n + 1) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void
hex_encode(const void *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *p = in;
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_decode(const char *in, size_t inlen, void *out, size_t n)
{
	unsigned char *p = out;
	size_t i;
	int hi, lo;

	if (inlen != 2 * n)
		return BP_EINVAL;
	for (i = 0; i < n; i++) {
		hi = hex_value(in[2 * i]);
		lo = hex_value(in[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return BP_EINVAL;
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* RFC 3629 well-formedness, table 3-7 of the Unicode standard. */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned char c;

	while (p < end) {
		c = *p++;
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			if (p >= end || (*p & 0xc0) != 0x80)
				return 0;
			p++;
		} else if (c >= 0xe0 && c <= 0xef) {
			if (end - p < 2 || (p[0] & 0xc0) != 0x80 || (p[1] & 0xc0) != 0x80)
				return 0;
			if (c == 0xe0 && p[0] < 0xa0)
				return 0;	/* overlong */
			if (c == 0xed && p[0] > 0x9f)
				return 0;	/* surrogate */
			p += 2;
		} else if (c >= 0xf0 && c <= 0xf4) {
			if (end - p < 3 || (p[0] & 0xc0) != 0x80 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80)
				return 0;
			if (c == 0xf0 && p[0] < 0x90)
				return 0;	/* overlong */
			if (c == 0xf4 && p[0] > 0x8f)
				return 0;	/* above U+10FFFF */
			p += 3;
		} else
			return 0;
	}
	return 1;
}

size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
str_index(const char *const *list, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int
str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (size == 0)
		return BP_ETOOBIG;
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return BP_ETOOBIG;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

char *
str_trim(char *s)
{
	size_t n;
	char *p = s;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
	    s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

int
str_to_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	/* strtoll skips leading white space and takes '+'; we take only [-]digits */
	if (s == NULL || !((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' && s[1] <= '9')))
		return BP_EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return BP_EINVAL;
	*out = v;
	return 0;
}

void
url_encode(struct buf *b, const char *s)
{
	static const char digits[] = "0123456789ABCDEF";
	unsigned char c;
	char esc[3];

	for (; *s; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_add(b, s, 1);
		} else {
			esc[0] = '%';
			esc[1] = digits[c >> 4];
			esc[2] = digits[c & 15];
			buf_add(b, esc, 3);
		}
	}
}

/* The service is Norwegian: dates shown to users are Oslo time whatever the host's TZ. */
static void
oslo_tm(time_t t, struct tm *tm)
{
	static int tz_set;

	if (!tz_set) {
		setenv("TZ", "Europe/Oslo", 1);
		tzset();
		tz_set = 1;
	}
	localtime_r(&t, tm);
}

void
time_date(time_t t, char out[11])
{
	struct tm tm;

	oslo_tm(t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
time_datetime(time_t t, char out[17])
{
	struct tm tm;

	oslo_tm(t, &tm);
	strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

void
time_norwegian(time_t t, int with_time, char out[TIME_NORWEGIAN_LEN + 1])
{
	struct tm tm;

	oslo_tm(t, &tm);
	strftime(out, TIME_NORWEGIAN_LEN + 1, with_time ? "%d.%m.%Y kl. %H:%M" : "%d.%m.%Y", &tm);
}

int
time_year(time_t t)
{
	struct tm tm;

	oslo_tm(t, &tm);
	return tm.tm_year + 1900;
}

static const char *log_prog = "brukerplan";

void
log_set_prog(const char *prog)
{
	log_prog = prog;
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "brukerplan[%s]: ", log_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
file_read(const char *path, size_t max, char **text, size_t *len)
{
	struct stat st;
	char *t;
	size_t got = 0;
	ssize_t n;
	int fd;

	*text = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return BP_ENOENT;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || (size_t)st.st_size > max ||
	    (t = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return BP_EIO;
	}
	while (got < (size_t)st.st_size &&
	    (n = read(fd, t + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got != (size_t)st.st_size) {
		free(t);
		return BP_EIO;
	}
	t[got] = '\0';
	*text = t;
	*len = got;
	return 0;
}

/* one CSV field as RFC 4180 quotes it: as is, or in quotes with its quotes doubled when it
 * holds a comma, a quote or a line break */
void
buf_csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

int
date_month_days(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && (year == 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))))
		return 29;
	return days[month - 1];
}

int
str_digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return BP_EINVAL;
		v = 10 * v + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *in, char out[DATE_LEN + 1])
{
	char tmp[40];
	int y, m, d;

	if (strlen(in) != DATE_LEN)
		return BP_EINVAL;
	if (in[4] == '-' && in[7] == '-') {
		if (str_digits(in, 4, &y) || str_digits(in + 5, 2, &m) || str_digits(in + 8, 2, &d))
			return BP_EINVAL;
	} else if (in[2] == '.' && in[5] == '.') {
		if (str_digits(in, 2, &d) || str_digits(in + 3, 2, &m) || str_digits(in + 6, 4, &y))
			return BP_EINVAL;
	} else
		return BP_EINVAL;
	if (y < 2000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
		return BP_EINVAL;
	/* each part is in range now; the wider buffer keeps every optimiser sure of it */
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, DATE_LEN + 1);
	return 0;
}

int
date_split(const char *iso, int *y, int *m, int *d)
{
	if (strlen(iso) != DATE_LEN || iso[4] != '-' || iso[7] != '-' ||
	    str_digits(iso, 4, y) || str_digits(iso + 5, 2, m) || str_digits(iso + 8, 2, d))
		return BP_EINVAL;
	return 0;
}

void
date_norwegian(const char *iso, char out[DATE_LEN + 1])
{
	if (date_valid(iso))
		snprintf(out, DATE_LEN + 1, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		str_copy(out, DATE_LEN + 1, iso);
}

int
date_valid(const char *s)
{
	char iso[DATE_LEN + 1];

	return strlen(s) == DATE_LEN && s[4] == '-' && date_parse(s, iso) == 0;
}

/* days since 1 March of year 0 (the proleptic Gregorian calendar), for differences */
static long
day_number(const char *date)
{
	int y, m, d;

	if (str_digits(date, 4, &y) || str_digits(date + 5, 2, &m) || str_digits(date + 8, 2, &d))
		return 0;
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

long
date_days(const char *a, const char *b)
{
	return day_number(b) - day_number(a);
}
