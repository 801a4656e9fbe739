/* account.c: account records (XML) and the e-post index. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "otp.h"
#include "record.h"
#include "secrets.h"

const char *const role_ids[ROLE__MAX] = { "korfor", "korus", "kommunekontakt", "kartlegger" };
const char *const role_titles[ROLE__MAX] = { "KORFOR", "KORUS", "Kommunekontakt", "Kartlegger" };
const char *const role_tilhorighet[ROLE__MAX] = { "KORFOR", "KORUS", "Kommune", "Kartlegger" };
const char *const tjenestetype_ids[TJ__MAX] = { "helse-omsorg", "fastlege", "nav", "barnevern" };
const char *const tjenestetype_titles[TJ__MAX] = {
	"Helse- og omsorgstjeneste", "Fastlege", "NAV", "Barnevern"
};

/* The record's fields, in one table: reading and writing walk the same list. */
#define T(m, n) RECORD_TEXT(struct account, m, n)
#define L(m, n) RECORD_TIME(struct account, m, n)
static const struct record_field fields[] = {
	T(name, "name"), T(email, "email"), T(region, "region"), T(kommune, "kommune"),
	T(kommunenavn, "kommunenavn"), T(bydel, "bydel"), T(bydelnavn, "bydelnavn"),
	T(instans, "instans"), T(tjenestetype, "tjenestetype"), T(password, "password"),
	T(totp, "totp"), T(idhash, "idhash"), T(invited_by, "invited-by"),
	L(totp_step, "totp-step"), L(created, "created"), L(innvilget, "innvilget"),
	L(tilbakekalt, "tilbakekalt"), L(welcome_seen, "welcome-seen"), L(invited, "invited"),
};
#undef T
#undef L

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

int
role_from_id(const char *id)
{
	return str_index(role_ids, ROLE__MAX, id);
}

int
tjenestetype_from_id(const char *id)
{
	return str_index(tjenestetype_ids, TJ__MAX, id);
}

int
email_normalize(const char *in, char *out, size_t size)
{
	const char *at;
	size_t i, n;

	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n < 3 || n > EMAIL_MAX || n >= size || !utf8_valid(in, n))
		return BP_EINVAL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' ||
		    c == ';' || c == '\\')
			return BP_EINVAL;
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
	}
	out[n] = '\0';
	at = strchr(out, '@');
	if (at == NULL || at == out || strchr(at + 1, '@') != NULL)
		return BP_EINVAL;
	if (at[1] == '\0' || at[1] == '.' || strchr(at + 1, '.') == NULL || out[n - 1] == '.')
		return BP_EINVAL;
	return 0;
}

int
name_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || !utf8_valid(s, n) || utf8_chars(s, n) > ACCOUNT_NAME_CHARS)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

int
account_id_form(const char *s)
{
	return *s == '\0' || (strlen(s) == ACCOUNT_ID_LEN &&
	    strspn(s, "0123456789abcdef") == ACCOUNT_ID_LEN);
}

int
account_new_id(struct account *a)
{
	unsigned char raw[ACCOUNT_ID_LEN / 2];

	if (crypto_random(raw, sizeof(raw)) != 0)
		return BP_ECRYPTO;
	hex_encode(raw, sizeof(raw), a->id);
	return 0;
}

static int
from_xml(xmlDocPtr doc, struct account *a)
{
	char role[32];
	int r;

	if (record_get_fields(doc, a, fields, NITEMS(fields)) != 0)
		return BP_EXML;
	if (record_get(doc, "role", role, sizeof(role)) != 0 || (r = role_from_id(role)) < 0)
		return BP_EXML;
	a->role = (enum role)r;
	return 0;
}

int
account_load(struct store_txn *txn, const char *id, struct account *out)
{
	const void *v;
	size_t vlen;
	xmlDocPtr doc;
	int rc;

	memset(out, 0, sizeof(*out));
	if (strlen(id) != ACCOUNT_ID_LEN)
		return BP_ENOENT;
	if ((rc = store_get(txn, DB_ACCOUNTS, id, ACCOUNT_ID_LEN, &v, &vlen)) != 0)
		return rc;
	if ((doc = record_parse(v, vlen)) == NULL)
		return BP_EXML;
	rc = from_xml(doc, out);
	xmlFreeDoc(doc);
	if (rc == 0)
		str_copy(out->id, sizeof(out->id), id);
	return rc;
}

/* an index (e-post, identity) maps a key to an account id */
static int
by_index(struct store_txn *txn, enum store_db db, const char *key, struct account *out)
{
	char id[ACCOUNT_ID_LEN + 1];
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = store_get(txn, db, key, strlen(key), &v, &vlen)) != 0)
		return rc;
	if (vlen != ACCOUNT_ID_LEN)
		return BP_EXML;
	memcpy(id, v, ACCOUNT_ID_LEN);
	id[ACCOUNT_ID_LEN] = '\0';
	return account_load(txn, id, out);
}

