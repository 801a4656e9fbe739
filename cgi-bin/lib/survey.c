/* survey.c: survey keys and records: create, open, seal, put, remove, hand over, and a
 * kommune's year for the transfer. The indexes over the records are survey_index.c's to
 * write, the endringslogg survey_log.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "store.h"
#include "pack.h"
#include "survey_impl.h"


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

void
survey_key_kommune(const unsigned char key[SURVEY_KEY_LEN], char out[5])
{
	memcpy(out, key, 4);
	out[4] = '\0';
	if (strspn(out, "0123456789") != 4)
		out[0] = '\0';
}

int
survey_key_year(const unsigned char key[SURVEY_KEY_LEN])
{
	int year;

	return str_digits((const char *)key + 4, 4, &year) == 0 ? year : 0;
}

#define RECORD_HEAD SURVEY_RECORD_HEAD

int
survey_stored_id(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char raw[SURVEY_ID_BYTES])
{
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = store_get(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, &v, &vlen)) != 0)
		return rc;
	if (vlen <= RECORD_HEAD)
		return BP_EXML;
	memcpy(raw, (const char *)v + ACCOUNT_ID_LEN, SURVEY_ID_BYTES);
	return 0;
}

int
survey_id(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    char id[SURVEY_ID_LEN + 1])
{
	unsigned char raw[SURVEY_ID_BYTES];
	int rc;

	if ((rc = survey_stored_id(txn, key, raw)) != 0)
		return rc;
	hex_encode(raw, sizeof(raw), id);
	return 0;
}

int
survey_find(struct store_txn *txn, const char *id, unsigned char key[SURVEY_KEY_LEN])
{
	unsigned char raw[SURVEY_ID_BYTES];
	const void *v;
	size_t vlen;
	int rc;

	/* lower-case hex only: one spelling per id */
	if (strlen(id) != SURVEY_ID_LEN || strspn(id, "0123456789abcdef") != SURVEY_ID_LEN ||
	    hex_decode(id, SURVEY_ID_LEN, raw, sizeof(raw)) != 0)
		return BP_EINVAL;
	if ((rc = store_get(txn, DB_SURVEY_IDS, raw, sizeof(raw), &v, &vlen)) != 0)
		return rc;
	if (vlen != SURVEY_KEY_LEN)
		return BP_EXML;
	memcpy(key, v, SURVEY_KEY_LEN);
	return 0;
}

/* -- records: owner id || sealed XML ---------------------------------------------------- */

static int
record_seal(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, const char *id, xmlDocPtr record, struct buf *out)
{
	unsigned char raw[SURVEY_ID_BYTES];
	struct buf packed = { 0 };
	xmlChar *xml = NULL;
	int len = 0, rc;

	if (hex_decode(id, strlen(id), raw, sizeof(raw)) != 0)
		return BP_EINVAL;
	xmlDocDumpMemoryEnc(record, &xml, &len, "UTF-8");
	if (xml == NULL)
		return BP_ENOMEM;
	buf_add(out, owner, ACCOUNT_ID_LEN);
	buf_add(out, raw, sizeof(raw));
	/* deflated, then sealed (pack.h): only its length could tell anything of the
	 * contents, and only to someone who holds the store */
	if ((rc = out->err) == 0 && (rc = pack_deflate(xml, (size_t)len, &packed)) == 0)
		rc = crypto_seal(sec->data, key, SURVEY_KEY_LEN, packed.p, packed.len, out);
	crypto_wipe(xml, (size_t)len);
	xmlFree(xml);
	if (packed.p)
		crypto_wipe(packed.p, packed.len);
	buf_free(&packed);
	return rc;
}

