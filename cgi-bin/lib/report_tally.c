/* report_tally.c: a year's registry rows counted once into every scope a report can ask
 * for (the country, each KORUS region, kommune and bydel) with the year's persons beside
 * them, and the report made from such counts: from those kept in the store (report_kept.c)
 * when they hold, so that no report reads a registry row while someone waits for the page,
 * or from a pass over the rows made now and kept after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refdata.h"
#include "report_int.h"

void
report_scope_id(char id[SCOPE_ID_MAX], enum report_scope scope, const char *region,
    const char *kommune, const char *bydel)
{
	switch (scope) {
	case SCOPE_LAND:
		snprintf(id, SCOPE_ID_MAX, "land");
		break;
	case SCOPE_REGION:
		snprintf(id, SCOPE_ID_MAX, "r-%s", region);
		break;
	case SCOPE_KOMMUNE:
		snprintf(id, SCOPE_ID_MAX, "k-%s", kommune);
		break;
	case SCOPE_BYDEL:
		snprintf(id, SCOPE_ID_MAX, "b-%s-%s", kommune, bydel);
		break;
	default:
		abort();
	}
}

static unsigned
id_hash(const char *s)
{
	return (unsigned)(report_fnv64(14695981039346656037ULL, s, strlen(s)) % TALLY_HASH);
}

const struct agg *
tally_find(const struct tally *t, const char *id)
{
	unsigned h = id_hash(id);

	for (; t->slot[h]; h = (h + 1) % TALLY_HASH)
		if (strcmp(t->aggs[t->slot[h] - 1].id, id) == 0)
			return &t->aggs[t->slot[h] - 1];
	return NULL;
}

/* the scope's counts, made (empty) the first time; NULL when there is no room */
static struct agg *
tally_agg(struct tally *t, const char *id)
{
	int nfigs = t->def->nfigs;
	unsigned h = id_hash(id);
	struct agg *g;

	for (; t->slot[h]; h = (h + 1) % TALLY_HASH)
		if (strcmp(t->aggs[t->slot[h] - 1].id, id) == 0)
			return &t->aggs[t->slot[h] - 1];
	if (t->naggs == TALLY_SCOPES_MAX || strlen(id) >= SCOPE_ID_MAX)
		return NULL;
	if (t->naggs == t->capaggs) {
		int cap = t->capaggs ? 2 * t->capaggs : 64;

		if ((g = realloc(t->aggs, (size_t)cap * sizeof(*g))) == NULL)
			return NULL;
		t->aggs = g;
		t->capaggs = cap;
	}
	g = &t->aggs[t->naggs];
	memset(g, 0, sizeof(*g));
	str_copy(g->id, sizeof(g->id), id);
	if ((g->count = calloc((size_t)nfigs + 1, sizeof(long))) == NULL ||
	    (g->sum = calloc((size_t)nfigs + 1, sizeof(long))) == NULL) {
		free(g->count);
		return NULL;
	}
	t->slot[h] = ++t->naggs;
	return g;
}

void
report_tally_free(struct tally *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->naggs; i++) {
		free(t->aggs[i].count);
		free(t->aggs[i].sum);
	}
	free(t->aggs);
	free(t->persons);
	report_free(t->parser);
	free(t);
}

static int
tally_new(const struct report_def *def, int year, struct tally **out)
{
	static const struct report_target land = { SCOPE_LAND, "", "", "" };
	struct tally *t;
	int rc;

	*out = NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return BP_ENOMEM;
	t->def = def;
	t->year = year;
	if ((rc = report_new(def, &land, year, &t->parser)) != 0) {
		free(t);
		return rc;
	}
	*out = t;
	return 0;
}

