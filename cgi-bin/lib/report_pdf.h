/* report_pdf.h: a report as PDF. Apart from report.h so that only the program that prints
 * a report links cairo and pango (pdf.h). */
#ifndef BP_REPORT_PDF_H
#define BP_REPORT_PDF_H

#include "render.h"
#include "util.h"

/* report_pdf: the report's page model pg (report_xml's <report> under it, with the
 * target) through xslt_dir/rapport-pdf.xsl, whose blocks (headings, paragraphs, the
 * charts' SVG shape by shape, tables) are drawn by pdf.h; the PDF appended to out, its
 * metadata title title. pg's stylesheet name is changed. 0 or a bp_err: BP_EINVAL for a
 * block or shape the stylesheet should not make. */
int report_pdf(const char *xslt_dir, struct page *pg, const char *title, struct buf *out);

#endif
