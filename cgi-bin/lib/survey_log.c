/* survey_log.c: each survey's endringslogg, what pages and PDFs show of it, and the
 * kommune's view over all of a year's. A line is "time\taccount\taction"; it names who did
 * what to which questions, never an answer (survey.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "store.h"
#include "survey_impl.h"

/* An endringslogg line's key: kommune (4) || year (4) || page id || microseconds (8) ||
 * seq (4). The kommune and year first: the kommunekontakt reads the kommune's logs with one
 * prefix scan, and a transfer removes the year's logs with them. */
#define LOG_PREFIX_LEN (8 + SURVEY_ID_BYTES)
#define LOG_KEY_LEN (LOG_PREFIX_LEN + 12)

int
survey_log(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN], long long now,
    const char *account, const char *action)
{
	unsigned char k[LOG_KEY_LEN];
	struct timeval tv;
	unsigned long long us;
	char line[4096];
	unsigned seq;
	int i, n, rc;

	memcpy(k, key, 8);
	if ((rc = survey_stored_id(txn, key, k + 8)) != 0)
		return rc;
	/* ordered by the wall clock; the line shows the request's time */
	gettimeofday(&tv, NULL);
	us = (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
	for (i = 0; i < 8; i++)
		k[LOG_PREFIX_LEN + i] = (unsigned char)(us >> (56 - 8 * i));
	n = snprintf(line, sizeof(line), "%lld\t%s\t%s", now, account, action);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	for (seq = 0, rc = BP_EEXIST; rc == BP_EEXIST && seq < 1000; seq++) {
		k[LOG_PREFIX_LEN + 8] = (unsigned char)(seq >> 24);
		k[LOG_PREFIX_LEN + 9] = (unsigned char)(seq >> 16);
		k[LOG_PREFIX_LEN + 10] = (unsigned char)(seq >> 8);
		k[LOG_PREFIX_LEN + 11] = (unsigned char)seq;
		rc = store_add(txn, DB_SURVEY_LOG, k, sizeof(k), line, (size_t)n);
	}
	return rc;
}

struct opened {
	const char *account;
	long long since;
	int created;		/* "opprettet" counts too */
	int found;
};

static int
opened_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	static const char action[] = "åpnet", made[] = "opprettet";
	struct opened *o = arg;
	const char *p = v, *end = p + vlen;
	size_t alen = strlen(o->account);
	long long t = 0;

	(void)k;
	(void)klen;
	/* "time\taccount\taction" */
	for (; p < end && *p >= '0' && *p <= '9' && t < (1LL << 56); p++)
		t = 10 * t + (*p - '0');
	if (t < o->since)
		return 1;		/* older than the session: no need to read further */
	if (p == end || *p++ != '\t' || (size_t)(end - p) <= alen || p[alen] != '\t' ||
	    memcmp(p, o->account, alen) != 0)
		return 0;
	p += alen + 1;
	if (((size_t)(end - p) == sizeof(action) - 1 && memcmp(p, action, sizeof(action) - 1) == 0) ||
	    (o->created && (size_t)(end - p) == sizeof(made) - 1 &&
	    memcmp(p, made, sizeof(made) - 1) == 0)) {
		o->found = 1;
		return 1;
	}
	return 0;
}

int
survey_log_opened(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *account, long long since, int created)
{
	struct opened o = { account, since, created, 0 };
	unsigned char prefix[LOG_PREFIX_LEN];
	int rc;

	memcpy(prefix, key, 8);
	if ((rc = survey_stored_id(txn, key, prefix + 8)) != 0)
		return rc;
	if ((rc = store_scan(txn, DB_SURVEY_LOG, prefix, sizeof(prefix), 1, opened_one, &o)) != 0)
		return rc;
	return o.found;
}

struct loglist {
	survey_log_fn fn;
	survey_log_scan_fn scan_fn;
	void *arg;
};

