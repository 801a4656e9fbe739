/* report_out.c: what may leave a report. The counts become tables once, with every small
 * cell hidden by report_suppress (the one place the <5 rule lives); the XML of the page
 * and the PDF and the CSV are both written from these tables, so a cell hidden in one is
 * hidden in the other. A hidden cell, small or hidden to protect a small one, shows one
 * neutral mark, ":" ("Vises ikke av personvernhensyn", Statistics Norway's symbol), so a
 * reader can neither tell the small ones among them nor take a cell of 5 or more for
 * fewer; a column without a single person ("Ingen data": last year before any transfer)
 * has no cells at all rather than a column of marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

#define SECTION_ROWS_MAX 256		/* rows of one table */

/* ---- the <5 rule ---- */

void
report_suppress(const long *n, int count, long total, int partition, unsigned char *hide)
{
	long hidden_sum = 0;
	int i, nhidden = 0, small;

	for (i = 0; i < count; i++) {
		hide[i] = total < REPORT_MIN || n[i] < REPORT_MIN;
		if (hide[i]) {
			hidden_sum += n[i];
			nhidden++;
		}
	}
	if (!partition || total < REPORT_MIN)
		return;
	/* the hidden cells together are total minus the shown ones: never a small number */
	while (nhidden > 0 && nhidden < count && hidden_sum < REPORT_MIN) {
		small = -1;
		for (i = 0; i < count; i++)
			if (!hide[i] && (small < 0 || n[i] < n[small]))
				small = i;
		hide[small] = 2;
		hidden_sum += n[small];
		nhidden++;
	}
}

/* ---- the tables: every cell as it may be shown ---- */

struct cell {
	long n;				/* the count (or a sum of counts) */
	long base;			/* the share is of it; 0: no share */
	unsigned char hide;		/* report_suppress's: 0 shown, 1 small, 2 to protect one */
	unsigned char set;		/* the table has this cell */
};

/* One section's table. Its lines are the <base> (line 0, when there is one) and the rows;
 * a line has a cell per column and measure (the services' four, the followed persons'
 * groups of this year and their sum; one, without an id, elsewhere). */
struct table {
	const char *id, *title, *text, *chart;	/* the definition's (or static) strings */
	const char *base_id, *base_label;	/* its <base>, or NULL */
	const struct rowdef *rows;		/* the definition's, or follow[] */
	int nrows;
	int nm;					/* measures of a line */
	const char *m[GROUPS_MAX + 1];		/* their ids; m[0] NULL: none */
	struct rowdef follow[GROUPS_MAX];	/* the followed persons' rows */
	struct cell *cells;			/* owned: [nrows + 1][COL__MAX][nm] */
	int notlast;				/* last year's cells by id (prev_fill) */
};

static struct cell *
at(const struct table *t, int line, enum report_col c, int m)
{
	return &t->cells[((size_t)line * COL__MAX + (size_t)c) * (size_t)t->nm + (size_t)m];
}

static void
put(struct table *t, int line, enum report_col c, int m, long n, unsigned char hide,
    long base)
{
	struct cell *x = at(t, line, c, m);

	x->n = n;
	x->hide = hide;
	x->base = base;
	x->set = 1;
}

static int
has_col(const struct report *r, enum report_col c)
{
	switch (c) {
	case COL_SCOPE:
	case COL_PREV:
		return 1;
	case COL_LAND:
		return r->t.scope != SCOPE_LAND;
	case COL_REGION:
		return r->t.scope >= SCOPE_KOMMUNE;
	default:
		return 0;
	}
}

/* a column of the report with at least one person: one without has no cells */
static int
has_data(const struct report *r, enum report_col c)
{
	return has_col(r, c) && r->n[c] > 0;
}

/* one section, one column: the rows' cells hidden by report_suppress */
static int
section_col(const struct report *r, const struct sectiondef *s, struct table *t,
    enum report_col c)
{
	long n[SECTION_ROWS_MAX], base;
	unsigned char hide[SECTION_ROWS_MAX], base_hide;
	int i, j, start;

