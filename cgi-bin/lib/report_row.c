/* report_row.c: registry rows into the counts of a report. One pass reads each row once,
 * with a SAX parser (no document tree: the national report reads 100,000 rows), into the
 * few answers the figures ask about, and adds the person to every figure that holds, in
 * every column the row belongs to; last year's persons of the scope are remembered by
 * pseudonym and followed into this year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refdata.h"
#include "report_int.h"


static unsigned
name_hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
names_build(struct names *t, const struct report_def *d)
{
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < d->nslots; i++) {
		unsigned h = name_hash(d->slot_names[i]) % NAME_TABLE;

		while (t->name[h])
			h = (h + 1) % NAME_TABLE;
		t->name[h] = d->slot_names[i];
		t->slot[h] = i;
	}
}

static int
names_find(const struct names *t, const char *s)
{
	unsigned h = name_hash(s) % NAME_TABLE;

	for (; t->name[h]; h = (h + 1) % NAME_TABLE)
		if (strcmp(t->name[h], s) == 0)
			return t->slot[h];
	return -1;
}

static void
copy_attr(char *dst, size_t size, const xmlChar *b, const xmlChar *e)
{
	size_t n = (size_t)(e - b);

	if (n >= size)
		n = size - 1;
	memcpy(dst, b, n);
	dst[n] = '\0';
}

/* the slot of an element name (-1: no figure reads it), by the dictionary's pointer */
static int
slot_by_name(struct report *r, const xmlChar *name)
{
	unsigned h = (unsigned)(((uintptr_t)name >> 3) % NAME_TABLE), n;

	for (n = 0; n < NAME_TABLE; n++, h = (h + 1) % NAME_TABLE) {
		if (r->seen[h].name == name)
			return r->seen[h].slot;
		if (r->seen[h].name == NULL) {
			r->seen[h].name = name;
			return r->seen[h].slot = names_find(&r->names, (const char *)name);
		}
	}
	return names_find(&r->names, (const char *)name);	/* full: look it up each time */
}

static void
sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
    int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct report *r = ctx;
	struct row *w = &r->row;
	int i, k;

	(void)prefix; (void)uri; (void)nns; (void)ns; (void)ndefaulted;
	if (w->depth++ == 0) {
		if (xmlStrcmp(name, BAD_CAST "kartlegging") != 0)
			w->bad = 1;
		for (i = 0; i < nattrs; i++) {
			const xmlChar **a = attrs + 5 * i;

			if ((k = str_index(report_attr_names, A__MAX, (const char *)a[0])) >= 0)
				copy_attr(w->attrs[k], VALUE_MAX, a[3], a[4]);
			else if (xmlStrcmp(a[0], BAD_CAST "pseudonym") == 0)
				copy_attr(w->pseudonym, sizeof(w->pseudonym), a[3], a[4]);
			else if (xmlStrcmp(a[0], BAD_CAST "bydel") == 0)
				copy_attr(w->bydel, sizeof(w->bydel), a[3], a[4]);
		}
		return;
	}
	if (w->depth != 2) {
		w->cur = -1;
		return;
	}
	w->cur = slot_by_name(r, name);
	w->tlen = 0;
	if (w->cur < 0)
		return;
	for (i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;

		if (r->hatt == NULL && xmlStrcmp(a[0], BAD_CAST "hatt") == 0)
			r->hatt = a[0];
		else if (r->videre == NULL && xmlStrcmp(a[0], BAD_CAST "videre") == 0)
			r->videre = a[0];
		if (a[0] == r->hatt)
			copy_attr(w->slots[w->cur].hatt, 4, a[3], a[4]);
		else if (a[0] == r->videre)
			copy_attr(w->slots[w->cur].videre, 4, a[3], a[4]);
	}
}

static void
sax_chars(void *ctx, const xmlChar *ch, int len)
{
	struct row *w = &((struct report *)ctx)->row;
	size_t n = (size_t)len;

	if (w->depth != 2 || w->cur < 0)
		return;
	if (n > sizeof(w->text) - 1 - w->tlen)
		n = sizeof(w->text) - 1 - w->tlen;
	memcpy(w->text + w->tlen, ch, n);
	w->tlen += n;
}

static void
sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	struct row *w = &((struct report *)ctx)->row;
	struct slotval *s;

	(void)name; (void)prefix; (void)uri;
	if (w->depth-- == 2 && w->cur >= 0) {
		s = &w->slots[w->cur];
		w->text[w->tlen] = '\0';
		if (w->tlen > 0 && s->n < SLOT_VALUES_MAX)
			memcpy(s->v[s->n++], w->text, w->tlen + 1);
	}
}

static void
sax_silent(void *ctx, const char *msg, ...)
{
	((struct report *)ctx)->row.bad = 1;
	(void)msg;
}

