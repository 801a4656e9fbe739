/* test_report.c: the Kommunerapport (report.c) on a hand-made registry whose every answer
 * is known: each figure of the report checked against a count made by hand, the <5 rule
 * (report_suppress) alone and in the report (primary and secondary cells, whole columns,
 * services, the persons followed from last year), and the report definition against the
 * questionnaire (every id it names is a question or option of the 2026 definition).
 *
 * The registry: Oslo (0301, region "ost") 12 persons this year, 6 last year (5 of them
 * again this year, p12 only last year); Stavanger (1103, region "vest") 6 persons. */
#include "unit.h"

#include "report_xpath.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "definition.h"
#include "refdata.h"
#include "report.h"
#include "transfer.h"

/* one registry row as transfer.c writes it */
static void
add(struct report *r, int prev, const char *kommune, const char *region, const char *p,
    const char *kjonn, int alder, const char *indeks, const char *bydel, const char *answers)
{
	char xml[8192];
	int n;

	n = snprintf(xml, sizeof(xml), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<kartlegging aar=\"%d\" kommune=\"%s\" kjonn=\"%s\" fodselsar=\"1990\" alder=\"%d\" "
	    "regler=\"x\" indeks=\"%s\" indekstekst=\"x\" pseudonym=\"%064x\" instanstype=\"nav\" "
	    "bydel=\"%s\">%s</kartlegging>\n", prev ? 2025 : 2026, kommune, kjonn, alder, indeks,
	    (unsigned)strtol(p + 1, NULL, 10), bydel, answers);
	assert_true(n > 0 && (size_t)n < sizeof(xml));
	assert_int_equal(report_add_row(r, prev, kommune, region, xml, (size_t)n), 0);
}

/* the levels of the eight areas: bosituasjon okonomi rusmiddelproblemer, the rest green */
static void
levels(char *out, size_t size, const char *bo, const char *ok, const char *rus)
{
	snprintf(out, size, "<bosituasjon>%s</bosituasjon><meningsfull_aktivitet>gronn"
	    "</meningsfull_aktivitet><okonomi>%s</okonomi><fysisk_helse>gronn</fysisk_helse>"
	    "<psykisk_helse>gronn</psykisk_helse><rusmiddelproblemer>%s</rusmiddelproblemer>"
	    "<sosial_fungering>gronn</sosial_fungering><nettverk>gronn</nettverk>", bo, ok, rus);
}