static int
set_version(xmlDocPtr record, long long version, long long changed)
{
	xmlNodePtr root = xmlDocGetRootElement(record);
	char v[32];

	if (root == NULL)
		return BP_EXML;
	snprintf(v, sizeof(v), "%lld", version);
	if (xmlSetProp(root, BAD_CAST "versjon", BAD_CAST v) == NULL)
		return BP_ENOMEM;
	snprintf(v, sizeof(v), "%lld", changed);
	return xmlSetProp(root, BAD_CAST "endret", BAD_CAST v) ? 0 : BP_ENOMEM;
}

/* a new survey's record and index entries */
static int
put_record(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, const struct survey_facts *facts)
{
	struct buf value = { 0 }, fv = { 0 };
	int rc;

	if ((rc = set_version(record, facts->version, facts->changed)) != 0 ||
	    (rc = record_seal(sec, key, owner, facts->id, record, &value)) != 0 ||
	    (rc = survey_index_encode(sec, key, fnr, facts, &fv)) != 0)
		goto out;
	if ((rc = store_add(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, value.p, value.len)) == 0)
		rc = survey_index_add(txn, owner, key, &fv, facts->changed);
out:
	if (value.p)
		crypto_wipe(value.p, value.len);
	buf_free(&value);
	buf_free(&fv);
	return rc;
}

int
survey_create(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, struct survey_facts *facts, char existing_owner[ACCOUNT_ID_LEN + 1])
{
	unsigned char raw[SURVEY_ID_BYTES];
	const void *v;
	size_t vlen;
	int rc;

	existing_owner[0] = '\0';
	if (strlen(owner) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	if (store_get(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, &v, &vlen) == 0) {
		if (vlen > ACCOUNT_ID_LEN) {
			memcpy(existing_owner, v, ACCOUNT_ID_LEN);
			existing_owner[ACCOUNT_ID_LEN] = '\0';
		}
		return BP_EEXIST;
	}
	facts->version = 1;
	memcpy(facts->key, key, SURVEY_KEY_LEN);
	/* a new page id each time: an old link never opens a survey made again */
	if ((rc = crypto_random(raw, sizeof(raw))) != 0)
		return rc;
	hex_encode(raw, sizeof(raw), facts->id);
	if ((rc = store_add(txn, DB_SURVEY_IDS, raw, sizeof(raw), key, SURVEY_KEY_LEN)) != 0)
		return rc == BP_EEXIST ? BP_ECRYPTO : rc;	/* 2^-128: a broken generator */
	return put_record(txn, sec, key, owner, record, fnr, facts);
}

int
survey_open(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], char owner[ACCOUNT_ID_LEN + 1], xmlDocPtr *record)
{
	struct buf opened = { 0 }, unpacked = { 0 };
	const char *xml;
	const void *v;
	size_t vlen, len;
	int rc;

	*record = NULL;
	if ((rc = store_get(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, &v, &vlen)) != 0)
		return rc;
	if (vlen <= RECORD_HEAD + CRYPTO_SEAL_OVERHEAD)
		return BP_EXML;
	memcpy(owner, v, ACCOUNT_ID_LEN);
	owner[ACCOUNT_ID_LEN] = '\0';
	if ((rc = crypto_open(sec->data, key, SURVEY_KEY_LEN, (const char *)v + RECORD_HEAD,
	    vlen - RECORD_HEAD, &opened)) == 0 &&
	    (rc = pack_xml(opened.p, opened.len, &unpacked, &xml, &len)) == 0 &&
	    (*record = record_parse(xml, len)) == NULL)
		rc = BP_EXML;
	if (opened.p)
		crypto_wipe(opened.p, opened.len);
	if (unpacked.p)
		crypto_wipe(unpacked.p, unpacked.len);
	buf_free(&opened);
	buf_free(&unpacked);
	return rc;
}

int
survey_seal(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, xmlDocPtr record, const char *fnr, const struct survey_facts *facts,
    struct survey_sealed *out)
{
	struct survey_facts next = *facts;
	int rc;

