/* test_rules.c: every rule of the 2026 definition (data/kartlegging/2026.xml) on hand-made
 * records: for each <error> and <obs>, a record that raises it and a near-identical one that
 * does not; rules about hidden questions; mandatory extra questions (under 25, services
 * answered Ja); invalid answers; the levekårsindeks at its boundaries. The table must cover
 * every rule of the file, so a rule added without a test fails here. */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "definition.h"

#include "def2026.h"

static xmlDocPtr defdoc;		/* the same file as a tree, for the tests' XPath */

static int
setup_rules(void **state)
{
	defdoc = xmlReadFile("data/kartlegging/2026.xml", NULL, XML_PARSE_NONET);
	return defdoc ? setup(state) : -1;
}

static int
teardown_rules(void **state)
{
	xmlFreeDoc(defdoc);
	return teardown(state);
}

#define REC(attrs, body) "<kartlegging aar='2026' " attrs ">" body "</kartlegging>"
#define MANN "alder='34' kjonn='mann'"
#define KVINNE "alder='34' kjonn='kvinne'"

/* One or more rows per rule: hit raises the rule's finding, quiet (nearly the same
 * record) does not. */
static const struct {
	const char *rule;		/* @id in the definition */
	const char *hit;
	const char *quiet;
} cases[] = {
	{ "aktiviteter.ingen_av_delene",
	    REC(MANN, "<aktiviteter>i_arbeid</aktiviteter>"
		"<aktiviteter>ingen_av_delene</aktiviteter>"),
	    REC(MANN, "<aktiviteter>ingen_av_delene</aktiviteter>") },
	{ "aktiviteter.ingen_av_delene",	/* the order of the boxes does not matter */
	    REC(MANN, "<aktiviteter>ingen_av_delene</aktiviteter>"
		"<aktiviteter>i_utdanning</aktiviteter>"),
	    REC(MANN, "<aktiviteter>i_arbeid</aktiviteter>"
		"<aktiviteter>i_utdanning</aktiviteter>") },
	{ "kilde_til_livsopphold.vet_ikke",
	    REC(MANN, "<kilde_til_livsopphold>annet</kilde_til_livsopphold>"
		"<kilde_til_livsopphold>vet_ikke</kilde_til_livsopphold>"),
	    REC(MANN, "<kilde_til_livsopphold>vet_ikke</kilde_til_livsopphold>") },
	{ "rusmiddelbruk.ingen_rusmidler",
	    REC(MANN, "<kategori>rus</kategori><rusmiddelbruk>alkohol</rusmiddelbruk>"
		"<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"),
	    REC(MANN, "<kategori>rus</kategori><rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>") },
	{ "rusmiddelbruk.ingen_rusmidler",
	    REC(MANN, "<kategori>begge</kategori><rusmiddelbruk>heroin</rusmiddelbruk>"
		"<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"),
	    REC(MANN, "<kategori>begge</kategori><rusmiddelbruk>heroin</rusmiddelbruk>"
		"<rusmiddelbruk>alkohol</rusmiddelbruk>") },
	{ "vold_trusler.ingen_av_delene",
	    REC(MANN, "<vold_trusler>utsatt</vold_trusler>"
		"<vold_trusler>ingen_av_delene</vold_trusler>"),
	    REC(MANN, "<vold_trusler>ingen_av_delene</vold_trusler>") },
	{ "injiserer.ingen_rusmidler",
	    REC(MANN, "<kategori>rus</kategori><rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"
		"<injiserer>ja</injiserer>"),
	    REC(MANN, "<kategori>rus</kategori><rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"
		"<injiserer>nei</injiserer>") },
	{ "injiserer.ingen_rusmidler",
	    REC(MANN, "<kategori>begge</kategori><rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"
		"<injiserer>ja</injiserer>"),
	    REC(MANN, "<kategori>begge</kategori><rusmiddelbruk>heroin</rusmiddelbruk>"
		"<injiserer>ja</injiserer>") },
	{ "gravid.mann",
	    REC(MANN, "<gravid>ja</gravid>"),
	    REC(KVINNE, "<gravid>ja</gravid>") },
	{ "alene.barn",
	    REC(MANN, "<bor_sammen_med>alene</bor_sammen_med>"
		"<barn_bor_med_egne>1</barn_bor_med_egne>"),
	    REC(MANN, "<bor_sammen_med>alene</bor_sammen_med>"
		"<barn_bor_med_egne>0</barn_bor_med_egne>") },
	{ "alene.barn",
	    REC(MANN, "<bor_sammen_med>alene</bor_sammen_med>"
		"<barn_bor_med_andres>2</barn_bor_med_andres>"),
	    REC(MANN, "<bor_sammen_med>sammen_med_andre</bor_sammen_med>"
		"<barn_bor_med_andres>2</barn_bor_med_andres>") },
	{ "alene.barn",	/* contact is not living with */
	    REC(MANN, "<bor_sammen_med>alene</bor_sammen_med>"
		"<barn_bor_med_sosken>1</barn_bor_med_sosken>"),
	    REC(MANN, "<bor_sammen_med>alene</bor_sammen_med>"
		"<barn_samvaer_egne>1</barn_samvaer_egne>") },
	{ "barn_bor_med_egne_obs",
	    REC(MANN, "<barn_bor_med_egne>1</barn_bor_med_egne>"
		"<barn_bor_med_egne_obs>ja</barn_bor_med_egne_obs>"),
	    REC(MANN, "<barn_bor_med_egne>1</barn_bor_med_egne>") },
	{ "barn_bor_med_andres_obs",
	    REC(MANN, "<barn_bor_med_andres>1</barn_bor_med_andres>"
		"<barn_bor_med_andres_obs>ja</barn_bor_med_andres_obs>"),
	    REC(MANN, "<barn_bor_med_andres>1</barn_bor_med_andres>") },
	{ "barn_bor_med_sosken_obs",
	    REC(MANN, "<barn_bor_med_sosken>1</barn_bor_med_sosken>"
		"<barn_bor_med_sosken_obs>ja</barn_bor_med_sosken_obs>"),
	    REC(MANN, "<barn_bor_med_sosken>1</barn_bor_med_sosken>") },
	{ "barn_samvaer_egne_obs",
	    REC(MANN, "<barn_samvaer_egne>1</barn_samvaer_egne>"
		"<barn_samvaer_egne_obs>ja</barn_samvaer_egne_obs>"),
	    REC(MANN, "<barn_samvaer_egne>1</barn_samvaer_egne>") },
	{ "barn_samvaer_andres_obs",
	    REC(MANN, "<barn_samvaer_andres>1</barn_samvaer_andres>"
		"<barn_samvaer_andres_obs>ja</barn_samvaer_andres_obs>"),
	    REC(MANN, "<barn_samvaer_andres>1</barn_samvaer_andres>") },
	{ "barn_ingen_kontakt_egne_obs",
	    REC(MANN, "<barn_ingen_kontakt_egne>1</barn_ingen_kontakt_egne>"
		"<barn_ingen_kontakt_egne_obs>ja</barn_ingen_kontakt_egne_obs>"),
	    REC(MANN, "<barn_ingen_kontakt_egne>1</barn_ingen_kontakt_egne>") },
	{ "aktuell_selvmordsproblematikk",
	    REC(KVINNE, "<selvmordsforsok>ja</selvmordsforsok>"
		"<aktuell_selvmordsproblematikk>ja</aktuell_selvmordsproblematikk>"),
	    REC(KVINNE, "<selvmordsforsok>ja</selvmordsforsok>") },
	{ "aktuell_fare_overdose",
	    REC(MANN, "<kategori>rus</kategori>"
		"<aktuell_fare_overdose>ja</aktuell_fare_overdose>"),
	    REC(MANN, "<kategori>rus</kategori>"
		"<aktuell_fare_overdose>nei</aktuell_fare_overdose>") },
	{ "graviditet_obs",
	    REC(KVINNE, "<gravid>ja</gravid><graviditet_obs>ja</graviditet_obs>"),
	    REC(KVINNE, "<gravid>ja</gravid>") },
	{ "gravid.rusmidler",
	    REC(KVINNE, "<kategori>rus</kategori><gravid>ja</gravid>"
		"<rusmiddelbruk>alkohol</rusmiddelbruk>"),
	    REC(KVINNE, "<kategori>rus</kategori><gravid>ja</gravid>"
		"<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>") },
	{ "gravid.rusmidler",
	    REC(KVINNE, "<kategori>begge</kategori><gravid>ja</gravid>"
		"<rusmiddelbruk>cannabis</rusmiddelbruk>"),
	    REC(KVINNE, "<kategori>begge</kategori><rusmiddelbruk>cannabis</rusmiddelbruk>") },
};

