/* render.c: build page models and run them through libxslt. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxslt/imports.h>
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
page_add_buf(struct page *pg, xmlNodePtr parent, const char *elem, struct buf *b)
{
	xmlNodePtr n, t;

	if (b->err) {
		pg->err = b->err;
		return NULL;
	}
	if (b->p == NULL)
		return page_add(pg, parent, elem, "");
	if ((n = page_add(pg, parent, elem, NULL)) == NULL)
		return NULL;
	if ((t = xmlNewDocText(pg->doc, NULL)) == NULL) {
		pg->err = BP_ENOMEM;
		return NULL;
	}
	/* the node frees its content with xmlFree, which is free: b's memory is malloc's */
	t->content = BAD_CAST b->p;
	memset(b, 0, sizeof(*b));
	xmlAddChild(n, t);
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

/* -- HTML output ----------------------------------------------------------------------------
 * The result tree, written as libxml2 writes it for our <xsl:output method="html"
 * encoding="UTF-8" indent="no"/> (xsltSaveResultTo: htmlSetMetaEncoding, then
 * htmlNodeDumpFormatOutput without formatting), byte for byte, but straight into the page's
 * buffer: libxml2 goes through an output buffer call for every piece, mallocs an escaped
 * copy of every text and attribute value and compares each attribute name with the boolean
 * ones, which cost 2.5M instructions for the list of 50 surveys (this, 0.7M). What this
 * writer does not know (namespaces, a DTD, other output settings) it leaves to libxml2
 * (BP_EINVAL); tests/unit/test_record.c holds the two to the same bytes. */

/* the writer's appends: inline while they fit, buf_add when the buffer must grow */
static inline void
put(struct buf *b, const char *s, size_t n)
{
	if (n < b->cap - b->len) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else {
		buf_add(b, s, n);
	}
}

static inline void
put_str(struct buf *b, const xmlChar *s)
{
	put(b, (const char *)s, strlen((const char *)s));
}

/* name (ASCII, any case) is lower, as xmlStrcasecmp compares them */
static int
name_is(const xmlChar *name, const char *lower)
{
	for (; *lower != '\0'; name++, lower++)
		if ((*name | 0x20) != *lower)
			return 0;
	return *name == '\0';
}

struct html {
	struct buf *out;
	struct buf value;		/* an attribute value, escaped */
	struct {
		const xmlChar *name;	/* the result's names are the stylesheet's strings */
		const htmlElemDesc *info;
	} seen[16];			/* elements looked up */
	size_t nseen;
};

/* libxml2's HTML 4 description of an element (NULL for a newer one), remembered by name:
 * a page has a few kinds of element, many times over */
static const htmlElemDesc *
html_info(struct html *h, const xmlChar *name)
{
	const htmlElemDesc *info;
	size_t i;

	for (i = 0; i < h->nseen; i++)
		if (h->seen[i].name == name)
			return h->seen[i].info;
	info = htmlTagLookup(name);
	if (h->nseen < sizeof(h->seen) / sizeof(h->seen[0])) {
		h->seen[h->nseen].name = name;
		h->seen[h->nseen++].info = info;
	}
	return info;
}

/* the attributes HTML output minimizes (XSLT 1.0 §16.2; libxml2's htmlBooleanAttrs) */
static const char *const html_boolean[] = {
	"checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
	"noresize", "noshade", "nowrap", "readonly", "selected",
};

static int
html_is_boolean(const xmlChar *name)
{
	size_t i;

	for (i = 0; i < sizeof(html_boolean) / sizeof(html_boolean[0]); i++)
		if (name_is(name, html_boolean[i]))
			return 1;
	return 0;
}

/* s escaped as xmlEncodeEntitiesReentrant (attr 0) or xmlEncodeAttributeEntities (attr 1)
 * escape it in an HTML document: <, > and & as entities, control characters other than tab
 * and line ends dropped, the rest (UTF-8 too) as it is; in attributes "<!--...-->" and
 * "&{...}" (HTML 4.01 B.7.1) go through unchanged. */
/* the bytes html_escape stops at: NUL, <, >, & and the control characters it drops (a
 * table: the test per byte was a tenth of writing the list's page) */
static const unsigned char html_stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x0b] = 1, [0x0c] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1,
	[0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1,
	[0x1f] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1,
};

