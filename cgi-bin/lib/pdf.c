/* pdf.c: innsyn documents drawn with cairo's PDF surface and laid out by pango.
 *
 * Every document is a tagged PDF (PDF 32000-1, 14.8), so a screen reader reads it in
 * order and knows its parts: cairo_tag_begin/end around each block give the structure
 * tree Document > H1 (the title), H2 (headings), P (paragraphs), L > LI > Lbl + LBody (a
 * run of question/answer pairs), Table > TR > TH | TD, Figure (a chart, with /Alt). What
 * is drawn outside a leaf element (the running header, "Side n av m", rules, shading, a
 * table head repeated on the next page) is in no element, so it is not read as part of
 * the text. cairo 1.16 cannot set the document's language, the title display, a
 * figure's alternative text or a header cell's scope: pdfamend.c adds them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "pdfdoc.h"
#include "pdfamend.h"

/* A4 in points (1/72 inch), and the page's frame */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 56.7			/* 20 mm */
#define HEADER_TOP 34.0
#define BODY_TOP 74.0			/* below the header and its rule */
#define BODY_BOTTOM (PAGE_H - 62.0)
#define FOOTER_Y (PAGE_H - 44.0)
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define PAD 3.0				/* above and below the text of a row */
#define CELL_GAP 8.0			/* between the columns of a row */
#define KEEP_WITH_HEADING 48.0		/* room a heading needs below it on its page */
#define PAIR_QUESTION 0.58		/* of the text width */

#define FONT "DejaVu Sans"
/* its two faces, as Debian's fonts-dejavu-core installs them */
static const char *const font_files[] = {
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};

/* The layouts of the counting pass, in the order they were made, kept for the drawing
 * pass: both passes lay out the same texts in the same order, and laying out is most of
 * the work (pango shapes every text). */
struct layouts {
	PangoLayout **l;		/* a reference each */
	int n, cap;
	int next;			/* the drawing pass's next one */
};

/* One pass over the blocks: pages counted (pages == 0) or drawn knowing their number. */
struct pen {
	struct layouts *kept;
	cairo_t *cr;
	const struct pdf *p;
	int draw;
	int page;			/* 1-based, 0 before the first */
	int pages;			/* the total, known in the drawing pass */
	double y;
	double top;			/* where the page's first block goes */
	const struct block *table;	/* the open table, whose head each page repeats */
};

struct style {
	double size;			/* points */
	int bold;
	double grey;			/* 0 black .. 1 white */
};

static const struct style st_title = { 16, 1, 0 };
static const struct style st_heading = { 12.5, 1, 0 };
static const struct style st_text = { 9.5, 0, 0 };
static const struct style st_head_cell = { 9, 1, 0 };
static const struct style st_small = { 8, 0, 0.3 };

