/* definition.c: `bpadm definition check|publish|list FILE` and `definition build`.
 *
 * A new year's questionnaire is data: KORFOR copies the latest definition file, edits it,
 * checks it and publishes it with the site's own bpadm (no compiler, no xsltproc): the
 * version's files are made by the same code as the build's (definition_files.c) and switched
 * in at once. A year that already has surveys may get new texts and rules, but keeps every
 * question someone has answered: a survey's answers are stored by question id, and an
 * answer to an id the definition no longer has would be dropped at its next save
 * (definition_prune) without anyone having chosen to. The year's rows already transferred
 * to KORFOR's registry count too: they keep their answers by the same ids, and the year's
 * export and reports read them through the year's definition. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "audit.h"
#include "record.h"
#include "refdata.h"
#include "report.h"
#include "definition_cmd.h"
#include "rapportdef.h"
#include "secrets.h"
#include "store.h"
#include "survey.h"
#include "transfer.h"

#define EXIT_USAGE 2
#define TEXT_MAX 400

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "bpadm: definition %s: %s\n", what, why);
}

/* -- what changed ------------------------------------------------------------------------------
 * Compared on the source trees (a version keeps its source): items by id, their options by
 * id, rules by id. */

/* the element's own text (not its children's, such as an option's <help>), spaces folded */
static void
own_text(xmlNodePtr n, char *out, size_t size)
{
	xmlNodePtr t;
	size_t len = 0;
	const char *s;
	int space = 0;

	out[0] = '\0';
	for (t = n ? n->children : NULL; t; t = t->next) {
		if (t->type != XML_TEXT_NODE || t->content == NULL)
			continue;
		for (s = (const char *)t->content; *s && len + 2 < size; s++) {
			if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
				space = len > 0;
				continue;
			}
			if (space)
				out[len++] = ' ';
			space = 0;
			out[len++] = *s;
		}
	}
	out[len] = '\0';
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0)
			return n;
	return NULL;
}

static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = n ? xmlHasProp(n, BAD_CAST name) : NULL;

	return a && a->children && a->children->content ? (const char *)a->children->content : "";
}

struct nodes {
	xmlXPathObjectPtr r;
	int n;
	xmlNodePtr *v;
};

static void
nodes_of(xmlDocPtr doc, const char *expr, struct nodes *out)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);

	out->r = ctx ? xmlXPathEvalExpression(BAD_CAST expr, ctx) : NULL;
	out->n = out->r && out->r->nodesetval ? out->r->nodesetval->nodeNr : 0;
	out->v = out->n ? out->r->nodesetval->nodeTab : NULL;
	xmlXPathFreeContext(ctx);
}

static xmlNodePtr
by_id(const struct nodes *ns, const char *id)
{
	int i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(attr(ns->v[i], "id"), id) == 0)
			return ns->v[i];
	return NULL;
}

static void
label_of(xmlNodePtr item, char *out, size_t size)
{
	own_text(child(item, "label"), out, size);
}

static int
diff_options(xmlNodePtr olditem, xmlNodePtr newitem)
{
	char a[TEXT_MAX], b[TEXT_MAX];
	const char *id = attr(newitem, "id");
	xmlNodePtr o, p;
	int changes = 0;

	for (o = newitem->children; o; o = o->next) {
		if (o->type != XML_ELEMENT_NODE || xmlStrcmp(o->name, BAD_CAST "option"))
			continue;
		for (p = olditem->children; p; p = p->next)
			if (p->type == XML_ELEMENT_NODE && !xmlStrcmp(p->name, BAD_CAST "option") &&
			    strcmp(attr(p, "id"), attr(o, "id")) == 0)
				break;
		own_text(o, b, sizeof(b));
		if (p == NULL) {
			printf("  nytt svaralternativ: %s/%s «%s»\n", id, attr(o, "id"), b);
			changes++;
			continue;
		}
		own_text(p, a, sizeof(a));
		if (strcmp(a, b) != 0) {
			printf("  omdøpt svaralternativ: %s/%s «%s» → «%s»\n", id, attr(o, "id"), a, b);
			changes++;
		}
	}
	for (p = olditem->children; p; p = p->next) {
		if (p->type != XML_ELEMENT_NODE || xmlStrcmp(p->name, BAD_CAST "option"))
			continue;
		for (o = newitem->children; o; o = o->next)
			if (o->type == XML_ELEMENT_NODE && !xmlStrcmp(o->name, BAD_CAST "option") &&
			    strcmp(attr(p, "id"), attr(o, "id")) == 0)
				break;
		if (o == NULL) {
			own_text(p, a, sizeof(a));
			printf("  fjernet svaralternativ: %s/%s «%s»\n", id, attr(p, "id"), a);
			changes++;
		}
	}
	return changes;
}