/* Oslo 2026, p01..p12 (see each line) */
static void
fill_oslo(struct report *r)
{
	static const struct {
		const char *p, *kjonn;
		int alder;
		const char *indeks, *kategori, *bo, *ok, *rus, *bydel, *more;
	} people[] = {
		{ "p01", "mann", 17, "blalys", "rus", "rod", "rod", "rod", "030101",
		  "<bostedsloshet_maneder>2</bostedsloshet_maneder><aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_bor_med_egne>2</barn_bor_med_egne><vold_trusler>utsatt</vold_trusler>"
		  "<vold_trusler>utsetter_andre</vold_trusler><selvmordsforsok>ja</selvmordsforsok>"
		  "<overdose_siste_ar>ja</overdose_siste_ar><aktuell_fare_overdose>ja</aktuell_fare_overdose>"
		  "<planer>individuell_plan</planer><planer>ansvarsgruppe</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>"
		  "<bolig_med_personale hatt=\"nei\" videre=\"ja\"/>" },
		{ "p02", "mann", 17, "blalys", "rus", "rod", "rod", "rod", "030101",
		  "<bostedsloshet_maneder>2</bostedsloshet_maneder><aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_samvaer_egne>1</barn_samvaer_egne><vold_trusler>utsatt</vold_trusler>"
		  "<selvmordsforsok>ja</selvmordsforsok><overdose_siste_ar>ja</overdose_siste_ar>"
		  "<planer>individuell_plan</planer><planer>ansvarsgruppe</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>"
		  "<bolig_med_personale hatt=\"nei\" videre=\"ja\"/>" },
		{ "p03", "mann", 20, "blalys", "rus", "rod", "rod", "rod", "030101",
		  "<bostedsloshet_maneder>12</bostedsloshet_maneder><aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_samvaer_egne>1</barn_samvaer_egne><vold_trusler>utsatt</vold_trusler>"
		  "<selvmordsforsok>ja</selvmordsforsok><overdose_siste_ar>ja</overdose_siste_ar>"
		  "<planer>individuell_plan</planer><planer>ansvarsgruppe</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>"
		  "<bolig_med_personale hatt=\"nei\" videre=\"ja\"/>" },
		{ "p04", "mann", 20, "blalys", "rus", "rod", "rod", "rod", "030101",
		  "<aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_samvaer_egne>1</barn_samvaer_egne><vold_trusler>utsatt</vold_trusler>"
		  "<selvmordsforsok>ja</selvmordsforsok><overdose_siste_ar>ja</overdose_siste_ar>"
		  "<planer>individuell_plan</planer><planer>ansvarsgruppe</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>" },
		{ "p05", "mann", 20, "blalys", "rus", "rod", "rod", "rod", "030101",
		  "<aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_samvaer_egne>1</barn_samvaer_egne><vold_trusler>utsatt</vold_trusler>"
		  "<selvmordsforsok>ja</selvmordsforsok><overdose_siste_ar>ja</overdose_siste_ar>"
		  "<planer>individuell_plan</planer><planer>ansvarsgruppe</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>" },
		{ "p06", "mann", 20, "rodt", "rus", "gul", "gronn", "rod", "030102",
		  "<aktiviteter>ingen_av_delene</aktiviteter>"
		  "<barn_samvaer_egne>1</barn_samvaer_egne><vold_trusler>utsatt</vold_trusler>"
		  "<overdose_siste_ar>ja</overdose_siste_ar><planer>individuell_plan</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"ja\"/>" },
		{ "p07", "mann", 20, "gult", "psyk", "gul", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><vold_trusler>utsatt</vold_trusler>"
		  "<planer>individuell_plan</planer>"
		  "<nav_okonomisk_sosialhjelp hatt=\"nei\" videre=\"ja\"/>" },
		{ "p08", "kvinne", 45, "gront", "psyk", "gronn", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><barn_bor_med_egne>1</barn_bor_med_egne>"
		  "<vold_trusler>ingen_av_delene</vold_trusler><planer>individuell_plan</planer>"
		  "<kilde_til_livsopphold>ordinaert_arbeid</kilde_til_livsopphold>"
		  "<nav_okonomisk_sosialhjelp hatt=\"nei\" videre=\"ja\"/>" },
		{ "p09", "kvinne", 45, "gront", "psyk", "gronn", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><barn_bor_med_egne>2</barn_bor_med_egne>"
		  "<vold_trusler>ingen_av_delene</vold_trusler>"
		  "<kilde_til_livsopphold>ordinaert_arbeid</kilde_til_livsopphold>"
		  "<nav_okonomisk_sosialhjelp hatt=\"nei\" videre=\"ja\"/>" },
		{ "p10", "kvinne", 45, "gront", "psyk", "gronn", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><barn_bor_med_egne>1</barn_bor_med_egne>"
		  "<vold_trusler>ingen_av_delene</vold_trusler>"
		  "<kilde_til_livsopphold>ordinaert_arbeid</kilde_til_livsopphold>"
		  "<nav_okonomisk_sosialhjelp hatt=\"nei\" videre=\"ja\"/>" },
		{ "p11", "kvinne", 45, "gront", "begge", "gronn", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><barn_bor_med_andres>1</barn_bor_med_andres>"
		  "<vold_trusler>ingen_av_delene</vold_trusler>"
		  "<kilde_til_livsopphold>ordinaert_arbeid</kilde_til_livsopphold>"
		  "<nav_okonomisk_sosialhjelp hatt=\"nei\" videre=\"ja\"/>" },
		{ "p13", "kvinne", 45, "gront", "begge", "gronn", "gronn", "gronn", "030102",
		  "<aktiviteter>i_arbeid</aktiviteter><barn_bor_med_egne>1</barn_bor_med_egne>"
		  "<barn_bor_med_sosken>2</barn_bor_med_sosken>"
		  "<vold_trusler>ingen_av_delene</vold_trusler>"
		  "<kilde_til_livsopphold>ordinaert_arbeid</kilde_til_livsopphold>"
		  "<nav_okonomisk_sosialhjelp hatt=\"ja\" videre=\"nei\"/>" },
	};
	char lv[1024], all[8192];
	size_t i;

	for (i = 0; i < UNIT_N(people); i++) {
		levels(lv, sizeof(lv), people[i].bo, people[i].ok, people[i].rus);
		snprintf(all, sizeof(all), "<kategori>%s</kategori>%s"
		    "<kilde_til_livsopphold>ovrige_ytelser_nav</kilde_til_livsopphold>"
		    "<ho_fastlege hatt=\"ja\" videre=\"ja\"/>%s", people[i].kategori, lv,
		    people[i].more);
		add(r, 0, "0301", "ost", people[i].p, people[i].kjonn, people[i].alder,
		    people[i].indeks, people[i].bydel, all);
	}
}