	if (s->nrows > SECTION_ROWS_MAX)
		return BP_ETOOBIG;
	base = s->base >= 0 ? r->count[c][s->base] : r->n[c];
	report_suppress(&base, 1, r->n[c], 0, &base_hide);
	if (s->base >= 0)
		put(t, 0, c, 0, base, base_hide, r->n[c]);
	if (base_hide)
		base = 0;	/* hides every cell below */
	for (i = 0; i < s->nrows; i++)
		n[i] = r->count[c][s->rows[i].fig];
	/* a partition by group (the levekår areas) is one partition per group */
	for (start = 0; start < s->nrows; start = j) {
		for (j = start + 1; j < s->nrows && s->rows[start].group && s->rows[j].group &&
		    strcmp(s->rows[start].group, s->rows[j].group) == 0; j++)
			;
		if (!s->rows[start].group)
			j = s->nrows;
		report_suppress(n + start, j - start, base, s->partition, hide + start);
	}
	for (i = 0; i < s->nrows; i++) {
		if (s->rows[i].sum)	/* a sum of children: shown when its persons are */
			put(t, i + 1, c, 0, r->sum[c][s->rows[i].fig], hide[i], 0);
		else
			put(t, i + 1, c, 0, n[i], hide[i], base);
	}
	return 0;
}

/* services: had it, continue, new, expected demand (= continue + new) */
static void
services_col(const struct report *r, const struct sectiondef *s, struct table *t,
    enum report_col c)
{
	long n[M__MAX];
	unsigned char hide[M__MAX], pair[2];
	int i, m;

	for (i = 0; i < s->nrows; i++) {
		for (m = 0; m < M__MAX; m++)
			n[m] = r->count[c][s->rows[i].fig + m];
		report_suppress(n, M__MAX, r->n[c], 0, hide);
		/* continue and new split the demand: one hidden alone would show */
		if (!hide[M_BEHOV]) {
			report_suppress(n + M_FORTSETTE, 2, n[M_BEHOV], 1, pair);
			hide[M_FORTSETTE] = pair[0];
			hide[M_NY] = pair[1];
		}
		for (m = 0; m < M__MAX; m++)
			put(t, i + 1, c, m, n[m], hide[m], r->n[c]);
	}
}

static int
table_init(struct table *t, int nrows, int nm)
{
	t->nrows = nrows;
	t->nm = nm;
	t->cells = calloc(((size_t)nrows + 1) * COL__MAX * (size_t)nm, sizeof(*t->cells));
	return t->cells ? 0 : BP_ENOMEM;
}

static int
section_table(const struct report *r, const struct sectiondef *s, struct table *t)
{
	int c, m, rc;

	t->id = s->id;
	t->title = s->title;
	t->text = s->text;
	t->chart = report_chart_ids[s->chart];
	if (s->base >= 0) {
		t->base_id = s->base_id;
		t->base_label = s->base_label;
	}
	t->rows = s->rows;
	if ((rc = table_init(t, s->nrows, s->chart == CH_SERVICES ? M__MAX : 1)) != 0)
		return rc;
	if (s->chart == CH_SERVICES)
		for (m = 0; m < M__MAX; m++)
			t->m[m] = report_measure_ids[m];
	for (c = 0; c < COL__MAX; c++) {
		/* last year's under a definition of its own: prev_fill */
		if (!has_data(r, c) || (c == COL_PREV && r->def->prev))
			continue;
		if (s->chart == CH_SERVICES)
			services_col(r, s, t, c);
		else if ((rc = section_col(r, s, t, c)) != 0)
			return rc;
	}
	return 0;
}

/* one more hidden cell where the hidden cells of a line add up to under REPORT_MIN:
 * line k of a g x g matrix, a row (by_col 0) or a column (by_col 1). 1 when it hid one. */
