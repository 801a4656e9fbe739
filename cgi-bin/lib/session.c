/* session.c: sessions stored as "account created seen" under SHA-256(token). */
#include <stdio.h>
#include <string.h>

#include "session.h"

static int
encode(const struct session *s, char *out, size_t size)
{
	int n = snprintf(out, size, "%s %lld %lld", s->account, s->created, s->seen);

	return (n < 0 || (size_t)n >= size) ? BP_ETOOBIG : n;
}

static int
decode(const void *v, size_t vlen, struct session *s)
{
	char text[128], *p, *sp;
	long long t;

	if (vlen >= sizeof(text) || vlen < ACCOUNT_ID_LEN + 4)
		return BP_EXML;
	memcpy(text, v, vlen);
	text[vlen] = '\0';
	if (text[ACCOUNT_ID_LEN] != ' ')
		return BP_EXML;
	memcpy(s->account, text, ACCOUNT_ID_LEN);
	s->account[ACCOUNT_ID_LEN] = '\0';
	p = text + ACCOUNT_ID_LEN + 1;
	if ((sp = strchr(p, ' ')) == NULL)
		return BP_EXML;
	*sp = '\0';
	if (str_to_ll(p, 0, 1LL << 62, &t) != 0)
		return BP_EXML;
	s->created = t;
	if (str_to_ll(sp + 1, 0, 1LL << 62, &t) != 0)
		return BP_EXML;
	s->seen = t;
	return 0;
}

int
session_expired(const struct session *s, long long now)
{
	return now - s->seen >= SESSION_IDLE || now - s->created >= SESSION_ABSOLUTE;
}

int
session_create(struct store_txn *txn, const char *account, long long now,
    char token[TOKEN_HEX + 1], struct session *out)
{
	char val[128];
	int rc, n;

	memset(out, 0, sizeof(*out));
	if (strlen(account) != ACCOUNT_ID_LEN ||
	    str_copy(out->account, sizeof(out->account), account) != 0)
		return BP_EINVAL;
	out->created = out->seen = now;
	if ((rc = token_new(token, out->key)) != 0)
		return rc;
	if ((n = encode(out, val, sizeof(val))) < 0)
		return n;
	return store_add(txn, DB_SESSIONS, out->key, sizeof(out->key), val, (size_t)n);
}

int
session_load(struct store_txn *txn, const char *token, long long now, struct session *out)
{
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if (token_key(token, out->key) != 0)
		return BP_ENOENT;
	if ((rc = store_get(txn, DB_SESSIONS, out->key, sizeof(out->key), &v, &vlen)) != 0)
		return rc;
	if ((rc = decode(v, vlen, out)) != 0)
		return rc;
	return session_expired(out, now) ? BP_ESTALE : 0;
}

int
session_touch(struct store_txn *txn, struct session *s, long long now)
{
	char val[128];
	int n;

	s->seen = now;
	if ((n = encode(s, val, sizeof(val))) < 0)
		return n;
	return store_put(txn, DB_SESSIONS, s->key, sizeof(s->key), val, (size_t)n);
}

int
session_delete(struct store_txn *txn, const unsigned char key[CRYPTO_HASH_LEN])
{
	int rc = store_del(txn, DB_SESSIONS, key, CRYPTO_HASH_LEN);

	return rc == BP_ENOENT ? 0 : rc;
}

static int
ended(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct session s;

	(void)k;
	return klen != CRYPTO_HASH_LEN || decode(v, vlen, &s) != 0 ||
	    session_expired(&s, *(const long long *)arg);
}

int
session_purge(struct store_txn *txn, long long now, int max)
{
	return store_purge(txn, DB_SESSIONS, ended, &now, max);
}