static int
add_person(struct tally *t, const char *kommune, const struct row *w)
{
	struct person *p;

	if (t->npersons == t->cappersons) {
		size_t cap = t->cappersons ? 2 * t->cappersons : 1024;

		if ((p = realloc(t->persons, cap * sizeof(*p))) == NULL)
			return BP_ENOMEM;
		t->persons = p;
		t->cappersons = cap;
	}
	p = &t->persons[t->npersons++];
	memset(p, 0, sizeof(*p));
	memcpy(p->p, w->pseudonym, strnlen(w->pseudonym, sizeof(p->p)));
	memcpy(p->kommune, kommune, strnlen(kommune, sizeof(p->kommune)));
	memcpy(p->bydel, w->bydel, strnlen(w->bydel, sizeof(p->bydel)));
	memcpy(p->indeks, w->attrs[A_INDEKS], strnlen(w->attrs[A_INDEKS], sizeof(p->indeks)));
	return 0;
}

/* one row into the country, its region, its kommune and its bydel */
static int
tally_row(struct tally *t, const char *kommune, const char *region, const char *xml,
    size_t len)
{
	struct report *r = t->parser;
	char id[SCOPE_ID_MAX];
	struct agg *g;
	int rc, k;

	if ((rc = report_row_hits(r, xml, len)) != 0)
		return rc;
	for (k = 0; k < SCOPE__MAX; k++) {
		if ((k == SCOPE_REGION && region == NULL) || (k == SCOPE_BYDEL && !r->row.bydel[0]))
			continue;
		report_scope_id(id, (enum report_scope)k, region, kommune, r->row.bydel);
		if ((g = tally_agg(t, id)) == NULL)
			return BP_ETOOBIG;
		report_add_hits(r, &g->n, g->count, g->sum);
	}
	return r->row.pseudonym[0] ? add_person(t, kommune, &r->row) : 0;
}

struct pass {
	struct tally *t;
	const struct refdata *rd;
	char kommune[5];
	const char *region;
};

static int
pass_row(const char *kommune, int year, const char *xml, size_t len, void *arg)
{
	struct pass *s = arg;

	(void)year;
	if (strcmp(kommune, s->kommune) != 0) {	/* rows come in kommune order */
		str_copy(s->kommune, sizeof(s->kommune), kommune);
		s->region = refdata_kommune_region(s->rd, kommune);
	}
	return tally_row(s->t, kommune, s->region, xml, len);
}

