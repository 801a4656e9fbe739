/* test_formtab.c: the pre-rendered form (formtab.c, tools/gen/formtabs.xsl).
 *  - the file: stamp, tabs and titles; malformed files refused;
 *  - each marker on a small hand-written template, with exact output: values escaped,
 *    what was typed before what is stored, findings shown once the tab was saved;
 *  - malformed markers refused;
 *  - the real 2026 form as the build makes it ($BP_BUILD/data, default build/data), filled
 *    for records of several shapes: no marker left, every item hidden exactly when the
 *    definition's engine hides it, every answer ticked, every finding shown at its item. */
#include "unit.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "answers.h"
#include "formtab.h"

static const char small[] =
    "<!--bp-form 0123456789abcdef-->\n"
    "<!--bp-tab en Første fane-->"
    "<div bp=\"hidden a\"><input type=\"radio\" name=\"a\" value=\"x\" bp=\"checked a x\">"
    "<input type=\"radio\" name=\"a\" value=\"y\" bp=\"checked a y\">{{messages a}}</div>"
    "<section bp=\"hidden a b\"><input name=\"b\" bp=\"value b 7;describedby b 1 1\"></section>"
    "<input name=\"c\" bp=\"value c;describedby c 0 1\">"
    "<select><option bp=\"selected d 2 3\">2</option><option bp=\"selected d 3 3\">3</option></select>"
    "<input name=\"s.hatt\" bp=\"service s hatt nei ja\"><input bp=\"service s hatt nei nei\">"
    "<input name=\"t.hatt\" bp=\"service t hatt nei ja\"><input bp=\"service t hatt nei nei\">"
    "<output bp=\"index\">{{index-text ikke ennå}}</output>"
    "<!--bp-tab to Andre-->ingen markører\n";

static void
test_parse(void **state)
{
	struct formtab *ft;
	const struct formtab_tab *tabs;

	(void)state;
	assert_int_equal(formtab_parse(small, strlen(small), &ft), 0);
	assert_string_equal(formtab_stamp(ft), "0123456789abcdef");
	assert_int_equal(formtab_tabs(ft, &tabs), 2);
	assert_string_equal(tabs[0].id, "en");
	assert_string_equal(tabs[0].title, "Første fane");
	assert_string_equal(tabs[1].id, "to");
	assert_string_equal(tabs[1].title, "Andre");
	assert_string_equal(tabs[1].html, "ingen markører");
	assert_ptr_equal(formtab_tab(ft, "to"), &tabs[1]);
	assert_null(formtab_tab(ft, "tre"));
	assert_null(strstr(tabs[0].html, "bp-tab"));
	formtab_free(ft);
	formtab_free(NULL);
}

static void
test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"",
		"<!--bp-form x-->",				/* no tab */
		"<!--bp-form x",				/* unended */
		"<h1>x</h1><!--bp-tab a A-->x",			/* no stamp */
		"<!--bp-form x--><!--bp-tab aA",		/* unended tab */
		"<!--bp-form x--><!--bp-tab a-->x",		/* no title */
	};
	static const char nul[] = "<!--bp-form x--><!--bp-tab a A-->x\0y";
	struct formtab *ft = (struct formtab *)1;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++) {
		assert_int_equal(formtab_parse(bad[i], strlen(bad[i]), &ft), BP_EXML);
		assert_null(ft);
	}
	assert_int_equal(formtab_parse(nul, sizeof(nul) - 1, &ft), BP_EXML);
}

static xmlDocPtr
doc(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);

	assert_non_null(d);
	return d;
}

static void
blank(struct evaluation *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->index_group = ev->index_title = "";
	strcpy(ev->hidden, " ");
}

static char *
fill(const struct formtab *ft, const char *tab, const struct formtab_values *v)
{
	struct buf out = { 0 };

	assert_int_equal(formtab_fill(formtab_tab(ft, tab), v, &out), 0);
	return out.p;
}

