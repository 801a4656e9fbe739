/* report.c: registry rows into the counts of a report, and the counts into XML with every
 * small cell hidden. One pass reads each row once, with a SAX parser (no document tree:
 * the national report reads 100,000 rows), into the few answers the figures ask about. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "refdata.h"
#include "report.h"
#include "transfer.h"

const char *const report_scope_ids[SCOPE__MAX] = { "land", "region", "kommune", "bydel" };
const char *const report_col_ids[COL__MAX] = { "s", "r", "l", "f" };

#define REPORT_FILE_MAX (1 << 20)
#define CONDS_MAX 4			/* <when>s of a row */
#define COND_ITEMS_MAX 4		/* items one <when> may name */
#define COND_VALUES_MAX 8
#define SLOTS_MAX 256			/* distinct items the figures read */
#define SLOT_VALUES_MAX 12		/* answers of one multi item */
#define VALUE_MAX 40
#define GROUPS_MAX 8			/* levekårsindeks groups followed */
#define ROW_XML_MAX (256 * 1024)
#define REPORT_REGIONS_MAX 16		/* KORUS regions kept (there are 7) */
#define KEPT_MAGIC "bprep01"

/* what a <when> looks at */
enum cond_kind {
	K_ITEM,			/* an answer: option id or number */
	K_ATTR,			/* an attribute of the row */
	K_HATT,			/* a service's "had it last year" */
	K_VIDERE,		/* a service's "continue or recommended as new" */
};

/* the row attributes a figure may ask about */
enum row_attr { A_KJONN, A_ALDER, A_INDEKS, A__MAX };
static const char *const attr_names[A__MAX] = { "kjonn", "alder", "indeks" };

struct cond {
	enum cond_kind kind;
	int neg;			/* the test must fail */
	int attr;			/* K_ATTR */
	int slots[COND_ITEMS_MAX];	/* K_ITEM, K_HATT, K_VIDERE: any of these items */
	int nslots;
	char *values[COND_VALUES_MAX];	/* any of these, or a range */
	int nvalues;
	int range;
	long min, max;
	int none;			/* no answer to any of the items */
};

/* a figure: the persons for whom every cond holds (and the sum of some numbers) */
struct figure {
	struct cond conds[CONDS_MAX];
	int nconds;
	int sum_slots[COND_ITEMS_MAX];
	int nsum;
};

enum service_measure { M_HATT, M_FORTSETTE, M_NY, M_BEHOV, M__MAX };
static const char *const measure_ids[M__MAX] = { "hatt", "fortsette", "ny", "behov" };

struct rowdef {
	char *id, *label, *group, *grouplabel, *colour;	/* owned (the def's strings) */
	int fig;			/* its figure; services: the first of M__MAX */
	int sum;			/* 1: the row shows the sum, not the persons */
};

enum chart { CH_BAR, CH_STACKED, CH_SERVICES };
static const char *const chart_ids[] = { "bar", "stacked", "services" };

struct sectiondef {
	char *id, *title, *text;
	enum chart chart;
	int partition;
	int base;			/* figure of <base>, or -1: every person */
	char *base_id, *base_label;
	struct rowdef *rows;
	int nrows;
};

struct report_def {
	int year;
	uint64_t hash;			/* of the file's text: kept counts are of this one */
	xmlDocPtr doc;			/* strings below point into it */
	struct figure *figs;
	int nfigs, capfigs;
	struct sectiondef *secs;
	int nsecs;
	char *slot_names[SLOTS_MAX];
	int nslots;
	char *groups[GROUPS_MAX];	/* levekårsindeks groups, in order (section "indeks") */
	char *group_labels[GROUPS_MAX];
	int ngroups;
};

/* ---- the definition ---- */

static uint64_t
fnv64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 1099511628211ULL;
	return h;
}

static int
slot_of(struct report_def *d, const char *name)
{
	int i;

	for (i = 0; i < d->nslots; i++)
		if (strcmp(d->slot_names[i], name) == 0)
			return i;
	if (d->nslots == SLOTS_MAX)
		return BP_ETOOBIG;
	d->slot_names[d->nslots] = (char *)name;
	return d->nslots++;
}

