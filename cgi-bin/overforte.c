/* overforte.c: KORFOR's registry of transferred kartlegginger (Vedlegg 2: "CSV-filer: Mulighet
 * for å laste ned overførte kartlegginger per kommune uten fødselsnummer som CSV-fil"; cgi-bin/README.md
 * "The year's cycle and the transfer"): the transfers per year and kommune, and a CSV file of
 * one.
 *
 *   GET /cgi-bin/overforte
 *   GET /cgi-bin/overforte?aar=ÅÅÅÅ&kommune=NNNN      (the CSV file; written to the audit log)
 *
 * The CSV: UTF-8 with a byte order mark (so spreadsheets read the letters right; pandas and
 * readr skip it), comma-separated, CRLF, RFC 4180 quoting. Columns: pseudonym, aar,
 * kommune, bydel, kjonn, fodselsar, alder, instanstype, levekarsindeks, then one per
 * question id of the year's definition in its order; a service has two, <id>.hatt and
 * <id>.videre; the options of a multi-answer question are joined with "|". */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "transfer.h"

#define CSV_ROWS_MAX 200000		/* a kommune's year: Oslo has about 10,000 */

/* the registry row's own attributes, as columns, in order */
static const struct {
	const char *column, *attr;
} fixed[] = {
	{ "pseudonym", "pseudonym" }, { "aar", "aar" }, { "kommune", "kommune" },
	{ "bydel", "bydel" }, { "kjonn", "kjonn" }, { "fodselsar", "fodselsar" },
	{ "alder", "alder" }, { "instanstype", "instanstype" }, { "levekarsindeks", "indeks" },
};

struct csv {
	struct app *a;
	const struct definition *def;
	const struct def_item *items;	/* definition_item points into these */
	int nitems;
	struct buf out;
	struct buf *cells;		/* one per item; a service's two answers in one */
	long rows;
};

static void
csv_header(struct csv *c)
{
	size_t i;
	int j;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		buf_puts(&c->out, i ? "," : "");
		buf_csv_field(&c->out, fixed[i].column);
	}
	for (j = 0; j < c->nitems; j++) {
		if (c->items[j].kind == ITEM_SERVICE)
			buf_printf(&c->out, ",%s.hatt,%s.videre", c->items[j].id, c->items[j].id);
		else
			buf_printf(&c->out, ",%s", c->items[j].id);
	}
	buf_puts(&c->out, "\r\n");
}

static const char *
prop(xmlNodePtr n, const char *name, char *tmp, size_t size)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);

	str_copy(tmp, size, v ? (const char *)v : "");
	xmlFree(v);
	return tmp;
}

static int
csv_row(const char *kommune, int year, const char *xml, size_t len, void *arg)
{
	struct csv *c = arg;
	const struct def_item *it;
	xmlDocPtr d;
	xmlNodePtr root, n;
	char tmp[256];
	size_t i;
	int j;

	(void)kommune;
	(void)year;
	if (++c->rows > CSV_ROWS_MAX)
		return BP_ETOOBIG;
	if ((d = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET)) == NULL ||
	    (root = xmlDocGetRootElement(d)) == NULL) {
		xmlFreeDoc(d);
		return BP_EXML;
	}
	for (j = 0; j < c->nitems; j++)
		buf_reset(&c->cells[j]);
	/* one walk over the answers, each to its item's cell */
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (it = definition_item(c->def, (const char *)n->name)) == NULL)
			continue;
		j = (int)(it - c->items);
		if (it->kind == ITEM_SERVICE) {
			buf_puts(&c->cells[j], prop(n, "hatt", tmp, sizeof(tmp)));
			buf_puts(&c->cells[j], "\t");
			buf_puts(&c->cells[j], prop(n, "videre", tmp, sizeof(tmp)));
		} else {
			xmlChar *v = xmlNodeGetContent(n);

			if (c->cells[j].len)
				buf_puts(&c->cells[j], "|");
			buf_puts(&c->cells[j], v ? (const char *)v : "");
			xmlFree(v);
		}
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		buf_puts(&c->out, i ? "," : "");
		buf_csv_field(&c->out, prop(root, fixed[i].attr, tmp, sizeof(tmp)));
	}
	for (j = 0; j < c->nitems; j++) {
		char *cell = c->cells[j].p ? c->cells[j].p : (char *)"", *tab;

		buf_puts(&c->out, ",");
		if (c->items[j].kind == ITEM_SERVICE) {
			/* unanswered services are "Nei/Nei" in the form, but say so only if stored */
			if ((tab = strchr(cell, '\t')) != NULL)
				*tab = '\0';
			buf_csv_field(&c->out, cell);
			buf_puts(&c->out, ",");
			buf_csv_field(&c->out, tab ? tab + 1 : "");
		} else
			buf_csv_field(&c->out, cell);
	}
	buf_puts(&c->out, "\r\n");
	xmlFreeDoc(d);
	return c->out.err;
}

