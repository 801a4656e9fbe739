/* answers.c: records of answers, merged from one tab's form at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"

static const char *
prop(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);

	return (a && a->children && a->children->type == XML_TEXT_NODE) ?
	    (const char *)a->children->content : NULL;
}

static const char *
text_of(xmlNodePtr n)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_TEXT_NODE)
			return (const char *)n->content;
	return "";
}

static int
is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlDocPtr
answers_new(int year, const char *kommune, const char *fnr, const char *kjonn, int fodselsar,
    int alder)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr r;
	char v[16];

	if (d == NULL || (r = xmlNewDocNode(d, NULL, BAD_CAST "kartlegging", NULL)) == NULL) {
		xmlFreeDoc(d);
		return NULL;
	}
	xmlDocSetRootElement(d, r);
	snprintf(v, sizeof(v), "%d", year);
	xmlSetProp(r, BAD_CAST "aar", BAD_CAST v);
	xmlSetProp(r, BAD_CAST "kommune", BAD_CAST kommune);
	xmlSetProp(r, BAD_CAST "fnr", BAD_CAST fnr);
	xmlSetProp(r, BAD_CAST "kjonn", BAD_CAST kjonn);
	snprintf(v, sizeof(v), "%d", fodselsar);
	xmlSetProp(r, BAD_CAST "fodselsar", BAD_CAST v);
	snprintf(v, sizeof(v), "%d", alder);
	if (xmlSetProp(r, BAD_CAST "alder", BAD_CAST v) == NULL ||
	    xmlSetProp(r, BAD_CAST "besokt", BAD_CAST "") == NULL) {
		xmlFreeDoc(d);
		return NULL;
	}
	return d;
}

int
answers_visited(xmlDocPtr record, const char *tab)
{
	xmlNodePtr r = xmlDocGetRootElement(record);
	const char *v = r ? prop(r, "besokt") : NULL, *p;
	size_t n = strlen(tab);

	if (n == 0)
		return 0;
	for (p = v; p && (p = strstr(p, tab)) != NULL; p += n)
		if ((p == v || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

static int
mark_visited(xmlNodePtr r, const char *tab)
{
	struct buf b = { 0 };
	const char *v = prop(r, "besokt");
	int rc;

	if (answers_visited(r->doc, tab))
		return 0;
	if (v && *v)
		buf_printf(&b, "%s ", v);
	buf_puts(&b, tab);
	rc = b.err ? b.err : (xmlSetProp(r, BAD_CAST "besokt", BAD_CAST b.p) ? 0 : BP_ENOMEM);
	buf_free(&b);
	return rc;
}

static void
remove_answers(xmlNodePtr r, const char *id)
{
	xmlNodePtr n, next;

	for (n = r->children; n; n = next) {
		next = n->next;
		if (is_named(n, id)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
}

static int
add_answer(xmlNodePtr r, const char *id, const char *value)
{
	return xmlNewTextChild(r, NULL, BAD_CAST id, BAD_CAST value) ? 0 : BP_ENOMEM;
}

static int
has_answer(xmlNodePtr r, const char *id, const char *value)
{
	xmlNodePtr n;

	for (n = r->children; n; n = n->next)
		if (is_named(n, id) && strcmp(text_of(n), value) == 0)
			return 1;
	return 0;
}

static void
problem(struct answers_merge_result *res, const struct def_item *it, const char *raw)
{
	struct answer_problem *p;

	if (res->nproblems == ANSWERS_PROBLEMS_MAX)
		return;
	p = &res->problems[res->nproblems++];
	p->field = it->id;
	/* keep what was typed, cut at a character boundary, for the form to show again */
	snprintf(p->raw, sizeof(p->raw), "%s", raw);
	if (strlen(raw) >= sizeof(p->raw)) {
		size_t n = sizeof(p->raw) - 1;

		/* back off while the first byte left out continues a character */
		while (n > 0 && ((unsigned char)raw[n] & 0xc0) == 0x80)
			n--;
		p->raw[n] = '\0';
	}
	snprintf(p->text, sizeof(p->text), "%s: skriv et helt tall fra %ld til %ld.", it->label,
	    it->min, it->max);
}

/* the service's two answers: ja or nei, nei when not sent (the default) */
static int
merge_service(xmlNodePtr r, const struct def_item *it, const struct http_list *form)
{
	static const char *const parts[] = { "hatt", "videre" };
	char key[HTTP_KEY_MAX + 16];
	const char *v[2];
	xmlNodePtr n;
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(key, sizeof(key), "%s.%s", it->id, parts[i]);
		v[i] = http_get(form, key);
		if (v[i] == NULL)
			v[i] = "nei";
		if (strcmp(v[i], "ja") != 0 && strcmp(v[i], "nei") != 0)
			return BP_EINVAL;
	}
	if ((n = xmlNewChild(r, NULL, BAD_CAST it->id, NULL)) == NULL ||
	    xmlSetProp(n, BAD_CAST "hatt", BAD_CAST v[0]) == NULL ||
	    xmlSetProp(n, BAD_CAST "videre", BAD_CAST v[1]) == NULL)
		return BP_ENOMEM;
	return 0;
}

