/* rapport.c: the Kommunerapport, made from the registry the moment a kommune's year is
 * transferred (issue 6), and the reports beside it: a bydel's, a KORUS region's, the
 * country's. Who may open which is authz's (ACT_REPORT): the kommunekontakt its kommune
 * and its bydeler, KORUS its region and each kommune in it, KORFOR all.
 *
 *   GET /cgi-bin/rapport[?omrade=land|r-REGION|k-NNNN|b-NNNNNN][&aar=ÅÅÅÅ][&format=csv|pdf]
 *
 * Without omrade one's own: the kommune, the region, the country. The page is report.h's
 * aggregate through xslt/rapport.xsl (charts as inline SVG and a table beside each); the
 * PDF is the same aggregate through xslt/rapport-pdf.xsl, whose SVG shapes (the same
 * templates as the page's) are drawn by cairo; the CSV has every table. Only aggregates
 * with the <5 rule applied reach this file; each opening is written to the audit log. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "pdf.h"
#include "record.h"
#include "report.h"

enum format { F_HTML, F_CSV, F_PDF, F__MAX };
static const char *const format_ids[F__MAX] = { "", "csv", "pdf" };
static const char *const audit_events[F__MAX] = { "report.view", "report.csv", "report.pdf" };

struct req {
	struct app *a;
	const struct refdata *rd;
	struct report_target t;
	char omrade[48];
	char name[192];			/* of the scope, for the title */
	char region_name[128];
	int year;
	enum format fmt;
	const struct report_def *def;
	struct report *rep;
};

/* the scope asked for (or one's own), checked against the reference data and authz */
static int
parse_target(struct req *q)
{
	const struct account *me = &q->a->me;
	const char *o = app_query(q->a, "omrade"), *name, *region;
	struct target t = { -1, "", "", "", NULL, 0, NULL };

	if (*o == '\0')
		o = me->role == ROLE_KORFOR ? "land" : me->role == ROLE_KORUS ? "r-" : "k-";
	if (strlen(o) >= sizeof(q->omrade))
		return 400;
	memset(&q->t, 0, sizeof(q->t));
	if (strcmp(o, "land") == 0) {
		q->t.scope = SCOPE_LAND;
		t.role = ROLE_KORFOR;
		str_copy(q->name, sizeof(q->name), "Hele landet");
	} else if (strncmp(o, "r-", 2) == 0) {
		q->t.scope = SCOPE_REGION;
		str_copy(q->t.region, sizeof(q->t.region), o[2] ? o + 2 : me->region);
		if ((name = refdata_region_name(q->rd, q->t.region)) == NULL)
			return o[2] ? 404 : 403;
		t.role = ROLE_KORUS;
		str_copy(q->name, sizeof(q->name), name);
	} else if (strncmp(o, "k-", 2) == 0 || strncmp(o, "b-", 2) == 0) {
		const char *nr = o[2] ? o + 2 : me->kommune;

		if (o[0] == 'b' && (strlen(nr) != 6 || strspn(nr, "0123456789") != 6))
			return 400;
		if (o[0] == 'k' && (strlen(nr) != 4 || strspn(nr, "0123456789") != 4))
			return o[2] ? 400 : 403;
		memcpy(q->t.kommune, nr, 4);
		q->t.kommune[4] = '\0';
		if ((name = refdata_kommune_name(q->rd, q->t.kommune)) == NULL ||
		    (region = refdata_kommune_region(q->rd, q->t.kommune)) == NULL)
			return 404;
		str_copy(q->t.region, sizeof(q->t.region), region);
		str_copy(q->name, sizeof(q->name), name);
		q->t.scope = SCOPE_KOMMUNE;
		if (o[0] == 'b') {
			const char *bydel = refdata_bydel_name(q->rd, q->t.kommune, nr);

			if (bydel == NULL)
				return 404;
			q->t.scope = SCOPE_BYDEL;
			str_copy(q->t.bydel, sizeof(q->t.bydel), nr);
			snprintf(q->name, sizeof(q->name), "%s, bydel %s", name, bydel);
		}
		t.role = ROLE_KOMMUNE;
		t.kommune = q->t.kommune;
	} else
		return 400;
	t.region = q->t.region;
	if (authz(me, ACT_REPORT, &t) != 0)
		return 403;
	switch (q->t.scope) {
	case SCOPE_LAND:
		str_copy(q->omrade, sizeof(q->omrade), "land");
		break;
	case SCOPE_REGION:
		snprintf(q->omrade, sizeof(q->omrade), "r-%s", q->t.region);
		break;
	case SCOPE_KOMMUNE:
		snprintf(q->omrade, sizeof(q->omrade), "k-%s", q->t.kommune);
		break;
	case SCOPE_BYDEL:
		snprintf(q->omrade, sizeof(q->omrade), "b-%s", q->t.bydel);
		break;
	default:
		abort();
	}
	if ((name = refdata_region_name(q->rd, q->t.region)) != NULL)
		str_copy(q->region_name, sizeof(q->region_name), name);
	return 0;
}

