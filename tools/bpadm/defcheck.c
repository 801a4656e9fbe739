/* defcheck.c: the checks of a questionnaire definition file before it is published
 * (definition_cmd.h): what tests/unit/test_definition.c asks of the 2026 file, asked of any
 * year's on a site, with the line of each fault.
 *
 * The rules are XPath run on every save: one that does not compile, or that fails on some
 * record (an unknown function, a wrong argument count), would fail saves in the middle of
 * the year. So every expression is compiled, and then run over records generated from the
 * definition itself: empty, everything answered with the first option, with the last,
 * and a fixed series of mixed ones across the ages and both kjønn (the 2026 manual's
 * follow-up questions depend on kategori, age and answers). */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "definition_cmd.h"
#include "deftables.h"

#define GENERATED_RECORDS 96

void
defcheck_error(struct defcheck *c, long line, const char *fmt, ...)
{
	va_list ap;

	if (line > 0)
		fprintf(stderr, "%s:%ld: ", c->file, line);
	else
		fprintf(stderr, "%s: ", c->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->errors++;
}

/* libxml2's parser and Relax NG messages, at their lines (they are English: they name
 * the element and what the schema wanted there) */
static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct defcheck *c = ctx;
	char msg[512];
	size_t n;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	str_copy(msg, sizeof(msg), e->message ? e->message : "feil");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	defcheck_error(c, e->line, "%s: %s", e->domain == XML_FROM_RELAXNGV ?
	    "følger ikke skjemaet (" DEFINITION_RNG ")" : "ikke gyldig XML", msg);
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

static xmlXPathObjectPtr
select_nodes(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = ctx ? xmlXPathEvalExpression(BAD_CAST expr, ctx) : NULL;

	xmlXPathFreeContext(ctx);
	return r;
}

static int
count_nodes(xmlXPathObjectPtr r)
{
	return r && r->nodesetval ? r->nodesetval->nodeNr : 0;
}

static const char *
prop(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	return a && a->children && a->children->content ? (const char *)a->children->content : "";
}

long
defcheck_line(const struct defcheck *c, const char *element, const char *id)
{
	char expr[256];
	xmlXPathObjectPtr r;
	long line = 0;

	if (c->doc == NULL || strchr(id, '\'') != NULL)
		return 0;
	snprintf(expr, sizeof(expr), "//%s[@id='%s']", element, id);
	if ((r = select_nodes(c->doc, expr)) != NULL && count_nodes(r) > 0)
		line = xmlGetLineNo(r->nodesetval->nodeTab[0]);
	xmlXPathFreeObject(r);
	return line;
}

/* -- the shape and the ids ----------------------------------------------------------------- */

static void
check_schema(struct defcheck *c)
{
	char path[PATH_MAX];
	xmlRelaxNGParserCtxtPtr pctx;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlRelaxNGPtr rng = NULL;

	snprintf(path, sizeof(path), "%s/" DEFINITION_DIR "/" DEFINITION_RNG, c->data_dir);
	if ((pctx = xmlRelaxNGNewParserCtxt(path)) == NULL ||
	    (rng = xmlRelaxNGParse(pctx)) == NULL ||
	    (vctx = xmlRelaxNGNewValidCtxt(rng)) == NULL) {
		defcheck_error(c, 0, "skjemaet %s/%s mangler i datakatalogen", DEFINITION_DIR,
		    DEFINITION_RNG);
	} else {
		xmlRelaxNGSetValidStructuredErrors(vctx, on_xml_error, c);
		if (xmlRelaxNGValidateDoc(vctx, c->doc) != 0 && c->errors == 0)
			defcheck_error(c, 0, "følger ikke skjemaet (" DEFINITION_RNG ")");
	}
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pctx);
}

/* each node of expr whose key (an attribute, within its parent when scoped) came before */
static void
check_unique(struct defcheck *c, const char *expr, const char *what, int scoped)
{
	xmlXPathObjectPtr r = select_nodes(c->doc, expr);
	int n = count_nodes(r), i, j;

	for (i = 0; i < n; i++) {
		xmlNodePtr a = r->nodesetval->nodeTab[i];

		for (j = 0; j < i; j++) {
			xmlNodePtr b = r->nodesetval->nodeTab[j];

			if ((!scoped || a->parent == b->parent) &&
			    strcmp(prop(a, "id"), prop(b, "id")) == 0) {
				defcheck_error(c, xmlGetLineNo(a), "%s «%s» finnes alt på linje %ld",
				    what, prop(a, "id"), xmlGetLineNo(b));
				break;
			}
		}
	}
	xmlXPathFreeObject(r);
}