struct download {
	struct csv *c;
	int year;
	const char *kommune;
	char detail[64];
};

static int
read_rows(struct store_txn *txn, void *arg)
{
	struct download *d = arg;

	return registry_scan(txn, d->year, d->kommune, csv_row, d->c);
}

static int
log_download(struct store_txn *txn, void *arg)
{
	struct download *d = arg;

	return app_audit_in(d->c->a, txn, "registry.csv", NULL, d->kommune, NULL, d->detail);
}

static int
csv_download(struct app *a, const char *aar, const char *kommune)
{
	const struct definition *def;
	struct csv c;
	struct download d;
	struct store *st;
	long long year;
	int rc, j;

	if (str_to_ll(aar, 2000, 9999, &year) != 0 || strlen(kommune) != 4 ||
	    strspn(kommune, "0123456789") != 4)
		return BP_EINVAL;
	if (app_definition(a, (int)year, &def) != 0)
		return BP_ENOENT;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.def = def;
	c.nitems = definition_items(def, &c.items);
	if (c.nitems <= 0)
		return BP_EXML;
	rc = BP_ENOMEM;
	if ((c.cells = calloc((size_t)c.nitems, sizeof(*c.cells))) == NULL)
		goto out;
	d = (struct download){ &c, (int)year, kommune, "" };
	snprintf(d.detail, sizeof(d.detail), "aar=%04lld kommune=%s", year, kommune);
	buf_puts(&c.out, "\xef\xbb\xbf");	/* UTF-8 byte order mark */
	csv_header(&c);
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_rows, &d)) != 0 ||
	    (rc = c.out.err) != 0 || (rc = store_write(st, log_download, &d)) != 0)
		goto out;
	app_header(a, "Content-Disposition: attachment; filename=\"brukerplan-%04lld-%s.csv\"",
	    year, kommune);
	app_header(a, "Cache-Control: no-store");
	rc = app_send(a, 200, "text/csv; charset=utf-8", c.out.p, c.out.len);
out:
	for (j = 0; c.cells && j < c.nitems; j++)
		buf_free(&c.cells[j]);
	free(c.cells);
	buf_free(&c.out);
	return rc;
}

struct overview {
	struct app *a;
	const struct refdata *rd;
	xmlNodePtr list;
};

static int
add_transfer(const char *kommune, int year, const struct period *p, void *arg)
{
	struct overview *o = arg;
	struct page *pg = &o->a->page;
	const char *name;
	char when[17];
	xmlNodePtr n;

	if (!p->overfort)
		return 0;
	n = page_add(pg, o->list, "transfer", NULL);
	page_attr(pg, n, "kommune", kommune);
	name = refdata_kommune_name(o->rd, kommune);
	page_attr(pg, n, "navn", name ? name : "");
	page_attr_ll(pg, n, "aar", year);
	time_datetime((time_t)p->overfort, when);
	page_attr(pg, n, "overfort", when);
	page_attr(pg, n, "av", strcmp(p->by, "cron") == 0 ? "automatisk" : "kommunekontakten");
	page_attr_ll(pg, n, "transferred", p->transferred);
	page_attr_ll(pg, n, "held-back", p->held_back);
	return 0;
}

static int
read_overview(struct store_txn *txn, void *arg)
{
	return period_scan(txn, add_transfer, arg);
}

static int
overforte_get(struct app *a)
{
	const char *aar = app_query(a, K_AAR), *kommune = app_query(a, K_KOMMUNE);
	struct overview o;
	struct store *st;
	int rc;

	if (authz(&a->me, ACT_REGISTRY, NULL) != 0)
		return BP_EDENIED;
	if (*aar || *kommune)
		return csv_download(a, aar, kommune);
	memset(&o, 0, sizeof(o));
	o.a = a;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_refdata(a, &o.rd)) != 0 ||
	    (rc = app_page(a, "overforte")) != 0)
		return rc;
	o.list = page_add(&a->page, NULL, "transfers", NULL);
	if ((rc = store_read(st, read_overview, &o)) != 0)
		return rc;
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", overforte_get, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("overforte", routes, sizeof(routes) / sizeof(routes[0]));
}