/* last year: p01-p03 and p07 gult, p08 and p09 grønt, p12 grønt (not again) */
static void
fill_prev(struct report *r)
{
	static const char *const who[][2] = {
		{ "p01", "gult" }, { "p02", "gult" }, { "p03", "gult" }, { "p07", "gult" },
		{ "p08", "gront" }, { "p12", "gront" }, { "p09", "gront" },
	};
	char lv[1024], all[2048];
	size_t i;

	levels(lv, sizeof(lv), "gul", "gronn", "gronn");
	for (i = 0; i < UNIT_N(who); i++) {
		snprintf(all, sizeof(all), "<kategori>rus</kategori>%s", lv);
		add(r, 1, "0301", "ost", who[i][0], "mann", 30, who[i][1], "", all);
	}
	/* another kommune's last year is not the scope's: not counted, not followed */
	add(r, 1, "1103", "vest", "p10", "mann", 30, "gult", "", "<kategori>rus</kategori>");
}

static void
fill_stavanger(struct report *r)
{
	char lv[1024], all[2048], p[16];
	int i;

	levels(lv, sizeof(lv), "gronn", "gronn", "gronn");
	for (i = 0; i < 6; i++) {
		snprintf(p, sizeof(p), "q%02d", (20 + i) % 100);
		snprintf(all, sizeof(all), "<kategori>begge</kategori>%s", lv);
		add(r, 0, "1103", "vest", p, "kvinne", 30, "gront", "", all);
	}
}

/* a new report of 2026 for t over the rows above (last year's too with with_prev), under
 * the build's definition, which the caller frees after the report */
static struct report *
filled(const struct report_target *t, int with_prev, struct report_def **def)
{
	struct report *r = NULL;

	assert_int_equal(report_def_load(build_data(), 2026, def), 0);
	assert_int_equal(report_new(*def, t, 2026, &r), 0);
	if (with_prev)
		fill_prev(r);
	fill_oslo(r);
	fill_stavanger(r);
	return r;
}

static xmlDocPtr
build(const struct report_target *t, int with_prev)
{
	struct report_def *def = NULL;
	struct report *r = filled(t, with_prev, &def);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);

	xmlDocSetRootElement(doc, root);
	assert_int_equal(report_xml(r, root), 0);
	report_free(r);
	report_def_free(def);
	return doc;
}

static char *
pct(xmlDocPtr doc, const char *sec, const char *row, const char *col)
{
	static char out[64];
	char xp[512];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;

	snprintf(xp, sizeof(xp), "string(//section[@id='%s']/row[@id='%s']/v[@col='%s']/@pct)",
	    sec, row, col);
	o = xmlXPathEvalExpression(BAD_CAST xp, ctx);
	snprintf(out, sizeof(out), "%s", o->stringval ? (const char *)o->stringval : "");
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return out;
}

/* every hidden cell shows the one neutral mark, small or hidden to protect a small one
 * (never "<5": a cell of 5 or more would claim fewer) */
#define HID ":"
#define SEC ":"		/* hidden so it cannot be worked out: marked as the small */

/* a column with nobody: nodata="ja", no count */
static int
nodata(xmlDocPtr doc, const char *col)
{
	char xp[128];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	int yes;

	snprintf(xp, sizeof(xp), "count(//columns/column[@id='%s' and @nodata='ja' and not(@n)])", col);
	o = xmlXPathEvalExpression(BAD_CAST xp, ctx);
	assert_non_null(o);
	yes = o->floatval == 1;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return yes;
}

