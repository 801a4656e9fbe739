/* pdfbuild.c: a document's blocks as the caller gives them (pdf.h), checked and copied;
 * pdf.c lays them out and draws them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfdoc.h"

/* -- building ------------------------------------------------------------------------------- */

int
pdf_new(const char *title, struct pdf **out)
{
	struct pdf *p;

	*out = NULL;
	if (!utf8_valid(title, strlen(title)))
		return BP_EINVAL;
	if ((p = calloc(1, sizeof(*p))) == NULL || (p->title = strdup(title)) == NULL) {
		free(p);
		return BP_ENOMEM;
	}
	*out = p;
	return 0;
}

void
pdf_free(struct pdf *p)
{
	int i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->nblocks; i++) {
		for (j = 0; j < p->blocks[i].ncells; j++)
			free(p->blocks[i].cells[j]);
		for (j = 0; j < p->blocks[i].nshapes; j++)
			free(p->blocks[i].shapes[j].text);
		free(p->blocks[i].shapes);
		free(p->blocks[i].alt);
	}
	for (i = 0; i < p->nheader; i++)
		free(p->header[i]);
	free(p->blocks);
	free(p->title);
	free(p);
}

static int
text_ok(const char *s)
{
	size_t n = strlen(s);

	return n <= PDF_TEXT_MAX && utf8_valid(s, n);
}

int
pdf_header_line(struct pdf *p, const char *text)
{
	if (!text_ok(text))
		return BP_EINVAL;
	if (p->nheader == PDF_HEADER_LINES_MAX)
		return BP_ETOOBIG;
	if ((p->header[p->nheader] = strdup(text)) == NULL)
		return BP_ENOMEM;
	p->nheader++;
	return 0;
}

/* a block of kind with copies of cells[0..n) */
static int
add_block(struct pdf *p, enum kind kind, int n, const char *const *cells, struct block **out)
{
	struct block *b, *grown;
	int i, cap;

	for (i = 0; i < n; i++)
		if (!text_ok(cells[i]))
			return BP_EINVAL;
	if (p->nblocks == PDF_BLOCKS_MAX)
		return BP_ETOOBIG;
	if (p->nblocks == p->capblocks) {
		cap = p->capblocks ? 2 * p->capblocks : 64;
		if ((grown = realloc(p->blocks, (size_t)cap * sizeof(*grown))) == NULL)
			return BP_ENOMEM;
		p->blocks = grown;
		p->capblocks = cap;
	}
	b = &p->blocks[p->nblocks];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	for (i = 0; i < n; i++) {
		if ((b->cells[i] = strdup(cells[i])) == NULL) {
			while (i-- > 0)
				free(b->cells[i]);
			return BP_ENOMEM;
		}
		b->ncells++;
	}
	p->nblocks++;
	if (kind != B_ROW && kind != B_TABLE)
		p->table_cols = 0;
	if (out)
		*out = b;
	return 0;
}

int
pdf_title(struct pdf *p, const char *text)
{
	return add_block(p, B_TITLE, 1, &text, NULL);
}

int
pdf_heading(struct pdf *p, const char *text)
{
	return add_block(p, B_HEADING, 1, &text, NULL);
}

int
pdf_paragraph(struct pdf *p, const char *text)
{
	return add_block(p, B_PARAGRAPH, 1, &text, NULL);
}

int
pdf_pair(struct pdf *p, const char *question, const char *answer)
{
	const char *cells[2] = { question, answer };

	return add_block(p, B_PAIR, 2, cells, NULL);
}

int
pdf_table(struct pdf *p, int ncols, const char *const *head, const double *widths)
{
	struct block *b;
	double sum = 0;
	int i, rc;

	if (ncols < 1 || ncols > PDF_COLS_MAX)
		return BP_EINVAL;
	for (i = 0; i < ncols; i++) {
		if (widths[i] <= 0)
			return BP_EINVAL;
		sum += widths[i];
	}
	if (sum < 0.99 || sum > 1.01)
		return BP_EINVAL;
	if ((rc = add_block(p, B_TABLE, ncols, head, &b)) != 0)
		return rc;
	memcpy(b->widths, widths, (size_t)ncols * sizeof(*widths));
	p->table_cols = ncols;
	return 0;
}

