/* test_report_years.c: two years with two report definitions, hand-made (2026 manual: the
 * Kommunerapport compares with the year before): last year's column is last year's report,
 * counted by last year's definition, for the ids in both years only; the persons followed
 * by pseudonym across the two; the CSV flags a row new this year; and the report from the
 * store (counted now, then kept) is the fresh count's. */
#include "unit.h"

#include "report_xpath.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "refdata.h"
#include "report.h"
#include "transfer.h"

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

static char *
two_dump(struct report *r, xmlDocPtr *keep)
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
	fresh = two_dump(r, &doc);
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
		kept = two_dump(o.r, NULL);
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
	refdata_free(rd);
	report_def_free(def);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_definitions, store_setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("report_years", tests, NULL, NULL);
}
