/* pdfamend.h: what a tagged PDF needs that cairo 1.16 (Debian 12) cannot write: the
 * document's language (/Lang in the catalog), the viewer preference that shows the title
 * instead of the file name (/DisplayDocTitle), the alternative text of each figure (/Alt
 * of its structure element) and the scope of each table header cell (/Scope /Column).
 * cairo's cairo_tag_begin takes no attributes for structure elements and its catalog
 * has no /Lang, so they are added to the file cairo wrote as an incremental update (PDF
 * 32000-1:2008, 7.5.6): the changed objects are appended, written whole again, with a
 * cross-reference section and a trailer that points back (/Prev) to cairo's. Every PDF
 * reader reads the file as amended; cairo's own bytes are not touched. Only pdf.c uses
 * it. */
#ifndef BP_PDFAMEND_H
#define BP_PDFAMEND_H

#include "util.h"

#define PDFAMEND_FIGURES_MAX 512

/* pdfamend: amend the PDF that cairo wrote at pdf->p[base..len): its catalog gets /Lang
 * (lang, a BCP 47 tag such as "nb-NO") and /ViewerPreferences << /DisplayDocTitle true >>,
 * the i-th structure element of type Figure (by object number, which cairo gives in the
 * order the tags were begun: the document's) gets /Alt alts[i], and every TH the scope
 * Column (pdf.c's tables are headed by one row). 0; BP_EINVAL when the
 * file is not laid out as cairo writes it, or its figures are not nalts (then nothing is
 * appended and the file stays as cairo wrote it); BP_ENOMEM. */
int pdfamend(struct buf *pdf, size_t base, const char *lang, const char *const *alts,
    int nalts);

#endif