static void
test_fill(void **state)
{
	struct formtab *ft;
	struct evaluation ev;
	struct answer_problem typed = { "b", "1<2&\"3\"", "Skriv et tall." };
	xmlDocPtr rec = doc("<kartlegging><a>y</a><b>42</b><c>a&amp;b\"</c><d>2</d>"
	    "<s hatt=\"ja\" videre=\"nei\"/></kartlegging>");
	struct formtab_values v = { rec, &ev, 0, NULL, 0 };
	char *out;

	(void)state;
	assert_int_equal(formtab_parse(small, strlen(small), &ft), 0);
	blank(&ev);
	out = fill(ft, "en", &v);
	assert_string_equal(out,
	    "<div><input type=\"radio\" name=\"a\" value=\"x\">"
	    "<input type=\"radio\" name=\"a\" value=\"y\" checked></div>"
	    "<section><input name=\"b\" value=\"42\" aria-describedby=\"h-b l-b\"></section>"
	    "<input name=\"c\" value=\"a&amp;b&quot;\" aria-describedby=\"l-c\">"
	    "<select><option selected>2</option><option>3</option></select>"
	    "<input name=\"s.hatt\" checked><input>"
	    "<input name=\"t.hatt\"><input checked>"
	    "<output class=\"index-\">ikke ennå</output>");
	free(out);

	/* a hidden; b typed and refused; findings on a, shown once visited; the index */
	strcpy(ev.hidden, " a ");
	ev.index_group = "rodt";
	ev.index_title = "Rødt <3";
	ev.findings[0] = (struct finding){ FINDING_MISSING, "a", "en", "A-spørsmålet", "A", "" };
	ev.findings[1] = (struct finding){ FINDING_ERROR, "a", "en", "Motsier <b>", "A", "" };
	ev.findings[2] = (struct finding){ FINDING_OBS, "a", "en", "Sjekk", "A", "" };
	ev.findings[3] = (struct finding){ FINDING_OBS, "a", "en", "Igjen", "A", "" };
	ev.nfindings = 4;
	v.problems = &typed;
	v.nproblems = 1;
	out = fill(ft, "en", &v);
	assert_string_equal(out,
	    "<div hidden=\"hidden\"><input type=\"radio\" name=\"a\" value=\"x\">"
	    "<input type=\"radio\" name=\"a\" value=\"y\" checked>"
	    "<p class=\"obs-note\" id=\"o-a\">Obs: Sjekk Obs: Igjen</p></div>"
	    "<section><input name=\"b\" value=\"1&lt;2&amp;&quot;3&quot;\" "
	    "aria-describedby=\"h-b e-b l-b\" aria-invalid=\"true\"></section>"
	    "<input name=\"c\" value=\"a&amp;b&quot;\" aria-describedby=\"l-c\">"
	    "<select><option selected>2</option><option>3</option></select>"
	    "<input name=\"s.hatt\" checked><input>"
	    "<input name=\"t.hatt\"><input checked>"
	    "<output class=\"index-rodt\">Rødt &lt;3</output>");
	free(out);
	v.visited = 1;
	strcpy(ev.hidden, " a b ");
	out = fill(ft, "en", &v);
	assert_non_null(strstr(out, "<div hidden=\"hidden\">"));
	assert_non_null(strstr(out, "<section hidden=\"hidden\">"));
	assert_non_null(strstr(out, "<p class=\"field-error\" id=\"e-a\">Mangler svar. "
	    "Motsier &lt;b&gt;</p><p class=\"obs-note\" id=\"o-a\">"));
	free(out);
	out = fill(ft, "to", &v);
	assert_string_equal(out, "ingen markører");
	free(out);
	formtab_free(ft);
	xmlFreeDoc(rec);
}

