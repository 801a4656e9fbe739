/* definition_cmd.h: `bpadm definition check|publish|list|build` (definition.c) and the
 * checks of a definition file they share (defcheck.c). */
#ifndef BP_BPADM_DEFINITION_CMD_H
#define BP_BPADM_DEFINITION_CMD_H

#include <libxml/tree.h>

#include "config.h"
#include "definition_files.h"

/* A definition file being checked: its source read with line numbers, and the version
 * made of it. Owns src, doc, made and def (defcheck_free); file and data_dir are the
 * caller's. */
struct defcheck {
	const char *file;		/* as named on the command line: messages start with it */
	const char *data_dir;		/* the site's (or the build's) data directory */
	char *src;			/* the file's text */
	size_t len;
	xmlDocPtr doc;			/* the source's tree, with line numbers */
	struct definition_made made;	/* valid when errors is 0 */
	struct definition *def;		/* made.xml loaded as the programs load it */
	int errors;
	long records;			/* generated records the rules ran over */
	long expressions;		/* the XPath expressions that ran on them */
};

/* defcheck_run: read and check file (schema, ids, markers, every XPath compiled and run over
 * generated records, the version made and read back). Each fault goes to stderr as
 * "FILE:LINE: melding" and counts in c->errors. 0, or < 0 when the file cannot be read. */
int defcheck_run(const char *data_dir, const char *file, struct defcheck *c);
void defcheck_free(struct defcheck *c);
/* defcheck_error: a fault at line (0: the file as a whole) */
void defcheck_error(struct defcheck *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* defcheck_line: the line of the element with that name and id in the source (0 if none) */
long defcheck_line(const struct defcheck *c, const char *element, const char *id);

int cmd_definition(struct config *cfg, int argc, char **argv);

#endif
