/* audit.c: audit events keyed by big-endian microseconds and a counter, so keys sort by time. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "audit.h"

/* tabs and newlines would break the line format; anything else passes */
static void
field(struct buf *b, const char *s)
{
	size_t i;

	if (s == NULL)
		s = "";
	for (i = 0; s[i] && i < 200; i++)
		buf_add(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? " " : &s[i], 1);
}

int
audit_add(struct store_txn *txn, long long now, const char *event, const char *account,
    const char *addr, const char *detail)
{
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
	buf_printf(&b, "%s:%02lld\t", when, now % 60);
	field(&b, event);
	buf_add(&b, "\t", 1);
	field(&b, account);
	buf_add(&b, "\t", 1);
	field(&b, addr);
	buf_add(&b, "\t", 1);
	field(&b, detail);
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