static void
html_escape(struct buf *b, const char *s, int attr)
{
	const char *run = s, *end;
	unsigned char c;

	for (;; s++) {
		while (!html_stop[(unsigned char)*s])
			s++;
		c = (unsigned char)*s;
		put(b, run, (size_t)(s - run));
		if (c == '\0')
			return;
		if (attr && c == '<' && strncmp(s, "<!--", 4) == 0 &&
		    (end = strstr(s, "-->")) != NULL) {
			put(b, s, (size_t)(end + 3 - s));
			s = end + 2;
		} else if (attr && c == '&' && s[1] == '{' && (end = strchr(s, '}')) != NULL) {
			put(b, s, (size_t)(end + 1 - s));
			s = end;
		} else if (c == '<') {
			put(b, "&lt;", 4);
		} else if (c == '>') {
			put(b, "&gt;", 4);
		} else if (c == '&') {
			put(b, "&amp;", 5);
		}
		run = s + 1;
	}
}

/* an escaped URI value as htmlAttrDumpOutput writes it (xmlURIEscapeStr): from the first
 * non-blank, every byte but letters, digits and -_.!~*'()@/:=?;#%&,+<> as %XX, so no
 * quote is left in it */
static void
html_uri(struct buf *b, const char *s, size_t len)
{
	static const char keep[] = "-_.!~*'()@/:=?;#%&,+<>", hex[] = "0123456789ABCDEF";
	const char *end = s + len, *run;
	unsigned char c;
	char pct[3];

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	for (run = s; s < end; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c != '\0' && strchr(keep, c) != NULL))
			continue;
		put(b, run, (size_t)(s - run));
		pct[0] = '%';
		pct[1] = hex[c >> 4];
		pct[2] = hex[c & 0xf];
		put(b, pct, 3);
		run = s + 1;
	}
	put(b, run, (size_t)(s - run));
}

/* a value in quotes, as xmlBufWriteQuotedString: "..." unless it holds a " and no ' */
static void
html_quoted(struct buf *b, const char *s, size_t len)
{
	const char *q;

	if (memchr(s, '"', len) == NULL) {
		put(b, "\"", 1);
		put(b, s, len);
		put(b, "\"", 1);
	} else if (memchr(s, '\'', len) == NULL) {
		put(b, "'", 1);
		put(b, s, len);
		put(b, "'", 1);
	} else {
		put(b, "\"", 1);
		for (; (q = memchr(s, '"', len)) != NULL; len -= (size_t)(q + 1 - s), s = q + 1) {
			put(b, s, (size_t)(q - s));
			put(b, "&quot;", 6);
		}
		put(b, s, len);
		put(b, "\"", 1);
	}
}

static int
html_attr(struct html *h, xmlAttrPtr a)
{
	const xmlNode *t, *e = a->parent;
	const xmlChar *n = a->name;

	if (a->ns != NULL)
		return BP_EINVAL;
	put(h->out, " ", 1);
	put_str(h->out, n);
	if (a->children == NULL || html_is_boolean(n))
		return 0;
	buf_reset(&h->value);
	for (t = a->children; t != NULL; t = t->next) {
		if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
			return BP_EINVAL;
		if (t->content != NULL)
			html_escape(&h->value, (const char *)t->content, 1);
	}
	put(h->out, "=", 1);
	if (e != NULL && (name_is(n, "href") || name_is(n, "action") || name_is(n, "src") ||
	    (name_is(n, "name") && name_is(e->name, "a")))) {
		put(h->out, "\"", 1);
		html_uri(h->out, h->value.p ? h->value.p : "", h->value.len);
		put(h->out, "\"", 1);
	} else {
		html_quoted(h->out, h->value.p ? h->value.p : "", h->value.len);
	}
	return 0;
}

static int html_nodes(struct html *h, const xmlNode *n);

static int
html_element(struct html *h, const xmlNode *e)
{
	const htmlElemDesc *info;
	xmlAttrPtr a;
	int rc;

	if (e->ns != NULL || e->nsDef != NULL)
		return BP_EINVAL;
	info = html_info(h, e->name);
	put(h->out, "<", 1);
	put_str(h->out, e->name);
	for (a = e->properties; a != NULL; a = a->next)
		if ((rc = html_attr(h, a)) != 0)
			return rc;
	put(h->out, ">", 1);
	/* a void element has no end tag; one whose end tag may be left out loses an empty one */
	if (info != NULL && (info->empty || (e->children == NULL && info->saveEndTag &&
	    strcmp(info->name, "html") != 0 && strcmp(info->name, "body") != 0)))
		return 0;
	if ((rc = html_nodes(h, e->children)) != 0)
		return rc;
	put(h->out, "</", 2);
	put_str(h->out, e->name);
	put(h->out, ">", 1);
	return 0;
}