static int
log_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct loglist *l = arg;
	const unsigned char *key = k;
	char id[SURVEY_ID_LEN + 1];
	unsigned long long order = 0;
	size_t i;

	if (l->fn)
		return l->fn(v, vlen, l->arg);
	if (klen != LOG_KEY_LEN)
		return BP_EXML;
	hex_encode(key + 8, SURVEY_ID_BYTES, id);
	/* the writer's wall clock in microseconds, from the key */
	for (i = 0; i < 8; i++)
		order = order << 8 | key[LOG_PREFIX_LEN + i];
	return l->scan_fn(id, order, v, vlen, l->arg);
}

int
survey_log_list(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    survey_log_fn fn, void *arg)
{
	struct loglist l = { fn, NULL, arg };
	unsigned char prefix[LOG_PREFIX_LEN];
	int rc;

	memcpy(prefix, key, 8);
	if ((rc = survey_stored_id(txn, key, prefix + 8)) != 0)
		return rc;
	return store_scan(txn, DB_SURVEY_LOG, prefix, sizeof(prefix), 0, log_one, &l);
}

const struct account *
log_account(struct store_txn *txn, struct log_accounts *c, const char *id)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->a[i].id, id) == 0)
			return &c->a[i];
	if (c->n == LOG_ACCOUNTS_MAX || account_load(txn, id, &c->a[c->n]) != 0)
		return NULL;
	return &c->a[c->n++];
}

const char *
log_account_name(const struct account *a, const char *id)
{
	if (a != NULL)
		return a->name;
	return strcmp(id, "bpadm") == 0 ? "Systemet (bpadm)" : "Ukjent konto";
}

int
survey_log_scan(struct store_txn *txn, const char *kommune, int year, survey_log_scan_fn fn,
    void *arg)
{
	struct loglist l = { NULL, fn, arg };
	char prefix[9];
	int rc;

	if ((rc = survey_year_prefix(kommune, year, prefix)) != 0)
		return rc;
	return store_scan(txn, DB_SURVEY_LOG, prefix, 8, 0, log_one, &l);
}

int
survey_log_drop(struct store_txn *txn, const char *kommune, int year)
{
	char prefix[9];
	int rc;

	if ((rc = survey_year_prefix(kommune, year, prefix)) != 0)
		return rc;
	return store_del_prefix(txn, DB_SURVEY_LOG, prefix, 8, NULL);
}

int
survey_log_parse(const char *line, size_t len, struct survey_log_line *out)
{
	const char *end = line + len, *a, *b;
	char num[24];
	size_t n;

	if ((a = memchr(line, '\t', len)) == NULL ||
	    (b = memchr(a + 1, '\t', (size_t)(end - a - 1))) == NULL)
		return BP_EXML;
	if ((size_t)(a - line) >= sizeof(num) ||
	    (size_t)(b - a - 1) >= sizeof(out->account))
		return BP_EXML;
	memcpy(num, line, (size_t)(a - line));
	num[a - line] = '\0';
	if (str_to_ll(num, 0, 1LL << 40, &out->time) != 0)
		return BP_EXML;
	memcpy(out->account, a + 1, (size_t)(b - a - 1));
	out->account[b - a - 1] = '\0';
	n = (size_t)(end - b - 1);
	if (n >= sizeof(out->action))
		n = sizeof(out->action) - 1;
	memcpy(out->action, b + 1, n);
	out->action[n] = '\0';
	out->ids = NULL;
	out->name = out->action;
	if ((strncmp(out->action, "lagret", 6) == 0 || strncmp(out->action, "rettet", 6) == 0) &&
	    (out->action[6] == ' ' || out->action[6] == '\0')) {
		if (out->action[6] == ' ')
			out->ids = out->action + 7;
		out->action[6] = '\0';
		if (out->action[0] == 'r')
			out->name = "rettet etter krav fra bruker";
	}
	return 0;
}
