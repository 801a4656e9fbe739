/* fuzz_html.c: render.c writes the HTML of every page itself (render_html), in place of
 * libxml2's serializer. On a result tree built from the input (elements, void and
 * end-tag-optional ones among them, attributes with URI and boolean names, text with and
 * without escaping, comments, processing instructions, CDATA, entity references), it must
 * give libxml2's bytes exactly: htmlSetMetaEncoding, then htmlDocContentDumpFormatOutput
 * unformatted, as xsltSaveResultTo does for our <xsl:output>. Any difference is a crash.
 *
 * The input is a little program: each byte an operation, its low bits choosing a name from
 * the tables below, the bytes after it the text it carries (length in the next byte). */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const elements[] = {
	"html", "head", "body", "title", "meta", "link", "script", "style", "p", "br", "hr",
	"img", "input", "option", "select", "li", "td", "tr", "dd", "dt", "div", "span", "a",
	"form", "textarea", "section", "x-y", "SCRIPT", "Br", "Style", "tbody", "colgroup",
};

static const char *const attributes[] = {
	"href", "HREF", "src", "action", "name", "checked", "selected", "disabled", "value",
	"class", "title", "data-x", "Src", "readonly", "nohref", "id",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* the next text of the input: a length byte, then that many bytes */
static size_t
take(const uint8_t **p, const uint8_t *end, char *text, size_t cap)
{
	size_t n;

	if (*p >= end)
		return 0;
	n = **p;
	(*p)++;
	if (n > (size_t)(end - *p))
		n = (size_t)(end - *p);
	if (n >= cap)
		n = cap - 1;
	memcpy(text, *p, n);
	text[n] = '\0';			/* a NUL in the input ends the text there */
	*p += n;
	return strlen(text);
}

static xmlDocPtr
build(const uint8_t *p, const uint8_t *end)
{
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr stack[32], top, n;
	size_t depth = 0;
	char text[256];
	unsigned op, pick;

	assert(doc != NULL);
	top = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, top);
	if (p < end && (*p & 1))	/* most pages have a head, which gets the charset */
		xmlAddChild(top, xmlNewDocNode(doc, NULL, BAD_CAST "head", NULL));
	while (p < end) {
		op = *p >> 5;
		pick = *p & 31;
		p++;
		switch (op) {
		case 0:			/* open an element */
			n = xmlAddChild(top, xmlNewDocNode(doc, NULL,
			    BAD_CAST elements[pick % N(elements)], NULL));
			if (depth < N(stack)) {
				stack[depth++] = top;
				top = n;
			}
			break;
		case 1:			/* close it */
			if (depth > 0)
				top = stack[--depth];
			break;
		case 2:			/* text, escaped */
			take(&p, end, text, sizeof(text));
			xmlAddChild(top, xmlNewDocText(doc, BAD_CAST text));
			break;
		case 3:			/* an attribute */
			take(&p, end, text, sizeof(text));
			if (top->type == XML_ELEMENT_NODE)
				xmlNewProp(top, BAD_CAST attributes[pick % N(attributes)],
				    pick & 16 ? BAD_CAST text : NULL);
			break;
		case 4:			/* text with disable-output-escaping, as libxslt marks it */
			take(&p, end, text, sizeof(text));
			n = xmlNewDocText(doc, BAD_CAST text);
			n->name = xmlStringTextNoenc;
			xmlAddChild(top, n);
			break;
		case 5:
			take(&p, end, text, sizeof(text));
			xmlAddChild(top, xmlNewDocComment(doc, BAD_CAST text));
			break;
		case 6:
			take(&p, end, text, sizeof(text));
			xmlAddChild(top, pick & 1 ? xmlNewDocPI(doc, BAD_CAST "pi", BAD_CAST text) :
			    xmlNewCDataBlock(doc, BAD_CAST text, (int)strlen(text)));
			break;
		default:		/* an entity reference, by a name libxml2 knows */
			xmlAddChild(top, xmlNewReference(doc, BAD_CAST (pick & 1 ? "&amp;" : "nbsp")));
			break;
		}
	}
	return doc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDocPtr doc = build(data, data + size);
	xmlOutputBufferPtr ob;
	struct buf ours = { 0 };
	const xmlChar *theirs;
	size_t len;

	if (render_html(doc, &ours) == 0) {
		assert(!ours.err);
		assert((ob = xmlAllocOutputBuffer(NULL)) != NULL);
		htmlSetMetaEncoding(doc, BAD_CAST "UTF-8");
		htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
		xmlOutputBufferFlush(ob);
		theirs = xmlOutputBufferGetContent(ob);
		len = xmlOutputBufferGetSize(ob);
		if (len != ours.len || memcmp(theirs, ours.p, len) != 0) {
			fprintf(stderr, "ours:    %.*s\nlibxml2: %.*s\n", (int)ours.len, ours.p,
			    (int)len, (const char *)theirs);
			assert(!"render_html differs from libxml2");
		}
		xmlOutputBufferClose(ob);
	}
	buf_free(&ours);
	xmlFreeDoc(doc);
	return 0;
}
