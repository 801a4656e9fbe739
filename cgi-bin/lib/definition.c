/* definition.c: load a questionnaire definition and apply its XPath rules to a record.
 *
 * The expressions are compiled once per process, when first used. A record is the survey
 * document <kartlegging aar alder kjonn> with one element per answer, named by item id. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "definition.h"
#include "record.h"

struct rule {
	enum finding_kind kind;		/* FINDING_ERROR or FINDING_OBS */
	const char *field;
	const char *when;
	xmlXPathCompExprPtr when_c;
	const char *text;
};

struct group {
	const char *id;
	const char *title;
	const char *when;
	xmlXPathCompExprPtr when_c;
};

struct definition {
	xmlDocPtr doc;
	const char *stamp;
	struct def_item *items;
	int nitems;
	struct def_item **by_id;	/* items sorted by id, for find() */
	struct rule *rules;
	int nrules;
	struct group *groups;		/* the levekårsindeks, in order */
	int ngroups;
	char areas[512];		/* ids of the levekår areas, space-separated */
	struct def_tab tabs[DEFINITION_TABS_MAX];
	int ntabs;
};

static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	return (a && a->children && a->children->type == XML_TEXT_NODE) ?
	    (const char *)a->children->content : NULL;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* the text of an element, without copying (the definition has one text node per element) */
static const char *
text_of(xmlNodePtr n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_TEXT_NODE)
			return (const char *)n->content;
	return "";
}

static int
add_item(struct definition *d, xmlNodePtr n, const char *tab, int cap)
{
	struct def_item *it;
	const char *v;
	long long x;

	if (d->nitems == cap)
		return BP_ETOOBIG;
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->node = n;
	it->id = attr(n, "id");
	it->type = attr(n, "type");
	it->tab = tab;
	it->label = text_of(child(n, "label"));
	it->show = attr(n, "show");
	it->mandatory = (v = attr(n, "mandatory")) != NULL && strcmp(v, "yes") == 0;
	it->min = 1;
	it->max = 0;
	if ((v = attr(n, "min")) && str_to_ll(v, LONG_MIN, LONG_MAX, &x) == 0)
		it->min = (long)x;
	if ((v = attr(n, "max")) && str_to_ll(v, LONG_MIN, LONG_MAX, &x) == 0)
		it->max = (long)x;
	if (strcmp(it->type, "integer") == 0 && it->min > it->max) {
		it->min = 0;		/* counts without a stated range: 0 or more */
		it->max = 1000;
	}
	return it->id && it->type ? 0 : BP_EXML;
}

static int
by_id(const void *a, const void *b)
{
	return strcmp((*(struct def_item *const *)a)->id, (*(struct def_item *const *)b)->id);
}

