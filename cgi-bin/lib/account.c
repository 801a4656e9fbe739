/* account.c: account records (XML) and the e-post index. */
#include <stddef.h>
#include <string.h>

#include "account.h"
#include "record.h"

const char *const role_ids[ROLE__MAX] = { "korfor", "korus", "kommunekontakt", "kartlegger" };
const char *const role_titles[ROLE__MAX] = { "KORFOR", "KORUS", "Kommunekontakt", "Kartlegger" };

/* The record's text fields, in one table: reading and writing walk the same list. */
static const struct {
	const char *name;
	size_t off;
	size_t size;
} text_fields[] = {
#define F(n) { #n, offsetof(struct account, n), sizeof(((struct account *)0)->n) }
	F(name), F(email), F(region), F(kommune), F(bydel), F(instans), F(tjenestetype),
	F(password), F(totp), { "invited-by", offsetof(struct account, invited_by),
	    sizeof(((struct account *)0)->invited_by) },
#undef F
};

static const struct {
	const char *name;
	size_t off;
} time_fields[] = {
	{ "totp-step", offsetof(struct account, totp_step) },
	{ "created", offsetof(struct account, created) },
	{ "innvilget", offsetof(struct account, innvilget) },
	{ "tilbakekalt", offsetof(struct account, tilbakekalt) },
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

int
role_from_id(const char *id)
{
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		if (strcmp(role_ids[i], id) == 0)
			return i;
	return -1;
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
	size_t i;
	int r;

	for (i = 0; i < NITEMS(text_fields); i++)
		if (record_get(doc, text_fields[i].name, (char *)a + text_fields[i].off,
		    text_fields[i].size) != 0)
			return BP_EXML;
	for (i = 0; i < NITEMS(time_fields); i++)
		*(long long *)((char *)a + time_fields[i].off) =
		    record_get_ll(doc, time_fields[i].name, 0);
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

int
account_by_email(struct store_txn *txn, const char *email, struct account *out)
{
	char id[ACCOUNT_ID_LEN + 1];
	const void *v;
	size_t vlen;
	int rc;

	memset(out, 0, sizeof(*out));
	if (*email == '\0' || strlen(email) > EMAIL_MAX)
		return BP_ENOENT;
	if ((rc = store_get(txn, DB_EMAILS, email, strlen(email), &v, &vlen)) != 0)
		return rc;
	if (vlen != ACCOUNT_ID_LEN)
		return BP_EXML;
	memcpy(id, v, ACCOUNT_ID_LEN);
	id[ACCOUNT_ID_LEN] = '\0';
	return account_load(txn, id, out);
}

int
account_save(struct store_txn *txn, const struct account *a, int is_new)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	size_t i;
	int rc = BP_ENOMEM;

	if (strlen(a->id) != ACCOUNT_ID_LEN || a->role >= ROLE__MAX)
		return BP_EINVAL;
	if ((doc = record_new("account")) == NULL)
		return BP_ENOMEM;
	if (record_set(doc, "role", role_ids[a->role]) != 0)
		goto out;
	for (i = 0; i < NITEMS(text_fields); i++)
		if (record_set(doc, text_fields[i].name,
		    (const char *)a + text_fields[i].off) != 0)
			goto out;
	for (i = 0; i < NITEMS(time_fields); i++)
		if (record_set_ll(doc, time_fields[i].name,
		    *(const long long *)((const char *)a + time_fields[i].off)) != 0)
			goto out;
	if ((rc = record_serialize(doc, &b)) != 0)
		goto out;
	if (is_new && (rc = store_add(txn, DB_EMAILS, a->email, strlen(a->email), a->id,
	    ACCOUNT_ID_LEN)) != 0)
		goto out;
	rc = is_new ? store_add(txn, DB_ACCOUNTS, a->id, ACCOUNT_ID_LEN, b.p, b.len) :
	    store_put(txn, DB_ACCOUNTS, a->id, ACCOUNT_ID_LEN, b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}
