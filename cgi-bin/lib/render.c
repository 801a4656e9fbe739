/* render.c: build page models and run them through libxslt. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "render.h"

int
page_init(struct page *pg, const char *name)
{
	memset(pg, 0, sizeof(*pg));
	if (str_copy(pg->name, sizeof(pg->name), name) != 0)
		return BP_EINVAL;
	if ((pg->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return BP_ENOMEM;
	if ((pg->root = xmlNewDocNode(pg->doc, NULL, BAD_CAST "page", NULL)) == NULL) {
		xmlFreeDoc(pg->doc);
		pg->doc = NULL;
		return BP_ENOMEM;
	}
	xmlDocSetRootElement(pg->doc, pg->root);
	page_attr(pg, pg->root, "name", name);
	return pg->err;
}

xmlNodePtr
page_add(struct page *pg, xmlNodePtr parent, const char *elem, const char *text)
{
	xmlNodePtr n;

	if (pg->err)
		return NULL;
	n = xmlNewTextChild(parent ? parent : pg->root, NULL, BAD_CAST elem,
	    text ? BAD_CAST text : NULL);
	if (n == NULL)
		pg->err = BP_ENOMEM;
	return n;
}

xmlNodePtr
page_copy(struct page *pg, xmlNodePtr parent, xmlNodePtr node)
{
	xmlNodePtr n;

	if (pg->err)
		return NULL;
	if ((n = xmlDocCopyNode(node, pg->doc, 1)) == NULL) {
		pg->err = BP_ENOMEM;
		return NULL;
	}
	if (xmlAddChild(parent ? parent : pg->root, n) == NULL) {
		xmlFreeNode(n);
		pg->err = BP_ENOMEM;
		return NULL;
	}
	return n;
}

void
page_attr(struct page *pg, xmlNodePtr node, const char *attr, const char *val)
{
	if (pg->err || node == NULL)
		return;
	if (xmlSetProp(node, BAD_CAST attr, BAD_CAST val) == NULL)
		pg->err = BP_ENOMEM;
}

void
page_attr_ll(struct page *pg, xmlNodePtr node, const char *attr, long long val)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", val);
	page_attr(pg, node, attr, text);
}

void
page_free(struct page *pg)
{
	if (pg == NULL)
		return;
	if (pg->doc)
		xmlFreeDoc(pg->doc);
	pg->doc = NULL;
	pg->root = NULL;
}

/* libxml2 and libxslt report an error in several calls (message, then file and line, then
 * a newline); gather the pieces and log whole lines. */
static void
xslt_error(void *ctx, const char *msg, ...)
{
	static char line[1024];
	static size_t len;
	char piece[512], *nl, *p;
	va_list ap;

	(void)ctx;
	va_start(ap, msg);
	vsnprintf(piece, sizeof(piece), msg, ap);
	va_end(ap);
	for (p = piece; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL) {
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s", p);
			if (len >= sizeof(line))
				len = sizeof(line) - 1;
			break;
		}
		*nl = '\0';
		snprintf(line + len, sizeof(line) - len, "%s", p);
		if (line[0] != '\0')
			log_error("xslt: %s", line);
		len = 0;
		line[0] = '\0';
	}
}

int
render_page(const char *xslt_dir, struct page *pg, struct buf *out)
{
	char path[PATH_MAX];
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr ctx = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xmlDocPtr sdoc = NULL, res = NULL;
	xmlChar *html = NULL;
	int len = 0, n, rc = BP_EIO;

	if (pg->err)
		return pg->err;
	n = snprintf(path, sizeof(path), "%s/%s.xsl", xslt_dir, pg->name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return BP_EINVAL;
	xmlSetGenericErrorFunc(NULL, xslt_error);
	xsltSetGenericErrorFunc(NULL, xslt_error);
	if ((sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		log_error("render: cannot read %s", path);
		goto out;
	}
	if ((style = xsltParseStylesheetDoc(sdoc)) == NULL) {
		xmlFreeDoc(sdoc);
		log_error("render: %s is not a usable stylesheet", path);
		goto out;
	}
	if ((ctx = xsltNewTransformContext(style, pg->doc)) == NULL ||
	    (prefs = xsltNewSecurityPrefs()) == NULL)
		goto out;
	if (xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetCtxtSecurityPrefs(prefs, ctx))
		goto out;
	res = xsltApplyStylesheetUser(style, pg->doc, NULL, NULL, NULL, ctx);
	if (res == NULL || ctx->state != XSLT_STATE_OK) {
		log_error("render: transform of page '%s' failed", pg->name);
		goto out;
	}
	if (xsltSaveResultToString(&html, &len, res, style) != 0 || html == NULL) {
		rc = BP_ENOMEM;
		goto out;
	}
	buf_add(out, html, (size_t)len);
	rc = out->err ? BP_ENOMEM : 0;
out:
	xmlFree(html);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctx);
	xsltFreeSecurityPrefs(prefs);
	xsltFreeStylesheet(style);
	return rc;
}