static int
new_figure(struct report_def *d)
{
	struct figure *f;

	if (d->nfigs == d->capfigs) {
		int cap = d->capfigs ? 2 * d->capfigs : 64;

		if ((f = realloc(d->figs, (size_t)cap * sizeof(*f))) == NULL)
			return BP_ENOMEM;
		d->figs = f;
		d->capfigs = cap;
	}
	memset(&d->figs[d->nfigs], 0, sizeof(*d->figs));
	return d->nfigs++;
}

static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	if (a == NULL || a->children == NULL || a->children->type != XML_TEXT_NODE)
		return NULL;
	return (const char *)a->children->content;
}

/* split s (in the def's document: we write NULs into our own copy) at spaces */
static int
split(char *s, char **out, int max)
{
	int n = 0;
	char *save = NULL, *w;

	for (w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (n == max)
			return BP_ETOOBIG;
		out[n++] = w;
	}
	return n;
}

static int
parse_when(struct report_def *d, xmlNodePtr w, struct cond *c)
{
	const char *item = attr(w, "item"), *at = attr(w, "attr"), *v;
	char *names[COND_ITEMS_MAX];
	int i, n;
	long long ll;

	memset(c, 0, sizeof(*c));
	c->kind = K_ITEM;
	if (at) {
		c->kind = K_ATTR;
		if ((c->attr = str_index(attr_names, A__MAX, at)) < 0)
			return BP_EXML;
	} else if (item == NULL)
		return BP_EXML;
	if (item) {
		if ((v = attr(w, "hatt")) != NULL)
			c->kind = K_HATT;
		else if ((v = attr(w, "videre")) != NULL)
			c->kind = K_VIDERE;
		if ((n = split((char *)item, names, COND_ITEMS_MAX)) <= 0)
			return BP_EXML;
		for (i = 0; i < n; i++)
			if ((c->slots[i] = slot_of(d, names[i])) < 0)
				return c->slots[i];
		c->nslots = n;
		if (c->kind != K_ITEM) {
			c->values[0] = (char *)v;
			c->nvalues = 1;
			return 0;
		}
	}
	if ((v = attr(w, "value")) != NULL &&
	    (c->nvalues = split((char *)v, c->values, COND_VALUES_MAX)) < 0)
		return BP_EXML;
	if ((v = attr(w, "min")) != NULL) {
		c->range = 1;
		if (str_to_ll(v, 0, LONG_MAX, &ll) != 0)
			return BP_EXML;
		c->min = (long)ll;
		if ((v = attr(w, "max")) == NULL || str_to_ll(v, 0, LONG_MAX, &ll) != 0)
			return BP_EXML;
		c->max = (long)ll;
	}
	if ((v = attr(w, "none")) != NULL && strcmp(v, "yes") == 0)
		c->none = 1;
	if (c->nvalues == 0 && !c->range && !c->none)
		return BP_EXML;
	return 0;
}

/* a <row> or <base>: its <when>s (and sum) as a new figure */
static int
parse_figure(struct report_def *d, xmlNodePtr n)
{
	struct figure *f;
	xmlNodePtr w;
	char *names[COND_ITEMS_MAX];
	const char *sum;
	int fig, i, k, rc;

	if ((fig = new_figure(d)) < 0)
		return fig;
	f = &d->figs[fig];
	for (w = n->children; w; w = w->next) {
		if (w->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(w->name, BAD_CAST "when") != 0 || f->nconds == CONDS_MAX)
			return BP_EXML;
		if ((rc = parse_when(d, w, &f->conds[f->nconds++])) != 0)
			return rc;
	}
	if (f->nconds == 0)
		return BP_EXML;
	if ((sum = attr(n, "sum")) != NULL) {
		if ((k = split((char *)sum, names, COND_ITEMS_MAX)) <= 0)
			return BP_EXML;
		for (i = 0; i < k; i++)
			if ((f->sum_slots[i] = slot_of(d, names[i])) < 0)
				return f->sum_slots[i];
		f->nsum = k;
	}
	return fig;
}

