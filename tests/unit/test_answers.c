/* test_answers.c: answers.c on the real 2026 definition: a new record, one tab's form merged
 * into it (radio, select, multi, checkbox, count, service), what a form cannot send
 * (BP_EINVAL), counts that do not fit (reported with what was typed), visited tabs, the
 * list of changed items and the context the form's script gets. */
#include "unit.h"

#include <libxml/parser.h>

#include "answers.h"

static struct definition *def;

static int
setup(void **state)
{
	(void)state;
	return definition_load_xml("data/kartlegging/2026.xml", &def);
}

static int
teardown(void **state)
{
	(void)state;
	definition_free(def);
	return 0;
}

static xmlDocPtr
fresh(int alder)
{
	xmlDocPtr d = answers_new(2026, "0301", "15079012345", "kvinne", 2026 - alder, alder);

	assert_non_null(d);
	return d;
}

/* merge a urlencoded form into tab of d */
static int
merge(xmlDocPtr d, const char *tab, const char *urlencoded, struct answers_merge_result *res)
{
	struct http_list l = { 0 };
	int rc;

	assert_int_equal(http_parse_urlencoded(urlencoded, strlen(urlencoded), &l), 0);
	rc = answers_merge(def, d, tab, &l, res);
	http_list_free(&l);
	return rc;
}

/* libxml2 strings into a few static buffers, so that asserts can compare them directly */
static const char *
keep(xmlChar *s)
{
	static char ring[4][256];
	static int k;
	char *p;

	if (s == NULL)
		return NULL;
	p = ring[k++ % 4];
	snprintf(p, sizeof(ring[0]), "%s", (const char *)s);
	xmlFree(s);
	return p;
}

static const char *
root_prop(xmlDocPtr d, const char *name)
{
	return keep(xmlGetProp(xmlDocGetRootElement(d), BAD_CAST name));
}

/* the n-th answer element named id, or NULL */
static xmlNodePtr
nth(xmlDocPtr d, const char *id, int n)
{
	xmlNodePtr c;

	for (c = xmlDocGetRootElement(d)->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST id) && n-- == 0)
			return c;
	return NULL;
}

static int
nanswers(xmlDocPtr d, const char *id)
{
	int n = 0;

	while (nth(d, id, n))
		n++;
	return n;
}

/* the text of the only answer to id ("(none)" when there is none) */
static const char *
answer(xmlDocPtr d, const char *id)
{
	xmlNodePtr n = nth(d, id, 0);

	assert_true(nanswers(d, id) <= 1);
	return n ? keep(xmlNodeGetContent(n)) : "(none)";
}

static const char *
answer_prop(xmlDocPtr d, const char *id, const char *name)
{
	xmlNodePtr n = nth(d, id, 0);

	return n ? keep(xmlGetProp(n, BAD_CAST name)) : NULL;
}

static void
test_new(void **state)
{
	xmlDocPtr d = answers_new(2026, "0301", "15079012345", "mann", 1990, 35);
	const struct def_tab *tabs;
	xmlNodePtr r;
	int i, n;

	(void)state;
	assert_non_null(d);
	r = xmlDocGetRootElement(d);
	assert_string_equal((const char *)r->name, "kartlegging");
	assert_string_equal(root_prop(d, "aar"), "2026");
	assert_string_equal(root_prop(d, "kommune"), "0301");
	assert_string_equal(root_prop(d, "fnr"), "15079012345");
	assert_string_equal(root_prop(d, "kjonn"), "mann");
	assert_string_equal(root_prop(d, "fodselsar"), "1990");
	assert_string_equal(root_prop(d, "alder"), "35");
	assert_string_equal(root_prop(d, "besokt"), "");
	assert_null(xmlFirstElementChild(r));		/* no answers yet */
	n = definition_tabs(def, &tabs);
	assert_true(n >= 6);
	for (i = 0; i < n; i++)
		assert_int_equal(answers_visited(d, tabs[i].id), 0);
	/* the engine reads the age from it: mors fødeland is for those under 25 */
	assert_int_equal(definition_shown(def, d, "fodeland_mor"), 0);
	xmlFreeDoc(d);
	d = fresh(24);
	assert_int_equal(definition_shown(def, d, "fodeland_mor"), 1);
	xmlFreeDoc(d);
}

