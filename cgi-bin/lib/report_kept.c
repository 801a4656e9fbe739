/* report_kept.c: a year's counts (report_tally.c) kept in the store, so that a report
 * reads no registry row: every scope's counts per figure, and the year's persons
 * (pseudonym, kommune, bydel and levekårsindeks group) for the followed persons' table.
 * Aggregates and what the registry already holds of a person, never a row. A transfer by
 * the button (or by bp-transfer) adds its kommune's rows to them in its own write
 * transaction. */
#include <stdio.h>
#include <string.h>

#include "refdata.h"
#include "report_int.h"

#define KEPT_MAGIC "bprep02"
#define KEY_MAX 128

/* Kept in DB_META, per year and per definition (its hash), as long as the registry's
 * fingerprint of the year is the one they were counted from:
 *   report-m:YEAR:HASH       struct kept_mark: the counts of YEAR under HASH hold for fp
 *   report-s:YEAR:HASH:ID    a scope's counts: persons, count[nfigs], sum[nfigs] (int64)
 *   report-pm:YEAR           struct kept_mark (defhash 0): the persons hold for fp
 *   report-p:YEAR:NNNN       a kommune's persons (struct person[], pseudonym order)
 * A transfer moves the fingerprint on: the counts it does not bring up to date (or any
 * other change of the registry) no longer hold and are made afresh by the next report. */
struct kept_mark {
	char magic[8];
	uint64_t fingerprint, defhash;
	int32_t nfigs, defyear;
};

static int
mark_key(char key[KEY_MAX], int year, uint64_t defhash)
{
	return defhash ? snprintf(key, KEY_MAX, "report-m:%04d:%016llx", year,
	    (unsigned long long)defhash) : snprintf(key, KEY_MAX, "report-pm:%04d", year);
}

static int
agg_key(char key[KEY_MAX], int year, uint64_t defhash, const char *id)
{
	return snprintf(key, KEY_MAX, "report-s:%04d:%016llx:%s", year,
	    (unsigned long long)defhash, id);
}

static int
persons_key(char key[KEY_MAX], int year, const char *kommune)
{
	return snprintf(key, KEY_MAX, "report-p:%04d:%s", year, kommune);
}

static int
fingerprint_key(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	uint64_t *fp = arg;

	(void)v;
	(void)vlen;
	*fp += report_fnv64(14695981039346656037ULL, k, klen) | 1;	/* order does not matter */
	return 0;
}

static uint64_t
gen_fingerprint(int year, unsigned long long gen)
{
	return report_fnv64(14695981039346656037ULL, "generation", 10) ^ (uint64_t)year ^
	    ((uint64_t)gen << 16);
}

/* The year's registry generation (registry_put counts every row written), which changes
 * whenever its rows do; for a year written before generations were kept, the keys of its
 * rows. The keys cost a pass over every page of the year: the rows are deflated into the
 * leaf pages beside their keys. */
int
report_fingerprint(struct store_txn *txn, int year, uint64_t *fp)
{
	unsigned long long gen;
	char prefix[5];
	int rc;

	if ((rc = registry_generation(txn, year, &gen)) == 0) {
		*fp = gen_fingerprint(year, gen);
		return 0;
	}
	if (rc != BP_ENOENT)
		return rc;
	snprintf(prefix, sizeof(prefix), "%04d", year);
	*fp = (uint64_t)year;
	return store_scan(txn, DB_REGISTRY, prefix, 4, 0, fingerprint_key, fp);
}

/* the mark of year under defhash (0: the persons); BP_ENOENT when there is none */
static int
mark_get(struct store_txn *txn, int year, uint64_t defhash, struct kept_mark *m)
{
	char key[KEY_MAX];
	const void *v;
	size_t vlen;
	int rc;

	mark_key(key, year, defhash);
	if ((rc = store_get(txn, DB_META, key, strlen(key), &v, &vlen)) != 0)
		return rc;
	if (vlen != sizeof(*m))
		return BP_ENOENT;
	memcpy(m, v, sizeof(*m));
	return memcmp(m->magic, KEPT_MAGIC, 8) == 0 && m->defhash == defhash ? 0 : BP_ENOENT;
}

static int
mark_put(struct store_txn *txn, int year, const struct report_def *def, uint64_t fp)
{
	struct kept_mark m;
	char key[KEY_MAX];

	memset(&m, 0, sizeof(m));
	memcpy(m.magic, KEPT_MAGIC, 8);
	m.fingerprint = fp;
	m.defhash = def ? def->hash : 0;
	m.nfigs = def ? def->nfigs : 0;
	m.defyear = def ? def->year : 0;
	mark_key(key, year, m.defhash);
	return store_put(txn, DB_META, key, strlen(key), &m, sizeof(m));
}