static xmlDocPtr
parse(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);

	if (d == NULL)
		fail_msg("not XML: %s", xml);
	return d;
}

/* the findings of a record given as XML (they point into the definition, not the record) */
static void
evaluate(const char *xml, struct evaluation *ev)
{
	xmlDocPtr d = parse(xml);

	assert_int_equal(definition_evaluate(def, d, ev), 0);
	xmlFreeDoc(d);
}

/* how many findings of that kind about that field */
static int
has(const struct evaluation *ev, enum finding_kind kind, const char *field)
{
	int i, n = 0;

	for (i = 0; i < ev->nfindings; i++)
		if (ev->findings[i].kind == kind && strcmp(ev->findings[i].field, field) == 0)
			n++;
	return n;
}

/* how many findings of one rule: its kind, field and message */
static int
raised(const struct evaluation *ev, enum finding_kind kind, const char *field, const char *text)
{
	int i, n = 0;

	for (i = 0; i < ev->nfindings; i++)
		n += ev->findings[i].kind == kind && strcmp(ev->findings[i].field, field) == 0 &&
		    strcmp(ev->findings[i].text, text) == 0;
	return n;
}

static const struct finding *
finding(const struct evaluation *ev, enum finding_kind kind, const char *field)
{
	int i;

	for (i = 0; i < ev->nfindings; i++)
		if (ev->findings[i].kind == kind && strcmp(ev->findings[i].field, field) == 0)
			return &ev->findings[i];
	return NULL;
}

