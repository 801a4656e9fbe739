/* survey.c: survey keys, ownership index, hand-over and endringslogg lines. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "record.h"
#include "store.h"
#include "pack.h"
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

#define RECORD_HEAD (ACCOUNT_ID_LEN + SURVEY_ID_BYTES)	/* owner id, page id */

/* the page id of a stored survey, from the head of its value */
static int
stored_id(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
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

	if ((rc = stored_id(txn, key, raw)) != 0)
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

static void
owner_key(const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char out[OWNER_KEY_LEN])
{
	memcpy(out, owner, ACCOUNT_ID_LEN);
	memcpy(out + ACCOUNT_ID_LEN, key, SURVEY_KEY_LEN);
}

/* -- facts in the owner index: "errors obs changed version id <hex of sealed fnr>" ------ */

static int
facts_encode(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *fnr, const struct survey_facts *f, struct buf *out)
{
	struct buf sealed = { 0 };
	char *hex;
	int rc;

	if ((rc = crypto_seal(sec->data, key, SURVEY_KEY_LEN, fnr, strlen(fnr), &sealed)) != 0) {
		buf_free(&sealed);
		return rc;
	}
	if ((hex = malloc(2 * sealed.len + 1)) == NULL) {
		buf_free(&sealed);
		return BP_ENOMEM;
	}
	hex_encode(sealed.p, sealed.len, hex);
	buf_printf(out, "%ld %ld %lld %lld %s %s", f->errors, f->obs, f->changed, f->version, f->id,
	    hex);
	free(hex);
	buf_free(&sealed);
	return out->err;
}

/* A number we wrote with %ld or %lld, and the space after it: digits only (counts, times
 * and versions are never negative), at most 18 of them, so it cannot overflow. */
static int
facts_number(const char **p, const char *end, long long *out)
{
	const char *s = *p;
	long long v = 0;
	size_t n = 0;

	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (++n > 18)
			return BP_EXML;
		v = 10 * v + (*s - '0');
	}
	if (n == 0 || s == end || *s != ' ')
		return BP_EXML;
	*p = s + 1;
	*out = v;
	return 0;
}

static const unsigned char lower_hex[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
};

/* Parsed by hand, not with sscanf: a list scans every entry of an owner, and sscanf cost
 * 6,000 instructions a row. The sealed number is decoded and opened only when sec is given:
 * the plain list opens only the rows it shows. */
static int
facts_decode(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const void *v, size_t vlen, struct survey_facts *f)
{
	const char *p = v, *end = p + vlen, *id;
	unsigned char sealed[64];
	struct buf fnr = { 0 };
	long long errors, obs;
	size_t hexlen, i;
	int rc;

	memset(f, 0, sizeof(*f));
	memcpy(f->key, key, SURVEY_KEY_LEN);
	if (facts_number(&p, end, &errors) != 0 || errors > LONG_MAX ||
	    facts_number(&p, end, &obs) != 0 || obs > LONG_MAX ||
	    facts_number(&p, end, &f->changed) != 0 ||
	    facts_number(&p, end, &f->version) != 0)
		return BP_EXML;
	/* the page id, lower-case hex as survey_find wants it (it goes into links), a space */
	if (end - p <= SURVEY_ID_LEN || p[SURVEY_ID_LEN] != ' ')
		return BP_EXML;
	for (id = p, i = 0; i < SURVEY_ID_LEN; i++)
		if (!lower_hex[(unsigned char)id[i]])
			return BP_EXML;
	/* and the sealed number in hex, to the end */
	p += SURVEY_ID_LEN + 1;
	hexlen = (size_t)(end - p);
	if (hexlen == 0 || hexlen > 2 * sizeof(sealed) || hexlen % 2 != 0 ||
	    memchr(p, ' ', hexlen) != NULL)
		return BP_EXML;
	f->errors = (long)errors;
	f->obs = (long)obs;
	memcpy(f->id, id, SURVEY_ID_LEN);
	f->id[SURVEY_ID_LEN] = '\0';
	if (sec == NULL)
		return 0;
	if (hex_decode(p, hexlen, sealed, hexlen / 2) != 0)
		return BP_EXML;
	if ((rc = crypto_open(sec->data, key, SURVEY_KEY_LEN, sealed, hexlen / 2, &fnr)) == 0)
		str_copy(f->fnr, sizeof(f->fnr), fnr.p);
	crypto_wipe(fnr.p, fnr.len);
	buf_free(&fnr);
	return rc;
}