int
report_kept_valid(struct store_txn *txn, const struct report_def *def, int year, uint64_t fp)
{
	struct kept_mark m;
	int rc;

	if ((rc = mark_get(txn, year, def->hash, &m)) != 0)
		return rc;
	if (m.fingerprint != fp || m.nfigs != def->nfigs)
		return BP_ENOENT;
	if ((rc = mark_get(txn, year, 0, &m)) != 0)
		return rc;
	return m.fingerprint == fp ? 0 : BP_ENOENT;
}

int
report_kept_agg(struct store_txn *txn, const struct report_def *def, int year,
    const char *id, long *n, long *count, long *sum)
{
	const unsigned char *p;
	char key[KEY_MAX];
	const void *v;
	size_t vlen;
	int64_t x;
	int i, rc;

	*n = 0;
	memset(count, 0, (size_t)def->nfigs * sizeof(long));
	memset(sum, 0, (size_t)def->nfigs * sizeof(long));
	agg_key(key, year, def->hash, id);
	if ((rc = store_get(txn, DB_META, key, strlen(key), &v, &vlen)) != 0)
		return rc == BP_ENOENT ? 0 : rc;	/* nobody in the scope */
	if (vlen != sizeof(int64_t) * (1 + 2 * (size_t)def->nfigs))
		return BP_EXML;
	p = v;
	memcpy(&x, p, 8);
	*n = (long)x;
	for (i = 0, p += 8; i < def->nfigs; i++, p += 8) {
		memcpy(&x, p, 8);
		count[i] = (long)x;
	}
	for (i = 0; i < def->nfigs; i++, p += 8) {
		memcpy(&x, p, 8);
		sum[i] = (long)x;
	}
	return 0;
}

static int
agg_put(struct store_txn *txn, const struct report_def *def, int year, const struct agg *g)
{
	char key[KEY_MAX];
	struct buf b = { 0 };
	int64_t x = g->n;
	int i, rc;

	buf_add(&b, &x, 8);
	for (i = 0; i < def->nfigs; i++) {
		x = g->count[i];
		buf_add(&b, &x, 8);
	}
	for (i = 0; i < def->nfigs; i++) {
		x = g->sum[i];
		buf_add(&b, &x, 8);
	}
	agg_key(key, year, def->hash, g->id);
	rc = b.err ? b.err : store_put(txn, DB_META, key, strlen(key), b.p, b.len);
	buf_free(&b);
	return rc;
}

struct gather {
	struct person **p;
	size_t *n, *cap;
};

static int
gather_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct gather *g = arg;
	size_t m = vlen / sizeof(struct person);
	struct person *p;

	(void)k;
	(void)klen;
	if (vlen % sizeof(struct person) != 0)
		return BP_EXML;
	if (*g->n + m > *g->cap) {
		size_t cap = *g->cap ? *g->cap : 1024;

		while (cap < *g->n + m)
			cap *= 2;
		if ((p = realloc(*g->p, cap * sizeof(*p))) == NULL)
			return BP_ENOMEM;
		*g->p = p;
		*g->cap = cap;
	}
	if (m > 0)
		memcpy(*g->p + *g->n, v, vlen);
	*g->n += m;
	return 0;
}

int
report_kept_persons(struct store_txn *txn, int year, const char *kommune,
    struct person **p, size_t *n, size_t *cap)
{
	struct gather g = { p, n, cap };
	char key[KEY_MAX];
	const void *v;
	size_t vlen;
	int len, rc;

	len = persons_key(key, year, kommune ? kommune : "");
	if (kommune == NULL)
		return store_scan(txn, DB_META, key, (size_t)len, 0, gather_one, &g);
	if ((rc = store_get(txn, DB_META, key, (size_t)len, &v, &vlen)) != 0)
		return rc == BP_ENOENT ? 0 : rc;
	return gather_one(key, (size_t)len, v, vlen, &g);
}

/* the tally's persons, kommune by kommune (they are in row order: kommune, pseudonym) */
static int
persons_put(struct store_txn *txn, const struct tally *t)
{
	char key[KEY_MAX], k[5];
	size_t i, j;
	int rc;

	for (i = 0; i < t->npersons; i = j) {
		for (j = i + 1; j < t->npersons && memcmp(t->persons[j].kommune,
		    t->persons[i].kommune, 4) == 0; j++)
			;
		memcpy(k, t->persons[i].kommune, 4);
		k[4] = '\0';
		persons_key(key, t->year, k);
		if ((rc = store_put(txn, DB_META, key, strlen(key), t->persons + i,
		    (j - i) * sizeof(*t->persons))) != 0)
			return rc;
	}
	return 0;
}

