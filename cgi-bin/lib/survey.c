/* survey.c: survey keys, ownership index, hand-over and endringslogg lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "store.h"
#include "survey.h"

#define OWNER_KEY_LEN (ACCOUNT_ID_LEN + SURVEY_KEY_LEN)

int
survey_key(const struct secrets *sec, const char *kommune, int year, const char *fnr,
    unsigned char key[SURVEY_KEY_LEN])
{
	char head[16];

	if (strlen(kommune) != 4 || year < 2000 || year > 9999)
		return BP_EINVAL;
	snprintf(head, sizeof(head), "%s%04d", kommune, year);
	memcpy(key, head, 8);
	return crypto_hmac(sec->site, "fnr:", 4, fnr, strlen(fnr), key + 8);
}

static void
owner_key(const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char out[OWNER_KEY_LEN])
{
	memcpy(out, owner, ACCOUNT_ID_LEN);
	memcpy(out + ACCOUNT_ID_LEN, key, SURVEY_KEY_LEN);
}

int
survey_put_new(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, const void *sealed, size_t n)
{
	unsigned char ok[OWNER_KEY_LEN];
	int rc;

	if (strlen(owner) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	if ((rc = store_add(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, sealed, n)) != 0)
		return rc;
	owner_key(owner, key, ok);
	return store_put(txn, DB_OWNERS, ok, sizeof(ok), "", 0);
}

struct count {
	int year;
	long n;
};

static int
count_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct count *c = arg;
	char y[5];

	(void)v;
	(void)vlen;
	if (klen != OWNER_KEY_LEN)
		return 0;
	memcpy(y, (const char *)k + ACCOUNT_ID_LEN + 4, 4);
	y[4] = '\0';
	if (c->year == 0 || atoi(y) == c->year)	/* digits we wrote ourselves */
		c->n++;
	return 0;
}

int
survey_count(struct store_txn *txn, const char *owner, int year, long *count)
{
	struct count c = { year, 0 };
	int rc;

	if (strlen(owner) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	rc = store_scan(txn, DB_OWNERS, owner, ACCOUNT_ID_LEN, 0, count_one, &c);
	*count = c.n;
	return rc;
}

struct collect {
	unsigned char *keys;		/* n survey keys */
	size_t n, cap;
};

static int
collect_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct collect *c = arg;
	unsigned char *p;

	(void)v;
	(void)vlen;
	if (klen != OWNER_KEY_LEN)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		if ((p = realloc(c->keys, c->cap * SURVEY_KEY_LEN)) == NULL)
			return BP_ENOMEM;
		c->keys = p;
	}
	memcpy(c->keys + c->n++ * SURVEY_KEY_LEN, (const char *)k + ACCOUNT_ID_LEN,
	    SURVEY_KEY_LEN);
	return 0;
}

int
survey_handover(struct store_txn *txn, const struct account *from,
    const struct account *to, const struct account *by, long long now, long *moved)
{
	struct collect c = { NULL, 0, 0 };
	unsigned char ok[OWNER_KEY_LEN];
	char action[2 * sizeof(from->name) + 2 * sizeof(from->instans) + 64];
	size_t i;
	int rc;

	*moved = 0;
	if (strcmp(from->id, to->id) == 0)
		return BP_EINVAL;
	/* collect first: the cursor must not walk over the entries we rewrite */
	if ((rc = store_scan(txn, DB_OWNERS, from->id, ACCOUNT_ID_LEN, 0, collect_one, &c)) != 0)
		goto out;
	snprintf(action, sizeof(action), "overført fra %s (%s) til %s (%s)", from->name,
	    from->instans, to->name, to->instans);
	for (i = 0; i < c.n; i++) {
		owner_key(from->id, c.keys + i * SURVEY_KEY_LEN, ok);
		if ((rc = store_del(txn, DB_OWNERS, ok, sizeof(ok))) != 0)
			goto out;
		owner_key(to->id, c.keys + i * SURVEY_KEY_LEN, ok);
		if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), "", 0)) != 0)
			goto out;
		if ((rc = survey_log(txn, c.keys + i * SURVEY_KEY_LEN, now, by->id, action)) != 0)
			goto out;
	}
	*moved = (long)c.n;
out:
	free(c.keys);
	return rc;
}

int
survey_log(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN], long long now,
    const char *account, const char *action)
{
	unsigned char k[SURVEY_KEY_LEN + 12];
	struct timeval tv;
	unsigned long long us;
	char line[4096];
	unsigned seq;
	int i, n, rc = BP_EEXIST;

	/* ordered by the wall clock; the line shows the request's time */
	gettimeofday(&tv, NULL);
	us = (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
	memcpy(k, key, SURVEY_KEY_LEN);
	for (i = 0; i < 8; i++)
		k[SURVEY_KEY_LEN + i] = (unsigned char)(us >> (56 - 8 * i));
	n = snprintf(line, sizeof(line), "%lld\t%s\t%s", now, account, action);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	for (seq = 0; rc == BP_EEXIST && seq < 1000; seq++) {
		k[SURVEY_KEY_LEN + 8] = (unsigned char)(seq >> 24);
		k[SURVEY_KEY_LEN + 9] = (unsigned char)(seq >> 16);
		k[SURVEY_KEY_LEN + 10] = (unsigned char)(seq >> 8);
		k[SURVEY_KEY_LEN + 11] = (unsigned char)seq;
		rc = store_add(txn, DB_SURVEY_LOG, k, sizeof(k), line, (size_t)n);
	}
	return rc;
}

struct loglist {
	survey_log_fn fn;
	void *arg;
};

static int
log_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct loglist *l = arg;

	(void)k;
	(void)klen;
	return l->fn(v, vlen, l->arg);
}

int
survey_log_list(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    survey_log_fn fn, void *arg)
{
	struct loglist l = { fn, arg };

	return store_scan(txn, DB_SURVEY_LOG, key, SURVEY_KEY_LEN, 0, log_one, &l);
}