/* radio buttons, selects and a checkbox of one tab; a second save replaces the first */
static void
test_merge_tab(void **state)
{
	struct answers_merge_result res;
	xmlDocPtr d = fresh(40);

	(void)state;
	assert_int_equal(merge(d, "bruker", "kategori=rus&fodeland=norge&utdanning=fagbrev&"
	    "arbeidserfaring=over_5_ar&siste_arbeidsforhold=under_1_ar&kognitive_vansker=ja",
	    &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "kategori"), "rus");
	assert_string_equal(answer(d, "fodeland"), "norge");
	assert_string_equal(answer(d, "utdanning"), "fagbrev");
	assert_string_equal(answer(d, "siste_arbeidsforhold"), "under_1_ar");
	assert_string_equal(answer(d, "kognitive_vansker"), "ja");
	/* what the second form does not send is no longer answered (an unticked box too) */
	assert_int_equal(merge(d, "bruker", "kategori=psyk&fodeland=asia", &res), 0);
	assert_string_equal(answer(d, "kategori"), "psyk");
	assert_string_equal(answer(d, "fodeland"), "asia");
	assert_int_equal(nanswers(d, "utdanning"), 0);
	assert_int_equal(nanswers(d, "siste_arbeidsforhold"), 0);
	assert_int_equal(nanswers(d, "kognitive_vansker"), 0);
	/* a select left at "Velg ...": no answer, not an error */
	assert_int_equal(merge(d, "bruker", "kategori=begge&utdanning=&fodeland=", &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "kategori"), "begge");
	assert_int_equal(nanswers(d, "utdanning"), 0);
	assert_int_equal(nanswers(d, "fodeland"), 0);
	/* level and yes/no items are options too */
	assert_int_equal(merge(d, "levekar", "bosituasjon=gul&bosituasjon_forutsigbart=vet_ikke&"
	    "injiserer=ja", &res), 0);
	assert_string_equal(answer(d, "bosituasjon"), "gul");
	assert_string_equal(answer(d, "bosituasjon_forutsigbart"), "vet_ikke");
	assert_string_equal(answer(d, "injiserer"), "ja");
	xmlFreeDoc(d);
}

/* one tab's form leaves the other tabs' answers alone, even when it names their items */
static void
test_other_tabs(void **state)
{
	struct answers_merge_result res;
	struct buf changed = { 0 };
	xmlDocPtr d = fresh(40), before;

	(void)state;
	assert_int_equal(merge(d, "barn", "bor_sammen_med=alene&barn_bor_med_egne=2&gravid=ja",
	    &res), 0);
	assert_int_equal(merge(d, "tjenester_1", "ho_fastlege.hatt=ja", &res), 0);
	assert_non_null(before = xmlCopyDoc(d, 1));
	assert_int_equal(merge(d, "bruker", "kategori=rus&bor_sammen_med=sammen_med_andre&"
	    "barn_bor_med_egne=5&gravid=nei&ho_fastlege.hatt=nei&ho_fastlege.videre=tull&"
	    "fane=bruker&versjon=3&csrf=abc", &res), 0);
	assert_string_equal(answer(d, "bor_sammen_med"), "alene");
	assert_string_equal(answer(d, "barn_bor_med_egne"), "2");
	assert_string_equal(answer(d, "gravid"), "ja");
	assert_string_equal(answer_prop(d, "ho_fastlege", "hatt"), "ja");
	/* fields that are no item are not stored */
	assert_int_equal(nanswers(d, "fane") + nanswers(d, "versjon") + nanswers(d, "csrf"), 0);
	assert_int_equal(answers_changed(def, before, d, &changed), 0);
	assert_string_equal(changed.p, " kategori");
	buf_free(&changed);
	xmlFreeDoc(before);
	xmlFreeDoc(d);
}

/* a multi item: one element per box, each box once */
static void
test_multi(void **state)
{
	struct answers_merge_result res;
	xmlDocPtr d = fresh(40);

	(void)state;
	assert_int_equal(merge(d, "planer_samarbeid", "planer=kriseplan&planer=ansvarsgruppe&"
	    "ansvarsgruppe_deltakere=nav&ansvarsgruppe_deltakere=fastlege", &res), 0);
	assert_int_equal(nanswers(d, "planer"), 2);
	assert_string_equal(keep(xmlNodeGetContent(nth(d, "planer", 0))), "kriseplan");
	assert_string_equal(keep(xmlNodeGetContent(nth(d, "planer", 1))), "ansvarsgruppe");
	assert_int_equal(nanswers(d, "ansvarsgruppe_deltakere"), 2);
	assert_int_equal(merge(d, "planer_samarbeid", "planer=kriseplan&planer=kriseplan", &res),
	    0);
	assert_int_equal(nanswers(d, "planer"), 1);
	assert_int_equal(nanswers(d, "ansvarsgruppe_deltakere"), 0);
	assert_int_equal(merge(d, "planer_samarbeid", "", &res), 0);
	assert_int_equal(nanswers(d, "planer"), 0);
	xmlFreeDoc(d);
}

