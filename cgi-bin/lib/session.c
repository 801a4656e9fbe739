/* session.c: sessions stored as "account created seen browser" under SHA-256(token), and
 * an index "account id || key" -> "" (DB_ACCOUNT_SESSIONS) so that an account's sessions
 * can be listed and ended without reading every session. Every create and delete here
 * keeps both in step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

#define SESSION_VAL_MAX 192
#define INDEX_KEY_LEN (ACCOUNT_ID_LEN + CRYPTO_HASH_LEN)

/* User-Agent headers to words, first match wins: Edge and Opera say "Chrome/" too, and
 * Chrome says "Safari/" */
static const struct {
	const char *needle;
	const char *name;
} browsers[] = {
	{ "Edg/", "Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" },
	{ "Chrome/", "Chrome" }, { "Safari/", "Safari" }, { "curl/", "curl" },
}, systems[] = {
	{ "Android", "Android" }, { "iPhone", "iPhone" }, { "iPad", "iPad" },
	{ "Windows", "Windows" }, { "Mac OS X", "macOS" }, { "CrOS", "ChromeOS" },
	{ "Linux", "Linux" },
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

void
session_browser(const char *ua, char out[SESSION_BROWSER_MAX + 1])
{
	const char *b = NULL, *os = NULL;
	size_t i;

	for (i = 0; ua != NULL && b == NULL && i < NITEMS(browsers); i++)
		if (strstr(ua, browsers[i].needle) != NULL)
			b = browsers[i].name;
	for (i = 0; ua != NULL && os == NULL && i < NITEMS(systems); i++)
		if (strstr(ua, systems[i].needle) != NULL)
			os = systems[i].name;
	if (b != NULL && os != NULL)
		snprintf(out, SESSION_BROWSER_MAX + 1, "%s på %s", b, os);
	else
		snprintf(out, SESSION_BROWSER_MAX + 1, "%s", b ? b : os ? os : "Ukjent nettleser");
}

static int
encode(const struct session *s, char *out, size_t size)
{
	int n = snprintf(out, size, "%s %lld %lld %s", s->account, s->created, s->seen,
	    s->browser);

	return (n < 0 || (size_t)n >= size) ? BP_ETOOBIG : n;
}

/* older records have no browser: "account created seen" */
static int
decode(const void *v, size_t vlen, struct session *s)
{
	char text[SESSION_VAL_MAX], *p, *sp, *br;
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
	if ((br = strchr(sp + 1, ' ')) != NULL)
		*br++ = '\0';
	if (str_to_ll(sp + 1, 0, 1LL << 62, &t) != 0)
		return BP_EXML;
	s->seen = t;
	s->browser[0] = '\0';
	if (br != NULL && str_copy(s->browser, sizeof(s->browser), br) != 0)
		return BP_EXML;
	return 0;
}

static void
index_key(const char *account, const unsigned char key[CRYPTO_HASH_LEN],
    unsigned char out[INDEX_KEY_LEN])
{
	memcpy(out, account, ACCOUNT_ID_LEN);
	memcpy(out + ACCOUNT_ID_LEN, key, CRYPTO_HASH_LEN);
}

int
session_expired(const struct session *s, long long now)
{
	return now - s->seen >= SESSION_IDLE || now - s->created >= SESSION_ABSOLUTE;
}

int
session_create_from(struct store_txn *txn, const char *account, const char *browser,
    long long now, char token[TOKEN_HEX + 1], struct session *out)
{
	unsigned char ik[INDEX_KEY_LEN];
	char val[SESSION_VAL_MAX];
	int rc, n;

	memset(out, 0, sizeof(*out));
	if (strlen(account) != ACCOUNT_ID_LEN ||
	    str_copy(out->account, sizeof(out->account), account) != 0)
		return BP_EINVAL;
	out->created = out->seen = now;
	if (browser != NULL)
		session_browser(browser, out->browser);
	if ((rc = token_new(token, out->key)) != 0)
		return rc;
	if ((n = encode(out, val, sizeof(val))) < 0)
		return n;
	if ((rc = store_add(txn, DB_SESSIONS, out->key, sizeof(out->key), val, (size_t)n)) != 0)
		return rc;
	index_key(account, out->key, ik);
	return store_put(txn, DB_ACCOUNT_SESSIONS, ik, sizeof(ik), "", 0);
}

int
session_create(struct store_txn *txn, const char *account, long long now,
    char token[TOKEN_HEX + 1], struct session *out)
{
	return session_create_from(txn, account, NULL, now, token, out);
}

int
session_load(struct store_txn *txn, const char *token, long long now, struct session *out)
{
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = token_get(txn, DB_SESSIONS, token, out->key, &v, &vlen)) != 0)
		return rc;
	if ((rc = decode(v, vlen, out)) != 0)
		return rc;
	return session_expired(out, now) ? BP_ESTALE : 0;
}

int
session_touch(struct store_txn *txn, struct session *s, long long now)
{
	char val[SESSION_VAL_MAX];
	int n;

	s->seen = now;
	if ((n = encode(s, val, sizeof(val))) < 0)
		return n;
	return store_put(txn, DB_SESSIONS, s->key, sizeof(s->key), val, (size_t)n);
}

/* the session of key and its index entry; the account from the record when it is given
 * as NULL */
