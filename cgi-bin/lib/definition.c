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

#include "deftables.h"

const char *const item_kind_ids[ITEM__MAX] = {
	"single", "multi", "checkbox", "integer", "yesno", "yesno_unknown", "level", "service"
};

/* -- loading ---------------------------------------------------------------------------------
 * The file is read with libxml2's SAX2 callbacks straight into the tables above, without a
 * document tree: a save loads the definition on every request, and the tree cost two
 * million instructions of the 2.2M its loading took (callgrind). What an element is follows
 * from its name and its parent's kind: */

enum kind {
	K_OTHER,	/* help, intro, section, ...: for the form, not the engine */
	K_DEF,		/* <definition stamp> */
	K_TAB,		/* <tab id title> */
	K_GROUP,	/* <group> of items in a tab */
	K_ITEM,		/* <item id type mandatory show min max> */
	K_LABEL,	/* its <label>: text */
	K_OPTION,	/* its <option id exclusive>: text (a <help> in it is the form's) */
	K_SQUESTIONS,	/* <service-questions> */
	K_SQUESTION,	/* its <question id>: text */
	K_RULES,	/* <rules> */
	K_RULE,		/* <error|obs field when>: text */
	K_INDEX,	/* <index areas> */
	K_IGROUP,	/* its <group id when>: text */
};

struct load {
	struct definition *d;
	xmlParserCtxtPtr ctxt;
	enum kind kind[DEPTH_MAX];	/* of the open elements */
	int depth;
	int over;			/* elements open below DEPTH_MAX (refused) */
	const char *tab;		/* the open tab's id */
	struct def_item *item;		/* the open item */
	struct buf text;		/* of the open element that has one: has_text() */
	int err;
};

/* s[0..n) as a string that lives as long as the definition */
static const char *
keep(struct load *l, const char *s, size_t n)
{
	struct definition *d = l->d;
	char *p;

	if (n + 1 > d->capstrings - d->nstrings) {
		l->err = BP_ETOOBIG;
		return NULL;
	}
	p = d->strings + d->nstrings;
	memcpy(p, s, n);
	p[n] = '\0';
	d->nstrings += n + 1;
	return p;
}

/* the value of attribute name among a SAX2 start tag's (localname, prefix, URI, value,
 * end), or NULL */
static const char *
attr(struct load *l, int nattrs, const xmlChar **attrs, const char *name)
{
	int i;

	for (i = 0; i < nattrs; i++, attrs += 5)
		if (attrs[1] == NULL && strcmp((const char *)attrs[0], name) == 0)
			return keep(l, (const char *)attrs[3], (size_t)(attrs[4] - attrs[3]));
	return NULL;
}

static void
add_item(struct load *l, int nattrs, const xmlChar **attrs)
{
	struct definition *d = l->d;
	struct def_item *it;
	const char *v;
	long long x;
	int k;

	l->item = NULL;
	if (d->nitems == ITEMS_MAX) {
		l->err = BP_ETOOBIG;
		return;
	}
	it = l->item = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->id = attr(l, nattrs, attrs, "id");
	it->type = attr(l, nattrs, attrs, "type");
	it->tab = l->tab;
	it->label = "";
	if ((it->where = attr(l, nattrs, attrs, "where")) == NULL)
		it->where = "";		/* the source, which the build stamps with it */
	it->show = attr(l, nattrs, attrs, "show");
	it->mandatory = (v = attr(l, nattrs, attrs, "mandatory")) != NULL && strcmp(v, "yes") == 0;
	it->options = d->options + d->noptions;
	it->min = 1;
	it->max = 0;
	if ((v = attr(l, nattrs, attrs, "min")) && str_to_ll(v, LONG_MIN, LONG_MAX, &x) == 0)
		it->min = (long)x;
	if ((v = attr(l, nattrs, attrs, "max")) && str_to_ll(v, LONG_MIN, LONG_MAX, &x) == 0)
		it->max = (long)x;
	if (it->id == NULL || it->type == NULL ||
	    (k = str_index(item_kind_ids, ITEM__MAX, it->type)) < 0) {
		l->err = l->err ? l->err : BP_EXML;
		return;
	}
	it->kind = (enum item_kind)k;
	if (it->kind == ITEM_INTEGER && it->min > it->max) {
		it->min = 0;		/* counts without a stated range: 0 or more */
		it->max = 1000;
	}
}