static const struct expect {
	const char *sec, *row, *col, *m, *n, *pct;
} oslo[] = {
	/* kategori: rus 6, psyk 4, begge 2 (hidden 6: enough) */
	{ "kategori", "rus", "s", NULL, "6", "50.0" },
	{ "kategori", "psyk", "s", NULL, HID, "" },
	{ "kategori", "begge", "s", NULL, HID, "" },
	/* the country: rus 6, psyk 4, begge 8: psyk alone hidden would show, so rus too */
	{ "kategori", "rus", "l", NULL, SEC, "" },
	{ "kategori", "psyk", "l", NULL, HID, "" },
	{ "kategori", "begge", "l", NULL, "8", "44.4" },
	/* the region (ost) is Oslo alone here */
	{ "kategori", "rus", "r", NULL, "6", "50.0" },
	/* last year: 7 rus, so psyk 0 and begge 0 hidden, and rus with them */
	{ "kategori", "rus", "f", NULL, SEC, "" },
	{ "kategori", "psyk", "f", NULL, HID, "" },
	{ "kjonn", "mann", "s", NULL, "7", "58.3" },
	{ "kjonn", "kvinne", "s", NULL, "5", "41.7" },
	{ "kjonn", "kvinne", "l", NULL, "11", "61.1" },
	/* ages: 2 at 16-17, 5 at 18-24, 5 at 40-59: 2 + 0 + 0 hidden, the first 5 with them */
	{ "alder", "a16", "s", NULL, HID, "" },
	{ "alder", "a18", "s", NULL, SEC, "" },
	{ "alder", "a25", "s", NULL, HID, "" },
	{ "alder", "a40", "s", NULL, "5", "41.7" },
	{ "alder", "a60", "s", NULL, HID, "" },
	/* bosituasjon: green 5, yellow 2, red 5 */
	{ "levekar", "bosituasjon.gronn", "s", NULL, SEC, "" },
	{ "levekar", "bosituasjon.gul", "s", NULL, HID, "" },
	{ "levekar", "bosituasjon.rod", "s", NULL, "5", "41.7" },
	/* økonomi: green 7, red 5, yellow 0 */
	{ "levekar", "okonomi.gronn", "s", NULL, "7", "58.3" },
	{ "levekar", "okonomi.gul", "s", NULL, HID, "" },
	{ "levekar", "okonomi.rod", "s", NULL, SEC, "" },
	/* rusmiddelproblemer: green 6, red 6 */
	{ "levekar", "rusmiddelproblemer.gronn", "s", NULL, SEC, "" },
	{ "levekar", "rusmiddelproblemer.rod", "s", NULL, "6", "50.0" },
	/* every area green for everyone in Stavanger: the country has nettverk green 18 of 18,
	 * and yellow and red 0 each: hidden, and 18 with them */
	{ "levekar", "nettverk.gronn", "l", NULL, SEC, "" },
	{ "levekar", "nettverk.gul", "l", NULL, HID, "" },
	/* levekårsindeks: grønt 5, gult 1, rødt 1, blålys 5 */
	{ "indeks", "gront", "s", NULL, SEC, "" },
	{ "indeks", "gult", "s", NULL, HID, "" },
	{ "indeks", "rodt", "s", NULL, HID, "" },
	{ "indeks", "blalys", "s", NULL, "5", "41.7" },
	{ "indeks", "gront", "l", NULL, "11", "61.1" },
	/* bostedsløse: 5 (of 12); 2 at 1-2 months, 1 at 12, 2 not given: all small */
	{ "bostedslos", "base", "s", NULL, "5", "" },
	{ "bostedslos", "m1", "s", NULL, HID, "" },
	{ "bostedslos", "m12", "s", NULL, HID, "" },
	{ "bostedslos", "m0", "s", NULL, HID, "" },
	{ "bostedslos", "base", "l", NULL, "5", "" },
	{ "aktivitet", "ingen_av_delene", "s", NULL, "6", "50.0" },
	{ "aktivitet", "i_arbeid", "s", NULL, "6", "50.0" },
	{ "aktivitet", "i_utdanning", "s", NULL, HID, "" },
	{ "inntekt", "ovrige_ytelser_nav", "s", NULL, "12", "100.0" },
	{ "inntekt", "ordinaert_arbeid", "s", NULL, "5", "41.7" },
	{ "inntekt", "vet_ikke", "s", NULL, HID, "" },
	/* children: living with: p01 (2), p08 (1), p09 (2), p10 (1), p11 (1), p13 (1 + 2) */
	{ "barn", "bor_med", "s", NULL, "6", "50.0" },
	{ "barn", "bor_med_barn_antall", "s", NULL, "10", "" },
	{ "barn", "samvaer", "s", NULL, "5", "41.7" },
	{ "barn", "ingen_kontakt", "s", NULL, HID, "" },
	{ "barn", "bor_med_rod", "s", NULL, HID, "" },
	{ "barn", "barn_rod_antall", "s", NULL, HID, "" },	/* 2 children of 1 person */
	{ "barn", "kontakt_rod", "s", NULL, "5", "41.7" },	/* p02-p06 */
	{ "vold", "utsatt", "s", NULL, "7", "58.3" },
	{ "vold", "utsetter_andre", "s", NULL, HID, "" },
	{ "vold", "ingen_av_delene", "s", NULL, "5", "41.7" },
	{ "selvmord_overdose", "selvmordsforsok", "s", NULL, "5", "41.7" },
	{ "selvmord_overdose", "overdose", "s", NULL, "6", "50.0" },
	{ "selvmord_overdose", "fare_overdose", "s", NULL, HID, "" },
	{ "selvmord_overdose", "lar", "s", NULL, HID, "" },
	{ "planer", "individuell_plan", "s", NULL, "8", "66.7" },
	{ "planer", "ansvarsgruppe", "s", NULL, "5", "41.7" },
	/* services: økonomisk sosialhjelp 7 had it, 6 continue, 5 new (p07-p11), demand 11 */
	{ "tjenester", "nav_okonomisk_sosialhjelp", "s", "hatt", "7", "" },
	{ "tjenester", "nav_okonomisk_sosialhjelp", "s", "fortsette", "6", "" },
	{ "tjenester", "nav_okonomisk_sosialhjelp", "s", "ny", "5", "" },
	{ "tjenester", "nav_okonomisk_sosialhjelp", "s", "behov", "11", "" },
	/* fastlege: all 12 continue, none new: new hidden, so continue too */
	{ "tjenester", "ho_fastlege", "s", "hatt", "12", "" },
	{ "tjenester", "ho_fastlege", "s", "fortsette", SEC, "" },
	{ "tjenester", "ho_fastlege", "s", "ny", HID, "" },
	{ "tjenester", "ho_fastlege", "s", "behov", "12", "" },
	{ "tjenester", "ho_fastlege", "l", "behov", "12", "" },
	/* bolig med personale: 3 new */
	{ "tjenester", "bolig_med_personale", "s", "behov", HID, "" },
	{ "tjenester", "bolig_med_personale", "s", "ny", HID, "" },
	{ "tjenester", "tsb_lar", "s", "hatt", HID, "" },
	/* last year's column: 7 persons, bosituasjon yellow for all */
	{ "levekar", "bosituasjon.gul", "f", NULL, SEC, "" },	/* 7, but 0 and 0 beside it */
	{ "levekar", "bosituasjon.gronn", "f", NULL, HID, "" },
	/* followed (p01-p03, p07, p08, p09: 6): gult -> blålys 3, gult -> gult 1,
	 * grønt -> grønt 2: every cell small */
	{ "fulgt", "base", "s", NULL, "6", "" },
	{ "fulgt", "gult", "s", "blalys", HID, "" },
	{ "fulgt", "gult", "s", "total", HID, "" },
	{ "fulgt", "gront", "s", "gront", HID, "" },
};