/* an item of one tree whose id the other lacks, and its label, is "moved" when the other
 * has an item of that label under another id: said as a renamed id */
static xmlNodePtr
same_label(const struct nodes *other, const struct nodes *mine, const char *label)
{
	char l[TEXT_MAX];
	int i;

	for (i = 0; i < other->n; i++) {
		if (by_id(mine, attr(other->v[i], "id")) != NULL)
			continue;
		label_of(other->v[i], l, sizeof(l));
		if (strcmp(l, label) == 0)
			return other->v[i];
	}
	return NULL;
}

static int
diff_items(xmlDocPtr old, xmlDocPtr new)
{
	char a[TEXT_MAX], b[TEXT_MAX];
	struct nodes oi, ni;
	xmlNodePtr o, m;
	int i, changes = 0;

	nodes_of(old, "//item", &oi);
	nodes_of(new, "//item", &ni);
	for (i = 0; i < ni.n; i++) {
		label_of(ni.v[i], b, sizeof(b));
		if ((o = by_id(&oi, attr(ni.v[i], "id"))) == NULL) {
			if ((m = same_label(&oi, &ni, b)) != NULL)
				printf("  omdøpt spørsmål: %s → %s «%s»\n", attr(m, "id"),
				    attr(ni.v[i], "id"), b);
			else
				printf("  nytt spørsmål: %s «%s» (linje %ld)\n", attr(ni.v[i], "id"),
				    b, xmlGetLineNo(ni.v[i]));
			changes++;
			continue;
		}
		label_of(o, a, sizeof(a));
		if (strcmp(a, b) != 0) {
			printf("  endret spørsmålstekst: %s «%s» → «%s»\n", attr(o, "id"), a, b);
			changes++;
		}
		changes += diff_options(o, ni.v[i]);
	}
	for (i = 0; i < oi.n; i++) {
		if (by_id(&ni, attr(oi.v[i], "id")) != NULL)
			continue;
		label_of(oi.v[i], a, sizeof(a));
		if (same_label(&ni, &oi, a) == NULL) {
			printf("  fjernet spørsmål: %s «%s»\n", attr(oi.v[i], "id"), a);
			changes++;
		}
	}
	xmlXPathFreeObject(oi.r);
	xmlXPathFreeObject(ni.r);
	return changes;
}

static int
diff_rules(xmlDocPtr old, xmlDocPtr new)
{
	char a[TEXT_MAX], b[TEXT_MAX];
	struct nodes orr, nr;
	xmlNodePtr o;
	int i, changes = 0;

	nodes_of(old, "/definition/rules/*", &orr);
	nodes_of(new, "/definition/rules/*", &nr);
	for (i = 0; i < nr.n; i++) {
		const char *id = attr(nr.v[i], "id");

		own_text(nr.v[i], b, sizeof(b));
		if ((o = by_id(&orr, id)) == NULL) {
			printf("  ny regel: %s på %s (linje %ld): «%s»\n", id, attr(nr.v[i], "field"),
			    xmlGetLineNo(nr.v[i]), b);
			changes++;
			continue;
		}
		own_text(o, a, sizeof(a));
		if (strcmp(attr(o, "when"), attr(nr.v[i], "when")) != 0 ||
		    strcmp(attr(o, "field"), attr(nr.v[i], "field")) != 0 ||
		    xmlStrcmp(o->name, nr.v[i]->name) != 0) {
			printf("  endret regel: %s (linje %ld): når «%s» → «%s»\n", id,
			    xmlGetLineNo(nr.v[i]), attr(o, "when"), attr(nr.v[i], "when"));
			changes++;
		}
		if (strcmp(a, b) != 0) {
			printf("  endret regeltekst: %s «%s» → «%s»\n", id, a, b);
			changes++;
		}
	}
	for (i = 0; i < orr.n; i++)
		if (by_id(&nr, attr(orr.v[i], "id")) == NULL) {
			own_text(orr.v[i], a, sizeof(a));
			printf("  fjernet regel: %s på %s: «%s»\n", attr(orr.v[i], "id"),
			    attr(orr.v[i], "field"), a);
			changes++;
		}
	xmlXPathFreeObject(orr.r);
	xmlXPathFreeObject(nr.r);
	return changes;
}