int
definition_load(const char *data_dir, int year, struct definition **out)
{
	char path[PATH_MAX];
	struct definition *d;
	xmlNodePtr root, tab, n, g;
	int cap = 0, rc = BP_EXML, i;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/" DEFINITION_DIR "/%d.xml", data_dir, year);
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return BP_ENOMEM;
	d->doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (d->doc == NULL) {
		free(d);
		return BP_ENOENT;
	}
	root = xmlDocGetRootElement(d->doc);
	if (root == NULL || strcmp((const char *)root->name, "definition") != 0)
		goto fail;
	d->stamp = attr(root, "stamp") ? attr(root, "stamp") : "";
	cap = 1024;
	d->items = calloc((size_t)cap, sizeof(*d->items));
	d->rules = calloc((size_t)cap, sizeof(*d->rules));
	d->groups = calloc(16, sizeof(*d->groups));
	if (d->items == NULL || d->rules == NULL || d->groups == NULL) {
		rc = BP_ENOMEM;
		goto fail;
	}
	for (tab = root->children; tab; tab = tab->next) {
		if (tab->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)tab->name, "tab") == 0) {
			if (d->ntabs == DEFINITION_TABS_MAX) {
				rc = BP_ETOOBIG;
				goto fail;
			}
			d->tabs[d->ntabs].id = attr(tab, "id");
			d->tabs[d->ntabs].title = attr(tab, "title");
			d->tabs[d->ntabs].node = tab;
			if (d->tabs[d->ntabs].id == NULL || d->tabs[d->ntabs++].title == NULL)
				goto fail;
			for (n = tab->children; n; n = n->next) {
				if (n->type != XML_ELEMENT_NODE)
					continue;
				if (strcmp((const char *)n->name, "item") == 0 &&
				    (rc = add_item(d, n, attr(tab, "id"), cap)) != 0)
					goto fail;
				if (strcmp((const char *)n->name, "group") != 0)
					continue;
				for (g = n->children; g; g = g->next)
					if (g->type == XML_ELEMENT_NODE &&
					    strcmp((const char *)g->name, "item") == 0 &&
					    (rc = add_item(d, g, attr(tab, "id"), cap)) != 0)
						goto fail;
			}
		} else if (strcmp((const char *)tab->name, "rules") == 0) {
			for (n = tab->children; n && d->nrules < cap; n = n->next) {
				if (n->type != XML_ELEMENT_NODE)
					continue;
				d->rules[d->nrules++] = (struct rule){
					strcmp((const char *)n->name, "obs") == 0 ? FINDING_OBS :
					    FINDING_ERROR,
					attr(n, "field"), attr(n, "when"), NULL, text_of(n) };
			}
		} else if (strcmp((const char *)tab->name, "index") == 0) {
			str_copy(d->areas, sizeof(d->areas), attr(tab, "areas") ? attr(tab, "areas") : "");
			for (n = tab->children; n && d->ngroups < 16; n = n->next)
				if (n->type == XML_ELEMENT_NODE)
					d->groups[d->ngroups++] = (struct group){ attr(n, "id"),
					    text_of(n), attr(n, "when"), NULL };
		}
	}
	if ((d->by_id = calloc((size_t)d->nitems + 1, sizeof(*d->by_id))) == NULL) {
		rc = BP_ENOMEM;
		goto fail;
	}
	for (i = 0; i < d->nitems; i++)
		d->by_id[i] = &d->items[i];
	qsort(d->by_id, (size_t)d->nitems, sizeof(*d->by_id), by_id);
	*out = d;
	return 0;
fail:
	log_error("definition %s: %s", path, bp_strerror(rc));
	definition_free(d);
	return rc;
}

void
definition_free(struct definition *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nitems; i++)
		xmlXPathFreeCompExpr(d->items[i].show_c);
	for (i = 0; i < d->nrules; i++)
		xmlXPathFreeCompExpr(d->rules[i].when_c);
	for (i = 0; i < d->ngroups; i++)
		xmlXPathFreeCompExpr(d->groups[i].when_c);
	free(d->items);
	free(d->by_id);
	free(d->rules);
	free(d->groups);
	xmlFreeDoc(d->doc);
	free(d);
}

xmlDocPtr
definition_doc(const struct definition *d)
{
	return d->doc;
}

const char *
definition_stamp(const struct definition *d)
{
	return d->stamp;
}

int
definition_tabs(const struct definition *d, const struct def_tab **tabs)
{
	*tabs = d->tabs;
	return d->ntabs;
}

int
definition_items(const struct definition *d, const struct def_item **items)
{
	*items = d->items;
	return d->nitems;
}

static struct def_item *find(const struct definition *d, const char *id);

const struct def_item *
definition_item(const struct definition *d, const char *id)
{
	return find(d, id);
}