/* the change, the third field of the facts, or -1 when they do not say */
static long long
facts_changed(const void *v, size_t vlen)
{
	const char *p = v, *end = p + vlen;
	long long n, changed;

	if (facts_number(&p, end, &n) != 0 || facts_number(&p, end, &n) != 0 ||
	    facts_number(&p, end, &changed) != 0)
		return -1;
	return changed;
}

/* -- the by-change index: owner id || year -> ~changed (8 bytes, big-endian) || survey key.
 * LMDB keeps the values of a key sorted, so an owner's surveys of a year come newest change
 * first (ties by key), and their number is known without reading them. Every write of the
 * owner index writes this one in the same transaction. ------------------------------------ */

#define CHANGED_KEY_LEN (ACCOUNT_ID_LEN + 4)
#define CHANGED_VAL_LEN (8 + SURVEY_KEY_LEN)

static void
changed_key(const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char k[CHANGED_KEY_LEN])
{
	memcpy(k, owner, ACCOUNT_ID_LEN);
	memcpy(k + ACCOUNT_ID_LEN, key + 4, 4);		/* the year's digits */
}

static void
changed_value(const unsigned char key[SURVEY_KEY_LEN], long long changed,
    unsigned char v[CHANGED_VAL_LEN])
{
	uint64_t inv = (uint64_t)LLONG_MAX - (uint64_t)(changed < 0 ? 0 : changed);
	int i;

	for (i = 0; i < 8; i++)
		v[i] = (unsigned char)(inv >> (56 - 8 * i));
	memcpy(v + 8, key, SURVEY_KEY_LEN);
}

static int
changed_add(struct store_txn *txn, const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    long long changed)
{
	unsigned char k[CHANGED_KEY_LEN], v[CHANGED_VAL_LEN];
	int rc;

	changed_key(owner, key, k);
	changed_value(key, changed, v);
	rc = store_dup_add(txn, DB_CHANGED, k, sizeof(k), v, sizeof(v));
	return rc == BP_EEXIST ? 0 : rc;
}

struct changed_find {
	const unsigned char *key;
	unsigned char found[CHANGED_VAL_LEN];
	int n;
};

static int
changed_match(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct changed_find *c = arg;

	(void)k;
	(void)klen;
	if (vlen != CHANGED_VAL_LEN || memcmp((const char *)v + 8, c->key, SURVEY_KEY_LEN) != 0)
		return 0;
	memcpy(c->found, v, CHANGED_VAL_LEN);
	c->n = 1;
	return 1;
}

/* Take a survey out of the index, by its change (changed, from its facts); when they do
 * not agree (-1: unreadable facts), by a look through the owner's year. Absent is fine. */
static int
changed_del(struct store_txn *txn, const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    long long changed)
{
	unsigned char k[CHANGED_KEY_LEN], v[CHANGED_VAL_LEN];
	struct changed_find c = { key, { 0 }, 0 };
	int rc;

	changed_key(owner, key, k);
	if (changed >= 0) {
		changed_value(key, changed, v);
		if ((rc = store_dup_del(txn, DB_CHANGED, k, sizeof(k), v, sizeof(v))) != BP_ENOENT)
			return rc;
	}
	if ((rc = store_dup_scan(txn, DB_CHANGED, k, sizeof(k), changed_match, &c)) != 0)
		return rc;
	return c.n ? store_dup_del(txn, DB_CHANGED, k, sizeof(k), c.found, sizeof(c.found)) : 0;
}