	memset(out, 0, sizeof(*out));
	if (strlen(owner) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	memcpy(out->key, key, SURVEY_KEY_LEN);
	str_copy(out->owner, sizeof(out->owner), owner);
	memcpy(out->id, facts->id, sizeof(out->id));
	out->version = facts->version;
	out->changed = facts->changed;
	next.version++;
	if ((rc = set_version(record, next.version, next.changed)) != 0 ||
	    (rc = record_seal(sec, key, owner, next.id, record, &out->value)) != 0 ||
	    (rc = survey_index_encode(sec, key, fnr, &next, &out->facts)) != 0)
		survey_sealed_free(out);
	crypto_wipe(&next, sizeof(next));
	return rc;
}

int
survey_put(struct store_txn *txn, const struct survey_sealed *s)
{
	struct survey_facts now;
	int rc;

	if (s->value.p == NULL || s->facts.p == NULL)
		return BP_EINVAL;
	if ((rc = survey_facts(txn, NULL, s->owner, s->key, &now)) != 0)
		return rc;		/* gone, or no longer this owner's */
	/* someone saved in between, or it was deleted and made anew: nothing is overwritten */
	if (now.version != s->version || strcmp(now.id, s->id) != 0)
		return BP_ESTALE;
	if ((rc = store_put(txn, DB_SURVEYS, s->key, SURVEY_KEY_LEN, s->value.p,
	    s->value.len)) != 0)
		return rc;
	return survey_index_update(txn, s->owner, s->key, &s->facts, now.changed, s->changed);
}

void
survey_sealed_free(struct survey_sealed *s)
{
	if (s->value.p)
		crypto_wipe(s->value.p, s->value.len);
	buf_free(&s->value);
	buf_free(&s->facts);
}

int
survey_save(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, struct survey_facts *facts)
{
	struct survey_sealed s;
	int rc;

	if ((rc = survey_seal(sec, key, owner, record, fnr, facts, &s)) != 0)
		return rc;
	if ((rc = survey_put(txn, &s)) == 0)
		facts->version++;
	survey_sealed_free(&s);
	return rc;
}

int
survey_remove(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN], const char *owner,
    long long now, const char *account)
{
	unsigned char raw[SURVEY_ID_BYTES];
	int rc;

	/* the last line first, while the survey still names its log */
	if ((rc = survey_log(txn, key, now, account, "slettet")) != 0 ||
	    (rc = survey_stored_id(txn, key, raw)) != 0)
		return rc;
	if ((rc = store_del(txn, DB_SURVEYS, key, SURVEY_KEY_LEN)) != 0 ||
	    (rc = survey_index_del(txn, owner, key)) != 0)
		return rc;
	return store_del(txn, DB_SURVEY_IDS, raw, sizeof(raw));
}

int
survey_handover(struct store_txn *txn, const struct account *from,
    const struct account *to, const struct account *by, long long now, long *moved)
{
	unsigned char *keys = NULL, *key;
	char action[2 * sizeof(from->name) + 2 * sizeof(from->instans) + 64];
	struct buf copy = { 0 };
	const void *v;
	size_t vlen, n, i;
	int rc;

	*moved = 0;
	if (strcmp(from->id, to->id) == 0)
		return BP_EINVAL;
	/* collect first: the cursor must not walk over the entries we rewrite */
	if ((rc = survey_index_keys(txn, from->id, &keys, &n)) != 0)
		goto out;
	snprintf(action, sizeof(action), "overført fra %s (%s) til %s (%s)", from->name,
	    from->instans, to->name, to->instans);
	for (i = 0; i < n; i++) {
		key = keys + i * SURVEY_KEY_LEN;
		if ((rc = survey_index_move(txn, from->id, to->id, key)) != 0)
			goto out;
		/* the record's owner prefix; the sealed part stays as it is */
		if ((rc = store_get(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, &v, &vlen)) != 0)
			goto out;
		if (vlen <= RECORD_HEAD) {
			rc = BP_EXML;
			goto out;
		}
		buf_reset(&copy);
		buf_add(&copy, to->id, ACCOUNT_ID_LEN);
		buf_add(&copy, (const char *)v + ACCOUNT_ID_LEN, vlen - ACCOUNT_ID_LEN);
		if (copy.err || (rc = store_put(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, copy.p,
		    copy.len)) != 0)
			goto out;
		if ((rc = survey_log(txn, key, now, by->id, action)) != 0)
			goto out;
	}
	*moved = (long)n;
out:
	buf_free(&copy);
	free(keys);
	return copy.err ? BP_ENOMEM : rc;
}

