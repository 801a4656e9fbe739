/* report_int.h: what the report's own files share (report_def.c the definition,
 * report_row.c reading registry rows, report_tally.c a year's counts of every scope and
 * a report from them, report_kept.c the kept counts, report_out.c the <5 rule and what
 * may leave: the XML and the CSV). Not for any other file: everything
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
	/* last year's (report_def_load), or NULL: then last year's rows are counted with
	 * this one; last year's own has none */
	struct report_def *prev;	/* owned */
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

/* A scope's counts: its persons, per figure, and the figures' sums. */
#define SCOPE_ID_MAX 48			/* "land", "r-REGION", "k-NNNN", "b-NNNN-BYDEL" */
struct agg {
	char id[SCOPE_ID_MAX];
	long n;
	long *count, *sum;		/* owned: [nfigs] */
};

/* A person of a year as the followed table needs them, kept as these bytes. */
struct person {
	char p[PSEUDONYM_LEN];		/* the pseudonym (hex, not NUL-terminated) */
	char kommune[4];
	char bydel[8];			/* NUL-padded */
	char indeks[16];		/* NUL-padded: the group's id, whatever the definition */
};

#define TALLY_HASH 4096			/* scopes of a tally by id, open addressing */
#define TALLY_SCOPES_MAX 2048		/* 357 kommuner, their bydeler, 7 regions, the country */

/* One year's rows under one definition: every scope's counts and every person, made by
 * one pass over the rows (report_tally) and kept by report_keep. */
struct tally {
	const struct report_def *def;
	int year;
	uint64_t fingerprint;		/* of the registry the rows were read from */
	struct agg *aggs;		/* owned: [naggs] */
	int naggs, capaggs;
	int slot[TALLY_HASH];		/* index + 1 of the agg whose id hashes here, or 0 */
	struct person *persons;		/* owned: in row (kommune, pseudonym) order */
	size_t npersons, cappersons;
	struct report *parser;		/* owned: parses and tests the rows */
	int kommuner;			/* persons of a single kommune (report_kept_transfer) */
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
	/* last year's persons of the scope, by pseudonym, with their group (report_add_row) */
	struct followed { char p[PSEUDONYM_LEN + 1]; int group; } *prev;
	size_t nprev, capprev;
	int prev_sorted;
	/* last year's column when last year has a definition of its own (def->prev): its
	 * counts per figure of that one (COL_PREV's count and sum are then unused), and
	 * report_add_row's reader of last year's rows */
	long *pcount, *psum;		/* owned: [def->prev->nfigs], or NULL */
	struct report *prevp;		/* owned, or NULL */
	long follow[GROUPS_MAX][GROUPS_MAX];	/* [last year's group][this year's] */
	long followed;
	/* report_build: the years counted now, because nothing was kept that holds
	 * ([0] this year, [1] last year), for report_keep */
	struct tally *made[2];		/* owned, or NULL */
	const char *colnames[COL__MAX];	/* the caller's (report_names), or NULL */
};

/* report_row_hits: one registry row parsed into r->row, and r->hit[] the figures that
 * hold for it; BP_EXML for a row that is not one. report_add_hits: the row into the
 * counts n, count, sum. report_group_of: the levekårsindeks group of indeks, or -1. */
int report_row_hits(struct report *r, const char *xml, size_t len);
void report_add_hits(struct report *r, long *n, long *count, long *sum);
int report_group_of(const struct report_def *d, const char *indeks);

/* the scope ids of a tally */
void report_scope_id(char id[SCOPE_ID_MAX], enum report_scope scope, const char *region,
    const char *kommune, const char *bydel);

/* report_tally: one year's rows (of kommune, or every kommune when NULL) under def into a
 * new tally. 0 or a bp_err. */
int report_tally(struct store_txn *txn, const struct report_def *def,
    const struct refdata *rd, int year, const char *kommune, struct tally **out);
void report_tally_free(struct tally *t);	/* accepts NULL */
/* tally_find: the scope's counts, or NULL when it has nobody */
const struct agg *tally_find(const struct tally *t, const char *id);
/* report_follow: the persons of r's scope in both years (prev, cur: sorted by pseudonym
 * and kommune, as report_persons_sort leaves them) into r->follow and r->followed. */
void report_follow(struct report *r, const struct refdata *rd, const struct person *prev,
    size_t nprev, const struct person *cur, size_t ncur);
void report_persons_sort(struct person *p, size_t n);

/* report_fnv64: FNV-1a over p[0..n) from h (the definition's hash, the kept counts' mark) */
uint64_t report_fnv64(uint64_t h, const void *p, size_t n);

/* report_fingerprint: the mark of year's registry (its generation, or its keys) the kept
 * counts hold for. 0 or the store's bp_err. */
int report_fingerprint(struct store_txn *txn, int year, uint64_t *fp);

/* report_kept_valid: 0 when the kept counts of year under def hold for fingerprint fp
 * (its every scope and every person), BP_ENOENT when they do not. */
int report_kept_valid(struct store_txn *txn, const struct report_def *def, int year,
    uint64_t fp);
/* report_kept_agg: a scope's kept counts into n, count, sum (zero when it has nobody). */
int report_kept_agg(struct store_txn *txn, const struct report_def *def, int year,
    const char *id, long *n, long *count, long *sum);
/* report_kept_persons: year's kept persons (kommune's, or all when NULL) appended to
 * *p (realloc'd; *n, *cap). */
int report_kept_persons(struct store_txn *txn, int year, const char *kommune,
    struct person **p, size_t *n, size_t *cap);
/* report_tally_keep: t's counts and persons kept for the reports after it. */
int report_tally_keep(struct store_txn *txn, const struct tally *t);

#endif
