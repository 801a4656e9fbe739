/* test_defversion.c: a questionnaire version made and installed (definition_files.c): the
 * files made from the 2026 source are the build's, byte for byte; installing switches the
 * year's link and reuses a version with the same files; a link is followed only to a
 * version of its own year; a source that is not a questionnaire is refused with a reason.
 * Run from the checkout (the stylesheets are tools/gen/stamp.xsl and tools/gen/formtabs.xsl). */
#include "unit.h"

#include <limits.h>

#include "definition_files.h"
#include "formtab.h"

static char data[64];		/* a data directory with the stylesheets */
static char build[PATH_MAX];	/* the build's */

static void
copy(const char *from, const char *to)
{
	char *text;
	size_t len;

	assert_int_equal(file_read(from, 1 << 22, &text, &len), 0);
	file_write(to, text, len, 0644);
	free(text);
}

static int
setup(void **state)
{
	char path[256];

	(void)state;
	snprintf(build, sizeof(build), "%s", build_data());
	tmp_make(data, sizeof(data));
	snprintf(path, sizeof(path), "%s/kartlegging", data);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/kartlegging/stamp.xsl", data);
	copy("tools/gen/stamp.xsl", path);
	snprintf(path, sizeof(path), "%s/kartlegging/form.xsl", data);
	copy("tools/gen/formtabs.xsl", path);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	tmp_remove(data);
	return 0;
}

static void
same_as_file(const struct buf *b, const char *dir, const char *name)
{
	char path[PATH_MAX + 64], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(file_read(path, 1 << 22, &text, &len), 0);
	assert_int_equal(len, b->len);
	assert_memory_equal(text, b->p, len);
	free(text);
}

static void
make_from(const char *file, struct definition_made *m, char **src, size_t *len)
{
	char why[256];

	assert_int_equal(file_read(file, 1 << 22, src, len), 0);
	if (definition_make(data, *src, *len, m, why, sizeof(why)) != 0)
		fail_msg("%s: %s", file, why);
}

/* the 2026 source made here is the build's version, byte for byte, and loads */
static void
test_make_install(void **state)
{
	struct definition_made m, again;
	struct definition *d;
	struct formtab *ft;
	char dir[PATH_MAX], bdir[PATH_MAX], link[PATH_MAX], *src, *src2;
	size_t len, len2;
	int years[4];

	(void)state;
	make_from("data/kartlegging/2026.xml", &m, &src, &len);
	assert_int_equal(m.year, 2026);
	assert_int_equal(definition_dir(build, 2026, bdir, sizeof(bdir)), 0);
	same_as_file(&m.xml, bdir, DEFINITION_XML);
	same_as_file(&m.form, bdir, DEFINITION_FORM);
	same_as_file(&m.image, bdir, DEFINITION_IMAGE);
	assert_string_equal(strrchr(bdir, '/') + 1, m.version);

	assert_int_equal(definition_dir(data, 2026, dir, sizeof(dir)), BP_ENOENT);
	assert_int_equal(definition_install(data, &m, src, len), 0);
	assert_int_equal(definition_dir(data, 2026, dir, sizeof(dir)), 0);
	assert_string_equal(strrchr(dir, '/') + 1, m.version);
	assert_int_equal(definition_load(data, 2026, &d), 0);
	assert_int_equal(formtab_load(data, 2026, &ft), 0);
	assert_string_equal(definition_stamp(d), m.stamp);
	assert_string_equal(formtab_stamp(ft), m.stamp);
	definition_free(d);
	formtab_free(ft);

	/* the same files again: the same version, the link unchanged */
	make_from("data/kartlegging/2026.xml", &again, &src2, &len2);
	assert_int_equal(definition_install(data, &again, src2, len2), 0);
	assert_int_equal(definition_dir(data, 2026, link, sizeof(link)), 0);
	assert_string_equal(link, dir);
	definition_made_free(&again);
	free(src2);

	/* another year beside it */
	make_from("tests/definisjon/2027.xml", &again, &src2, &len2);
	assert_int_equal(again.year, 2027);
	assert_string_not_equal(again.stamp, m.stamp);
	assert_int_equal(definition_install(data, &again, src2, len2), 0);
	assert_int_equal(definition_years(data, years, 4), 2);
	assert_int_equal(years[0], 2026);
	assert_int_equal(years[1], 2027);
	assert_int_equal(definition_load(data, 2027, &d), 0);
	assert_non_null(definition_item(d, "digital_kontakt"));
	definition_free(d);
	assert_int_equal(definition_load(data, 2026, &d), 0);
	assert_null(definition_item(d, "digital_kontakt"));
	definition_free(d);
	definition_made_free(&again);
	free(src2);
	definition_made_free(&m);
	free(src);
}