/* n and its siblings */
static int
html_nodes(struct html *h, const xmlNode *n)
{
	const xmlChar *p;
	int rc;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			if ((rc = html_element(h, n)) != 0)
				return rc;
			break;
		case XML_TEXT_NODE:
			if (n->content == NULL)
				break;
			/* disable-output-escaping, and script and style, go as they are */
			p = n->parent ? n->parent->name : NULL;
			if (n->name == xmlStringTextNoenc ||
			    (p != NULL && (name_is(p, "script") || name_is(p, "style"))))
				put_str(h->out, n->content);
			else
				html_escape(h->out, (const char *)n->content, 0);
			break;
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				put_str(h->out, n->content);
			break;
		case XML_COMMENT_NODE:
			if (n->content != NULL) {
				put(h->out, "<!--", 4);
				put_str(h->out, n->content);
				put(h->out, "-->", 3);
			}
			break;
		case XML_PI_NODE:
			if (n->name != NULL) {
				put(h->out, "<?", 2);
				put_str(h->out, n->name);
				if (n->content != NULL) {
					put(h->out, " ", 1);
					put_str(h->out, n->content);
				}
				put(h->out, ">", 1);
			}
			break;
		case XML_ENTITY_REF_NODE:
			put(h->out, "&", 1);
			put_str(h->out, n->name);
			put(h->out, ";", 1);
			break;
		default:
			break;
		}
	}
	return 0;
}

int
render_html(xmlDocPtr res, struct buf *out)
{
	struct html h;
	size_t start = out->len;
	int rc;

	if (res->type != XML_HTML_DOCUMENT_NODE || res->intSubset != NULL ||
	    res->children == NULL)
		return BP_EINVAL;
	/* as xsltSaveResultTo: the charset in a <meta> of the <head> (a page without a head
	 * gets none, and its -1 says no more than that) */
	(void)htmlSetMetaEncoding(res, BAD_CAST "UTF-8");
	memset(&h, 0, sizeof(h));
	h.out = out;
	rc = html_nodes(&h, res->children);
	put(out, "\n", 1);
	if (rc == 0 && (out->err || h.value.err))
		rc = BP_ENOMEM;
	buf_free(&h.value);
	if (rc != 0 && out->p != NULL) {
		out->len = start;
		out->p[start] = '\0';
	}
	return rc;
}

/* res as libxml2 would save it with style, appended to out; BP_EINVAL (out as it was)
 * when that is not ours to write */
static int
html_save(xsltStylesheetPtr style, xmlDocPtr res, struct buf *out)
{
	const xmlChar *method, *encoding;
	int indent;

	XSLT_GET_IMPORT_PTR(method, style, method)
	XSLT_GET_IMPORT_PTR(encoding, style, encoding)
	XSLT_GET_IMPORT_INT(indent, style, indent)
	if (style->methodURI != NULL || method == NULL || !xmlStrEqual(method, BAD_CAST "html") ||
	    encoding == NULL || !xmlStrEqual(encoding, BAD_CAST "UTF-8") || indent != 0)
		return BP_EINVAL;
	return render_html(res, out);
}

static int render_keep;		/* render_exiting: leave the trees to the kernel */

void
render_exiting(void)
{
	render_keep = 1;
}

/* One transform of a page: what render_page and render_tree free (or leave to the
 * kernel). */
struct run {
	xsltStylesheetPtr style;
	xsltTransformContextPtr ctx;
	xsltSecurityPrefsPtr prefs;
	xmlDocPtr res;
};

/* pg through <xslt_dir>/<pg->name>.xsl into run->res, reading and writing no file and no
 * network: 0, or a bp_err with what was made left in run for run_free */