static int
delete_one(struct store_txn *txn, const char *account, const unsigned char key[CRYPTO_HASH_LEN])
{
	unsigned char ik[INDEX_KEY_LEN];
	struct session s;
	const void *v;
	size_t vlen;
	int rc;

	if (account == NULL) {
		rc = store_get(txn, DB_SESSIONS, key, CRYPTO_HASH_LEN, &v, &vlen);
		if (rc == BP_ENOENT)
			return 0;
		if (rc != 0)
			return rc;
		/* a record we cannot read has no index entry we could find */
		if (decode(v, vlen, &s) == 0)
			account = s.account;
	}
	if (account != NULL) {
		index_key(account, key, ik);
		if ((rc = store_del(txn, DB_ACCOUNT_SESSIONS, ik, sizeof(ik))) != 0 &&
		    rc != BP_ENOENT)
			return rc;
	}
	rc = store_del(txn, DB_SESSIONS, key, CRYPTO_HASH_LEN);
	return rc == BP_ENOENT ? 0 : rc;
}

int
session_delete(struct store_txn *txn, const unsigned char key[CRYPTO_HASH_LEN])
{
	return delete_one(txn, NULL, key);
}

/* session_purge: the index entries of the sessions store_purge deletes are noted as it
 * picks them, and deleted after it */
struct purged {
	long long now;
	int n, max;
	unsigned char (*ik)[INDEX_KEY_LEN];
};

static int
ended(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct purged *p = arg;
	struct session s;
	int bad = decode(v, vlen, &s) != 0;

	if (klen != CRYPTO_HASH_LEN || bad)
		return 1;
	if (!session_expired(&s, p->now))
		return 0;
	if (p->n < p->max)
		index_key(s.account, k, p->ik[p->n++]);
	return 1;
}

int
session_purge(struct store_txn *txn, long long now, int max)
{
	struct purged p = { now, 0, max, NULL };
	int rc, i, n;

	if (max <= 0)
		return 0;
	if ((p.ik = calloc((size_t)max, sizeof(*p.ik))) == NULL)
		return BP_ENOMEM;
	n = store_purge(txn, DB_SESSIONS, ended, &p, max);
	for (i = 0, rc = 0; n >= 0 && i < p.n && (rc == 0 || rc == BP_ENOENT); i++)
		rc = store_del(txn, DB_ACCOUNT_SESSIONS, p.ik[i], INDEX_KEY_LEN);
	free(p.ik);
	return n < 0 ? n : (rc == 0 || rc == BP_ENOENT) ? n : rc;
}

/* the keys of an account's index entries, collected before anything is deleted: a
 * cursor must not walk over its own deletes */
struct keys {
	unsigned char (*k)[CRYPTO_HASH_LEN];
	size_t n, cap;
};

static int
collect(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct keys *ks = arg;
	void *p;

	(void)v;
	(void)vlen;
	if (klen != INDEX_KEY_LEN)
		return 0;
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? 2 * ks->cap : 8;
		if ((p = realloc(ks->k, ks->cap * sizeof(*ks->k))) == NULL)
			return BP_ENOMEM;
		ks->k = p;
	}
	memcpy(ks->k[ks->n++], (const char *)k + ACCOUNT_ID_LEN, CRYPTO_HASH_LEN);
	return 0;
}

static int
account_keys(struct store_txn *txn, const char *account, struct keys *ks)
{
	memset(ks, 0, sizeof(*ks));
	if (strlen(account) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	return store_scan(txn, DB_ACCOUNT_SESSIONS, account, ACCOUNT_ID_LEN, 0, collect, ks);
}

int
session_list(struct store_txn *txn, const char *account, long long now, session_fn fn,
    void *arg)
{
	struct session s;
	struct keys ks;
	const void *v;
	size_t vlen, i;
	int rc;

	if ((rc = account_keys(txn, account, &ks)) != 0)
		goto out;
	for (i = 0; i < ks.n; i++) {
		memset(&s, 0, sizeof(s));
		rc = store_get(txn, DB_SESSIONS, ks.k[i], CRYPTO_HASH_LEN, &v, &vlen);
		if (rc == BP_ENOENT)
			continue;
		if (rc != 0 || (rc = decode(v, vlen, &s)) != 0)
			goto out;
		memcpy(s.key, ks.k[i], CRYPTO_HASH_LEN);
		if (strcmp(s.account, account) != 0 || session_expired(&s, now))
			continue;
		if ((rc = fn(&s, arg)) != 0)
			break;
	}
	rc = rc > 0 ? 0 : rc;
out:
	free(ks.k);
	return rc;
}

int
session_end_all(struct store_txn *txn, const char *account, const unsigned char *except)
{
	struct keys ks;
	size_t i;
	int rc, n = 0;

	if ((rc = account_keys(txn, account, &ks)) != 0)
		goto out;
	for (i = 0; i < ks.n; i++) {
		if (except != NULL && crypto_equal(ks.k[i], except, CRYPTO_HASH_LEN))
			continue;
		/* an expired session still in the store counts: it too could not be used */
		if ((rc = delete_one(txn, account, ks.k[i])) != 0)
			goto out;
		n++;
	}
out:
	free(ks.k);
	return rc != 0 ? rc : n;
}

static int
index_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct store_txn *txn = arg;
	unsigned char ik[INDEX_KEY_LEN];
	struct session s;

	if (klen != CRYPTO_HASH_LEN || decode(v, vlen, &s) != 0)
		return 0;
	index_key(s.account, k, ik);
	return store_put(txn, DB_ACCOUNT_SESSIONS, ik, sizeof(ik), "", 0);
}

int
session_index_fill(struct store_txn *txn)
{
	return store_scan(txn, DB_SESSIONS, NULL, 0, 0, index_one, txn);
}
