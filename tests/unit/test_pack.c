/* test_pack.c: pack.c: XML deflated and back, plain XML read as it is, and values that are
 * neither, cut short, or unpack beyond PACK_MAX refused. */
#include "unit.h"

#include <zlib.h>

#include "pack.h"

static void
test_round_trip(void **state)
{
	struct buf xml = { 0 }, packed = { 0 }, out = { 0 };
	const char *got;
	size_t len;
	int i;

	(void)state;
	buf_puts(&xml, "<?xml version=\"1.0\"?>\n<kartlegging aar=\"2026\">");
	for (i = 0; i < 200; i++)
		buf_printf(&xml, "<tjeneste_%d hatt=\"nei\" videre=\"nei\"/>", i);
	buf_puts(&xml, "</kartlegging>\n");
	assert_int_equal(xml.err, 0);
	buf_puts(&packed, "prefix");		/* appends */
	assert_int_equal(pack_deflate(xml.p, xml.len, &packed), 0);
	assert_memory_equal(packed.p, "prefix", 6);
	assert_true(packed.len - 6 < xml.len / 4);	/* the point of it */
	assert_int_equal(pack_xml(packed.p + 6, packed.len - 6, &out, &got, &len), 0);
	assert_int_equal(len, xml.len);
	assert_memory_equal(got, xml.p, len);
	assert_int_equal(got[len], '\0');
	/* cut short anywhere: refused, never a part */
	for (i = 1; i < (int)(packed.len - 6); i += 7)
		assert_int_equal(pack_xml(packed.p + 6, (size_t)i, &out, &got, &len), BP_EXML);
	buf_free(&xml);
	buf_free(&packed);
	buf_free(&out);
}

static void
test_plain_and_foreign(void **state)
{
	static const char plain[] = "<row a=\"1\"/>";
	static const unsigned char junk[] = { 0x78, 0x9c, 0xff, 0xff, 0x00 };
	struct buf out = { 0 };
	const char *got;
	size_t len;

	(void)state;
	assert_int_equal(pack_xml(plain, sizeof(plain) - 1, &out, &got, &len), 0);
	assert_ptr_equal(got, plain);		/* read in place */
	assert_int_equal(len, sizeof(plain) - 1);
	assert_int_equal(pack_xml("", 0, &out, &got, &len), BP_EXML);
	assert_int_equal(pack_xml("xyz", 3, &out, &got, &len), BP_EXML);
	assert_int_equal(pack_xml("\x78\x00", 2, &out, &got, &len), BP_EXML);	/* bad check */
	assert_int_equal(pack_xml(junk, sizeof(junk), &out, &got, &len), BP_EXML);
	buf_free(&out);
}

/* a small value that would unpack to more than PACK_MAX: stopped there */
static void
test_bomb(void **state)
{
	size_t n = PACK_MAX + 4096;
	unsigned char *zeros = calloc(1, n), *z;
	uLongf zlen = compressBound((uLong)n);
	struct buf out = { 0 };
	const char *got;
	size_t len;

	(void)state;
	assert_non_null(zeros);
	assert_non_null(z = malloc(zlen));
	assert_int_equal(compress2(z, &zlen, zeros, (uLong)n, 9), Z_OK);
	assert_true(zlen < 16384);
	assert_int_equal(pack_xml(z, zlen, &out, &got, &len), BP_EXML);
	assert_true(out.cap <= 2 * (size_t)PACK_MAX + 2);
	assert_int_equal(pack_deflate(zeros, n, &out), BP_ETOOBIG);
	free(zeros);
	free(z);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_plain_and_foreign),
		cmocka_unit_test(test_bomb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
