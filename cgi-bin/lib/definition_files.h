/* definition_files.h: the files of a questionnaire version (definition.h), made from the
 * definition file KORFOR edits, and installed for its year. The build (the Makefile) and
 * `bpadm definition publish` on a deployed site both go through here, so a site needs
 * neither a compiler nor xsltproc to take a new year's questionnaire. */
#ifndef BP_DEFINITION_FILES_H
#define BP_DEFINITION_FILES_H

#include <stddef.h>

#include "definition.h"
#include "util.h"

/* the stylesheets that make a version, kept in the data directory's kartlegging/ */
#define DEFINITION_STAMP_XSL "stamp.xsl"
#define DEFINITION_FORM_XSL "form.xsl"
#define DEFINITION_RNG "definition.rng"
#define DEFINITION_STAMP_LEN 16		/* hex of the SHA-256 of the source */
#define DEFINITION_VERSION_LEN 24	/* "YEAR-" and 16 hex of the files' SHA-256 */
#define DEFINITION_YEARS_MAX 64

/* A version as made, before it is installed. */
struct definition_made {
	int year;			/* the source's year attribute */
	char stamp[DEFINITION_STAMP_LEN + 1];
	char version[DEFINITION_VERSION_LEN + 1];	/* its directory's name */
	struct buf xml;			/* DEFINITION_XML */
	struct buf form;		/* DEFINITION_FORM */
	struct buf image;		/* DEFINITION_IMAGE */
};

/* definition_make: the files of a version from the source text src[0..len), with the
 * stylesheets in data_dir/kartlegging. On failure a Norwegian reason (no path) goes to
 * why. Free m with definition_made_free, also after a failure. */
int definition_make(const char *data_dir, const char *src, size_t len,
    struct definition_made *m, char *why, size_t whysize);
void definition_made_free(struct definition_made *m);

/* definition_install: write m and its source into a new version directory beside the
 * others and switch m->year's link to it (definition.h says why that is atomic). A version
 * with the same files is reused. The versions a link no longer names stay: a request that
 * resolved one a moment ago still reads it whole. */
int definition_install(const char *data_dir, const struct definition_made *m,
    const char *src, size_t len);

/* definition_years: the installed years, ascending, into years (at most max); their count,
 * or < 0. */
int definition_years(const char *data_dir, int *years, int max);

/* definition_source_stamp: the stamp of a source text (what the build and publish write
 * into the stamped copy). */
int definition_source_stamp(const char *src, size_t len, char out[DEFINITION_STAMP_LEN + 1]);

#endif