static int
row_parse(struct report *r, const char *xml, size_t len)
{
	struct row *w = &r->row;
	xmlSAXHandler h;
	int i;

	if (len == 0 || len > ROW_XML_MAX)
		return BP_EXML;
	if (r->pctx == NULL) {
		memset(&h, 0, sizeof(h));
		h.initialized = XML_SAX2_MAGIC;
		h.startElementNs = sax_start;
		h.endElementNs = sax_end;
		h.characters = sax_chars;
		h.error = sax_silent;
		h.fatalError = sax_silent;
		if ((r->pctx = xmlNewParserCtxt()) == NULL || r->pctx->sax == NULL)
			return BP_ENOMEM;
		memcpy(r->pctx->sax, &h, sizeof(h));
		r->pctx->userData = r;
	}
	memset(w->attrs, 0, sizeof(w->attrs));
	w->pseudonym[0] = w->bydel[0] = '\0';
	for (i = 0; i < r->def->nslots; i++) {
		w->slots[i].n = 0;
		w->slots[i].hatt[0] = w->slots[i].videre[0] = '\0';
	}
	w->depth = 0;
	w->cur = -1;
	w->bad = 0;
	/* no tree is built (the handler has no startDocument), so nothing comes back */
	xmlCtxtReadMemory(r->pctx, xml, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (!r->pctx->wellFormed || w->bad || w->depth != 0)
		return BP_EXML;
	return 0;
}

static int
value_in(const struct cond *c, const char *v)
{
	int i;

	for (i = 0; i < c->nvalues; i++)
		if (strcmp(c->values[i], v) == 0)
			return 1;
	if (c->range) {
		long long ll;

		if (str_to_ll(v, c->min, c->max, &ll) == 0)
			return 1;
	}
	return 0;
}

static int
cond_holds(const struct row *w, const struct cond *c)
{
	const struct slotval *s;
	int i, j, any = 0;

	switch (c->kind) {
	case K_ATTR:
		return value_in(c, w->attrs[c->attr]) != c->neg;
	case K_HATT:
	case K_VIDERE:
		s = &w->slots[c->slots[0]];
		return (strcmp(c->kind == K_HATT ? s->hatt : s->videre, c->values[0]) == 0) != c->neg;
	case K_ITEM:
		for (i = 0; i < c->nslots; i++) {
			s = &w->slots[c->slots[i]];
			if (c->none && s->n > 0)
				return c->neg;
			for (j = 0; !c->none && j < s->n && !any; j++)
				any = value_in(c, s->v[j]);
		}
		return (c->none ? 1 : any) != c->neg;
	}
	abort();
}

static long
figure_sum(const struct row *w, const struct figure *f)
{
	long long total = 0, ll;
	int i, j;

	for (i = 0; i < f->nsum; i++) {
		const struct slotval *s = &w->slots[f->sum_slots[i]];

		for (j = 0; j < s->n; j++)
			if (str_to_ll(s->v[j], 0, 1000, &ll) == 0)
				total += ll;
	}
	return (long)total;
}

/* ---- the report ---- */

int
report_new(const struct report_def *def, const struct report_target *t, int year,
    struct report **out)
{
	struct report *r;
	int c;

	*out = NULL;
	if (t->scope >= SCOPE__MAX)
		return BP_EINVAL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return BP_ENOMEM;
	r->def = def;
	r->t = *t;
	r->year = year;
	names_build(&r->names, def);
	r->row.def = def;
	if ((r->row.slots = calloc((size_t)def->nslots + 1, sizeof(*r->row.slots))) == NULL ||
	    (r->hit = calloc((size_t)def->nfigs + 1, 1)) == NULL)
		goto fail;
	for (c = 0; c < COL__MAX; c++)
		if ((r->count[c] = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL ||
		    (r->sum[c] = calloc((size_t)def->nfigs + 1, sizeof(long))) == NULL)
			goto fail;
	if (def->prev && ((r->pcount = calloc((size_t)def->prev->nfigs + 1, sizeof(long))) ==
	    NULL || (r->psum = calloc((size_t)def->prev->nfigs + 1, sizeof(long))) == NULL))
		goto fail;
	*out = r;
	return 0;
fail:
	report_free(r);
	return BP_ENOMEM;
}

void
report_free(struct report *r)
{
	int c;

	if (r == NULL)
		return;
	for (c = 0; c < COL__MAX; c++) {
		free(r->count[c]);
		free(r->sum[c]);
	}
	report_tally_free(r->made[0]);
	report_tally_free(r->made[1]);
	free(r->pcount);
	free(r->psum);
	report_free(r->prevp);
	free(r->row.slots);
	free(r->hit);
	if (r->pctx)
		xmlFreeParserCtxt(r->pctx);
	free(r->prev);
	free(r);
}

long
report_persons(const struct report *r)
{
	return r->n[COL_SCOPE];
}

static int
in_scope(const struct report *r, const char *kommune, const char *region, const char *bydel)
{
	switch (r->t.scope) {
	case SCOPE_LAND:
		return 1;
	case SCOPE_REGION:
		return region && strcmp(region, r->t.region) == 0;
	case SCOPE_KOMMUNE:
		return strcmp(kommune, r->t.kommune) == 0;
	case SCOPE_BYDEL:
		return strcmp(kommune, r->t.kommune) == 0 && strcmp(bydel, r->t.bydel) == 0;
	default:
		abort();
	}
}

static int
group_of(const struct report *r)
{
	return report_group_of(r->def, r->row.attrs[A_INDEKS]);
}

static int
by_pseudonym(const void *a, const void *b)
{
	return strcmp(((const struct followed *)a)->p, ((const struct followed *)b)->p);
}

static int
remember(struct report *r, const struct row *w)
{
	struct followed *f;

	if (r->nprev == r->capprev) {
		size_t cap = r->capprev ? 2 * r->capprev : 256;

		if ((f = realloc(r->prev, cap * sizeof(*f))) == NULL)
			return BP_ENOMEM;
		r->prev = f;
		r->capprev = cap;
	}
	f = &r->prev[r->nprev++];
	memcpy(f->p, w->pseudonym, sizeof(f->p));
	f->group = report_group_of(r->def, w->attrs[A_INDEKS]);
	return 0;
}

/* a person of the scope this year: where were they last year? */
static void
follow(struct report *r)
{
	struct followed key, *f;
	int g;

	if (!r->prev_sorted) {
		if (r->nprev > 1)
			qsort(r->prev, r->nprev, sizeof(*r->prev), by_pseudonym);
		r->prev_sorted = 1;
	}
	memcpy(key.p, r->row.pseudonym, sizeof(key.p));
	if (r->nprev == 0 || (f = bsearch(&key, r->prev, r->nprev, sizeof(*r->prev),
	    by_pseudonym)) == NULL)
		return;
	if (f->group < 0 || (g = group_of(r)) < 0)
		return;
	f->group = -1 - f->group;	/* once: a person seen in two kommuner counts once */
	r->follow[-1 - f->group][g]++;
	r->followed++;
}

static void
add_into(struct report *r, long *n, long *count, long *sum)
{
	int i;

	(*n)++;
	for (i = 0; i < r->def->nfigs; i++)
		if (r->hit[i]) {
			count[i]++;
			if (r->def->figs[i].nsum)
				sum[i] += figure_sum(&r->row, &r->def->figs[i]);
		}
}

static void
add_to(struct report *r, enum report_col col)
{
	add_into(r, &r->n[col], r->count[col], r->sum[col]);
}

/* report_row_hits: parse one registry row into r->row and r->hit[] (the figures that hold) */
int
report_row_hits(struct report *r, const char *xml, size_t len)
{
	const struct report_def *d = r->def;
	int i, j, ok, rc;

	if ((rc = row_parse(r, xml, len)) != 0)
		return rc;
	for (i = 0; i < d->nfigs; i++) {
		const struct figure *f = &d->figs[i];

		for (ok = 1, j = 0; ok && j < f->nconds; j++)
			ok = cond_holds(&r->row, &f->conds[j]);
		r->hit[i] = (unsigned char)ok;
	}
	return 0;
}

void
report_add_hits(struct report *r, long *n, long *count, long *sum)
{
	add_into(r, n, count, sum);
}

int
report_group_of(const struct report_def *d, const char *indeks)
{
	int i;

	for (i = 0; i < d->ngroups; i++)
		if (strcmp(d->groups[i], indeks) == 0)
			return i;
	return -1;
}

/* The fresh count, a row at a time (the unit tests' hand-made registries): every column
 * the row belongs to, and the persons followed by pseudonym. */
int
report_add_row(struct report *r, int prev, const char *kommune, const char *region,
    const char *xml, size_t len)
{
	int rc, scope;

	if (prev && r->def->prev) {	/* last year's rows as last year's report read them */
		if (r->prevp == NULL &&
		    (rc = report_new(r->def->prev, &r->t, r->year - 1, &r->prevp)) != 0)
			return rc;
		if ((rc = report_row_hits(r->prevp, xml, len)) != 0)
			return rc;
		if (!in_scope(r, kommune, region, r->prevp->row.bydel))
			return 0;
		report_add_hits(r->prevp, &r->n[COL_PREV], r->pcount, r->psum);
		return r->prevp->row.pseudonym[0] ? remember(r, &r->prevp->row) : 0;
	}
	if ((rc = report_row_hits(r, xml, len)) != 0)
		return rc;
	scope = in_scope(r, kommune, region, r->row.bydel);
	if (prev && !scope)
		return 0;
	if (prev) {
		add_to(r, COL_PREV);
		return r->row.pseudonym[0] ? remember(r, &r->row) : 0;
	}
	if (scope) {
		add_to(r, COL_SCOPE);
		follow(r);
	}
	if (r->t.scope == SCOPE_LAND)
		return 0;
	add_to(r, COL_LAND);
	if (r->t.scope != SCOPE_REGION && region && strcmp(region, r->t.region) == 0)
		add_to(r, COL_REGION);
	return 0;
}
