/* test_engine.c: definition.c applied to survey records: missing mandatory answers,
 * invalid answers, contradictions, obs, pruning of hidden answers (follow-ups included),
 * age-dependent questions, and the levekårsindeks; on the real 2026 definition. */
#include "unit.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "definition.h"
#include "def2026.h"

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
	const struct def_item *it = definition_item(def, id);

	return it && it->noptions > 0 ? it->options[0].id : NULL;
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
	/* not in the seeds: an obs to look at, never an error that holds a survey back */
	assert_true(has(&ev, FINDING_OBS, "bor_sammen_med"));
	assert_false(has(&ev, FINDING_ERROR, "bor_sammen_med"));
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

/* definition_shown_each answers as definition_shown does, item by item, and only for the
 * items asked about */
static void
test_shown_each(void **state)
{
	static unsigned char want[1024], shown[1024];
	const struct def_item *items;
	xmlDocPtr d = record(20, "kvinne");
	int i, n = definition_items(def, &items), hidden = 0;

	(void)state;
	assert_true(n <= (int)sizeof(want));
	answer(d, "kategori", "rus");
	answer(d, "rusmiddelbruk", "heroin");
	answer(d, "injiserer", "ja");
	for (i = 0; i < n; i++)
		want[i] = (unsigned char)(i % 3 != 0);
	memset(shown, 7, sizeof(shown));
	assert_int_equal(definition_shown_each(def, d, want, shown), 0);
	for (i = 0; i < n; i++) {
		if (!want[i]) {
			assert_int_equal(shown[i], 7);
			continue;
		}
		assert_int_equal(shown[i], definition_shown(def, d, items[i].id));
		hidden += shown[i] == 0;
	}
	assert_true(hidden > 0);	/* psyk's questions, over 25's, ... */
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

/* the text an XPath gives on the definition's tree ("" for none) */
static void
tree_text(xmlDocPtr doc, const char *fmt, const char *a, const char *b, char *out, size_t size)
{
	char expr[256];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r;
	xmlChar *t;

	snprintf(expr, sizeof(expr), fmt, a, b);
	assert_non_null(ctx);
	assert_non_null(r = xmlXPathEvalExpression(BAD_CAST expr, ctx));
	assert_non_null(t = xmlXPathCastToString(r));
	snprintf(out, size, "%s", (const char *)t);
	xmlFree(t);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
}

/* definition_load reads the file with SAX callbacks into its tables: what it keeps of every
 * item and option is what the file's tree says, in the same order, for the source and for
 * the build's trimmed copy alike */
static void
test_load_as_tree(void **state)
{
	const char *const files[][2] = {
		{ "data", "data/kartlegging/2026.xml" },
		{ NULL, "/kartlegging/2026/" DEFINITION_XML },
	};
	char dir[4096], path[4096], v[1024];
	size_t f;

	(void)state;
	for (f = 0; f < UNIT_N(files); f++) {
		struct definition *d;
		const struct def_item *items;
		const struct def_tab *tabs;
		xmlDocPtr doc;
		int n, i, o;

		snprintf(dir, sizeof(dir), "%s", files[f][0] ? files[f][0] : build_data());
		snprintf(path, sizeof(path), "%s", files[f][0] ? files[f][1] : dir);
		if (files[f][0] == NULL)
			strncat(path, files[f][1], sizeof(path) - strlen(path) - 1);
		assert_non_null(doc = xmlReadFile(path, NULL, XML_PARSE_NONET));
		/* the source as it is, the build's version through its link */
		assert_int_equal(files[f][0] ? definition_load_xml(path, &d) :
		    definition_load(dir, 2026, &d), 0);
		n = definition_items(d, &items);
		tree_text(doc, "count(//tab/item | //tab/group/item)", "", "", v, sizeof(v));
		assert_int_equal(n, strtol(v, NULL, 10));
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%d", i + 1);
			tree_text(doc, "(//tab/item | //tab/group/item)[%s]/@id%s", path, "", v,
			    sizeof(v));
			assert_string_equal(items[i].id, v);
			tree_text(doc, "//item[@id='%s']/label%s", items[i].id, "", v, sizeof(v));
			assert_string_equal(items[i].label, v);
			tree_text(doc, "//item[@id='%s']/@type%s", items[i].id, "", v, sizeof(v));
			assert_string_equal(items[i].type, v);
			tree_text(doc, "//item[@id='%s']/@show%s", items[i].id, "", v, sizeof(v));
			assert_string_equal(items[i].show ? items[i].show : "", v);
			tree_text(doc, "//item[@id='%s']/ancestor::tab/@id%s", items[i].id, "", v,
			    sizeof(v));
			assert_string_equal(items[i].tab, v);
			tree_text(doc, "string(//item[@id='%s']/@mandatory = 'yes')%s", items[i].id,
			    "", v, sizeof(v));
			assert_int_equal(items[i].mandatory, strcmp(v, "true") == 0);
			tree_text(doc, "count(//item[@id='%s']/option)%s", items[i].id, "", v,
			    sizeof(v));
			assert_int_equal(items[i].noptions, strtol(v, NULL, 10));
			for (o = 0; o < items[i].noptions; o++) {
				snprintf(path, sizeof(path), "%d", o + 1);
				tree_text(doc, "//item[@id='%s']/option[%s]/@id", items[i].id, path,
				    v, sizeof(v));
				assert_string_equal(items[i].options[o].id, v);
				tree_text(doc, "string(//item[@id='%s']/option[%s]/@exclusive='yes')",
				    items[i].id, path, v, sizeof(v));
				assert_int_equal(items[i].options[o].exclusive,
				    strcmp(v, "true") == 0);
				assert_true(definition_is_option(&items[i], items[i].options[o].id));
				/* its text, without the <help> the source has in it */
				tree_text(doc, "string(//item[@id='%s']/option[%s]/text())",
				    items[i].id, path, v, sizeof(v));
				assert_string_equal(items[i].options[o].label, v);
				assert_true(items[i].options[o].label[0] != '\0');
				assert_ptr_equal(definition_option(&items[i],
				    items[i].options[o].id), &items[i].options[o]);
			}
			assert_null(definition_option(&items[i], "finnes_ikke"));
			assert_false(definition_is_option(&items[i], "finnes_ikke"));
			assert_ptr_equal(definition_item(d, items[i].id), &items[i]);
		}
		tree_text(doc, "count(/definition/tab)%s%s", "", "", v, sizeof(v));
		assert_int_equal(definition_tabs(d, &tabs), strtol(v, NULL, 10));
		tree_text(doc, "/definition/@stamp%s%s", "", "", v, sizeof(v));
		assert_string_equal(definition_stamp(d), v);
		tree_text(doc, "/definition/service-questions/question[@id='hatt']%s%s", "", "",
		    v, sizeof(v));
		assert_string_equal(definition_service_question(d, "hatt"), v);
		tree_text(doc, "/definition/service-questions/question[@id='videre']%s%s", "",
		    "", v, sizeof(v));
		assert_string_equal(definition_service_question(d, "videre"), v);
		assert_null(definition_service_question(d, "finnes_ikke"));
		/* the text of an option with help in it is the text before the help */
		assert_string_equal(definition_option(definition_item(d, "bosituasjon"),
		    "gronn")->label, "Grønn");
		assert_string_equal(definition_option(definition_item(d, "fodeland"),
		    "ost_europa")->label, "Øst-Europa");
		definition_free(d);
		xmlFreeDoc(doc);
	}
}