static int
kinds(const struct evaluation *ev, enum finding_kind kind)
{
	int i, n = 0;

	for (i = 0; i < ev->nfindings; i++)
		n += ev->findings[i].kind == kind;
	return n;
}

/* the nodes an XPath selects in the definition; free with xmlXPathFreeObject */
static xmlXPathObjectPtr
select_def(const char *xpath)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(defdoc);
	xmlXPathObjectPtr r;

	assert_non_null(ctx);
	r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	xmlXPathFreeContext(ctx);
	assert_non_null(r);
	return r;
}

static int
count_def(const char *xpath)
{
	xmlXPathObjectPtr r = select_def(xpath);
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;

	xmlXPathFreeObject(r);
	return n;
}

/* The table and the file agree: every rule of the file has a row, every row a rule. */
static void
test_rules_covered(void **state)
{
	size_t i, j, distinct = 0;
	char xp[256];

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		for (j = 0; j < i && strcmp(cases[j].rule, cases[i].rule) != 0; j++)
			;
		distinct += j == i;
		snprintf(xp, sizeof(xp), "/definition/rules/*[@id='%s']", cases[i].rule);
		if (count_def(xp) != 1)
			fail_msg("no rule %s in the definition (or more than one)", cases[i].rule);
	}
	assert_int_equal(count_def("/definition/rules/*"), (int)distinct);
	/* only <error> and <obs>, each with an id, field, test and message */
	assert_int_equal(count_def("/definition/rules/*[not(self::error or self::obs)]"), 0);
	assert_int_equal(count_def("/definition/rules/*[not(@id) or not(@field) or not(@when) or "
	    "normalize-space(.) = '']"), 0);
	/* each child row's Obs box has its obs (data/kartlegging/README.md "The questionnaire definition") */
	assert_int_equal(count_def("//item[@row-of][not(@id = /definition/rules/obs/@field)]"), 0);
}

/* Each rule of the file, raised by its hit records and not by its quiet ones, with the
 * file's field, kind, message and the field's tab. */