static void
test_fill_bad(void **state)
{
	static const char *const bad[] = {
		"<i bp=\"nonsuch a\">",
		"<i bp=\"checked a\">",
		"<i bp=\"service a b c\">",
		"<i bp=\"describedby a 1\">",
		"<i bp=\"hidden\">",
		"<i bp=\"messages a\">",	/* a text marker in a tag */
		"{{checked a x}}",		/* a tag marker in text */
		"<i bp=\"checked a x>",		/* unended */
		"{{messages a",
		"{{messages}}",
	};
	char text[4096];
	struct formtab *ft;
	struct evaluation ev;
	struct buf out = { 0 };
	xmlDocPtr rec = doc("<kartlegging/>");
	struct formtab_values v = { rec, &ev, 1, NULL, 0 };
	size_t i;

	(void)state;
	blank(&ev);
	for (i = 0; i < UNIT_N(bad); i++) {
		snprintf(text, sizeof(text), "<!--bp-form x--><!--bp-tab a A-->%s", bad[i]);
		assert_int_equal(formtab_parse(text, strlen(text), &ft), 0);
		buf_reset(&out);
		if (formtab_fill(formtab_tab(ft, "a"), &v, &out) != BP_EXML)
			fail_msg("accepted: %s", bad[i]);
		formtab_free(ft);
	}
	/* a marker longer than any the build makes */
	memset(text, 0, sizeof(text));
	strcpy(text, "<!--bp-form x--><!--bp-tab a A--><i bp=\"hidden");
	for (i = strlen(text); i + 2 + 3 <= sizeof(text); i += 2)	/* room for "\">" */
		memcpy(text + i, " a", 2);
	strcat(text, "\">");
	assert_int_equal(formtab_parse(text, strlen(text), &ft), 0);
	assert_int_equal(formtab_fill(formtab_tab(ft, "a"), &v, &out), BP_EXML);
	formtab_free(ft);
	buf_free(&out);
	xmlFreeDoc(rec);
}

/* -- the real form ------------------------------------------------------------------------ */

static xmlXPathObjectPtr
find(xmlDocPtr html, const char *fmt, const char *id)
{
	char expr[256];
	xmlXPathContextPtr ctx = xmlXPathNewContext(html);
	xmlXPathObjectPtr r;

	snprintf(expr, sizeof(expr), fmt, id);
	assert_non_null(ctx);
	r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	assert_non_null(r);
	return r;
}

static int
count(xmlDocPtr html, const char *fmt, const char *id)
{
	xmlXPathObjectPtr r = find(html, fmt, id);
	int n = r->nodesetval ? r->nodesetval->nodeNr : 0;

	xmlXPathFreeObject(r);
	return n;
}

static xmlDocPtr defsrc;	/* the definition's source, as a tree: what the form draws */

