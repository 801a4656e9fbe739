/* answers.h: a survey record's answers, and the form of one tab that changes them.
 *
 * A record is <kartlegging aar kommune fnr kjonn fodselsar alder besokt versjon endret>
 * with one child element per answer, named by the item id (definition.h): the option id
 * as text; a multi item repeats the element; a checkbox holds "ja"; an integer its
 * digits; a service is empty with hatt="ja|nei" videre="ja|nei".
 *
 * Form fields are named as the items: radio buttons and selects send an option id,
 * boxes of a multi item one option id each, a checkbox "ja", a count its digits, and a
 * service two fields, "<id>.hatt" and "<id>.videre". */
#ifndef BP_ANSWERS_H
#define BP_ANSWERS_H

#include <libxml/tree.h>

#include "definition.h"
#include "http.h"
#include "util.h"

#define ANSWERS_PROBLEMS_MAX 32

/* A value typed by hand that does not fit: it is not stored, and shown again. */
struct answer_problem {
	const char *field;		/* item id (lives as long as the definition) */
	char raw[64];			/* what was sent, cut to fit */
	char text[128];			/* Norwegian message */
};

struct answers_merge_result {
	struct answer_problem problems[ANSWERS_PROBLEMS_MAX];
	int nproblems;
};

/* answers_new: the record of a new survey; NULL when out of memory. fodselsar and alder
 * come from the number, or from the kartlegger for numbers that do not tell. */
xmlDocPtr answers_new(int year, const char *kommune, const char *fnr, const char *kjonn,
    int fodselsar, int alder);

/* answers_merge: replace the answers to the items of tab with those in form, and mark tab
 * visited. BP_EINVAL when form holds what no rendering of the form sends (an option the
 * item does not have): that is tampering, not a typo. Numbers that do not parse or are
 * out of range are left out and reported in res. Hidden answers are not pruned here. */
int answers_merge(const struct definition *def, xmlDocPtr record, const char *tab,
    const struct http_list *form, struct answers_merge_result *res);

/* answers_changed: append " <id>" to out for each item whose answers differ between old
 * and new, in definition order. */
int answers_changed(const struct definition *def, xmlDocPtr old, xmlDocPtr new,
    struct buf *out);

/* answers_context: the record without the number and without the answers of tab, as
 * XML: the form's script evaluates the show rules of tab's questions against it. */
int answers_context(const struct definition *def, xmlDocPtr record, const char *tab,
    struct buf *out);

/* answers_visited: 1 when tab has been saved at least once. */
int answers_visited(xmlDocPtr record, const char *tab);

#endif