/* the installed year to compare with: the file's own year when it has a version, else the
 * latest before it, else the latest; 0 when none is installed */
static int
compare_year(const char *data_dir, int year)
{
	int years[DEFINITION_YEARS_MAX], n, i, best = 0;

	n = definition_years(data_dir, years, DEFINITION_YEARS_MAX);
	for (i = 0; i < n; i++)
		if (years[i] <= year)
			best = years[i];
	return best ? best : n > 0 ? years[n - 1] : 0;
}

/* the source tree of year's version in use (its stamped copy when it kept none) */
static xmlDocPtr
installed_source(const char *data_dir, int year)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];
	xmlDocPtr doc;

	if (definition_dir(data_dir, year, dir, sizeof(dir)) != 0)
		return NULL;
	snprintf(path, sizeof(path), "%s/" DEFINITION_SOURCE, dir);
	if ((doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR)) != NULL)
		return doc;
	snprintf(path, sizeof(path), "%s/" DEFINITION_XML, dir);
	return xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
}

static void
print_changes(struct defcheck *c)
{
	int year = compare_year(c->data_dir, c->made.year), n;
	xmlDocPtr old;

	if (year == 0) {
		printf("Ingen årganger er installert; ingenting å sammenligne med.\n");
		return;
	}
	if ((old = installed_source(c->data_dir, year)) == NULL) {
		printf("Spørreskjemaet for %d kan ikke leses; ingenting å sammenligne med.\n",
		    year);
		return;
	}
	/* a file whose year was not changed replaces the year in use: said before the changes,
	 * for who meant to make next year's */
	if (year == c->made.year)
		printf("%d har et spørreskjema i bruk; dette erstatter det.\n", year);
	printf("Endringer mot %d:\n", year);
	n = diff_items(old, c->doc);
	n += diff_rules(old, c->doc);
	if (n == 0)
		printf("  ingen endringer\n");
	xmlFreeDoc(old);
}

/* -- the year's surveys ------------------------------------------------------------------------ */

/* an answer the new file would lose: a question it lacks (value ""), or an option of a
 * question it keeps that the installed version had and it has not */
struct lost {
	char id[64];
	char value[64];
	long surveys;		/* in the kommuner's stores and the registry together */
	long rows;		/* of them in the registry, transferred */
};

struct scan {
	struct store_txn *txn;
	const struct secrets *sec;
	int year;
	const struct definition *new, *old;	/* old: the installed version, or NULL */
	struct lost *lost;
	int nlost, caplost;
	long surveys;		/* read, in both */
	long rows;		/* of them registry rows */
	int in_registry;	/* what note_record is given now */
	/* "<id" of each question of the installed version that the new file drops, or whose
	 * options it drops: a row that names none of them loses nothing and is not parsed.
	 * NULL (no installed version to compare with): every row is parsed. */
	char (*watch)[66];
	int nwatch;
};

