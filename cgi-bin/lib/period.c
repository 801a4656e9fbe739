/* period.c: sluttdato, overføringsdato and the transfer receipt of a kommune's year.
 *
 * Stored under kommune || year (8 ASCII digits) as one line of seven tab-separated fields:
 * sluttdato, overføringsdato, the overføringsdato before the last move ("-" for an unset
 * date), transfer time, transferred, held back, and who transferred ("-"). */
#include <stdio.h>
#include <string.h>

#include "period.h"

#define PERIOD_KEY_LEN 8
#define PERIOD_FIELDS 7
#define PERIOD_VALUE_MAX 160
#define CLOSE_DAYS 14			/* KORFOR recommends two weeks between the dates */

static int
period_key(const char *kommune, int year, char key[PERIOD_KEY_LEN + 1])
{
	size_t i;

	if (strlen(kommune) != 4 || year < 1000 || year > 9999)
		return BP_EINVAL;
	for (i = 0; i < 4; i++)
		if (kommune[i] < '0' || kommune[i] > '9')
			return BP_EINVAL;
	snprintf(key, PERIOD_KEY_LEN + 1, "%s%04d", kommune, year);
	return 0;
}

static int
field_date(const char *s, size_t len, char out[DATE_LEN + 1])
{
	char tmp[DATE_LEN + 1];

	if (len == 1 && *s == '-') {
		out[0] = '\0';
		return 0;
	}
	if (len != DATE_LEN)
		return BP_EXML;
	memcpy(tmp, s, DATE_LEN);
	tmp[DATE_LEN] = '\0';
	return date_parse(tmp, out) == 0 && strcmp(tmp, out) == 0 ? 0 : BP_EXML;
}

static int
field_ll(const char *s, size_t len, long long max, long long *out)
{
	char tmp[24];

	if (len == 0 || len >= sizeof(tmp))
		return BP_EXML;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return str_to_ll(tmp, 0, max, out) == 0 ? 0 : BP_EXML;
}

int
period_decode(const char *v, size_t vlen, struct period *p)
{
	const char *f[PERIOD_FIELDS], *end = v + vlen, *s = v;
	size_t flen[PERIOD_FIELDS];
	long long n[3];
	int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < PERIOD_FIELDS; i++) {
		const char *tab = memchr(s, '\t', (size_t)(end - s));

		if (tab == NULL && i < PERIOD_FIELDS - 1)
			return BP_EXML;
		f[i] = s;
		flen[i] = (size_t)((tab ? tab : end) - s);
		s = tab ? tab + 1 : end;
	}
	if (s != end || field_date(f[0], flen[0], p->sluttdato) ||
	    field_date(f[1], flen[1], p->overforingsdato) ||
	    field_date(f[2], flen[2], p->moved_from))
		return BP_EXML;
	for (i = 0; i < 3; i++)
		if (field_ll(f[3 + i], flen[3 + i], 1LL << 50, &n[i]) != 0)
			return BP_EXML;
	p->overfort = n[0];
	p->transferred = (long)n[1];
	p->held_back = (long)n[2];
	if (flen[6] == 0 || flen[6] > PERIOD_BY_MAX)
		return BP_EXML;
	if (!(flen[6] == 1 && f[6][0] == '-'))
		memcpy(p->by, f[6], flen[6]);
	return 0;
}

int
period_get(struct store_txn *txn, const char *kommune, int year, struct period *out)
{
	char key[PERIOD_KEY_LEN + 1];
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = period_key(kommune, year, key)) != 0)
		return rc;
	if ((rc = store_get(txn, DB_PERIODS, key, PERIOD_KEY_LEN, &v, &vlen)) != 0)
		return rc == BP_ENOENT ? 0 : rc;
	return period_decode(v, vlen, out);
}

static const char *
or_dash(const char *s)
{
	return *s ? s : "-";
}

