/* reset.c: reset link records, keyed by the SHA-256 of their token. */
#include <stddef.h>
#include <string.h>

#include "record.h"
#include "reset.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))
/* a spent or expired link is kept a week, so that its second use still gets "used" or
 * "expired" rather than "unknown", then forgotten */
#define RESET_KEEP (7 * 86400LL)

#define T(m) RECORD_TEXT(struct reset, m, #m)
#define L(m) RECORD_TIME(struct reset, m, #m)
static const struct record_field fields[] = {
	T(account), T(by), T(password), T(totp), L(created), L(expires), L(used),
};
#undef T
#undef L

enum reset_state
reset_state(const struct reset *r, long long now)
{
	if (r->used)
		return RESET_USED;
	return now >= r->expires ? RESET_EXPIRED : RESET_OK;
}

int
reset_save(struct store_txn *txn, const struct reset *r)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	int rc = BP_ENOMEM;

	if ((doc = record_new("reset")) == NULL)
		return BP_ENOMEM;
	if (record_set_fields(doc, r, fields, NITEMS(fields)) != 0)
		goto out;
	if ((rc = record_serialize(doc, &b)) != 0)
		goto out;
	rc = store_put(txn, DB_RESETS, r->key, sizeof(r->key), b.p, b.len);
out:
	xmlFreeDoc(doc);
	if (b.p)
		crypto_wipe(b.p, b.len);
	buf_free(&b);
	return rc;
}

static int
parse(const void *v, size_t vlen, struct reset *out)
{
	xmlDocPtr doc;
	int rc = BP_EXML;

	if ((doc = record_parse(v, vlen)) == NULL)
		return BP_EXML;
	if (record_get_fields(doc, out, fields, NITEMS(fields)) != 0)
		goto out;
	rc = strlen(out->account) == ACCOUNT_ID_LEN ? 0 : BP_EXML;
out:
	xmlFreeDoc(doc);
	return rc;
}

static int
forgotten(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct reset r;

	(void)k;
	(void)klen;
	memset(&r, 0, sizeof(r));
	if (parse(v, vlen, &r) != 0)
		return 1;
	return r.expires + RESET_KEEP <= *(const long long *)arg;
}

int
reset_create(struct store_txn *txn, struct reset *r, long long now,
    char token[TOKEN_HEX + 1])
{
	int rc;

	if (strlen(r->account) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	if ((rc = store_purge(txn, DB_RESETS, forgotten, &now, 32)) < 0)
		return rc;
	if ((rc = token_new(token, r->key)) != 0)
		return rc;
	r->created = now;
	r->expires = now + RESET_HOURS * 3600LL;
	r->used = 0;
	r->password[0] = r->totp[0] = '\0';
	return reset_save(txn, r);
}

int
reset_load(struct store_txn *txn, const char *token, struct reset *out)
{
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = token_get(txn, DB_RESETS, token, out->key, &v, &vlen)) != 0)
		return rc;
	return parse(v, vlen, out);
}
