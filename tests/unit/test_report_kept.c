/* test_report_kept.c: the reports made from kept counts (report_tally.c, report_kept.c) in
 * a real store are byte for byte those of a fresh count, a row at a time (report_add_row):
 * for every scope (the country, a region, a kommune, a bydel), with last year's column and
 * the persons followed by pseudonym (one moved to another kommune of the region, one
 * surveyed in two kommuner), when counted now, when kept, and after a transfer's rows
 * were added to the kept counts (report_transfer_keep) instead of counting afresh; and
 * counts that no longer hold (a row written behind their back) are not used, nor kept
 * when the registry changed while they were counted (they would undo a transfer's).
 *
 * And two years with two report definitions, hand-made (2026 manual: the Kommunerapport
 * compares with the year before): last year's column is last year's report, counted by
 * last year's definition, for the ids in both years only; the persons followed by
 * pseudonym across the two; the CSV flags a row new this year; and the report from the
 * store (counted now, then kept) is the fresh count's. */
#include "unit.h"

#include "report_xpath.h"

#include <libxml/parser.h>

#include "refdata.h"
#include "report.h"
#include "transfer.h"

/* The registry: person i of year y (2025 or 2026), in kommune kommune_of(i, y). */
#define PERSONS 420
static const char *const kommuner[] = { "0301", "1103", "1124", "4601" };

static const char *
kommune_of(int i, int year)
{
	if (i == 5 && year == 2026)
		return "1124";		/* moved from 1103 to 1124: the same region */
	if (i % 5 == 4 && year == 2025)
		return NULL;		/* new this year */
	if (i % 7 == 6 && year == 2026)
		return NULL;		/* only last year */
	return kommuner[i % 4];
}

static int
row_xml(char *xml, size_t size, int i, int year, const char *kommune)
{
	static const char *const indeks[] = { "gront", "gult", "rodt", "blalys" };
	static const char *const kat[] = { "rus", "psyk", "begge" };

	return snprintf(xml, size, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<kartlegging aar=\"%d\" kommune=\"%s\" kjonn=\"%s\" alder=\"%d\" indeks=\"%s\" "
	    "pseudonym=\"%064d\" bydel=\"%s\"><kategori>%s</kategori>"
	    "<bosituasjon>%s</bosituasjon><barn_bor_med_egne>%d</barn_bor_med_egne>"
	    "<ho_fastlege hatt=\"%s\" videre=\"ja\"/></kartlegging>\n", year, kommune,
	    i % 2 ? "mann" : "kvinne", 16 + (i * 7 + year) % 60,
	    indeks[(i / 3 + year) % 4], i, strcmp(kommune, "0301") == 0 ?
	    (i % 3 ? "030101" : "030102") : "", kat[(i + year) % 3],
	    (i + year) % 4 ? "gul" : "rod", i % 3, i % 5 ? "ja" : "nei");
}

static void
row_key(unsigned char key[REGISTRY_KEY_LEN], int i, int year, const char *kommune)
{
	char head[32];

	memset(key, 0, REGISTRY_KEY_LEN);
	snprintf(head, sizeof(head), "%04d%s", year, kommune);
	memcpy(key, head, 8);
	/* in pseudonym order, as the hex of the row's pseudonym */
	key[REGISTRY_KEY_LEN - 2] = (unsigned char)(i >> 8);
	key[REGISTRY_KEY_LEN - 1] = (unsigned char)i;
}

struct fill {
	const char *only;		/* only this kommune's rows of 2026 (a transfer) */
	const char *skip;		/* every row but this kommune's of 2026 */
	int twice;			/* person 8 in 4601 too, this year */
	const char *data;
	const struct refdata *rd;
	unsigned long long gen;		/* 2026's before */
};