/* a link is followed only to a version of its own year; a real directory is one version */
static void
test_links(void **state)
{
	char link[256], dir[PATH_MAX], from[PATH_MAX + 64], to[PATH_MAX + 64];
	static const char *const bad[] = { "../../etc", "2026-65c44a13a07adc55", "2030-xyz",
	    "2030-65c44a13a07adc5", "/tmp", "2030-65C44A13A07ADC55" };
	struct definition *d;
	size_t i;

	(void)state;
	snprintf(link, sizeof(link), "%s/kartlegging/2030", data);
	for (i = 0; i < UNIT_N(bad); i++) {
		unlink(link);
		assert_int_equal(symlink(bad[i], link), 0);
		assert_int_equal(definition_dir(data, 2030, dir, sizeof(dir)), BP_EIO);
		assert_int_equal(definition_load(data, 2030, &d), BP_EIO);
		assert_null(d);
	}
	unlink(link);
	/* a host's copy that followed the links: the directory itself */
	assert_int_equal(mkdir(link, 0755), 0);
	assert_int_equal(definition_dir(data, 2026, dir, sizeof(dir)), 0);
	snprintf(from, sizeof(from), "%s/" DEFINITION_XML, dir);
	snprintf(to, sizeof(to), "%s/" DEFINITION_XML, link);
	copy(from, to);
	assert_int_equal(definition_load(data, 2030, &d), 0);
	definition_free(d);
	assert_int_equal(definition_dir(data, 999, dir, sizeof(dir)), BP_EINVAL);
	assert_int_equal(definition_dir(data, 2031, dir, sizeof(dir)), BP_ENOENT);
}

/* what is not a questionnaire is refused, with a reason and nothing made */
static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"<definition year='2027'",
		"<other year='2027'/>",
		"<definition source='x'><tab id='a' title='A'/></definition>",
		"<definition year='27' source='x'><tab id='a' title='A'/></definition>",
		"<!DOCTYPE definition [<!ENTITY e 'x'>]><definition year='2027'/>",
		"<definition year='2027'><tab id='a' title='{{messages a}}'/></definition>",
		"<definition year='2027'><tab id='a' title='A' bp='x'/></definition>",
	};
	struct definition_made m;
	char why[256], empty[64], path[128];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad); i++) {
		why[0] = '\0';
		if (definition_make(data, bad[i], strlen(bad[i]), &m, why, sizeof(why)) == 0)
			fail_msg("made: %s", bad[i]);
		assert_true(why[0] != '\0');
		assert_int_equal(m.xml.len + m.form.len + m.image.len, 0);
		definition_made_free(&m);
	}
	/* a data directory without the stylesheets says so */
	tmp_make(empty, sizeof(empty));
	snprintf(path, sizeof(path), "%s/kartlegging", empty);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_not_equal(definition_make(empty, "<definition year='2027'/>", 25, &m, why,
	    sizeof(why)), 0);
	assert_non_null(strstr(why, "stilarkene"));
	definition_made_free(&m);
	tmp_remove(empty);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make_install),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
