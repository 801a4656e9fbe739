/* test_defimage.c: the image of a definition (defimage.c) is the definition its XML gives,
 * table for table; a damaged image is refused, never trusted; an image of another XML is
 * passed over for the XML beside it. On the build's copy of the 2026 definition. */
#include "unit.h"

#include <libxml/parser.h>

#include "deftables.h"

static char dir[4096];		/* the build's data directory */
static char xml[4200];		/* its 2026.xml */

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s", build_data());
	snprintf(xml, sizeof(xml), "%s/kartlegging/2026/" DEFINITION_XML, dir);
	return 0;
}

/* the image of the XML file path, as definition_make writes it */
static int
image_of(const char *path, struct buf *out)
{
	struct definition *d;
	int rc;

	if ((rc = definition_load_xml(path, &d)) != 0)
		return rc;
	rc = definition_image_write(d, out);
	definition_free(d);
	return rc;
}

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

static void
same_definition(const struct definition *a, const struct definition *b)
{
	int i, o;

	assert_string_equal(a->stamp, b->stamp);
	assert_string_equal(a->areas, b->areas);
	assert_int_equal(a->ntabs, b->ntabs);
	for (i = 0; i < a->ntabs; i++) {
		same_str(a->tabs[i].id, b->tabs[i].id);
		same_str(a->tabs[i].title, b->tabs[i].title);
	}
	assert_int_equal(a->nsquestions, b->nsquestions);
	for (i = 0; i < a->nsquestions; i++) {
		same_str(a->squestions[i].id, b->squestions[i].id);
		same_str(a->squestions[i].label, b->squestions[i].label);
	}
	assert_int_equal(a->nitems, b->nitems);
	for (i = 0; i < a->nitems; i++) {
		const struct def_item *x = &a->items[i], *y = &b->items[i];

		same_str(x->id, y->id);
		same_str(x->type, y->type);
		same_str(x->tab, y->tab);
		same_str(x->label, y->label);
		same_str(x->where, y->where);
		same_str(x->show, y->show);
		assert_int_equal(x->mandatory, y->mandatory);
		assert_int_equal(x->min, y->min);
		assert_int_equal(x->max, y->max);
		assert_int_equal(x->options - a->options, y->options - b->options);
		assert_int_equal(x->noptions, y->noptions);
		for (o = 0; o < x->noptions; o++) {
			same_str(x->options[o].id, y->options[o].id);
			same_str(x->options[o].label, y->options[o].label);
			assert_int_equal(x->options[o].exclusive, y->options[o].exclusive);
		}
		assert_int_equal(a->by_id[i] - a->items, b->by_id[i] - b->items);
	}
	assert_int_equal(a->noptions, b->noptions);
	assert_int_equal(a->nrules, b->nrules);
	for (i = 0; i < a->nrules; i++) {
		assert_int_equal(a->rules[i].kind, b->rules[i].kind);
		same_str(a->rules[i].field, b->rules[i].field);
		same_str(a->rules[i].when, b->rules[i].when);
		same_str(a->rules[i].text, b->rules[i].text);
	}
	assert_int_equal(a->ngroups, b->ngroups);
	for (i = 0; i < a->ngroups; i++) {
		same_str(a->groups[i].id, b->groups[i].id);
		same_str(a->groups[i].title, b->groups[i].title);
		same_str(a->groups[i].when, b->groups[i].when);
	}
}

/* The build's copy says where each item stands (tools/gen/stamp.xsl), and a finding carries it:
 * two mandatory "Utskrevet?" (TSB and psykisk helsevern) are told apart in the Feil view. */
static void
test_where(void **state)
{
	struct definition *d;
	const struct def_item *tsb, *phv, *kat;
	struct evaluation *ev;
	xmlDocPtr rec;
	int i, found = 0;
	static const char r[] = "<kartlegging aar='2026' alder='40' kjonn='mann'>"
	    "<tsb_dognbehandling hatt='ja' videre='nei'/></kartlegging>";

	(void)state;
	assert_int_equal(definition_load(dir, 2026, &d), 0);
	assert_non_null(tsb = definition_item(d, "tsb_dogn_utskrevet"));
	assert_non_null(phv = definition_item(d, "phv_dogn_utskrevet"));
	assert_non_null(kat = definition_item(d, "kategori"));
	assert_string_equal(tsb->label, phv->label);
	assert_string_equal(tsb->where, "Tjenester i TSB – Tilleggsspørsmål om døgnbehandling");
	assert_string_equal(phv->where,
	    "Tjenester i psykisk helsevern – Tilleggsspørsmål om døgnbehandling");
	assert_string_equal(kat->where, "");		/* on its tab, under no heading */
	assert_non_null(ev = malloc(sizeof(*ev)));
	assert_non_null(rec = xmlReadMemory(r, (int)strlen(r), NULL, "UTF-8", 0));
	assert_int_equal(definition_evaluate(d, rec, ev), 0);
	for (i = 0; i < ev->nfindings; i++)
		if (strcmp(ev->findings[i].field, "tsb_dogn_utskrevet") == 0) {
			assert_int_equal(ev->findings[i].kind, FINDING_MISSING);
			assert_string_equal(ev->findings[i].where, tsb->where);
			found++;
		}
	assert_int_equal(found, 1);
	xmlFreeDoc(rec);
	free(ev);
	definition_free(d);
}