static int
put_rows(struct store_txn *txn, void *arg)
{
	struct fill *f = arg;
	unsigned char key[REGISTRY_KEY_LEN];
	struct buf scratch = { 0 };
	char xml[2048];
	const char *k;
	int i, y, n, rc = 0;

	if (registry_generation(txn, 2026, &f->gen) == BP_ENOENT)
		f->gen = 0;
	for (y = 2025; y <= 2026 && rc == 0; y++)
		for (i = 0; i < PERSONS && rc == 0; i++) {
			if ((k = kommune_of(i, y)) == NULL)
				continue;
			if ((y == 2026 && f->skip && strcmp(k, f->skip) == 0) ||
			    (f->only && (y != 2026 || strcmp(k, f->only) != 0)))
				continue;
			n = row_xml(xml, sizeof(xml), i, y, k);
			row_key(key, i, y, k);
			rc = registry_put(txn, key, xml, (size_t)n, 0, &scratch);
		}
	if (rc == 0 && f->twice) {
		n = row_xml(xml, sizeof(xml), 8, 2026, "4601");
		row_key(key, 8, 2026, "4601");
		rc = registry_put(txn, key, xml, (size_t)n, 0, &scratch);
	}
	if (rc == 0 && f->only)
		rc = report_transfer_keep(txn, f->data, f->rd, f->only, 2026, f->gen);
	buf_free(&scratch);
	return rc;
}

/* the report's XML as text; its document kept in *keep (may be NULL) for XPath */
static char *
xml_of(struct report *r, xmlDocPtr *keep)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	xmlChar *mem = NULL;
	char *out;
	int len;

	xmlDocSetRootElement(doc, root);
	assert_int_equal(report_xml(r, root), 0);
	xmlDocDumpMemory(doc, &mem, &len);
	out = strdup((char *)mem);
	xmlFree(mem);
	if (keep)
		*keep = doc;
	else
		xmlFreeDoc(doc);
	return out;
}

/* the fresh count: every row of the two years, a row at a time */
static char *
fresh(const struct report_def *def, const struct refdata *rd, const struct report_target *t,
    int twice)
{
	struct report *r = NULL;
	char xml[2048], *out;
	const char *k;
	int i, y, n;

	assert_int_equal(report_new(def, t, 2026, &r), 0);
	for (y = 2025; y <= 2026; y++)
		for (i = 0; i < PERSONS; i++)
			if ((k = kommune_of(i, y)) != NULL) {
				n = row_xml(xml, sizeof(xml), i, y, k);
				assert_int_equal(report_add_row(r, y == 2025, k,
				    refdata_kommune_region(rd, k), xml, (size_t)n), 0);
			}
	if (twice) {	/* 4601's rows come after 1124's: person 8 counted where first seen */
		n = row_xml(xml, sizeof(xml), 8, 2026, "4601");
		assert_int_equal(report_add_row(r, 0, "4601", refdata_kommune_region(rd, "4601"),
		    xml, (size_t)n), 0);
	}
	out = xml_of(r, NULL);
	report_free(r);
	return out;
}

struct open {
	const struct report_def *def;
	const struct refdata *rd;
	const struct report_target *t;
	struct report *r;
};

static int
open_build(struct store_txn *txn, void *arg)
{
	struct open *o = arg;

	return report_build(txn, o->def, o->rd, o->t, 2026, &o->r);
}

static int
open_keep(struct store_txn *txn, void *arg)
{
	return report_keep(txn, ((struct open *)arg)->r);
}

/* a report from the store, kept after; *counted: how many years it read rows of */
static char *
stored(struct fix *f, const struct report_def *def, const struct refdata *rd,
    const struct report_target *t, int *counted)
{
	struct open o = { def, rd, t, NULL };
	char *out;

	assert_int_equal(store_read(f->st, open_build, &o), 0);
	*counted = report_counted(o.r);
	out = xml_of(o.r, NULL);
	assert_int_equal(store_write(f->st, open_keep, &o), 0);
	report_free(o.r);
	return out;
}

