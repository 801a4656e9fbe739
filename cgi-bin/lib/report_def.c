/* report_def.c: a year's report definition (data/rapport/YEAR.xml, written out by the
 * build with the questionnaire's levekår areas and services) as figures: each row of a
 * table is the persons for whom every <when> holds, read once into tables the row reader
 * (report_row.c) tests each registry row against. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

const char *const report_scope_ids[SCOPE__MAX] = { "land", "region", "kommune", "bydel" };
const char *const report_col_ids[COL__MAX] = { "s", "r", "l", "f" };
const char *const report_attr_names[A__MAX] = { "kjonn", "alder", "indeks" };
const char *const report_measure_ids[M__MAX] = { "hatt", "fortsette", "ny", "behov" };
const char *const report_chart_ids[] = { "bar", "stacked", "services" };

uint64_t
report_fnv64(uint64_t h, const void *p, size_t n)
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
		if ((c->attr = str_index(report_attr_names, A__MAX, at)) < 0)
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
	else if (chart && (i = str_index(report_chart_ids, CH_SERVICES, chart)) >= 0)
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
	report_def_free(d->prev);
	free(d);
}

static int
def_load(const char *data_dir, int year, struct report_def **out)
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
	d->hash = report_fnv64(14695981039346656037ULL, text, len);
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


/* The year's definition, and last year's beside it when there is one: last year's rows are
 * counted as last year's report counted them, and compared by id (report_out.c). */
int
report_def_load(const char *data_dir, int year, struct report_def **out)
{
	int rc;

	if ((rc = def_load(data_dir, year, out)) != 0)
		return rc;
	if ((rc = def_load(data_dir, year - 1, &(*out)->prev)) == BP_ENOENT)
		return 0;
	if (rc != 0) {
		report_def_free(*out);
		*out = NULL;
	}
	return rc;
}
