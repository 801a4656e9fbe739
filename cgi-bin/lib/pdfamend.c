/* pdfamend.c: an incremental update of a PDF as cairo 1.16 writes it (pdfamend.h says why).
 *
 * cairo ends its file with one cross-reference table ("xref", "0 N", N entries of 20
 * bytes), then "trailer << /Size /Root /Info >>", "startxref", the table's offset and
 * "%%EOF". Every object is written plain (no object streams), as "n 0 obj" + "<< ... >>"
 * + "endobj". Only that layout is accepted; anything else is BP_EINVAL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfamend.h"

#define XREF_ENTRY 20			/* "oooooooooo ggggg n \n" (PDF 32000-1, 7.5.4) */

struct pdffile {
	const char *p;			/* the file: pdf->p + base (not owned) */
	size_t len;
	long nobj;			/* entries of the table, object 0 included */
	const char *xref;		/* its first entry */
	long xref_at;			/* offset of "xref" */
	long root, info;		/* object numbers */
};

/* the offset of object n, or -1 */
static long
object_at(const struct pdffile *f, long n)
{
	char num[11];
	long long v;

	if (n <= 0 || n >= f->nobj)
		return -1;
	memcpy(num, f->xref + n * XREF_ENTRY, 10);
	num[10] = '\0';
	if (f->xref[n * XREF_ENTRY + 17] != 'n' || str_to_ll(num, 0, (long long)f->len - 1, &v) != 0)
		return -1;
	return (long)v;
}