static void
test_kommune(void **state)
{
	struct report_target t = { SCOPE_KOMMUNE, "ost", "0301", "" };
	xmlDocPtr doc;
	size_t i;

	(void)state;
	doc = build(&t, 1);
	assert_string_equal(column(doc, "s"), "12");
	assert_string_equal(column(doc, "r"), "12");
	assert_string_equal(column(doc, "l"), "18");
	assert_string_equal(column(doc, "f"), "7");
	for (i = 0; i < UNIT_N(oslo); i++) {
		const struct expect *e = &oslo[i];
		const char *got = cell(doc, e->sec, e->row, e->col, e->m);

		if (strcmp(got, e->n) != 0)
			fail_msg("%s/%s/%s/%s: n=%s, want %s", e->sec, e->row, e->col,
			    e->m ? e->m : "", got, e->n);
		got = pct(doc, e->sec, e->row, e->col);
		if (!e->m && strcmp(e->row, "base") != 0 && strcmp(got, e->pct) != 0)
			fail_msg("%s/%s/%s: pct=%s, want %s", e->sec, e->row, e->col, got, e->pct);
	}
	/* no number under 5 anywhere: every n is a count >= 5 or "<5" */
	{
		xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
		xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST
		    "//v[number(@n) < 5 and not(../@sum)] | //column[number(@n) < 5]", ctx);

		assert_non_null(o);
		assert_true(o->nodesetval == NULL || o->nodesetval->nodeNr == 0);
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(ctx);
	}
	/* no cell claims "<5": the secondary cells above hold 5 or more (kategori rus in the
	 * country: 6; bosituasjon gul last year: 7) and show the same mark as the small */
	assert_int_equal(count_of(doc, "//@n[contains(., '<')]"), 0);
	assert_true(count_of(doc, "//v[@n = ':']") > 20);
	xmlFreeDoc(doc);
}

