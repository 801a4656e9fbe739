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
/* answers_attr: an attribute of the record's root ("aar", "fnr", "kjonn", ...); "" when
 * absent. Lives as long as the record. */
const char *answers_attr(xmlDocPtr rec, const char *name);
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

/* answers_context: the record without the number and the stored evaluation, as XML: the
 * form's script evaluates the show rules against it, with the answers of the tab it shows
 * taken from the form instead. */
int answers_context(xmlDocPtr record, struct buf *out);

/* The evaluation (definition.h) is kept in the record when it is saved, so that showing a
 * survey needs neither the definition nor its rules: root attributes regler (the stamp of
 * the definition and of this code), feil, obs, indeks, indekstekst and skjult, and one
 * <bp-funn art felt fane etikett sted>text</bp-funn> per finding. Names with "-" are not item
 * ids, so no answer can take their place.
 *
 * answers_store_evaluation: put ev into record, replacing what was kept before.
 * answers_stored_evaluation: the evaluation kept in record, its strings pointing into
 * record; BP_ENOENT when none was kept under stamp (the definition or the code changed:
 * evaluate again). */
int answers_store_evaluation(xmlDocPtr record, const char *stamp, const struct evaluation *ev);
int answers_stored_evaluation(xmlDocPtr record, const char *stamp, struct evaluation *ev);

/* answers_visited: 1 when tab has been saved at least once. */
int answers_visited(xmlDocPtr record, const char *tab);

#endif
