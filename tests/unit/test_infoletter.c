/* test_infoletter.c: infoletter.c: the default text passes its own check and says what
 * the 2026 manual asks of the letter; the check's refusals; the placeholders filled in;
 * the parts (title, headings, paragraphs with their lines); the text stored, read back and
 * reset to the default. */
#include "unit.h"

#include "infoletter.h"

static void
test_default(void **state)
{
	static const char *const must[] = { "{kommune}", "{overføringsdato}", "reservere",
	    "innsyn", "rettet", "slettet", "Frist", "Helse Stavanger", "fødselsnummer",
	    "legitimasjon", "e-post", "Datatilsynet", "forskrift om Brukerplan" };
	size_t i;

	(void)state;
	assert_null(infoletter_check(infoletter_default));
	for (i = 0; i < UNIT_N(must); i++)
		if (strstr(infoletter_default, must[i]) == NULL)
			fail_msg("the default lacks %s", must[i]);
}

static void
test_check(void **state)
{
	struct buf big = { 0 };
	int i;

	(void)state;
	assert_null(infoletter_check("# {kommune}\n\n{overføringsdato} {år}"));
	assert_non_null(infoletter_check("# {kommune} {overføringsdato} {navn}"));
	assert_non_null(infoletter_check("# {kommune} {overføringsdato} {kommune"));
	assert_non_null(infoletter_check("# {kommune}"));
	assert_non_null(infoletter_check("# {overføringsdato}"));
	assert_non_null(infoletter_check("{kommune} {overføringsdato}"));
	buf_puts(&big, "# {kommune} {overføringsdato}\n\n");
	for (i = 0; i < INFOLETTER_PARAGRAPH_MAX; i++)
		buf_puts(&big, "ø");
	assert_null(infoletter_check(big.p));
	buf_puts(&big, "ø");
	assert_non_null(infoletter_check(big.p));
	/* a heading is held to it too */
	buf_reset(&big);
	buf_puts(&big, "# {kommune} {overføringsdato}\n## ");
	for (i = 0; i < INFOLETTER_PARAGRAPH_MAX; i++)
		buf_puts(&big, "h");
	assert_null(infoletter_check(big.p));
	buf_puts(&big, "h");
	assert_non_null(infoletter_check(big.p));
	buf_free(&big);
}

static int
collect(enum infoletter_part part, const char *text, void *arg)
{
	buf_printf(arg, "%c[%s]", "THP"[part], text);
	return 0;
}

static void
test_fill_and_parts(void **state)
{
	static const struct infoletter_fields f = { "Bærum kommune", "31.12.2026", 2026 };
	struct buf out = { 0 }, parts = { 0 };

	(void)state;
	assert_int_equal(infoletter_fill("# {år}: {kommune}\n## Frist {overføringsdato}\n"
	    "Si fra til {kommune}  \nfør {overføringsdato}.\n\n\n# Mer\nSlutt", &f, &out), 0);
	assert_string_equal(out.p, "# 2026: Bærum kommune\n## Frist 31.12.2026\n"
	    "Si fra til Bærum kommune  \nfør 31.12.2026.\n\n\n# Mer\nSlutt");
	assert_int_equal(infoletter_parts(out.p, collect, &parts), 0);
	assert_string_equal(parts.p, "T[2026: Bærum kommune]H[Frist 31.12.2026]"
	    "P[Si fra til Bærum kommune\nfør 31.12.2026.]H[Mer]P[Slutt]");
	buf_reset(&out);
	assert_int_equal(infoletter_fill("{navn}", &f, &out), BP_EINVAL);
	buf_free(&out);
	buf_free(&parts);
}

struct io {
	const char *text;
	struct buf got;
	long long version;
};

static int
do_set(struct store_txn *txn, void *arg)
{
	return infoletter_set(txn, ((struct io *)arg)->text, "korfor", 1700000000);
}

static int
do_get(struct store_txn *txn, void *arg)
{
	struct io *io = arg;

	buf_reset(&io->got);
	return infoletter_get(txn, &io->got, &io->version);
}

static void
test_stored(void **state)
{
	struct fix *f = *state;
	struct io io = { "# Ny {kommune} {overføringsdato}", { 0 }, 0 };

	assert_int_equal(store_read(f->st, do_get, &io), 0);
	assert_string_equal(io.got.p, infoletter_default);
	assert_int_equal(io.version, 0);
	assert_int_equal(store_write(f->st, do_set, &io), 0);
	assert_int_equal(store_read(f->st, do_get, &io), 0);
	assert_string_equal(io.got.p, "# Ny {kommune} {overføringsdato}");
	assert_int_equal(io.version, 1700000000);
	io.text = "";
	assert_int_equal(store_write(f->st, do_set, &io), 0);
	assert_int_equal(store_write(f->st, do_set, &io), 0);	/* again: nothing to delete */
	assert_int_equal(store_read(f->st, do_get, &io), 0);
	assert_string_equal(io.got.p, infoletter_default);
	assert_int_equal(io.version, 0);
	buf_free(&io.got);
}

static int
setup(void **state)
{
	return fix_setup(state, NULL, 1 << 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_fill_and_parts),
		cmocka_unit_test_setup_teardown(test_stored, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("infoletter", tests, NULL, NULL);
}