/* a region: Oslo's region holds only Oslo here; the country beside it, no region column */
static void
test_region_land(void **state)
{
	struct report_target t = { SCOPE_REGION, "ost", "", "" };
	struct report_target l = { SCOPE_LAND, "", "", "" };
	xmlDocPtr doc;

	(void)state;
	doc = build(&t, 0);
	assert_string_equal(column(doc, "s"), "12");
	assert_string_equal(column(doc, "l"), "18");
	assert_string_equal(column(doc, "r"), "");
	/* no last year: "Ingen data", no column of marks, and nothing followed */
	assert_true(nodata(doc, "f"));
	assert_string_equal(column(doc, "f"), "");
	assert_int_equal(count_of(doc, "//v[@col='f']"), 0);
	assert_int_equal(count_of(doc, "//section[@id='fulgt' and @nodata='ja']"), 1);
	assert_int_equal(count_of(doc, "//section[@id='kategori' and @nodata]"), 0);
	assert_string_equal(cell(doc, "kategori", "rus", "s", NULL), "6");
	xmlFreeDoc(doc);
	doc = build(&l, 0);
	assert_string_equal(column(doc, "s"), "18");
	assert_string_equal(column(doc, "l"), "");
	assert_string_equal(cell(doc, "kategori", "begge", "s", NULL), "8");
	assert_string_equal(cell(doc, "kjonn", "kvinne", "s", NULL), "11");
	assert_string_equal(cell(doc, "tjenester", "ho_fastlege", "s", "hatt"), "12");
	xmlFreeDoc(doc);
}

/* a bydel (p06-p11 and p13 are 030102), and one nobody was surveyed in */
static void
test_bydel(void **state)
{
	struct report_target t = { SCOPE_BYDEL, "ost", "0301", "030102" };
	struct report_target small = { SCOPE_BYDEL, "ost", "0301", "030109" };
	xmlDocPtr doc;

	(void)state;
	doc = build(&t, 0);
	assert_string_equal(column(doc, "s"), "7");	/* p06-p11, p13 */
	assert_string_equal(column(doc, "r"), "12");
	/* 5 women, 2 men: the men hidden, and the women with them (7 - 5 = 2) */
	assert_string_equal(cell(doc, "kjonn", "kvinne", "s", NULL), SEC);
	assert_string_equal(cell(doc, "kjonn", "mann", "s", NULL), HID);
	xmlFreeDoc(doc);
	/* an empty bydel: no cell of its own at all ("Ingen data"), its region beside it */
	doc = build(&small, 0);
	assert_true(nodata(doc, "s"));
	assert_int_equal(count_of(doc, "//v[@col='s']"), 0);
	assert_string_equal(cell(doc, "kategori", "rus", "r", NULL), "6");
	xmlFreeDoc(doc);
}