int
account_by_email(struct store_txn *txn, const char *email, struct account *out)
{
	memset(out, 0, sizeof(*out));
	if (*email == '\0' || strlen(email) > EMAIL_MAX)
		return BP_ENOENT;
	return by_index(txn, DB_EMAILS, email, out);
}

/* the scope index: an account's kommune and region never change after registration; its
 * role only through account_save_role */
static int
index_scopes(struct store_txn *txn, const struct account *a)
{
	const struct {
		char scope;
		const char *value;
	} entries[] = { { 'k', a->kommune }, { 'r', a->region }, { 'o', role_ids[a->role] } };
	char key[STORE_KEY_MAX + 1];
	size_t i;
	int n, rc;

	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		if (entries[i].value[0] == '\0')
			continue;
		n = snprintf(key, sizeof(key), "%c:%s:%s", entries[i].scope, entries[i].value, a->id);
		if (n < 0 || n > STORE_KEY_MAX)
			return BP_EINVAL;
		if ((rc = store_put(txn, DB_SCOPES, key, (size_t)n, "", 0)) != 0)
			return rc;
	}
	return 0;
}

struct scan {
	struct store_txn *txn;
	size_t plen;
	account_fn fn;		/* the accounts, read; or */
	account_id_fn id_fn;	/* their ids only */
	void *arg;
};

static int
scan_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct scan *s = arg;
	char id[ACCOUNT_ID_LEN + 1];
	struct account a;
	int rc;

	(void)v;
	(void)vlen;
	if (klen != s->plen + ACCOUNT_ID_LEN)
		return 0;
	memcpy(id, (const char *)k + s->plen, ACCOUNT_ID_LEN);
	id[ACCOUNT_ID_LEN] = '\0';
	if (s->id_fn)
		return s->id_fn(id, s->arg);
	if ((rc = account_load(s->txn, id, &a)) != 0)
		return rc == BP_ENOENT ? 0 : rc;
	return s->fn(&a, s->arg);
}

static int
scan_scope(struct store_txn *txn, char scope, const char *value, struct scan *s)
{
	char prefix[STORE_KEY_MAX + 1];
	int n;

	n = snprintf(prefix, sizeof(prefix), "%c:%s:", scope, value);
	if (n < 0 || n >= (int)sizeof(prefix) - ACCOUNT_ID_LEN)
		return BP_EINVAL;
	s->plen = (size_t)n;
	return store_scan(txn, DB_SCOPES, prefix, s->plen, 0, scan_one, s);
}

int
account_scan(struct store_txn *txn, char scope, const char *value, account_fn fn, void *arg)
{
	struct scan s = { txn, 0, fn, NULL, arg };

	return scan_scope(txn, scope, value, &s);
}

int
account_scan_ids(struct store_txn *txn, char scope, const char *value, account_id_fn fn,
    void *arg)
{
	struct scan s = { txn, 0, NULL, fn, arg };

	return scan_scope(txn, scope, value, &s);
}

int
account_save(struct store_txn *txn, const struct account *a, int is_new)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	int rc = BP_ENOMEM;

	if (strlen(a->id) != ACCOUNT_ID_LEN || a->role >= ROLE__MAX)
		return BP_EINVAL;
	if ((doc = record_new("account")) == NULL)
		return BP_ENOMEM;
	if (record_set(doc, "role", role_ids[a->role]) != 0)
		goto out;
	if (record_set_fields(doc, a, fields, NITEMS(fields)) != 0)
		goto out;
	if ((rc = record_serialize(doc, &b)) != 0)
		goto out;
	if (is_new && ((rc = store_add(txn, DB_EMAILS, a->email, strlen(a->email), a->id,
	    ACCOUNT_ID_LEN)) != 0 || (rc = index_scopes(txn, a)) != 0))
		goto out;
	if (is_new && a->idhash[0] && (rc = store_add(txn, DB_IDENTITIES, a->idhash,
	    strlen(a->idhash), a->id, ACCOUNT_ID_LEN)) != 0)
		goto out;
	rc = is_new ? store_add(txn, DB_ACCOUNTS, a->id, ACCOUNT_ID_LEN, b.p, b.len) :
	    store_put(txn, DB_ACCOUNTS, a->id, ACCOUNT_ID_LEN, b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}

int
account_save_role(struct store_txn *txn, struct account *a, enum role to)
{
	char key[STORE_KEY_MAX + 1];
	int n, rc;

	if (to >= ROLE__MAX)
		return BP_EINVAL;
	n = snprintf(key, sizeof(key), "o:%s:%s", role_ids[a->role], a->id);
	if (n < 0 || n > STORE_KEY_MAX)
		return BP_EINVAL;
	if ((rc = store_del(txn, DB_SCOPES, key, (size_t)n)) != 0 && rc != BP_ENOENT)
		return rc;
	a->role = to;
	n = snprintf(key, sizeof(key), "o:%s:%s", role_ids[a->role], a->id);
	if (n < 0 || n > STORE_KEY_MAX)
		return BP_EINVAL;
	if ((rc = store_put(txn, DB_SCOPES, key, (size_t)n, "", 0)) != 0)
		return rc;
	return account_save(txn, a, 0);
}

