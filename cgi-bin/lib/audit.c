/* audit.c: audit events keyed by big-endian microseconds and a counter, so keys sort by time. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "audit.h"

/* Tabs and newlines would break the line format; anything else passes. A field is cut at
 * AUDIT_FIELD_MAX bytes, never inside a UTF-8 sequence (a name may be Norwegian). */
static void
field(struct buf *b, const char *s)
{
	size_t i, n;

	if (s == NULL)
		s = "";
	n = strnlen(s, AUDIT_FIELD_MAX + 1);
	if (n > AUDIT_FIELD_MAX) {
		n = AUDIT_FIELD_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf_add(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? " " : &s[i], 1);
}

int
audit_add(struct store_txn *txn, long long now, const char *event, const char *account,
    const char *addr, const char *detail)
{
	struct audit_event e = { event, account, addr, detail, NULL, NULL, NULL };

	return audit_put(txn, now, &e);
}

int
audit_put(struct store_txn *txn, long long now, const struct audit_event *e)
{
	const char *const fields[] = { e->event, e->actor, e->addr, e->detail, e->region,
	    e->kommune, e->subject };
	size_t f;
	unsigned char key[12];
	struct timeval tv;
	unsigned long long us;
	struct buf b = { 0 };
	char when[17];
	unsigned seq;
	int i, rc;

	/* keys follow the wall clock, so the log is in the order things happened; the line
	 * shows the request's time (which a test clock may set) */
	gettimeofday(&tv, NULL);
	us = (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
	time_datetime((time_t)now, when);
	buf_printf(&b, "%s:%02lld", when, now % 60);
	for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		buf_add(&b, "\t", 1);
		field(&b, fields[f]);
	}
	if (b.err) {
		buf_free(&b);
		return BP_ENOMEM;
	}
	for (i = 0; i < 8; i++)
		key[i] = (unsigned char)(us >> (56 - 8 * i));
	for (seq = (unsigned)getpid(), rc = BP_EEXIST; rc == BP_EEXIST && seq != 0; seq++) {
		key[8] = (unsigned char)(seq >> 24);
		key[9] = (unsigned char)(seq >> 16);
		key[10] = (unsigned char)(seq >> 8);
		key[11] = (unsigned char)seq;
		rc = store_add(txn, DB_AUDIT, key, sizeof(key), b.p, b.len);
	}
	buf_free(&b);
	return rc;
}

/* the events before the cutoff day; a line whose time cannot be read is kept */
static int
audit_old(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	const char *cutoff = arg;
	char day[DATE_LEN + 1];

	(void)key;
	(void)klen;
	if (vlen <= DATE_LEN)
		return 0;
	memcpy(day, val, DATE_LEN);
	day[DATE_LEN] = '\0';
	return date_valid(day) && strcmp(day, cutoff) < 0;
}

int
audit_purge(struct store_txn *txn, long long now, int months, int max)
{
	char today[DATE_LEN + 1], cutoff[24];	/* room for any int, as the compiler sees */
	int y, m, d;

	if (months < 1 || months > 12 * 100)
		return BP_EINVAL;
	time_date((time_t)now, today);
	if (str_digits(today, 4, &y) || str_digits(today + 5, 2, &m) || str_digits(today + 8, 2, &d))
		return BP_EINVAL;
	m -= months % 12;
	y -= months / 12;
	if (m < 1) {
		m += 12;
		y--;
	}
	if (d > date_month_days(y, m))
		d = date_month_days(y, m);
	snprintf(cutoff, sizeof(cutoff), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return store_purge(txn, DB_AUDIT, audit_old, cutoff, max);
}

int
audit_split(char *line, struct audit_line *out)
{
	char **const fields[] = { &out->time, &out->event, &out->actor, &out->addr,
	    &out->detail, &out->region, &out->kommune, &out->subject };
	size_t f;
	char *p = line, *tab;

	for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		if (p == NULL) {
			if (f < 5)
				return BP_EINVAL;
			*fields[f] = (char *)"";
			continue;
		}
		*fields[f] = p;
		if ((tab = strchr(p, '\t')) != NULL)
			*tab++ = '\0';
		p = tab;
	}
	return 0;
}

const struct audit_kind audit_kinds[] = {
	{ "innlogging", "Innlogging og økter", { "login.", "logout", "account.sessions" } },
	{ "konto", "Kontoer og tilganger", { "account.", "register.", "reset.", "welcome." } },
	{ "lenker", "Invitasjonslenker", { "invite." } },
	{ "oppslag", "Oppslag og kartlegginger", { "survey.", "surveys." } },
	{ "reservasjon", "Reservasjoner", { "reservation." } },
	{ "datoer", "Datoer og overføring", { "period.", "transfer" } },
	{ "nedlasting", "Rapporter og nedlastinger", { "report.", "registry.", "innsyn.", "infoletter." } },
};
const int audit_nkinds = sizeof(audit_kinds) / sizeof(audit_kinds[0]);

int
audit_kind_of(const char *event)
{
	int k, i;

	for (k = 0; k < audit_nkinds; k++)
		for (i = 0; i < AUDIT_KIND_PREFIXES && audit_kinds[k].prefixes[i]; i++)
			if (strncmp(event, audit_kinds[k].prefixes[i],
			    strlen(audit_kinds[k].prefixes[i])) == 0)
				return k;
	return -1;
}

int
audit_kind_from_id(const char *id)
{
	int k;

	for (k = 0; k < audit_nkinds; k++)
		if (strcmp(audit_kinds[k].id, id) == 0)
			return k;
	return -1;
}

int
audit_match(const struct audit_line *l, const struct audit_filter *f)
{
	const char *region = l->region;

	if (f->kommune && strcmp(l->kommune, f->kommune) != 0)
		return 0;
	if (f->region) {
		if (*region == '\0' && *l->kommune && f->region_of)
			region = f->region_of(l->kommune, f->arg);
		if (region == NULL || strcmp(region, f->region) != 0)
			return 0;
	}
	if (f->person && *f->person && strcmp(l->actor, f->person) != 0 &&
	    strcmp(l->subject, f->person) != 0)
		return 0;
	if (f->kind >= 0 && audit_kind_of(l->event) != f->kind)
		return 0;
	/* "YYYY-MM-DD HH:MM:SS": the day is the first ten */
	if (f->fra && *f->fra && strncmp(l->time, f->fra, 10) < 0)
		return 0;
	if (f->til && *f->til && strncmp(l->time, f->til, 10) > 0)
		return 0;
	return 1;
}

struct list {
	audit_fn fn;
	void *arg;
};

static int
list_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct list *l = arg;

	(void)k;
	(void)klen;
	return l->fn(v, vlen, l->arg);
}

int
audit_list(struct store_txn *txn, audit_fn fn, void *arg)
{
	struct list l = { fn, arg };

	return store_scan(txn, DB_AUDIT, NULL, 0, 1, list_one, &l);
}