/* what no rendering of the form sends is tampering: BP_EINVAL */
static void
test_einval(void **state)
{
	static const struct {
		const char *tab, *form;
	} bad[] = {
		{ "bruker", "kategori=annet" },			/* unknown option */
		{ "bruker", "utdanning=rus" },			/* another item's option */
		{ "bruker", "kategori=RUS" },
		{ "bruker", "kategori=rus&kategori=psyk" },	/* two values for a single item */
		{ "bruker", "kategori=rus&kategori=rus" },
		{ "levekar", "bosituasjon=gronn&bosituasjon=rod" },
		{ "levekar", "bosituasjon=lilla" },
		{ "levekar", "injiserer=kanskje" },
		{ "levekar", "aktiviteter=i_arbeid&aktiviteter=sove" },
		{ "levekar", "aktiviteter=gronn" },
		{ "bruker", "kognitive_vansker=on" },		/* a box sends "ja" */
		{ "bruker", "kognitive_vansker=nei" },
		{ "bruker", "kognitive_vansker=" },
		{ "barn", "barn_bor_med_egne=1&barn_bor_med_egne=2" },
		{ "tjenester_1", "ho_fastlege.hatt=kanskje" },
		{ "tjenester_1", "ho_fastlege.videre=Ja" },
		{ "tjenester_1", "ho_fastlege.hatt=" },
		{ "tjenester_2", "andre_verge.videre=1" },
	};
	struct answers_merge_result res;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++) {
		xmlDocPtr d = fresh(40);

		if (merge(d, bad[i].tab, bad[i].form, &res) != BP_EINVAL)
			fail_msg("%s: %s accepted", bad[i].tab, bad[i].form);
		/* and the tab is not marked visited */
		assert_int_equal(answers_visited(d, bad[i].tab), 0);
		xmlFreeDoc(d);
	}
}

/* counts: digits stored as a number; what does not fit is left out and reported */
static void
test_integer(void **state)
{
	struct answers_merge_result res;
	xmlDocPtr d = fresh(40);

	(void)state;
	assert_int_equal(merge(d, "barn", "barn_bor_med_egne=3&barn_samvaer_egne=0", &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "barn_bor_med_egne"), "3");
	assert_string_equal(answer(d, "barn_samvaer_egne"), "0");
	/* blanks around and leading zeros are not a problem; empty is no answer */
	assert_int_equal(merge(d, "barn", "barn_bor_med_egne=%204%20&barn_bor_med_andres=007&"
	    "barn_samvaer_egne=", &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "barn_bor_med_egne"), "4");
	assert_string_equal(answer(d, "barn_bor_med_andres"), "7");
	assert_int_equal(nanswers(d, "barn_samvaer_egne"), 0);
	/* out of range and not a number: not stored, reported with the raw text in form order */
	assert_int_equal(merge(d, "barn", "barn_bor_med_egne=21&barn_bor_med_andres=tre&"
	    "barn_bor_med_sosken=1&barn_samvaer_egne=-1&barn_samvaer_andres=%202.5", &res), 0);
	assert_int_equal(res.nproblems, 4);
	assert_string_equal(res.problems[0].field, "barn_bor_med_egne");
	assert_string_equal(res.problems[0].raw, "21");
	assert_non_null(strstr(res.problems[0].text, "fra 0 til 20"));
	assert_non_null(strstr(res.problems[0].text, "Bor med egne barn"));
	assert_string_equal(res.problems[1].field, "barn_bor_med_andres");
	assert_string_equal(res.problems[1].raw, "tre");
	assert_string_equal(res.problems[2].field, "barn_samvaer_egne");
	assert_string_equal(res.problems[2].raw, "-1");
	assert_string_equal(res.problems[3].field, "barn_samvaer_andres");
	assert_string_equal(res.problems[3].raw, " 2.5");	/* as typed, blank too */
	assert_int_equal(nanswers(d, "barn_bor_med_egne"), 0);
	assert_int_equal(nanswers(d, "barn_bor_med_andres"), 0);
	assert_int_equal(nanswers(d, "barn_samvaer_egne"), 0);
	assert_int_equal(nanswers(d, "barn_samvaer_andres"), 0);
	assert_string_equal(answer(d, "barn_bor_med_sosken"), "1");
	/* the range is the item's own */
	assert_int_equal(merge(d, "barn", "gravid=ja&graviditet_maneder=10", &res), 0);
	assert_int_equal(res.nproblems, 1);
	assert_string_equal(res.problems[0].field, "graviditet_maneder");
	assert_non_null(strstr(res.problems[0].text, "fra 1 til 9"));
	assert_int_equal(merge(d, "barn", "gravid=ja&graviditet_maneder=9", &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "graviditet_maneder"), "9");
	assert_int_equal(merge(d, "tjenester_1", "nav_midlertidig_bolig.hatt=ja&"
	    "midlertidig_bolig_botid_maneder=0", &res), 0);
	assert_int_equal(res.nproblems, 1);
	assert_string_equal(res.problems[0].raw, "0");
	assert_non_null(strstr(res.problems[0].text, "fra 1 til 600"));
	/* "Antall måneder" (2026 manual): a stay longer than a year is an answer */
	assert_int_equal(merge(d, "tjenester_1", "nav_midlertidig_bolig.hatt=ja&"
	    "midlertidig_bolig_botid_maneder=30", &res), 0);
	assert_int_equal(res.nproblems, 0);
	assert_string_equal(answer(d, "midlertidig_bolig_botid_maneder"), "30");
	xmlFreeDoc(d);
}