/* 1 when an option was added (its text then goes to it), else 0 */
static int
add_option(struct load *l, int nattrs, const xmlChar **attrs)
{
	struct definition *d = l->d;
	const char *x;

	if (d->noptions == OPTIONS_MAX) {
		l->err = BP_ETOOBIG;
		return 0;
	}
	d->options[d->noptions].id = attr(l, nattrs, attrs, "id");
	d->options[d->noptions].label = "";
	x = attr(l, nattrs, attrs, "exclusive");
	d->options[d->noptions].exclusive = x != NULL && strcmp(x, "yes") == 0;
	if (d->options[d->noptions].id == NULL) {
		l->err = l->err ? l->err : BP_EXML;
		return 0;
	}
	d->noptions++;
	l->item->noptions++;
	return 1;
}

/* the kind of element name under an element of kind parent, and what it adds */
static enum kind
open_element(struct load *l, enum kind parent, const char *name, int nattrs,
    const xmlChar **attrs)
{
	struct definition *d = l->d;
	const char *v;

	switch (parent) {
	case K_OTHER:
		if (l->depth > 0)
			return K_OTHER;
		if (strcmp(name, "definition") != 0)
			l->err = BP_EXML;
		d->stamp = (v = attr(l, nattrs, attrs, "stamp")) ? v : "";
		return K_DEF;
	case K_DEF:
		if (strcmp(name, "tab") == 0) {
			if (d->ntabs == DEFINITION_TABS_MAX) {
				l->err = BP_ETOOBIG;
				return K_OTHER;
			}
			l->tab = d->tabs[d->ntabs].id = attr(l, nattrs, attrs, "id");
			d->tabs[d->ntabs].title = attr(l, nattrs, attrs, "title");
			if (d->tabs[d->ntabs].id == NULL || d->tabs[d->ntabs++].title == NULL)
				l->err = l->err ? l->err : BP_EXML;
			return K_TAB;
		}
		if (strcmp(name, "rules") == 0)
			return K_RULES;
		if (strcmp(name, "service-questions") == 0)
			return K_SQUESTIONS;
		if (strcmp(name, "index") == 0) {
			v = attr(l, nattrs, attrs, "areas");
			if (str_copy(d->areas, sizeof(d->areas), v ? v : "") != 0)
				l->err = BP_ETOOBIG;
			return K_INDEX;
		}
		return K_OTHER;
	case K_TAB:
		if (strcmp(name, "group") == 0)
			return K_GROUP;
		/* fall through */
	case K_GROUP:
		if (strcmp(name, "item") != 0)
			return K_OTHER;
		add_item(l, nattrs, attrs);
		return l->item ? K_ITEM : K_OTHER;	/* one too many: refused, not read */
	case K_ITEM:
		if (strcmp(name, "label") == 0)
			return K_LABEL;
		if (strcmp(name, "option") != 0)
			return K_OTHER;
		return add_option(l, nattrs, attrs) ? K_OPTION : K_OTHER;
	case K_SQUESTIONS:
		if (strcmp(name, "question") != 0)
			return K_OTHER;
		if (d->nsquestions == SQUESTIONS_MAX) {
			l->err = BP_ETOOBIG;
			return K_OTHER;
		}
		d->squestions[d->nsquestions] = (struct def_option){
		    attr(l, nattrs, attrs, "id"), "", 0 };
		if (d->squestions[d->nsquestions++].id == NULL)
			l->err = l->err ? l->err : BP_EXML;
		return K_SQUESTION;
	case K_RULES:
		if (d->nrules == RULES_MAX) {
			l->err = BP_ETOOBIG;
			return K_OTHER;
		}
		d->rules[d->nrules++] = (struct rule){
		    strcmp(name, "obs") == 0 ? FINDING_OBS : FINDING_ERROR,
		    attr(l, nattrs, attrs, "field"), attr(l, nattrs, attrs, "when"), NULL, "" };
		return K_RULE;
	case K_INDEX:
		if (d->ngroups == GROUPS_MAX) {
			l->err = BP_ETOOBIG;
			return K_OTHER;
		}
		d->groups[d->ngroups++] = (struct group){ attr(l, nattrs, attrs, "id"), "",
		    attr(l, nattrs, attrs, "when"), NULL };
		return K_IGROUP;
	default:
		return K_OTHER;
	}
}

