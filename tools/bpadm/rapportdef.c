/* rapportdef.c: a year's report definition, following its questionnaire (rapportdef.h).
 *
 * The report's source names questions by id (README "The questionnaire definition": ids are
 * stable across years), so next year's report is this year's source with its year changed,
 * written out against next year's questionnaire by the same rapport.xsl the build used. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "rapportdef.h"
#include "render.h"

/* the year whose source the report of year takes: its own, else the latest before it */
static int
source_year(const char *data_dir, int year, char *path, size_t size)
{
	struct stat sb;
	int y;

	for (y = year; y >= year - 50; y--) {
		snprintf(path, size, "%s/" REPORT_SOURCE_DIR "/%04d.xml", data_dir, y);
		if (stat(path, &sb) == 0)
			return y;
	}
	return 0;
}

void
report_derive_check(const char *data_dir, struct defcheck *c)
{
	char path[PATH_MAX], *ids, *tok, *save;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr r = NULL;
	xmlDocPtr doc;
	int y, i;

	if ((y = source_year(data_dir, c->made.year, path, sizeof(path))) == 0) {
		printf("Ingen rapportdefinisjon å følge.\n");
		return;
	}
	if ((doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR)) == NULL) {
		defcheck_error(c, 0, "rapportdefinisjonen for %d kan ikke leses", y);
		return;
	}
	if ((ctx = xmlXPathNewContext(doc)) != NULL)
		r = xmlXPathEvalExpression(BAD_CAST "//section/@item | //when/@item", ctx);
	for (i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
		xmlNodePtr a = r->nodesetval->nodeTab[i];

		if (a->children == NULL || (ids = strdup((const char *)a->children->content)) == NULL)
			continue;
		for (tok = strtok_r(ids, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			if (c->def && definition_item(c->def, tok) == NULL)
				defcheck_error(c, 0, "rapportdefinisjonen %s %d (" REPORT_SOURCE_DIR
				    "/%04d.xml, linje %ld) bruker «%s», som spørreskjemaet ikke "
				    "har", y == c->made.year ? "for" : "som følges, fra", y, y,
				    xmlGetLineNo(a->parent), tok);
		free(ids);
	}
	if (y != c->made.year)
		printf("Rapportdefinisjonen for %d lages fra den for %d.\n", c->made.year, y);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

static int
write_atomic(const char *path, const void *p, size_t len)
{
	char tmp[PATH_MAX + 16];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "we")) == NULL)
		return BP_EIO;
	/* readable by the web server's user whatever the umask of the one who publishes */
	ok = fchmod(fileno(f), 0644) == 0 && fwrite(p, 1, len, f) == len && fflush(f) == 0 &&
	    fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return BP_EIO;
	}
	return 0;
}

/* rapport.xsl over doc, with the questionnaire at the absolute path def: document($def)
 * reads it, so files may be read, nothing written */
static int
write_out(const char *xsl, xmlDocPtr doc, const char *def, struct buf *out)
{
	char param[PATH_MAX + 8];
	const char *params[] = { "def", param, NULL };

	/* a string parameter: a path with a quote in it cannot be one */
	if (strchr(def, '\'') != NULL)
		return BP_EINVAL;
	snprintf(param, sizeof(param), "'%s'", def);
	return render_file(xsl, doc, params, 1, out) == 0 ? 0 : BP_EIO;
}

int
report_derive(const char *data_dir, struct defcheck *c, struct report_made *r)
{
	char src[PATH_MAX], xsl[PATH_MAX], def[PATH_MAX], y[8];
	xmlChar *text = NULL;
	xmlDocPtr doc;
	struct stat sb;
	int from, len = 0;

	memset(r, 0, sizeof(*r));
	snprintf(xsl, sizeof(xsl), "%s/" REPORT_XSL, data_dir);
	if ((from = source_year(data_dir, c->made.year, src, sizeof(src))) == 0 ||
	    stat(xsl, &sb) != 0)
		return 0;		/* a site without reports */
	if ((doc = xmlReadFile(src, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_NOERROR)) == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		defcheck_error(c, 0, "rapportdefinisjonen for %d kan ikke leses", from);
		return 0;
	}
	if (from != c->made.year) {
		/* the previous year's source, for this year */
		snprintf(y, sizeof(y), "%04d", c->made.year);
		xmlSetProp(xmlDocGetRootElement(doc), BAD_CAST "year", BAD_CAST y);
		xmlSetProp(xmlDocGetRootElement(doc), BAD_CAST "definition", BAD_CAST y);
		xmlDocDumpMemoryEnc(doc, &text, &len, "UTF-8");
		buf_add(&r->source, text, (size_t)(text ? len : 0));
		xmlFree(text);
	}
	/* the questionnaire as it is published (absolute: document() takes a relative path
	 * from the stylesheet's directory) */
	if (realpath(c->file, def) == NULL ||
	    write_out(xsl, doc, def, &r->report) != 0 || r->source.err)
		defcheck_error(c, 0, "rapport.xsl kan ikke lage rapportdefinisjonen for %d av "
		    "denne filen", c->made.year);
	else
		r->year = c->made.year;
	xmlFreeDoc(doc);
	return 0;
}

int
report_install(const char *data_dir, const struct report_made *r)
{
	char path[PATH_MAX];
	int rc;

	if (r->year == 0)
		return 0;
	if (r->source.len > 0) {
		snprintf(path, sizeof(path), "%s/" REPORT_SOURCE_DIR, data_dir);
		if (mkdir(path, 0755) == 0)
			chmod(path, 0755);
		snprintf(path, sizeof(path), "%s/" REPORT_SOURCE_DIR "/%04d.xml", data_dir, r->year);
		if ((rc = write_atomic(path, r->source.p, r->source.len)) != 0)
			return rc;
	}
	snprintf(path, sizeof(path), "%s/" REPORT_DIR_NAME "/%04d.xml", data_dir, r->year);
	return write_atomic(path, r->report.p, r->report.len);
}

void
report_made_free(struct report_made *r)
{
	buf_free(&r->source);
	buf_free(&r->report);
}