/* test_long_raw's record and buffers, freed by its teardown even when it fails */
struct long_raw {
	xmlDocPtr d;
	struct buf form, value;
};

static int
long_raw_setup(void **state)
{
	struct long_raw *lr = calloc(1, sizeof(*lr));

	assert_non_null(lr);
	lr->d = fresh(40);
	*state = lr;
	return 0;
}

static int
long_raw_teardown(void **state)
{
	struct long_raw *lr = *state;

	buf_free(&lr->form);
	buf_free(&lr->value);
	xmlFreeDoc(lr->d);
	free(lr);
	return 0;
}

/* A long raw value is cut to fit problems[].raw, at a UTF-8 character boundary. */
static void
test_long_raw(void **state)
{
	static const struct {
		int xs;			/* leading 'x' */
		const char *tail;	/* then this */
		int kept;		/* bytes of raw kept */
	} cases[] = {
		{ 70, "", 63 },			/* ASCII: as much as fits */
		{ 63, "ø", 63 },		/* "ø" starts where the cut is: dropped whole */
		{ 62, "øzzzz", 62 },		/* "ø" across the cut: dropped whole */
		{ 61, "€zz", 61 },		/* a three-byte character across the cut */
		{ 60, "€øz", 63 },		/* "€" fits exactly */
		{ 63, "", 63 },			/* short enough to keep whole */
	};
	struct long_raw *lr = *state;
	struct answers_merge_result res;
	struct buf *form = &lr->form, *value = &lr->value;
	size_t i;
	int k;

	for (i = 0; i < UNIT_N(cases); i++) {
		buf_reset(value);
		for (k = 0; k < cases[i].xs; k++)
			buf_puts(value, "x");
		buf_puts(value, cases[i].tail);
		buf_reset(form);
		buf_puts(form, "barn_bor_med_egne=");
		url_encode(form, value->p);
		assert_int_equal(form->err, 0);
		assert_int_equal(merge(lr->d, "barn", form->p, &res), 0);
		assert_int_equal(res.nproblems, 1);
		if (strlen(res.problems[0].raw) != (size_t)cases[i].kept)
			fail_msg("%d x and \"%s\": %zu bytes kept, not %d", cases[i].xs,
			    cases[i].tail, strlen(res.problems[0].raw), cases[i].kept);
		assert_true(utf8_valid(res.problems[0].raw, strlen(res.problems[0].raw)));
		assert_memory_equal(res.problems[0].raw, value->p, (size_t)cases[i].kept);
		assert_int_equal(nanswers(lr->d, "barn_bor_med_egne"), 0);
	}
}

/* every service of the tab is answered: what was sent, else Nei/Nei */
static void
test_service(void **state)
{
	struct answers_merge_result res;
	const struct def_item *items;
	xmlDocPtr d = fresh(40);
	int i, n, services = 0;

	(void)state;
	assert_int_equal(merge(d, "tjenester_1", "nav_midlertidig_bolig.hatt=ja&"
	    "nav_rad_veiledning.videre=ja&ho_fastlege.hatt=nei&ho_fastlege.videre=nei&"
	    "ho_koordinator.hatt=ja&ho_koordinator.videre=ja&midlertidig_bolig_botid_maneder=4",
	    &res), 0);
	assert_int_equal(res.nproblems, 0);
	n = definition_items(def, &items);
	for (i = 0; i < n; i++) {
		const char *id = items[i].id, *hatt = "nei", *videre = "nei";

		if (strcmp(items[i].type, "service") != 0)
			continue;
		if (strcmp(items[i].tab, "tjenester_1") != 0) {
			assert_int_equal(nanswers(d, id), 0);	/* the other tab's */
			continue;
		}
		services++;
		if (strcmp(id, "nav_midlertidig_bolig") == 0)
			hatt = "ja";
		else if (strcmp(id, "nav_rad_veiledning") == 0)
			videre = "ja";
		else if (strcmp(id, "ho_koordinator") == 0)
			hatt = videre = "ja";
		assert_int_equal(nanswers(d, id), 1);
		assert_string_equal(answer_prop(d, id, "hatt"), hatt);
		assert_string_equal(answer_prop(d, id, "videre"), videre);
		assert_string_equal(answer(d, id), "");
	}
	assert_int_equal(services, 31);
	assert_string_equal(answer(d, "midlertidig_bolig_botid_maneder"), "4");
	/* saved again without fields: still one each, now Nei/Nei */
	assert_int_equal(merge(d, "tjenester_1", "", &res), 0);
	assert_int_equal(nanswers(d, "nav_midlertidig_bolig"), 1);
	assert_string_equal(answer_prop(d, "nav_midlertidig_bolig", "hatt"), "nei");
	assert_string_equal(answer_prop(d, "ho_koordinator", "videre"), "nei");
	assert_int_equal(nanswers(d, "midlertidig_bolig_botid_maneder"), 0);
	xmlFreeDoc(d);
}

