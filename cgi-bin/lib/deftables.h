/* deftables.h: the tables of a loaded definition, shared by definition.c (which reads the
 * XML and applies the rules) and defimage.c (which writes and reads them as an image).
 * Private to those two. */
#ifndef BP_DEFTABLES_H
#define BP_DEFTABLES_H

#include "definition.h"

struct rule {
	enum finding_kind kind;		/* FINDING_ERROR or FINDING_OBS */
	const char *field;
	const char *when;
	xmlXPathCompExprPtr when_c;
	const char *text;
};

struct group {
	const char *id;
	const char *title;
	const char *when;
	xmlXPathCompExprPtr when_c;
};

#define SQUESTIONS_MAX 4

struct definition {
	char *strings;			/* every string below, copied from the file */
	size_t nstrings, capstrings;
	const char *stamp;
	struct def_item *items;
	int nitems;
	struct def_item **by_id;	/* items sorted by id, for find() */
	struct def_option *options;	/* the items' options, each item's in a row */
	int noptions;
	struct rule *rules;
	int nrules;
	struct group *groups;		/* the levekårsindeks, in order */
	int ngroups;
	char areas[512];		/* ids of the levekår areas, space-separated */
	struct def_tab tabs[DEFINITION_TABS_MAX];
	int ntabs;
	struct def_option squestions[SQUESTIONS_MAX];	/* a service's questions: id, text */
	int nsquestions;
};

#define ITEMS_MAX 1024
#define OPTIONS_MAX 4096
#define RULES_MAX 1024
#define GROUPS_MAX 16
#define DEFINITION_FILE_MAX (1 << 20)
#define DEPTH_MAX 32

/* definition_parse: the same from the file's text text[0..len). */
int definition_parse(const char *text, size_t len, struct definition **out);
/* definition_image_write: the image of d, appended to out. */
int definition_image_write(const struct definition *d, struct buf *out);

/* definition_image_read: the image in text[0..len) as a definition, when it is well made and
 * was made from a definition stamped stamp; BP_EXML when not. */
int definition_image_read(const char *text, size_t len, const char *stamp,
    struct definition **out);

#endif