/* the build's image is what the XML gives, and definition_load takes it */
static void
test_image_is_the_xml(void **state)
{
	struct definition *x, *img, *loaded;
	struct buf b = { 0 };
	xmlDocPtr rec;
	struct evaluation e1, e2;
	static const char r[] = "<kartlegging aar='2026' alder='22' kjonn='mann'>"
	    "<kategori>begge</kategori><bosituasjon>rod</bosituasjon></kartlegging>";

	(void)state;
	assert_int_equal(definition_load_xml(xml, &x), 0);
	assert_int_equal(image_of(xml, &b), 0);
	assert_int_equal(definition_image_read(b.p, b.len, x->stamp, &img), 0);
	same_definition(x, img);
	/* the file the build wrote is that image, and is what definition_load reads */
	assert_int_equal(definition_load(dir, 2026, &loaded), 0);
	same_definition(x, loaded);
	assert_ptr_not_equal(loaded->strings, NULL);
	{
		char path[4200], *text;
		size_t len;

		snprintf(path, sizeof(path), "%s/kartlegging/2026/" DEFINITION_IMAGE, dir);
		assert_int_equal(file_read(path, 1 << 22, &text, &len), 0);
		assert_int_equal(len, b.len);
		assert_memory_equal(text, b.p, len);
		free(text);
	}
	/* and a record comes out the same */
	assert_non_null(rec = xmlReadMemory(r, (int)strlen(r), NULL, "UTF-8", 0));
	assert_int_equal(definition_evaluate(x, rec, &e1), 0);
	assert_int_equal(definition_evaluate(img, rec, &e2), 0);
	assert_int_equal(e1.errors, e2.errors);
	assert_int_equal(e1.obs, e2.obs);
	assert_int_equal(e1.nfindings, e2.nfindings);
	assert_string_equal(e1.hidden, e2.hidden);
	assert_string_equal(e1.index_group, e2.index_group);
	xmlFreeDoc(rec);
	definition_free(x);
	definition_free(img);
	definition_free(loaded);
	buf_free(&b);
}

/* cut short anywhere, or any byte changed: refused, or (a changed text) still whole */
static void
test_image_damaged(void **state)
{
	struct definition *x, *d;
	struct buf b = { 0 };
	char *copy;
	size_t i;
	int rc;

	(void)state;
	assert_int_equal(definition_load_xml(xml, &x), 0);
	assert_int_equal(image_of(xml, &b), 0);
	assert_non_null(copy = malloc(b.len));
	for (i = 0; i < b.len; i += 3) {
		memcpy(copy, b.p, i);
		assert_int_equal(definition_image_read(copy, i, x->stamp, &d), BP_EXML);
		assert_null(d);
	}
	for (i = 0; i < b.len; i += 2) {
		memcpy(copy, b.p, b.len);
		copy[i] ^= (char)(i % 4 == 0 ? 0xff : 0x01);
		rc = definition_image_read(copy, b.len, x->stamp, &d);
		assert_true(rc == 0 || rc == BP_EXML);
		if (rc == 0)
			definition_free(d);
	}
	/* an image of another definition */
	assert_int_equal(definition_image_read(b.p, b.len, "0000000000000000", &d), BP_EXML);
	free(copy);
	buf_free(&b);
	definition_free(x);
}

/* an XML whose stamp is not the image's: read as XML */
static void
test_image_stale(void **state)
{
	char tmp[64], path[4200], *text;
	struct definition *d;
	struct buf b = { 0 };
	size_t len;
	char *at;
	FILE *f;

	(void)state;
	tmp_make(tmp, sizeof(tmp));
	snprintf(path, sizeof(path), "%s/v", tmp);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(image_of(xml, &b), 0);
	snprintf(path, sizeof(path), "%s/v/" DEFINITION_IMAGE, tmp);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(b.p, 1, b.len, f), b.len);
	fclose(f);
	assert_int_equal(file_read(xml, 1 << 22, &text, &len), 0);
	assert_non_null(at = strstr(text, " stamp=\""));
	memcpy(at + 8, "feedfeedfeedfeed", 16);
	snprintf(path, sizeof(path), "%s/v/" DEFINITION_XML, tmp);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	snprintf(path, sizeof(path), "%s/v", tmp);
	assert_int_equal(definition_load_dir(path, &d), 0);
	assert_string_equal(d->stamp, "feedfeedfeedfeed");
	definition_free(d);
	free(text);
	buf_free(&b);
	tmp_remove(tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_is_the_xml),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_image_damaged),
		cmocka_unit_test(test_image_stale),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