static const struct report_target targets[] = {
	{ SCOPE_LAND, "", "", "" },
	{ SCOPE_REGION, "vest-stavanger", "", "" },
	{ SCOPE_REGION, "oslo", "", "" },
	{ SCOPE_KOMMUNE, "vest-stavanger", "1103", "" },
	{ SCOPE_KOMMUNE, "vest-stavanger", "1124", "" },
	{ SCOPE_KOMMUNE, "oslo", "0301", "" },
	{ SCOPE_BYDEL, "oslo", "0301", "030101" },
	{ SCOPE_KOMMUNE, "vest-bergen", "4601", "" },
};

/* every target's report from the store equals the fresh count; want: how many years it
 * should have read */
static void
all_equal(struct fix *f, const struct report_def *def, const struct refdata *rd, int twice,
    int want)
{
	size_t i;
	int counted;

	for (i = 0; i < UNIT_N(targets); i++) {
		char *a = fresh(def, rd, &targets[i], twice);
		char *b = stored(f, def, rd, &targets[i], &counted);

		if (strcmp(a, b) != 0)
			fail_msg("target %zu: the report differs from a fresh count", i);
		/* the first report counts both years; every one after it reads no row */
		assert_int_equal(counted, i == 0 ? want : 0);
		assert_non_null(strstr(b, "fulgt"));
		free(a);
		free(b);
	}
}

static void
test_kept(void **state)
{
	struct fix *f = *state;
	struct report_def *def = NULL;
	struct refdata *rd = NULL;
	struct fill fl = { NULL, NULL, 0, NULL, NULL, 0 };
	struct open o1, o2;
	char *a, *b;
	int counted;

	assert_int_equal(report_def_load(build_data(), 2026, &def), 0);
	assert_int_equal(refdata_load(build_data(), &rd), 0);
	fl.data = build_data();
	fl.rd = rd;
	o1 = (struct open){ def, rd, &targets[0], NULL };
	o2 = o1;
	/* every kommune but 1124 this year */
	fl.skip = "1124";
	assert_int_equal(store_write(f->st, put_rows, &fl), 0);
	/* two reports opened at once count the registry; one keeps its counts */
	assert_int_equal(store_read(f->st, open_build, &o1), 0);
	assert_int_equal(store_read(f->st, open_build, &o2), 0);
	assert_int_equal(report_counted(o1.r), 2);
	assert_int_equal(report_counted(o2.r), 2);
	assert_int_equal(store_write(f->st, open_keep, &o2), 0);
	report_free(o2.r);
	/* 1124 transfers: its rows added to the kept counts in the same transaction */
	fl.only = "1124";
	fl.skip = NULL;
	assert_int_equal(store_write(f->st, put_rows, &fl), 0);
	/* the other keeps what it counted before the transfer: not kept, as it no longer
	 * holds, so the transfer's counts stay */
	assert_int_equal(store_write(f->st, open_keep, &o1), 0);
	report_free(o1.r);
	all_equal(f, def, rd, 0, 0);
	/* its rows written again: its old counts taken out, not counted twice */
	assert_int_equal(store_write(f->st, put_rows, &fl), 0);
	all_equal(f, def, rd, 0, 0);
	/* a row written behind the kept counts' back: they hold no longer, counted afresh */
	fl.only = NULL;
	fl.twice = 1;
	assert_int_equal(store_write(f->st, put_rows, &fl), 0);
	all_equal(f, def, rd, 1, 2);
	/* and once more from the kept counts */
	a = fresh(def, rd, &targets[1], 1);
	b = stored(f, def, rd, &targets[1], &counted);
	assert_string_equal(a, b);
	assert_int_equal(counted, 0);
	free(a);
	free(b);
	refdata_free(rd);
	report_def_free(def);
}

/* -- two years, two definitions ------------------------------------------------------ */

/* The definitions, hand-made: 2027 with a question added (kategori2 in place of kategori, a
 * row "begge" and a section "bolig" new) and 2026's row "psyk" gone. Last year's column
 * is last year's report, counted by last year's definition, for the ids in both years
 * only; the persons are followed by pseudonym across the two; the report from the store
 * (kept counts) is the fresh count's. */
