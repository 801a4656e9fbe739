/* survey_index.c: the two indexes over the survey records, and the only code that writes
 * them: by owner (owner id || survey key -> the list's columns) and by change (owner id ||
 * year -> ~changed || survey key). Each function writes both, so a list, its order and its
 * count always agree (survey.h says what each is for). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "survey_impl.h"

#define OWNER_KEY_LEN (ACCOUNT_ID_LEN + SURVEY_KEY_LEN)

static void
owner_key(const char *owner, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char out[OWNER_KEY_LEN])
{
	memcpy(out, owner, ACCOUNT_ID_LEN);
	memcpy(out + ACCOUNT_ID_LEN, key, SURVEY_KEY_LEN);
}

/* -- the list's columns in the owner index ----------------------------------------------
 *
 * An entry is its columns, separated by single spaces: numbers in decimal, the page id in
 * lower-case hex, and last the number sealed on its own, in hex. Which columns, in which
 * order, is an encoding: encoding 1, the one stores have held from the start, has no tag;
 * a later one starts with "vN ". A release that adds a column adds an encoding and writes
 * it, and still reads the entries the ones before wrote, so no store has to be rewritten. */

enum facts_col {
	COL_ERRORS,
	COL_OBS,
	COL_CHANGED,
	COL_VERSION,
	COL_ID,
	COL_FNR,		/* always last: the rest of the entry */
	COL__MAX
};

struct facts_encoding {
	int version;
	int ncols;
	enum facts_col cols[COL__MAX];
};

static const struct facts_encoding encodings[] = {
	{ 1, 6, { COL_ERRORS, COL_OBS, COL_CHANGED, COL_VERSION, COL_ID, COL_FNR } },
};

#define FACTS_WRITTEN 0		/* the index in encodings[] of the one written */

int
survey_index_encode(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *fnr, const struct survey_facts *f, struct buf *out)
{
	const struct facts_encoding *e = &encodings[FACTS_WRITTEN];
	struct buf sealed = { 0 };
	char *hex;
	int rc, i;

	if ((rc = crypto_seal(sec->data, key, SURVEY_KEY_LEN, fnr, strlen(fnr), &sealed)) != 0) {
		buf_free(&sealed);
		return rc;
	}
	if ((hex = malloc(2 * sealed.len + 1)) == NULL) {
		buf_free(&sealed);
		return BP_ENOMEM;
	}
	hex_encode(sealed.p, sealed.len, hex);
	if (e->version > 1)
		buf_printf(out, "v%d ", e->version);
	for (i = 0; i < e->ncols; i++) {
		if (i > 0)
			buf_add(out, " ", 1);
		switch (e->cols[i]) {
		case COL_ERRORS:
			buf_printf(out, "%ld", f->errors);
			break;
		case COL_OBS:
			buf_printf(out, "%ld", f->obs);
			break;
		case COL_CHANGED:
			buf_printf(out, "%lld", f->changed);
			break;
		case COL_VERSION:
			buf_printf(out, "%lld", f->version);
			break;
		case COL_ID:
			buf_add(out, f->id, strlen(f->id));
			break;
		case COL_FNR:
			buf_add(out, hex, strlen(hex));
			break;
		default:
			abort();
		}
	}
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

/* The encoding of an entry, with *p moved past its tag; NULL when it is none we know
 * (written by a later release, or not by us). */
static const struct facts_encoding *
facts_encoding(const char **p, const char *end)
{
	long long version = 1;
	size_t i;

	if (*p < end && **p == 'v') {
		(*p)++;
		/* a tag names a later encoding: "v1 " would be a second spelling of 1 */
		if (facts_number(p, end, &version) != 0 || version < 2)
			return NULL;
	}
	for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
		if (encodings[i].version == version)
			return &encodings[i];
	return NULL;
}

static const unsigned char lower_hex[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
};

/* The columns of an entry up to last (COL__MAX: all), into f; the sealed number (hex, to
 * the end) into *hex and *hexlen. Parsed by hand, not with sscanf: a list scans every entry
 * of an owner, and sscanf cost 6,000 instructions a row. */
static int
facts_columns(const void *v, size_t vlen, enum facts_col last, struct survey_facts *f,
    const char **hex, size_t *hexlen)
{
	const char *p = v, *end = p + vlen;
	const struct facts_encoding *e;
	long long n;
	int i, j;

	if ((e = facts_encoding(&p, end)) == NULL)
		return BP_EXML;
	for (i = 0; i < e->ncols; i++) {
		switch (e->cols[i]) {
		case COL_ERRORS:
		case COL_OBS:
			if (facts_number(&p, end, &n) != 0 || n > LONG_MAX)
				return BP_EXML;
			*(e->cols[i] == COL_ERRORS ? &f->errors : &f->obs) = (long)n;
			break;
		case COL_CHANGED:
			if (facts_number(&p, end, &f->changed) != 0)
				return BP_EXML;
			break;
		case COL_VERSION:
			if (facts_number(&p, end, &f->version) != 0)
				return BP_EXML;
			break;
		case COL_ID:
			/* lower-case hex as survey_find wants it (it goes into links), a space */
			if (end - p <= SURVEY_ID_LEN || p[SURVEY_ID_LEN] != ' ')
				return BP_EXML;
			for (j = 0; j < SURVEY_ID_LEN; j++)
				if (!lower_hex[(unsigned char)p[j]])
					return BP_EXML;
			memcpy(f->id, p, SURVEY_ID_LEN);
			f->id[SURVEY_ID_LEN] = '\0';
			p += SURVEY_ID_LEN + 1;
			break;
		case COL_FNR:
			*hex = p;
			*hexlen = (size_t)(end - p);
			p = end;
			break;
		default:
			abort();
		}
		if (e->cols[i] == last)
			return 0;
	}
	return 0;
}

/* The facts of an entry, and with sec the number: the plain list opens only the rows it
 * shows. */
static int
facts_decode(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const void *v, size_t vlen, struct survey_facts *f)
{
	unsigned char sealed[64];
	struct buf fnr = { 0 };
	const char *p = NULL;
	size_t hexlen = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	memcpy(f->key, key, SURVEY_KEY_LEN);
	if (facts_columns(v, vlen, COL__MAX, f, &p, &hexlen) != 0)
		goto bad;
	if (p == NULL || hexlen == 0 || hexlen > 2 * sizeof(sealed) || hexlen % 2 != 0 ||
	    memchr(p, ' ', hexlen) != NULL)
		goto bad;
	if (sec == NULL)
		return 0;
	if (hex_decode(p, hexlen, sealed, hexlen / 2) != 0)
		return BP_EXML;
	if ((rc = crypto_open(sec->data, key, SURVEY_KEY_LEN, sealed, hexlen / 2, &fnr)) == 0)
		str_copy(f->fnr, sizeof(f->fnr), fnr.p);
	crypto_wipe(fnr.p, fnr.len);
	buf_free(&fnr);
	return rc;
bad:
	/* nothing half read: a caller that goes on must not show a part of an entry */
	memset(f, 0, sizeof(*f));
	memcpy(f->key, key, SURVEY_KEY_LEN);
	return BP_EXML;
}

/* the change of an entry, or -1 when it does not say */
static long long
facts_changed(const void *v, size_t vlen)
{
	struct survey_facts f;
	const char *hex;
	size_t hexlen;

	f.changed = -1;
	if (facts_columns(v, vlen, COL_CHANGED, &f, &hex, &hexlen) != 0)
		return -1;
	return f.changed;
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

int
survey_index_add(struct store_txn *txn, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], const struct buf *encoded, long long changed)
{
	unsigned char ok[OWNER_KEY_LEN];
	int rc;

	owner_key(owner, key, ok);
	if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), encoded->p, encoded->len)) != 0)
		return rc;
	return changed_add(txn, owner, key, changed);
}