int
pdf_table_row(struct pdf *p, const char *const *cells)
{
	if (p->table_cols == 0)
		return BP_EINVAL;
	return add_block(p, B_ROW, p->table_cols, cells, NULL);
}

/* -- charts --------------------------------------------------------------------------------- */

int
pdf_chart(struct pdf *p, double width, double height)
{
	struct block *b;
	int rc;

	if (!(width > 0 && width < 10000 && height > 0 && height < 10000))
		return BP_EINVAL;
	if ((rc = add_block(p, B_CHART, 0, NULL, &b)) != 0)
		return rc;
	b->cw = width;
	b->ch = height;
	return 0;
}

int
pdf_chart_alt(struct pdf *p, const char *text)
{
	struct block *b = p->nblocks ? &p->blocks[p->nblocks - 1] : NULL;
	char *copy;

	if (b == NULL || b->kind != B_CHART || !text_ok(text))
		return BP_EINVAL;
	if ((copy = strdup(text)) == NULL)
		return BP_ENOMEM;
	free(b->alt);
	b->alt = copy;
	return 0;
}

/* "#rrggbb" as cairo's fractions */
static int
colour_parse(const char *s, double rgb[3])
{
	unsigned v[3];
	int i;

	if (s == NULL || strlen(s) != 7 || s[0] != '#' || strspn(s + 1, "0123456789abcdefABCDEF") != 6 ||
	    sscanf(s + 1, "%2x%2x%2x", &v[0], &v[1], &v[2]) != 3)
		return BP_EINVAL;
	for (i = 0; i < 3; i++)
		rgb[i] = v[i] / 255.0;
	return 0;
}

/* a new shape of the last block, which must be a chart */
static int
add_shape(struct pdf *p, char kind, const char *colour, struct shape **out)
{
	struct block *b = p->nblocks ? &p->blocks[p->nblocks - 1] : NULL;
	struct shape *grown;
	int cap;

	if (b == NULL || b->kind != B_CHART)
		return BP_EINVAL;
	if (b->nshapes == PDF_CHART_SHAPES_MAX)
		return BP_ETOOBIG;
	if (b->nshapes == b->capshapes) {
		cap = b->capshapes ? 2 * b->capshapes : 32;
		if ((grown = realloc(b->shapes, (size_t)cap * sizeof(*grown))) == NULL)
			return BP_ENOMEM;
		b->shapes = grown;
		b->capshapes = cap;
	}
	*out = &b->shapes[b->nshapes];
	memset(*out, 0, sizeof(**out));
	if (colour_parse(colour, (*out)->rgb) != 0)
		return BP_EINVAL;
	(*out)->kind = kind;
	b->nshapes++;
	return 0;
}

/* a shape of four numbers: a rectangle (x, y, w, h) or a line (x1, y1, x2, y2) */
static int
add_four(struct pdf *p, char kind, const char *colour, double a, double b, double c, double d)
{
	struct shape *s;
	int rc;

	if ((rc = add_shape(p, kind, colour, &s)) != 0)
		return rc;
	s->a = a, s->b = b, s->c = c, s->d = d;
	return 0;
}

int
pdf_chart_rect(struct pdf *p, double x, double y, double w, double h, const char *colour)
{
	return add_four(p, 'r', colour, x, y, w, h);
}

int
pdf_chart_line(struct pdf *p, double x1, double y1, double x2, double y2, const char *colour)
{
	return add_four(p, 'l', colour, x1, y1, x2, y2);
}

int
pdf_chart_text(struct pdf *p, double x, double y, double size, char anchor,
    const char *colour, const char *text)
{
	struct shape *s;
	int rc;

	if (!text_ok(text) || strchr("sme", anchor) == NULL || anchor == '\0' ||
	    !(size > 0 && size < 100))
		return BP_EINVAL;
	if ((rc = add_shape(p, 't', colour, &s)) != 0)
		return rc;
	if ((s->text = strdup(text)) == NULL) {
		p->blocks[p->nblocks - 1].nshapes--;
		return BP_ENOMEM;
	}
	s->a = x, s->b = y, s->c = size;
	s->anchor = anchor;
	return 0;
}
