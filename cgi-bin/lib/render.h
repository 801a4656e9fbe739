/* render.h: a page is an XML model that one stylesheet in xslt/ turns into HTML5. */
#ifndef BP_RENDER_H
#define BP_RENDER_H

#include <libxml/tree.h>

#include "util.h"

struct page {
	xmlDocPtr doc;		/* owned; page_free */
	xmlNodePtr root;	/* <page name="..."> */
	char name[32];		/* stylesheet: <xslt dir>/<name>.xsl */
	int err;		/* set when any node could not be added */
};

int page_init(struct page *pg, const char *name);
/* page_add: a child element of parent (the root when NULL) with escaped text (or none).
 * On failure it sets pg->err and returns NULL; render_page then refuses the page. */
xmlNodePtr page_add(struct page *pg, xmlNodePtr parent, const char *elem, const char *text);
/* page_add_buf: page_add with the text of b, which the page takes over (b is left empty):
 * a form tab's 50 KB of HTML is not copied again. */
xmlNodePtr page_add_buf(struct page *pg, xmlNodePtr parent, const char *elem, struct buf *b);
/* page_copy: a deep copy of node (from another document) as a child of parent. */
xmlNodePtr page_copy(struct page *pg, xmlNodePtr parent, xmlNodePtr node);
void page_attr(struct page *pg, xmlNodePtr node, const char *attr, const char *val);
void page_attr_ll(struct page *pg, xmlNodePtr node, const char *attr, long long val);
void page_free(struct page *pg);	/* accepts a freed page */

/* render_page: transform with <xslt_dir>/<pg->name>.xsl and append the HTML to out.
 * The transform may not read or write files or touch the network. */
int render_page(const char *xslt_dir, struct page *pg, struct buf *out);
/* render_tree: the same transform, its result tree in *out (the caller's: xmlFreeDoc), for
 * a stylesheet whose output a program reads rather than sends (the report's PDF blocks). */
int render_tree(const char *xslt_dir, struct page *pg, xmlDocPtr *out);
/* render_file: the stylesheet at path over doc with params (name, quoted value, ...,
 * NULL), its result serialized as `xsltproc -o` writes it, appended to out: how the
 * build's generators run on a site (a year's definition, its form, its report
 * definition). Nothing may be written or fetched from the network; may_read lets
 * document() read local files (the report definition reads the questionnaire).
 * BP_ENOENT when the stylesheet cannot be read, BP_EIO when the transform fails. */
int render_file(const char *path, xmlDocPtr doc, const char **params, int may_read,
    struct buf *out);
/* render_html: an HTML result tree as libxml2 saves it for our <xsl:output method="html"
 * encoding="UTF-8" indent="no"/> (htmlSetMetaEncoding, then htmlDocContentDumpFormatOutput
 * unformatted), byte for byte, appended to out. BP_EINVAL, out as it was, for what it
 * leaves to libxml2 (namespaces, a DTD, nodes it does not know). */
int render_html(xmlDocPtr res, struct buf *out);
/* render_exiting: the process ends after its pages, so render_page may leave its stylesheet
 * and result tree to the kernel (about 0.9M instructions for the list of 50 surveys). */
void render_exiting(void);

#endif