int
survey_index_update(struct store_txn *txn, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], const struct buf *encoded, long long was,
    long long changed)
{
	unsigned char ok[OWNER_KEY_LEN];
	int rc;

	owner_key(owner, key, ok);
	if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), encoded->p, encoded->len)) != 0 ||
	    (rc = changed_del(txn, owner, key, was)) != 0)
		return rc;
	return changed_add(txn, owner, key, changed);
}

int
survey_index_del(struct store_txn *txn, const char *owner, const unsigned char key[SURVEY_KEY_LEN])
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

int
survey_index_move(struct store_txn *txn, const char *from, const char *to,
    const unsigned char key[SURVEY_KEY_LEN])
{
	unsigned char ok[OWNER_KEY_LEN];
	struct buf copy = { 0 };
	const void *v;
	size_t vlen;
	int rc;

	/* the entry moves with its facts, copied out before the delete ends its value */
	owner_key(from, key, ok);
	if ((rc = store_get(txn, DB_OWNERS, ok, sizeof(ok), &v, &vlen)) != 0)
		return rc;
	buf_add(&copy, v, vlen);
	if ((rc = copy.err) != 0 || (rc = survey_index_del(txn, from, key)) != 0)
		goto out;
	owner_key(to, key, ok);
	if ((rc = store_put(txn, DB_OWNERS, ok, sizeof(ok), copy.p, copy.len)) == 0)
		rc = changed_add(txn, to, key, facts_changed(copy.p, copy.len));
out:
	buf_free(&copy);
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
survey_index_keys(struct store_txn *txn, const char *owner, unsigned char **out, size_t *n)
{
	struct collect c = { NULL, 0, 0 };
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_scan(txn, DB_OWNERS, owner, ACCOUNT_ID_LEN, 0, collect_one, &c)) != 0) {
		free(c.keys);
		return rc;
	}
	*out = c.keys;
	*n = c.n;
	return 0;
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

	(void)v;
	(void)vlen;
	if (klen != OWNER_KEY_LEN)
		return 0;
	if (c->year == 0 || survey_key_year((const unsigned char *)k + ACCOUNT_ID_LEN) == c->year)
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
