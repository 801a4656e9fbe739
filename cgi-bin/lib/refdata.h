/* refdata.h: kommuner (2024) with fylke, bydeler and KORUS regions, from data/refdata.xml
 * (made at build time from the CSV files in data/; data/SOURCES.md gives the sources). */
#ifndef BP_REFDATA_H
#define BP_REFDATA_H

#include <libxml/tree.h>

#include "render.h"

#define REFDATA_FILE "refdata.xml"

struct refdata;

/* refdata_load: BP_EIO / BP_EXML when the file is missing or not ours. */
int refdata_load(const char *dir, struct refdata **out);
void refdata_free(struct refdata *rd);	/* accepts NULL */

/* lookups; NULL when unknown. Strings live as long as rd. */
const char *refdata_kommune_name(const struct refdata *rd, const char *nr);
const char *refdata_kommune_region(const struct refdata *rd, const char *nr);
const char *refdata_region_name(const struct refdata *rd, const char *id);
const char *refdata_bydel_name(const struct refdata *rd, const char *kommune, const char *bydel);
int refdata_bydel_count(const struct refdata *rd, const char *kommune);

/* refdata_page: add <regions> (all, or only region) and <kommuner> (those of region, or
 * only kommune, or all when both are NULL) with their bydeler, for <select>s. */
void refdata_page(struct page *pg, const struct refdata *rd, const char *region,
    const char *kommune);

#endif