static int drop_replaced(struct store_txn *txn, const struct report_def *def, int year);

int
report_tally_keep(struct store_txn *txn, const struct tally *t)
{
	char key[KEY_MAX];
	uint64_t fp;
	int i, len, rc;

	if (!t->kommuner)
		return BP_EINVAL;
	/* the registry moved on since t was counted (a transfer in between, which may have
	 * brought the counts up to date itself): t would not hold, so it is not kept */
	if ((rc = report_fingerprint(txn, t->year, &fp)) != 0)
		return rc;
	if (fp != t->fingerprint)
		return 0;
	len = snprintf(key, sizeof(key), "report-s:%04d:%016llx:", t->year,
	    (unsigned long long)t->def->hash);
	if ((rc = store_del_prefix(txn, DB_META, key, (size_t)len, NULL)) != 0)
		return rc;
	for (i = 0; i < t->naggs; i++)
		if ((rc = agg_put(txn, t->def, t->year, &t->aggs[i])) != 0)
			return rc;
	len = persons_key(key, t->year, "");
	if ((rc = store_del_prefix(txn, DB_META, key, (size_t)len, NULL)) != 0 ||
	    (rc = persons_put(txn, t)) != 0 ||
	    (rc = mark_put(txn, t->year, t->def, t->fingerprint)) != 0 ||
	    (rc = mark_put(txn, t->year, NULL, t->fingerprint)) != 0 ||
	    (rc = drop_replaced(txn, t->def, t->year)) != 0)
		return rc;
	/* the counts of the first version, replaced by these */
	snprintf(key, sizeof(key), "report:%04d", t->year);
	rc = store_del(txn, DB_META, key, strlen(key));
	return rc == BP_ENOENT ? 0 : rc;
}

/* ---- a transfer's rows added ---- */

#define MARKS_MAX 8			/* definitions a year's rows are counted under */

struct marks {
	struct kept_mark m[MARKS_MAX];
	int n;
};

static int
mark_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct marks *ms = arg;

	(void)k;
	(void)klen;
	if (vlen != sizeof(struct kept_mark) || ms->n == MARKS_MAX)
		return 0;
	memcpy(&ms->m[ms->n], v, vlen);
	ms->n += memcmp(ms->m[ms->n].magic, KEPT_MAGIC, 8) == 0;
	return 0;
}

/* the counts of year under an earlier version of def's file (a definition published
 * again): never used again, so not kept */
static int
drop_replaced(struct store_txn *txn, const struct report_def *def, int year)
{
	struct marks ms;
	char key[KEY_MAX];
	int i, len, rc;

	ms.n = 0;
	len = snprintf(key, sizeof(key), "report-m:%04d:", year);
	if ((rc = store_scan(txn, DB_META, key, (size_t)len, 0, mark_one, &ms)) != 0)
		return rc;
	for (i = 0; i < ms.n; i++) {
		if (ms.m[i].defyear != def->year || ms.m[i].defhash == def->hash)
			continue;
		len = snprintf(key, sizeof(key), "report-s:%04d:%016llx:", year,
		    (unsigned long long)ms.m[i].defhash);
		if ((rc = store_del_prefix(txn, DB_META, key, (size_t)len, NULL)) != 0)
			return rc;
		len = mark_key(key, year, ms.m[i].defhash);
		if ((rc = store_del(txn, DB_META, key, (size_t)len)) != 0 && rc != BP_ENOENT)
			return rc;
	}
	return 0;
}

/* c += a - b over a scope's counts */
static void
agg_move(long *n, long *count, long *sum, const struct agg *a, long bn, const long *bcount,
    const long *bsum, int nfigs)
{
	int i;

	*n += (a ? a->n : 0) - bn;
	for (i = 0; i < nfigs; i++) {
		count[i] += (a ? a->count[i] : 0) - bcount[i];
		sum[i] += (a ? a->sum[i] : 0) - bsum[i];
	}
}

/* kommune's counts under def, from its rows t, in place of those kept: its own, its
 * bydeler's, and its part of the region's and the country's */
