/* report.h: the Kommunerapport (and the regional and national reports beside it), made
 * from the pseudonymised registry the moment a kommune's year is transferred.
 *
 * What each figure counts is data: data/rapport/YEAR.xml, written out by the build
 * (tools/gen/rapportdef.xsl) with the levekår areas and the services of the questionnaire. A
 * report adds up registry rows (transfer.h) into counts per column: the report's own
 * scope (a kommune, a bydel, a region or the country), its KORUS region and the country
 * (for a kommune or bydel), and the same scope last year; and follows the persons of the
 * scope surveyed both years (the same pseudonym) from last year's levekårsindeks group to
 * this year's. Last year is counted by last year's definition when it has one, and
 * compared by id: a row new this year has no cell of last year.
 *
 * A year's rows are counted once into every scope's counts and kept in the store with
 * the year's persons (pseudonym, kommune, bydel, group); each transfer adds its kommune's
 * rows to them in its own transaction. A report is made from these, reading no row.
 *
 * The files: report_def.c the definition, report_row.c a row into counts,
 * report_tally.c a year's rows into every scope's counts and a report from them,
 * report_kept.c the kept counts, report_out.c the <5 rule and what leaves, report_pdf.c
 * the PDF. Only aggregates leave, and only through report_xml and report_csv, which hide
 * every small cell by report_suppress (the one place the <5 rule lives). */
#ifndef BP_REPORT_H
#define BP_REPORT_H

#include <libxml/tree.h>

#include "store.h"
#include "util.h"

#define REPORT_DIR "rapport"		/* below the configuration's data directory */
#define REPORT_MIN 5			/* the smallest number of persons a cell may show */
/* The mark of every hidden cell and its legend (Statistics Norway's ":"), and what a
 * column or table without a single person says. */
#define REPORT_HIDDEN ":"
#define REPORT_HIDDEN_LEGEND "vises ikke av personvernhensyn"
#define REPORT_NODATA "Ingen data"
/* last year's flag in the CSV of a row that last year's report definition did not have */
#define REPORT_NOTLAST "Ikke i fjorårets rapport"

struct report_def;
struct report;
struct refdata;

enum report_scope { SCOPE_LAND, SCOPE_REGION, SCOPE_KOMMUNE, SCOPE_BYDEL, SCOPE__MAX };
extern const char *const report_scope_ids[SCOPE__MAX];	/* "land", "region", ... */

/* The columns of a report; which a report has depends on its scope. */
enum report_col { COL_SCOPE, COL_REGION, COL_LAND, COL_PREV, COL__MAX };
extern const char *const report_col_ids[COL__MAX];	/* "s", "r", "l", "f" */

struct report_target {
	enum report_scope scope;
	char region[32];		/* the region (of the kommune, for kommune and bydel) */
	char kommune[5];		/* kommune and bydel scopes */
	char bydel[8];			/* bydel scope */
};

/* report_def_load: data_dir/rapport/YEAR.xml. BP_ENOENT when there is none for the year,
 * BP_EXML when it is not of the shape tools/gen/rapportdef.xsl writes. */
int report_def_load(const char *data_dir, int year, struct report_def **out);
void report_def_free(struct report_def *def);	/* accepts NULL */

/* report_new: an empty report of year for t. */
int report_new(const struct report_def *def, const struct report_target *t, int year,
    struct report **out);
void report_free(struct report *r);		/* accepts NULL */

/* report_add_row: one registry row (transfer.h) of kommune, whose KORUS region is
 * region, of the report's year (prev = 0) or the year before (prev = 1). Every row of
 * last year must come before the first of this year (the persons are followed by
 * pseudonym). BP_EXML for a row that is not a registry row. */
int report_add_row(struct report *r, int prev, const char *kommune, const char *region,
    const char *xml, size_t len);

/* report_build: a new report of year for t from the counts kept of the year and the year
 * before (every scope's: the country, each region, kommune and bydel; and every person's
 * pseudonym and group, for those followed), without reading a registry row; a year whose
 * kept counts do not hold (the registry changed since, or the definition did) is counted
 * now from all its rows, and report_keep keeps those counts. */
