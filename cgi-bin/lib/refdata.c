/* refdata.c: look up kommuner, bydeler and regions in the reference data document. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "refdata.h"
#include "util.h"

struct refdata {
	xmlDocPtr doc;
};

int
refdata_load(const char *dir, struct refdata **out)
{
	char path[PATH_MAX];
	struct refdata *rd;
	xmlNodePtr root;
	int n;

	*out = NULL;
	n = snprintf(path, sizeof(path), "%s/" REFDATA_FILE, dir);
	if (n < 0 || (size_t)n >= sizeof(path))
		return BP_EINVAL;
	if ((rd = calloc(1, sizeof(*rd))) == NULL)
		return BP_ENOMEM;
	rd->doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (rd->doc == NULL || (root = xmlDocGetRootElement(rd->doc)) == NULL ||
	    strcmp((const char *)root->name, "refdata") != 0) {
		log_error("refdata: cannot read %s", path);
		refdata_free(rd);
		return BP_EXML;
	}
	*out = rd;
	return 0;
}

void
refdata_free(struct refdata *rd)
{
	if (rd == NULL)
		return;
	xmlFreeDoc(rd->doc);
	free(rd);
}

/* the value of attribute name, without copying; NULL when absent */
static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	return (a && a->children && a->children->type == XML_TEXT_NODE) ?
	    (const char *)a->children->content : NULL;
}

static xmlNodePtr
find(const struct refdata *rd, xmlNodePtr parent, const char *elem, const char *key,
    const char *val)
{
	xmlNodePtr n;
	const char *v;

	if (val == NULL || *val == '\0')
		return NULL;
	for (n = parent ? parent->children : xmlDocGetRootElement(rd->doc)->children; n;
	    n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, elem) == 0 &&
		    (v = attr(n, key)) != NULL && strcmp(v, val) == 0)
			return n;
	return NULL;
}

const char *
refdata_kommune_name(const struct refdata *rd, const char *nr)
{
	xmlNodePtr k = find(rd, NULL, "kommune", "nr", nr);

	return k ? attr(k, "name") : NULL;
}

const char *
refdata_kommune_region(const struct refdata *rd, const char *nr)
{
	xmlNodePtr k = find(rd, NULL, "kommune", "nr", nr);

	return k ? attr(k, "region") : NULL;
}

const char *
refdata_region_name(const struct refdata *rd, const char *id)
{
	xmlNodePtr r = find(rd, NULL, "region", "id", id);

	return r ? attr(r, "name") : NULL;
}

const char *
refdata_bydel_name(const struct refdata *rd, const char *kommune, const char *bydel)
{
	xmlNodePtr k = find(rd, NULL, "kommune", "nr", kommune), b;

	if (k == NULL || (b = find(rd, k, "bydel", "nr", bydel)) == NULL)
		return NULL;
	return attr(b, "name");
}

int
refdata_bydel_count(const struct refdata *rd, const char *kommune)
{
	xmlNodePtr k = find(rd, NULL, "kommune", "nr", kommune), b;
	int n = 0;

	for (b = k ? k->children : NULL; b; b = b->next)
		n += b->type == XML_ELEMENT_NODE;
	return n;
}

void
refdata_page(struct page *pg, const struct refdata *rd, const char *region,
    const char *kommune)
{
	xmlNodePtr n, copy, regions, kommuner;
	const char *v;

	regions = page_add(pg, NULL, "regions", NULL);
	kommuner = page_add(pg, NULL, "kommuner", NULL);
	if (pg->err)
		return;
	for (n = xmlDocGetRootElement(rd->doc)->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "region") == 0) {
			if (region && (v = attr(n, "id")) && strcmp(v, region) != 0)
				continue;
			copy = xmlDocCopyNode(n, pg->doc, 1);
			if (copy == NULL || xmlAddChild(regions, copy) == NULL)
				pg->err = BP_ENOMEM;
		} else if (strcmp((const char *)n->name, "kommune") == 0) {
			if (kommune && ((v = attr(n, "nr")) == NULL || strcmp(v, kommune) != 0))
				continue;
			if (!kommune && region && ((v = attr(n, "region")) == NULL ||
			    strcmp(v, region) != 0))
				continue;
			copy = xmlDocCopyNode(n, pg->doc, 1);
			if (copy == NULL || xmlAddChild(kommuner, copy) == NULL)
				pg->err = BP_ENOMEM;
		}
	}
}