/* a service: four figures, had it / continue / new / expected demand */
static int
service_figures(struct report_def *d, const char *id)
{
	static const struct { int hatt, hatt_neg, videre; } m[M__MAX] = {
		[M_HATT] = { 1, 0, 0 }, [M_FORTSETTE] = { 1, 0, 1 }, [M_NY] = { 1, 1, 1 },
		[M_BEHOV] = { 0, 0, 1 },
	};
	int first = -1, fig, slot, i;

	if ((slot = slot_of(d, id)) < 0)
		return slot;
	for (i = 0; i < M__MAX; i++) {
		struct figure *f;

		if ((fig = new_figure(d)) < 0)
			return fig;
		if (first < 0)
			first = fig;
		f = &d->figs[fig];
		if (m[i].hatt) {
			struct cond *c = &f->conds[f->nconds++];

			c->kind = K_HATT;
			c->neg = m[i].hatt_neg;
			c->slots[0] = slot;
			c->nslots = 1;
			c->values[0] = (char *)"ja";
			c->nvalues = 1;
		}
		if (m[i].videre) {
			struct cond *c = &f->conds[f->nconds++];

			c->kind = K_VIDERE;
			c->slots[0] = slot;
			c->nslots = 1;
			c->values[0] = (char *)"ja";
			c->nvalues = 1;
		}
	}
	return first;
}

static int
parse_section(struct report_def *d, xmlNodePtr s, struct sectiondef *sec)
{
	const char *chart = attr(s, "chart"), *kind = attr(s, "kind"), *p;
	xmlNodePtr n;
	int count = 0, rc, i;

	sec->id = (char *)attr(s, "id");
	sec->title = (char *)attr(s, "title");
	sec->text = (char *)attr(s, "text");
	sec->base = -1;
	if (sec->id == NULL || sec->title == NULL)
		return BP_EXML;
	if (kind && strcmp(kind, "services") == 0)
		sec->chart = CH_SERVICES;
	else if (chart && (i = str_index(chart_ids, CH_SERVICES, chart)) >= 0)
		sec->chart = (enum chart)i;
	else
		return BP_EXML;
	sec->partition = (p = attr(s, "partition")) != NULL && strcmp(p, "yes") == 0;
	for (n = s->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			count++;
	if ((sec->rows = calloc((size_t)count + 1, sizeof(*sec->rows))) == NULL)
		return BP_ENOMEM;
	for (n = s->children; n; n = n->next) {
		struct rowdef *r;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "base") == 0) {
			if ((sec->base = parse_figure(d, n)) < 0)
				return sec->base;
			sec->base_id = (char *)attr(n, "id");
			sec->base_label = (char *)attr(n, "label");
			continue;
		}
		r = &sec->rows[sec->nrows];
		r->id = (char *)attr(n, "id");
		r->label = (char *)attr(n, "label");
		r->group = (char *)attr(n, "group");
		r->grouplabel = (char *)attr(n, "grouplabel");
		r->colour = (char *)attr(n, "colour");
		if (r->id == NULL || r->label == NULL)
			return BP_EXML;
		if (sec->chart == CH_SERVICES) {
			if (xmlStrcmp(n->name, BAD_CAST "service") != 0)
				return BP_EXML;
			rc = service_figures(d, r->id);
		} else {
			if (xmlStrcmp(n->name, BAD_CAST "row") != 0)
				return BP_EXML;
			rc = parse_figure(d, n);
			r->sum = attr(n, "sum") != NULL;
		}
		if (rc < 0)
			return rc;
		r->fig = rc;
		sec->nrows++;
	}
	/* the groups followed from last year to this: the rows of section "indeks" */
	if (strcmp(sec->id, "indeks") == 0)
		for (i = 0; i < sec->nrows && d->ngroups < GROUPS_MAX; i++) {
			const struct figure *f = &d->figs[sec->rows[i].fig];

			if (f->conds[0].kind != K_ATTR || f->conds[0].attr != A_INDEKS)
				return BP_EXML;
			d->group_labels[d->ngroups] = sec->rows[i].label;
			d->groups[d->ngroups++] = f->conds[0].values[0];
		}
	return 0;
}

void
report_def_free(struct report_def *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nsecs; i++)
		free(d->secs[i].rows);
	free(d->secs);
	free(d->figs);
	xmlFreeDoc(d->doc);
	free(d);
}

