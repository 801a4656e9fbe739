/* test_qr.c: qr.c: qr_path gives SVG path data of whole runs of dark modules inside a
 * symbol of 21 + 4k modules, starting with the finder patterns of row 0.
 */
#include "unit.h"

#include "qr.h"

struct run {
	int x, y, n;
};

/* parse "M%d,%dh%dv1h-%dz" runs; returns how many */
static size_t
parse_runs(const char *p, struct run *runs, size_t max)
{
	size_t n = 0;
	int len, back;

	while (*p) {
		assert_true(n < max);
		assert_int_equal(sscanf(p, "M%d,%dh%dv1h-%dz%n", &runs[n].x, &runs[n].y,
		    &runs[n].n, &back, &len), 4);
		assert_int_equal(back, runs[n].n);
		p += len;
		n++;
	}
	return n;
}

static void
test_qr(void **state)
{
	static const char *const texts[] = {
		"x",
		"otpauth://totp/Brukerplan:kari.nordmann%40kommune.no?secret="
		    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Brukerplan",
		"\xc3\xa6\xc3\xb8\xc3\xa5",
	};
	static struct run runs[40000];
	struct buf b = { 0 };
	size_t i, n, r;
	int w, widths[3];

	(void)state;
	for (i = 0; i < UNIT_N(texts); i++) {
		buf_reset(&b);
		w = 0;
		assert_int_equal(qr_path(texts[i], &b, &w), 0);
		assert_true(b.len > 0);
		assert_int_equal(b.p[0], 'M');
		assert_in_range(w, 21, 177);
		assert_int_equal((w - 21) % 4, 0);
		widths[i] = w;
		n = parse_runs(b.p, runs, UNIT_N(runs));
		assert_true(n > 0);
		for (r = 0; r < n; r++) {
			assert_true(runs[r].n >= 1);
			assert_in_range(runs[r].x, 0, w - 1);
			assert_in_range(runs[r].y, 0, w - 1);
			assert_true(runs[r].x + runs[r].n <= w);
			if (r > 0)	/* rows in order, runs in a row apart */
				assert_true(runs[r].y > runs[r - 1].y ||
				    runs[r].x > runs[r - 1].x + runs[r - 1].n);
		}
		/* the finder patterns: row 0 starts and ends with seven dark modules */
		assert_true(runs[0].x == 0 && runs[0].y == 0 && runs[0].n == 7);
		for (r = 0; r < n && runs[r].y == 0; r++)
			;
		assert_true(runs[r - 1].x == w - 7 && runs[r - 1].n == 7);
	}
	/* one byte fits the smallest symbol; a long URL needs a larger one */
	assert_int_equal(widths[0], 21);
	assert_true(widths[1] > widths[0]);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qr),
	};

	return cmocka_run_group_tests_name("qr", tests, NULL, NULL);
}