/* the kinds whose text is kept */
static int
has_text(enum kind k)
{
	return k == K_LABEL || k == K_OPTION || k == K_SQUESTION || k == K_RULE || k == K_IGROUP;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
    int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct load *l = ctx;
	enum kind parent = l->depth > 0 ? l->kind[l->depth - 1] : K_OTHER;

	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	if (l->depth == DEPTH_MAX) {
		l->err = BP_ETOOBIG;
		l->over++;
		return;
	}
	/* a namespaced element is none of ours */
	l->kind[l->depth] = uri != NULL ? K_OTHER :
	    open_element(l, parent, (const char *)name, nattrs, attrs);
	/* an option's text comes before its <help>, whose start must not drop it */
	if (has_text(l->kind[l->depth]))
		buf_reset(&l->text);
	l->depth++;
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	struct load *l = ctx;
	struct definition *d = l->d;
	const char *t;

	(void)name, (void)prefix, (void)uri;
	if (l->over > 0) {
		l->over--;
		return;
	}
	if (l->depth == 0)
		return;
	switch (l->kind[--l->depth]) {
	case K_LABEL:
	case K_OPTION:
	case K_SQUESTION:
	case K_RULE:
	case K_IGROUP:
		if (l->text.err)
			l->err = BP_ENOMEM;
		if ((t = keep(l, l->text.p ? l->text.p : "", l->text.len)) == NULL)
			break;
		if (l->kind[l->depth] == K_LABEL)
			l->item->label = t;
		else if (l->kind[l->depth] == K_OPTION)
			d->options[d->noptions - 1].label = t;
		else if (l->kind[l->depth] == K_SQUESTION)
			d->squestions[d->nsquestions - 1].label = t;
		else if (l->kind[l->depth] == K_RULE)
			d->rules[d->nrules - 1].text = t;
		else
			d->groups[d->ngroups - 1].title = t;
		break;
	case K_ITEM:
		l->item = NULL;
		break;
	default:
		break;
	}
}

/* text goes to the open label, rule or index group, and only its own */
static void
on_text(void *ctx, const xmlChar *s, int n)
{
	struct load *l = ctx;
	enum kind k = l->depth > 0 && l->over == 0 ? l->kind[l->depth - 1] : K_OTHER;

	if (has_text(k))
		buf_add(&l->text, s, (size_t)n);
}

/* the definition is plain XML: a DOCTYPE (and with it entities) is refused */
static void
on_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	struct load *l = ctx;

	(void)name, (void)ext, (void)sys;
	l->err = BP_EXML;
	xmlStopParser(l->ctxt);
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx, (void)e;		/* the parse fails and definition_load says so */
}

static int
by_id(const void *a, const void *b)
{
	return strcmp((*(struct def_item *const *)a)->id, (*(struct def_item *const *)b)->id);
}

int
definition_load_xml(const char *path, struct definition **out)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = file_read(path, DEFINITION_FILE_MAX, &text, &len)) != 0)
		return rc;
	if ((rc = definition_parse(text, len, out)) != 0)
		log_error("definition %s: %s", path, bp_strerror(rc));
	free(text);
	return rc;
}