static void
expect_hide(const long *n, int count, long total, int partition, const char *want)
{
	unsigned char hide[16];
	int i;

	report_suppress(n, count, total, partition, hide);
	for (i = 0; i < count; i++)
		if (hide[i] != want[i] - '0')
			fail_msg("cell %d of %d: hide=%d want %c", i, count, hide[i], want[i]);
}

static void
test_suppress(void **state)
{
	(void)state;
	{ long n[] = { 10, 3, 20 };	expect_hide(n, 3, 33, 1, "210"); }
	{ long n[] = { 10, 3, 20 };	expect_hide(n, 3, 33, 0, "010"); }	/* no total */
	{ long n[] = { 2, 1, 1 };	expect_hide(n, 3, 4, 1, "111"); }	/* total < 5 */
	{ long n[] = { 0, 0, 12 };	expect_hide(n, 3, 12, 1, "112"); }	/* 0 is small */
	{ long n[] = { 2, 3, 10, 11 };	expect_hide(n, 4, 26, 1, "1100"); }	/* 2 + 3 = 5 */
	{ long n[] = { 1, 2, 6, 9 };	expect_hide(n, 4, 18, 1, "1120"); }	/* 3, then 9 */
	{ long n[] = { 5, 5 };		expect_hide(n, 2, 10, 1, "00"); }
	{ long n[] = { 4 };		expect_hide(n, 1, 4, 1, "1"); }
	{ long n[] = { 7, 9, 0 };	expect_hide(n, 3, 16, 1, "201"); }
}

