/* test_engine.c: definition.c applied to survey records: missing mandatory answers,
 * invalid answers, contradictions, obs, pruning of hidden answers (follow-ups included),
 * age-dependent questions, and the levekårsindeks; on the real 2026 definition. */
#include "unit.h"

#include <libxml/parser.h>

#include "definition.h"

static struct definition *def;

static int
setup(void **state)
{
	(void)state;
	return definition_load("data", 2026, &def);
}

static int
teardown(void **state)
{
	(void)state;
	definition_free(def);
	return 0;
}

static xmlDocPtr
record(int alder, const char *kjonn)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr r = xmlNewDocNode(d, NULL, BAD_CAST "kartlegging", NULL);
	char a[8];

	snprintf(a, sizeof(a), "%d", alder);
	xmlDocSetRootElement(d, r);
	xmlSetProp(r, BAD_CAST "aar", BAD_CAST "2026");
	xmlSetProp(r, BAD_CAST "alder", BAD_CAST a);
	xmlSetProp(r, BAD_CAST "kjonn", BAD_CAST kjonn);
	return d;
}

static void
answer(xmlDocPtr d, const char *id, const char *value)
{
	assert_non_null(xmlNewTextChild(xmlDocGetRootElement(d), NULL, BAD_CAST id, BAD_CAST value));
}

static int
has(const struct evaluation *ev, enum finding_kind kind, const char *field)
{
	int i;

	for (i = 0; i < ev->nfindings; i++)
		if (ev->findings[i].kind == kind && strcmp(ev->findings[i].field, field) == 0)
			return 1;
	return 0;
}

/* the first option of an item in the definition */
static const char *
first_option(const char *id)
{
	static char buf[64];
	xmlNodePtr n;

	for (n = xmlDocGetRootElement(definition_doc(def)); n; ) {
		xmlChar *v = n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "item") ?
		    xmlGetProp(n, BAD_CAST "id") : NULL;
		int match = v && strcmp((char *)v, id) == 0;

		xmlFree(v);
		if (match) {
			for (n = n->children; n; n = n->next)
				if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "option")) {
					xmlChar *o = xmlGetProp(n, BAD_CAST "id");

					snprintf(buf, sizeof(buf), "%s", (char *)o);
					xmlFree(o);
					return buf;
				}
			return NULL;
		}
		/* depth-first walk */
		if (n->children)
			n = n->children;
		else {
			while (n && !n->next)
				n = n->parent;
			n = n ? n->next : NULL;
		}
	}
	return NULL;
}

static void
test_empty_and_complete(void **state)
{
	xmlDocPtr d = record(34, "kvinne");
	struct evaluation ev;
	int round, i, missing;

	(void)state;
	assert_int_equal(definition_evaluate(def, d, &ev), 0);
	assert_true(ev.errors >= 15);	/* kategori, fødeland, the eight levekår areas, ... */
	assert_true(has(&ev, FINDING_MISSING, "kategori"));
	assert_true(has(&ev, FINDING_MISSING, "bosituasjon"));
	assert_false(has(&ev, FINDING_MISSING, "fodeland_mor"));	/* under 25 only */
	assert_false(has(&ev, FINDING_MISSING, "gravid"));		/* a checkbox */
	assert_false(has(&ev, FINDING_MISSING, "barn_bor_med_egne"));	/* a count */
	assert_string_equal(ev.index_group, "");
	/* answer what is missing, as a person would, until nothing is */
	for (round = 0; round < 8 && ev.errors > 0; round++) {
		for (i = 0, missing = 0; i < ev.nfindings; i++)
			if (ev.findings[i].kind == FINDING_MISSING) {
				answer(d, ev.findings[i].field, first_option(ev.findings[i].field));
				missing++;
			}
		assert_true(missing > 0);
		assert_int_equal(definition_evaluate(def, d, &ev), 0);
	}
	assert_int_equal(ev.errors, 0);
	/* a yes/no question's first option is Ja: "Aktuell fare for overdose" raises its obs */
	assert_int_equal(ev.obs, 1);
	assert_true(has(&ev, FINDING_OBS, "aktuell_fare_overdose"));
	/* all eight areas green (their first option) */
	assert_string_equal(ev.index_group, "gront");
	xmlFreeDoc(d);
}

