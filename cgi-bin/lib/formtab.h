/* formtab.h: the survey form's tabs, rendered from the year's definition once, when it is
 * made (tools/gen/formtabs.xsl: the form.html of the year's version, definition.h), and filled here
 * with one survey's answers, what it hides and what is wrong with it. Showing a tab then
 * needs neither the definition nor an XSLT pass over it; the markers the file holds are
 * described in tools/gen/formtabs.xsl. */
#ifndef BP_FORMTAB_H
#define BP_FORMTAB_H

#include <libxml/tree.h>

#include "answers.h"
#include "definition.h"
#include "util.h"

struct formtab;

struct formtab_tab {
	const char *id;
	const char *title;
	const char *html;		/* the template, NUL-terminated */
};

/* What one tab is filled with. */
struct formtab_values {
	xmlDocPtr record;		/* the answers */
	const struct evaluation *ev;	/* hidden items, findings, levekårsindeks */
	int visited;			/* the tab was saved before: its findings are shown */
	const struct answer_problem *problems;	/* typed values that did not fit */
	int nproblems;
};

/* formtab_load: the form of year's version in use (definition.h). BP_ENOENT when there is
 * none. */
int formtab_load(const char *data_dir, int year, struct formtab **out);
/* formtab_load_dir: the form of a version directory (definition_dir). */
int formtab_load_dir(const char *dir, struct formtab **out);
void formtab_free(struct formtab *ft);	/* accepts NULL */
/* formtab_parse: the same from the file's text (copied). */
int formtab_parse(const char *text, size_t len, struct formtab **out);

/* formtab_stamp: the stamp of the definition the file was made from. */
const char *formtab_stamp(const struct formtab *ft);
/* formtab_tabs: the tabs in order (*tabs lives as long as ft). */
int formtab_tabs(const struct formtab *ft, const struct formtab_tab **tabs);
/* formtab_tab: the tab with that id, or NULL. */
const struct formtab_tab *formtab_tab(const struct formtab *ft, const char *id);

/* formtab_fill: append tab's HTML, filled from v, to out. BP_EXML on a malformed marker. */
int formtab_fill(const struct formtab_tab *tab, const struct formtab_values *v,
    struct buf *out);

#endif