/* what the new file drops of the installed version, as scan.watch; 0 or BP_ENOMEM */
static int
watch_build(struct scan *s)
{
	const struct def_item *items, *it;
	int n, i, k;

	if (s->old == NULL)
		return 0;
	n = definition_items(s->old, &items);
	if ((s->watch = calloc((size_t)n + 1, sizeof(*s->watch))) == NULL)
		return BP_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((it = definition_item(s->new, items[i].id)) != NULL) {
			for (k = 0; k < items[i].noptions; k++)
				if (!definition_is_option(it, items[i].options[k].id))
					break;
			if (k == items[i].noptions)
				continue;
		}
		/* an id too long for the buffer cannot be watched: parse everything */
		if (snprintf(s->watch[s->nwatch], sizeof(s->watch[0]), "<%s", items[i].id) >=
		    (int)sizeof(s->watch[0])) {
			free(s->watch);
			s->watch = NULL;
			s->nwatch = 0;
			return 0;
		}
		s->nwatch++;
	}
	return 0;
}

/* whether xml may name a watched question (a prefix is enough: the row is parsed then) */
static int
watch_hit(const struct scan *s, const char *xml, size_t len)
{
	int i;

	if (s->watch == NULL)
		return 1;
	for (i = 0; i < s->nwatch; i++)
		if (memmem(xml, len, s->watch[i], strlen(s->watch[i])) != NULL)
			return 1;
	return 0;
}

static int
note_lost(struct scan *s, const char *id, const char *value)
{
	struct lost *grown;
	int i;

	for (i = 0; i < s->nlost; i++)
		if (strcmp(s->lost[i].id, id) == 0 && strcmp(s->lost[i].value, value) == 0) {
			s->lost[i].surveys++;
			s->lost[i].rows += s->in_registry;
			return 0;
		}
	if (s->nlost == s->caplost) {
		if ((grown = realloc(s->lost, (size_t)(s->caplost + 16) * sizeof(*grown))) == NULL)
			return BP_ENOMEM;
		s->lost = grown;
		s->caplost += 16;
	}
	/* ids and option ids are short; a longer one is no option of either version */
	if (str_copy(s->lost[s->nlost].id, sizeof(s->lost[0].id), id) != 0 ||
	    str_copy(s->lost[s->nlost].value, sizeof(s->lost[0].value), value) != 0)
		return 0;
	s->lost[s->nlost].rows = s->in_registry;
	s->lost[s->nlost++].surveys = 1;
	return 0;
}

/* what one record answers that the new file would lose, each once ("bp-" elements are the
 * kept evaluation, not answers) */
static int
note_record(struct scan *s, xmlDocPtr rec)
{
	xmlNodePtr root = xmlDocGetRootElement(rec), n, m;
	const struct def_item *it, *was;
	const char *v;
	int rc = 0;

	for (n = root ? root->children : NULL; n && rc == 0; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strncmp((const char *)n->name, "bp-", 3) == 0)
			continue;
		if ((it = definition_item(s->new, (const char *)n->name)) == NULL) {
			/* a multi answer is one element per option: the record counts once */
			for (m = root->children; m != n; m = m->next)
				if (m->type == XML_ELEMENT_NODE && xmlStrcmp(m->name, n->name) == 0)
					break;
			if (m == n)
				rc = note_lost(s, (const char *)n->name, "");
			continue;
		}
		/* an option chosen under the installed version that the new one lacks (a value
		 * that was no option before either is a finding already, not a loss) */
		v = record_node_text(n);
		if (it->noptions > 0 && s->old != NULL && !definition_is_option(it, v) &&
		    (was = definition_item(s->old, it->id)) != NULL && definition_is_option(was, v))
			rc = note_lost(s, it->id, v);
	}
	return rc;
}