static int
kommune_replace(struct store_txn *txn, const struct report_def *def, const struct refdata *rd,
    const char *kommune, int year, const struct tally *t)
{
	const char *region = refdata_kommune_region(rd, kommune);
	char kid[SCOPE_ID_MAX], key[KEY_MAX];
	const struct agg *mine;
	struct agg old = { "", 0, NULL, NULL }, whole = { "", 0, NULL, NULL };
	int i, k, len, rc;

	report_scope_id(kid, SCOPE_KOMMUNE, NULL, kommune, NULL);
	mine = tally_find(t, kid);
	if ((old.count = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL ||
	    (old.sum = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL ||
	    (whole.count = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL ||
	    (whole.sum = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL) {
		rc = BP_ENOMEM;
		goto out;
	}
	if ((rc = report_kept_agg(txn, def, year, kid, &old.n, old.count, old.sum)) != 0)
		goto out;
	/* the country and the region: what they had, less the kommune's old, plus its new */
	for (k = 0; k < 2; k++) {
		if (k == 1 && region == NULL)
			break;
		report_scope_id(whole.id, k ? SCOPE_REGION : SCOPE_LAND, region, NULL, NULL);
		if ((rc = report_kept_agg(txn, def, year, whole.id, &whole.n, whole.count,
		    whole.sum)) != 0)
			goto out;
		agg_move(&whole.n, whole.count, whole.sum, mine, old.n, old.count, old.sum,
		    def->nfigs);
		if ((rc = agg_put(txn, def, year, &whole)) != 0)
			goto out;
	}
	/* the kommune and its bydeler: counted anew */
	len = agg_key(key, year, def->hash, kid);
	if ((rc = store_del(txn, DB_META, key, (size_t)len)) != 0 && rc != BP_ENOENT)
		goto out;
	len = snprintf(key, sizeof(key), "report-s:%04d:%016llx:b-%s-", year,
	    (unsigned long long)def->hash, kommune);
	if ((rc = store_del_prefix(txn, DB_META, key, (size_t)len, NULL)) != 0)
		goto out;
	for (i = 0; i < t->naggs; i++) {
		const struct agg *g = &t->aggs[i];

		if ((strcmp(g->id, kid) == 0 || (strncmp(g->id, "b-", 2) == 0 &&
		    strncmp(g->id + 2, kommune, 4) == 0 && g->id[6] == '-')) &&
		    (rc = agg_put(txn, def, year, g)) != 0)
			goto out;
	}
out:
	free(old.count);
	free(old.sum);
	free(whole.count);
	free(whole.sum);
	return rc;
}

int
report_transfer_keep(struct store_txn *txn, const char *data_dir, const struct refdata *rd,
    const char *kommune, int year, unsigned long long gen_before)
{
	uint64_t before = gen_fingerprint(year, gen_before), now;
	struct report_def *def = NULL;
	struct tally *t = NULL;
	struct kept_mark pm;
	struct marks ms;
	char key[KEY_MAX];
	int i, len, rc, persons;

	if ((rc = report_fingerprint(txn, year, &now)) != 0)
		return rc;
	persons = mark_get(txn, year, 0, &pm) == 0 && pm.fingerprint == before;
	ms.n = 0;
	len = snprintf(key, sizeof(key), "report-m:%04d:", year);
	if ((rc = store_scan(txn, DB_META, key, (size_t)len, 0, mark_one, &ms)) != 0)
		return rc;
	for (i = 0; i < ms.n && rc == 0; i++) {
		/* counts that did not hold before stay as they were: they hold no longer */
		if (!persons || ms.m[i].fingerprint != before)
			continue;
		/* a definition that cannot be read now, or a row the report cannot read: those
		 * counts are left to be made afresh (and fail there, said), not the transfer */
		if (report_def_load(data_dir, ms.m[i].defyear, &def) != 0)
			continue;
		if (def->hash == ms.m[i].defhash && def->nfigs == ms.m[i].nfigs) {
			rc = report_tally(txn, def, rd, year, kommune, &t);
			if (rc == BP_EXML || rc == BP_ETOOBIG)
				rc = 0;
			else if (rc == 0 && (rc = kommune_replace(txn, def, rd, kommune, year, t)) == 0)
				rc = mark_put(txn, year, def, now);
		}
		if (rc == 0 && t && persons == 1) {
			len = persons_key(key, year, kommune);
			if ((rc = store_del(txn, DB_META, key, (size_t)len)) == BP_ENOENT)
				rc = 0;
			if (rc == 0 && t->npersons > 0)
				rc = store_put(txn, DB_META, key, (size_t)len, t->persons,
				    t->npersons * sizeof(*t->persons));
			if (rc == 0 && (rc = mark_put(txn, year, NULL, now)) == 0)
				persons = 2;
		}
		report_tally_free(t);
		t = NULL;
		report_def_free(def);
		def = NULL;
	}
	return rc;
}