static void
test_every_rule(void **state)
{
	xmlXPathObjectPtr rules = select_def("/definition/rules/*");
	struct evaluation ev;
	int i, rows;
	size_t c;

	(void)state;
	assert_non_null(rules->nodesetval);
	for (i = 0; i < rules->nodesetval->nodeNr; i++) {
		xmlNodePtr n = rules->nodesetval->nodeTab[i];
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		xmlChar *field = xmlGetProp(n, BAD_CAST "field");
		xmlChar *text = xmlNodeGetContent(n);
		enum finding_kind kind = xmlStrEqual(n->name, BAD_CAST "obs") ? FINDING_OBS :
		    FINDING_ERROR;
		const struct def_item *it;

		assert_non_null(id);
		assert_non_null(field);
		assert_non_null(it = definition_item(def, (const char *)field));
		for (c = 0, rows = 0; c < UNIT_N(cases); c++) {
			if (strcmp(cases[c].rule, (const char *)id) != 0)
				continue;
			rows++;
			evaluate(cases[c].hit, &ev);
			if (raised(&ev, kind, (const char *)field, (const char *)text) != 1)
				fail_msg("rule %s not raised once by %s", (const char *)id,
				    cases[c].hit);
			assert_string_equal(finding(&ev, kind, (const char *)field)->tab, it->tab);
			/* the hand-made records hold only valid answers */
			assert_int_equal(kinds(&ev, FINDING_INVALID), 0);
			if (kind == FINDING_OBS)
				assert_true(ev.obs >= 1);
			evaluate(cases[c].quiet, &ev);
			if (raised(&ev, kind, (const char *)field, (const char *)text) != 0)
				fail_msg("rule %s raised by %s", (const char *)id, cases[c].quiet);
			assert_int_equal(kinds(&ev, FINDING_INVALID), 0);
		}
		if (rows == 0)
			fail_msg("rule %s has no test: add it to cases[]", (const char *)id);
		xmlFree(id);
		xmlFree(field);
		xmlFree(text);
	}
	xmlXPathFreeObject(rules);
}

/* Every exclusive option ("Ingen rusmidler", "Ingen av delene", "Vet ikke") with any other
 * option of its item is an error about that item; each alone is not (data/kartlegging/README.md "The questionnaire
 * definition"). Driven by the definition, so a new exclusive option is tested too. */
static void
test_exclusive_options(void **state)
{
	const struct def_item *items;
	char xml[1024];
	struct evaluation ev;
	const char *ex, *other;
	int i, n, o, p, tested = 0;

	(void)state;
	n = definition_items(def, &items);
	for (i = 0; i < n; i++)
		for (o = 0; o < items[i].noptions; o++) {
			if (!items[i].options[o].exclusive)
				continue;
			ex = items[i].options[o].id;
			assert_string_equal(items[i].type, "multi");
			/* kategori begge shows the rus questions */
			snprintf(xml, sizeof(xml), REC(MANN,
			    "<kategori>begge</kategori><%s>%s</%s>"), items[i].id, ex, items[i].id);
			evaluate(xml, &ev);
			assert_int_equal(has(&ev, FINDING_ERROR, items[i].id), 0);
			for (p = 0; p < items[i].noptions; p++) {
				if (p == o)
					continue;
				other = items[i].options[p].id;
				snprintf(xml, sizeof(xml), REC(MANN, "<kategori>begge</kategori>"
				    "<%s>%s</%s><%s>%s</%s>"), items[i].id, other, items[i].id,
				    items[i].id, ex, items[i].id);
				evaluate(xml, &ev);
				if (has(&ev, FINDING_ERROR, items[i].id) != 1)
					fail_msg("%s: %s with %s is no error", items[i].id, ex,
					    other);
				snprintf(xml, sizeof(xml), REC(MANN, "<kategori>begge</kategori>"
				    "<%s>%s</%s>"), items[i].id, other, items[i].id);
				evaluate(xml, &ev);
				assert_int_equal(has(&ev, FINDING_ERROR, items[i].id), 0);
				tested++;
			}
		}
	/* every pair was tried */
	assert_int_equal(tested, count_def("//item[option/@exclusive='yes']"
	    "/option[not(@exclusive='yes')]"));
	assert_true(tested > 0);
}

/* Which items are mandatory, as tools/gen/definition.py makes them: every single, level and yes/no
 * item; a multi item exactly when it has a "none"/"vet ikke" option; counts only as extra
 * questions of a service; never a checkbox or a service. */
static void
test_mandatory_policy(void **state)
{
	(void)state;
	assert_int_equal(count_def("//item[@type='single' or @type='level' or @type='yesno' or "
	    "@type='yesno_unknown'][not(@mandatory='yes')]"), 0);
	assert_int_equal(count_def("//item[@type='multi'][option/@exclusive='yes']"
	    "[not(@mandatory='yes')]"), 0);
	assert_int_equal(count_def("//item[@type='multi'][not(option/@exclusive='yes')]"
	    "[@mandatory='yes']"), 0);
	assert_int_equal(count_def("//item[@type='integer'][@mandatory='yes']"
	    "[not(contains(@show, '/@hatt'))]"), 0);
	assert_int_equal(count_def("//item[@type='checkbox' or @type='service']"
	    "[@mandatory='yes']"), 0);
}