static int
scan_kommune(const char *kommune, int year, void *arg)
{
	struct scan *s = arg;
	char owner[ACCOUNT_ID_LEN + 1];
	struct survey_ref *refs = NULL;
	xmlDocPtr rec;
	size_t n, i;
	int rc;

	if (year != s->year)
		return 0;
	if ((rc = survey_year_refs(s->txn, kommune, year, &refs, &n)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < n; i++) {
		/* opened through the survey core: records are sealed and deflated */
		if ((rc = survey_open(s->txn, s->sec, refs[i].key, owner, &rec)) != 0)
			break;
		rc = note_record(s, rec);
		xmlFreeDoc(rec);
		s->surveys++;
	}
	free(refs);
	return rc;
}

/* a transferred row: pseudonymised, without the kept evaluation, its answers as they were
 * (every element a question of the installed version: what the transfer copied was pruned
 * to it at each save, so a row naming no watched question loses nothing) */
static int
scan_row(const char *kommune, int year, const char *xml, size_t len, void *arg)
{
	struct scan *s = arg;
	xmlDocPtr row;
	int rc;

	(void)kommune;
	(void)year;
	s->surveys++;
	s->rows++;
	if (!watch_hit(s, xml, len))
		return 0;
	if ((row = record_parse(xml, len)) == NULL)
		return BP_EXML;
	rc = note_record(s, row);
	xmlFreeDoc(row);
	return rc;
}

static int
scan_read(struct store_txn *txn, void *arg)
{
	struct scan *s = arg;
	int rc;

	s->txn = txn;
	s->in_registry = 0;
	if ((rc = survey_years(txn, scan_kommune, s)) != 0)
		return rc;
	s->in_registry = 1;
	return registry_scan(txn, s->year, NULL, scan_row, s);
}

/* " (n av dem overført til KORFOR)" when some were, else "" */
static const char *
transferred_note(long rows, char *buf, size_t size)
{
	if (rows == 0)
		return "";
	snprintf(buf, size, " (%ld av dem overført til KORFOR)", rows);
	return buf;
}

/* where a removed question was: the line of its tab (its group's) in the new file, by the
 * installed version's tree; else the root's */
static long
removed_line(const struct defcheck *c, xmlDocPtr old, const char *id)
{
	struct nodes items;
	xmlNodePtr it, p;
	long line = 0;

	nodes_of(old, "//item", &items);
	if ((it = by_id(&items, id)) != NULL)
		for (p = it->parent; p && p->type == XML_ELEMENT_NODE && line == 0; p = p->parent)
			line = defcheck_line(c, (const char *)p->name, attr(p, "id"));
	xmlXPathFreeObject(items.r);
	return line ? line : xmlGetLineNo(xmlDocGetRootElement(c->doc));
}

/* every answer in the year's surveys, and in its rows already transferred to the registry,
 * that the new file would lose is a fault: their questions must stay, and the options
 * chosen in them. 0, or < 0 when the store cannot be read (a site without a store has no
 * surveys). */
static int
check_answered(const struct config *cfg, struct defcheck *c)
{
	char err[PATH_MAX + 128], note[64];
	struct definition *installed = NULL;
	struct secrets sec;
	struct store *st;
	xmlDocPtr old;
	struct scan s;
	int rc, i;

	memset(&s, 0, sizeof(s));
	s.year = c->made.year;
	s.new = c->def;
	if (store_open(cfg->store, cfg->map_size, 0, &st) != 0)
		return 0;
	if (secrets_load(cfg->secrets, &sec, err, sizeof(err)) != 0) {
		store_close(st);
		fail("surveys", err);
		return BP_ECONFIG;
	}
	if (definition_load(c->data_dir, s.year, &installed) == 0)
		s.old = installed;
	s.sec = &sec;
	if ((rc = watch_build(&s)) == 0)
		rc = store_read(st, scan_read, &s);
	store_close(st);
	secrets_wipe(&sec);
	definition_free(installed);
	free(s.watch);
	if (rc != 0) {
		fail("surveys", bp_strerror(rc));
		free(s.lost);
		return rc;
	}
	old = installed_source(c->data_dir, s.year);
	for (i = 0; i < s.nlost; i++) {
		if (s.lost[i].value[0] == '\0')
			defcheck_error(c, removed_line(c, old, s.lost[i].id),
			    "spørsmålet «%s» er fjernet, men %ld av kartleggingene i %d%s har svar "
			    "på det; et spørsmål med svar kan ikke fjernes fra et år som er i gang",
			    s.lost[i].id, s.lost[i].surveys, s.year,
			    transferred_note(s.lost[i].rows, note, sizeof(note)));
		else
			defcheck_error(c, defcheck_line(c, "item", s.lost[i].id),
			    "svaralternativet «%s» på «%s» er fjernet, men %ld av kartleggingene i "
			    "%d%s har valgt det; et valgt svar kan ikke fjernes fra et år som er i gang",
			    s.lost[i].value, s.lost[i].id, s.lost[i].surveys, s.year,
			    transferred_note(s.lost[i].rows, note, sizeof(note)));
	}
	xmlFreeDoc(old);
	if (s.surveys > 0)
		printf("%ld %s i %d%s er sjekket: %s.\n", s.surveys,
		    s.surveys == 1 ? "kartlegging" : "kartlegginger", s.year,
		    transferred_note(s.rows, note, sizeof(note)),
		    s.nlost ? "noen svar ville gått tapt" : "ingen svar går tapt");
	free(s.lost);
	return 0;
}

/* -- the commands ------------------------------------------------------------------------------- */

/* check file; 0 when it can be published (with cfg: against the site's surveys too) */
static int
check(const struct config *cfg, const char *data_dir, const char *file, struct defcheck *c,
    struct report_made *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = defcheck_run(data_dir, file, c)) != 0) {
		fprintf(stderr, "%s: %s\n", file, rc == BP_ENOENT ? "finnes ikke eller kan ikke "
		    "leses" : "er tom, større enn 1 MiB eller kan ikke leses");
		return 1;
	}
	if (c->errors == 0) {
		printf("%s: spørreskjema for %d, stempel %s; %ld uttrykk kjørt på %ld genererte "
		    "kartlegginger\n", file, c->made.year, c->made.stamp, c->expressions,
		    c->records);
		print_changes(c);
	}
	if (c->errors == 0 && cfg != NULL && check_answered(cfg, c) != 0)
		return 1;
	if (c->errors == 0)
		report_derive_check(data_dir, c);
	if (c->errors == 0)
		report_derive(data_dir, c, r);
	if (c->errors > 0) {
		fprintf(stderr, "bpadm: definition: %s: %d feil; ingenting er endret\n", file,
		    c->errors);
		return 1;
	}
	return 0;
}