/* the dictionary of object n: what lies between its "<<" and the ">>" before "endobj" */
static int
object_dict(const struct pdffile *f, long n, const char **body, size_t *blen)
{
	char head[32];
	const char *s, *end;
	long at = object_at(f, n);
	int hl;

	if (at < 0)
		return BP_EINVAL;
	hl = snprintf(head, sizeof(head), "%ld 0 obj\n<<", n);
	s = f->p + at;
	if ((size_t)at + (size_t)hl > f->len || memcmp(s, head, (size_t)hl) != 0)
		return BP_EINVAL;
	s += hl;
	if ((end = memmem(s, f->len - (size_t)(s - f->p), "\nendobj", 7)) == NULL)
		return BP_EINVAL;
	while (end > s && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	if (end - s < 2 || memcmp(end - 2, ">>", 2) != 0)
		return BP_EINVAL;
	*body = s;
	*blen = (size_t)(end - 2 - s);
	return 0;
}

/* the table and trailer cairo wrote last */
static int
file_parse(const char *p, size_t len, struct pdffile *f)
{
	const char *sx, *tail, *t;
	long long v;
	int used = -1;
	char num[24];
	size_t i;

	memset(f, 0, sizeof(*f));
	f->p = p;
	f->len = len;
	if (len < 64 || memcmp(p, "%PDF-", 5) != 0)
		return BP_EINVAL;
	tail = p + len - 64;
	for (sx = NULL, t = tail; (t = memmem(t, (size_t)(p + len - t), "startxref\n", 10)); t++)
		sx = t;
	if (sx == NULL)
		return BP_EINVAL;
	sx += 10;
	for (i = 0; i + 1 < sizeof(num) && sx + i < p + len && sx[i] != '\n'; i++)
		num[i] = sx[i];
	num[i] = '\0';
	if (str_to_ll(num, 0, (long long)len - 1, &v) != 0)
		return BP_EINVAL;
	f->xref_at = (long)v;
	t = p + f->xref_at;
	if (sscanf(t, "xref\n0 %ld\n%n", &f->nobj, &used) != 1 || used < 0 || f->nobj < 2 ||
	    f->nobj > (long)((len - (size_t)f->xref_at) / XREF_ENTRY))
		return BP_EINVAL;
	f->xref = t + used;
	t = f->xref + f->nobj * XREF_ENTRY;
	used = -1;
	if (sscanf(t, "trailer\n<< /Size %*d\n   /Root %ld 0 R\n   /Info %ld 0 R\n>>\n%n",
	    &f->root, &f->info, &used) != 2 || used < 0 || t + used != sx - 10)
		return BP_EINVAL;
	return object_at(f, f->root) < 0 || object_at(f, f->info) < 0 ? BP_EINVAL : 0;
}

/* s (valid UTF-8) as a PDF text string: UTF-16BE with its byte order mark, in hex
 * (PDF 32000-1, 7.9.2.2), so no character needs escaping */
static void
text_string(struct buf *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c;

	buf_puts(out, "<FEFF");
	while (*u) {
		if (u[0] < 0x80)
			c = *u++;
		else if (u[0] < 0xe0)
			c = (unsigned long)(u[0] & 0x1f) << 6 | (u[1] & 0x3f), u += 2;
		else if (u[0] < 0xf0)
			c = (unsigned long)(u[0] & 0x0f) << 12 | (unsigned long)(u[1] & 0x3f) << 6 |
			    (u[2] & 0x3f), u += 3;
		else
			c = (unsigned long)(u[0] & 0x07) << 18 | (unsigned long)(u[1] & 0x3f) << 12 |
			    (unsigned long)(u[2] & 0x3f) << 6 | (u[3] & 0x3f), u += 4;
		if (c >= 0x10000) {
			c -= 0x10000;
			buf_printf(out, "%04lX%04lX", 0xd800 | (c >> 10), 0xdc00 | (c & 0x3ff));
		} else
			buf_printf(out, "%04lX", c);
	}
	buf_puts(out, ">");
}

struct amended {
	long num;
	size_t at;			/* offset of its "n 0 obj" from the file's start */
};

static int
by_num(const void *a, const void *b)
{
	const struct amended *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

/* is object n (at offset at) a structure element of type s? */
static int
element_is(const struct pdffile *f, long n, long at, const char *s)
{
	char head[64];
	int hl = snprintf(head, sizeof(head), "%ld 0 obj\n<< /Type /StructElem\n   /S /%s\n", n, s);

	return (size_t)at + (size_t)hl < f->len && memcmp(f->p + at, head, (size_t)hl) == 0;
}

/* object n again, its dictionary with one entry more: key alt (a text string) or, when
 * alt is NULL, key as written */
static int
amend_object(const struct pdffile *f, long n, const char *key, const char *alt,
    struct buf *add, struct amended *o)
{
	const char *body;
	size_t blen;
	int rc;

	if ((rc = object_dict(f, n, &body, &blen)) != 0)
		return rc;
	o->num = n;
	o->at = f->len + add->len;
	buf_printf(add, "%ld 0 obj\n<<%.*s   %s", n, (int)blen, body, key);
	if (alt)
		text_string(add, alt);
	buf_puts(add, "\n>>\nendobj\n");
	return 0;
}

int
pdfamend(struct buf *pdf, size_t base, const char *lang, const char *const *alts, int nalts)
{
	struct amended *objs = NULL;	/* owned */
	struct pdffile f;
	struct buf add = { 0 }, catalog = { 0 };
	long n, at;
	int nobjs = 0, nfig = 0, i, rc;

	if (nalts < 0 || nalts > PDFAMEND_FIGURES_MAX || *lang == '\0' || strlen(lang) > 35 ||
	    lang[strspn(lang, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")])
		return BP_EINVAL;
	if ((rc = file_parse(pdf->p + base, pdf->len - base, &f)) != 0)
		return rc;
	if ((objs = calloc((size_t)f.nobj + 1, sizeof(*objs))) == NULL)
		return BP_ENOMEM;
	/* the figures (in object order, which is the document's) get their words; a table's
	 * header cells say that they head a column (PDF 32000-1, 14.8.5.7), which cairo's
	 * TH cannot */
	for (n = 1; rc == 0 && n < f.nobj; n++) {
		if ((at = object_at(&f, n)) < 0)
			continue;
		if (element_is(&f, n, at, "Figure"))
			rc = nfig == nalts ? BP_EINVAL :
			    amend_object(&f, n, "/Alt ", alts[nfig++], &add, &objs[nobjs++]);
		else if (element_is(&f, n, at, "TH"))
			rc = amend_object(&f, n, "/A << /O /Table /Scope /Column >>", NULL, &add,
			    &objs[nobjs++]);
	}
	if (rc == 0 && nfig != nalts)
		rc = BP_EINVAL;
	/* a language tag is ASCII letters, digits and hyphens: a literal string as is */
	buf_printf(&catalog, "/Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle true >>", lang);
	if (rc == 0 && (rc = catalog.err) == 0)
		rc = amend_object(&f, f.root, catalog.p, NULL, &add, &objs[nobjs++]);
	if (rc != 0)
		goto out;
	qsort(objs, (size_t)nobjs, sizeof(objs[0]), by_num);
	at = (long)(f.len + add.len);
	buf_puts(&add, "xref\n");
	for (i = 0; i < nobjs; i++)
		buf_printf(&add, "%ld 1\n%010zu 00000 n \n", objs[i].num, objs[i].at);
	buf_printf(&add, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n   /Info %ld 0 R\n"
	    "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", f.nobj, f.root, f.info, f.xref_at, at);
	if ((rc = add.err) == 0) {
		buf_add(pdf, add.p, add.len);
		rc = pdf->err;
	}
out:
	free(objs);
	buf_free(&add);
	buf_free(&catalog);
	return rc;
}
