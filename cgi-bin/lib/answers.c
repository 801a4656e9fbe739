/* answers.c: records of answers, merged from one tab's form at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "answers.h"
#include "record.h"

static int
is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const char *
answers_attr(xmlDocPtr rec, const char *name)
{
	xmlNodePtr r = xmlDocGetRootElement(rec);
	const char *v = r ? record_node_attr(r, name) : NULL;

	return v ? v : "";
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
	const char *v = r ? record_node_attr(r, "besokt") : NULL, *p;
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
	const char *v = record_node_attr(r, "besokt");
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
		if (is_named(n, id) && strcmp(record_node_text(n), value) == 0)
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

	if (it->kind == ITEM_CHECKBOX) {
		if (strcmp(value, "ja") != 0)
			return BP_EINVAL;
		return (*seen)++ ? 0 : add_answer(r, it->id, "ja");
	}
	if (it->kind == ITEM_INTEGER) {
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
	if (it->kind == ITEM_MULTI) {
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
		if (it->kind == ITEM_SERVICE) {
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
answer_string(const struct record_index *ix, const struct def_item *it, struct buf *out)
{
	const struct record_child *c;
	const char *h, *w;
	size_t n, i;

	buf_reset(out);
	for (c = record_index_find(ix, it->id, &n), i = 0; i < n; i++) {
		h = record_node_attr(c[i].node, "hatt");
		w = record_node_attr(c[i].node, "videre");
		buf_puts(out, record_node_text(c[i].node));	/* "text|hatt|videre\n" */
		buf_puts(out, "|");
		buf_puts(out, h ? h : "");
		buf_puts(out, "|");
		buf_puts(out, w ? w : "");
		buf_puts(out, "\n");
	}
	if (out->len == 0 && it->kind == ITEM_SERVICE)
		buf_puts(out, "|nei|nei\n");
}

int
answers_changed(const struct definition *def, xmlDocPtr old, xmlDocPtr new, struct buf *out)
{
	struct record_index io, in;
	struct buf a = { 0 }, b = { 0 };
	const struct def_item *items;
	int i, n, rc;

	if ((rc = record_index(old, &io)) != 0)
		return rc;
	if ((rc = record_index(new, &in)) != 0) {
		record_index_free(&io);
		return rc;
	}
	n = definition_items(def, &items);
	for (i = 0; i < n; i++) {
		answer_string(&io, &items[i], &a);
		answer_string(&in, &items[i], &b);
		if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0)) {
			buf_puts(out, " ");
			buf_puts(out, items[i].id);
		}
	}
	rc = a.err ? a.err : b.err ? b.err : out->err;
	buf_free(&a);
	buf_free(&b);
	record_index_free(&io);
	record_index_free(&in);
	return rc;
}

/* Bump when definition_evaluate comes to other findings for the same definition: kept
 * evaluations then no longer count. */
#define EVALUATION_VERSION "2"	/* 2: findings say where their item stands */

static const char *const kept_attrs[] = { "regler", "feil", "obs", "indeks", "indekstekst",
    "skjult" };
static const char *const kinds[] = { "missing", "invalid", "error", "obs" };

static int
is_kept(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && strncmp((const char *)n->name, "bp-", 3) == 0;
}

/* The root's start tag comes from a copy of the root alone (its attributes, less the number
 * and the kept evaluation), the answers are written one by one from the record itself
 * through one save context: copying the whole record to leave a few of its parts out cost
 * 0.4M instructions a tab, and xmlNodeDump per answer as much again in set-up. It is the
 * XML of the stripped copy written whole by xmlNodeDump, byte for byte but for non-ASCII in
 * attributes, which a copy (having no document) wrote as character references and the
 * record writes as UTF-8, as its text always was (test_answers holds the two together). */