/* every id the report names is the questionnaire's: items, and options of their values */
static void
test_definition_ids(void **state)
{
	struct definition *qdef = NULL;
	xmlDocPtr doc;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	char path[600];
	int i, checked = 0;

	(void)state;
	assert_int_equal(definition_load_xml("data/kartlegging/2026.xml", &qdef), 0);
	doc = xmlReadFile("data/rapport/2026.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	ctx = xmlXPathNewContext(doc);
	o = xmlXPathEvalExpression(BAD_CAST "//when[@item] | //section[@item]", ctx);
	assert_non_null(o);
	for (i = 0; o->nodesetval && i < o->nodesetval->nodeNr; i++) {
		xmlNodePtr n = o->nodesetval->nodeTab[i];
		char *items = (char *)xmlGetProp(n, BAD_CAST "item");
		char *vals = (char *)xmlGetProp(n, BAD_CAST "value"), *save = NULL, *w, *v;

		for (w = strtok_r(items, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			const struct def_item *it = definition_item(qdef, w);
			char *copy, *s2 = NULL;

			if (it == NULL)
				fail_msg("report names no question: %s", w);
			checked++;
			if (vals == NULL)
				continue;
			copy = strdup(vals);
			for (v = strtok_r(copy, " ", &s2); v; v = strtok_r(NULL, " ", &s2))
				if (strcmp(it->type, "checkbox") == 0 ? strcmp(v, "ja") != 0 :
				    !definition_is_option(it, v))
					fail_msg("%s has no option %s", w, v);
			free(copy);
		}
		xmlFree(items);
		xmlFree(vals);
	}
	assert_true(checked > 40);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	definition_free(qdef);
	/* the built report: all 65 services, the 8 areas of the index in three colours */
	snprintf(path, sizeof(path), "%s/rapport/2026.xml", build_data());
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	ctx = xmlXPathNewContext(doc);
	o = xmlXPathEvalExpression(BAD_CAST "count(//section[@id='tjenester']/service)", ctx);
	assert_int_equal((int)o->floatval, 65);
	xmlXPathFreeObject(o);
	o = xmlXPathEvalExpression(BAD_CAST "count(//section[@id='levekar']/row)", ctx);
	assert_int_equal((int)o->floatval, 24);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

/* the CSV of Oslo's report (last year's column without anyone in the region's report):
 * the same cells as the XML, a hidden one with an empty count and the flag ":", a column
 * with nobody flagged "Ingen data", never "<5" */
static char *
csv_of(const struct report_target *t, int with_prev)
{
	static const char *const names[COL__MAX] = { "Oslo", "Region", "Hele landet", "Oslo 2025" };
	struct report_def *def = NULL;
	struct report *r = filled(t, with_prev, &def);
	struct buf b = { 0 };
	char *out;

	report_names(r, names);
	assert_int_equal(report_csv(r, &b), 0);
	out = strndup(b.p, b.len);
	buf_free(&b);
	report_free(r);
	report_def_free(def);
	return out;
}

/* the line of the CSV that starts with prefix */
static const char *
csv_find(const char *csv, const char *prefix)
{
	const char *p = csv;

	for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			return p;
	fail_msg("no line %s", prefix);
	return NULL;
}

/* the line at p is want, ended by CRLF */
static void
line_is(const char *p, const char *want)
{
	size_t n = strlen(want);

	if (strncmp(p, want, n) != 0 || strncmp(p + n, "\r\n", 2) != 0)
		fail_msg("line %.*s, want %s", (int)(strchr(p, '\r') ? strchr(p, '\r') - p : 80), p,
		    want);
}

static void
test_csv(void **state)
{
	struct report_target t = { SCOPE_KOMMUNE, "ost", "0301", "" };
	struct report_target reg = { SCOPE_REGION, "ost", "", "" };
	char *csv;

	(void)state;
	csv = csv_of(&t, 1);
	assert_true(strncmp(csv, "\xef\xbb\xbfseksjon,gruppe,rad,maal,Oslo antall,Oslo andel (%),"
	    "Oslo merknad (: = vises ikke av personvernhensyn),Region antall,", 102) == 0);
	assert_null(strstr(csv, "<5"));
	/* kategori: Oslo rus 6 shown; psyk hidden (4); in the country rus 6 is hidden to
	 * protect psyk: count and share empty, flag ":" */
	line_is(csv_find(csv, "Kategori,,Rusmiddelproblemer,"),
	    "Kategori,,Rusmiddelproblemer,,6,50.0,,6,50.0,,,,:,,,:");
	line_is(csv_find(csv, "Kategori,,Psykiske helseproblemer,"),
	    "Kategori,,Psykiske helseproblemer,,,,:,,,:,,,:,,,:");
	/* services: fastlege continue (12) hidden because new (0) is */
	assert_non_null(strstr(csv, ",fortsette,,,:,"));
	free(csv);
	/* the region's report: no last year, "Ingen data" in that column, and the followed
	 * persons' table a single line of it */
	csv = csv_of(&reg, 0);
	line_is(csv_find(csv, "Kategori,,Rusmiddelproblemer,"),
	    "Kategori,,Rusmiddelproblemer,,6,50.0,,,,:,,,Ingen data");
	line_is(csv_find(csv, "Samme personer i fjor og i år: levekårsindeks,"),
	    "Samme personer i fjor og i år: levekårsindeks,,Kartlagt begge år,,,,Ingen data,"
	    ",,Ingen data,,,Ingen data");
	free(csv);
}

/* rows that are not registry rows are refused, and count for nothing */
static void
test_bad_rows(void **state)
{
	static const char *const bad[] = {
		"", "<kartlegging>", "<x/>", "<kartlegging><kategori>rus</kartlegging>",
		"<kartlegging/><kartlegging/>", "not xml",
	};
	struct report_target t = { SCOPE_LAND, "", "", "" };
	struct report_def *def = NULL;
	struct report *r = NULL;
	size_t i;

	(void)state;
	assert_int_equal(report_def_load(build_data(), 2026, &def), 0);
	assert_int_equal(report_new(def, &t, 2026, &r), 0);
	for (i = 0; i < UNIT_N(bad); i++)
		assert_int_equal(report_add_row(r, 0, "0301", "oslo", bad[i], strlen(bad[i])), BP_EXML);
	assert_int_equal(report_persons(r), 0);
	add(r, 0, "0301", "oslo", "p01", "mann", 30, "gront", "", "<kategori>rus</kategori>");
	assert_int_equal(report_persons(r), 1);
	report_free(r);
	report_def_free(def);
	assert_int_equal(report_def_load(build_data(), 1999, &def), BP_ENOENT);
	assert_null(def);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suppress),
		cmocka_unit_test(test_kommune),
		cmocka_unit_test(test_region_land),
		cmocka_unit_test(test_bydel),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_definition_ids),
		cmocka_unit_test(test_bad_rows),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
