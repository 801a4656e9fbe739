/* pdf.h: documents for innsyn (the person's rights, 2025 and 2026 manuals) as PDF, A4 portrait:
 * the only module that talks to cairo and pango, so only the programs that print link them.
 *
 * A document is built as a list of blocks (title, headings, paragraphs, question/answer
 * rows, tables) and rendered at the end, twice: the first pass counts the pages, the
 * second draws them with "Side n av m" at the foot. Every page carries the running header
 * the caller gives; a table's header row is repeated on each page it runs over. Text is
 * plain UTF-8 (never pango markup), set in DejaVu Sans (Debian's fonts-dejavu-core) found
 * through fontconfig, so Norwegian letters are embedded and come back out as text.
 * The file is a tagged PDF in Norwegian bokmål (nb-NO) whose title shows in the viewer's
 * window: a screen reader reads its title, headings, paragraphs, tables and charts as
 * such (pdf.c says how).
 *
 * Every function returns 0 or a bp_err: BP_EINVAL for text that is not UTF-8 or a table
 * row without a table, BP_ETOOBIG past the limits below, BP_ENOMEM, and BP_EIO when cairo
 * fails. */
#ifndef BP_PDF_H
#define BP_PDF_H

#include "util.h"

#define PDF_HEADER_LINES_MAX 8
#define PDF_COLS_MAX 6
#define PDF_BLOCKS_MAX 20000
#define PDF_TEXT_MAX 8192		/* bytes of one text */
#define PDF_CHART_SHAPES_MAX 4096	/* shapes of one chart */

struct pdf;

/* pdf_new: an empty document whose PDF metadata title is title. Free with pdf_free. */
int pdf_new(const char *title, struct pdf **out);
void pdf_free(struct pdf *p);			/* accepts NULL */

/* pdf_header_line: add a line to the header printed at the top of every page. */
int pdf_header_line(struct pdf *p, const char *text);

int pdf_title(struct pdf *p, const char *text);	/* large, once at the start */
int pdf_heading(struct pdf *p, const char *text);	/* kept with what follows it */
int pdf_paragraph(struct pdf *p, const char *text);
/* pdf_pair: a question and its answer side by side; both wrap, a long row goes on over
 * the next page at a line boundary. */
int pdf_pair(struct pdf *p, const char *question, const char *answer);

/* pdf_table: start a table of ncols columns headed by head[], of widths[] parts of the
 * text width (summing to 1). pdf_table_row adds a row of ncols cells; the table ends at
 * the next block of another kind. */
int pdf_table(struct pdf *p, int ncols, const char *const *head, const double *widths);
int pdf_table_row(struct pdf *p, const char *const *cells);

/* A chart: a picture of width x height units, scaled down to the text width when wider,
 * made of rectangles, lines and one-line texts in its own coordinates (y downwards, as in
 * SVG: the report's charts are the SVG its stylesheet draws, shape by shape). colour is
 * "#rrggbb"; anchor 's'tart, 'm'iddle or 'e'nd of the text at x; y is the baseline. */
int pdf_chart(struct pdf *p, double width, double height);
int pdf_chart_rect(struct pdf *p, double x, double y, double w, double h, const char *colour);
int pdf_chart_line(struct pdf *p, double x1, double y1, double x2, double y2,
    const char *colour);
int pdf_chart_text(struct pdf *p, double x, double y, double size, char anchor,
    const char *colour, const char *text);
/* pdf_chart_alt: what the last chart shows, in words, for a screen reader (the figure's
 * /Alt); without it the chart's texts joined stand in. */
int pdf_chart_alt(struct pdf *p, const char *text);

/* pdf_render: lay out and draw the document into out (appended). */
int pdf_render(struct pdf *p, struct buf *out);

/* pdf_exit: drop the font caches fontconfig, pango and cairo keep for the process, so a
 * leak checker sees them freed. Call once, last, and print nothing after it. */
void pdf_exit(void);

#endif
