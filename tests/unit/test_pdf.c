/* test_pdf.c: pdf.c: a document of several pages, read back with poppler's pdftotext and
 * pdfinfo (Debian's poppler-utils): the text with its æøå, the running header on every
 * page, "Side n av m", a table's head on each page it runs over, a row longer than a
 * page cut between lines with each line printed once, and the metadata title; and the
 * file tagged (pdfinfo -struct-text: the structure tree with its texts), in bokmål, its
 * title shown by the viewer, each chart a figure with its alternative text. */
#include "unit.h"

#include "pdf.h"
#include "pdfamend.h"

#define ROWS 90
#define LONG_LINES 140

/* the output of cmd (run by sh) into out */
static void
run(const char *cmd, struct buf *out)
{
	char chunk[4096];
	size_t n;
	FILE *f;

	assert_non_null(f = popen(cmd, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	assert_int_equal(pclose(f), 0);
	assert_int_equal(out->err, 0);
	buf_add(out, "", 0);
}

static int
count(const char *text, const char *what)
{
	const char *p;
	int n = 0;

	for (p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* count for a binary file (fonts hold NUL bytes) */
static int
count_in(const struct buf *b, const char *what)
{
	const char *s = b->p;
	int n = 0;

	while ((s = memmem(s, b->len - (size_t)(s - b->p), what, strlen(what))) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* the object the last trailer names as /Root (the catalog as amended), up to its endobj */
static void
catalog_of(const struct buf *pdf, struct buf *out)
{
	const char *t = NULL, *s, *o;
	char head[32];
	long root;

	for (s = pdf->p; (s = memmem(s, pdf->len - (size_t)(s - pdf->p), "trailer", 7)); s++)
		t = s;
	assert_non_null(t);
	assert_non_null(s = strstr(t, "/Root "));
	root = strtol(s + 6, NULL, 10);
	snprintf(head, sizeof(head), "\n%ld 0 obj\n", root);
	for (o = NULL, s = pdf->p; (s = memmem(s, pdf->len - (size_t)(s - pdf->p), head,
	    strlen(head))); s++)
		o = s;
	assert_non_null(o);
	assert_non_null(s = strstr(o, "endobj"));
	buf_add(out, o, (size_t)(s - o));
	buf_add(out, "", 0);
}

static void
test_document(void **state)
{
	static const char *const head[] = { "Tidspunkt", "Utført av", "Handling" };
	static const double widths[] = { 0.22, 0.38, 0.40 };
	struct fix *f = *state;
	struct buf pdf = { 0 }, text = { 0 }, info = { 0 }, longcell = { 0 }, tree = { 0 },
	    cat = { 0 };
	char cmd[512], q[128], a[128], want[64], t[32], who[64], what[64];
	const char *cells[3] = { t, who, what };
	struct pdf *p;
	int i, pages;

	assert_int_equal(pdf_new("Kartlegging 2026: Kvinne, 1990", &p), 0);
	assert_int_equal(pdf_header_line(p, "Kommune: Bærum"), 0);
	assert_int_equal(pdf_header_line(p, "Instans: Øvre Årdal legekontor"), 0);
	assert_int_equal(pdf_header_line(p, "År: 2026"), 0);
	assert_int_equal(pdf_header_line(p, "Skrevet ut 2026-03-01 12:00"), 0);
	assert_int_equal(pdf_title(p, "Kartlegging 2026: Kvinne, 1990"), 0);
	assert_int_equal(pdf_paragraph(p, "Fødselsnummer: 01019012345"), 0);
	assert_int_equal(pdf_heading(p, "Bruker"), 0);
	for (i = 1; i <= ROWS; i++) {
		snprintf(q, sizeof(q), "Spørsmål nummer %03d om blåbær og ærfugl", i);
		snprintf(a, sizeof(a), "Svar %03d: Økonomisk sosialhjelp", i);
		assert_int_equal(pdf_pair(p, q, a), 0);
	}
	/* one row longer than a page */
	for (i = 1; i <= LONG_LINES; i++)
		buf_printf(&longcell, "%slinje %03d.", i > 1 ? "\n" : "", i);
	assert_int_equal(pdf_pair(p, "Et langt svar", longcell.p), 0);
	assert_int_equal(pdf_heading(p, "Endringslogg"), 0);
	assert_int_equal(pdf_table(p, 3, head, widths), 0);
	for (i = 1; i <= ROWS; i++) {
		snprintf(t, sizeof(t), "2026-03-01 10:%02d", i % 60);
		snprintf(who, sizeof(who), "Kåre Ødegård (Øvre Årdal legekontor)");
		snprintf(what, sizeof(what), "Rad %03d: lagret", i);
		assert_int_equal(pdf_table_row(p, cells), 0);
	}
	assert_int_equal(pdf_render(p, &pdf), 0);
	pdf_free(p);
	assert_true(pdf.len > 1000);
	assert_memory_equal(pdf.p, "%PDF-", 5);
	file_write(f->path, pdf.p, pdf.len, 0600);

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", f->path);
	run(cmd, &info);
	assert_non_null(strstr(info.p, "Kartlegging 2026: Kvinne, 1990"));
	assert_non_null(strstr(info.p, "(A4)"));
	assert_non_null(strstr(info.p, "Pages:"));
	pages = (int)strtol(strstr(info.p, "Pages:") + 6, NULL, 10);
	assert_true(pages >= 4);

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", f->path);
	run(cmd, &text);
	assert_non_null(strstr(text.p, "Fødselsnummer: 01019012345"));
	assert_int_equal(count(text.p, "Kommune: Bærum"), pages);
	assert_int_equal(count(text.p, "Instans: Øvre Årdal legekontor"), pages);
	for (i = 1; i <= pages; i++) {
		snprintf(want, sizeof(want), "Side %d av %d", i, pages);
		assert_int_equal(count(text.p, want), 1);
	}
	for (i = 1; i <= ROWS; i++) {
		snprintf(want, sizeof(want), "Spørsmål nummer %03d om blåbær", i);
		assert_int_equal(count(text.p, want), 1);
		snprintf(want, sizeof(want), "Svar %03d: Økonomisk", i);
		assert_int_equal(count(text.p, want), 1);
		snprintf(want, sizeof(want), "Rad %03d: lagret", i);
		assert_int_equal(count(text.p, want), 1);
	}
	for (i = 1; i <= LONG_LINES; i++) {
		snprintf(want, sizeof(want), "linje %03d.", i);
		assert_int_equal(count(text.p, want), 1);
	}
	/* the table runs over more than one page, its head on each */
	assert_true(count(text.p, "Tidspunkt") >= 2);
	assert_int_equal(count(text.p, "Tidspunkt"), count(text.p, "Handling"));

	/* tagged: a screen reader's structure, each text in its element once */
	assert_non_null(strstr(info.p, "\nTagged:          yes\n"));
	snprintf(cmd, sizeof(cmd), "pdfinfo -struct-text '%s'", f->path);
	run(cmd, &tree);
	assert_memory_equal(tree.p, "Document\n", 9);
	assert_non_null(strstr(tree.p, "\n  H1 (block)\n    \"Kartlegging 2026: Kvinne, 1990\"\n"));
	assert_non_null(strstr(tree.p, "\n  P (block)\n    \"Fødselsnummer: 01019012345\"\n"));
	assert_non_null(strstr(tree.p, "\n  H2 (block)\n    \"Bruker\"\n  L (block)\n"
	    "    LI (block)\n      Lbl (block)\n        \"Spørsmål nummer 001 om blåbær og ærfugl\"\n"
	    "      LBody (block)\n        \"Svar 001: Økonomisk sosialhjelp\"\n"));
	/* each header cell heads its column (/Scope, added: cairo cannot) */
	assert_non_null(strstr(tree.p, "\n  H2 (block)\n    \"Endringslogg\"\n  Table (block)\n"
	    "    TR\n      TH:\n         /Scope /Column\n        \"Tidspunkt\"\n"));
	assert_int_equal(count(tree.p, "      TH:\n         /Scope /Column\n"), 3);
	assert_non_null(strstr(tree.p, "      TD\n        \"Rad 090: lagret\"\n"));
	/* the head repeated on later pages, the running header and the footer are not text */
	assert_int_equal(count(tree.p, "\"Tidspunkt\""), 1);
	assert_int_equal(count(tree.p, "    TR\n"), ROWS + 1);
	assert_int_equal(count(tree.p, "Bærum"), 0);
	assert_int_equal(count(tree.p, "Side "), 0);
	for (i = 1; i <= ROWS; i++) {
		snprintf(want, sizeof(want), "\"Svar %03d: Økonomisk sosialhjelp\"", i);
		assert_int_equal(count(tree.p, want), 1);
	}
	/* the language and the title shown, in the catalog the file's last trailer names */
	catalog_of(&pdf, &cat);
	assert_non_null(strstr(cat.p, "/Type /Catalog"));
	assert_non_null(strstr(cat.p, "/StructTreeRoot "));
	assert_non_null(strstr(cat.p, "/MarkInfo << /Marked true >>"));
	assert_non_null(strstr(cat.p, "/Lang (nb-NO)"));
	assert_non_null(strstr(cat.p, "/ViewerPreferences << /DisplayDocTitle true >>"));
	buf_free(&tree);
	buf_free(&cat);
	buf_free(&pdf);
	buf_free(&text);
	buf_free(&info);
	buf_free(&longcell);
}

static void
test_refused(void **state)
{
	static const char *const head[] = { "A", "B" };
	static const double half[] = { 0.5, 0.5 }, bad[] = { 0.5, 0.6 };
	const char *row[] = { "x", "y" };
	struct pdf *p;

	(void)state;
	assert_int_equal(pdf_new("\xff", &p), BP_EINVAL);
	assert_null(p);
	assert_int_equal(pdf_new("Tittel", &p), 0);
	assert_int_equal(pdf_paragraph(p, "ugyldig \xc3"), BP_EINVAL);
	assert_int_equal(pdf_pair(p, "ok", "\xed\xa0\x80"), BP_EINVAL);	/* a surrogate */
	assert_int_equal(pdf_table_row(p, row), BP_EINVAL);		/* no table */
	assert_int_equal(pdf_table(p, 2, head, bad), BP_EINVAL);
	assert_int_equal(pdf_table(p, 0, head, half), BP_EINVAL);
	assert_int_equal(pdf_table(p, 2, head, half), 0);
	assert_int_equal(pdf_table_row(p, row), 0);
	assert_int_equal(pdf_heading(p, "Slutt"), 0);
	assert_int_equal(pdf_table_row(p, row), BP_EINVAL);		/* the table ended */
	pdf_free(p);
	pdf_free(NULL);
}

/* a chart: its shapes drawn, its texts come back out, one taller than a page shrunk onto
 * one; shapes outside a chart and bad colours or anchors refused */
static void
test_chart(void **state)
{
	struct fix *f = *state;
	struct buf pdf = { 0 }, text = { 0 }, info = { 0 };
	char cmd[512];
	struct pdf *p;

	assert_int_equal(pdf_new("Rapport", &p), 0);
	assert_int_equal(pdf_chart_rect(p, 0, 0, 10, 10, "#000000"), BP_EINVAL);	/* no chart */
	assert_int_equal(pdf_chart_alt(p, "Søylediagram"), BP_EINVAL);
	assert_int_equal(pdf_chart(p, 0, 10), BP_EINVAL);
	assert_int_equal(pdf_chart(p, 660, 200), 0);
	assert_int_equal(pdf_chart_rect(p, 250, 20, 120, 11, "#1f5f99"), 0);
	assert_int_equal(pdf_chart_rect(p, 250, 20, 120, 11, "1f5f99"), BP_EINVAL);
	assert_int_equal(pdf_chart_rect(p, 250, 20, 120, 11, "#1f5f9g"), BP_EINVAL);
	assert_int_equal(pdf_chart_line(p, 250, 0, 250, 200, "#444444"), 0);
	assert_int_equal(pdf_chart_text(p, 244, 30, 11, 'e', "#222222", "Rusmiddelproblemer"), 0);
	assert_int_equal(pdf_chart_text(p, 374, 30, 10, 's', "#222222", "41,7 %"), 0);
	assert_int_equal(pdf_chart_text(p, 374, 30, 10, 'x', "#222222", "x"), BP_EINVAL);
	assert_int_equal(pdf_chart_text(p, 374, 30, 10, 'm', "#222222", "\xff"), BP_EINVAL);
	assert_int_equal(pdf_chart_alt(p, "\xff"), BP_EINVAL);
	assert_int_equal(pdf_chart_alt(p, "Søylediagram: rusmidler"), 0);
	assert_int_equal(pdf_chart(p, 660, 3000), 0);			/* taller than a page */
	assert_int_equal(pdf_chart_text(p, 330, 2990, 10, 'm', "#222222", "Bunnen av diagrammet"), 0);
	assert_int_equal(pdf_paragraph(p, "Etter diagrammene"), 0);
	assert_int_equal(pdf_chart_rect(p, 0, 0, 1, 1, "#000000"), BP_EINVAL);	/* chart ended */
	assert_int_equal(pdf_render(p, &pdf), 0);
	pdf_free(p);
	file_write(f->path, pdf.p, pdf.len, 0600);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", f->path);
	run(cmd, &text);
	assert_int_equal(count(text.p, "Rusmiddelproblemer"), 1);
	assert_int_equal(count(text.p, "41,7 %"), 1);
	assert_int_equal(count(text.p, "Bunnen av diagrammet"), 1);
	assert_int_equal(count(text.p, "Etter diagrammene"), 1);
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s'", f->path);
	run(cmd, &info);
	/* the first chart, the tall one on a page of its own, then the paragraph */
	assert_int_equal(strtol(strstr(info.p, "Pages:") + 6, NULL, 10), 3);
	/* each chart a figure: the first with its words, the second with its texts (UTF-16BE,
	 * "Søyle", "Bunnen") */
	assert_int_equal(count_in(&pdf, "/S /Figure\n"), 4);	/* cairo's, then amended */
	assert_int_equal(count_in(&pdf, "/Alt <FEFF"), 2);
	assert_int_equal(count_in(&pdf, "/Alt <FEFF005300F80079006C00650064"), 1);
	assert_int_equal(count_in(&pdf, "/Alt <FEFF00420075006E006E0065006E"), 1);
	assert_non_null(strstr(info.p, "\nTagged:          yes\n"));
	buf_free(&pdf);
	buf_free(&text);
	buf_free(&info);
}

/* pdfamend refuses what cairo did not write, and then leaves the file as it was */
static void
test_amend_refused(void **state)
{
	static const char *const alts[] = { "Diagram" };
	struct buf pdf = { 0 }, copy = { 0 };
	struct pdf *p;

	(void)state;
	buf_puts(&pdf, "%PDF-1.5\nnot a file cairo wrote, though long enough to be "
	    "looked at\n%%EOF\n");
	assert_int_equal(pdfamend(&pdf, 0, "nb-NO", NULL, 0), BP_EINVAL);
	assert_string_equal(pdf.p, "%PDF-1.5\nnot a file cairo wrote, though long enough to be "
	    "looked at\n%%EOF\n");
	buf_reset(&pdf);
	buf_puts(&pdf, "prefix");		/* a document appended to what the buffer held */
	assert_int_equal(pdf_new("Tittel", &p), 0);
	assert_int_equal(pdf_paragraph(p, "Tekst"), 0);
	assert_int_equal(pdf_render(p, &pdf), 0);
	pdf_free(p);
	assert_memory_equal(pdf.p, "prefix%PDF-", 11);
	/* once amended, the file is not as cairo wrote it: refused, left alone */
	buf_add(&copy, pdf.p, pdf.len);
	assert_int_equal(pdfamend(&pdf, 6, "nn-NO", NULL, 0), BP_EINVAL);
	assert_int_equal(pdf.len, copy.len);
	assert_memory_equal(pdf.p, copy.p, copy.len);
	/* cairo's file (up to its %%EOF) amended again gives the very same bytes; figures
	 * it does not have, or a language tag that is none, are refused */
	pdf.len = (size_t)((const char *)memmem(pdf.p, pdf.len, "%%EOF\n", 6) - pdf.p) + 6;
	pdf.p[pdf.len] = '\0';
	assert_true(pdf.len < copy.len);
	assert_int_equal(pdfamend(&pdf, 6, "nb-NO", alts, 1), BP_EINVAL);
	assert_int_equal(pdfamend(&pdf, 6, "nb NO", NULL, 0), BP_EINVAL);
	assert_int_equal(pdfamend(&pdf, 6, "", NULL, 0), BP_EINVAL);
	assert_true(pdf.len < copy.len);
	assert_int_equal(pdfamend(&pdf, 6, "nb-NO", NULL, 0), 0);
	assert_int_equal(pdf.len, copy.len);
	assert_memory_equal(pdf.p, copy.p, copy.len);
	buf_free(&pdf);
	buf_free(&copy);
}

static int
setup(void **state)
{
	return fix_setup(state, "innsyn.pdf", 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document, setup, fix_teardown),
		cmocka_unit_test(test_refused),
		cmocka_unit_test_setup_teardown(test_chart, setup, fix_teardown),
		cmocka_unit_test(test_amend_refused),
	};
	int rc;

	rc = cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
	pdf_exit();
	return rc;
}