static int
read_report(struct store_txn *txn, void *arg)
{
	struct req *q = arg;

	report_free(q->rep);
	q->rep = NULL;
	return report_build(txn, q->def, q->rd, &q->t, q->year, &q->rep);
}

static int
log_open(struct store_txn *txn, void *arg)
{
	struct req *q = arg;
	char detail[64];

	int rc;

	snprintf(detail, sizeof(detail), "aar=%04d omrade=%s", q->year, q->omrade);
	if ((rc = report_keep(txn, q->rep)) != 0)
		return rc;
	/* in the scope of the report's area: its kommune's and region's administrators see it */
	return app_audit_in(q->a, txn, audit_events[q->fmt], q->t.region, q->t.kommune, NULL,
	    detail);
}

/* the names of the report's columns, which report.c leaves to its caller */
static void
name_columns(struct req *q, xmlNodePtr report)
{
	struct page *pg = &q->a->page;
	xmlNodePtr cols, c;
	char prev[224];

	for (cols = report->children; cols; cols = cols->next)
		if (cols->type == XML_ELEMENT_NODE && strcmp((const char *)cols->name, "columns") == 0)
			break;
	if (cols == NULL)
		return;
	snprintf(prev, sizeof(prev), "%s %d", q->name, q->year - 1);
	for (c = cols->children; c; c = c->next) {
		const char *id = record_node_attr(c, "id");

		if (id == NULL)
			continue;
		page_attr(pg, c, "name", strcmp(id, "s") == 0 ? q->name : strcmp(id, "r") == 0 ?
		    q->region_name : strcmp(id, "l") == 0 ? "Hele landet" : prev);
	}
}

/* -- CSV: every table, one line per row (and measure), a count and a share per column -- */