/* the owner index entry of owner and key leaves, and with it its by-change entry */
static int
owner_del(struct store_txn *txn, const char *owner, const unsigned char key[SURVEY_KEY_LEN])
{
	unsigned char ok[OWNER_KEY_LEN];
	long long changed;
	const void *v;
	size_t vlen;
	int rc;

	owner_key(owner, key, ok);
	if ((rc = store_get(txn, DB_OWNERS, ok, sizeof(ok), &v, &vlen)) != 0)
		return rc;
	changed = facts_changed(v, vlen);
	if ((rc = store_del(txn, DB_OWNERS, ok, sizeof(ok))) != 0)
		return rc;
	return changed_del(txn, owner, key, changed);
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

static int
put_record(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, const struct survey_facts *facts, int is_new)
{
	unsigned char ok[OWNER_KEY_LEN];
	struct buf value = { 0 }, fv = { 0 };
	int rc;

	if ((rc = set_version(record, facts->version, facts->changed)) != 0 ||
	    (rc = record_seal(sec, key, owner, facts->id, record, &value)) != 0 ||
	    (rc = facts_encode(sec, key, fnr, facts, &fv)) != 0)
		goto out;
	rc = is_new ? store_add(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, value.p, value.len) :
	    store_put(txn, DB_SURVEYS, key, SURVEY_KEY_LEN, value.p, value.len);
	if (rc != 0)
		goto out;
	owner_key(owner, key, ok);
	if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), fv.p, fv.len)) != 0)
		goto out;
	rc = changed_add(txn, owner, key, facts->changed);
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
	return put_record(txn, sec, key, owner, record, fnr, facts, 1);
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
	    (rc = facts_encode(sec, key, fnr, &next, &out->facts)) != 0)
		survey_sealed_free(out);
	crypto_wipe(&next, sizeof(next));
	return rc;
}

int
survey_put(struct store_txn *txn, const struct survey_sealed *s)
{
	unsigned char ok[OWNER_KEY_LEN];
	struct survey_facts now;
	const void *v;
	size_t vlen;
	int rc;

	if (s->value.p == NULL || s->facts.p == NULL)
		return BP_EINVAL;
	owner_key(s->owner, s->key, ok);
	if ((rc = store_get(txn, DB_OWNERS, ok, sizeof(ok), &v, &vlen)) != 0)
		return rc;		/* gone, or no longer this owner's */
	if ((rc = facts_decode(NULL, s->key, v, vlen, &now)) != 0)
		return rc;
	/* someone saved in between, or it was deleted and made anew: nothing is overwritten */
	if (now.version != s->version || strcmp(now.id, s->id) != 0)
		return BP_ESTALE;
	if ((rc = store_put(txn, DB_SURVEYS, s->key, SURVEY_KEY_LEN, s->value.p,
	    s->value.len)) != 0 ||
	    (rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), s->facts.p, s->facts.len)) != 0 ||
	    (rc = changed_del(txn, s->owner, s->key, now.changed)) != 0)
		return rc;
	return changed_add(txn, s->owner, s->key, s->changed);
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
	    (rc = stored_id(txn, key, raw)) != 0)
		return rc;
	if ((rc = store_del(txn, DB_SURVEYS, key, SURVEY_KEY_LEN)) != 0 ||
	    (rc = owner_del(txn, owner, key)) != 0)
		return rc;
	return store_del(txn, DB_SURVEY_IDS, raw, sizeof(raw));
}

int
survey_facts(struct store_txn *txn, const struct secrets *sec, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], struct survey_facts *facts)
{
	unsigned char ok[OWNER_KEY_LEN];
	const void *v;
	size_t vlen;
	int rc;

	if (strlen(owner) != ACCOUNT_ID_LEN)
		return BP_EINVAL;
	owner_key(owner, key, ok);
	if ((rc = store_get(txn, DB_OWNERS, ok, sizeof(ok), &v, &vlen)) != 0)
		return rc;
	/* key may point into *facts (a list refreshing its rows): decode from the copy */
	return facts_decode(sec, ok + ACCOUNT_ID_LEN, v, vlen, facts);
}

struct listing {
	const struct secrets *sec;
	char year[5];			/* as in keys, or "" for any */
	survey_list_fn fn;
	void *arg;
};

/* the survey key of an owner index entry of l's year, or NULL to pass it by */
static const unsigned char *
list_key(const struct listing *l, const void *k, size_t klen)
{
	const unsigned char *key = (const unsigned char *)k + ACCOUNT_ID_LEN;

	if (klen != OWNER_KEY_LEN || (l->year[0] && memcmp(key + 4, l->year, 4) != 0))
		return NULL;
	return key;
}

