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
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "rapportdef.h"

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
				defcheck_error(c, 0, "rapportdefinisjonen %s %d bruker «%s» (linje "
				    "%ld der), som spørreskjemaet ikke har", y == c->made.year ?
				    "for" : "som følges, fra", y, tok, xmlGetLineNo(a->parent));
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
	ok = fwrite(p, 1, len, f) == len && fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return BP_EIO;
	}
	return 0;
}

/* the source of year from that of another: its year and definition set to year */
static int
source_for(const char *from, const char *to, int year)
{
	xmlDocPtr doc = xmlReadFile(from, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	xmlChar *text = NULL;
	char y[8];
	int len = 0, rc = BP_EXML;

	if (doc == NULL || xmlDocGetRootElement(doc) == NULL)
		goto out;
	snprintf(y, sizeof(y), "%04d", year);
	xmlSetProp(xmlDocGetRootElement(doc), BAD_CAST "year", BAD_CAST y);
	xmlSetProp(xmlDocGetRootElement(doc), BAD_CAST "definition", BAD_CAST y);
	xmlDocDumpMemoryEnc(doc, &text, &len, "UTF-8");
	rc = text ? write_atomic(to, text, (size_t)len) : BP_ENOMEM;
out:
	xmlFree(text);
	xmlFreeDoc(doc);
	return rc;
}

int
report_derive(const char *data_dir, const struct defcheck *c)
{
	char src[PATH_MAX], own[PATH_MAX], xsl[PATH_MAX], def[PATH_MAX + 32], out[PATH_MAX];
	char param[PATH_MAX + 40], vdir[PATH_MAX], real[PATH_MAX];
	const char *params[] = { "def", param, NULL };
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr ctx = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xmlDocPtr doc = NULL, res = NULL;
	xmlChar *text = NULL;
	struct stat sb;
	int y, len = 0, rc = BP_EIO;

	snprintf(xsl, sizeof(xsl), "%s/" REPORT_XSL, data_dir);
	if ((y = source_year(data_dir, c->made.year, src, sizeof(src))) == 0 ||
	    stat(xsl, &sb) != 0)
		return 0;
	if (y != c->made.year) {
		snprintf(own, sizeof(own), "%s/" REPORT_SOURCE_DIR "/%04d.xml", data_dir,
		    c->made.year);
		if ((rc = source_for(src, own, c->made.year)) != 0) {
			fprintf(stderr, "bpadm: definition: %s: kan ikke skrives\n", own);
			return rc;
		}
		str_copy(src, sizeof(src), own);
	}
	if (definition_dir(data_dir, c->made.year, vdir, sizeof(vdir)) != 0)
		return BP_ENOENT;
	/* absolute: document() takes a relative path from the stylesheet's directory */
	if (realpath(vdir, real) == NULL)
		return BP_EIO;
	snprintf(def, sizeof(def), "%s/" DEFINITION_SOURCE, real);
	/* a string parameter: the path holds no quote (made above from safe parts) */
	if (strchr(def, '\'') != NULL)
		return BP_EINVAL;
	snprintf(param, sizeof(param), "'%s'", def);
	if ((style = xsltParseStylesheetFile(BAD_CAST xsl)) == NULL ||
	    (doc = xmlReadFile(src, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA)) == NULL ||
	    (ctx = xsltNewTransformContext(style, doc)) == NULL ||
	    (prefs = xsltNewSecurityPrefs()) == NULL ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetCtxtSecurityPrefs(prefs, ctx))
		goto out;
	/* document($def) reads the questionnaire: files may be read, nothing written */
	if ((res = xsltApplyStylesheetUser(style, doc, params, NULL, NULL, ctx)) == NULL ||
	    ctx->state != XSLT_STATE_OK ||
	    xsltSaveResultToString(&text, &len, res, style) != 0 || text == NULL) {
		fprintf(stderr, "bpadm: definition: rapport.xsl kan ikke lage rapportdefinisjonen "
		    "for %d\n", c->made.year);
		goto out;
	}
	snprintf(out, sizeof(out), "%s/" REPORT_DIR_NAME "/%04d.xml", data_dir, c->made.year);
	rc = write_atomic(out, text, (size_t)len);
out:
	xmlFree(text);
	xmlFreeDoc(res);
	xmlFreeDoc(doc);
	xsltFreeTransformContext(ctx);
	xsltFreeSecurityPrefs(prefs);
	xsltFreeStylesheet(style);
	return rc;
}