/* a tab that does not exist */
static void
test_unknown_tab(void **state)
{
	static const char *const tabs[] = { "finnes_ikke", "", "Bruker", "obs", "feil", "logg",
	    "tjenester" };
	struct answers_merge_result res;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(tabs); i++) {
		xmlDocPtr d = fresh(40);

		assert_int_equal(merge(d, tabs[i], "kategori=rus", &res), BP_EINVAL);
		assert_int_equal(nanswers(d, "kategori"), 0);
		assert_string_equal(root_prop(d, "besokt"), "");
		xmlFreeDoc(d);
	}
}

static void
test_visited(void **state)
{
	struct answers_merge_result res;
	xmlDocPtr d = fresh(40);

	(void)state;
	assert_int_equal(answers_visited(d, "barn"), 0);
	/* saving a tab visits it, even with nothing answered */
	assert_int_equal(merge(d, "barn", "", &res), 0);
	assert_int_equal(answers_visited(d, "barn"), 1);
	assert_int_equal(answers_visited(d, "bruker"), 0);
	assert_string_equal(root_prop(d, "besokt"), "barn");
	assert_int_equal(merge(d, "barn", "gravid=ja", &res), 0);
	assert_string_equal(root_prop(d, "besokt"), "barn");	/* once */
	assert_int_equal(merge(d, "tjenester_1", "", &res), 0);
	assert_string_equal(root_prop(d, "besokt"), "barn tjenester_1");
	assert_int_equal(answers_visited(d, "tjenester_1"), 1);
	assert_int_equal(answers_visited(d, "tjenester_2"), 0);
	assert_int_equal(answers_visited(d, "tjenester"), 0);	/* a whole id only */
	assert_int_equal(answers_visited(d, "barn"), 1);
	/* a refused form does not visit its tab */
	assert_int_equal(merge(d, "bruker", "kategori=tull", &res), BP_EINVAL);
	assert_int_equal(answers_visited(d, "bruker"), 0);
	assert_int_equal(merge(d, "bruker", "kategori=rus", &res), 0);
	assert_string_equal(root_prop(d, "besokt"), "barn tjenester_1 bruker");
	assert_int_equal(answers_visited(d, "bruker"), 1);
	/* a record without the attribute: nothing visited */
	xmlUnsetProp(xmlDocGetRootElement(d), BAD_CAST "besokt");
	assert_int_equal(answers_visited(d, "barn"), 0);
	xmlFreeDoc(d);
}

/* answers_changed of a and b as a string ("" when nothing changed) */
static const char *
changed(xmlDocPtr a, xmlDocPtr b)
{
	static char out[2048];
	struct buf c = { 0 };

	assert_int_equal(answers_changed(def, a, b, &c), 0);
	snprintf(out, sizeof(out), "%s", c.p ? c.p : "");
	buf_free(&c);
	return out;
}