static int
block_key(const struct secrets *sec, const char *identity, int year,
    unsigned char key[CRYPTO_HASH_LEN])
{
	char y[16];

	snprintf(y, sizeof(y), "blokk:%d:", year);
	return crypto_hmac(sec->site, y, strlen(y), identity, strlen(identity), key);
}

int
account_block(struct store_txn *txn, const struct secrets *sec, const struct account *a,
    int year, long long now, int on)
{
	unsigned char key[CRYPTO_HASH_LEN];
	char identity[EMAIL_MAX + 8], when[32];
	const char *ids[2] = { "e:", "p:" };
	const char *vals[2] = { a->email, a->idhash };
	size_t i;
	int rc;

	snprintf(when, sizeof(when), "%lld", now);
	for (i = 0; i < 2; i++) {
		if (vals[i][0] == '\0')
			continue;
		snprintf(identity, sizeof(identity), "%s%s", ids[i], vals[i]);
		if ((rc = block_key(sec, identity, year, key)) != 0)
			return rc;
		rc = on ? store_put(txn, DB_BLOCKED, key, sizeof(key), when, strlen(when)) :
		    store_del(txn, DB_BLOCKED, key, sizeof(key));
		if (rc != 0 && !(rc == BP_ENOENT && !on))
			return rc;
	}
	return 0;
}

int
account_blocked(struct store_txn *txn, const struct secrets *sec, const char *identity,
    int year)
{
	unsigned char key[CRYPTO_HASH_LEN];
	const void *v;
	size_t vlen;

	if (block_key(sec, identity, year, key) != 0)
		return -1;
	return store_get(txn, DB_BLOCKED, key, sizeof(key), &v, &vlen) == 0;
}

int
identity_hash(const struct secrets *sec, const char *pid, char out[2 * CRYPTO_HASH_LEN + 1])
{
	unsigned char mac[CRYPTO_HASH_LEN];
	int rc;

	if ((rc = crypto_hmac(sec->site, "pid:", 4, pid, strlen(pid), mac)) != 0)
		return rc;
	hex_encode(mac, sizeof(mac), out);
	return 0;
}

int
account_by_identity(struct store_txn *txn, const char *idhash, struct account *out)
{
	memset(out, 0, sizeof(*out));
	if (strlen(idhash) != 2 * CRYPTO_HASH_LEN)
		return BP_ENOENT;
	return by_index(txn, DB_IDENTITIES, idhash, out);
}

int
account_totp_open(const struct secrets *sec, const char *id, const char *sealed_hex,
    struct buf *out)
{
	unsigned char sealed[128];
	size_t n = strlen(sealed_hex) / 2;
	int rc;

	if (n > sizeof(sealed) || hex_decode(sealed_hex, 2 * n, sealed, n) != 0)
		return BP_EXML;
	if ((rc = crypto_open(sec->data, id, ACCOUNT_ID_LEN, sealed, n, out)) != 0)
		return rc;
	return out->len == OTP_SECRET_LEN ? 0 : BP_EXML;
}

int
account_totp_check(const struct secrets *sec, const char *id, const char *sealed_hex,
    long long last, long long now, const char *code, long long *step)
{
	struct buf secret = { 0 };
	int rc;

	if ((rc = account_totp_open(sec, id, sealed_hex, &secret)) == 0)
		rc = otp_verify((unsigned char *)secret.p, secret.len, now, code, last, step);
	if (secret.p)
		crypto_wipe(secret.p, secret.len);
	buf_free(&secret);
	return rc;
}

int
account_totp_verify(const struct secrets *sec, const struct account *a, long long now,
    const char *code, long long *step)
{
	return account_totp_check(sec, a->id, a->totp, a->totp_step, now, code, step);
}

int
account_totp_new(const struct secrets *sec, const char *id, char sealed_hex[160])
{
	unsigned char secret[OTP_SECRET_LEN];
	struct buf sealed = { 0 };
	int rc;

	if ((rc = crypto_random(secret, sizeof(secret))) == 0)
		rc = crypto_seal(sec->data, id, ACCOUNT_ID_LEN, secret, sizeof(secret), &sealed);
	crypto_wipe(secret, sizeof(secret));
	if (rc == 0 && 2 * sealed.len >= 160)
		rc = BP_ETOOBIG;
	if (rc == 0)
		hex_encode(sealed.p, sealed.len, sealed_hex);
	buf_free(&sealed);
	return rc;
}