/* the questionnaire, then its report (made before anything was written: a report that
 * cannot be made stops the publish while nothing is changed) */
static int
install(const char *data_dir, struct defcheck *c, const struct report_made *r)
{
	int rc;

	if ((rc = definition_install(data_dir, &c->made, c->src, c->len)) != 0) {
		fail("publish", rc == BP_ENOSPC ? "disken er full" : strerror(errno));
		return 1;
	}
	if (report_install(data_dir, r) != 0) {
		fail("publish", "rapportdefinisjonen kunne ikke skrives");
		return 1;
	}
	return 0;
}

struct published {
	long long now;
	char detail[64];
};

static int
audit_published(struct store_txn *txn, void *arg)
{
	struct published *p = arg;

	return audit_add(txn, p->now, "definition.published", "bpadm", NULL, p->detail);
}

/* The reports' counts of year, and of the year after (whose last-year column year's
 * definition counts), made again now under the new definition: otherwise the first report
 * opened after the publish counts the whole registry of the year while someone waits
 * (report.h). The publish is done whatever happens here. */
static void
make_ready(struct config *cfg, struct store *st, int year)
{
	struct refdata *rd = NULL;
	int y, rc, counted;

	if ((rc = refdata_load(cfg->data, &rd)) != 0) {
		fprintf(stderr, "bpadm: publish: referansedataene: %s\n", bp_strerror(rc));
		return;
	}
	for (y = year; y <= year + 1; y++) {
		if ((rc = report_ready(st, cfg->data, rd, y, &counted)) != 0)
			fprintf(stderr, "bpadm: publish: rapportene for %d: %s (de telles når en "
			    "rapport åpnes)\n", y, bp_strerror(rc));
		else if (counted > 0)
			printf("Rapportene for %d er talt etter spørreskjemaet som gjelder nå.\n", y);
	}
	refdata_free(rd);
}