/* An error and an obs count where they belong: errors block a transfer, obs do not. */
static void
test_counts(void **state)
{
	struct evaluation quiet, hit;

	(void)state;
	evaluate(REC(KVINNE, "<gravid>ja</gravid>"), &quiet);
	evaluate(REC(MANN, "<gravid>ja</gravid>"), &hit);
	assert_int_equal(hit.errors, quiet.errors + 1);
	assert_int_equal(hit.obs, quiet.obs);
	evaluate(REC(KVINNE, "<aktuell_selvmordsproblematikk>ja</aktuell_selvmordsproblematikk>"),
	    &hit);
	assert_int_equal(hit.errors, quiet.errors);
	assert_int_equal(hit.obs, quiet.obs + 1);
}

/* A rule about a question the record does not show does not apply, even when the record
 * still holds an answer to it (it is pruned on save). */
static void
test_hidden_question(void **state)
{
	struct evaluation ev;

	(void)state;
	/* injiserer and rusmiddelbruk are for kategori rus and begge only */
	evaluate(REC(MANN, "<kategori>psyk</kategori><rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"
	    "<injiserer>ja</injiserer>"), &ev);
	assert_int_equal(has(&ev, FINDING_ERROR, "injiserer"), 0);
	evaluate(REC(MANN, "<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"
	    "<injiserer>ja</injiserer>"), &ev);		/* no kategori yet */
	assert_int_equal(has(&ev, FINDING_ERROR, "injiserer"), 0);
	evaluate(REC(MANN, "<kategori>psyk</kategori><rusmiddelbruk>alkohol</rusmiddelbruk>"
	    "<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk>"), &ev);
	assert_int_equal(has(&ev, FINDING_ERROR, "rusmiddelbruk"), 0);
	evaluate(REC(MANN, "<kategori>psyk</kategori>"
	    "<aktuell_fare_overdose>ja</aktuell_fare_overdose>"), &ev);
	assert_int_equal(has(&ev, FINDING_OBS, "aktuell_fare_overdose"), 0);
	assert_int_equal(ev.obs, 0);
	/* the same answers with a kategori that shows them */
	evaluate(REC(MANN, "<kategori>begge</kategori>"
	    "<rusmiddelbruk>ingen_rusmidler</rusmiddelbruk><injiserer>ja</injiserer>"
	    "<aktuell_fare_overdose>ja</aktuell_fare_overdose>"), &ev);
	assert_int_equal(has(&ev, FINDING_ERROR, "injiserer"), 1);
	assert_int_equal(has(&ev, FINDING_OBS, "aktuell_fare_overdose"), 1);
}

/* The under-25 questions are mandatory only for those under 25. */
static void
test_mandatory_age(void **state)
{
	static const struct {
		const char *xml;
		int missing;
	} ages[] = {
		{ REC("alder='16' kjonn='kvinne'", ""), 1 },
		{ REC("alder='24' kjonn='mann'", ""), 1 },
		{ REC("alder='25' kjonn='mann'", ""), 0 },
		{ REC("alder='67' kjonn='kvinne'", ""), 0 },
	};
	struct evaluation ev;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(ages); i++) {
		evaluate(ages[i].xml, &ev);
		assert_int_equal(has(&ev, FINDING_MISSING, "fodeland_mor"), ages[i].missing);
		assert_int_equal(has(&ev, FINDING_MISSING, "fodeland_far"), ages[i].missing);
		assert_int_equal(has(&ev, FINDING_MISSING, "fodeland"), 1);	/* everyone */
	}
	/* answered: no longer missing; the label is the message */
	evaluate(REC("alder='24' kjonn='mann'", "<fodeland_mor>asia</fodeland_mor>"), &ev);
	assert_int_equal(has(&ev, FINDING_MISSING, "fodeland_mor"), 0);
	assert_int_equal(has(&ev, FINDING_MISSING, "fodeland_far"), 1);
	assert_string_equal(finding(&ev, FINDING_MISSING, "fodeland_far")->text, "Fars fødeland");
	assert_string_equal(finding(&ev, FINDING_MISSING, "fodeland_far")->tab, "bruker");
	/* the under-25 services are shown, but a service is never missing (Nei/Nei) */
	evaluate(REC("alder='20' kjonn='mann'", ""), &ev);
	assert_int_equal(has(&ev, FINDING_MISSING, "bv_u25_hjelpetiltak"), 0);
}

