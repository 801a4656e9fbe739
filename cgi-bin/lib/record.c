/* record.c: parse and build the flat XML records of the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "record.h"

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

xmlDocPtr
record_new(const char *root)
{
	xmlDocPtr doc;
	xmlNodePtr node;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((node = xmlNewDocNode(doc, NULL, BAD_CAST root, NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, node);
	return doc;
}

xmlDocPtr
record_parse(const void *data, size_t len)
{
	xmlDocPtr doc;

	if (len == 0 || len > RECORD_MAX_SIZE)
		return NULL;
	xmlSetGenericErrorFunc(NULL, quiet);
	doc = xmlReadMemory(data, (int)len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS);
	if (doc == NULL)
		return NULL;
	/* we never write a DTD; one here means the record is not ours */
	if (doc->intSubset != NULL || doc->extSubset != NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int
record_serialize(xmlDocPtr doc, struct buf *out)
{
	xmlChar *mem = NULL;
	int len = 0;

	xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
	if (mem == NULL)
		return BP_ENOMEM;
	buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	return out->err ? BP_ENOMEM : 0;
}

static xmlNodePtr
child(xmlDocPtr doc, const char *name)
{
	xmlNodePtr n, root = xmlDocGetRootElement(doc);

	for (n = root ? root->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

int
record_get(xmlDocPtr doc, const char *name, char *out, size_t size)
{
	xmlNodePtr n = child(doc, name);
	xmlChar *text;
	int rc;

	out[0] = '\0';
	if (n == NULL)
		return 0;
	if ((text = xmlNodeGetContent(n)) == NULL)
		return 0;
	rc = str_copy(out, size, (const char *)text);
	xmlFree(text);
	return rc;
}

long long
record_get_ll(xmlDocPtr doc, const char *name, long long dflt)
{
	char text[32];
	long long v;

	if (record_get(doc, name, text, sizeof(text)) != 0 || text[0] == '\0' ||
	    str_to_ll(text, -(1LL << 62), 1LL << 62, &v) != 0)
		return dflt;
	return v;
}

int
record_set(xmlDocPtr doc, const char *name, const char *val)
{
	xmlNodePtr n = child(doc, name), root = xmlDocGetRootElement(doc), fresh;

	if (root == NULL)
		return BP_EINVAL;
	/* xmlNewTextChild escapes; xmlNodeSetContent would parse entity references */
	if ((fresh = xmlNewTextChild(root, NULL, BAD_CAST name, BAD_CAST val)) == NULL)
		return BP_ENOMEM;
	if (n != NULL) {
		xmlUnlinkNode(fresh);
		xmlReplaceNode(n, fresh);
		xmlFreeNode(n);
	}
	return 0;
}

int
record_set_ll(xmlDocPtr doc, const char *name, long long val)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", val);
	return record_set(doc, name, text);
}

/* by name, then document order (qsort is not stable: the position decides) */
static int
by_name(const void *a, const void *b)
{
	const struct record_child *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->pos < y->pos ? -1 : x->pos > y->pos);
}

int
record_index(xmlDocPtr doc, struct record_index *ix)
{
	xmlNodePtr r = xmlDocGetRootElement(doc), n;
	size_t cap = 0;

	memset(ix, 0, sizeof(*ix));
	if (r == NULL)
		return BP_EXML;
	for (n = r->children; n; n = n->next)
		cap += n->type == XML_ELEMENT_NODE;
	if (cap == 0)
		return 0;
	if ((ix->v = calloc(cap, sizeof(*ix->v))) == NULL)
		return BP_ENOMEM;
	for (n = r->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			ix->v[ix->n] = (struct record_child){ (const char *)n->name, n, ix->n },
			ix->n++;
	qsort(ix->v, ix->n, sizeof(*ix->v), by_name);
	return 0;
}

void
record_index_free(struct record_index *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

const struct record_child *
record_index_find(const struct record_index *ix, const char *name, size_t *n)
{
	size_t lo = 0, hi = ix->n, mid, k;

	while (lo < hi) {		/* the first not below name */
		mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < ix->n && strcmp(ix->v[k].name, name) == 0; k++)
		;
	*n = k - lo;
	return *n ? &ix->v[lo] : NULL;
}

const char *
record_node_text(xmlNodePtr n)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_TEXT_NODE)
			return (const char *)n->content;
	return "";
}

const char *
record_node_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	return (a && a->children && a->children->type == XML_TEXT_NODE) ?
	    (const char *)a->children->content : NULL;
}

int
record_get_fields(xmlDocPtr doc, void *base, const struct record_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].size == 0)
			*(long long *)((char *)base + f[i].off) = record_get_ll(doc, f[i].name, 0);
		else if (record_get(doc, f[i].name, (char *)base + f[i].off, f[i].size) != 0)
			return BP_EXML;
	}
	return 0;
}

int
record_set_fields(xmlDocPtr doc, const void *base, const struct record_field *f, size_t n)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = f[i].size == 0 ?
		    record_set_ll(doc, f[i].name, *(const long long *)((const char *)base + f[i].off)) :
		    record_set(doc, f[i].name, (const char *)base + f[i].off);
		if (rc != 0)
			return BP_ENOMEM;
	}
	return 0;
}