static int
merge_value(xmlNodePtr r, const struct def_item *it, const char *value, int *seen,
    struct answers_merge_result *res)
{
	char buf[64];
	long long x;

	if (strcmp(it->type, "checkbox") == 0) {
		if (strcmp(value, "ja") != 0)
			return BP_EINVAL;
		return (*seen)++ ? 0 : add_answer(r, it->id, "ja");
	}
	if (strcmp(it->type, "integer") == 0) {
		if ((*seen)++)
			return BP_EINVAL;	/* one field per count */
		if (strlen(value) >= sizeof(buf)) {
			problem(res, it, value);
			return 0;
		}
		str_copy(buf, sizeof(buf), value);
		str_trim(buf);
		if (buf[0] == '\0')
			return 0;		/* left empty: no answer */
		if (str_to_ll(buf, it->min, it->max, &x) != 0) {
			problem(res, it, value);
			return 0;
		}
		snprintf(buf, sizeof(buf), "%lld", x);
		return add_answer(r, it->id, buf);
	}
	if (strcmp(it->type, "multi") == 0) {
		if (!definition_is_option(it, value))
			return BP_EINVAL;
		return has_answer(r, it->id, value) ? 0 : add_answer(r, it->id, value);
	}
	/* single, level, yes/no: one option, or "" from a select left at "Velg ..." */
	if ((*seen)++)
		return BP_EINVAL;
	if (value[0] == '\0')
		return 0;
	if (!definition_is_option(it, value))
		return BP_EINVAL;
	return add_answer(r, it->id, value);
}

int
answers_merge(const struct definition *def, xmlDocPtr record, const char *tab,
    const struct http_list *form, struct answers_merge_result *res)
{
	xmlNodePtr r = xmlDocGetRootElement(record);
	const struct def_item *items;
	size_t j;
	int i, n, rc, seen, known = 0;

	memset(res, 0, sizeof(*res));
	if (r == NULL)
		return BP_EXML;
	n = definition_items(def, &items);
	for (i = 0; i < n; i++) {
		const struct def_item *it = &items[i];

		if (strcmp(it->tab, tab) != 0)
			continue;
		known = 1;
		remove_answers(r, it->id);
		if (strcmp(it->type, "service") == 0) {
			if ((rc = merge_service(r, it, form)) != 0)
				return rc;
			continue;
		}
		for (j = 0, seen = 0; j < form->n; j++)
			if (strcmp(form->v[j].key, it->id) == 0 &&
			    (rc = merge_value(r, it, form->v[j].val, &seen, res)) != 0)
				return rc;
	}
	return known ? mark_visited(r, tab) : BP_EINVAL;
}

/* one item's answers as a string, to compare; a service not answered is Nei/Nei, its
 * default, so the first save of a Tjenester tab changes only what was changed */
static void
answer_string(xmlNodePtr r, const struct def_item *it, struct buf *out)
{
	const char *h, *w, *id = it->id;
	xmlNodePtr n;

	buf_reset(out);
	for (n = r->children; n; n = n->next) {
		if (!is_named(n, id))
			continue;
		h = prop(n, "hatt");
		w = prop(n, "videre");
		buf_printf(out, "%s|%s|%s\n", text_of(n), h ? h : "", w ? w : "");
	}
	if (out->len == 0 && strcmp(it->type, "service") == 0)
		buf_puts(out, "|nei|nei\n");
}

int
answers_changed(const struct definition *def, xmlDocPtr old, xmlDocPtr new, struct buf *out)
{
	xmlNodePtr ro = xmlDocGetRootElement(old), rn = xmlDocGetRootElement(new);
	struct buf a = { 0 }, b = { 0 };
	const struct def_item *items;
	int i, n, rc;

	if (ro == NULL || rn == NULL)
		return BP_EXML;
	n = definition_items(def, &items);
	for (i = 0; i < n; i++) {
		answer_string(ro, &items[i], &a);
		answer_string(rn, &items[i], &b);
		if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0))
			buf_printf(out, " %s", items[i].id);
	}
	rc = a.err ? a.err : b.err ? b.err : out->err;
	buf_free(&a);
	buf_free(&b);
	return rc;
}

int
answers_context(const struct definition *def, xmlDocPtr record, const char *tab,
    struct buf *out)
{
	xmlNodePtr r = xmlDocGetRootElement(record), copy, n, next;
	const struct def_item *it;
	xmlBufferPtr xb;
	int rc = 0;

	if (r == NULL)
		return BP_EXML;
	if ((copy = xmlCopyNode(r, 1)) == NULL)
		return BP_ENOMEM;
	xmlUnsetProp(copy, BAD_CAST "fnr");
	for (n = copy->children; n; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE &&
		    ((it = definition_item(def, (const char *)n->name)) == NULL ||
		    strcmp(it->tab, tab) == 0)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
	if ((xb = xmlBufferCreate()) == NULL || xmlNodeDump(xb, record, copy, 0, 0) < 0)
		rc = BP_ENOMEM;
	else
		buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	xmlFreeNode(copy);
	return rc ? rc : out->err;
}