static const char def2026[] =
    "<report year=\"2026\">"
    "<section id=\"kjonn\" title=\"Kjønn\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"mann\" label=\"Menn\"><when attr=\"kjonn\" value=\"mann\"/></row>"
    "<row id=\"kvinne\" label=\"Kvinner\"><when attr=\"kjonn\" value=\"kvinne\"/></row></section>"
    "<section id=\"kategori\" title=\"Kategori\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"rus\" label=\"Rus\"><when item=\"kategori\" value=\"rus\"/></row>"
    "<row id=\"psyk\" label=\"Psykisk\"><when item=\"kategori\" value=\"psyk\"/></row></section>"
    "<section id=\"indeks\" title=\"Levekårsindeks\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"gront\" label=\"Grønt\"><when attr=\"indeks\" value=\"gront\"/></row>"
    "<row id=\"gult\" label=\"Gult\"><when attr=\"indeks\" value=\"gult\"/></row></section>"
    "</report>";
static const char def2027[] =
    "<report year=\"2027\">"
    "<section id=\"kjonn\" title=\"Kjønn\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"mann\" label=\"Menn\"><when attr=\"kjonn\" value=\"mann\"/></row>"
    "<row id=\"kvinne\" label=\"Kvinner\"><when attr=\"kjonn\" value=\"kvinne\"/></row></section>"
    "<section id=\"kategori\" title=\"Kategori\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"rus\" label=\"Rus\"><when item=\"kategori2\" value=\"rus\"/></row>"
    "<row id=\"begge\" label=\"Begge\"><when item=\"kategori2\" value=\"begge\"/></row></section>"
    "<section id=\"bolig\" title=\"Bolig\" chart=\"bar\">"
    "<row id=\"ja\" label=\"Har bolig\"><when item=\"bolig_ny\" value=\"ja\"/></row></section>"
    "<section id=\"indeks\" title=\"Levekårsindeks\" chart=\"bar\" partition=\"yes\">"
    "<row id=\"gront\" label=\"Grønt\"><when attr=\"indeks\" value=\"gront\"/></row>"
    "<row id=\"gult\" label=\"Gult\"><when attr=\"indeks\" value=\"gult\"/></row></section>"
    "</report>";

/* person n of year: 2026 p01-p10 men (grønt, rus), p11-p16 women (gult, psyk); 2027
 * p01-p08 men again (gult, rus, bolig) and p20-p26 women (grønt, begge) */
static int
two_row(char *xml, size_t size, int year, int n)
{
	int man = year == 2026 ? n <= 10 : n <= 8;

	return snprintf(xml, size, "<kartlegging aar=\"%d\" kommune=\"0301\" kjonn=\"%s\" "
	    "alder=\"30\" indeks=\"%s\" pseudonym=\"%064d\" bydel=\"\">%s</kartlegging>", year,
	    man ? "mann" : "kvinne", (year == 2026) == man ? "gront" : "gult", n,
	    year == 2026 ? (man ? "<kategori>rus</kategori>" : "<kategori>psyk</kategori>") :
	    man ? "<kategori2>rus</kategori2><bolig_ny>ja</bolig_ny>" :
	    "<kategori2>begge</kategori2>");
}

static const int two_people[2][16] = {
	{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 },
	{ 1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 22, 23, 24, 25, 26, 0 },
};

static int
two_put(struct store_txn *txn, void *arg)
{
	unsigned char key[REGISTRY_KEY_LEN];
	struct buf scratch = { 0 };
	char xml[1024];
	int y, i, n, rc = 0;

	(void)arg;
	for (y = 0; y < 2 && rc == 0; y++)
		for (i = 0; i < 16 && two_people[y][i] && rc == 0; i++) {
			memset(key, 0, sizeof(key));
			memcpy(key, y ? "20270301" : "20260301", 8);
			key[REGISTRY_KEY_LEN - 1] = (unsigned char)two_people[y][i];
			n = two_row(xml, sizeof(xml), 2026 + y, two_people[y][i]);
			rc = registry_put(txn, key, xml, (size_t)n, 0, &scratch);
		}
	buf_free(&scratch);
	return rc;
}