static int
list_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct listing *l = arg;
	const unsigned char *key;
	struct survey_facts f;
	int rc;

	if ((key = list_key(l, k, klen)) == NULL)
		return 0;
	if ((rc = facts_decode(l->sec, key, v, vlen, &f)) != 0)
		return rc;
	rc = l->fn(&f, l->arg);
	if (l->sec)			/* else no number was opened */
		crypto_wipe(f.fnr, sizeof(f.fnr));
	return rc;
}

static int
list_scan(struct store_txn *txn, const char *owner, int year, struct listing *l)
{
	if (strlen(owner) != ACCOUNT_ID_LEN || year < 0 || year > 9999)
		return BP_EINVAL;
	if (year)
		snprintf(l->year, sizeof(l->year), "%04d", year);
	return store_scan(txn, DB_OWNERS, owner, ACCOUNT_ID_LEN, 0, list_one, l);
}

int
survey_list(struct store_txn *txn, const struct secrets *sec, const char *owner, int year,
    survey_list_fn fn, void *arg)
{
	struct listing l = { sec, "", fn, arg };

	return list_scan(txn, owner, year, &l);
}

struct order {
	survey_order_fn fn;
	void *arg;
};

static int
order_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct order *o = arg;
	const unsigned char *p = v;
	uint64_t inv = 0;
	int i;

	(void)k;
	(void)klen;
	if (vlen != CHANGED_VAL_LEN)
		return BP_EXML;
	for (i = 0; i < 8; i++)
		inv = inv << 8 | p[i];
	if (inv > (uint64_t)LLONG_MAX)
		return BP_EXML;
	return o->fn(p + 8, (long long)((uint64_t)LLONG_MAX - inv), o->arg);
}

int
survey_order(struct store_txn *txn, const char *owner, int year, survey_order_fn fn,
    void *arg)
{
	unsigned char k[CHANGED_KEY_LEN], key[SURVEY_KEY_LEN];
	struct order o = { fn, arg };
	char y[5];

	if (strlen(owner) != ACCOUNT_ID_LEN || year < 1 || year > 9999)
		return BP_EINVAL;
	snprintf(y, sizeof(y), "%04d", year);
	memcpy(key + 4, y, 4);
	changed_key(owner, key, k);
	return store_dup_scan(txn, DB_CHANGED, k, sizeof(k), order_one, &o);
}

static int
fill_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	char owner[ACCOUNT_ID_LEN + 1];

	if (klen != OWNER_KEY_LEN)
		return 0;
	memcpy(owner, k, ACCOUNT_ID_LEN);
	owner[ACCOUNT_ID_LEN] = '\0';
	return changed_add(arg, owner, (const unsigned char *)k + ACCOUNT_ID_LEN,
	    facts_changed(v, vlen));
}

int
survey_changed_fill(struct store_txn *txn)
{
	return store_scan(txn, DB_OWNERS, NULL, 0, 0, fill_one, txn);
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

	unsigned char k[CHANGED_KEY_LEN], key[SURVEY_KEY_LEN];
	char y[5];
	size_t n;

	*count = 0;
	if (strlen(owner) != ACCOUNT_ID_LEN || year < 0 || year > 9999)
		return BP_EINVAL;
	if (year) {
		/* the by-change index knows its number of values without reading them */
		snprintf(y, sizeof(y), "%04d", year);
		memcpy(key + 4, y, 4);
		changed_key(owner, key, k);
		if ((rc = store_dup_count(txn, DB_CHANGED, k, sizeof(k), &n)) == 0)
			*count = (long)n;
		return rc;
	}
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
	unsigned char ok[OWNER_KEY_LEN], *key;
	char action[2 * sizeof(from->name) + 2 * sizeof(from->instans) + 64];
	struct buf copy = { 0 };
	const void *v;
	size_t vlen, i;
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
		key = c.keys + i * SURVEY_KEY_LEN;
		/* the index entry moves with its facts */
		owner_key(from->id, key, ok);
		if ((rc = store_get(txn, DB_OWNERS, ok, sizeof(ok), &v, &vlen)) != 0)
			goto out;
		buf_reset(&copy);
		buf_add(&copy, v, vlen);
		if (copy.err || (rc = owner_del(txn, from->id, key)) != 0)
			goto out;
		owner_key(to->id, key, ok);
		if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), copy.p, copy.len)) != 0 ||
		    (rc = changed_add(txn, to->id, key, facts_changed(copy.p, copy.len))) != 0)
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
	*moved = (long)c.n;