static void
test_changed(void **state)
{
	struct answers_merge_result res;
	const struct def_item *items;
	struct buf want = { 0 }, out = { 0 };
	xmlDocPtr a = fresh(40), b, c;
	int i, n;

	(void)state;
	assert_int_equal(merge(a, "bruker", "kategori=rus&utdanning=fagbrev", &res), 0);
	assert_int_equal(merge(a, "planer_samarbeid", "planer=kriseplan", &res), 0);
	assert_non_null(b = xmlCopyDoc(a, 1));
	assert_string_equal(changed(a, b), "");
	/* the same answers saved again: nothing changed */
	assert_int_equal(merge(b, "bruker", "utdanning=fagbrev&kategori=rus", &res), 0);
	assert_string_equal(changed(a, b), "");
	/* in definition order, not the form's; a box added to a multi item */
	assert_int_equal(merge(b, "planer_samarbeid", "planer=kriseplan&planer=nettverksgrupper",
	    &res), 0);
	assert_int_equal(merge(b, "bruker", "utdanning=hoyere&kategori=rus&fodeland=norge", &res),
	    0);
	assert_int_equal(merge(b, "barn", "gravid=ja", &res), 0);
	assert_string_equal(changed(a, b), " fodeland utdanning gravid planer");
	assert_string_equal(changed(b, a), " fodeland utdanning gravid planer");
	/* appended to what the buffer holds */
	buf_puts(&out, "lagret");
	assert_int_equal(answers_changed(def, a, b, &out), 0);
	assert_string_equal(out.p, "lagret fodeland utdanning gravid planer");
	buf_free(&out);
	xmlFreeDoc(b);
	/* an answer taken away */
	assert_non_null(b = xmlCopyDoc(a, 1));
	assert_int_equal(merge(b, "bruker", "utdanning=fagbrev", &res), 0);
	assert_string_equal(changed(a, b), " kategori");
	xmlFreeDoc(b);
	/* a visited tab without answers is no change of answers */
	assert_non_null(b = xmlCopyDoc(a, 1));
	assert_int_equal(merge(b, "levekar", "", &res), 0);
	assert_string_equal(changed(a, b), "");
	xmlFreeDoc(b);
	/* the first save of a services tab stores every service Nei/Nei, the default a
	 * service has before it is answered: no change to log */
	assert_non_null(b = xmlCopyDoc(a, 1));
	assert_int_equal(merge(b, "tjenester_2", "", &res), 0);
	n = definition_items(def, &items);
	for (i = 0; i < n; i++)
		if (strcmp(items[i].tab, "tjenester_2") == 0 &&
		    strcmp(items[i].type, "service") == 0)
			buf_printf(&want, " %s", items[i].id);
	assert_int_equal(want.err, 0);
	assert_true(want.len > 0);
	assert_string_equal(changed(a, b), "");
	buf_free(&want);
	/* then one service's answers: that service once */
	assert_non_null(c = xmlCopyDoc(b, 1));
	assert_int_equal(merge(c, "tjenester_2", "tsb_lar.hatt=ja&tsb_lar.videre=ja", &res), 0);
	assert_string_equal(changed(b, c), " tsb_lar");
	xmlFreeDoc(c);
	xmlFreeDoc(b);
	xmlFreeDoc(a);
}

/* answers_context: no number and no kept evaluation; every answer kept (the form's script
 * takes the shown tab's answers from its inputs) */
static void
test_context(void **state)
{
	struct answers_merge_result res;
	struct evaluation ev;
	struct buf out = { 0 };
	xmlDocPtr d = fresh(40), ctx;

	(void)state;
	assert_int_equal(merge(d, "bruker", "kategori=rus&utdanning=fagbrev", &res), 0);
	assert_int_equal(merge(d, "barn", "bor_sammen_med=alene&gravid=ja", &res), 0);
	assert_int_equal(merge(d, "tjenester_1", "ho_fastlege.hatt=ja", &res), 0);
	assert_int_equal(definition_evaluate(def, d, &ev), 0);
	assert_int_equal(answers_store_evaluation(d, "0123456789abcdef", &ev), 0);
	assert_int_equal(answers_context(d, &out), 0);
	assert_null(strstr(out.p, "15079012345"));
	assert_null(strstr(out.p, "bp-funn"));
	assert_non_null(ctx = xmlReadMemory(out.p, (int)out.len, NULL, "UTF-8", XML_PARSE_NONET));
	assert_string_equal((const char *)xmlDocGetRootElement(ctx)->name, "kartlegging");
	assert_null(xmlHasProp(xmlDocGetRootElement(ctx), BAD_CAST "fnr"));
	assert_null(xmlHasProp(xmlDocGetRootElement(ctx), BAD_CAST "regler"));
	assert_null(xmlHasProp(xmlDocGetRootElement(ctx), BAD_CAST "skjult"));
	assert_string_equal(root_prop(ctx, "alder"), "40");
	assert_string_equal(root_prop(ctx, "kjonn"), "kvinne");
	assert_string_equal(root_prop(ctx, "aar"), "2026");
	assert_string_equal(answer(ctx, "kategori"), "rus");
	assert_string_equal(answer(ctx, "utdanning"), "fagbrev");
	assert_string_equal(answer(ctx, "bor_sammen_med"), "alene");
	assert_string_equal(answer(ctx, "gravid"), "ja");
	assert_string_equal(answer_prop(ctx, "ho_fastlege", "hatt"), "ja");
	assert_int_equal(definition_shown(def, ctx, "rusmiddelbruk"), 1);
	xmlFreeDoc(ctx);
	/* the record itself is untouched */
	assert_string_equal(root_prop(d, "fnr"), "15079012345");
	assert_non_null(xmlHasProp(xmlDocGetRootElement(d), BAD_CAST "regler"));
	buf_free(&out);
	xmlFreeDoc(d);
}