int
report_def_load(const char *data_dir, int year, struct report_def **out)
{
	struct report_def *d;
	char path[4096], *text = NULL;
	size_t len;
	xmlNodePtr root, s;
	int rc, n = 0;

	*out = NULL;
	if (year < 1000 || year > 9999 ||
	    snprintf(path, sizeof(path), "%s/%s/%04d.xml", data_dir, REPORT_DIR, year) >=
	    (int)sizeof(path))
		return BP_EINVAL;
	if ((rc = file_read(path, REPORT_FILE_MAX, &text, &len)) != 0)
		return rc;
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		free(text);
		return BP_ENOMEM;
	}
	d->year = year;
	d->hash = fnv64(14695981039346656037ULL, text, len);
	d->doc = xmlReadMemory(text, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(text);
	rc = BP_EXML;
	if (d->doc == NULL || (root = xmlDocGetRootElement(d->doc)) == NULL ||
	    xmlStrcmp(root->name, BAD_CAST "report") != 0)
		goto fail;
	for (s = root->children; s; s = s->next)
		n += s->type == XML_ELEMENT_NODE;
	if (n == 0 || (d->secs = calloc((size_t)n, sizeof(*d->secs))) == NULL)
		goto fail;
	for (s = root->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(s->name, BAD_CAST "section") != 0) {
			rc = BP_EXML;
			goto fail;
		}
		if ((rc = parse_section(d, s, &d->secs[d->nsecs++])) != 0)
			goto fail;
	}
	*out = d;
	return 0;
fail:
	report_def_free(d);
	return rc ? rc : BP_EXML;
}

/* ---- one registry row ---- */

struct slotval {
	char v[SLOT_VALUES_MAX][VALUE_MAX];
	int n;
	char hatt[4], videre[4];
};

/* A row as the figures see it, filled by the SAX callbacks. */
struct row {
	const struct report_def *def;
	char attrs[A__MAX][VALUE_MAX];
	char pseudonym[PSEUDONYM_LEN + 1];
	char bydel[8];
	struct slotval *slots;		/* def->nslots */
	int depth;
	int cur;			/* slot of the element open at depth 1, or -1 */
	char text[VALUE_MAX];
	size_t tlen;
	int bad;
};

/* names to slots: a small open-addressed table, built once per report */
#define NAME_TABLE 512
struct names {
	const char *name[NAME_TABLE];
	int slot[NAME_TABLE];
};

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

struct report {
	const struct report_def *def;
	struct report_target t;
	int year;
	struct names names;
	struct row row;
	xmlParserCtxtPtr pctx;		/* one SAX parser for every row: its dictionary too */
	/* The parser's dictionary gives a name the same pointer in every row: slots (and
	 * the service attributes) by pointer, without hashing the name again. */
	struct { const xmlChar *name; int slot; } seen[NAME_TABLE];
	const xmlChar *hatt, *videre;
	long n[COL__MAX];		/* persons per column */
	long *count[COL__MAX];		/* [nfigs] persons per figure */
	long *sum[COL__MAX];		/* [nfigs] sums of the figures with sum */
	unsigned char *hit;		/* [nfigs] scratch: the figures of one row */
	/* last year's persons of the scope, by pseudonym, with their group */
	struct followed { char p[PSEUDONYM_LEN + 1]; int group; } *prev;
	size_t nprev, capprev;
	int prev_sorted;
	long follow[GROUPS_MAX][GROUPS_MAX];	/* [last year's group][this year's] */
	long followed;
	/* the kept counts (report_keep): the country's and each region's */
	int lr_kept;			/* COL_LAND and COL_REGION came from them */
	int fill;			/* a full pass: count each region too, to keep */
	uint64_t fingerprint;		/* of the year's registry keys */
	struct agg { char region[32]; long n; long *count, *sum; } regs[REPORT_REGIONS_MAX];
	int nregs;
};

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

			if ((k = str_index(attr_names, A__MAX, (const char *)a[0])) >= 0)
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
	for (c = 0; c < r->nregs; c++) {
		free(r->regs[c].count);
		free(r->regs[c].sum);
	}
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
	int i;

	for (i = 0; i < r->def->ngroups; i++)
		if (strcmp(r->def->groups[i], r->row.attrs[A_INDEKS]) == 0)
			return i;
	return -1;
}

