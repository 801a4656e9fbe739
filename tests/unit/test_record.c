/* test_record.c: record.c and render.c: XML records (build, escape, serialize, parse back;
 * refuse malformed input, any DTD, entities and external files, which must not even be
 * opened), and render_page with stylesheets of our own (escaped output; no file reads or
 * writes from the stylesheet; missing or broken stylesheets). qr_path: test_qr.c. */
#include "unit.h"

#include <limits.h>

#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "record.h"
#include "render.h"

static const char tricky[] = "<&>\"' \xc3\xa6\xc3\xb8\xc3\xa5 ]]> &amp; <!-- x -->";

static void
test_round_trip(void **state)
{
	struct buf b = { 0 };
	xmlDocPtr doc, back;
	char out[128];

	(void)state;
	assert_non_null(doc = record_new("account"));
	assert_int_equal(record_set(doc, "name", "first"), 0);
	assert_int_equal(record_set(doc, "name", tricky), 0);	/* replaces */
	assert_int_equal(record_set(doc, "empty", ""), 0);
	assert_int_equal(record_set_ll(doc, "n", -1234567890123LL), 0);
	assert_int_equal(record_serialize(doc, &b), 0);
	/* escaped in the text, and one <name> only */
	assert_null(strstr(b.p, "<&>"));
	assert_non_null(strstr(b.p, "&lt;&amp;&gt;"));
	assert_non_null(strstr(b.p, "\xc3\xa6\xc3\xb8\xc3\xa5"));	/* UTF-8, not &#230; */
	assert_non_null(strstr(b.p, "<name>"));
	assert_null(strstr(strstr(b.p, "<name>") + 1, "<name>"));
	assert_null(strstr(b.p, "first"));

	assert_non_null(back = record_parse(b.p, b.len));
	assert_int_equal(record_get(back, "name", out, sizeof(out)), 0);
	assert_string_equal(out, tricky);
	assert_int_equal(record_get(back, "empty", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_true(record_get_ll(back, "n", 0) == -1234567890123LL);
	assert_string_equal((const char *)xmlDocGetRootElement(back)->name, "account");
	xmlFreeDoc(back);
	xmlFreeDoc(doc);
	buf_free(&b);
}

static void
test_get(void **state)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?>\n<r><a>abcdef</a><n>42</n><neg>-7</neg><x>12x</x>"
	    "<w> 5</w><big>99999999999999999999</big><e/><nested><a>inner</a></nested>"
	    "<a>second</a></r>";
	xmlDocPtr doc;
	char out[8];

	(void)state;
	assert_non_null(doc = record_parse(xml, strlen(xml)));
	assert_int_equal(record_get(doc, "a", out, 7), 0);
	assert_string_equal(out, "abcdef");			/* the first <a> */
	assert_int_equal(record_get(doc, "a", out, 6), BP_ETOOBIG);
	assert_string_equal(out, "abcde");
	assert_int_equal(record_get(doc, "a", out, 1), BP_ETOOBIG);
	assert_string_equal(out, "");
	strcpy(out, "junk");
	assert_int_equal(record_get(doc, "missing", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(record_get(doc, "e", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_true(record_get_ll(doc, "n", -1) == 42);
	assert_true(record_get_ll(doc, "neg", 0) == -7);
	assert_true(record_get_ll(doc, "missing", 17) == 17);
	assert_true(record_get_ll(doc, "a", 17) == 17);
	assert_true(record_get_ll(doc, "x", 17) == 17);
	assert_true(record_get_ll(doc, "w", 17) == 17);
	assert_true(record_get_ll(doc, "big", 17) == 17);
	assert_true(record_get_ll(doc, "e", 17) == 17);
	xmlFreeDoc(doc);
}

static void
test_parse_malformed(void **state)
{
	static const char *const bad[] = {
		"", "not xml", "<a>", "<a></b>", "<a/><b/>", "<a>&undefined;</a>",
		"<a b='1' b='2'/>", "<?xml version=\"1.0\"?>", "<a>\x01</a>", "<a>\xff</a>",
		"<a><![CDATA[x</a>", "<!-- only a comment -->",
	};
	size_t i;
	xmlDocPtr doc;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++)
		if ((doc = record_parse(bad[i], strlen(bad[i]))) != NULL) {
			xmlFreeDoc(doc);
			fail_msg("parsed \"%s\"", bad[i]);
		}
	assert_null(record_parse("<a/>", 0));
}

static void
test_parse_size(void **state)
{
	size_t n = RECORD_MAX_SIZE + 1;
	xmlDocPtr doc;
	char *s;

	(void)state;
	assert_non_null(s = malloc(n));
	memset(s, 'x', n);
	memcpy(s, "<a>", 3);
	memcpy(s + n - 4, "</a>", 4);
	assert_null(record_parse(s, n));
	memcpy(s + n - 5, "</a>", 4);		/* RECORD_MAX_SIZE bytes exactly */
	assert_non_null(doc = record_parse(s, n - 1));
	xmlFreeDoc(doc);
	free(s);
}

static void
test_parse_dtd(void **state)
{
	static const char *const dtds[] = {
		"<!DOCTYPE a><a/>",
		"<!DOCTYPE a [<!ELEMENT a (#PCDATA)>]><a>x</a>",
		"<!DOCTYPE a [<!ENTITY e \"text\">]><a>&e;</a>",
		"<!DOCTYPE a [<!ENTITY e \"text\">]><a>x</a>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
		"<!ENTITY lol \"lol\">\n"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n<lolz>&lol9;</lolz>",
		"<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>",
		"<!DOCTYPE a [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/x\">]><a>&xxe;</a>",
		"<!DOCTYPE a SYSTEM \"http://127.0.0.1:1/x.dtd\"><a/>",
	};
	xmlDocPtr doc;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(dtds); i++)
		if ((doc = record_parse(dtds[i], strlen(dtds[i]))) != NULL) {
			xmlFreeDoc(doc);
			fail_msg("parsed DTD case %zu", i);
		}
}

/* External entities and DTDs name a file of ours; the parser must not even open it. */
static void
test_parse_no_file_access(void **state)
{
	static const char *const fmts[] = {
		"<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file://%s\">]><a>&xxe;</a>",
		"<!DOCTYPE a [<!ENTITY xxe SYSTEM \"%s\">]><a>&xxe;</a>",
		"<!DOCTYPE a [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]><a/>",
		"<!DOCTYPE a SYSTEM \"file://%s\"><a/>",
		"<!DOCTYPE a PUBLIC \"-//X//Y\" \"%s\"><a/>",
		"<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"%s\" "
		    "parse=\"text\"/></a>",
	};
	char dir[64], path[128], xml[512];
	xmlDocPtr doc;
	size_t i;
	int w;

	(void)state;
	tmp_make(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/secret.xml", dir);
	file_write(path, "<s>TOPSECRET</s>", 16, 0600);
	for (i = 0; i < UNIT_N(fmts); i++) {
		snprintf(xml, sizeof(xml), fmts[i], path);
		w = watch_start(path);
		doc = record_parse(xml, strlen(xml));
		if (watch_touched(w))
			fail_msg("case %zu opened the file", i);
		if (doc != NULL) {
			struct buf b = { 0 };

			assert_int_equal(record_serialize(doc, &b), 0);
			assert_null(strstr(b.p, "TOPSECRET"));
			assert_int_equal(i, UNIT_N(fmts) - 1);	/* only XInclude: not a DTD */
			buf_free(&b);
			xmlFreeDoc(doc);
		}
	}
	/* the watch does see a read */
	w = watch_start(path);
	assert_non_null(doc = xmlReadFile(path, NULL, XML_PARSE_NONET));
	xmlFreeDoc(doc);
	assert_int_equal(watch_touched(w), 1);
	tmp_remove(dir);
}

/* render_page */

struct rfix {
	char dir[64];
	char secret[128];
	struct page pg;
	struct buf out;
};

static int
rsetup(void **state)
{
	struct rfix *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	tmp_make(f->dir, sizeof(f->dir));
	snprintf(f->secret, sizeof(f->secret), "%s/secret.xml", f->dir);
	file_write(f->secret, "<s>TOPSECRET</s>", 16, 0600);
	*state = f;
	return 0;
}

static int
rteardown(void **state)
{
	struct rfix *f = *state;

	page_free(&f->pg);
	buf_free(&f->out);
	tmp_remove(f->dir);
	free(f);
	return 0;
}

/* write <dir>/<name>.xsl: a stylesheet whose template for /page is body; ns holds extra
 * attributes of <xsl:stylesheet> */
static void
stylesheet(const struct rfix *f, const char *name, const char *version, const char *ns,
    const char *body)
{
	char path[128];
	struct buf b = { 0 };

	snprintf(path, sizeof(path), "%s/%s.xsl", f->dir, name);
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<xsl:stylesheet version=\"%s\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
	    " %s>\n<xsl:output method=\"html\" encoding=\"UTF-8\"/>\n"
	    "<xsl:template match=\"/page\">%s</xsl:template>\n</xsl:stylesheet>\n",
	    version ? version : "1.0", ns, body);
	assert_int_equal(b.err, 0);
	file_write(path, b.p, b.len, 0644);
	buf_free(&b);
}

static void
test_render(void **state)
{
	struct rfix *f = *state;
	xmlNodePtr item, list;

	stylesheet(f, "t", NULL, "",
	    "<main data-name=\"{@name}\"><h1><xsl:value-of select=\"title\"/></h1>"
	    "<xsl:for-each select=\"list/item\"><p class=\"{@kind}\"><xsl:if test=\"@n\">"
	    "<xsl:attribute name=\"data-n\"><xsl:value-of select=\"@n\"/></xsl:attribute>"
	    "</xsl:if>"
	    "<xsl:value-of select=\".\"/></p></xsl:for-each></main>");
	assert_int_equal(page_init(&f->pg, "t"), 0);
	assert_non_null(page_add(&f->pg, NULL, "title", "<script>alert('x')</script> & "
	    "\xc3\xa6\xc3\xb8\xc3\xa5"));
	assert_non_null(list = page_add(&f->pg, NULL, "list", NULL));
	assert_non_null(item = page_add(&f->pg, list, "item", "first"));
	page_attr(&f->pg, item, "kind", "a\"b<c>&");
	page_attr_ll(&f->pg, item, "n", -42);
	assert_non_null(item = page_add(&f->pg, list, "item", "second"));
	page_attr(&f->pg, item, "kind", "plain");
	assert_non_null(item = page_add(&f->pg, list, "item", "third"));
	page_attr(&f->pg, item, "kind", "x'y\"z");
	assert_int_equal(f->pg.err, 0);
	assert_int_equal(render_page(f->dir, &f->pg, &f->out), 0);
	assert_non_null(strstr(f->out.p, "<main data-name=\"t\">"));
	assert_non_null(strstr(f->out.p, "<h1>&lt;script&gt;alert('x')&lt;/script&gt; &amp; "
	    "\xc3\xa6\xc3\xb8\xc3\xa5</h1>"));
	assert_null(strstr(f->out.p, "<script"));
	/* the attribute value cannot end early: quoted with the other quote, or escaped */
	assert_true(strstr(f->out.p, "class='a\"b&lt;c&gt;&amp;' data-n=\"-42\">") != NULL ||
	    strstr(f->out.p, "class=\"a&quot;b&lt;c&gt;&amp;\" data-n=\"-42\">") != NULL);
	assert_non_null(strstr(f->out.p, "class=\"x'y&quot;z\">third</p>"));
	assert_non_null(strstr(f->out.p, "data-n=\"-42\">first</p>"));
	assert_non_null(strstr(f->out.p, "<p class=\"plain\">second</p>"));
	/* render appends */
	assert_int_equal(render_page(f->dir, &f->pg, &f->out), 0);
	assert_non_null(strstr(strstr(f->out.p, "</main>") + 1, "<main data-name=\"t\">"));
}

static void
test_render_errors(void **state)
{
	struct rfix *f = *state;
	char name[64], path[128];

	/* no such stylesheet */
	assert_int_equal(page_init(&f->pg, "missing"), 0);
	assert_true(render_page(f->dir, &f->pg, &f->out) < 0);
	assert_int_equal(f->out.len, 0);
	assert_true(render_page("/nonexistent/dir", &f->pg, &f->out) < 0);
	page_free(&f->pg);
	page_free(&f->pg);		/* twice is fine */
	/* not XML, not XSLT */
	stylesheet(f, "broken", NULL, "", "<unclosed>");
	assert_int_equal(page_init(&f->pg, "broken"), 0);
	assert_true(render_page(f->dir, &f->pg, &f->out) < 0);
	page_free(&f->pg);
	snprintf(path, sizeof(path), "%s/plain.xsl", f->dir);
	file_write(path, "<html/>", 7, 0644);
	assert_int_equal(page_init(&f->pg, "plain"), 0);
	assert_true(render_page(f->dir, &f->pg, &f->out) < 0);
	assert_int_equal(f->out.len, 0);
	page_free(&f->pg);
	/* a page name longer than the page keeps */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(page_init(&f->pg, name), BP_EINVAL);
	page_free(&f->pg);
	/* a page with an error is not rendered */
	stylesheet(f, "ok", NULL, "", "<p>ok</p>");
	assert_int_equal(page_init(&f->pg, "ok"), 0);
	f->pg.err = BP_ENOMEM;
	assert_null(page_add(&f->pg, NULL, "x", "y"));
	assert_int_equal(render_page(f->dir, &f->pg, &f->out), BP_ENOMEM);
	assert_int_equal(f->out.len, 0);
}

/* a stylesheet that tries to read a file: refused before the file is opened */
static void
test_render_no_read(void **state)
{
	static const char *const reads[] = {
		"<p><xsl:value-of select=\"document('file://%s')\"/></p>",
		"<p><xsl:value-of select=\"document('%s')\"/></p>",
		"<p><xsl:copy-of select=\"document('%s')/s\"/></p>",
		"<p><xsl:value-of select=\"document('file:///etc/passwd')\"/></p>",
	};
	struct rfix *f = *state;
	char body[512];
	size_t i;
	int w, rc;

	for (i = 0; i < UNIT_N(reads); i++) {
		snprintf(body, sizeof(body), reads[i], f->secret);
		stylesheet(f, "read", NULL, "", body);
		page_free(&f->pg);
		buf_reset(&f->out);
		assert_int_equal(page_init(&f->pg, "read"), 0);
		w = watch_start(f->secret);
		rc = render_page(f->dir, &f->pg, &f->out);
		if (watch_touched(w))
			fail_msg("case %zu read the file", i);
		if (rc == 0) {
			assert_null(strstr(f->out.p, "TOPSECRET"));
			assert_null(strstr(f->out.p, "root:"));
		}
	}
}

/* a stylesheet that tries to write a file, by any of the extension elements libxslt
 * knows: no file and no directory appear */
static void
test_render_no_write(void **state)
{
	static const struct {
		const char *version, *ns, *elem;
	} writers[] = {
		{ "1.1", "", "xsl:document" },
		{ "1.0", "", "xsl:document" },
		{ NULL, "xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\"",
		    "exsl:document" },
		{ NULL, "xmlns:xt=\"http://www.jclark.com/xt\" extension-element-prefixes=\"xt\"",
		    "xt:document" },
		{ NULL, "xmlns:lx=\"http://xmlsoft.org/XSLT/namespace\" extension-element-prefixes=\"lx\"",
		    "lx:document" },
		{ NULL, "xmlns:saxon=\"http://icl.com/saxon\" extension-element-prefixes=\"saxon\"",
		    "saxon:output" },
	};
	struct rfix *f = *state;
	char body[512], out[128], sub[128];
	size_t i;

	snprintf(out, sizeof(out), "%s/written.html", f->dir);
	snprintf(sub, sizeof(sub), "%s/newdir", f->dir);
	for (i = 0; i < UNIT_N(writers); i++) {
		snprintf(body, sizeof(body),
		    "<p>before</p><%s href=\"%s\" method=\"text\">PWNED</%s>"
		    "<%s href=\"%s/x.html\" method=\"text\">PWNED</%s><p>after</p>",
		    writers[i].elem, out, writers[i].elem, writers[i].elem, sub, writers[i].elem);
		stylesheet(f, "write", writers[i].version, writers[i].ns, body);
		page_free(&f->pg);
		buf_reset(&f->out);
		assert_int_equal(page_init(&f->pg, "write"), 0);
		(void)render_page(f->dir, &f->pg, &f->out);
		if (file_exists(out) || file_exists(sub))
			fail_msg("%s wrote a file", writers[i].elem);
		assert_null(strstr(f->out.p ? f->out.p : "", "PWNED"));
	}
}

/* render_page writes HTML itself (render.c, "HTML output"): byte for byte what libxml2's
 * serializer writes for the same result (xsltSaveResultToString), for every kind of node our
 * stylesheets make and for random text full of what must be escaped, dropped or kept; with
 * other output settings, or what the writer leaves to libxml2 (namespaces), libxml2's own. */

static const char *const html_outputs[] = {
	"<xsl:output method=\"html\" encoding=\"UTF-8\" indent=\"no\"/>",	/* ours */
	"<xsl:output method=\"html\" encoding=\"UTF-8\"/>",		/* indented: libxml2 */
	"<xsl:output method=\"xml\" encoding=\"UTF-8\" indent=\"no\"/>",
};

static const char html_body[] =
    "<xsl:text disable-output-escaping=\"yes\">&lt;!DOCTYPE html&gt;&#10;</xsl:text>"
    "<html lang=\"nb\"><head><meta name=\"viewport\" content=\"width=device-width\"/>"
    "<title>T <xsl:value-of select=\"@name\"/></title><link rel=\"stylesheet\" href=\"/c.css\"/>"
    "<style>p &gt; a { color: red } /* &lt;&amp;&gt; */</style>"
    "<script src=\"/j.js\" defer=\"defer\"></script></head>"
    "<body><main><xsl:comment> a comment </xsl:comment>"
    "<xsl:processing-instruction name=\"pi\">x y</xsl:processing-instruction>"
    "<p/><p></p><br/><hr/><li/><td/><tr/><option/><dd/><dt/><thead/><tbody/><colgroup/>"
    "<textarea/><div/><span/><section/><nav/><x-y/><html/><body/><head/><br>dropped</br>"
    "<img src=\"/i.png\" alt=\"\"/>"
    "<input type=\"checkbox\" name=\"n\" value=\"v\" checked=\"checked\" disabled=\"\"/>"
    "<select><option value=\"1\" SELECTED=\"x\">1</option></select>"
    "<form method=\"post\" action=\" /cgi-bin/x?a=1&amp;b=2\" novalidate=\"novalidate\">"
    "<button type=\"submit\" name=\"id\" value=\"9\">B<span class=\"h\"> 9</span></button></form>"
    "<xsl:for-each select=\"s\"><div title=\"{.}\" data-x=\"a{.}b\">"
    "<a href=\"{.}\" name=\"{.}\"><xsl:value-of select=\".\"/></a>"
    "<a HREF=\"  {.}\" Src=\"{.}\" action=\"{.}\"/><input name=\"{.}\" value=\"{.}\"/>"
    "<script><xsl:value-of select=\".\"/></script><STYLE><xsl:value-of select=\".\"/></STYLE>"
    "<xsl:value-of select=\".\" disable-output-escaping=\"yes\"/>"
    "<xsl:text> </xsl:text><xsl:comment><xsl:value-of select=\"translate(., '-', '_')\"/>"
    "</xsl:comment></div></xsl:for-each></main></body></html>";

/* out gets what libxml2 itself saves of the transform of pg with <dir>/<name>.xsl */
static void
libxml2_html(const char *dir, const char *name, struct page *pg, struct buf *out)
{
	char path[128];
	xsltStylesheetPtr style;
	xmlDocPtr res;
	xmlChar *html = NULL;
	int len = 0;

	snprintf(path, sizeof(path), "%s/%s.xsl", dir, name);
	assert_non_null(style = xsltParseStylesheetFile(BAD_CAST path));
	assert_non_null(res = xsltApplyStylesheet(style, pg->doc, NULL));
	assert_int_equal(xsltSaveResultToString(&html, &len, res, style), 0);
	buf_add(out, html ? (const char *)html : "", (size_t)len);
	xmlFree(html);
	xmlFreeDoc(res);
	xsltFreeStylesheet(style);
}

static void
test_render_html(void **state)
{
	/* what HTML output escapes, drops (control characters) or passes ("<!--", "&{") */
	static const char alphabet[][4] = {
		"<", ">", "&", "\"", "'", " ", "{", "}", "!", "-", "\t", "\n", "\r", "\x01",
		"\x1f", "\x7f", "%", "@", "/", "?", "=", "#", "a", "Z", "0", "\xc3\xb8",
		"\xe2\x82\xac", "&{", "<!--", "-->", "&amp", ";",
	};
	struct rfix *f = *state;
	struct buf ours = { 0 }, theirs = { 0 }, text = { 0 }, body = { 0 };
	char path[128];
	unsigned seed = 12345;
	size_t i, k, n;

	assert_int_equal(page_init(&f->pg, "h"), 0);
	page_attr(&f->pg, f->pg.root, "name", "x<&>\"'y");
	assert_non_null(page_add(&f->pg, NULL, "s", tricky));
	assert_non_null(page_add(&f->pg, NULL, "s", ""));
	assert_non_null(page_add(&f->pg, NULL, "s", "  /cgi-bin/skjema?id=0f&fane=a b"));
	for (i = 0; i < 400; i++) {
		buf_reset(&text);
		for (n = (seed = seed * 1103515245u + 12345u) >> 16 & 15, k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&text, alphabet[(seed >> 16) % UNIT_N(alphabet)]);
		}
		assert_int_equal(text.err, 0);
		assert_non_null(page_add(&f->pg, NULL, "s", text.p ? text.p : ""));
	}
	assert_int_equal(f->pg.err, 0);
	for (i = 0; i < UNIT_N(html_outputs); i++) {
		buf_reset(&body);
		buf_printf(&body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet "
		    "version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">%s"
		    "<xsl:template match=\"/page\">%s</xsl:template></xsl:stylesheet>\n",
		    html_outputs[i], html_body);
		assert_int_equal(body.err, 0);
		snprintf(path, sizeof(path), "%s/h.xsl", f->dir);
		file_write(path, body.p, body.len, 0644);
		buf_reset(&ours);
		buf_reset(&theirs);
		assert_int_equal(render_page(f->dir, &f->pg, &ours), 0);
		libxml2_html(f->dir, "h", &f->pg, &theirs);
		assert_int_equal(ours.err, 0);
		assert_int_equal(theirs.err, 0);
		if (ours.len != theirs.len || memcmp(ours.p, theirs.p, ours.len) != 0) {
			for (k = 0; k < ours.len && k < theirs.len && ours.p[k] == theirs.p[k]; k++)
				;
			k = k > 20 ? k - 20 : 0;
			fail_msg("output %zu differs near byte %zu: ours \"%.60s\", "
			    "libxml2 \"%.60s\"", i, k, ours.p + k, theirs.p + k);
		}
	}
	/* a namespaced element is left to libxml2, from the start: nothing written twice */
	buf_reset(&body);
	buf_printf(&body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet "
	    "version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">%s"
	    "<xsl:template match=\"/page\"><html><body><p>before</p>"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg></body></html></xsl:template>"
	    "</xsl:stylesheet>\n", html_outputs[0]);
	file_write(path, body.p, body.len, 0644);
	buf_reset(&ours);
	buf_reset(&theirs);
	assert_int_equal(render_page(f->dir, &f->pg, &ours), 0);
	libxml2_html(f->dir, "h", &f->pg, &theirs);
	assert_string_equal(ours.p, theirs.p);
	assert_non_null(strstr(ours.p, "<svg xmlns=\"http://www.w3.org/2000/svg\">"));
	assert_null(strstr(strstr(ours.p, "before") + 1, "before"));
	buf_free(&ours);
	buf_free(&theirs);
	buf_free(&text);
	buf_free(&body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_parse_dtd),
		cmocka_unit_test(test_parse_no_file_access),
		cmocka_unit_test_setup_teardown(test_render, rsetup, rteardown),
		cmocka_unit_test_setup_teardown(test_render_errors, rsetup, rteardown),
		cmocka_unit_test_setup_teardown(test_render_html, rsetup, rteardown),
		cmocka_unit_test_setup_teardown(test_render_no_read, rsetup, rteardown),
		cmocka_unit_test_setup_teardown(test_render_no_write, rsetup, rteardown),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