/* the context is written in parts (answers.c says why): the same XML as the whole record
 * copied, stripped and written by xmlNodeDump, whatever the record holds. Byte for byte but
 * for one thing: a copy has no document, so xmlNodeDump wrote non-ASCII in its attributes
 * as character references; now they are UTF-8 as in the text. */
static char *
normal(const char *xml, size_t len)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET);
	xmlChar *s = NULL;
	int n;

	assert_non_null(d);
	xmlDocDumpMemoryEnc(d, &s, &n, "UTF-8");
	xmlFreeDoc(d);
	assert_non_null(s);
	return (char *)s;
}

static void
test_context_bytes(void **state)
{
	static const char *const recs[] = {
		"<kartlegging aar='2026' fnr='15079012345' alder='40' kjonn='kvinne' regler='x/1' "
		    "feil='1' obs='0' indeks='' indekstekst='&lt;&amp;&quot;' skjult='a b'>"
		    "<bp-funn kind='error'>x</bp-funn>\n <kategori>rus</kategori>"
		    "<merknad>bl\xc3\xa5" "b\xc3\xa6r &lt;&amp;&gt; \"'&#13;&#9;\xe2\x80\x94</merknad>"
		    "<bp-skjult/><ho_fastlege hatt='ja' videre='nei \xc3\xb8'/><tom/>"
		    "<!-- c --><bp-x/></kartlegging>",
		"<kartlegging aar='2026' fnr='1'><bp-funn/></kartlegging>",
		"<kartlegging fnr='1' aar='2026'><bp-funn/><merknad>bl\xc3\xa5" "b\xc3\xa6r &amp; "
		    "&#13;</merknad><bp-x/><a>1</a><b v='&lt;'/></kartlegging>",
		"<kartlegging aar='2026'/>",
	};
	static const char *const drop[] = { "fnr", "regler", "feil", "obs", "indeks",
	    "indekstekst", "skjult" };
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		struct buf out = { 0 };
		xmlDocPtr d = xmlReadMemory(recs[i], (int)strlen(recs[i]), NULL, "UTF-8", 0);
		xmlNodePtr copy, n, next;
		xmlBufferPtr xb = xmlBufferCreate();

		assert_non_null(d);
		copy = xmlCopyNode(xmlDocGetRootElement(d), 1);
		for (k = 0; k < sizeof(drop) / sizeof(drop[0]); k++)
			xmlUnsetProp(copy, BAD_CAST drop[k]);
		for (n = copy->children; n; n = next) {
			next = n->next;
			if (n->type == XML_ELEMENT_NODE && strncmp((const char *)n->name, "bp-", 3) == 0) {
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			}
		}
		assert_true(xmlNodeDump(xb, d, copy, 0, 0) >= 0);
		assert_int_equal(answers_context(d, &out), 0);
		{
			char *got = normal(out.p, out.len);
			char *want = normal((const char *)xmlBufferContent(xb),
			    (size_t)xmlBufferLength(xb));

			assert_string_equal(got, want);
			xmlFree(got);
			xmlFree(want);
		}
		if (strstr(recs[i], "videre") == NULL)	/* no non-ASCII attribute: same bytes */
			assert_string_equal(out.p, (const char *)xmlBufferContent(xb));
		xmlBufferFree(xb);
		xmlFreeNode(copy);
		buf_free(&out);
		xmlFreeDoc(d);
	}
}

static void
assert_same_evaluation(const struct evaluation *a, const struct evaluation *b)
{
	int i;

	assert_int_equal(a->errors, b->errors);
	assert_int_equal(a->obs, b->obs);
	assert_int_equal(a->nfindings, b->nfindings);
	for (i = 0; i < a->nfindings; i++) {
		assert_int_equal(a->findings[i].kind, b->findings[i].kind);
		assert_string_equal(a->findings[i].field, b->findings[i].field);
		assert_string_equal(a->findings[i].tab, b->findings[i].tab);
		assert_string_equal(a->findings[i].text, b->findings[i].text);
		assert_string_equal(a->findings[i].label, b->findings[i].label);
		assert_string_equal(a->findings[i].where, b->findings[i].where);
	}
	assert_string_equal(a->index_group, b->index_group);
	assert_string_equal(a->index_title, b->index_title);
	assert_string_equal(a->hidden, b->hidden);
}

/* The evaluation kept in a record reads back as it was made, survives being saved and
 * opened (serialised and parsed), counts only under its stamp, and is replaced, not
 * added to, when kept again. Pruning leaves it alone. */