/* Evaluate expr (compiled into *cache on first use) as a boolean on the record root. */
static int
test(xmlXPathContextPtr ctx, const char *expr, xmlXPathCompExprPtr *cache)
{
	xmlXPathObjectPtr r;
	int v;

	if (expr == NULL)
		return 1;
	if (*cache == NULL && (*cache = xmlXPathCompile(BAD_CAST expr)) == NULL) {
		log_error("definition: cannot compile %s", expr);
		return -1;
	}
	if ((r = xmlXPathCompiledEval(*cache, ctx)) == NULL)
		return -1;
	v = xmlXPathCastToBoolean(r);
	xmlXPathFreeObject(r);
	return v;
}

static xmlXPathContextPtr
context(xmlDocPtr record)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(record);

	if (ctx)
		ctx->node = xmlDocGetRootElement(record);
	return ctx;
}

static struct def_item *
find(const struct definition *d, const char *id)
{
	int lo = 0, hi = d->nitems - 1, mid, c;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(d->by_id[mid]->id, id)) == 0)
			return d->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

int
definition_shown(const struct definition *d, xmlDocPtr record, const char *id)
{
	struct def_item *it = find(d, id);
	xmlXPathContextPtr ctx;
	int v;

	if (it == NULL)
		return BP_ENOENT;
	if ((ctx = context(record)) == NULL)
		return BP_ENOMEM;
	v = test(ctx, it->show, &it->show_c);
	xmlXPathFreeContext(ctx);
	return v;
}

int
definition_prune(const struct definition *d, xmlDocPtr record)
{
	xmlNodePtr root = xmlDocGetRootElement(record), n, next;
	xmlXPathContextPtr ctx;
	struct def_item *it;
	int removed = 0, round, changed, shown;

	if (root == NULL || (ctx = context(record)) == NULL)
		return BP_ENOMEM;
	/* a hidden question can hide its follow-ups: repeat until nothing changes */
	for (round = 0, changed = 1; changed && round < 16; round++) {
		changed = 0;
		for (n = root->children; n; n = next) {
			next = n->next;
			/* "bp-" elements are not answers: the evaluation kept (answers.h) */
			if (n->type != XML_ELEMENT_NODE ||
			    strncmp((const char *)n->name, "bp-", 3) == 0)
				continue;
			it = find(d, (const char *)n->name);
			shown = it ? test(ctx, it->show, &it->show_c) : 0;
			if (shown < 0) {
				xmlXPathFreeContext(ctx);
				return BP_EXML;
			}
			if (!shown) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
				removed++;
				changed = 1;
			}
		}
	}
	xmlXPathFreeContext(ctx);
	return removed;
}

static void
add(struct evaluation *ev, enum finding_kind kind, const struct def_item *it, const char *field,
    const char *text)
{
	if (kind == FINDING_OBS)
		ev->obs++;
	else
		ev->errors++;
	if (ev->nfindings < FINDINGS_MAX)
		ev->findings[ev->nfindings++] = (struct finding){ kind, field,
		    it ? it->tab : "", text, it ? it->label : "" };
}

int
evaluation_hidden(const struct evaluation *ev, const char *id)
{
	const char *p = ev->hidden;
	size_t n = strlen(id);

	while ((p = strstr(p, id)) != NULL) {
		if (p > ev->hidden && p[-1] == ' ' && p[n] == ' ')
			return 1;
		p += n;
	}
	return 0;
}

int
definition_is_option(const struct def_item *it, const char *value)
{
	xmlNodePtr o;
	const char *id;

	for (o = it->node->children; o; o = o->next)
		if (o->type == XML_ELEMENT_NODE && strcmp((const char *)o->name, "option") == 0 &&
		    (id = attr(o, "id")) != NULL && strcmp(id, value) == 0)
			return 1;
	return 0;
}