/* every tab of the form filled for rec, held against the engine's view of rec */
static void
check_record(const struct formtab *ft, const struct definition *def, xmlDocPtr rec)
{
	const struct formtab_tab *tabs;
	const struct def_item *items;
	struct evaluation *ev = malloc(sizeof(*ev));
	int nt = formtab_tabs(ft, &tabs), ni = definition_items(def, &items), t, i, f;
	xmlNodePtr n;

	assert_non_null(ev);
	assert_int_equal(definition_evaluate(def, rec, ev), 0);
	for (t = 0; t < nt; t++) {
		struct formtab_values v = { rec, ev, 1, NULL, 0 };
		struct buf out = { 0 };
		htmlDocPtr html;

		assert_int_equal(formtab_fill(&tabs[t], &v, &out), 0);
		assert_null(strstr(out.p, "{{"));
		assert_null(strstr(out.p, " bp="));
		assert_non_null(html = htmlReadMemory(out.p, (int)out.len, NULL, "UTF-8",
		    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
		for (i = 0; i < ni; i++) {
			/* a box in a row of counts is drawn in its row */
			if (strcmp(items[i].tab, tabs[t].id) != 0 ||
			    count(defsrc, "//item[@id = '%s'][@row-of]", items[i].id)) {
				if (strcmp(items[i].tab, tabs[t].id) == 0)
					assert_int_equal(count(html, "//input[@id = 'f-%s']",
					    items[i].id), 1);
				continue;
			}
			/* the item is there once, hidden as the engine says */
			assert_int_equal(count(html, "//*[@id = 'i-%s']", items[i].id), 1);
			if (count(html, "//*[@id = 'i-%s'][@hidden]", items[i].id) !=
			    !definition_shown(def, rec, items[i].id))
				fail_msg("%s: hidden does not follow the engine", items[i].id);
		}
		/* each answer ticked or filled in */
		for (n = xmlDocGetRootElement(rec)->children; n; n = n->next) {
			char expr[256];
			const struct def_item *it;
			xmlChar *val;

			if (n->type != XML_ELEMENT_NODE ||
			    (it = definition_item(def, (const char *)n->name)) == NULL ||
			    strcmp(it->tab, tabs[t].id) != 0 || strcmp(it->type, "service") == 0)
				continue;
			val = xmlNodeGetContent(n);
			snprintf(expr, sizeof(expr), "//input[@name = '%%s'][@value = '%s']"
			    "[@checked or @type = 'text'] | //select[@name = '%%s']/option"
			    "[@value = '%s'][@selected]", (const char *)val, (const char *)val);
			xmlFree(val);
			{
				char twice[512];

				snprintf(twice, sizeof(twice), expr, it->id, it->id);
				if (count(html, "%s", twice) != 1)
					fail_msg("%s: the answer is not shown", it->id);
			}
		}
		/* each error at its item, each obs too */
		for (f = 0; f < ev->nfindings; f++) {
			const char *fmt = ev->findings[f].kind == FINDING_OBS ?
			    "//p[@id = 'o-%s']" : "//p[@id = 'e-%s']";

			if (strcmp(ev->findings[f].tab, tabs[t].id) != 0 ||
			    !definition_item(def, ev->findings[f].field) ||
			    !definition_shown(def, rec, ev->findings[f].field))
				continue;
			if (count(html, fmt, ev->findings[f].field) != 1)
				fail_msg("%s: finding not shown", ev->findings[f].field);
		}
		xmlFreeDoc(html);
		buf_free(&out);
	}
	free(ev);
}

static void
merge(const struct definition *def, xmlDocPtr d, const char *tab, const char *urlencoded)
{
	struct answers_merge_result res;
	struct http_list l = { 0 };

	assert_int_equal(http_parse_urlencoded(urlencoded, strlen(urlencoded), &l), 0);
	assert_int_equal(answers_merge(def, d, tab, &l, &res), 0);
	http_list_free(&l);
}

static void
test_real_form(void **state)
{
	struct formtab *ft;
	struct definition *def;
	xmlDocPtr d;

	(void)state;
	assert_int_equal(formtab_load(build_data(), 2026, &ft), 0);
	assert_int_equal(definition_load(build_data(), 2026, &def), 0);
	assert_non_null(defsrc = xmlReadFile("data/kartlegging/2026.xml", NULL, XML_PARSE_NONET));
	assert_string_equal(formtab_stamp(ft), definition_stamp(def));
	assert_int_equal(strlen(formtab_stamp(ft)), 16);

	/* empty, over and under 25 */
	d = answers_new(2026, "0301", "15079012345", "kvinne", 1986, 40);
	check_record(ft, def, d);
	xmlFreeDoc(d);
	d = answers_new(2026, "0301", "15070812345", "mann", 2008, 18);
	check_record(ft, def, d);
	/* answers with follow-ups, a contradiction, counts and a service */
	merge(def, d, "bruker", "kategori=begge&fodeland=norge&fodeland_mor=asia");
	merge(def, d, "barn", "bor_sammen_med=alene&barn_bor_med_egne=2&gravid=ja");
	merge(def, d, "levekar", "rusmiddelbruk=ingen_rusmidler&rusmiddelbruk=alkohol"
	    "&bosituasjon=rod&okonomi=gul&injiserer=ja");
	merge(def, d, "tjenester_1", "ho_fastlege.hatt=ja&ho_fastlege.videre=ja");
	assert_true(definition_prune(def, d) >= 0);
	check_record(ft, def, d);
	xmlFreeDoc(d);
	xmlFreeDoc(defsrc);
	definition_free(def);
	formtab_free(ft);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_bad),
		cmocka_unit_test(test_real_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
