/* definition.h: a year's questionnaire (data/kartlegging/YEAR.xml) and the rules it carries,
 * applied to a survey record (data/kartlegging/README.md "The questionnaire definition"). One engine serves the
 * form, validation, the error count and export: everything it knows comes from the definition
 * file. */
#ifndef BP_DEFINITION_H
#define BP_DEFINITION_H

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "util.h"

#define DEFINITION_DIR "kartlegging"	/* below the configuration's data directory */
#define FINDINGS_MAX 256
#define DEFINITION_TABS_MAX 12
#define EVALUATION_HIDDEN_LEN 8192	/* the ids of the hidden items, with spaces */

struct definition;

struct def_tab {
	const char *id;
	const char *title;
};

struct def_option {
	const char *id;
	const char *label;		/* its Norwegian text, as the form shows it */
	int exclusive;			/* "Ingen av delene": stands alone */
};

/* A question's type, read once at load (the definition's `type` attribute). */
enum item_kind {
	ITEM_SINGLE, ITEM_MULTI, ITEM_CHECKBOX, ITEM_INTEGER, ITEM_YESNO, ITEM_YESNO_UNKNOWN,
	ITEM_LEVEL, ITEM_SERVICE, ITEM__MAX
};
extern const char *const item_kind_ids[ITEM__MAX];	/* as the definition writes them */

/* One question of the definition, as the engine and the form see it. */
struct def_item {
	const char *id;
	const char *type;		/* its type as written (item_kind_ids[kind]) */
	enum item_kind kind;
	const char *tab;		/* its tab's id */
	const char *label;
	const char *where;		/* its group and section in the tab ("" when none):
					 * findings name it so that equal labels differ */
	const char *show;		/* XPath, or NULL when always shown */
	xmlXPathCompExprPtr show_c;	/* compiled on first use */
	int mandatory;
	long min, max;			/* integer range */
	const struct def_option *options;	/* in definition order */
	int noptions;
};

enum finding_kind { FINDING_MISSING, FINDING_INVALID, FINDING_ERROR, FINDING_OBS };

struct finding {
	enum finding_kind kind;
	const char *field;		/* item id; lives as long as the definition */
	const char *tab;		/* its tab's id */
	const char *text;		/* Norwegian message, or the item's label for MISSING */
	const char *label;		/* the item's label ("" for a rule on no item) */
	const char *where;		/* the item's group and section ("" when none) */
};

struct evaluation {
	int errors;			/* MISSING + INVALID + ERROR: what blocks a transfer */
	int obs;
	struct finding findings[FINDINGS_MAX];
	int nfindings;
	const char *index_group;	/* levekårsindeks group id ("" when areas unanswered) */
	const char *index_title;	/* its name ("" with it) */
	char hidden[EVALUATION_HIDDEN_LEN];	/* " id id ": the items not shown */
};

/* evaluation_hidden: 1 when the evaluation hid item id. */
int evaluation_hidden(const struct evaluation *ev, const char *id);

/* A year's questionnaire is installed as a version: a directory kartlegging/YEAR-HASH with
 * the files below, made together from one source (definition_files.h), and a symlink
 * kartlegging/YEAR naming the version in use. Publishing a new one writes its directory
 * first and then replaces the symlink with rename(2), so a reader that resolves the link
 * once (definition_dir) and reads every file from that directory sees one version whole,
 * never the XML of one and the form or image of another. */
#define DEFINITION_XML "definition.xml"		/* the stamped copy the programs load */
#define DEFINITION_IMAGE "definition.def"	/* its image (defimage.c) */
#define DEFINITION_FORM "form.html"		/* the pre-rendered tabs (formtab.h) */
#define DEFINITION_SOURCE "source.xml"		/* the file as it was published */

/* definition_dir: the directory of year's version in use, resolved from its link once, into
 * out. BP_ENOENT when no version of that year is installed. */
int definition_dir(const char *data_dir, int year, char *out, size_t size);
/* definition_load: year's questionnaire (definition_dir, then definition_load_dir).
 * BP_ENOENT when there is none for that year. */
int definition_load(const char *data_dir, int year, struct definition **out);
/* definition_load_dir: the definition of a version directory, from its image when that was
 * made from this very XML, else from the XML. */
int definition_load_dir(const char *dir, struct definition **out);
/* definition_load_xml: the definition in the XML file path, a source or a stamped copy
 * (definition_load_dir's fallback; the tests' way to the checkout's source). */
int definition_load_xml(const char *path, struct definition **out);
void definition_free(struct definition *def);	/* accepts NULL */

/* definition_stamp: what tells this definition from another (the build stamps each one
 * with a hash of its text); "" for an unstamped one. */
const char *definition_stamp(const struct definition *def);

/* definition_tabs: the tabs in order (*tabs lives as long as def). */
int definition_tabs(const struct definition *def, const struct def_tab **tabs);
/* definition_items: all items in definition order (*items lives as long as def). */
int definition_items(const struct definition *def, const struct def_item **items);
/* definition_item: the item with that id, or NULL. */
const struct def_item *definition_item(const struct definition *def, const char *id);
/* definition_is_option: 1 when value is the id of one of the item's options. */
int definition_is_option(const struct def_item *it, const char *value);
/* definition_option: the option of the item with id value, or NULL. */
const struct def_option *definition_option(const struct def_item *it, const char *value);
/* definition_service_question: the text of a service's question id ("hatt", "videre"), as
 * the form heads its columns; NULL when the definition has none. */
const char *definition_service_question(const struct definition *def, const char *id);

/* definition_prune: remove the answers to questions the record does not show (repeatedly,
 * so follow-ups of hidden questions go too) and answers to unknown ids. Returns how many
 * answers were removed, or < 0. */
int definition_prune(const struct definition *def, xmlDocPtr record);

/* definition_evaluate: the findings of a record: missing mandatory answers, answers outside
 * their options or range, contradictions, warnings; the levekårsindeks; the items hidden.
 * BP_ETOOBIG when the hidden ids do not fit. */
int definition_evaluate(const struct definition *def, xmlDocPtr record, struct evaluation *ev);

/* definition_shown: 1 when item id is shown for record, 0 when not, < 0 on error. */
int definition_shown(const struct definition *def, xmlDocPtr record, const char *id);
/* definition_shown_each: for each item i (in definition_items' order) with want[i] set,
 * shown[i] = 1 when it is shown for record, 0 when not; one XPath context for them all,
 * where definition_shown makes one per call. */
int definition_shown_each(const struct definition *def, xmlDocPtr record,
    const unsigned char *want, unsigned char *shown);

#endif