static int
run_transform(const char *xslt_dir, struct page *pg, struct run *run)
{
	char path[PATH_MAX];
	xmlDocPtr sdoc = NULL;
	int n;

	if (pg->err)
		return pg->err;
	n = snprintf(path, sizeof(path), "%s/%s.xsl", xslt_dir, pg->name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return BP_EINVAL;
	xmlSetGenericErrorFunc(NULL, xslt_error);
	xsltSetGenericErrorFunc(NULL, xslt_error);
	/* libxslt traces everything by default, to a debug function that drops it: each
	 * value-of and template called it (~2% of the list) */
	xsltDebugSetDefaultTrace(XSLT_TRACE_NONE);
	if ((sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		log_error("render: cannot read %s", path);
		return BP_EIO;
	}
	if ((run->style = xsltParseStylesheetDoc(sdoc)) == NULL) {
		xmlFreeDoc(sdoc);
		log_error("render: %s is not a usable stylesheet", path);
		return BP_EIO;
	}
	if ((run->ctx = xsltNewTransformContext(run->style, pg->doc)) == NULL ||
	    (run->prefs = xsltNewSecurityPrefs()) == NULL)
		return BP_EIO;
	if (xsltSetSecurityPrefs(run->prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(run->prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(run->prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(run->prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(run->prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetCtxtSecurityPrefs(run->prefs, run->ctx))
		return BP_EIO;
	run->res = xsltApplyStylesheetUser(run->style, pg->doc, NULL, NULL, NULL, run->ctx);
	if (run->res == NULL || run->ctx->state != XSLT_STATE_OK) {
		log_error("render: transform of page '%s' failed", pg->name);
		return BP_EIO;
	}
	return 0;
}

static void
run_free(struct run *run)
{
	xmlFreeDoc(run->res);
	xsltFreeTransformContext(run->ctx);
	xsltFreeSecurityPrefs(run->prefs);
	xsltFreeStylesheet(run->style);
}

int
render_page(const char *xslt_dir, struct page *pg, struct buf *out)
{
	struct run run = { NULL, NULL, NULL, NULL };
	xmlChar *html = NULL;
	int len = 0, rc;

	if ((rc = run_transform(xslt_dir, pg, &run)) != 0)
		goto out;
	if ((rc = html_save(run.style, run.res, out)) != BP_EINVAL)
		goto out;
	if (xsltSaveResultToString(&html, &len, run.res, run.style) != 0 || html == NULL) {
		rc = BP_ENOMEM;
		goto out;
	}
	buf_add(out, html, (size_t)len);
	rc = out->err ? BP_ENOMEM : 0;
out:
	xmlFree(html);
	if (render_keep && rc == 0)
		return rc;
	run_free(&run);
	return rc;
}

int
render_tree(const char *xslt_dir, struct page *pg, xmlDocPtr *out)
{
	struct run run = { NULL, NULL, NULL, NULL };
	int rc;

	*out = NULL;
	if ((rc = run_transform(xslt_dir, pg, &run)) == 0) {
		*out = run.res;
		run.res = NULL;
	}
	run_free(&run);
	return rc;
}

int
render_file(const char *path, xmlDocPtr doc, const char **params, int may_read,
    struct buf *out)
{
	xsltStylesheetPtr style;
	xsltTransformContextPtr ctx = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xmlDocPtr res = NULL;
	xmlChar *text = NULL;
	int len = 0, rc = BP_EIO;

	if ((style = xsltParseStylesheetFile(BAD_CAST path)) == NULL)
		return BP_ENOENT;
	if ((ctx = xsltNewTransformContext(style, doc)) == NULL ||
	    (prefs = xsltNewSecurityPrefs()) == NULL ||
	    (!may_read &&
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid)) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) ||
	    xsltSetCtxtSecurityPrefs(prefs, ctx))
		goto out;
	if ((res = xsltApplyStylesheetUser(style, doc, params, NULL, NULL, ctx)) == NULL ||
	    ctx->state != XSLT_STATE_OK)
		goto out;
	/* serialized as xsltproc -o does: the build's files were xsltproc's */
	if (xsltSaveResultToString(&text, &len, res, style) != 0 || text == NULL)
		goto out;
	buf_add(out, text, (size_t)len);
	rc = out->err ? BP_ENOMEM : 0;
out:
	xmlFree(text);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctx);
	xsltFreeSecurityPrefs(prefs);
	xsltFreeStylesheet(style);
	return rc;
}