static PangoLayout *
layout_new(cairo_t *cr, const char *text, const struct style *s, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd;

	if (l == NULL)
		return NULL;
	if ((fd = pango_font_description_new()) == NULL) {
		g_object_unref(l);
		return NULL;
	}
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, s->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

static int
same_layout(PangoLayout *l, const char *text, const struct style *s, double width)
{
	const PangoFontDescription *fd = pango_layout_get_font_description(l);

	return fd && strcmp(pango_layout_get_text(l), text) == 0 &&
	    pango_layout_get_width(l) == (int)(width * PANGO_SCALE) &&
	    pango_font_description_get_size(fd) == (int)(s->size * PANGO_SCALE) &&
	    pango_font_description_get_weight(fd) ==
	    (s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
}

/* layout_new's, or the same layout made in the counting pass: a new reference either way.
 * The footer is not kept: its text differs between the passes. */
static PangoLayout *
layout_get(struct pen *pen, const char *text, const struct style *s, double width)
{
	struct layouts *k = pen->kept;
	PangoLayout *l, **grown;

	if (pen->draw) {
		if (k->next < k->n && same_layout(k->l[k->next], text, s, width))
			return g_object_ref(k->l[k->next++]);
		return layout_new(pen->cr, text, s, width);
	}
	if ((l = layout_new(pen->cr, text, s, width)) == NULL)
		return NULL;
	if (k->n == k->cap) {
		if ((grown = realloc(k->l, (size_t)(k->cap ? 2 * k->cap : 256) * sizeof(*grown))) ==
		    NULL)
			return l;		/* not kept: laid out again when drawn */
		k->l = grown;
		k->cap = k->cap ? 2 * k->cap : 256;
	}
	k->l[k->n++] = g_object_ref(l);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* the largest cut <= want (points from the top) that falls between lines in every
 * layout, so no line is split over two pages; 0 when the first line is taller */
static double
line_cut(PangoLayout *const *ls, int n, double want)
{
	double cut = want, before;
	PangoLayoutIter *it;
	int i, y0, y1;

	do {
		before = cut;
		for (i = 0; i < n; i++) {
			if ((it = pango_layout_get_iter(ls[i])) == NULL)
				continue;
			do {
				pango_layout_iter_get_line_yrange(it, &y0, &y1);
				if ((double)y0 / PANGO_SCALE < cut && (double)y1 / PANGO_SCALE > cut)
					cut = (double)y0 / PANGO_SCALE;
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
		}
	} while (cut < before);
	return cut;
}

static void
draw_layout(struct pen *pen, PangoLayout *l, double x, double y, double grey)
{
	if (!pen->draw)
		return;
	cairo_set_source_rgb(pen->cr, grey, grey, grey);
	cairo_move_to(pen->cr, x, y);
	pango_cairo_show_layout(pen->cr, l);
}

/* the lines of l whose middle lies in [from, to) (points from its top), drawn with from
 * at y: a row cut over two pages draws each line once, on one of them */
static void
draw_lines(struct pen *pen, PangoLayout *l, double x, double y, double from, double to,
    double grey)
{
	PangoLayoutIter *it;
	PangoRectangle r;
	double mid;
	int y0, y1;

	if (!pen->draw || (it = pango_layout_get_iter(l)) == NULL)
		return;
	cairo_set_source_rgb(pen->cr, grey, grey, grey);
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		mid = (double)(y0 + y1) / 2 / PANGO_SCALE;
		if (mid < from || mid >= to)
			continue;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		cairo_move_to(pen->cr, x + (double)r.x / PANGO_SCALE,
		    y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - from);
		pango_cairo_show_layout_line(pen->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
rule(struct pen *pen, double y, double grey, double width)
{
	if (!pen->draw)
		return;
	cairo_set_source_rgb(pen->cr, grey, grey, grey);
	cairo_set_line_width(pen->cr, width);
	cairo_move_to(pen->cr, MARGIN_X, y);
	cairo_line_to(pen->cr, PAGE_W - MARGIN_X, y);
	cairo_stroke(pen->cr);
}

/* A structure element begun or ended, in the drawing pass (the counting pass's file is
 * thrown away). name NULL: none. */
static void
tag_begin(struct pen *pen, const char *name)
{
	if (pen->draw && name)
		cairo_tag_begin(pen->cr, name, NULL);
}

static void
tag_end(struct pen *pen, const char *name)
{
	if (pen->draw && name)
		cairo_tag_end(pen->cr, name);
}

/* the elements of a row and of its first and further cells */
static const char *const tags_pair[] = { "LI", "Lbl", "LBody" };
static const char *const tags_head[] = { "TR", "TH", "TH" };
static const char *const tags_row[] = { "TR", "TD", "TD" };

static int draw_cells(struct pen *pen, const struct block *b, const struct style *s,
    int shaded, const char *const *tags);

/* the header of the page: the caller's lines joined, then a rule */
static int
page_header(struct pen *pen)
{
	const struct pdf *p = pen->p;
	GString *s = g_string_new(NULL);
	PangoLayout *l;
	int i;

	for (i = 0; i < p->nheader; i++)
		g_string_append_printf(s, "%s%s", i ? "   ·   " : "", p->header[i]);
	l = layout_get(pen, s->str, &st_small, TEXT_W);
	g_string_free(s, TRUE);
	if (l == NULL)
		return BP_ENOMEM;
	draw_layout(pen, l, MARGIN_X, HEADER_TOP, st_small.grey);
	rule(pen, HEADER_TOP + layout_height(l) + 6, 0.6, 0.6);
	g_object_unref(l);
	return 0;
}

/* "Side n av m" centred at the foot; in the counting pass m is not known yet */
static int
page_footer(struct pen *pen)
{
	char text[64];
	PangoLayout *l;
	int w, h;

	snprintf(text, sizeof(text), "Side %d av %d", pen->page, pen->pages);
	if ((l = layout_new(pen->cr, text, &st_small, TEXT_W)) == NULL)
		return BP_ENOMEM;
	pango_layout_get_pixel_size(l, &w, &h);
	draw_layout(pen, l, (PAGE_W - w) / 2, FOOTER_Y, st_small.grey);
	g_object_unref(l);
	return 0;
}

/* end the page (if one is begun) and begin the next, with the open table's head */
static int
new_page(struct pen *pen)
{
	int rc;

	if (pen->page > 0) {
		if ((rc = page_footer(pen)) != 0)
			return rc;
		cairo_show_page(pen->cr);
	}
	pen->page++;
	pen->y = BODY_TOP;
	if ((rc = page_header(pen)) != 0)
		return rc;
	/* the head again, as a picture of it: the table's structure has it once */
	if (pen->table && (rc = draw_cells(pen, pen->table, &st_head_cell, 1, NULL)) != 0)
		return rc;
	pen->top = pen->y;
	return 0;
}

/* the column offsets and widths of a row of b */
static void
columns(const struct block *b, const struct block *table, double *x, double *w)
{
	double at = MARGIN_X;
	int i;

	for (i = 0; i < b->ncells; i++) {
		w[i] = b->kind == B_PAIR ? (i == 0 ? PAIR_QUESTION : 1 - PAIR_QUESTION) * TEXT_W :
		    table->widths[i] * TEXT_W;
		x[i] = at;
		at += w[i];
		w[i] -= CELL_GAP;
	}
}

/* A row of cells (a pair, a table's head or row) at pen->y, with a rule below. A row
 * that does not fit begins a new page; one taller than a page is cut between lines, and
 * each page's part is a row element of its own (tags, NULL for none): an element's
 * cells cannot go on after another's, and a page lies between them. */
static int
draw_cells(struct pen *pen, const struct block *b, const struct style *s, int shaded,
    const char *const *tags)
{
	PangoLayout *ls[PDF_COLS_MAX];
	double x[PDF_COLS_MAX], w[PDF_COLS_MAX], h = 0, off = 0, part;
	const struct block *table = b->kind == B_PAIR ? NULL : pen->table;
	int i, n = b->ncells, rc = 0;

	columns(b, table ? table : b, x, w);
	for (i = 0; i < n; i++) {
		if ((ls[i] = layout_get(pen, b->cells[i], s, w[i])) == NULL) {
			while (i-- > 0)
				g_object_unref(ls[i]);
			return BP_ENOMEM;
		}
		if (layout_height(ls[i]) > h)
			h = layout_height(ls[i]);
	}
	/* a row that would fit on a page of its own begins one; a longer one begins here */
	if (pen->y + h + 2 * PAD > BODY_BOTTOM && pen->y > pen->top && b->kind != B_TABLE &&
	    h + 2 * PAD <= BODY_BOTTOM - BODY_TOP - (pen->table ? 30 : 0) &&
	    (rc = new_page(pen)) != 0)
		goto out;
	for (;;) {
		part = h - off;
		if (pen->y + part + 2 * PAD > BODY_BOTTOM) {
			part = line_cut(ls, n, off + BODY_BOTTOM - pen->y - 2 * PAD) - off;
			if (part <= 0)		/* a line taller than a page: cut through it */
				part = BODY_BOTTOM - pen->y - 2 * PAD;
		}
		if (pen->draw && shaded) {
			cairo_set_source_rgb(pen->cr, 0.92, 0.92, 0.92);
			cairo_rectangle(pen->cr, MARGIN_X, pen->y, TEXT_W, part + 2 * PAD);
			cairo_fill(pen->cr);
		}
		tag_begin(pen, tags ? tags[0] : NULL);
		for (i = 0; i < n; i++) {
			tag_begin(pen, tags ? tags[i ? 2 : 1] : NULL);
			draw_lines(pen, ls[i], x[i], pen->y + PAD, off,
			    off + part >= h - 0.01 ? h + 1 : off + part, s->grey);
			tag_end(pen, tags ? tags[i ? 2 : 1] : NULL);
		}
		tag_end(pen, tags ? tags[0] : NULL);
		pen->y += part + 2 * PAD;
		rule(pen, pen->y, 0.8, 0.4);
		off += part;
		if (off >= h - 0.01)
			break;
		if ((rc = new_page(pen)) != 0)
			goto out;
	}
out:
	for (i = 0; i < n; i++)
		g_object_unref(ls[i]);
	return rc;
}

/* a title, heading or paragraph across the text width, as the element tag */
static int
draw_text(struct pen *pen, const struct block *b, const struct style *s, double above,
    double keep, const char *tag)
{
	PangoLayout *l;
	double h;
	int rc = 0;

	if ((l = layout_get(pen, b->cells[0], s, TEXT_W)) == NULL)
		return BP_ENOMEM;
	h = layout_height(l);
	if (pen->y > pen->top)
		pen->y += above;
	if (pen->y + h + keep > BODY_BOTTOM && pen->y > pen->top && (rc = new_page(pen)) != 0)
		goto out;
	tag_begin(pen, tag);
	draw_layout(pen, l, MARGIN_X, pen->y, s->grey);
	tag_end(pen, tag);
	pen->y += h + 4;
out:
	g_object_unref(l);
	return rc;
}

/* a chart at pen->y, scaled to the text width when wider (and to a page when taller);
 * on the next page when it does not fit on this one */
static int
draw_chart(struct pen *pen, const struct block *b)
{
	double k = b->cw > TEXT_W ? TEXT_W / b->cw : 1, h, x;
	int i, rc;

	if (b->ch * k > BODY_BOTTOM - BODY_TOP)
		k = (BODY_BOTTOM - BODY_TOP) / b->ch;
	h = b->ch * k;

	if (pen->y + h > BODY_BOTTOM && pen->y > pen->top && (rc = new_page(pen)) != 0)
		return rc;
	if (pen->draw) {
		tag_begin(pen, "Figure");
		cairo_save(pen->cr);
		cairo_translate(pen->cr, MARGIN_X, pen->y);
		cairo_scale(pen->cr, k, k);
		for (i = 0; i < b->nshapes; i++) {
			const struct shape *s = &b->shapes[i];
			struct style st = { s->c, 0, 0 };
			PangoLayout *l;
			int lw, lh;

			cairo_set_source_rgb(pen->cr, s->rgb[0], s->rgb[1], s->rgb[2]);
			switch (s->kind) {
			case 'r':
				cairo_rectangle(pen->cr, s->a, s->b, s->c, s->d);
				cairo_fill(pen->cr);
				break;
			case 'l':
				cairo_set_line_width(pen->cr, 1);
				cairo_move_to(pen->cr, s->a, s->b);
				cairo_line_to(pen->cr, s->c, s->d);
				cairo_stroke(pen->cr);
				break;
			case 't':
				if ((l = layout_get(pen, s->text, &st, b->cw)) == NULL) {
					cairo_restore(pen->cr);
					tag_end(pen, "Figure");
					return BP_ENOMEM;
				}
				pango_layout_set_width(l, -1);
				pango_layout_get_size(l, &lw, &lh);
				x = s->a - (s->anchor == 'm' ? lw / 2.0 : s->anchor == 'e' ? lw : 0) /
				    PANGO_SCALE;
				cairo_move_to(pen->cr, x, s->b -
				    (double)pango_layout_get_baseline(l) / PANGO_SCALE);
				pango_cairo_show_layout(pen->cr, l);
				g_object_unref(l);
				break;
			default:
				abort();
			}
		}
		cairo_restore(pen->cr);
		tag_end(pen, "Figure");
	}
	pen->y += h + 6;
	return 0;
}

/* the room a heading needs below it: a line or two, or the chart that follows it (after a
 * paragraph or two), so a section's heading does not end a page without its chart */
static double
keep_with(const struct pen *pen, const struct block *b)
{
	const struct block *end = pen->p->blocks + pen->p->nblocks, *n = b + 1;
	double k, h;
	int paragraphs = 0;

	for (; n < end && n->kind == B_PARAGRAPH && paragraphs < 3; n++)
		paragraphs++;
	if (n >= end || n->kind != B_CHART)
		return KEEP_WITH_HEADING;
	k = n->cw > TEXT_W ? TEXT_W / n->cw : 1;
	h = n->ch * k + 30 * paragraphs;
	return h < BODY_BOTTOM - BODY_TOP - 40 ? h : KEEP_WITH_HEADING;
}

/* a run of pairs is one list: begun at its first, ended after its last */
static int
draw_pair(struct pen *pen, const struct block *b)
{
	const struct block *first = pen->p->blocks, *end = first + pen->p->nblocks;
	int rc;

	if (b == first || b[-1].kind != B_PAIR)
		tag_begin(pen, "L");
	rc = draw_cells(pen, b, &st_text, 0, tags_pair);
	if (b + 1 == end || b[1].kind != B_PAIR)
		tag_end(pen, "L");
	return rc;
}

static int
draw_block(struct pen *pen, const struct block *b)
{
	int rc;

	if (b->kind != B_ROW && pen->table) {
		tag_end(pen, "Table");
		pen->table = NULL;
	}
	switch (b->kind) {
	case B_TITLE:
		return draw_text(pen, b, &st_title, 0, 0, "H1");
	case B_HEADING:
		return draw_text(pen, b, &st_heading, 12, keep_with(pen, b), "H2");
	case B_PARAGRAPH:
		return draw_text(pen, b, &st_text, 2, 0, "P");
	case B_PAIR:
		return draw_pair(pen, b);
	case B_TABLE:
		/* its head and a first row together, or on the next page */
		if (pen->y + KEEP_WITH_HEADING > BODY_BOTTOM && (rc = new_page(pen)) != 0)
			return rc;
		pen->y += 4;
		tag_begin(pen, "Table");
		rc = draw_cells(pen, b, &st_head_cell, 1, tags_head);
		pen->table = b;		/* ended by the next block that is no row */
		return rc;
	case B_ROW:
		return draw_cells(pen, b, &st_text, 0, tags_row);
	case B_CHART:
		return draw_chart(pen, b);
	}
	abort();
}

/* -- rendering ------------------------------------------------------------------------------ */

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;

	buf_add(b, data, len);
	return b->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
to_nowhere(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure, (void)data, (void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* one pass: into out when drawing, else only counting into *pages */
static int
pass(const struct pdf *p, struct layouts *kept, struct buf *out, int *pages)
{
	cairo_surface_t *sf;
	struct pen pen;
	int i, rc = 0;

	sf = out ? cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H) :
	    cairo_pdf_surface_create_for_stream(to_nowhere, NULL, PAGE_W, PAGE_H);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(sf);
		return BP_EIO;
	}
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "Brukerplan");
	memset(&pen, 0, sizeof(pen));
	pen.kept = kept;
	pen.cr = cairo_create(sf);
	pen.p = p;
	pen.draw = out != NULL;
	pen.pages = *pages;
	tag_begin(&pen, "Document");
	rc = new_page(&pen);
	for (i = 0; rc == 0 && i < p->nblocks; i++)
		rc = draw_block(&pen, &p->blocks[i]);
	if (rc == 0 && pen.table)
		tag_end(&pen, "Table");
	if (rc == 0)
		tag_end(&pen, "Document");
	if (rc == 0)
		rc = page_footer(&pen);
	if (rc == 0)
		cairo_show_page(pen.cr);
	if (rc == 0 && cairo_status(pen.cr) != CAIRO_STATUS_SUCCESS)
		rc = BP_EIO;
	cairo_destroy(pen.cr);
	cairo_surface_finish(sf);
	if (rc == 0 && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		rc = out && out->err ? BP_ENOMEM : BP_EIO;
	cairo_surface_destroy(sf);
	*pages = pen.page;
	return rc;
}

/* Fontconfig's own start reads the system's configuration (dozens of files under
 * /etc/fonts) and every font directory's cache: a sixth of an innsyn document. The
 * documents use one family, so a configuration of our own with its two faces will do;
 * where they are not found, the system's is used as before. */
static void
fonts_setup(void)
{
	static int done;
	FcConfig *c;
	size_t i;

	if (done++ || (c = FcConfigCreate()) == NULL)
		return;
	for (i = 0; i < sizeof(font_files) / sizeof(font_files[0]); i++)
		if (!FcConfigAppFontAddFile(c, (const FcChar8 *)font_files[i])) {
			FcConfigDestroy(c);
			return;
		}
	FcConfigSetCurrent(c);		/* which holds a reference of its own */
	FcConfigDestroy(c);
}

/* The language, the title display and each chart's alternative text (pdfamend.h): its
 * own, or else its texts joined, which is what a reader would have read of it. A file
 * cairo laid out otherwise (another version of it) is sent as cairo wrote it: still
 * tagged, and a person's innsyn is not refused for want of a /Lang. */
static int
amend(const struct pdf *p, struct buf *out, size_t base)
{
	const char *alts[PDFAMEND_FIGURES_MAX] = { NULL };
	struct buf texts[PDFAMEND_FIGURES_MAX];
	int i, j, n = 0, rc = 0;

	for (i = 0; i < p->nblocks && n < PDFAMEND_FIGURES_MAX; i++) {
		const struct block *b = &p->blocks[i];

		if (b->kind != B_CHART)
			continue;
		memset(&texts[n], 0, sizeof(texts[n]));
		for (j = 0; b->alt == NULL && j < b->nshapes; j++)
			if (b->shapes[j].kind == 't')
				buf_printf(&texts[n], "%s%s", texts[n].len ? ", " : "",
				    b->shapes[j].text);
		alts[n] = b->alt ? b->alt : texts[n].p ? texts[n].p : "Diagram";
		if (texts[n++].err)
			rc = BP_ENOMEM;
	}
	if (rc == 0 && (rc = pdfamend(out, base, "nb-NO", alts, n)) == BP_EINVAL) {
		log_error("pdf: the file is not as cairo 1.16 writes it: sent without /Lang");
		rc = 0;
	}
	for (i = 0; i < n; i++)
		buf_free(&texts[i]);
	return rc;
}

int
pdf_render(struct pdf *p, struct buf *out)
{
	struct layouts kept = { NULL, 0, 0, 0 };
	int pages = 0, counted, rc, i;
	size_t base = out->len;

	fonts_setup();
	if ((rc = pass(p, &kept, NULL, &pages)) == 0) {
		counted = pages;
		rc = pass(p, &kept, out, &pages);
		/* both passes lay out alike; a difference would print a wrong "av m" */
		if (rc == 0 && pages != counted)
			rc = BP_EIO;
	}
	for (i = 0; i < kept.n; i++)
		g_object_unref(kept.l[i]);
	free(kept.l);
	return rc == 0 ? amend(p, out, base) : rc;
}

void
pdf_exit(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