int report_build(struct store_txn *txn, const struct report_def *def,
    const struct refdata *rd, const struct report_target *t, int year, struct report **out);

/* report_keep: the counts report_build made now, kept (in the caller's write transaction)
 * for the reports after it; 0 and nothing written when it made none. */
int report_keep(struct store_txn *txn, const struct report *r);

/* report_counted: how many years' rows report_build read (0: every count was kept). */
int report_counted(const struct report *r);

/* report_ready: year's report counts (and last year's beside them) made and kept now when
 * they do not hold, so that the next report reads no registry row; *counted is how many
 * years' rows were read (0: they held). A year without a report definition is 0. For
 * bp-transfer's nightly pass and for what changes the counts' ground behind a transfer's
 * back (a definition published for a year with rows). */
int report_ready(struct store *st, const char *data_dir, const struct refdata *rd, int year,
    int *counted);

/* report_transfer_keep: after kommune's rows of year were written in txn (a transfer; gen
 * the year's registry generation before them), its counts in place of those kept of the
 * year (under every definition whose counts held at gen), so that the next report reads
 * no row. It reads the kommune's rows only. Counts that did not hold are left: the next
 * report (or bp-transfer) counts them afresh. */
int report_transfer_keep(struct store_txn *txn, const char *data_dir, const struct refdata *rd,
    const char *kommune, int year, unsigned long long gen);

/* report_persons: how many persons the report's own scope has this year. */
long report_persons(const struct report *r);

/* report_names: the names of the columns (the scope's, its region's, "Hele landet", the
 * scope's last year), which only the caller knows; report_xml and report_csv write them.
 * The strings must live as long as the report; NULL names none. */
void report_names(struct report *r, const char *const names[COL__MAX]);

/* report_xml: the aggregate as <report> under parent (in parent's document):
 *   <report aar forrige scope>
 *     <columns><column id n [name]/>…</columns>   n ":" when the column is too small;
 *                                                  nodata="ja" and no n when it has
 *                                                  nobody (nor any <v>)
 *     <section id title chart text [nodata="ja"]>  chart: bar stacked services follow;
 *                                                  nodata: not a single cell
 *       <base id label><v col n/>…</base>          the persons the shares are of
 *       <row id label [group grouplabel colour] [sum="ja"]>
 *         <v col n pct/>…                          n is a count or ":" (REPORT_HIDDEN:
 *                                                  small, or hidden so it cannot be
 *                                                  worked out); pct only with a count
 *         <v col m n/>                             services: m = hatt fortsette ny behov;
 *                                                  follow: m = this year's group
 * 0, BP_ENOMEM or BP_ETOOBIG. */
int report_xml(const struct report *r, xmlNodePtr parent);

/* report_csv: the same tables as report_xml, appended to out as CSV (RFC 4180, UTF-8 with
 * a byte order mark for spreadsheets): "seksjon,gruppe,rad,maal", then a count, a share
 * and a flag ("merknad") per column; one line per <base>, per row, per measure of a row
 * that has measures, and one for a table without a single cell. A hidden cell has an
 * empty count and share and the flag REPORT_HIDDEN; a column (or table) with nobody the
 * flag REPORT_NODATA; last year's cell of a row new this year REPORT_NOTLAST. 0,
 * BP_ENOMEM or BP_ETOOBIG. */
int report_csv(const struct report *r, struct buf *out);

/* report_suppress: the <5 rule over n[0..count) (cgi-bin/README.md, "Reports": privacy). Sets
 * hide[i] to 1 for a cell under REPORT_MIN persons, to 2 for a cell hidden because one
 * could otherwise work a small cell out, 0 for one shown. When total < REPORT_MIN every
 * cell is hidden. partition: the cells split total, which is shown, so the hidden cells'
 * sum is total minus the shown ones: while it is under REPORT_MIN (one small cell alone,
 * or several that add up to little) the smallest shown cell is hidden too. */
void report_suppress(const long *n, int count, long total, int partition,
    unsigned char *hide);

#endif
