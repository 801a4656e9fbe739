/* util.h: error codes, growable buffers, hex, UTF-8 and small string helpers. */
#ifndef BP_UTIL_H
#define BP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* One error convention for the whole core: 0 is success, a negative bp_err is failure.
 * Only a program's main maps these to HTTP statuses or exit codes. */
enum bp_err {
	BP_OK = 0,
	BP_ENOMEM = -1,		/* out of memory */
	BP_EINVAL = -2,		/* malformed or out-of-range input */
	BP_ENOENT = -3,		/* no such record */
	BP_EEXIST = -4,		/* record already exists */
	BP_ETOOBIG = -5,	/* a size limit was exceeded */
	BP_ESTORE = -6,		/* the LMDB store failed */
	BP_ECRYPTO = -7,	/* a crypto operation failed or a tag did not verify */
	BP_EIO = -8,		/* file input/output failed */
	BP_ECONFIG = -9,	/* configuration or secrets are unusable */
	BP_ESTALE = -10,	/* a record changed since it was read */
	BP_EXML = -11,		/* a stored record is not the XML we wrote */
	BP_EDENIED = -12,	/* credentials or permission refused */
	BP_ENOSPC = -13,	/* the disk (or the file size allowed) is full */
	BP_ERR__MIN = -14
};

const char *bp_strerror(int err);

/* A growable byte buffer. Appends never fail loudly: on allocation failure `err` is set
 * and later appends are ignored, so builders check once at the end. p is NUL-terminated. */
struct buf {
	char *p;		/* owned; free with buf_free */
	size_t len;
	size_t cap;
	int err;		/* BP_ENOMEM after a failed append */
};

void buf_add(struct buf *b, const void *data, size_t len);
/* buf_reserve: room for more bytes after len (and the NUL), for writers that fill p
 * themselves and then move len; 0 or BP_ENOMEM. */
int buf_reserve(struct buf *b, size_t more);
void buf_puts(struct buf *b, const char *s);
/* buf_csv_field: s as one RFC 4180 field (quoted when it must be) */
void buf_csv_field(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);	/* accepts a zeroed or already freed buffer */

/* hex_encode writes 2n lowercase digits and a NUL to out (size >= 2n+1). */
void hex_encode(const void *in, size_t n, char *out);
/* hex_value: the value of one hex digit (either case), or -1. */
int hex_value(char c);
/* hex_decode: exactly 2n hex digits into n bytes; 0 or BP_EINVAL. */
int hex_decode(const char *in, size_t inlen, void *out, size_t n);

/* utf8_valid: 1 when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF), else 0. */
int utf8_valid(const char *s, size_t len);
/* utf8_chars: number of code points in valid UTF-8. */
size_t utf8_chars(const char *s, size_t len);

/* str_index: the index of s in list[0..n), or -1 (tables of names: roles, modes, ...). */
int str_index(const char *const *list, int n, const char *s);

/* BP_STR(X): a numeric macro's value as a string literal, so a limit defined once can be
 * named in a message */
#define BP_XSTR(x) #x
#define BP_STR(x) BP_XSTR(x)

/* strlcpy-like: copies at most size-1 bytes; returns BP_ETOOBIG when it had to cut. */
int str_copy(char *dst, size_t size, const char *src);
/* trim ASCII whitespace at both ends, in place; returns s. */
char *str_trim(char *s);
/* parse a decimal integer in [min, max] with nothing after it; 0 or BP_EINVAL. */
int str_to_ll(const char *s, long long min, long long max, long long *out);
/* str_digits: exactly n decimal digits at s (n <= 9), into *out; 0 or BP_EINVAL */
int str_digits(const char *s, int n, int *out);

/* url_encode: percent-encode everything but RFC 3986 unreserved characters. */
void url_encode(struct buf *b, const char *s);

/* format t as YYYY-MM-DD or YYYY-MM-DD HH:MM in Norwegian local time (Europe/Oslo). */
void time_date(time_t t, char out[11]);
void time_datetime(time_t t, char out[17]);
/* time_norwegian: t as Norwegians write it, for text made in C (PDFs): "dd.mm.åååå kl.
 * HH:MM" (20 bytes), or only the date when with_time is 0. */
#define TIME_NORWEGIAN_LEN 20
void time_norwegian(time_t t, int with_time, char out[TIME_NORWEGIAN_LEN + 1]);
int time_year(time_t t);
/* Dates of the calendar, kept as YYYY-MM-DD (they sort as text) and typed either so or as
 * Norwegians write them, DD.MM.YYYY. The one place that knows the months' lengths. */
#define DATE_LEN 10			/* YYYY-MM-DD */
/* date_month_days: days of month (1-12) of year; year 0 (unknown) lets February have 29 */
int date_month_days(int year, int month);
/* date_parse: a date typed as YYYY-MM-DD or DD.MM.YYYY, from year 2000, into out as
 * YYYY-MM-DD. BP_EINVAL when it is not a real date. */
int date_parse(const char *in, char out[DATE_LEN + 1]);
/* date_split: the year, month and day of a YYYY-MM-DD date; 0 or BP_EINVAL */
int date_split(const char *iso, int *y, int *m, int *d);
/* date_valid: 1 when s is a real date written YYYY-MM-DD (from year 2000) */
int date_valid(const char *s);
/* date_norwegian: a YYYY-MM-DD date as Norwegians write it, DD.MM.YYYY, for messages
 * made in C (the stylesheets' "dato" template does the same for pages); anything else is
 * copied as it is. */
void date_norwegian(const char *iso, char out[DATE_LEN + 1]);
/* date_days: whole days from a to b (both YYYY-MM-DD, valid) */
long date_days(const char *a, const char *b);

/* log_error: one line on stderr (Apache's error log) prefixed with the program name.
 * Callers must never pass personal data. */
/* file_read: a whole file of 1 to max bytes, NUL-terminated, into *text (free it).
 * BP_ENOENT when it cannot be opened, BP_EIO when empty, larger than max or cut short. */
int file_read(const char *path, size_t max, char **text, size_t *len);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_set_prog(const char *prog);

#endif
