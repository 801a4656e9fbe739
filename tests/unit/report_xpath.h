/* report_xpath.h: what the report tests read of a report's XML (report_xml): a cell's
 * count, a column's persons (unit.h's count_of: how many nodes an expression selects).
 * Include after unit.h. */
#ifndef BP_REPORT_XPATH_H
#define BP_REPORT_XPATH_H

#include <libxml/xpath.h>

/* the n of a cell: section, row (or "base"), column, measure (or NULL) */
static inline char *
cell(xmlDocPtr doc, const char *sec, const char *row, const char *col, const char *m)
{
	static char out[64];
	char xp[512];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;

	if (strcmp(row, "base") == 0)
		snprintf(xp, sizeof(xp), "string(//section[@id='%s']/base/v[@col='%s']/@n)", sec, col);
	else
		snprintf(xp, sizeof(xp), "string(//section[@id='%s']/row[@id='%s']/v[@col='%s'%s%s%s]/@n)",
		    sec, row, col, m ? " and @m='" : "", m ? m : "", m ? "'" : "");
	o = xmlXPathEvalExpression(BAD_CAST xp, ctx);
	assert_non_null(o);
	snprintf(out, sizeof(out), "%s", o->stringval ? (const char *)o->stringval : "");
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

static inline char *
column(xmlDocPtr doc, const char *col)
{
	static char out[64];
	char xp[128];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;

	snprintf(xp, sizeof(xp), "string(//columns/column[@id='%s']/@n)", col);
	o = xmlXPathEvalExpression(BAD_CAST xp, ctx);
	snprintf(out, sizeof(out), "%s", o->stringval ? (const char *)o->stringval : "");
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

#endif