static const char *
attr_or(xmlNodePtr n, const char *name, const char *dflt)
{
	const char *v = record_node_attr(n, name);

	return v ? v : dflt;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* one line: the row's cells of measure m (NULL: those without one) in the column order */
static void
csv_line(struct buf *b, const char *sec, xmlNodePtr row, const char *m, xmlNodePtr cols)
{
	xmlNodePtr c, v;

	buf_csv_field(b, sec);
	buf_puts(b, ",");
	buf_csv_field(b, attr_or(row, "grouplabel", ""));
	buf_puts(b, ",");
	buf_csv_field(b, attr_or(row, "label", ""));
	buf_puts(b, ",");
	buf_csv_field(b, m ? m : "");
	for (c = cols->children; c; c = c->next) {
		const char *n = "", *pct = "", *col = record_node_attr(c, "id");

		if (!is(c, "column") || col == NULL)
			continue;
		for (v = row->children; v; v = v->next) {
			const char *vm = record_node_attr(v, "m");

			if (is(v, "v") && strcmp(attr_or(v, "col", ""), col) == 0 &&
			    (m ? vm && strcmp(vm, m) == 0 : vm == NULL)) {
				n = attr_or(v, "n", "");
				pct = attr_or(v, "pct", "");
				break;
			}
		}
		buf_puts(b, ",");
		buf_csv_field(b, n);
		buf_puts(b, ",");
		buf_csv_field(b, pct);
	}
	buf_puts(b, "\r\n");
}

static int
send_csv(struct req *q, xmlNodePtr report)
{
	struct buf b = { 0 };
	xmlNodePtr cols = NULL, s, r, v;
	int status;

	for (s = report->children; s; s = s->next)
		if (is(s, "columns"))
			cols = s;
	if (cols == NULL)
		return 500;
	buf_puts(&b, "\xef\xbb\xbf" "seksjon,gruppe,rad,maal");
	for (s = cols->children; s; s = s->next)
		if (is(s, "column")) {
			char h[256];

			snprintf(h, sizeof(h), "%s antall", attr_or(s, "name", ""));
			buf_puts(&b, ",");
			buf_csv_field(&b, h);
			snprintf(h, sizeof(h), "%s andel (%%)", attr_or(s, "name", ""));
			buf_puts(&b, ",");
			buf_csv_field(&b, h);
		}
	buf_puts(&b, "\r\n");
	for (s = report->children; s; s = s->next) {
		const char *title;

		if (!is(s, "section"))
			continue;
		title = attr_or(s, "title", "");
		for (r = s->children; r; r = r->next) {
			const char *done[8];
			int nd = 0, i, seen;

			if (!is(r, "row") && !is(r, "base"))
				continue;
			/* a line per measure of the row, in the order they come */
			for (v = r->children; v; v = v->next) {
				const char *m = record_node_attr(v, "m");

				for (seen = 0, i = 0; i < nd; i++)
					seen |= (m == NULL && done[i] == NULL) ||
					    (m && done[i] && strcmp(m, done[i]) == 0);
				if (!is(v, "v") || seen || nd == 8)
					continue;
				done[nd++] = m;
				csv_line(&b, title, r, m, cols);
			}
		}
	}
	if (b.err) {
		buf_free(&b);
		return 500;
	}
	app_header(q->a, "Content-Disposition: attachment; filename=\"brukerplan-rapport-%04d-%s.csv\"",
	    q->year, q->omrade);
	status = app_send(q->a, 200, "text/csv; charset=utf-8", b.p, b.len);
	buf_free(&b);
	return status;
}

/* -- PDF: the blocks rapport-pdf.xsl makes, the SVG charts shape by shape -- */

static double
num(xmlNodePtr n, const char *name)
{
	const char *v = record_node_attr(n, name);

	return v ? strtod(v, NULL) : 0;
}

static int
pdf_svg(struct pdf *p, xmlNodePtr svg)
{
	xmlNodePtr n;
	int rc;

	if ((rc = pdf_chart(p, num(svg, "width"), num(svg, "height"))) != 0)
		return rc;
	for (n = svg->children; n; n = n->next) {
		if (is(n, "rect"))
			rc = pdf_chart_rect(p, num(n, "x"), num(n, "y"), num(n, "width"),
			    num(n, "height"), attr_or(n, "fill", "#000000"));
		else if (is(n, "line"))
			rc = pdf_chart_line(p, num(n, "x1"), num(n, "y1"), num(n, "x2"), num(n, "y2"),
			    attr_or(n, "stroke", "#000000"));
		else if (is(n, "text")) {
			const char *anchor = attr_or(n, "text-anchor", "start");

			rc = pdf_chart_text(p, num(n, "x"), num(n, "y"), num(n, "font-size"),
			    anchor[0] == 'm' ? 'm' : anchor[0] == 'e' ? 'e' : 's',
			    attr_or(n, "fill", "#000000"), record_node_text(n));
		} else if (is(n, "title"))	/* the chart in words: the figure's /Alt */
			rc = pdf_chart_alt(p, record_node_text(n));
		else if (n->type != XML_ELEMENT_NODE)
			continue;
		else
			rc = BP_EINVAL;	/* a shape the stylesheet should not draw */
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
pdf_table_of(struct pdf *p, xmlNodePtr t)
{
	const char *cells[PDF_COLS_MAX];
	double widths[PDF_COLS_MAX];
	const char *w = attr_or(t, "widths", "");
	char *end;
	xmlNodePtr r, c;
	int n = 0, k, rc;

	while (*w && n < PDF_COLS_MAX) {
		widths[n++] = strtod(w, &end);
		if (end == w)
			return BP_EINVAL;
		w = end;
	}
	for (r = t->children; r; r = r->next) {
		if (!is(r, "head") && !is(r, "r"))
			continue;
		k = 0;
		for (c = r->children; c && k < PDF_COLS_MAX; c = c->next)
			if (is(c, "c"))
				cells[k++] = record_node_text(c);
		if (k != n)
			return BP_EINVAL;
		rc = is(r, "head") ? pdf_table(p, n, cells, widths) : pdf_table_row(p, cells);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
send_pdf(struct req *q)
{
	struct buf html = { 0 }, out = { 0 };
	struct pdf *p = NULL;
	xmlDocPtr d = NULL;
	xmlNodePtr n;
	int rc, status = 500;

	str_copy(q->a->page.name, sizeof(q->a->page.name), "rapport-pdf");
	if ((rc = render_page(q->a->cfg.xslt, &q->a->page, &html)) != 0 ||
	    (d = xmlReadMemory(html.p, (int)html.len, NULL, "UTF-8", XML_PARSE_NONET)) == NULL ||
	    (rc = pdf_new(q->name, &p)) != 0) {
		log_error("rapport: pdf blocks: %s", bp_strerror(rc ? rc : BP_EXML));
		goto out;
	}
	for (n = xmlDocGetRootElement(d)->children; n && rc == 0; n = n->next) {
		const char *text = n->type == XML_ELEMENT_NODE ? record_node_text(n) : "";

		if (is(n, "header"))
			rc = pdf_header_line(p, text);
		else if (is(n, "h1"))
			rc = pdf_title(p, text);
		else if (is(n, "h"))
			rc = pdf_heading(p, text);
		else if (is(n, "p"))
			rc = pdf_paragraph(p, text);
		else if (is(n, "svg"))
			rc = pdf_svg(p, n);
		else if (is(n, "table"))
			rc = pdf_table_of(p, n);
	}
	if (rc != 0 || (rc = pdf_render(p, &out)) != 0) {
		log_error("rapport: pdf: %s", bp_strerror(rc));
		goto out;
	}
	app_header(q->a, "Content-Disposition: attachment; filename=\"brukerplan-rapport-%04d-%s.pdf\"",
	    q->year, q->omrade);
	status = app_send(q->a, 200, "application/pdf", out.p, out.len);
out:
	xmlFreeDoc(d);
	pdf_free(p);
	buf_free(&html);
	buf_free(&out);
	return status;
}

static int
rapport_get(struct app *a)
{
	const char *aar = app_query(a, "aar"), *fmt = app_query(a, "format");
	struct report_def *def = NULL;
	struct req q;
	struct store *st;
	xmlNodePtr tn, report;
	long long year;
	int rc, f, status = 500;

	memset(&q, 0, sizeof(q));
	q.a = a;
	if (authz(&a->me, ACT_REPORT, &(struct target){ (int)a->me.role, a->me.region,
	    a->me.kommune, "", NULL, 0, NULL }) != 0)
		return 403;
	if ((f = str_index(format_ids, F__MAX, fmt)) < 0)
		return 400;
	q.fmt = (enum format)f;
	if (*aar == '\0')
		year = time_year((time_t)a->now);
	else if (str_to_ll(aar, 2000, 9999, &year) != 0)
		return 400;
	q.year = (int)year;
	if (app_refdata(a, &q.rd) != 0)
		return 500;
	if ((rc = parse_target(&q)) != 0)
		return rc;
	/* no year asked for, and none of this year yet (January, before next year's
	 * questionnaire): last year's */
	if ((rc = report_def_load(a->cfg.data, q.year, &def)) == BP_ENOENT && *aar == '\0')
		rc = report_def_load(a->cfg.data, --q.year, &def);
	if (rc != 0)
		return rc == BP_ENOENT ? 404 : 500;
	q.def = def;
	if (app_store(a, &st) != 0 || (rc = store_read(st, read_report, &q)) != 0 ||
	    (rc = store_write(st, log_open, &q)) != 0) {
		log_error("rapport: %s", bp_strerror(rc));
		goto out;
	}
	if (app_page(a, "rapport") != 0)
		goto out;
	tn = page_add(&a->page, NULL, "target", NULL);
	page_attr(&a->page, tn, "omrade", q.omrade);
	page_attr(&a->page, tn, "navn", q.name);
	page_attr(&a->page, tn, "role", role_ids[a->me.role]);
	page_attr_ll(&a->page, tn, "aar", q.year);
	if (q.fmt == F_HTML)
		refdata_page(&a->page, q.rd, a->me.role == ROLE_KORFOR ? NULL : a->me.region,
		    a->me.role == ROLE_KOMMUNE ? a->me.kommune : NULL);
	if ((rc = report_xml(q.rep, a->page.root)) != 0 || a->page.err)
		goto out;
	report = xmlGetLastChild(a->page.root);
	while (report && !is(report, "report"))
		report = report->prev;
	if (report == NULL)
		goto out;
	name_columns(&q, report);
	switch (q.fmt) {
	case F_HTML:
		status = app_render(a, 200);
		break;
	case F_CSV:
		status = send_csv(&q, report);
		break;
	case F_PDF:
		status = send_pdf(&q);
		break;
	default:
		abort();
	}
out:
	report_free(q.rep);
	report_def_free(def);
	return status;
}

static const struct route routes[] = {
	{ HTTP_GET, "", rapport_get, R_LOGIN },
};

int
main(void)
{
	int rc = app_main("rapport", routes, sizeof(routes) / sizeof(routes[0]));

	pdf_exit();
	return rc;
}
