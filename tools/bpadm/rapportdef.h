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
/* report_derive: write the year's report definition for the version c made (and its source,
 * from the previous year's, when it has none). 0 also when there is no report source at
 * all (a site without reports). */
int report_derive(const char *data_dir, const struct defcheck *c);

#endif