int
period_put(struct store_txn *txn, const char *kommune, int year, const struct period *p)
{
	char key[PERIOD_KEY_LEN + 1], v[PERIOD_VALUE_MAX];
	int rc, n;

	if ((rc = period_key(kommune, year, key)) != 0)
		return rc;
	if (strchr(p->by, '\t') || strchr(p->by, '\n'))
		return BP_EINVAL;
	n = snprintf(v, sizeof(v), "%s\t%s\t%s\t%lld\t%ld\t%ld\t%s", or_dash(p->sluttdato),
	    or_dash(p->overforingsdato), or_dash(p->moved_from), p->overfort, p->transferred,
	    p->held_back, or_dash(p->by));
	if (n < 0 || (size_t)n >= sizeof(v))
		return BP_ETOOBIG;
	return store_put(txn, DB_PERIODS, key, PERIOD_KEY_LEN, v, (size_t)n);
}

enum period_state
period_state(const struct period *p, int year, const char *today)
{
	char last[DATE_LEN + 1];

	if (p->overfort)
		return PERIOD_TRANSFERRED;
	snprintf(last, sizeof(last), "%04d-12-31", year);
	/* the year's surveys go at the latest after 31 December, dates or not */
	if (strcmp(today, last) > 0)
		return PERIOD_DUE;
	if (*p->overforingsdato && strcmp(today, p->overforingsdato) >= 0)
		return PERIOD_DUE;
	if (*p->sluttdato && strcmp(today, p->sluttdato) >= 0)
		return PERIOD_LOCKED;
	return PERIOD_OPEN;
}

/* A date set to before today would lock the kartlegging, or make it due for transfer,
 * behind the users' backs, with no time to ask for reservasjon, innsyn or retting. A date
 * already stored is kept as it is, though: once sluttdato has passed, the card must still
 * let the overføringsdato move. */
static int
backdated(const char *date, const char *stored, const char *today)
{
	return strcmp(date, today) < 0 && strcmp(date, stored) != 0;
}

void
period_check(const struct period *old, const char *sluttdato, const char *overforingsdato,
    int year, const char *today, struct period_check *out)
{
	char first[DATE_LEN + 1], last[DATE_LEN + 1];

	memset(out, 0, sizeof(*out));
	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	if (strcmp(sluttdato, first) < 0 || strcmp(sluttdato, last) > 0) {
		out->field = "sluttdato";
		out->error = "Sluttdatoen må være i årets kartlegging.";
	} else if (backdated(sluttdato, old->sluttdato, today)) {
		out->field = "sluttdato";
		out->error = "Sluttdatoen kan ikke være før dagens dato.";
	} else if (strcmp(overforingsdato, last) > 0) {
		out->field = "overforingsdato";
		out->error = "Siste mulige overføringsdato er 31. desember.";
	} else if (backdated(overforingsdato, old->overforingsdato, today)) {
		out->field = "overforingsdato";
		out->error = "Overføringsdatoen kan ikke være før dagens dato.";
	} else if (strcmp(overforingsdato, sluttdato) < 0) {
		out->field = "overforingsdato";
		out->error = "Overføringsdatoen kan ikke være før sluttdatoen.";
	}
	if (out->error)
		return;
	out->close = date_days(sluttdato, overforingsdato) < CLOSE_DAYS;
	out->moved = *old->overforingsdato && strcmp(old->overforingsdato, overforingsdato) != 0;
}

struct scan {
	period_fn fn;
	void *arg;
};

static int
scan_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct scan *s = arg;
	char kommune[5];
	struct period p;
	int year;

	if (klen != PERIOD_KEY_LEN || str_digits((const char *)k + 4, 4, &year) != 0 ||
	    period_decode(v, vlen, &p) != 0)
		return BP_EXML;
	memcpy(kommune, k, 4);
	kommune[4] = '\0';
	return s->fn(kommune, year, &p, s->arg);
}

int
period_scan(struct store_txn *txn, period_fn fn, void *arg)
{
	struct scan s = { fn, arg };

	return store_scan(txn, DB_PERIODS, NULL, 0, 0, scan_one, &s);
}