/* a definition that is not ours is refused, never half loaded */
static void
test_load_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"<definition",					/* not well-formed */
		"<other stamp='x'/>",				/* another root */
		"<!DOCTYPE definition [<!ENTITY e 'x'>]><definition stamp='x'/>",
		"<definition><tab id='t'/></definition>",	/* a tab without a title */
		"<definition><tab id='t' title='T'><item id='a'/></tab></definition>",
		"<definition><tab id='t' title='T'><item id='a' type='single'><option/>"
		    "</item></tab></definition>",
		"<definition>&e;</definition>",			/* an unknown entity */
	};
	char dir[64], sub[128], path[192], deep[2048];
	struct definition *d;
	size_t i, k;

	(void)state;
	tmp_make(dir, sizeof(dir));
	snprintf(sub, sizeof(sub), "%s/kartlegging", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/2030.xml", sub);
	for (i = 0; i < UNIT_N(bad); i++) {
		file_write(path, bad[i], strlen(bad[i]), 0600);
		d = (struct definition *)1;
		if (definition_load_xml(path, &d) == 0)
			fail_msg("loaded: %s", bad[i]);
		assert_null(d);
	}
	/* too deep: 40 levels */
	strcpy(deep, "<definition>");
	for (k = 0; k < 40; k++)
		strcat(deep, "<x>");
	for (k = 0; k < 40; k++)
		strcat(deep, "</x>");
	strcat(deep, "</definition>");
	file_write(path, deep, strlen(deep), 0600);
	assert_int_equal(definition_load_xml(path, &d), BP_ETOOBIG);
	/* too many items, with options and labels after the last one it takes */
	{
		struct buf many = { 0 };

		buf_puts(&many, "<definition stamp='s'><tab id='t' title='T'>");
		for (k = 0; k < 1100; k++)
			buf_printf(&many, "<item id='i%zu' type='single'><label>L</label>"
			    "<option id='o'/></item>", k);
		buf_puts(&many, "</tab></definition>");
		assert_int_equal(many.err, 0);
		file_write(path, many.p, many.len, 0600);
		assert_int_equal(definition_load_xml(path, &d), BP_ETOOBIG);
		buf_free(&many);
	}
	/* and the smallest it takes: entities in text and attributes come out decoded */
	strcpy(deep, "<definition stamp='s'><tab id='t' title='T &amp; U'><item id='a' "
	    "type='single' show='@alder &lt; 25'><label>A &lt;b&gt; <![CDATA[&c]]></label>"
	    "<option id='x' exclusive='yes'/></item></tab></definition>");
	file_write(path, deep, strlen(deep), 0600);
	assert_int_equal(definition_load_xml(path, &d), 0);
	{
		const struct def_item *it = definition_item(d, "a");
		const struct def_tab *tabs;

		assert_non_null(it);
		assert_string_equal(it->label, "A <b> &c");
		assert_string_equal(it->show, "@alder < 25");
		assert_int_equal(it->noptions, 1);
		assert_true(it->options[0].exclusive);
		assert_int_equal(definition_tabs(d, &tabs), 1);
		assert_string_equal(tabs[0].title, "T & U");
	}
	definition_free(d);
	assert_int_equal(definition_load(dir, 2031, &d), BP_ENOENT);
	tmp_remove(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_complete),
		cmocka_unit_test(test_errors_and_obs),
		cmocka_unit_test(test_prune_and_age),
		cmocka_unit_test(test_shown_each),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_load_as_tree),
		cmocka_unit_test(test_load_refused),
	};

	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