static int
hide_line(long cells[GROUPS_MAX][GROUPS_MAX], unsigned char hide[GROUPS_MAX][GROUPS_MAX],
    int g, int k, int by_col)
{
	long hs = 0;
	int x, nh = 0, small = -1;

	for (x = 0; x < g; x++) {
		int i = by_col ? x : k, j = by_col ? k : x;

		if (hide[i][j]) {
			hs += cells[i][j];
			nh++;
		} else if (small < 0 || cells[i][j] < (by_col ? cells[small][j] : cells[i][small]))
			small = x;
	}
	if (nh == 0 || hs >= REPORT_MIN || small < 0)
		return 0;
	if (by_col)
		hide[small][k] = 2;
	else
		hide[k][small] = 2;
	return 1;
}

/* the persons of the scope surveyed both years: last year's group against this year's.
 * Each row is a partition of its total (shown), so is each column of its (derivable). */
static int
follow_table(const struct report *r, struct table *t)
{
	const struct report_def *d = r->def;
	long cells[GROUPS_MAX][GROUPS_MAX] = { { 0 } }, rowsum[GROUPS_MAX] = { 0 };
	unsigned char hide[GROUPS_MAX][GROUPS_MAX], rh[GROUPS_MAX], th;
	int g = d->ngroups, i, j, again, rc;

	t->id = "fulgt";
	t->chart = "follow";
	t->title = "Samme personer i fjor og i år: levekårsindeks";
	t->text = "Personer kartlagt i samme område begge år (fulgt ved pseudonym). Radene er "
	    "gruppen i fjor, kolonnene gruppen i år.";
	t->base_id = "fulgt";
	t->base_label = "Kartlagt begge år";
	t->rows = t->follow;
	for (i = 0; i < g; i++) {
		t->follow[i].id = d->groups[i];
		t->follow[i].label = d->group_labels[i];
		t->m[i] = d->groups[i];
	}
	t->m[g] = "total";
	if ((rc = table_init(t, g, g + 1)) != 0)
		return rc;
	/* nobody last year (or this year): nothing to follow, rather than a table of marks */
	if (!has_data(r, COL_SCOPE) || !has_data(r, COL_PREV))
		return 0;
	report_suppress(&r->followed, 1, r->followed, 0, &th);
	put(t, 0, COL_SCOPE, 0, r->followed, th, 0);
	for (i = 0; i < g; i++) {
		rowsum[i] = 0;
		for (j = 0; j < g; j++) {
			cells[i][j] = r->follow[i][j];
			rowsum[i] += cells[i][j];
			hide[i][j] = th || cells[i][j] < REPORT_MIN;
		}
	}
	report_suppress(rowsum, g, r->followed, 1, rh);
	for (i = 0; i < g; i++)	/* a row whose total is hidden shows no cell */
		for (j = 0; j < g; j++)
			if (rh[i] && !hide[i][j])
				hide[i][j] = 2;
	do {
		again = 0;
		for (i = 0; i < g; i++)
			again |= hide_line(cells, hide, g, i, 0) | hide_line(cells, hide, g, i, 1);
	} while (again);
	for (i = 0; i < g; i++) {
		for (j = 0; j < g; j++)
			put(t, i + 1, COL_SCOPE, j, cells[i][j], hide[i][j], 0);
		put(t, i + 1, COL_SCOPE, g, rowsum[i], rh[i], 0);
	}
	return 0;
}

static void
tables_free(struct table *t, int n)
{
	int i;

	for (i = 0; t && i < n; i++)
		free(t[i].cells);
	free(t);
}

static int tables_make(const struct report *r, struct table **out, int *n);

/* the line of table t whose row (or base, line 0) has id, or -1 */
static int
line_of(const struct table *t, const char *id, int base)
{
	int i;

	if (base)
		return t->base_id && id && strcmp(t->base_id, id) == 0 ? 0 : -1;
	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].id, id) == 0)
			return i + 1;
	return -1;
}

/* Last year's column when last year had a report definition of its own: the cells of
 * last year's report's own column, made from last year's counts by that definition (and
 * with the <5 rule as it applied it there, so the column shows nothing last year's report
 * did not), for the sections, bases and rows whose ids are in both years'; a section or
 * row new this year has no cell of last year (2026 manual: the Kommunerapport compares
 * with the year before). t: this year's nt - 1 section tables. */
