/* infoletter.h: the informasjonsskriv (2026 manual, "Personvern"; Vedlegg 2, "Kommunene"):
 * every person who may be surveyed must be told beforehand, one by one, of the planned
 * registration, of the rights to reservasjon, innsyn, retting and sletting, and of the
 * deadline for them, which is the kommune's overføringsdato. Helse Stavanger (KORFOR)
 * writes the letter the kommuner use: one text for the whole country, kept as one XML
 * record under the meta key "infoletter", with placeholders each kommune's copy fills in.
 *
 * The text: blank lines part paragraphs; a line "# …" is the title, "## …" a heading.
 * Placeholders: {kommune} ("Stavanger kommune"), {overføringsdato} (dd.mm.åååå), {år}. */
#ifndef BP_INFOLETTER_H
#define BP_INFOLETTER_H

#include "store.h"

#define INFOLETTER_MAX_CHARS 8000	/* characters of the text (a page or two) */
/* characters of a paragraph, title or heading: filled in with the longest kommune name,
 * one stays within what a PDF text may hold (pdf.h) */
#define INFOLETTER_PARAGRAPH_MAX 1500

extern const char infoletter_default[];	/* the letter until KORFOR changes it */

/* infoletter_get: the text into out (the default when KORFOR has written none) and its
 * version (the time it was set; 0 for the default). */
int infoletter_get(struct store_txn *txn, struct buf *out, long long *version);
/* infoletter_set: a new text as version now; text "" goes back to the default. */
int infoletter_set(struct store_txn *txn, const char *text, const char *by, long long now);

/* infoletter_check: NULL when text may be saved, else why not, in Norwegian: an unknown
 * placeholder, or one of {kommune} and {overføringsdato} missing (the letter must name
 * who is responsible and the deadline), no title, or a part that is too long. Its
 * whole length is the caller's. */
const char *infoletter_check(const char *text);

/* The values of the placeholders of one kommune's copy. */
struct infoletter_fields {
	const char *kommune;		/* "Stavanger kommune" */
	const char *overforingsdato;	/* dd.mm.åååå */
	int year;
};

/* infoletter_fill: text with its placeholders filled in, into out. BP_EINVAL for an
 * unknown placeholder (infoletter_check lets none through). */
int infoletter_fill(const char *text, const struct infoletter_fields *f, struct buf *out);

/* The parts of a (filled) text, in order: the title ("# "), headings ("## ", and a
 * later "# "), paragraphs (lines up to a blank one, joined by "\n"). */
enum infoletter_part { INFOLETTER_TITLE, INFOLETTER_HEADING, INFOLETTER_PARAGRAPH };
typedef int (*infoletter_fn)(enum infoletter_part part, const char *text, void *arg);
/* infoletter_parts: fn with each part; stops at the first non-zero return and returns
 * it; BP_ENOMEM. */
int infoletter_parts(const char *text, infoletter_fn fn, void *arg);

#endif
