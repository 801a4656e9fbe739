/* report_kept.c: the country's and the regions' counts of a year, kept in the store after
 * a full pass so that a kommune's report reads only its own rows next time. Aggregates
 * only: counts per figure, never a row. */
#include <stdio.h>
#include <string.h>

#include "report_int.h"

#define KEPT_MAGIC "bprep01"

/* The country's and the regions' counts of a year are kept (DB_META, "report:YEAR") after
 * a full pass, so that a kommune's report reads only its own rows next time: 10,000 of
 * Oslo's instead of the country's 100,000. They hold while the year's registry keys and
 * the report definition are those they were counted from: a transfer adds keys, and
 * another definition has another hash. */
struct kept_head {
	char magic[8];
	uint64_t fingerprint, defhash;
	int32_t nfigs, nregs;
};

static void
kept_key(int year, char key[16])
{
	snprintf(key, 16, "report:%04d", year);
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
		*fp = report_fnv64(14695981039346656037ULL, "generation", 10) ^ (uint64_t)year ^
		    ((uint64_t)gen << 16);
		return 0;
	}
	if (rc != BP_ENOENT)
		return rc;
	snprintf(prefix, sizeof(prefix), "%04d", year);
	*fp = (uint64_t)year;
	return store_scan(txn, DB_REGISTRY, prefix, 4, 0, fingerprint_key, fp);
}

/* one aggregate out of the kept bytes at *p (moved on); 0, or BP_EXML when short */
static int
kept_agg(const unsigned char **p, const unsigned char *end, int nfigs, long *n, long *count,
    long *sum)
{
	int64_t v;
	int i;

	if ((size_t)(end - *p) < sizeof(int64_t) * (1 + 2 * (size_t)nfigs))
		return BP_EXML;
	memcpy(&v, *p, 8);
	*n = (long)v;
	*p += 8;
	for (i = 0; i < nfigs; i++, *p += 8) {
		memcpy(&v, *p, 8);
		count[i] = (long)v;
	}
	for (i = 0; i < nfigs; i++, *p += 8) {
		memcpy(&v, *p, 8);
		sum[i] = (long)v;
	}
	return 0;
}

/* the kept counts into COL_LAND and COL_REGION; BP_ENOENT when none hold */
int
report_kept_load(struct store_txn *txn, struct report *r)
{
	const unsigned char *p, *end;
	struct kept_head h;
	const void *val;
	size_t vlen;
	char key[16], id[32];
	long n, *count, *sum;
	int i, rc;

	kept_key(r->year, key);
	if ((rc = store_get(txn, DB_META, key, strlen(key), &val, &vlen)) != 0)
		return rc;
	if (vlen < sizeof(h))
		return BP_ENOENT;
	memcpy(&h, val, sizeof(h));
	if (memcmp(h.magic, KEPT_MAGIC, 8) != 0 || h.fingerprint != r->fingerprint ||
	    h.defhash != r->def->hash || h.nfigs != r->def->nfigs || h.nregs < 0 ||
	    h.nregs > REPORT_REGIONS_MAX)
		return BP_ENOENT;
	p = (const unsigned char *)val + sizeof(h);
	end = (const unsigned char *)val + vlen;
	if ((rc = kept_agg(&p, end, h.nfigs, &r->n[COL_LAND], r->count[COL_LAND],
	    r->sum[COL_LAND])) != 0)
		return BP_ENOENT;
	count = calloc((size_t)h.nfigs + 1, sizeof(long));
	sum = calloc((size_t)h.nfigs + 1, sizeof(long));
	for (i = 0, rc = count && sum ? 0 : BP_ENOMEM; i < h.nregs && rc == 0; i++) {
		if (end - p < (ptrdiff_t)sizeof(id)) {
			rc = BP_ENOENT;
			break;
		}
		memcpy(id, p, sizeof(id));
		id[sizeof(id) - 1] = '\0';
		p += sizeof(id);
		if (strcmp(id, r->t.region) == 0)
			rc = kept_agg(&p, end, h.nfigs, &r->n[COL_REGION], r->count[COL_REGION],
			    r->sum[COL_REGION]);
		else
			rc = kept_agg(&p, end, h.nfigs, &n, count, sum);
	}
	free(count);
	free(sum);
	if (rc != 0) {		/* half read: count afresh */
		memset(r->count[COL_LAND], 0, (size_t)h.nfigs * sizeof(long));
		memset(r->sum[COL_LAND], 0, (size_t)h.nfigs * sizeof(long));
		memset(r->count[COL_REGION], 0, (size_t)h.nfigs * sizeof(long));
		memset(r->sum[COL_REGION], 0, (size_t)h.nfigs * sizeof(long));
		r->n[COL_LAND] = r->n[COL_REGION] = 0;
		return rc == BP_ENOMEM ? rc : BP_ENOENT;
	}
	r->lr_kept = 1;
	return 0;
}

static void
put_agg(struct buf *b, int nfigs, long n, const long *count, const long *sum)
{
	int64_t v = n;
	int i;

	buf_add(b, &v, 8);
	for (i = 0; i < nfigs; i++) {
		v = count[i];
		buf_add(b, &v, 8);
	}
	for (i = 0; i < nfigs; i++) {
		v = sum[i];
		buf_add(b, &v, 8);
	}
}

int
report_keep(struct store_txn *txn, const struct report *r)
{
	struct kept_head h;
	struct buf b = { 0 };
	char key[16], id[32];
	int i, rc;

	if (!r->fill)
		return 0;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, KEPT_MAGIC, 8);
	h.fingerprint = r->fingerprint;
	h.defhash = r->def->hash;
	h.nfigs = r->def->nfigs;
	h.nregs = r->nregs;
	buf_add(&b, &h, sizeof(h));
	/* the country: the report's own column when it is the national report */
	if (r->t.scope == SCOPE_LAND)
		put_agg(&b, h.nfigs, r->n[COL_SCOPE], r->count[COL_SCOPE], r->sum[COL_SCOPE]);
	else
		put_agg(&b, h.nfigs, r->n[COL_LAND], r->count[COL_LAND], r->sum[COL_LAND]);
	for (i = 0; i < r->nregs; i++) {
		memset(id, 0, sizeof(id));
		str_copy(id, sizeof(id), r->regs[i].region);
		buf_add(&b, id, sizeof(id));
		put_agg(&b, h.nfigs, r->regs[i].n, r->regs[i].count, r->regs[i].sum);
	}
	kept_key(r->year, key);
	rc = b.err ? b.err : store_put(txn, DB_META, key, strlen(key), b.p, b.len);
	buf_free(&b);
	return rc;
}