static int
prev_fill(const struct report *r, struct table *t, int nt)
{
	struct report *pr;
	struct table *pt = NULL;
	int npt = 0, k, kp, i, lp, m, rc;

	if ((pr = calloc(1, sizeof(*pr))) == NULL)
		return BP_ENOMEM;
	pr->def = r->def->prev;
	pr->t = r->t;
	pr->year = r->year - 1;
	pr->n[COL_SCOPE] = r->n[COL_PREV];
	pr->count[COL_SCOPE] = r->pcount;
	pr->sum[COL_SCOPE] = r->psum;
	if ((rc = tables_make(pr, &pt, &npt)) != 0) {
		free(pr);
		return rc;
	}
	for (k = 0; k < nt; k++) {
		t[k].notlast = 1;
		for (kp = 0; kp < npt - 1 && strcmp(pt[kp].id, t[k].id) != 0; kp++)
			;
		if (kp == npt - 1 || pt[kp].nm != t[k].nm)
			continue;
		for (i = 0; i <= t[k].nrows; i++) {
			if ((lp = line_of(&pt[kp], i ? t[k].rows[i - 1].id : t[k].base_id, !i)) < 0)
				continue;
			for (m = 0; m < t[k].nm; m++)
				*at(&t[k], i, COL_PREV, m) = *at(&pt[kp], lp, COL_SCOPE, m);
		}
	}
	tables_free(pt, npt);
	free(pr);
	return 0;
}

/* tables_make: every section's table and the followed persons', in *out (tables_free) */
static int
tables_make(const struct report *r, struct table **out, int *n)
{
	const struct report_def *d = r->def;
	struct table *t;
	int k, rc = 0;

	*out = NULL;
	*n = 0;
	if ((t = calloc((size_t)d->nsecs + 1, sizeof(*t))) == NULL)
		return BP_ENOMEM;
	for (k = 0; k < d->nsecs && rc == 0; k++)
		rc = section_table(r, &d->secs[k], &t[k]);
	if (rc == 0)
		rc = follow_table(r, &t[d->nsecs]);
	if (rc == 0 && d->prev && has_data(r, COL_PREV))
		rc = prev_fill(r, t, d->nsecs);
	if (rc != 0) {
		tables_free(t, d->nsecs + 1);
		return rc;
	}
	*out = t;
	*n = d->nsecs + 1;
	return 0;
}

/* ---- a cell as text: the XML and the CSV say the same ---- */

/* A cell hidden so it cannot be worked out shows the same mark as the small ones: a mark
 * of its own would tell a reader which hidden cells are the small ones, and "<5" would
 * say something false of a cell of 5 or more. */
static const char *const hidden_marks[] = { NULL, REPORT_HIDDEN, REPORT_HIDDEN };

/* the count or its mark into s (at least 24 bytes) */
static const char *
cell_n(const struct cell *x, char *s, size_t size)
{
	if (x->hide)
		return hidden_marks[x->hide];
	snprintf(s, size, "%ld", x->n);
	return s;
}

/* the share in per cent with one decimal, or NULL: hidden, or no base */
static const char *
cell_pct(const struct cell *x, char *s, size_t size)
{
	if (x->hide || x->base <= 0)
		return NULL;
	snprintf(s, size, "%.1f", 100.0 * (double)x->n / (double)x->base);
	return s;
}

/* a column's persons, or its mark when the column is too small to show (a column without
 * any has no count: has_data) */
static const char *
col_n(const struct report *r, enum report_col c, char *s, size_t size)
{
	struct cell x = { r->n[c], 0, 0, 1 };

	report_suppress(&r->n[c], 1, r->n[c], 0, &x.hide);
	return cell_n(&x, s, size);
}

/* ---- the XML ---- */