static int
by_pseudonym(const void *a, const void *b)
{
	return strcmp(((const struct followed *)a)->p, ((const struct followed *)b)->p);
}

static int
remember(struct report *r)
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
	memcpy(f->p, r->row.pseudonym, sizeof(f->p));
	f->group = group_of(r);
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

/* a full pass counts every region as well, for report_keep */
static int
add_region(struct report *r, const char *region)
{
	struct agg *g = NULL;
	int i;

	for (i = 0; i < r->nregs && !g; i++)
		if (strcmp(r->regs[i].region, region) == 0)
			g = &r->regs[i];
	if (g == NULL) {
		if (r->nregs == REPORT_REGIONS_MAX || strlen(region) >= sizeof(g->region))
			return BP_ETOOBIG;
		g = &r->regs[r->nregs];
		if ((g->count = calloc((size_t)r->def->nfigs + 1, sizeof(long))) == NULL ||
		    (g->sum = calloc((size_t)r->def->nfigs + 1, sizeof(long))) == NULL)
			return BP_ENOMEM;
		str_copy(g->region, sizeof(g->region), region);
		r->nregs++;
	}
	add_into(r, &g->n, g->count, g->sum);
	return 0;
}

int
report_add_row(struct report *r, int prev, const char *kommune, const char *region,
    const char *xml, size_t len)
{
	const struct report_def *d = r->def;
	int i, j, ok, rc, scope;

	if ((rc = row_parse(r, xml, len)) != 0)
		return rc;
	scope = in_scope(r, kommune, region, r->row.bydel);
	if (prev && !scope)
		return 0;
	for (i = 0; i < d->nfigs; i++) {
		const struct figure *f = &d->figs[i];

		for (ok = 1, j = 0; ok && j < f->nconds; j++)
			ok = cond_holds(&r->row, &f->conds[j]);
		r->hit[i] = (unsigned char)ok;
	}
	if (prev) {
		add_to(r, COL_PREV);
		return r->row.pseudonym[0] ? remember(r) : 0;
	}
	if (scope) {
		add_to(r, COL_SCOPE);
		follow(r);
	}
	if (r->fill && region && (rc = add_region(r, region)) != 0)
		return rc;
	if (r->t.scope == SCOPE_LAND || r->lr_kept)
		return 0;
	add_to(r, COL_LAND);
	if (r->t.scope != SCOPE_REGION && region && strcmp(region, r->t.region) == 0)
		add_to(r, COL_REGION);
	return 0;
}

struct scan {
	struct report *r;
	const struct refdata *rd;
	int prev;
	char kommune[5];
	const char *region;
};

static int
scan_row(const char *kommune, int year, const char *xml, size_t len, void *arg)
{
	struct scan *s = arg;

	(void)year;
	if (strcmp(kommune, s->kommune) != 0) {	/* rows come in kommune order */
		str_copy(s->kommune, sizeof(s->kommune), kommune);
		s->region = refdata_kommune_region(s->rd, kommune);
	}
	return report_add_row(s->r, s->prev, kommune, s->region, xml, len);
}

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
	*fp += fnv64(14695981039346656037ULL, k, klen) | 1;	/* order does not matter */
	return 0;
}

/* The year's registry generation (registry_put counts every row written), which changes
 * whenever its rows do; for a year written before generations were kept, the keys of its
 * rows. The keys cost a pass over every page of the year: the rows are deflated into the
 * leaf pages beside their keys. */