out:
	buf_free(&copy);
	free(c.keys);
	return copy.err ? BP_ENOMEM : rc;
}

/* kommune || year, the head of survey, endringslogg and reservasjon keys */
static int
year_prefix(const char *kommune, int year, char prefix[9])
{
	if (strlen(kommune) != 4 || year < 1000 || year > 9999)
		return BP_EINVAL;
	snprintf(prefix, 9, "%s%04d", kommune, year);
	return 0;
}

/* An endringslogg line's key: kommune (4) || year (4) || page id || microseconds (8) ||
 * seq (4). The kommune and year first: the kommunekontakt reads the kommune's logs with one
 * prefix scan, and a transfer removes the year's logs with them. */
#define LOG_PREFIX_LEN (8 + SURVEY_ID_BYTES)
#define LOG_KEY_LEN (LOG_PREFIX_LEN + 12)

int
survey_log(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN], long long now,
    const char *account, const char *action)
{
	unsigned char k[LOG_KEY_LEN];
	struct timeval tv;
	unsigned long long us;
	char line[4096];
	unsigned seq;
	int i, n, rc;

	memcpy(k, key, 8);
	if ((rc = stored_id(txn, key, k + 8)) != 0)
		return rc;
	/* ordered by the wall clock; the line shows the request's time */
	gettimeofday(&tv, NULL);
	us = (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
	for (i = 0; i < 8; i++)
		k[LOG_PREFIX_LEN + i] = (unsigned char)(us >> (56 - 8 * i));
	n = snprintf(line, sizeof(line), "%lld\t%s\t%s", now, account, action);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	for (seq = 0, rc = BP_EEXIST; rc == BP_EEXIST && seq < 1000; seq++) {
		k[LOG_PREFIX_LEN + 8] = (unsigned char)(seq >> 24);
		k[LOG_PREFIX_LEN + 9] = (unsigned char)(seq >> 16);
		k[LOG_PREFIX_LEN + 10] = (unsigned char)(seq >> 8);
		k[LOG_PREFIX_LEN + 11] = (unsigned char)seq;
		rc = store_add(txn, DB_SURVEY_LOG, k, sizeof(k), line, (size_t)n);
	}
	return rc;
}

struct opened {
	const char *account;
	long long since;
	int created;		/* "opprettet" counts too */
	int found;
};

static int
opened_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	static const char action[] = "åpnet", made[] = "opprettet";
	struct opened *o = arg;
	const char *p = v, *end = p + vlen;
	size_t alen = strlen(o->account);
	long long t = 0;

	(void)k;
	(void)klen;
	/* "time\taccount\taction" */
	for (; p < end && *p >= '0' && *p <= '9' && t < (1LL << 56); p++)
		t = 10 * t + (*p - '0');
	if (t < o->since)
		return 1;		/* older than the session: no need to read further */
	if (p == end || *p++ != '\t' || (size_t)(end - p) <= alen || p[alen] != '\t' ||
	    memcmp(p, o->account, alen) != 0)
		return 0;
	p += alen + 1;
	if (((size_t)(end - p) == sizeof(action) - 1 && memcmp(p, action, sizeof(action) - 1) == 0) ||
	    (o->created && (size_t)(end - p) == sizeof(made) - 1 &&
	    memcmp(p, made, sizeof(made) - 1) == 0)) {
		o->found = 1;
		return 1;
	}
	return 0;
}

int
survey_log_opened(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *account, long long since, int created)
{
	struct opened o = { account, since, created, 0 };
	unsigned char prefix[LOG_PREFIX_LEN];
	int rc;

	memcpy(prefix, key, 8);
	if ((rc = stored_id(txn, key, prefix + 8)) != 0)
		return rc;
	if ((rc = store_scan(txn, DB_SURVEY_LOG, prefix, sizeof(prefix), 1, opened_one, &o)) != 0)
		return rc;
	return o.found;
}

struct loglist {
	survey_log_fn fn;
	survey_log_scan_fn scan_fn;
	void *arg;
};

