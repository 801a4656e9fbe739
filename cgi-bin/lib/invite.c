/* invite.c: invitation records, keyed by the SHA-256 of their token. */
#include <stdlib.h>
#include <string.h>

#include "invite.h"
#include "record.h"

enum invite_state
invite_state(const struct invite *inv, long long now)
{
	if (inv->withdrawn)
		return INVITE_WITHDRAWN;
	if (inv->left <= 0)
		return INVITE_USED;
	if (now >= inv->expires)
		return INVITE_EXPIRED;
	return INVITE_OK;
}

int
invite_save(struct store_txn *txn, const struct invite *inv)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	int rc = BP_ENOMEM;

	if ((doc = record_new("invite")) == NULL)
		return BP_ENOMEM;
	if (record_set(doc, "role", role_ids[inv->role]) || record_set(doc, "region", inv->region) ||
	    record_set(doc, "kommune", inv->kommune) || record_set(doc, "bydel", inv->bydel) ||
	    record_set(doc, "instans", inv->instans) ||
	    record_set(doc, "regionnavn", inv->regionnavn) ||
	    record_set(doc, "kommunenavn", inv->kommunenavn) ||
	    record_set(doc, "bydelnavn", inv->bydelnavn) || record_set_ll(doc, "bydeler", inv->bydeler) ||
	    record_set_ll(doc, "uses", inv->uses) || record_set_ll(doc, "left", inv->left) ||
	    record_set_ll(doc, "created", inv->created) ||
	    record_set_ll(doc, "expires", inv->expires) ||
	    record_set_ll(doc, "withdrawn", inv->withdrawn) || record_set(doc, "by", inv->by))
		goto out;
	if ((rc = record_serialize(doc, &b)) != 0)
		goto out;
	rc = store_put(txn, DB_INVITES, inv->key, sizeof(inv->key), b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}

int
invite_create(struct store_txn *txn, struct invite *inv, long long now,
    char token[TOKEN_HEX + 1])
{
	int rc;

	if (inv->role >= ROLE__MAX || inv->uses < 1)
		return BP_EINVAL;
	if ((rc = token_new(token, inv->key)) != 0)
		return rc;
	inv->left = inv->uses;
	inv->created = now;
	inv->expires = now + INVITE_DAYS * 86400LL;
	inv->withdrawn = 0;
	return invite_save(txn, inv);
}

int
invite_parse(const void *data, size_t len, struct invite *out)
{
	char role[32];
	xmlDocPtr doc;
	int rc = BP_EXML, r;

	memset(out, 0, sizeof(*out));
	if ((doc = record_parse(data, len)) == NULL)
		return BP_EXML;
	if (record_get(doc, "role", role, sizeof(role)) || (r = role_from_id(role)) < 0 ||
	    record_get(doc, "region", out->region, sizeof(out->region)) ||
	    record_get(doc, "kommune", out->kommune, sizeof(out->kommune)) ||
	    record_get(doc, "bydel", out->bydel, sizeof(out->bydel)) ||
	    record_get(doc, "instans", out->instans, sizeof(out->instans)) ||
	    record_get(doc, "regionnavn", out->regionnavn, sizeof(out->regionnavn)) ||
	    record_get(doc, "kommunenavn", out->kommunenavn, sizeof(out->kommunenavn)) ||
	    record_get(doc, "bydelnavn", out->bydelnavn, sizeof(out->bydelnavn)) ||
	    record_get(doc, "by", out->by, sizeof(out->by)))
		goto out;
	out->role = (enum role)r;
	out->uses = record_get_ll(doc, "uses", 0);
	out->left = record_get_ll(doc, "left", 0);
	out->created = record_get_ll(doc, "created", 0);
	out->expires = record_get_ll(doc, "expires", 0);
	out->withdrawn = record_get_ll(doc, "withdrawn", 0);
	out->bydeler = record_get_ll(doc, "bydeler", 0);
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

void
invite_maker(struct invite *inv, const struct account *maker)
{
	if (!inv->withdrawn && maker != NULL && strcmp(maker->id, inv->by) == 0 &&
	    maker->tilbakekalt && maker->tilbakekalt >= inv->created)
		inv->withdrawn = maker->tilbakekalt;
}

static int
maker_suspended(struct store_txn *txn, struct invite *inv)
{
	struct account maker;
	int rc;

	if (inv->withdrawn || strlen(inv->by) != ACCOUNT_ID_LEN)
		return 0;
	if ((rc = account_load(txn, inv->by, &maker)) != 0)
		return rc == BP_ENOENT ? 0 : rc;
	invite_maker(inv, &maker);
	return 0;
}

int
invite_load(struct store_txn *txn, const char *token, struct invite *out)
{
	unsigned char key[CRYPTO_HASH_LEN];
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = token_get(txn, DB_INVITES, token, key, &v, &vlen)) != 0)
		return rc;
	if ((rc = invite_parse(v, vlen, out)) != 0)
		return rc;
	memcpy(out->key, key, sizeof(key));
	return maker_suspended(txn, out);
}

struct target
invite_target(const struct invite *inv)
{
	struct target t = { (int)inv->role, inv->region, inv->kommune, inv->instans, NULL, 0,
	    NULL };

	return t;
}

struct scan {
	struct store_txn *txn;
	invite_fn fn;
	void *arg;
};

static int
scan_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct scan *s = arg;
	struct invite inv;

	if (klen != CRYPTO_HASH_LEN || invite_parse(v, vlen, &inv) != 0)
		return 0;
	memcpy(inv.key, k, klen);
	return s->fn(s->txn, &inv, s->arg);
}

int
invite_scan(struct store_txn *txn, invite_fn fn, void *arg)
{
	struct scan s = { txn, fn, arg };

	return store_scan(txn, DB_INVITES, NULL, 0, 0, scan_one, &s);
}

/* The links of one maker, collected first: a scan must not write under its own cursor. */
struct mine {
	const char *by;
	long long now;
	int (*keep)(const struct invite *, void *);
	void *arg;
	struct invite *v;
	size_t n, cap;
	int err;
};

static int
collect(struct store_txn *txn, const struct invite *inv, void *arg)
{
	struct mine *m = arg;
	struct invite *nv;

	(void)txn;
	if (strcmp(inv->by, m->by) != 0 || invite_state(inv, m->now) != INVITE_OK ||
	    (m->keep && m->keep(inv, m->arg)))
		return 0;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		if ((nv = realloc(m->v, m->cap * sizeof(*nv))) == NULL)
			return BP_ENOMEM;
		m->v = nv;
	}
	m->v[m->n++] = *inv;
	return 0;
}

int
invite_withdraw_by(struct store_txn *txn, const char *by, long long now,
    int (*keep)(const struct invite *inv, void *arg), void *arg, long *n)
{
	struct mine m = { by, now, keep, arg, NULL, 0, 0, 0 };
	size_t i;
	int rc;

	if (n)
		*n = 0;
	if ((rc = invite_scan(txn, collect, &m)) == 0)
		for (i = 0; i < m.n && rc == 0; i++) {
			m.v[i].withdrawn = now;
			rc = invite_save(txn, &m.v[i]);
		}
	if (rc == 0 && n)
		*n = (long)m.n;
	free(m.v);
	return rc;
}