static int
year_fingerprint(struct store_txn *txn, int year, uint64_t *fp)
{
	unsigned long long gen;
	char prefix[5];
	int rc;

	if ((rc = registry_generation(txn, year, &gen)) == 0) {
		*fp = fnv64(14695981039346656037ULL, "generation", 10) ^ (uint64_t)year ^
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
static int
kept_load(struct store_txn *txn, struct report *r)
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

int
report_build(struct store_txn *txn, const struct report_def *def,
    const struct refdata *rd, const struct report_target *t, int year, struct report **out)
{
	struct scan s;
	const char *only;
	int rc;

	if ((rc = report_new(def, t, year, out)) != 0)
		return rc;
	memset(&s, 0, sizeof(s));
	s.r = *out;
	s.rd = rd;
	if ((rc = year_fingerprint(txn, year, &s.r->fingerprint)) != 0)
		goto fail;
	/* a kommune's or bydel's report: the country and the region from the kept counts */
	if (t->scope >= SCOPE_KOMMUNE && (rc = kept_load(txn, s.r)) != 0 && rc != BP_ENOENT)
		goto fail;
	s.r->fill = !s.r->lr_kept;
	/* last year: only the scope is counted, so a kommune's rows will do */
	only = t->scope >= SCOPE_KOMMUNE ? t->kommune : NULL;
	s.prev = 1;
	if ((rc = registry_scan(txn, year - 1, only, scan_row, &s)) != 0)
		goto fail;
	s.prev = 0;
	s.kommune[0] = '\0';
	if ((rc = registry_scan(txn, year, s.r->lr_kept ? only : NULL, scan_row, &s)) != 0)
		goto fail;
	return 0;
fail:
	report_free(*out);
	*out = NULL;
	return rc;
}

/* ---- the <5 rule ---- */

void
report_suppress(const long *n, int count, long total, int partition, unsigned char *hide)
{
	long hidden_sum = 0;
	int i, nhidden = 0, small;

	for (i = 0; i < count; i++) {
		hide[i] = total < REPORT_MIN || n[i] < REPORT_MIN;
		if (hide[i]) {
			hidden_sum += n[i];
			nhidden++;
		}
	}
	if (!partition || total < REPORT_MIN)
		return;
	/* the hidden cells together are total minus the shown ones: never a small number */
	while (nhidden > 0 && nhidden < count && hidden_sum < REPORT_MIN) {
		small = -1;
		for (i = 0; i < count; i++)
			if (!hide[i] && (small < 0 || n[i] < n[small]))
				small = i;
		hide[small] = 2;
		hidden_sum += n[small];
		nhidden++;
	}
}

/* ---- the aggregate as XML ---- */

static int
has_col(const struct report *r, enum report_col c)
{
	switch (c) {
	case COL_SCOPE:
	case COL_PREV:
		return 1;
	case COL_LAND:
		return r->t.scope != SCOPE_LAND;
	case COL_REGION:
		return r->t.scope >= SCOPE_KOMMUNE;
	default:
		return 0;
	}
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static int
set(xmlNodePtr n, const char *name, const char *val)
{
	return n && xmlSetProp(n, BAD_CAST name, BAD_CAST(val ? val : "")) ? 0 : BP_ENOMEM;
}

static int
set_l(xmlNodePtr n, const char *name, long v)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", v);
	return set(n, name, s);
}

/* a cell hidden so it cannot be worked out shows "<5" too, as the small ones: a mark of
 * its own would tell a reader which hidden cells are the small ones */
static const char *const hidden_marks[] = { NULL, "<5", "<5" };

/* <v col [m] n [pct]>: a count, or its mark when hidden */
static int
value(xmlNodePtr row, enum report_col c, const char *m, long n, unsigned char hide,
    long base)
{
	xmlNodePtr v = child(row, "v");
	char pct[16];
	int rc;

	if ((rc = set(v, "col", report_col_ids[c])) != 0 || (m && (rc = set(v, "m", m)) != 0))
		return rc;
	if (hide)
		return set(v, "n", hidden_marks[hide]);
	if ((rc = set_l(v, "n", n)) != 0)
		return rc;
	if (base <= 0)
		return 0;
	snprintf(pct, sizeof(pct), "%.1f", 100.0 * (double)n / (double)base);
	return set(v, "pct", pct);
}

/* one section, one column: the rows' cells hidden by report_suppress */
static int
section_col(const struct report *r, const struct sectiondef *s, xmlNodePtr *rows,
    xmlNodePtr base_node, enum report_col c)
{
	long n[256], base;
	unsigned char hide[256], base_hide;
	int i, j, rc, start;

	if (s->nrows > 256)
		return BP_ETOOBIG;
	base = s->base >= 0 ? r->count[c][s->base] : r->n[c];
	report_suppress(&base, 1, r->n[c], 0, &base_hide);
	if (base_node && (rc = value(base_node, c, NULL, base, base_hide, r->n[c])) != 0)
		return rc;
	if (base_hide)
		base = 0;	/* hides every cell below */
	for (i = 0; i < s->nrows; i++)
		n[i] = r->count[c][s->rows[i].fig];
	/* a partition by group (the levekår areas) is one partition per group */
	for (start = 0; start < s->nrows; start = j) {
		for (j = start + 1; j < s->nrows && s->rows[start].group && s->rows[j].group &&
		    strcmp(s->rows[start].group, s->rows[j].group) == 0; j++)
			;
		if (!s->rows[start].group)
			j = s->nrows;
		report_suppress(n + start, j - start, base, s->partition, hide + start);
	}
	for (i = 0; i < s->nrows; i++) {
		long shown = n[i];

		if (s->rows[i].sum) {	/* a sum of children: shown when its persons are */
			shown = r->sum[c][s->rows[i].fig];
			if ((rc = value(rows[i], c, NULL, shown, hide[i], 0)) != 0)
				return rc;
			continue;
		}
		if ((rc = value(rows[i], c, NULL, shown, hide[i], base)) != 0)
			return rc;
	}
	return 0;
}

/* services: had it, continue, new, expected demand (= continue + new) */
static int
services_col(const struct report *r, const struct sectiondef *s, xmlNodePtr *rows,
    enum report_col c)
{
	long n[M__MAX];
	unsigned char hide[M__MAX], pair[2];
	int i, m, rc;

	for (i = 0; i < s->nrows; i++) {
		for (m = 0; m < M__MAX; m++)
			n[m] = r->count[c][s->rows[i].fig + m];
		report_suppress(n, M__MAX, r->n[c], 0, hide);
		/* continue and new split the demand: one hidden alone would show */
		if (!hide[M_BEHOV]) {
			report_suppress(n + M_FORTSETTE, 2, n[M_BEHOV], 1, pair);
			hide[M_FORTSETTE] = pair[0];
			hide[M_NY] = pair[1];
		}
		for (m = 0; m < M__MAX; m++)
			if ((rc = value(rows[i], c, measure_ids[m], n[m], hide[m], r->n[c])) != 0)
				return rc;
	}
	return 0;
}

/* one more hidden cell where the hidden cells of a line add up to under REPORT_MIN:
 * line k of a g x g matrix, a row (by_col 0) or a column (by_col 1). 1 when it hid one. */
static int
hide_line(long cells[GROUPS_MAX][GROUPS_MAX], unsigned char hide[GROUPS_MAX][GROUPS_MAX],
    int g, int k, int by_col)
{
	long hs = 0;
	int x, nh = 0, small = -1;

	for (x = 0; x < g; x++) {
		int i = by_col ? x : k, j = by_col ? k : x;

		if (hide[i][j]) {
			hs += cells[i][j];
			nh++;
		} else if (small < 0 || cells[i][j] < (by_col ? cells[small][j] : cells[i][small]))
			small = x;
	}
	if (nh == 0 || hs >= REPORT_MIN || small < 0)
		return 0;
	if (by_col)
		hide[small][k] = 2;
	else
		hide[k][small] = 2;
	return 1;
}

/* the persons of the scope surveyed both years: last year's group against this year's.
 * Each row is a partition of its total (shown), so is each column of its (derivable). */
static int
follow_xml(const struct report *r, xmlNodePtr parent)
{
	const struct report_def *d = r->def;
	xmlNodePtr sec = child(parent, "section"), row, tot;
	long cells[GROUPS_MAX][GROUPS_MAX] = { { 0 } }, rowsum[GROUPS_MAX] = { 0 };
	unsigned char hide[GROUPS_MAX][GROUPS_MAX], rh[GROUPS_MAX], th;
	int g = d->ngroups, i, j, again, rc;

	if ((rc = set(sec, "id", "fulgt")) || (rc = set(sec, "chart", "follow")) ||
	    (rc = set(sec, "title", "Samme personer i fjor og i år: levekårsindeks")) ||
	    (rc = set(sec, "text", "Personer kartlagt i samme område begge år (fulgt ved "
	    "pseudonym). Radene er gruppen i fjor, kolonnene gruppen i år.")))
		return rc;
	tot = child(sec, "base");
	if ((rc = set(tot, "id", "fulgt")) || (rc = set(tot, "label", "Kartlagt begge år")))
		return rc;
	report_suppress(&r->followed, 1, r->followed, 0, &th);
	if ((rc = value(tot, COL_SCOPE, NULL, r->followed, th, 0)) != 0)
		return rc;
	for (i = 0; i < g; i++) {
		rowsum[i] = 0;
		for (j = 0; j < g; j++) {
			cells[i][j] = r->follow[i][j];
			rowsum[i] += cells[i][j];
			hide[i][j] = th || cells[i][j] < REPORT_MIN;
		}
	}
	report_suppress(rowsum, g, r->followed, 1, rh);
	for (i = 0; i < g; i++)	/* a row whose total is hidden shows no cell */
		for (j = 0; j < g; j++)
			if (rh[i] && !hide[i][j])
				hide[i][j] = 2;
	do {
		again = 0;
		for (i = 0; i < g; i++)
			again |= hide_line(cells, hide, g, i, 0) | hide_line(cells, hide, g, i, 1);
	} while (again);
	for (i = 0; i < g; i++) {
		row = child(sec, "row");
		if ((rc = set(row, "id", d->groups[i])) != 0 ||
		    (rc = set(row, "label", d->group_labels[i])) != 0)
			return rc;
		for (j = 0; j < g; j++)
			if ((rc = value(row, COL_SCOPE, d->groups[j], cells[i][j], hide[i][j], 0)) != 0)
				return rc;
		if ((rc = value(row, COL_SCOPE, "total", rowsum[i], rh[i], 0)) != 0)
			return rc;
	}
	return 0;
}

int
report_xml(const struct report *r, xmlNodePtr parent)
{
	const struct report_def *d = r->def;
	xmlNodePtr root = child(parent, "report"), cols, n, sec, base, *rows = NULL;
	int c, i, k, rc = 0;
	unsigned char h;

	if ((rc = set(root, "scope", report_scope_ids[r->t.scope])) || (rc = set_l(root, "aar",
	    r->year)) || (rc = set_l(root, "forrige", r->year - 1)))
		return rc;
	cols = child(root, "columns");
	for (c = 0; c < COL__MAX; c++) {
		if (!has_col(r, c))
			continue;
		n = child(cols, "column");
		report_suppress(&r->n[c], 1, r->n[c], 0, &h);
		if ((rc = set(n, "id", report_col_ids[c])) != 0 ||
		    (rc = h ? set(n, "n", hidden_marks[h]) : set_l(n, "n", r->n[c])) != 0)
			return rc;
	}
	for (k = 0; k < d->nsecs; k++) {
		const struct sectiondef *s = &d->secs[k];

		sec = child(root, "section");
		if ((rc = set(sec, "id", s->id)) || (rc = set(sec, "title", s->title)) ||
		    (rc = set(sec, "chart", chart_ids[s->chart])) ||
		    (s->text && (rc = set(sec, "text", s->text))))
			goto out;
		base = NULL;
		if (s->base >= 0) {
			base = child(sec, "base");
			if ((rc = set(base, "id", s->base_id)) || (rc = set(base, "label", s->base_label)))
				goto out;
		}
		free(rows);
		if ((rows = calloc((size_t)s->nrows + 1, sizeof(*rows))) == NULL)
			return BP_ENOMEM;
		for (i = 0; i < s->nrows; i++) {
			const struct rowdef *rd = &s->rows[i];

			rows[i] = child(sec, "row");
			if ((rc = set(rows[i], "id", rd->id)) || (rc = set(rows[i], "label", rd->label)) ||
			    (rd->group && (rc = set(rows[i], "group", rd->group))) ||
			    (rd->grouplabel && (rc = set(rows[i], "grouplabel", rd->grouplabel))) ||
			    (rd->colour && (rc = set(rows[i], "colour", rd->colour))) ||
			    (rd->sum && (rc = set(rows[i], "sum", "ja"))))
				goto out;
		}
		for (c = 0; c < COL__MAX; c++) {
			if (!has_col(r, c))
				continue;
			rc = s->chart == CH_SERVICES ? services_col(r, s, rows, c) :
			    section_col(r, s, rows, base, c);
			if (rc != 0)
				goto out;
		}
	}
	rc = follow_xml(r, root);
out:
	free(rows);
	return rc;
}