int
report_tally(struct store_txn *txn, const struct report_def *def, const struct refdata *rd,
    int year, const char *kommune, struct tally **out)
{
	struct pass s;
	int rc;

	if ((rc = tally_new(def, year, out)) != 0)
		return rc;
	memset(&s, 0, sizeof(s));
	s.t = *out;
	s.rd = rd;
	s.t->kommuner = kommune == NULL;
	if ((rc = report_fingerprint(txn, year, &s.t->fingerprint)) != 0 ||
	    (rc = registry_scan(txn, year, kommune, pass_row, &s)) != 0) {
		report_tally_free(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- the persons followed from last year ---- */

static int
by_person(const void *a, const void *b)
{
	const struct person *x = a, *y = b;
	int c = memcmp(x->p, y->p, sizeof(x->p));

	return c ? c : memcmp(x->kommune, y->kommune, sizeof(x->kommune));
}

void
report_persons_sort(struct person *p, size_t n)
{
	if (n > 1)
		qsort(p, n, sizeof(*p), by_person);
}

/* regions by kommune number, looked up once per kommune */
struct regions {
	const struct refdata *rd;
	const char *of[10000];
	unsigned char known[10000];
};

static int
person_in(const struct report *r, struct regions *rg, const struct person *p)
{
	char k[5], b[9];
	int nr;

	memcpy(k, p->kommune, 4);
	k[4] = '\0';
	switch (r->t.scope) {
	case SCOPE_LAND:
		return 1;
	case SCOPE_REGION:
		if (strspn(k, "0123456789") != 4)
			return 0;
		nr = (int)strtol(k, NULL, 10);
		if (!rg->known[nr]) {
			rg->of[nr] = refdata_kommune_region(rg->rd, k);
			rg->known[nr] = 1;
		}
		return rg->of[nr] && strcmp(rg->of[nr], r->t.region) == 0;
	case SCOPE_KOMMUNE:
		return strcmp(k, r->t.kommune) == 0;
	case SCOPE_BYDEL:
		memcpy(b, p->bydel, 8);
		b[8] = '\0';
		return strcmp(k, r->t.kommune) == 0 && strcmp(b, r->t.bydel) == 0;
	default:
		abort();
	}
}

static int
person_group(const struct report_def *d, const struct person *p)
{
	char v[17];

	memcpy(v, p->indeks, 16);
	v[16] = '\0';
	return report_group_of(d, v);
}

/* A person of the scope in both years counts once: last year's group is that of their
 * first row of the scope (in kommune order), this year's that of the first with a group,
 * as report_add_row counts them a row at a time. */
void
report_follow(struct report *r, const struct refdata *rd, const struct person *prev,
    size_t nprev, const struct person *cur, size_t ncur)
{
	struct regions *rg = calloc(1, sizeof(*rg));
	size_t i = 0, j = 0, e;
	int pg, g, c;

	memset(r->follow, 0, sizeof(r->follow));
	r->followed = 0;
	if (rg == NULL)
		return;
	rg->rd = rd;
	while (i < nprev && j < ncur) {
		if ((c = memcmp(prev[i].p, cur[j].p, sizeof(prev[i].p))) < 0) {
			i++;
			continue;
		}
		if (c > 0) {
			j++;
			continue;
		}
		for (pg = -2, e = i; e < nprev && memcmp(prev[e].p, prev[i].p, PSEUDONYM_LEN) == 0; e++)
			if (pg == -2 && person_in(r, rg, &prev[e]))
				pg = person_group(r->def, &prev[e]);
		i = e;
		for (g = -1, e = j; e < ncur && memcmp(cur[e].p, cur[j].p, PSEUDONYM_LEN) == 0; e++)
			if (g < 0 && person_in(r, rg, &cur[e]))
				g = person_group(r->def, &cur[e]);
		j = e;
		if (pg >= 0 && g >= 0) {
			r->follow[pg][g]++;
			r->followed++;
		}
	}
	free(rg);
}

/* ---- a report from the counts ---- */

/* The counts of year under def: the kept ones when they hold (*made NULL), else a pass
 * over the year's rows made now (*made), which report_keep keeps. */
static int
year_counts(struct store_txn *txn, const struct report_def *def, const struct refdata *rd,
    int year, struct tally **made)
{
	uint64_t fp;
	int rc;

	*made = NULL;
	if ((rc = report_fingerprint(txn, year, &fp)) != 0)
		return rc;
	if ((rc = report_kept_valid(txn, def, year, fp)) != BP_ENOENT)
		return rc;
	return report_tally(txn, def, rd, year, NULL, made);
}

/* one column of the report: a scope's counts, kept or made now */
static int
column(struct store_txn *txn, const struct tally *made, const struct report_def *def,
    int year, const char *id, long *n, long *count, long *sum)
{
	const struct agg *g;

	if (made == NULL)
		return report_kept_agg(txn, def, year, id, n, count, sum);
	if ((g = tally_find(made, id)) != NULL) {
		*n = g->n;
		memcpy(count, g->count, (size_t)def->nfigs * sizeof(long));
		memcpy(sum, g->sum, (size_t)def->nfigs * sizeof(long));
	}
	return 0;
}

/* the persons of a year (only kommune's when it is not NULL), sorted */
static int
persons(struct store_txn *txn, const struct tally *made, int year, const char *kommune,
    struct person **p, size_t *n)
{
	size_t cap = 0, i;
	int rc = 0;

	*p = NULL;
	*n = 0;
	if (made == NULL)
		rc = report_kept_persons(txn, year, kommune, p, n, &cap);
	else if (made->npersons > 0) {
		if ((*p = malloc(made->npersons * sizeof(**p))) == NULL)
			return BP_ENOMEM;
		for (i = 0; i < made->npersons; i++)
			if (kommune == NULL || memcmp(made->persons[i].kommune, kommune, 4) == 0)
				(*p)[(*n)++] = made->persons[i];
	}
	if (rc == 0)
		report_persons_sort(*p, *n);
	return rc;
}

int
report_build(struct store_txn *txn, const struct report_def *def,
    const struct refdata *rd, const struct report_target *t, int year, struct report **out)
{
	const char *only = t->scope >= SCOPE_KOMMUNE ? t->kommune : NULL;
	/* last year as last year's report counted it, with its own definition if it has one */
	const struct report_def *pdef = def->prev ? def->prev : def;
	struct person *prev = NULL, *cur = NULL;
	size_t nprev = 0, ncur = 0;
	char id[SCOPE_ID_MAX], rid[SCOPE_ID_MAX];
	struct report *r;
	int rc;

	if ((rc = report_new(def, t, year, out)) != 0)
		return rc;
	r = *out;
	report_scope_id(id, t->scope, t->region, t->kommune, t->bydel);
	report_scope_id(rid, SCOPE_REGION, t->region, NULL, NULL);
	if ((rc = year_counts(txn, def, rd, year, &r->made[0])) != 0 ||
	    (rc = year_counts(txn, pdef, rd, year - 1, &r->made[1])) != 0 ||
	    (rc = column(txn, r->made[0], def, year, id, &r->n[COL_SCOPE], r->count[COL_SCOPE],
	    r->sum[COL_SCOPE])) != 0 ||
	    (t->scope != SCOPE_LAND && (rc = column(txn, r->made[0], def, year, "land",
	    &r->n[COL_LAND], r->count[COL_LAND], r->sum[COL_LAND])) != 0) ||
	    (t->scope >= SCOPE_KOMMUNE && t->region[0] && (rc = column(txn, r->made[0], def,
	    year, rid, &r->n[COL_REGION], r->count[COL_REGION], r->sum[COL_REGION])) != 0) ||
	    (rc = column(txn, r->made[1], pdef, year - 1, id, &r->n[COL_PREV],
	    def->prev ? r->pcount : r->count[COL_PREV], def->prev ? r->psum :
	    r->sum[COL_PREV])) != 0 ||
	    (rc = persons(txn, r->made[1], year - 1, only, &prev, &nprev)) != 0 ||
	    (rc = persons(txn, r->made[0], year, only, &cur, &ncur)) != 0)
		goto out;
	report_follow(r, rd, prev, nprev, cur, ncur);
out:
	free(prev);
	free(cur);
	if (rc != 0) {
		report_free(r);
		*out = NULL;
	}
	return rc;
}

int
report_keep(struct store_txn *txn, const struct report *r)
{
	int i, rc;

	for (i = 0; i < 2; i++)
		if (r->made[i] && (rc = report_tally_keep(txn, r->made[i])) != 0)
			return rc;
	return 0;
}

int
report_counted(const struct report *r)
{
	return (r->made[0] != NULL) + (r->made[1] != NULL);
}

/* ---- counts made ready before anyone asks ---- */

struct ready {
	const struct report_def *def;
	const struct refdata *rd;
	int year;
	struct report *rep;
};

static int
ready_build(struct store_txn *txn, void *arg)
{
	struct ready *k = arg;
	struct report_target t;

	memset(&t, 0, sizeof(t));
	t.scope = SCOPE_LAND;
	report_free(k->rep);
	k->rep = NULL;
	return report_build(txn, k->def, k->rd, &t, k->year, &k->rep);
}

static int
ready_keep(struct store_txn *txn, void *arg)
{
	return report_keep(txn, ((struct ready *)arg)->rep);
}

int
report_ready(struct store *st, const char *data_dir, const struct refdata *rd, int year,
    int *counted)
{
	struct report_def *def = NULL;
	struct ready k;
	int rc;

	*counted = 0;
	/* a year without a report definition has no reports to make ready */
	if ((rc = report_def_load(data_dir, year, &def)) == BP_ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	k = (struct ready){ def, rd, year, NULL };
	/* counted in a read transaction, so that the site's saves are not kept waiting; the
	 * counts carry the registry's mark of then, so a transfer in between only means they
	 * do not hold and are made again */
	if ((rc = store_read(st, ready_build, &k)) == 0 &&
	    (*counted = report_counted(k.rep)) > 0)
		rc = store_write(st, ready_keep, &k);
	report_free(k.rep);
	report_def_free(def);
	return rc;
}