/* the answers to one item: how many, and whether each is a valid value */
static void
check_answers(const struct def_item *it, const struct record_index *ix, int *count,
    int *invalid)
{
	const struct record_child *c;
	const char *v;
	long long x;
	size_t n, i;

	*count = *invalid = 0;
	for (c = record_index_find(ix, it->id, &n), i = 0; i < n; i++) {
		(*count)++;
		if (strcmp(it->type, "service") == 0) {
			const char *h = attr(c[i].node, "hatt"), *w = attr(c[i].node, "videre");

			*invalid += !h || !w || (strcmp(h, "ja") && strcmp(h, "nei")) ||
			    (strcmp(w, "ja") && strcmp(w, "nei"));
			continue;
		}
		v = text_of(c[i].node);
		if (strcmp(it->type, "checkbox") == 0)
			*invalid += strcmp(v, "ja") != 0;
		else if (strcmp(it->type, "integer") == 0)
			*invalid += str_to_ll(v, it->min, it->max, &x) != 0;
		else
			*invalid += !definition_is_option(it, v);
	}
	/* one answer only, except for multi items (a box each) */
	if (*count > 1 && strcmp(it->type, "multi") != 0)
		*invalid += *count - 1;
}

int
definition_evaluate(const struct definition *d, xmlDocPtr record, struct evaluation *ev)
{
	xmlNodePtr root = xmlDocGetRootElement(record);
	xmlXPathContextPtr ctx;
	struct record_index ix;
	unsigned char *shown;
	size_t hlen = 1;
	int i, count, invalid, v, rc = BP_EXML;

	memset(ev, 0, sizeof(*ev));
	ev->index_group = ev->index_title = "";
	ev->hidden[0] = ' ';
	if (root == NULL)
		return BP_EXML;
	/* each item's show rule once: the rules below ask again about the same items */
	if ((rc = record_index(record, &ix)) != 0)
		return rc;
	rc = BP_EXML;
	if ((shown = malloc((size_t)d->nitems + 1)) == NULL ||
	    (ctx = context(record)) == NULL) {
		free(shown);
		record_index_free(&ix);
		return BP_ENOMEM;
	}
	for (i = 0; i < d->nitems; i++) {
		struct def_item *it = &d->items[i];
		size_t n;

		if ((v = test(ctx, it->show, &it->show_c)) < 0)
			goto out;
		shown[i] = (unsigned char)v;
		if (!v) {
			if (hlen + (n = strlen(it->id)) + 2 > sizeof(ev->hidden)) {
				rc = BP_ETOOBIG;
				goto out;
			}
			memcpy(ev->hidden + hlen, it->id, n);
			hlen += n;
			ev->hidden[hlen++] = ' ';
			continue;
		}
		check_answers(it, &ix, &count, &invalid);
		if (invalid)
			add(ev, FINDING_INVALID, it, it->id, "Svaret er ikke gyldig. Velg eller skriv på nytt.");
		else if (it->mandatory && count == 0)
			add(ev, FINDING_MISSING, it, it->id, it->label);
	}
	ev->hidden[hlen] = '\0';
	for (i = 0; i < d->nrules; i++) {
		struct rule *r = &d->rules[i];
		struct def_item *it = find(d, r->field);

		/* a rule about a question that is not shown does not apply */
		if (it && !shown[it - d->items])
			continue;
		if ((v = test(ctx, r->when, &r->when_c)) < 0)
			goto out;
		if (v)
			add(ev, r->kind, it, r->field, r->text);
	}
	/* the levekårsindeks, once every area is answered */
	for (i = 0; i < d->nitems && d->ngroups; i++)
		if (strcmp(d->items[i].type, "level") == 0) {
			check_answers(&d->items[i], &ix, &count, &invalid);
			if (count != 1 || invalid)
				break;
		}
	if (d->ngroups && i == d->nitems)
		for (i = 0; i < d->ngroups; i++) {
			if ((v = test(ctx, d->groups[i].when, &d->groups[i].when_c)) < 0)
				goto out;
			if (v) {
				ev->index_group = d->groups[i].id;
				ev->index_title = d->groups[i].title;
				break;
			}
		}
	rc = 0;
out:
	xmlXPathFreeContext(ctx);
	free(shown);
	record_index_free(&ix);
	return rc;
}