int
survey_year_prefix(const char *kommune, int year, char prefix[9])
{
	if (strlen(kommune) != 4 || year < 1000 || year > 9999)
		return BP_EINVAL;
	snprintf(prefix, 9, "%s%04d", kommune, year);
	return 0;
}
/* -- a kommune's year, for the transfer ------------------------------------------------- */

struct refs {
	struct survey_ref *refs;
	size_t n, cap;
};

static int
ref_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct refs *r = arg;
	struct survey_ref *p;

	if (klen != SURVEY_KEY_LEN || vlen < ACCOUNT_ID_LEN)
		return BP_EXML;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		if ((p = realloc(r->refs, r->cap * sizeof(*p))) == NULL)
			return BP_ENOMEM;
		r->refs = p;
	}
	memcpy(r->refs[r->n].key, k, SURVEY_KEY_LEN);
	memcpy(r->refs[r->n].owner, v, ACCOUNT_ID_LEN);
	r->refs[r->n].owner[ACCOUNT_ID_LEN] = '\0';
	r->n++;
	return 0;
}

int
survey_year_refs(struct store_txn *txn, const char *kommune, int year,
    struct survey_ref **out, size_t *n)
{
	struct refs r = { NULL, 0, 0 };
	char prefix[9];
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = survey_year_prefix(kommune, year, prefix)) != 0)
		return rc;
	if ((rc = store_scan(txn, DB_SURVEYS, prefix, 8, 0, ref_one, &r)) != 0) {
		free(r.refs);
		return rc;
	}
	*out = r.refs;
	*n = r.n;
	return 0;
}

int
survey_drop(struct store_txn *txn, const struct survey_ref *ref)
{
	unsigned char raw[SURVEY_ID_BYTES];
	int rc;

	if ((rc = survey_stored_id(txn, ref->key, raw)) != 0 ||
	    (rc = store_del(txn, DB_SURVEYS, ref->key, SURVEY_KEY_LEN)) != 0 ||
	    (rc = survey_index_del(txn, ref->owner, ref->key)) != 0)
		return rc;
	return store_del(txn, DB_SURVEY_IDS, raw, sizeof(raw));
}


int
survey_years(struct store_txn *txn, survey_year_fn fn, void *arg)
{
	char from[9] = "0000", key[8], kommune[5];
	size_t klen;
	int rc, year, i;

	/* one seek per kommune and year: jump past the keys of each pair found */
	for (;;) {
		rc = store_seek(txn, DB_SURVEYS, from, strlen(from), key, sizeof(key), &klen);
		if (rc == BP_ENOENT)
			return 0;
		if (rc != 0)
			return rc;
		if (klen != SURVEY_KEY_LEN)
			return BP_EXML;
		for (i = 0, year = 0; i < 4; i++) {
			if (key[4 + i] < '0' || key[4 + i] > '9')
				return BP_EXML;
			year = 10 * year + (key[4 + i] - '0');
		}
		memcpy(kommune, key, 4);
		kommune[4] = '\0';
		if ((rc = fn(kommune, year, arg)) != 0)
			return rc < 0 ? rc : 0;
		if (year == 9999)
			return 0;
		memcpy(from, kommune, 4);
		year++;
		for (i = 3; i >= 0; i--, year /= 10)
			from[4 + i] = (char)('0' + year % 10);
		from[8] = '\0';
	}
}
