/* report_pdf.c: the report as PDF. xslt/rapport-pdf.xsl makes the blocks of the document
 * from the same model as the page: <pdf><header/> <h1/> <p/> <h/> <svg/> (the very charts
 * of the page, xslt/rapport-charts.xsl) <table widths><head><c/></head><r><c/></r></table>
 * </pdf>; its result tree is read here, never its text, and drawn through pdf.h, the
 * charts shape by shape (librsvg would link Debian's shared libxml2 beside our static
 * one). */
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "record.h"
#include "report_pdf.h"

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const char *
attr_or(xmlNodePtr n, const char *name, const char *dflt)
{
	const char *v = record_node_attr(n, name);

	return v ? v : dflt;
}

static double
num(xmlNodePtr n, const char *name)
{
	const char *v = record_node_attr(n, name);

	return v ? strtod(v, NULL) : 0;
}

/* a chart: only rect, line and text (and its title, which the PDF's table beside it
 * says in full) */
static int
draw_svg(struct pdf *p, xmlNodePtr svg)
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
draw_table(struct pdf *p, xmlNodePtr t)
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

/* the blocks of text, by element name */
static const struct {
	const char *name;
	int (*draw)(struct pdf *, const char *);
} text_blocks[] = {
	{ "header", pdf_header_line },
	{ "h1", pdf_title },
	{ "h", pdf_heading },
	{ "p", pdf_paragraph },
};

static int
draw_block(struct pdf *p, xmlNodePtr n)
{
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (i = 0; i < sizeof(text_blocks) / sizeof(text_blocks[0]); i++)
		if (is(n, text_blocks[i].name))
			return text_blocks[i].draw(p, record_node_text(n));
	if (is(n, "svg"))
		return draw_svg(p, n);
	if (is(n, "table"))
		return draw_table(p, n);
	return 0;		/* nothing else is drawn */
}

int
report_pdf(const char *xslt_dir, struct page *pg, const char *title, struct buf *out)
{
	struct pdf *p = NULL;
	xmlDocPtr d = NULL;
	xmlNodePtr root, n;
	int rc;

	str_copy(pg->name, sizeof(pg->name), "rapport-pdf");
	if ((rc = render_tree(xslt_dir, pg, &d)) != 0)
		goto out;
	if ((root = xmlDocGetRootElement(d)) == NULL || !is(root, "pdf")) {
		rc = BP_EXML;
		goto out;
	}
	if ((rc = pdf_new(title, &p)) != 0)
		goto out;
	for (n = root->children; n && rc == 0; n = n->next)
		rc = draw_block(p, n);
	if (rc == 0)
		rc = pdf_render(p, out);
out:
	pdf_free(p);
	xmlFreeDoc(d);
	return rc;
}
