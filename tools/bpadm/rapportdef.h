/* rapportdef.h: a year's report definition follows its questionnaire (rapportdef.c).
 *
 * The Kommunerapport of a year is data/rapport/YEAR.xml, written out from its source
 * (data/rapport/kilde/YEAR.xml) and the year's questionnaire by rapport.xsl. Publishing a
 * year that has no source of its own takes the previous year's; every id the source uses
 * must be a question of the new questionnaire. */
#ifndef BP_BPADM_RAPPORTDEF_H
#define BP_BPADM_RAPPORTDEF_H

#include "definition_cmd.h"

#define REPORT_SOURCE_DIR "rapport/kilde"	/* below the data directory */
#define REPORT_XSL "rapport/rapport.xsl"
#define REPORT_DIR_NAME "rapport"

/* report_derive_check: say (as faults of c) every id the year's report source, or the one it
 * would follow, uses that c's questionnaire lacks */
void report_derive_check(const char *data_dir, struct defcheck *c);
/* A year's report definition as made, before it is written. */
struct report_made {
	int year;			/* 0: nothing to write (a site without reports) */
	struct buf source;		/* its source, derived from an earlier year's ("" when
					 * the year has its own) */
	struct buf report;		/* written out against the new questionnaire */
};

/* report_derive: make the report definition of the year c checks, from c's file (faults
 * go to c). Free r with report_made_free. */
int report_derive(const char *data_dir, struct defcheck *c, struct report_made *r);
/* report_install: write what report_derive made (its source first) */
int report_install(const char *data_dir, const struct report_made *r);
void report_made_free(struct report_made *r);

#endif