static int
cmd_publish(struct config *cfg, char **args)
{
	const char *file = args[0];
	struct report_made r;
	struct defcheck c;
	struct published p;
	struct store *st;
	int rc;

	if (check(cfg, cfg->data, file, &c, &r) != 0 || install(cfg->data, &c, &r) != 0) {
		report_made_free(&r);
		defcheck_free(&c);
		return 1;
	}
	report_made_free(&r);
	p.now = (long long)time(NULL) + config_clock(cfg);
	snprintf(p.detail, sizeof(p.detail), "%d %s", c.made.year, c.made.stamp);
	printf("Spørreskjemaet for %d er publisert (versjon %s).\n", c.made.year, c.made.version);
	fflush(stdout);
	if (store_open(cfg->store, cfg->map_size, 0, &st) == 0) {
		if ((rc = store_write(st, audit_published, &p)) != 0)
			fail("publish", bp_strerror(rc));
		make_ready(cfg, st, c.made.year);
		store_close(st);
	}
	defcheck_free(&c);
	return 0;
}

static int
cmd_list(struct config *cfg, char **args)
{
	int years[DEFINITION_YEARS_MAX], n, i;
	char dir[PATH_MAX], when[17];
	struct definition *d;
	struct stat sb;

	(void)args;
	if ((n = definition_years(cfg->data, years, DEFINITION_YEARS_MAX)) < 0) {
		fail("list", bp_strerror(n));
		return 1;
	}
	if (n == 0)
		printf("Ingen spørreskjema er installert i %s/%s.\n", cfg->data, DEFINITION_DIR);
	for (i = 0; i < n; i++) {
		if (definition_dir(cfg->data, years[i], dir, sizeof(dir)) != 0 ||
		    definition_load_dir(dir, &d) != 0) {
			printf("%d  kan ikke leses\n", years[i]);
			continue;
		}
		snprintf(when, sizeof(when), "ukjent");
		if (lstat(dir, &sb) == 0)
			time_datetime(sb.st_mtime, when);
		printf("%d  stempel %s  versjon %s  laget %s\n", years[i], definition_stamp(d),
		    strrchr(dir, '/') + 1, when);
		definition_free(d);
	}
	return 0;
}

/* the build's: the same files into a build's data directory, without a site */
static int
cmd_build(struct config *cfg, char **args)
{
	const char *data_dir = args[0], *file = args[1];
	struct report_made r;
	struct defcheck c;
	int rc;

	(void)cfg;
	rc = check(NULL, data_dir, file, &c, &r) != 0 || install(data_dir, &c, &r) != 0;
	report_made_free(&r);
	defcheck_free(&c);
	return rc;
}

static int
cmd_check(struct config *cfg, char **args)
{
	struct report_made r;
	struct defcheck c;
	int rc;

	rc = check(cfg, cfg->data, args[0], &c, &r);
	if (rc == 0)
		printf("%s kan publiseres for %d.\n", args[0], c.made.year);
	report_made_free(&r);
	defcheck_free(&c);
	return rc;
}

/* config: 1 the subcommand works on a site (its configuration), 0 on a directory given */
static const struct {
	const char *name;
	int nargs;
	int config;
	int (*fn)(struct config *, char **);
} subcommands[] = {
	{ "check", 1, 1, cmd_check },
	{ "publish", 1, 1, cmd_publish },
	{ "list", 0, 1, cmd_list },
	{ "build", 2, 0, cmd_build },
};

int
cmd_definition(struct config *cfg, int argc, char **argv)
{
	size_t i;

	for (i = 0; argc >= 2 && i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (strcmp(argv[1], subcommands[i].name) != 0 || argc != subcommands[i].nargs + 2)
			continue;
		if (subcommands[i].config && cfg == NULL) {
			fail(argv[1], "konfigurasjonen kan ikke leses (oppgi den med -c FIL)");
			return 1;
		}
		return subcommands[i].fn(cfg, argv + 2);
	}
	fprintf(stderr, "Bruk: bpadm [-c FIL] definition check|publish FIL\n"
	    "       bpadm [-c FIL] definition list\n");
	return EXIT_USAGE;
}