static void
test_errors_and_obs(void **state)
{
	xmlDocPtr d = record(40, "mann");
	struct evaluation ev;

	(void)state;
	answer(d, "kategori", "rus");
	answer(d, "rusmiddelbruk", "alkohol");
	answer(d, "rusmiddelbruk", "ingen_rusmidler");
	answer(d, "injiserer", "ja");
	answer(d, "gravid", "ja");
	answer(d, "aktuell_fare_overdose", "ja");
	answer(d, "utdanning", "tull");			/* not an option */
	answer(d, "barn_bor_med_egne", "-1");		/* out of range */
	answer(d, "bor_sammen_med", "alene");
	answer(d, "barn_samvaer_egne", "2");		/* contact is not living with */
	assert_int_equal(definition_evaluate(def, d, &ev), 0);
	assert_true(has(&ev, FINDING_ERROR, "rusmiddelbruk"));	/* exclusive option */
	assert_true(has(&ev, FINDING_ERROR, "injiserer"));	/* injects, "ingen rusmidler" */
	assert_true(has(&ev, FINDING_ERROR, "gravid"));		/* a pregnant man */
	assert_false(has(&ev, FINDING_ERROR, "bor_sammen_med"));
	assert_true(has(&ev, FINDING_INVALID, "utdanning"));
	assert_true(has(&ev, FINDING_INVALID, "barn_bor_med_egne"));
	assert_true(has(&ev, FINDING_OBS, "aktuell_fare_overdose"));
	assert_true(has(&ev, FINDING_MISSING, "lar"));		/* shown for kategori rus */
	answer(d, "barn_bor_med_andres", "1");		/* alone, yet lives with children */
	assert_int_equal(definition_evaluate(def, d, &ev), 0);
	assert_true(has(&ev, FINDING_ERROR, "bor_sammen_med"));
	xmlFreeDoc(d);
}

static void
test_prune_and_age(void **state)
{
	xmlDocPtr d = record(20, "kvinne");
	struct evaluation ev;
	int removed;

	(void)state;
	answer(d, "kategori", "rus");
	answer(d, "rusmiddelbruk", "heroin");
	answer(d, "injiserer", "ja");
	answer(d, "injiserer_utstyr", "nei");
	answer(d, "ukjent_sporsmal", "x");
	assert_int_equal(definition_shown(def, d, "fodeland_mor"), 1);	/* under 25 */
	assert_int_equal(definition_shown(def, d, "bv_u25_hjelpetiltak"), 1);
	assert_int_equal(definition_shown(def, d, "injiserer_utstyr"), 1);
	/* kategori changes: the rus questions and their follow-up go */
	xmlNodeSetContent(xmlDocGetRootElement(d)->children, BAD_CAST "psyk");
	removed = definition_prune(def, d);
	assert_int_equal(removed, 4);	/* rusmiddelbruk, injiserer, injiserer_utstyr, unknown */
	assert_int_equal(definition_shown(def, d, "injiserer_utstyr"), 0);
	assert_int_equal(definition_evaluate(def, d, &ev), 0);
	assert_false(has(&ev, FINDING_MISSING, "rusmiddelbruk"));
	assert_true(has(&ev, FINDING_MISSING, "psykisk_varighet"));
	xmlFreeDoc(d);
	d = record(25, "kvinne");
	assert_int_equal(definition_shown(def, d, "fodeland_mor"), 0);	/* 25: not under 25 */
	assert_int_equal(definition_shown(def, d, "bv_u25_hjelpetiltak"), 0);
	assert_int_equal(definition_shown(def, d, "finnes_ikke"), BP_ENOENT);
	xmlFreeDoc(d);
}

static void
test_index(void **state)
{
	static const char *const areas[] = { "bosituasjon", "meningsfull_aktivitet", "okonomi",
	    "fysisk_helse", "psykisk_helse", "rusmiddelproblemer", "sosial_fungering", "nettverk" };
	static const struct {
		int red, yellow;
		const char *group;
	} cases[] = { { 0, 0, "gront" }, { 0, 3, "gult" }, { 1, 0, "rodt" }, { 2, 6, "rodt" },
	    { 3, 0, "blalys" }, { 8, 0, "blalys" } };
	struct evaluation ev;
	size_t c, i;

	(void)state;
	for (c = 0; c < UNIT_N(cases); c++) {
		xmlDocPtr d = record(30, "mann");

		for (i = 0; i < UNIT_N(areas); i++)
			answer(d, areas[i], i < (size_t)cases[c].red ? "rod" :
			    i < (size_t)(cases[c].red + cases[c].yellow) ? "gul" : "gronn");
		assert_int_equal(definition_evaluate(def, d, &ev), 0);
		assert_string_equal(ev.index_group, cases[c].group);
		xmlFreeDoc(d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_complete),
		cmocka_unit_test(test_errors_and_obs),
		cmocka_unit_test(test_prune_and_age),
		cmocka_unit_test(test_index),
	};

	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