static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static int
set(xmlNodePtr n, const char *name, const char *val)
{
	return n && xmlSetProp(n, BAD_CAST name, BAD_CAST(val ? val : "")) ? 0 : BP_ENOMEM;
}

static int
set_l(xmlNodePtr n, const char *name, long v)
{
	char s[24];

	snprintf(s, sizeof(s), "%ld", v);
	return set(n, name, s);
}

/* <v col [m] n [pct]> */
static int
value_xml(xmlNodePtr line, enum report_col c, const char *m, const struct cell *x)
{
	xmlNodePtr v = child(line, "v");
	char n[24], pct[24];
	const char *p;
	int rc;

	if ((rc = set(v, "col", report_col_ids[c])) != 0 || (m && (rc = set(v, "m", m)) != 0) ||
	    (rc = set(v, "n", cell_n(x, n, sizeof(n)))) != 0)
		return rc;
	return (p = cell_pct(x, pct, sizeof(pct))) != NULL ? set(v, "pct", p) : 0;
}

/* a line's cells, column by column, measure by measure */
static int
line_xml(const struct table *t, int line, xmlNodePtr node)
{
	int c, m, rc;

	for (c = 0; c < COL__MAX; c++)
		for (m = 0; m < t->nm; m++)
			if (at(t, line, c, m)->set &&
			    (rc = value_xml(node, c, line ? t->m[m] : NULL, at(t, line, c, m))) != 0)
				return rc;
	return 0;
}

/* does the table have a single cell? */
static int
table_has_cells(const struct table *t)
{
	size_t i, n = ((size_t)t->nrows + 1) * COL__MAX * (size_t)t->nm;

	for (i = 0; i < n; i++)
		if (t->cells[i].set)
			return 1;
	return 0;
}

static int
table_xml(const struct table *t, xmlNodePtr root)
{
	xmlNodePtr sec = child(root, "section"), n;
	int i, rc;

	if ((rc = set(sec, "id", t->id)) || (rc = set(sec, "title", t->title)) ||
	    (rc = set(sec, "chart", t->chart)) || (t->text && (rc = set(sec, "text", t->text))) ||
	    (!table_has_cells(t) && (rc = set(sec, "nodata", "ja"))))
		return rc;
	if (t->base_id) {
		n = child(sec, "base");
		if ((rc = set(n, "id", t->base_id)) || (rc = set(n, "label", t->base_label)) ||
		    (rc = line_xml(t, 0, n)))
			return rc;
	}
	for (i = 0; i < t->nrows; i++) {
		const struct rowdef *rd = &t->rows[i];

		n = child(sec, "row");
		if ((rc = set(n, "id", rd->id)) || (rc = set(n, "label", rd->label)) ||
		    (rd->group && (rc = set(n, "group", rd->group))) ||
		    (rd->grouplabel && (rc = set(n, "grouplabel", rd->grouplabel))) ||
		    (rd->colour && (rc = set(n, "colour", rd->colour))) ||
		    (rd->sum && (rc = set(n, "sum", "ja"))) || (rc = line_xml(t, i + 1, n)))
			return rc;
	}
	return 0;
}

void
report_names(struct report *r, const char *const names[COL__MAX])
{
	int c;

	for (c = 0; c < COL__MAX; c++)
		r->colnames[c] = names ? names[c] : NULL;
}

int
report_xml(const struct report *r, xmlNodePtr parent)
{
	xmlNodePtr root = child(parent, "report"), cols, n;
	struct table *t = NULL;
	char s[24];
	int c, k, nt = 0, rc;

	if ((rc = set(root, "scope", report_scope_ids[r->t.scope])) || (rc = set_l(root, "aar",
	    r->year)) || (rc = set_l(root, "forrige", r->year - 1)))
		return rc;
	cols = child(root, "columns");
	for (c = 0; c < COL__MAX; c++) {
		if (!has_col(r, c))
			continue;
		n = child(cols, "column");
		if ((rc = set(n, "id", report_col_ids[c])) != 0 ||
		    (has_data(r, c) && (rc = set(n, "n", col_n(r, c, s, sizeof(s)))) != 0) ||
		    (!has_data(r, c) && (rc = set(n, "nodata", "ja")) != 0) ||
		    (r->colnames[c] && (rc = set(n, "name", r->colnames[c])) != 0))
			return rc;
	}
	if ((rc = tables_make(r, &t, &nt)) != 0)
		return rc;
	for (k = 0; k < nt && rc == 0; k++)
		rc = table_xml(&t[k], root);
	tables_free(t, nt);
	return rc;
}