int
definition_parse(const char *text, size_t len, struct definition **out)
{
	struct definition *d;
	struct load l;
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	int rc, i, wellformed;

	*out = NULL;
	if (len > DEFINITION_FILE_MAX)
		return BP_ETOOBIG;
	rc = BP_ENOMEM;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		goto fail;
	/* every string is shorter than its source text, and each takes at least 3 bytes
	 * there (a=""), which leaves room for its NUL */
	d->capstrings = len + 1;
	d->strings = malloc(d->capstrings);
	/* filled in order as the file is read, and read no further: not zeroed (which
	 * would touch every page of them) */
	d->items = malloc(ITEMS_MAX * sizeof(*d->items));
	d->options = malloc(OPTIONS_MAX * sizeof(*d->options));
	d->rules = malloc(RULES_MAX * sizeof(*d->rules));
	d->groups = malloc(GROUPS_MAX * sizeof(*d->groups));
	if (d->strings == NULL || d->items == NULL || d->options == NULL || d->rules == NULL ||
	    d->groups == NULL)
		goto fail;
	memset(&l, 0, sizeof(l));
	l.d = d;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_dtd;
	sax.serror = on_error;
	if ((ctxt = xmlCreatePushParserCtxt(&sax, &l, NULL, 0, NULL)) == NULL)
		goto fail;
	/* NOENT: &amp; in an attribute comes as "&" (else as "&#38;"); there are no other
	 * entities, as on_dtd stops at a DOCTYPE */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	l.ctxt = ctxt;
	xmlParseChunk(ctxt, text, (int)len, 1);
	wellformed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	buf_free(&l.text);
	rc = !wellformed ? BP_EXML : l.err ? l.err : d->stamp == NULL ? BP_EXML : 0;
	if (rc != 0)
		goto fail;
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
	definition_free(d);
	return rc;
}

void
definition_free(struct definition *d)
{
	int i;

	if (d == NULL)
		return;
	for (i = 0; d->items && i < d->nitems; i++)
		xmlXPathFreeCompExpr(d->items[i].show_c);
	for (i = 0; d->rules && i < d->nrules; i++)
		xmlXPathFreeCompExpr(d->rules[i].when_c);
	for (i = 0; d->groups && i < d->ngroups; i++)
		xmlXPathFreeCompExpr(d->groups[i].when_c);
	free(d->items);
	free(d->by_id);
	free(d->rules);
	free(d->groups);
	free(d->options);
	free(d->strings);
	free(d);
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
definition_shown_each(const struct definition *d, xmlDocPtr record, const unsigned char *want,
    unsigned char *shown)
{
	xmlXPathContextPtr ctx = NULL;
	int i, v;

	for (i = 0; i < d->nitems; i++) {
		if (!want[i])
			continue;
		if (d->items[i].show == NULL) {
			shown[i] = 1;
			continue;
		}
		/* made on the first rule only: most items have none */
		if (ctx == NULL && (ctx = context(record)) == NULL)
			return BP_ENOMEM;
		if ((v = test(ctx, d->items[i].show, &d->items[i].show_c)) < 0) {
			xmlXPathFreeContext(ctx);
			return BP_EXML;
		}
		shown[i] = (unsigned char)v;
	}
	xmlXPathFreeContext(ctx);
	return 0;
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
		    it ? it->tab : "", text, it ? it->label : "", it ? it->where : "" };
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
	int i;

	for (i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].id, value) == 0)
			return 1;
	return 0;
}

const struct def_option *
definition_option(const struct def_item *it, const char *value)
{
	int i;

	for (i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].id, value) == 0)
			return &it->options[i];
	return NULL;
}

const char *
definition_service_question(const struct definition *d, const char *id)
{
	int i;

	for (i = 0; i < d->nsquestions; i++)
		if (strcmp(d->squestions[i].id, id) == 0)
			return d->squestions[i].label;
	return NULL;
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
		if (it->kind == ITEM_SERVICE) {
			const char *h = record_node_attr(c[i].node, "hatt");
			const char *w = record_node_attr(c[i].node, "videre");

			*invalid += !h || !w || (strcmp(h, "ja") && strcmp(h, "nei")) ||
			    (strcmp(w, "ja") && strcmp(w, "nei"));
			continue;
		}
		v = record_node_text(c[i].node);
		if (it->kind == ITEM_CHECKBOX)
			*invalid += strcmp(v, "ja") != 0;
		else if (it->kind == ITEM_INTEGER)
			*invalid += str_to_ll(v, it->min, it->max, &x) != 0;
		else
			*invalid += !definition_is_option(it, v);
	}
	/* one answer only, except for multi items (a box each) */
	if (*count > 1 && it->kind != ITEM_MULTI)
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
		if (d->items[i].kind == ITEM_LEVEL) {
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
