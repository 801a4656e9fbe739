/* metatext.c: texts kept under a meta key as <text by changed>text</text> records. */
#include <string.h>

#include "metatext.h"
#include "record.h"

int
metatext_get(struct store_txn *txn, const char *key, struct buf *out, long long *version)
{
	xmlDocPtr doc;
	xmlChar *text;
	const void *v;
	size_t vlen;
	int rc;

	*version = 0;
	if ((rc = store_get(txn, DB_META, key, strlen(key), &v, &vlen)) != 0)
		return rc;
	if ((doc = record_parse(v, vlen)) == NULL)
		return BP_EXML;
	*version = record_get_ll(doc, "changed", 0);
	/* text is the one field that may be long: read it whole */
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "text") == 0 &&
		    (text = xmlNodeGetContent(n)) != NULL) {
			buf_puts(out, (const char *)text);
			xmlFree(text);
		}
	xmlFreeDoc(doc);
	return out->err;
}

int
metatext_set(struct store_txn *txn, const char *key, const char *text, const char *by,
    long long now)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	int rc = BP_ENOMEM;

	if ((doc = record_new(key)) == NULL)
		return BP_ENOMEM;
	if (record_set(doc, "text", text) || record_set(doc, "by", by) ||
	    record_set_ll(doc, "changed", now) || (rc = record_serialize(doc, &b)) != 0)
		goto out;
	rc = store_put(txn, DB_META, key, strlen(key), b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}