/* rules name items, the index's areas are level items */
static void
check_references(struct defcheck *c)
{
	char expr[256], *areas, *tok, *save;
	xmlXPathObjectPtr r = select_nodes(c->doc, "/definition/rules/*"), x;
	int i;

	for (i = 0; i < count_nodes(r); i++) {
		xmlNodePtr n = r->nodesetval->nodeTab[i];

		if (strchr(prop(n, "field"), '\'') == NULL &&
		    snprintf(expr, sizeof(expr), "//item[@id='%s']", prop(n, "field")) <
		    (int)sizeof(expr) && (x = select_nodes(c->doc, expr)) != NULL) {
			if (count_nodes(x) == 0)
				defcheck_error(c, xmlGetLineNo(n), "regelen gjelder «%s», som ikke "
				    "er et spørsmål i skjemaet", prop(n, "field"));
			xmlXPathFreeObject(x);
		}
	}
	xmlXPathFreeObject(r);
	r = select_nodes(c->doc, "/definition/index");
	for (i = 0; i < count_nodes(r); i++) {
		xmlNodePtr n = r->nodesetval->nodeTab[i];

		if ((areas = strdup(prop(n, "areas"))) == NULL)
			break;
		for (tok = strtok_r(areas, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (strchr(tok, '\'') != NULL)
				continue;
			snprintf(expr, sizeof(expr), "//item[@id='%s' and @type='level']", tok);
			if ((x = select_nodes(c->doc, expr)) != NULL && count_nodes(x) == 0)
				defcheck_error(c, xmlGetLineNo(n), "levekårsområdet «%s» er ikke et "
				    "spørsmål av typen level", tok);
			xmlXPathFreeObject(x);
		}
		free(areas);
	}
	xmlXPathFreeObject(r);
}

/* -- the expressions ------------------------------------------------------------------------- */

struct expr {
	const char *text;		/* in the source tree */
	long line;
	xmlXPathCompExprPtr comp;
	int failed;			/* said once */
};

/* a small fixed generator: the same records on every run, so a check is repeatable */
static unsigned
next(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
answer(xmlNodePtr root, const struct def_item *it, int how, unsigned *seed)
{
	static const char *const yn[] = { "ja", "nei" };
	char v[32];
	xmlNodePtr n;
	int o;

	if (it->kind == ITEM_SERVICE) {
		n = xmlNewChild(root, NULL, BAD_CAST it->id, NULL);
		xmlNewProp(n, BAD_CAST "hatt", BAD_CAST yn[next(seed) & 1]);
		xmlNewProp(n, BAD_CAST "videre", BAD_CAST yn[next(seed) & 1]);
	} else if (it->kind == ITEM_CHECKBOX) {
		xmlNewTextChild(root, NULL, BAD_CAST it->id, BAD_CAST "ja");
	} else if (it->kind == ITEM_INTEGER) {
		long span = it->max - it->min + 1;

		snprintf(v, sizeof(v), "%ld", how == 1 ? it->min : how == 2 ? it->max :
		    it->min + (long)(next(seed) % (unsigned long)(span > 0 ? span : 1)));
		xmlNewTextChild(root, NULL, BAD_CAST it->id, BAD_CAST v);
	} else if (it->noptions > 0) {
		o = how == 1 ? 0 : how == 2 ? it->noptions - 1 :
		    (int)(next(seed) % (unsigned)it->noptions);
		xmlNewTextChild(root, NULL, BAD_CAST it->id, BAD_CAST it->options[o].id);
		/* a multi item's second box, so that "cannot be combined" rules fire */
		if (it->kind == ITEM_MULTI && how == 0 && (next(seed) & 1))
			xmlNewTextChild(root, NULL, BAD_CAST it->id,
			    BAD_CAST it->options[next(seed) % (unsigned)it->noptions].id);
	}
}

/* record k of the series: 0 empty, 1 every first option, 2 every last, then mixed */
static xmlDocPtr
generate(const struct definition *d, int year, int k, unsigned *seed)
{
	static const int ages[] = { 16, 17, 18, 24, 25, 26, 40, 67 };
	const struct def_item *items;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root;
	char v[16];
	int n, i, how = k < 3 ? k : 0;

	if (doc == NULL || (root = xmlNewNode(NULL, BAD_CAST "kartlegging")) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	snprintf(v, sizeof(v), "%d", year);
	xmlNewProp(root, BAD_CAST "aar", BAD_CAST v);
	snprintf(v, sizeof(v), "%d", ages[(unsigned)k % (sizeof(ages) / sizeof(ages[0]))]);
	xmlNewProp(root, BAD_CAST "alder", BAD_CAST v);
	xmlNewProp(root, BAD_CAST "kjonn", BAD_CAST (k & 1 ? "kvinne" : "mann"));
	n = definition_items(d, &items);
	for (i = 0; k > 0 && i < n; i++)
		if (how != 0 || (next(seed) % 4) != 0)
			answer(root, &items[i], how, seed);
	return doc;
}

static void
run_expressions(struct defcheck *c)
{
	xmlXPathObjectPtr all = select_nodes(c->doc, "//@show | //@when"), r;
	struct expr *e;
	unsigned seed = 2027;
	int n = count_nodes(all), i, k;
	struct evaluation *ev;

	if (n == 0 || (e = calloc((size_t)n, sizeof(*e))) == NULL) {
		xmlXPathFreeObject(all);
		return;
	}
	for (i = 0; i < n; i++) {
		xmlNodePtr a = all->nodesetval->nodeTab[i];

		e[i].text = a->children && a->children->content ?
		    (const char *)a->children->content : "";
		e[i].line = xmlGetLineNo(a->parent);
		if ((e[i].comp = xmlXPathCompile(BAD_CAST e[i].text)) == NULL) {
			defcheck_error(c, e[i].line, "XPath-uttrykket kan ikke kompileres: %s",
			    e[i].text);
			e[i].failed = 1;
		}
	}
	ev = malloc(sizeof(*ev));
	/* the engine's own tables (from the version made) give the records their answers */
	for (k = 0; ev && c->def && k < GENERATED_RECORDS; k++) {
		xmlDocPtr rec = generate(c->def, c->made.year, k, &seed);
		xmlXPathContextPtr ctx = rec ? xmlXPathNewContext(rec) : NULL;

		if (ctx == NULL) {
			xmlFreeDoc(rec);
			break;
		}
		ctx->node = xmlDocGetRootElement(rec);
		for (i = 0; i < n; i++) {
			if (e[i].failed)
				continue;
			if ((r = xmlXPathCompiledEval(e[i].comp, ctx)) == NULL) {
				defcheck_error(c, e[i].line, "XPath-uttrykket kan ikke kjøres på en "
				    "kartlegging: %s", e[i].text);
				e[i].failed = 1;
			}
			xmlXPathFreeObject(r);
			c->expressions++;
		}
		xmlXPathFreeContext(ctx);
		/* and the engine itself, as a save runs it */
		if (c->errors == 0 && (definition_evaluate(c->def, rec, ev) != 0 ||
		    definition_prune(c->def, rec) < 0))
			defcheck_error(c, 0, "reglene kan ikke kjøres på en generert kartlegging");
		xmlFreeDoc(rec);
		c->records++;
	}
	for (i = 0; i < n; i++)
		xmlXPathFreeCompExpr(e[i].comp);
	free(e);
	free(ev);
	xmlXPathFreeObject(all);
}

static long
line_of(const char *s, const char *p)
{
	long n = 1;

	for (; s < p; s++)
		n += *s == '\n';
	return n;
}

/* a text that looks like a marker of the form (tools/gen/formtabs.xsl) */
static void
check_markers(struct defcheck *c)
{
	static const char *const markers[] = { "{{", "bp=" };
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		for (p = c->src; (p = strstr(p, markers[i])) != NULL; p += strlen(markers[i]))
			defcheck_error(c, line_of(c->src, p), "teksten inneholder «%s», som "
			    "skjemaet bruker som merke", markers[i]);
}

/* -- all of it ------------------------------------------------------------------------------ */

int
defcheck_run(const char *data_dir, const char *file, struct defcheck *c)
{
	char why[256];
	int rc;

	memset(c, 0, sizeof(*c));
	c->file = file;
	c->data_dir = data_dir;
	if ((rc = file_read(file, DEFINITION_FILE_MAX, &c->src, &c->len)) != 0)
		return rc;
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(c, on_xml_error);
	c->doc = xmlReadMemory(c->src, (int)c->len, file, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (c->doc == NULL) {
		if (c->errors == 0)
			defcheck_error(c, 0, "ikke gyldig XML");
		return 0;
	}
	if (c->doc->intSubset != NULL) {
		defcheck_error(c, 1, "en DOCTYPE er ikke tillatt i et spørreskjema");
		return 0;
	}
	check_markers(c);
	check_schema(c);
	check_unique(c, "//item", "spørsmålet", 0);
	check_unique(c, "//tab", "fanen", 0);
	check_unique(c, "//option", "svaralternativet", 1);
	check_unique(c, "/definition/rules/*", "regelen", 0);
	check_references(c);
	if (c->errors == 0 && definition_make(data_dir, c->src, c->len, &c->made, why,
	    sizeof(why)) != 0) {
		defcheck_error(c, 0, "%s", why);
		return 0;
	}
	if (c->errors == 0 && definition_parse(c->made.xml.p, c->made.xml.len, &c->def) != 0)
		defcheck_error(c, 0, "spørreskjemaet kan ikke leses av programmene");
	run_expressions(c);
	return 0;
}

void
defcheck_free(struct defcheck *c)
{
	definition_free(c->def);
	definition_made_free(&c->made);
	xmlFreeDoc(c->doc);
	free(c->src);
	memset(c, 0, sizeof(*c));
}
