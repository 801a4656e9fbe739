/* welcome.c: the velkomstmelding, one XML record under the meta key "welcome". */
#include <string.h>

#include "record.h"
#include "welcome.h"

#define WELCOME_KEY "welcome"

int
welcome_get(struct store_txn *txn, struct buf *out, long long *version)
{
	xmlDocPtr doc;
	xmlChar *text;
	const void *v;
	size_t vlen;
	int rc;

	*version = 0;
	rc = store_get(txn, DB_META, WELCOME_KEY, strlen(WELCOME_KEY), &v, &vlen);
	if (rc == BP_ENOENT)
		return 0;
	if (rc != 0)
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
welcome_set(struct store_txn *txn, const char *text, const char *by, long long now)
{
	struct buf b = { 0 };
	xmlDocPtr doc;
	int rc = BP_ENOMEM;

	if ((doc = record_new("welcome")) == NULL)
		return BP_ENOMEM;
	if (record_set(doc, "text", text) || record_set(doc, "by", by) ||
	    record_set_ll(doc, "changed", now) || (rc = record_serialize(doc, &b)) != 0)
		goto out;
	rc = store_put(txn, DB_META, WELCOME_KEY, strlen(WELCOME_KEY), b.p, b.len);
out:
	xmlFreeDoc(doc);
	buf_free(&b);
	return rc;
}