/* A service's extra questions are mandatory only when the service is answered hatt = Ja. */
static void
test_mandatory_service(void **state)
{
	static const struct {
		const char *xml;
		const char *field;
		int missing;
	} rows[] = {
		{ REC(MANN, ""), "midlertidig_bolig_botid_maneder", 0 },
		{ REC(MANN, "<nav_midlertidig_bolig hatt='nei' videre='nei'/>"),
		    "midlertidig_bolig_botid_maneder", 0 },
		{ REC(MANN, "<nav_midlertidig_bolig hatt='nei' videre='ja'/>"),
		    "midlertidig_bolig_botid_maneder", 0 },
		{ REC(MANN, "<nav_midlertidig_bolig hatt='ja' videre='nei'/>"),
		    "midlertidig_bolig_botid_maneder", 1 },
		{ REC(MANN, "<nav_midlertidig_bolig hatt='ja' videre='nei'/>"
		    "<midlertidig_bolig_botid_maneder>3</midlertidig_bolig_botid_maneder>"),
		    "midlertidig_bolig_botid_maneder", 0 },
		{ REC(MANN, "<tsb_dognbehandling hatt='nei' videre='ja'/>"),
		    "tsb_dogn_utskrevet", 0 },
		{ REC(MANN, "<tsb_dognbehandling hatt='ja' videre='nei'/>"),
		    "tsb_dogn_utskrevet", 1 },
		/* the follow-up of the follow-up: months only once discharged */
		{ REC(MANN, "<tsb_dognbehandling hatt='ja' videre='nei'/>"),
		    "tsb_dogn_maneder_siden_utskrevet", 0 },
		{ REC(MANN, "<tsb_dognbehandling hatt='ja' videre='nei'/>"
		    "<tsb_dogn_utskrevet>pa_institusjon_na</tsb_dogn_utskrevet>"),
		    "tsb_dogn_maneder_siden_utskrevet", 0 },
		{ REC(MANN, "<tsb_dognbehandling hatt='ja' videre='nei'/>"
		    "<tsb_dogn_utskrevet>utskrevet_siste_12_mnd</tsb_dogn_utskrevet>"),
		    "tsb_dogn_maneder_siden_utskrevet", 1 },
		{ REC(MANN, "<tsb_dognbehandling hatt='nei' videre='nei'/>"
		    "<tsb_dogn_utskrevet>utskrevet_siste_12_mnd</tsb_dogn_utskrevet>"),
		    "tsb_dogn_maneder_siden_utskrevet", 0 },
		{ REC(MANN, "<phv_dognbehandling hatt='ja' videre='ja'/>"),
		    "phv_dogn_utskrevet", 1 },
		{ REC(MANN, "<phv_dognbehandling hatt='ja' videre='ja'/>"
		    "<phv_dogn_utskrevet>utskrevet_siste_12_mnd</phv_dogn_utskrevet>"),
		    "phv_dogn_maneder_siden_utskrevet", 1 },
		/* a single box is never mandatory */
		{ REC(MANN, "<phv_dognbehandling hatt='ja' videre='ja'/>"
		    "<phv_dogn_utskrevet>utskrevet_siste_12_mnd</phv_dogn_utskrevet>"),
		    "phv_dogn_ikke_planlagt", 0 },
	};
	struct evaluation ev;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(rows); i++) {
		evaluate(rows[i].xml, &ev);
		if (has(&ev, FINDING_MISSING, rows[i].field) != rows[i].missing)
			fail_msg("%s: missing should be %d in %s", rows[i].field, rows[i].missing,
			    rows[i].xml);
		assert_int_equal(kinds(&ev, FINDING_INVALID), 0);
	}
}

