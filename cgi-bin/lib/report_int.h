/* report_int.h: what the report's own files share (report_def.c the definition,
 * report_row.c reading registry rows, report_kept.c the kept counts, report_out.c the <5
 * rule and what may leave: the XML and the CSV). Not for any other file: everything
 * outside sees report.h only, so only aggregates with the rule applied leave. */
#ifndef BP_REPORT_INT_H
#define BP_REPORT_INT_H

#include <stdint.h>

#include <libxml/parser.h>

#include "report.h"
#include "transfer.h"

#define REPORT_FILE_MAX (1 << 20)
#define CONDS_MAX 4			/* <when>s of a row */
#define COND_ITEMS_MAX 4		/* items one <when> may name */
#define COND_VALUES_MAX 8
#define SLOTS_MAX 256			/* distinct items the figures read */
#define SLOT_VALUES_MAX 12		/* answers of one multi item */
#define VALUE_MAX 40
#define GROUPS_MAX 8			/* levekårsindeks groups followed */
#define ROW_XML_MAX (256 * 1024)
#define REPORT_REGIONS_MAX 16		/* KORUS regions kept (there are 7) */
#define NAME_TABLE 512			/* slots by element name, open addressing */

/* what a <when> looks at */
enum cond_kind {
	K_ITEM,			/* an answer: option id or number */
	K_ATTR,			/* an attribute of the row */
	K_HATT,			/* a service's "had it last year" */
	K_VIDERE,		/* a service's "continue or recommended as new" */
};

/* the row attributes a figure may ask about */
enum row_attr { A_KJONN, A_ALDER, A_INDEKS, A__MAX };
extern const char *const report_attr_names[A__MAX];	/* "kjonn", "alder", "indeks" */

struct cond {
	enum cond_kind kind;
	int neg;			/* the test must fail */
	int attr;			/* K_ATTR */
	int slots[COND_ITEMS_MAX];	/* K_ITEM, K_HATT, K_VIDERE: any of these items */
	int nslots;
	char *values[COND_VALUES_MAX];	/* any of these, or a range */
	int nvalues;
	int range;
	long min, max;
	int none;			/* no answer to any of the items */
};

/* a figure: the persons for whom every cond holds (and the sum of some numbers) */
struct figure {
	struct cond conds[CONDS_MAX];
	int nconds;
	int sum_slots[COND_ITEMS_MAX];
	int nsum;
};

enum service_measure { M_HATT, M_FORTSETTE, M_NY, M_BEHOV, M__MAX };
extern const char *const report_measure_ids[M__MAX];	/* "hatt", "fortsette", ... */

struct rowdef {
	char *id, *label, *group, *grouplabel, *colour;	/* owned (the def's strings) */
	int fig;			/* its figure; services: the first of M__MAX */
	int sum;			/* 1: the row shows the sum, not the persons */
};

enum chart { CH_BAR, CH_STACKED, CH_SERVICES };
extern const char *const report_chart_ids[];	/* "bar", "stacked", "services" */

struct sectiondef {
	char *id, *title, *text;
	enum chart chart;
	int partition;
	int base;			/* figure of <base>, or -1: every person */
	char *base_id, *base_label;
	struct rowdef *rows;
	int nrows;
};

struct report_def {
	int year;
	uint64_t hash;			/* of the file's text: kept counts are of this one */
	xmlDocPtr doc;			/* strings below point into it */
	struct figure *figs;
	int nfigs, capfigs;
	struct sectiondef *secs;
	int nsecs;
	char *slot_names[SLOTS_MAX];
	int nslots;
	char *groups[GROUPS_MAX];	/* levekårsindeks groups, in order (section "indeks") */
	char *group_labels[GROUPS_MAX];
	int ngroups;
};

struct slotval {
	char v[SLOT_VALUES_MAX][VALUE_MAX];
	int n;
	char hatt[4], videre[4];
};

/* A row as the figures see it, filled by the SAX callbacks. */
struct row {
	const struct report_def *def;
	char attrs[A__MAX][VALUE_MAX];
	char pseudonym[PSEUDONYM_LEN + 1];
	char bydel[8];
	struct slotval *slots;		/* def->nslots */
	int depth;
	int cur;			/* slot of the element open at depth 1, or -1 */
	char text[VALUE_MAX];
	size_t tlen;
	int bad;
};

/* names to slots: a small open-addressed table, built once per report */
struct names {
	const char *name[NAME_TABLE];
	int slot[NAME_TABLE];
};

struct report {
	const struct report_def *def;
	struct report_target t;
	int year;
	struct names names;
	struct row row;
	xmlParserCtxtPtr pctx;		/* one SAX parser for every row: its dictionary too */
	/* The parser's dictionary gives a name the same pointer in every row: slots (and
	 * the service attributes) by pointer, without hashing the name again. */
	struct { const xmlChar *name; int slot; } seen[NAME_TABLE];
	const xmlChar *hatt, *videre;
	long n[COL__MAX];		/* persons per column */
	long *count[COL__MAX];		/* [nfigs] persons per figure */
	long *sum[COL__MAX];		/* [nfigs] sums of the figures with sum */
	unsigned char *hit;		/* [nfigs] scratch: the figures of one row */
	/* last year's persons of the scope, by pseudonym, with their group */
	struct followed { char p[PSEUDONYM_LEN + 1]; int group; } *prev;
	size_t nprev, capprev;
	int prev_sorted;
	long follow[GROUPS_MAX][GROUPS_MAX];	/* [last year's group][this year's] */
	long followed;
	/* the kept counts (report_keep): the country's and each region's */
	int lr_kept;			/* COL_LAND and COL_REGION came from them */
	int fill;			/* a full pass: count each region too, to keep */
	uint64_t fingerprint;		/* of the year's registry keys */
	struct agg { char region[32]; long n; long *count, *sum; } regs[REPORT_REGIONS_MAX];
	int nregs;
	const char *colnames[COL__MAX];	/* the caller's (report_names), or NULL */
};

/* report_fnv64: FNV-1a over p[0..n) from h (the definition's hash, the kept counts' mark) */
uint64_t report_fnv64(uint64_t h, const void *p, size_t n);

/* report_fingerprint: the mark of year's registry (its generation, or its keys) the kept
 * counts hold for. 0 or the store's bp_err. */
int report_fingerprint(struct store_txn *txn, int year, uint64_t *fp);

/* report_kept_load: the kept counts into r's COL_LAND and COL_REGION (r->lr_kept set);
 * BP_ENOENT, r as it was, when none hold for r's fingerprint and definition. */
int report_kept_load(struct store_txn *txn, struct report *r);

#endif