static int
log_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct loglist *l = arg;
	const unsigned char *key = k;
	char id[SURVEY_ID_LEN + 1];
	unsigned long long order = 0;
	size_t i;

	if (l->fn)
		return l->fn(v, vlen, l->arg);
	if (klen != LOG_KEY_LEN)
		return BP_EXML;
	hex_encode(key + 8, SURVEY_ID_BYTES, id);
	/* the writer's wall clock in microseconds, from the key */
	for (i = 0; i < 8; i++)
		order = order << 8 | key[LOG_PREFIX_LEN + i];
	return l->scan_fn(id, order, v, vlen, l->arg);
}

int
survey_log_list(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    survey_log_fn fn, void *arg)
{
	struct loglist l = { fn, NULL, arg };
	unsigned char prefix[LOG_PREFIX_LEN];
	int rc;

	memcpy(prefix, key, 8);
	if ((rc = stored_id(txn, key, prefix + 8)) != 0)
		return rc;
	return store_scan(txn, DB_SURVEY_LOG, prefix, sizeof(prefix), 0, log_one, &l);
}

const struct account *
log_account(struct store_txn *txn, struct log_accounts *c, const char *id)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->a[i].id, id) == 0)
			return &c->a[i];
	if (c->n == LOG_ACCOUNTS_MAX || account_load(txn, id, &c->a[c->n]) != 0)
		return NULL;
	return &c->a[c->n++];
}

const char *
log_account_name(const struct account *a, const char *id)
{
	if (a != NULL)
		return a->name;
	return strcmp(id, "bpadm") == 0 ? "Systemet (bpadm)" : "Ukjent konto";
}

int
survey_log_scan(struct store_txn *txn, const char *kommune, int year, survey_log_scan_fn fn,
    void *arg)
{
	struct loglist l = { NULL, fn, arg };
	char prefix[9];
	int rc;

	if ((rc = year_prefix(kommune, year, prefix)) != 0)
		return rc;
	return store_scan(txn, DB_SURVEY_LOG, prefix, 8, 0, log_one, &l);
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
	if ((rc = year_prefix(kommune, year, prefix)) != 0)
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

	if ((rc = stored_id(txn, ref->key, raw)) != 0 ||
	    (rc = store_del(txn, DB_SURVEYS, ref->key, SURVEY_KEY_LEN)) != 0 ||
	    (rc = owner_del(txn, ref->owner, ref->key)) != 0)
		return rc;
	return store_del(txn, DB_SURVEY_IDS, raw, sizeof(raw));
}

int
survey_log_drop(struct store_txn *txn, const char *kommune, int year)
{
	char prefix[9];
	int rc;

	if ((rc = year_prefix(kommune, year, prefix)) != 0)
		return rc;
	return store_del_prefix(txn, DB_SURVEY_LOG, prefix, 8, NULL);
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

int
survey_log_parse(const char *line, size_t len, struct survey_log_line *out)
{
	const char *end = line + len, *a, *b;
	char num[24];
	size_t n;

	if ((a = memchr(line, '\t', len)) == NULL ||
	    (b = memchr(a + 1, '\t', (size_t)(end - a - 1))) == NULL)
		return BP_EXML;
	if ((size_t)(a - line) >= sizeof(num) ||
	    (size_t)(b - a - 1) >= sizeof(out->account))
		return BP_EXML;
	memcpy(num, line, (size_t)(a - line));
	num[a - line] = '\0';
	if (str_to_ll(num, 0, 1LL << 40, &out->time) != 0)
		return BP_EXML;
	memcpy(out->account, a + 1, (size_t)(b - a - 1));
	out->account[b - a - 1] = '\0';
	n = (size_t)(end - b - 1);
	if (n >= sizeof(out->action))
		n = sizeof(out->action) - 1;
	memcpy(out->action, b + 1, n);
	out->action[n] = '\0';
	out->ids = NULL;
	out->name = out->action;
	if ((strncmp(out->action, "lagret", 6) == 0 || strncmp(out->action, "rettet", 6) == 0) &&
	    (out->action[6] == ' ' || out->action[6] == '\0')) {
		if (out->action[6] == ' ')
			out->ids = out->action + 7;
		out->action[6] = '\0';
		if (out->action[0] == 'r')
			out->name = "rettet etter krav fra bruker";
	}
	return 0;
}