/* Answers outside an item's options or range are INVALID (an error), not MISSING. */
static void
test_invalid(void **state)
{
	static const struct {
		const char *xml;
		const char *field;
		int invalid;
	} rows[] = {
		{ REC(MANN, "<barn_bor_med_egne>0</barn_bor_med_egne>"), "barn_bor_med_egne", 0 },
		{ REC(MANN, "<barn_bor_med_egne>20</barn_bor_med_egne>"), "barn_bor_med_egne", 0 },
		{ REC(MANN, "<barn_bor_med_egne>21</barn_bor_med_egne>"), "barn_bor_med_egne", 1 },
		{ REC(MANN, "<barn_bor_med_egne>-1</barn_bor_med_egne>"), "barn_bor_med_egne", 1 },
		{ REC(MANN, "<barn_bor_med_egne>3x</barn_bor_med_egne>"), "barn_bor_med_egne", 1 },
		{ REC(MANN, "<barn_bor_med_egne>to</barn_bor_med_egne>"), "barn_bor_med_egne", 1 },
		{ REC(KVINNE, "<gravid>ja</gravid><graviditet_maneder>1</graviditet_maneder>"),
		    "graviditet_maneder", 0 },
		{ REC(KVINNE, "<gravid>ja</gravid><graviditet_maneder>9</graviditet_maneder>"),
		    "graviditet_maneder", 0 },
		{ REC(KVINNE, "<gravid>ja</gravid><graviditet_maneder>0</graviditet_maneder>"),
		    "graviditet_maneder", 1 },
		{ REC(KVINNE, "<gravid>ja</gravid><graviditet_maneder>10</graviditet_maneder>"),
		    "graviditet_maneder", 1 },
		/* "Antall måneder" (2026 manual): more than a year is an answer */
		{ REC(MANN, "<nav_midlertidig_bolig hatt='ja' videre='nei'/>"
		    "<midlertidig_bolig_botid_maneder>13</midlertidig_bolig_botid_maneder>"),
		    "midlertidig_bolig_botid_maneder", 0 },
		{ REC(MANN, "<nav_midlertidig_bolig hatt='ja' videre='nei'/>"
		    "<midlertidig_bolig_botid_maneder>601</midlertidig_bolig_botid_maneder>"),
		    "midlertidig_bolig_botid_maneder", 1 },
		{ REC(MANN, "<utdanning>vet_ikke</utdanning>"), "utdanning", 0 },
		{ REC(MANN, "<utdanning>tull</utdanning>"), "utdanning", 1 },
		{ REC(MANN, "<utdanning>rus</utdanning>"), "utdanning", 1 },	/* another item's */
		{ REC(MANN, "<bosituasjon>blaa</bosituasjon>"), "bosituasjon", 1 },
		{ REC(MANN, "<kategori>rus</kategori><rusmiddelbruk>vin</rusmiddelbruk>"),
		    "rusmiddelbruk", 1 },
		{ REC(MANN, "<kategori>rus</kategori><kategori>psyk</kategori>"), "kategori", 1 },
		{ REC(KVINNE, "<gravid>nei</gravid>"), "gravid", 1 },
		{ REC(MANN, "<ho_fastlege hatt='kanskje' videre='nei'/>"), "ho_fastlege", 1 },
		{ REC(MANN, "<ho_fastlege hatt='ja'/>"), "ho_fastlege", 1 },
		{ REC(MANN, "<ho_fastlege hatt='ja' videre='ja'/>"), "ho_fastlege", 0 },
		/* a hidden question is not judged (its answer is pruned on save) */
		{ REC(MANN, "<fodeland_mor>tull</fodeland_mor>"), "fodeland_mor", 0 },
	};
	struct evaluation ev;
	size_t i;
	int errors;

	(void)state;
	for (i = 0; i < UNIT_N(rows); i++) {
		evaluate(rows[i].xml, &ev);
		if (has(&ev, FINDING_INVALID, rows[i].field) != rows[i].invalid)
			fail_msg("%s: invalid should be %d in %s", rows[i].field, rows[i].invalid,
			    rows[i].xml);
		/* an invalid answer is reported once, as invalid, not as missing */
		if (rows[i].invalid)
			assert_int_equal(has(&ev, FINDING_MISSING, rows[i].field), 0);
	}
	/* invalid answers count as errors: the MISSING of an empty record becomes INVALID */
	evaluate(REC(MANN, ""), &ev);
	errors = ev.errors;
	evaluate(REC(MANN, "<utdanning>tull</utdanning>"), &ev);
	assert_int_equal(ev.errors, errors);
	assert_int_equal(kinds(&ev, FINDING_INVALID), 1);
}

