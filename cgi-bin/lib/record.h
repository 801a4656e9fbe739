/* record.h: small XML records (accounts, invitations, ...) stored in LMDB. */
#ifndef BP_RECORD_H
#define BP_RECORD_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util.h"

#define RECORD_MAX_SIZE (4 * 1024 * 1024)

/* record_new: an empty document whose root element is `root`; NULL when out of memory. */
xmlDocPtr record_new(const char *root);
/* record_parse: NULL for malformed XML, any DTD, or more than RECORD_MAX_SIZE bytes.
 * Never touches the network or substitutes entities. Free with xmlFreeDoc. */
xmlDocPtr record_parse(const void *data, size_t len);
int record_serialize(xmlDocPtr doc, struct buf *out);

/* record_get: the text of the root's first child element `name` into out ("" when
 * absent); BP_ETOOBIG when it does not fit. */
int record_get(xmlDocPtr doc, const char *name, char *out, size_t size);
long long record_get_ll(xmlDocPtr doc, const char *name, long long dflt);
/* record_set: replace (or add) the root's child element `name` with text val. */
int record_set(xmlDocPtr doc, const char *name, const char *val);
int record_set_ll(xmlDocPtr doc, const char *name, long long val);

/* A record's fields as a table over a struct, so reading and writing walk the same list:
 * text (size > 0: a char array of that size) or a time (size 0: a long long, 0 when
 * absent). */
struct record_field {
	const char *name;
	size_t off;
	size_t size;
};
#define RECORD_TEXT(type, member, name) \
	{ name, offsetof(type, member), sizeof(((type *)0)->member) }
#define RECORD_TIME(type, member, name) { name, offsetof(type, member), 0 }
/* record_get_fields: the n fields into base; BP_EXML when a text does not fit. */
int record_get_fields(xmlDocPtr doc, void *base, const struct record_field *f, size_t n);
/* record_set_fields: the n fields of base into doc; 0 or BP_ENOMEM. */
int record_set_fields(xmlDocPtr doc, const void *base, const struct record_field *f, size_t n);

/* record_node_text: the first text of element n, without copying ("" when none).
 * record_node_attr: the value of n's attribute name, without copying (NULL when absent). */
const char *record_node_text(xmlNodePtr n);
const char *record_node_attr(xmlNodePtr n, const char *name);

/* The root's child elements sorted by name, to find them without walking the whole list
 * for each name (a survey has a hundred answers, looked up for each of its questions). */
struct record_index {
	struct record_child {
		const char *name;
		xmlNodePtr node;
		size_t pos;		/* in the document */
	} *v;
	size_t n;
};

/* record_index: index doc's root children; free with record_index_free. */
int record_index(xmlDocPtr doc, struct record_index *ix);
void record_index_free(struct record_index *ix);
/* record_index_find: the children named name, *n of them from the one returned (in
 * document order), or NULL. */
const struct record_child *record_index_find(const struct record_index *ix, const char *name,
    size_t *n);

#endif