static void
test_kept_evaluation(void **state)
{
	static const char stamp[] = "0123456789abcdef";
	struct answers_merge_result res;
	struct evaluation *made, *kept;
	xmlChar *xml;
	xmlDocPtr d = fresh(20), back;
	xmlNodePtr n;
	int len, funn;

	(void)state;
	assert_non_null(made = malloc(sizeof(*made)));
	assert_non_null(kept = malloc(sizeof(*kept)));
	assert_int_equal(answers_stored_evaluation(d, stamp, kept), BP_ENOENT);
	/* a contradiction, an obs and missing answers; the under-25 questions shown */
	assert_int_equal(merge(d, "bruker", "kategori=begge", &res), 0);
	assert_int_equal(merge(d, "levekar", "rusmiddelbruk=ingen_rusmidler&rusmiddelbruk=alkohol"
	    "&bosituasjon=rod&meningsfull_aktivitet=rod&okonomi=rod", &res), 0);
	assert_int_equal(definition_evaluate(def, d, made), 0);
	assert_true(made->errors > 0);
	assert_true(made->nfindings > 0);
	assert_int_equal(answers_store_evaluation(d, stamp, made), 0);
	assert_int_equal(answers_stored_evaluation(d, stamp, kept), 0);
	assert_same_evaluation(made, kept);
	assert_int_equal(answers_stored_evaluation(d, "fedcba9876543210", kept), BP_ENOENT);
	assert_int_equal(answers_stored_evaluation(d, "", kept), BP_ENOENT);
	assert_int_equal(answers_stored_evaluation(d, "0123456789abcde", kept), BP_ENOENT);

	xmlDocDumpMemory(d, &xml, &len);
	assert_non_null(back = xmlReadMemory((const char *)xml, len, NULL, "UTF-8", 0));
	xmlFree(xml);
	assert_int_equal(answers_stored_evaluation(back, stamp, kept), 0);
	assert_same_evaluation(made, kept);

	/* answered: kept again, the findings replaced */
	assert_int_equal(merge(back, "levekar", "rusmiddelbruk=alkohol&bosituasjon=gronn", &res), 0);
	assert_true(definition_prune(def, back) >= 0);
	assert_int_equal(definition_evaluate(def, back, made), 0);
	assert_int_equal(answers_store_evaluation(back, stamp, made), 0);
	for (funn = 0, n = xmlDocGetRootElement(back)->children; n; n = n->next)
		funn += n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "bp-funn");
	assert_int_equal(funn, made->nfindings);
	assert_int_equal(answers_stored_evaluation(back, stamp, kept), 0);
	assert_same_evaluation(made, kept);
	assert_true(evaluation_hidden(kept, "fodeland_mor") == 0);	/* under 25 */
	xmlFreeDoc(back);
	xmlFreeDoc(d);
	free(made);
	free(kept);
}

/* a kept evaluation that was tampered with or cut is refused, not half read */
static void
test_kept_evaluation_bad(void **state)
{
	static const char *const bad[] = {
		"<kartlegging regler='s/2' feil='x' obs='0'/>",
		"<kartlegging regler='s/2' obs='0'/>",
		"<kartlegging regler='s/2' feil='1' obs='0'><bp-funn art='ukjent' felt='a' fane='b' etikett='c' sted=''>t</bp-funn></kartlegging>",
		"<kartlegging regler='s/2' feil='1' obs='0'><bp-funn art='missing' fane='b' etikett='c' sted=''>t</bp-funn></kartlegging>",
		/* version 2 says where each finding's item stands */
		"<kartlegging regler='s/2' feil='1' obs='0'><bp-funn art='missing' felt='a' fane='b' etikett='c'>t</bp-funn></kartlegging>",
	};
	struct evaluation *ev;
	xmlDocPtr d;
	size_t i;

	(void)state;
	assert_non_null(ev = malloc(sizeof(*ev)));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_non_null(d = xmlReadMemory(bad[i], (int)strlen(bad[i]), NULL, NULL, 0));
		assert_int_equal(answers_stored_evaluation(d, "s", ev), BP_EXML);
		xmlFreeDoc(d);
	}
	/* one kept by the code before (version 1, without where): made again, not refused */
	d = xmlReadMemory(bad[4], (int)strlen(bad[4]), NULL, NULL, 0);
	assert_non_null(d);
	xmlSetProp(xmlDocGetRootElement(d), BAD_CAST "regler", BAD_CAST "s/1");
	assert_int_equal(answers_stored_evaluation(d, "s", ev), BP_ENOENT);
	xmlFreeDoc(d);
	free(ev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_kept_evaluation),
		cmocka_unit_test(test_kept_evaluation_bad),
		cmocka_unit_test(test_merge_tab),
		cmocka_unit_test(test_other_tabs),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_einval),
		cmocka_unit_test(test_integer),
		cmocka_unit_test_setup_teardown(test_long_raw, long_raw_setup, long_raw_teardown),
		cmocka_unit_test(test_service),
		cmocka_unit_test(test_unknown_tab),
		cmocka_unit_test(test_visited),
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_context_bytes),
	};

	return cmocka_run_group_tests_name("answers", tests, setup, teardown);
}