/* the levekår areas, from the definition's index */
static int
areas(char out[][64], int max)
{
	xmlXPathObjectPtr r = select_def("string(/definition/index/@areas)");
	char *s, *tok, *save = NULL;
	int n = 0;

	assert_int_equal(r->type, XPATH_STRING);
	s = strdup((const char *)r->stringval);
	assert_non_null(s);
	for (tok = strtok_r(s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		assert_true(n < max);
		snprintf(out[n++], 64, "%s", tok);
	}
	free(s);
	xmlXPathFreeObject(r);
	return n;
}

/* a record with the areas answered red, yellow, green in turn; reversed puts the reds last */
static void
index_record(char *xml, size_t size, char a[][64], int n, int red, int yellow, int reversed)
{
	size_t len;
	int i, k;

	len = (size_t)snprintf(xml, size, "<kartlegging aar='2026' alder='40' kjonn='kvinne'>");
	for (i = 0; i < n; i++) {
		k = reversed ? n - 1 - i : i;
		len += (size_t)snprintf(xml + len, size - len, "<%s>%s</%s>", a[k],
		    i < red ? "rod" : i < red + yellow ? "gul" : "gronn", a[k]);
		assert_true(len < size);
	}
	len += (size_t)snprintf(xml + len, size - len, "</kartlegging>");
	assert_true(len < size);
}

/* The levekårsindeks at the (provisional) boundaries: 3 red areas is blålys, 1 or 2 red
 * rødt, no red and a yellow gult, all green grønt; only once every area is answered. */
static void
test_index(void **state)
{
	static const struct {
		int red, yellow;
		const char *group;
	} groups[] = {
		{ 0, 0, "gront" }, { 0, 1, "gult" }, { 0, 8, "gult" }, { 1, 0, "rodt" },
		{ 1, 7, "rodt" }, { 2, 0, "rodt" }, { 2, 6, "rodt" }, { 3, 0, "blalys" },
		{ 3, 5, "blalys" }, { 8, 0, "blalys" },
	};
	char a[16][64], xml[2048], *p;
	struct evaluation ev;
	size_t g;
	int n, i, rev;

	(void)state;
	n = areas(a, 16);
	/* the areas are the eight level items */
	assert_int_equal(n, 8);
	assert_int_equal(count_def("//item[@type='level']"), n);
	for (i = 0; i < n; i++) {
		assert_non_null(definition_item(def, a[i]));
		assert_string_equal(definition_item(def, a[i])->type, "level");
	}
	for (g = 0; g < UNIT_N(groups); g++)
		for (rev = 0; rev < 2; rev++) {
			index_record(xml, sizeof(xml), a, n, groups[g].red, groups[g].yellow, rev);
			evaluate(xml, &ev);
			if (strcmp(ev.index_group, groups[g].group) != 0)
				fail_msg("%d red, %d yellow: %s, not %s", groups[g].red,
				    groups[g].yellow, ev.index_group, groups[g].group);
		}
	/* not every area answered: no group, even with three reds */
	index_record(xml, sizeof(xml), a, n - 1, 3, 0, 0);
	evaluate(xml, &ev);
	assert_string_equal(ev.index_group, "");
	assert_int_equal(has(&ev, FINDING_MISSING, a[n - 1]), 1);
	/* an area with an invalid answer: no group */
	index_record(xml, sizeof(xml), a, n, 3, 0, 0);
	assert_non_null(p = strstr(xml, ">rod<"));
	memcpy(p + 1, "xyz", 3);
	evaluate(xml, &ev);
	assert_string_equal(ev.index_group, "");
	/* an area answered twice: no group */
	index_record(xml, sizeof(xml), a, n, 0, 0, 0);
	assert_non_null(p = strstr(xml, "</kartlegging>"));
	snprintf(p, sizeof(xml) - (size_t)(p - xml), "<%s>rod</%s></kartlegging>", a[0], a[0]);
	evaluate(xml, &ev);
	assert_string_equal(ev.index_group, "");
	/* nothing answered */
	evaluate(REC(MANN, ""), &ev);
	assert_string_equal(ev.index_group, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_covered),
		cmocka_unit_test(test_every_rule),
		cmocka_unit_test(test_exclusive_options),
		cmocka_unit_test(test_mandatory_policy),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_hidden_question),
		cmocka_unit_test(test_mandatory_age),
		cmocka_unit_test(test_mandatory_service),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_index),
	};

	return cmocka_run_group_tests_name("rules", tests, setup_rules, teardown_rules);
}