struct two_open {
	const struct report_def *def;
	const struct refdata *rd;
	struct report *r;
};

static int
two_build(struct store_txn *txn, void *arg)
{
	struct two_open *o = arg;
	static const struct report_target k0301 = { SCOPE_KOMMUNE, "oslo", "0301", "" };

	return report_build(txn, o->def, o->rd, &k0301, 2027, &o->r);
}

static int
two_keep(struct store_txn *txn, void *arg)
{
	return report_keep(txn, ((struct two_open *)arg)->r);
}

/* how many sets of counts of 2027 are kept */
static int
count_marks(struct store_txn *txn, void *arg)
{
	return store_scan(txn, DB_META, "report-m:2027:", 14, 0, count_key, arg);
}

static void
test_two_definitions(void **state)
{
	static const struct report_target k0301 = { SCOPE_KOMMUNE, "oslo", "0301", "" };
	static const char *const names[COL__MAX] = { "Oslo", "KoRus Oslo", "Hele landet", "Oslo 2026" };
	struct fix *f = *state;
	struct report_def *def = NULL;
	struct refdata *rd = NULL;
	struct report *r = NULL;
	struct two_open o;
	struct buf csv = { 0 };
	char path[256], xml[1024], *fresh, *kept;
	xmlDocPtr doc;
	int y, i, n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, REPORT_DIR);
	assert_int_equal(mkdir(path, 0700), 0);
	for (y = 0; y < 2; y++) {
		snprintf(path, sizeof(path), "%s/%s/%d.xml", f->dir, REPORT_DIR, 2026 + y);
		assert_non_null(fp = fopen(path, "w"));
		fputs(y ? def2027 : def2026, fp);
		fclose(fp);
	}
	assert_int_equal(report_def_load(f->dir, 2027, &def), 0);
	assert_int_equal(refdata_load(build_data(), &rd), 0);
	/* the fresh count, a row at a time */
	assert_int_equal(report_new(def, &k0301, 2027, &r), 0);
	for (y = 0; y < 2; y++)
		for (i = 0; i < 16 && two_people[y][i]; i++) {
			n = two_row(xml, sizeof(xml), 2026 + y, two_people[y][i]);
			assert_int_equal(report_add_row(r, !y, "0301", "oslo", xml, (size_t)n), 0);
		}
	fresh = xml_of(r, &doc);
	assert_string_equal(column(doc, "s"), "15");
	assert_string_equal(column(doc, "f"), "16");
	/* ids in both years: last year's counts */
	assert_string_equal(cell(doc, "kjonn", "mann", "s", NULL), "8");
	assert_string_equal(cell(doc, "kjonn", "mann", "f", NULL), "10");
	assert_string_equal(cell(doc, "kjonn", "kvinne", "f", NULL), "6");
	assert_string_equal(cell(doc, "indeks", "gront", "f", NULL), "10");
	/* "rus" by last year's definition (item kategori): 10, though this year's reads
	 * kategori2, which last year's rows do not have */
	assert_string_equal(cell(doc, "kategori", "rus", "s", NULL), "8");
	assert_string_equal(cell(doc, "kategori", "rus", "f", NULL), "10");
	/* new this year: no cell of last year */
	assert_string_equal(cell(doc, "kategori", "begge", "s", NULL), "7");
	assert_int_equal(count_of(doc, "count(//section[@id='kategori']/row[@id='begge']/v[@col='f'])"), 0);
	assert_int_equal(count_of(doc, "count(//section[@id='bolig']//v[@col='f'])"), 0);
	assert_string_equal(cell(doc, "bolig", "ja", "s", NULL), "8");
	/* last year's row "psyk" is not this year's: not shown */
	assert_int_equal(count_of(doc, "count(//row[@id='psyk'])"), 0);
	/* followed by pseudonym across the two: p01-p08 (grønt last year, gult this year:
	 * one cell of the table, so the <5 rule hides them all but the total) */
	assert_string_equal(cell(doc, "fulgt", "base", "s", NULL), "8");
	xmlFreeDoc(doc);
	/* the CSV: a new row's cell of last year is flagged */
	report_names(r, names);
	assert_int_equal(report_csv(r, &csv), 0);
	assert_non_null(strstr(csv.p, "Kategori,,Begge,,7,46.7,,7,46.7,,7,46.7,,,,"
	    REPORT_NOTLAST "\r\n"));
	assert_non_null(strstr(csv.p, "Kategori,,Rus,,8,53.3,,8,53.3,,8,53.3,,10,62.5,\r\n"));
	buf_free(&csv);
	report_free(r);
	/* from the store: counted now (both years, each by its definition), then kept */
	o = (struct two_open){ def, rd, NULL };
	assert_int_equal(store_write(f->st, two_put, NULL), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(store_read(f->st, two_build, &o), 0);
		assert_int_equal(report_counted(o.r), i ? 0 : 2);
		kept = xml_of(o.r, NULL);
		assert_string_equal(kept, fresh);
		free(kept);
		assert_int_equal(store_write(f->st, two_keep, &o), 0);
		report_free(o.r);
	}
	free(fresh);
	/* 2027's definition published again, changed: 2027 counted afresh (2026's counts by
	 * its own definition still hold), and the counts by the old one are not kept */
	report_def_free(def);
	snprintf(path, sizeof(path), "%s/%s/2027.xml", f->dir, REPORT_DIR);
	assert_non_null(fp = fopen(path, "w"));
	fputs(def2027, fp);
	fputs("<!-- published again -->\n", fp);
	fclose(fp);
	assert_int_equal(report_def_load(f->dir, 2027, &def), 0);
	o = (struct two_open){ def, rd, NULL };
	assert_int_equal(store_read(f->st, two_build, &o), 0);
	assert_int_equal(report_counted(o.r), 1);
	assert_int_equal(store_write(f->st, two_keep, &o), 0);
	report_free(o.r);
	n = 0;
	assert_int_equal(store_read(f->st, count_marks, &n), 0);
	assert_int_equal(n, 1);
	report_def_free(def);
	/* published a third time, and made ready as `bpadm definition publish` does: counted
	 * then (2027's rows; 2026's by its own definition still hold), the next report reads
	 * no row, and ready again counts nothing; a year without a definition is no error */
	assert_non_null(fp = fopen(path, "w"));
	fputs(def2027, fp);
	fputs("<!-- published a third time -->\n", fp);
	fclose(fp);
	assert_int_equal(report_ready(f->st, f->dir, rd, 2027, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(report_ready(f->st, f->dir, rd, 2027, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(report_ready(f->st, f->dir, rd, 2028, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(report_def_load(f->dir, 2027, &def), 0);
	o = (struct two_open){ def, rd, NULL };
	assert_int_equal(store_read(f->st, two_build, &o), 0);
	assert_int_equal(report_counted(o.r), 0);
	kept = xml_of(o.r, &doc);
	assert_string_equal(cell(doc, "kategori", "rus", "s", NULL), "8");
	assert_string_equal(cell(doc, "kategori", "rus", "f", NULL), "10");
	xmlFreeDoc(doc);
	free(kept);
	report_free(o.r);
	n = 0;
	assert_int_equal(store_read(f->st, count_marks, &n), 0);
	assert_int_equal(n, 1);
	refdata_free(rd);
	report_def_free(def);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kept, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_two_definitions, store_setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("report_kept", tests, NULL, NULL);
}
