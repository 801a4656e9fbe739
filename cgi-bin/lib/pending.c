/* pending.c: registrations between their steps, as small XML records. */
#include <stddef.h>
#include <string.h>

#include "pending.h"
#include "record.h"

static const struct {
	const char *name;
	size_t off;
	size_t size;
} pending_fields[] = {
#define F(n) { #n, offsetof(struct pending, n), sizeof(((struct pending *)0)->n) }
	F(invite), F(id), F(name), F(email), F(password), F(totp), F(bydel), F(tjenestetype),
	F(idhash),
#undef F
};
#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

static int
abandoned(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	xmlDocPtr doc = record_parse(v, vlen);
	int gone = doc == NULL || record_get_ll(doc, "expires", 0) <= *(const long long *)arg;

	(void)k;
	(void)klen;
	xmlFreeDoc(doc);
	return gone;
}

int
pending_save(struct store_txn *txn, const struct pending *p, long long now)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	size_t i;
	int rc;

	if ((rc = store_purge(txn, DB_PENDING, abandoned, &now, 32)) < 0)
		return rc;
	if ((doc = record_new("pending")) == NULL)
		return BP_ENOMEM;
	rc = BP_ENOMEM;
	for (i = 0; i < NITEMS(pending_fields); i++)
		if (record_set(doc, pending_fields[i].name, (const char *)p + pending_fields[i].off))
			goto out;
	if (record_set_ll(doc, "expires", p->expires) || (rc = record_serialize(doc, &b)) != 0)
		goto out;
	rc = store_put(txn, DB_PENDING, p->key, sizeof(p->key), b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}

int
pending_load(struct store_txn *txn, const char *token, long long now, struct pending *p)
{
	const void *v;
	size_t vlen, i;
	xmlDocPtr doc;
	int rc = BP_EXML;

	memset(p, 0, sizeof(*p));
	if ((rc = token_get(txn, DB_PENDING, token, p->key, &v, &vlen)) != 0)
		return rc;
	if ((doc = record_parse(v, vlen)) == NULL)
		return BP_EXML;
	rc = BP_EXML;
	for (i = 0; i < NITEMS(pending_fields); i++)
		if (record_get(doc, pending_fields[i].name, (char *)p + pending_fields[i].off,
		    pending_fields[i].size) != 0)
			goto out;
	p->expires = record_get_ll(doc, "expires", 0);
	rc = p->expires > now ? 0 : BP_ENOENT;
out:
	xmlFreeDoc(doc);
	return rc;
}

int
pending_delete(struct store_txn *txn, const struct pending *p)
{
	int rc = store_del(txn, DB_PENDING, p->key, sizeof(p->key));

	return rc == BP_ENOENT ? 0 : rc;
}