/* ---- the CSV ---- */

/* One line: a table's line, measure m, and per column of the report a count, a share and
 * a flag: REPORT_HIDDEN where the cell is hidden (its count left empty, so that no
 * program reads the mark as a number), REPORT_NODATA where the column (or the whole
 * table) has nobody. */
static void
csv_line(struct buf *b, const struct report *r, const struct table *t, int line, int m,
    const char *group, const char *label)
{
	char n[24], pct[24];
	const char *p;
	int c, empty = !table_has_cells(t);

	buf_csv_field(b, t->title);
	buf_puts(b, ",");
	buf_csv_field(b, group ? group : "");
	buf_puts(b, ",");
	buf_csv_field(b, label ? label : "");
	buf_puts(b, ",");
	buf_csv_field(b, line && t->m[m] ? t->m[m] : "");
	for (c = 0; c < COL__MAX; c++) {
		const struct cell *x = at(t, line, c, m);

		if (!has_col(r, c))
			continue;
		buf_puts(b, ",");
		buf_csv_field(b, x->set && !x->hide ? cell_n(x, n, sizeof(n)) : "");
		buf_puts(b, ",");
		buf_csv_field(b, x->set && (p = cell_pct(x, pct, sizeof(pct))) ? p : "");
		buf_puts(b, ",");
		buf_csv_field(b, x->set ? (x->hide ? REPORT_HIDDEN : "") :
		    empty || !has_data(r, c) ? REPORT_NODATA :
		    c == COL_PREV && t->notlast ? REPORT_NOTLAST : "");
	}
	buf_puts(b, "\r\n");
}

/* does the line have a cell of measure m in any column? */
static int
has_measure(const struct table *t, int line, int m)
{
	int c;

	for (c = 0; c < COL__MAX; c++)
		if (at(t, line, c, m)->set)
			return 1;
	return 0;
}

int
report_csv(const struct report *r, struct buf *b)
{
	struct table *t = NULL;
	char h[256];
	int c, i, k, m, nt = 0, rc;

	if ((rc = tables_make(r, &t, &nt)) != 0)
		return rc;
	buf_puts(b, "\xef\xbb\xbf" "seksjon,gruppe,rad,maal");
	for (c = 0; c < COL__MAX; c++) {
		const char *name = r->colnames[c] ? r->colnames[c] : "";

		if (!has_col(r, c))
			continue;
		snprintf(h, sizeof(h), "%s antall", name);
		buf_puts(b, ",");
		buf_csv_field(b, h);
		snprintf(h, sizeof(h), "%s andel (%%)", name);
		buf_puts(b, ",");
		buf_csv_field(b, h);
		snprintf(h, sizeof(h), "%s merknad (%s = %s)", name, REPORT_HIDDEN,
		    REPORT_HIDDEN_LEGEND);
		buf_puts(b, ",");
		buf_csv_field(b, h);
	}
	buf_puts(b, "\r\n");
	for (k = 0; k < nt; k++) {
		if (t[k].base_id || !table_has_cells(&t[k]))	/* a table of nobody: one line */
			csv_line(b, r, &t[k], 0, 0, NULL, t[k].base_label);
		for (i = 0; i < t[k].nrows; i++)
			for (m = 0; m < t[k].nm; m++)
				if (has_measure(&t[k], i + 1, m))
					csv_line(b, r, &t[k], i + 1, m, t[k].rows[i].grouplabel,
					    t[k].rows[i].label);
	}
	tables_free(t, nt);
	return b->err ? BP_ENOMEM : 0;
}