int
answers_context(xmlDocPtr record, struct buf *out)
{
	xmlNodePtr r = xmlDocGetRootElement(record), head, n;
	xmlBufferPtr xb = NULL;
	xmlSaveCtxtPtr save = NULL;
	const char *tag;
	size_t i, len;
	int rc = BP_ENOMEM, any = 0;

	if (r == NULL)
		return BP_EXML;
	if ((head = xmlCopyNode(r, 2)) == NULL)
		return BP_ENOMEM;
	xmlUnsetProp(head, BAD_CAST "fnr");
	for (i = 0; i < sizeof(kept_attrs) / sizeof(kept_attrs[0]); i++)
		xmlUnsetProp(head, BAD_CAST kept_attrs[i]);
	/* UTF-8: text as xmlNodeDump writes it (without an encoding, non-ASCII would become
	 * character references) */
	if ((xb = xmlBufferCreate()) == NULL ||
	    (save = xmlSaveToBuffer(xb, "UTF-8", 0)) == NULL ||
	    xmlSaveTree(save, head) < 0 || xmlSaveFlush(save) < 0)
		goto out;
	tag = (const char *)xmlBufferContent(xb);
	len = (size_t)xmlBufferLength(xb);
	for (n = r->children; n && !any; n = n->next)
		any = !is_kept(n);
	if (!any) {			/* <kartlegging .../>, as a copy without children */
		buf_add(out, tag, len);
		rc = 0;
		goto out;
	}
	if (len < 2 || memcmp(tag + len - 2, "/>", 2) != 0) {
		rc = BP_EXML;
		goto out;
	}
	buf_add(out, tag, len - 2);
	buf_add(out, ">", 1);
	xmlBufferEmpty(xb);
	for (n = r->children; n; n = n->next)
		if (!is_kept(n) && xmlSaveTree(save, n) < 0)
			goto out;
	if (xmlSaveFlush(save) < 0)
		goto out;
	buf_add(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	buf_add(out, "</", 2);
	if (r->ns != NULL && r->ns->prefix != NULL) {
		buf_add(out, r->ns->prefix, strlen((const char *)r->ns->prefix));
		buf_add(out, ":", 1);
	}
	buf_add(out, r->name, strlen((const char *)r->name));
	buf_add(out, ">", 1);
	rc = 0;
out:
	if (save)
		xmlSaveClose(save);
	xmlBufferFree(xb);
	xmlFreeNode(head);
	return rc ? rc : out->err;
}

int
answers_store_evaluation(xmlDocPtr record, const char *stamp, const struct evaluation *ev)
{
	xmlNodePtr r = xmlDocGetRootElement(record), n, next;
	char num[24], full[160];
	int i;

	if (r == NULL)
		return BP_EXML;
	for (n = r->children; n; n = next) {
		next = n->next;
		if (is_kept(n)) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
	snprintf(full, sizeof(full), "%s/" EVALUATION_VERSION, stamp);
	if (!xmlSetProp(r, BAD_CAST "regler", BAD_CAST full))
		return BP_ENOMEM;
	snprintf(num, sizeof(num), "%d", ev->errors);
	if (!xmlSetProp(r, BAD_CAST "feil", BAD_CAST num))
		return BP_ENOMEM;
	snprintf(num, sizeof(num), "%d", ev->obs);
	if (!xmlSetProp(r, BAD_CAST "obs", BAD_CAST num) ||
	    !xmlSetProp(r, BAD_CAST "indeks", BAD_CAST ev->index_group) ||
	    !xmlSetProp(r, BAD_CAST "indekstekst", BAD_CAST ev->index_title) ||
	    !xmlSetProp(r, BAD_CAST "skjult", BAD_CAST ev->hidden))
		return BP_ENOMEM;
	for (i = 0; i < ev->nfindings; i++) {
		const struct finding *f = &ev->findings[i];

		if ((n = xmlNewTextChild(r, NULL, BAD_CAST "bp-funn", BAD_CAST f->text)) == NULL ||
		    !xmlSetProp(n, BAD_CAST "art", BAD_CAST kinds[f->kind]) ||
		    !xmlSetProp(n, BAD_CAST "felt", BAD_CAST f->field) ||
		    !xmlSetProp(n, BAD_CAST "fane", BAD_CAST f->tab) ||
		    !xmlSetProp(n, BAD_CAST "etikett", BAD_CAST f->label) ||
		    !xmlSetProp(n, BAD_CAST "sted", BAD_CAST f->where))
			return BP_ENOMEM;
	}
	return 0;
}

static int
count_of(xmlNodePtr r, const char *name, int *out)
{
	long long v;

	if (str_to_ll(record_node_attr(r, name) ? record_node_attr(r, name) : "", 0, 1 << 20, &v) != 0)
		return BP_EXML;
	*out = (int)v;
	return 0;
}

int
answers_stored_evaluation(xmlDocPtr record, const char *stamp, struct evaluation *ev)
{
	xmlNodePtr r = xmlDocGetRootElement(record), n;
	const char *kept, *v, *k;
	size_t len = strlen(stamp);
	unsigned i;

	memset(ev, 0, sizeof(*ev));
	ev->index_group = ev->index_title = "";
	if (r == NULL)
		return BP_EXML;
	kept = record_node_attr(r, "regler");
	if (*stamp == '\0' || kept == NULL || strncmp(kept, stamp, len) != 0 ||
	    strcmp(kept + len, "/" EVALUATION_VERSION) != 0)
		return BP_ENOENT;
	if (count_of(r, "feil", &ev->errors) != 0 || count_of(r, "obs", &ev->obs) != 0)
		return BP_EXML;
	ev->index_group = record_node_attr(r, "indeks") ? record_node_attr(r, "indeks") : "";
	ev->index_title = record_node_attr(r, "indekstekst") ? record_node_attr(r, "indekstekst") : "";
	v = record_node_attr(r, "skjult") ? record_node_attr(r, "skjult") : " ";
	if (str_copy(ev->hidden, sizeof(ev->hidden), v) != 0)
		return BP_EXML;
	for (n = r->children; n; n = n->next) {
		struct finding *f;

		if (!is_kept(n) || strcmp((const char *)n->name, "bp-funn") != 0)
			continue;
		if (ev->nfindings == FINDINGS_MAX)
			break;
		f = &ev->findings[ev->nfindings];
		k = record_node_attr(n, "art");
		for (i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]) && strcmp(k, kinds[i]); i++)
			;
		if (k == NULL || i == sizeof(kinds) / sizeof(kinds[0]))
			return BP_EXML;
		f->kind = (enum finding_kind)i;
		f->field = record_node_attr(n, "felt");
		f->tab = record_node_attr(n, "fane");
		f->label = record_node_attr(n, "etikett");
		f->where = record_node_attr(n, "sted");
		f->text = record_node_text(n);
		if (!f->field || !f->tab || !f->label || !f->where)
			return BP_EXML;
		ev->nfindings++;
	}
	return 0;
}
