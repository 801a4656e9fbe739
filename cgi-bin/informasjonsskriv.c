/* informasjonsskriv.c: the informasjonsskriv (2026 manual, "Personvern" and Vedlegg 2,
 * "Kommunene"): before a person is surveyed, the kommune tells them of the registration,
 * of their rights to reservasjon, innsyn, retting and sletting, and of the deadline, its
 * overføringsdato, with the letter Helse Stavanger made. Kartleggere and the kommunekontakt
 * print their kommune's copy; KORFOR writes its text (as it writes the velkomstmelding);
 * KORUS, and KORFOR, see it with example values.
 *
 *   GET  /cgi-bin/informasjonsskriv             the letter as a page (KORFOR: its text to edit)
 *   GET  /cgi-bin/informasjonsskriv?fil=pdf     the letter as PDF (an audit event)
 *   POST /cgi-bin/informasjonsskriv tekst       KORFOR: a new text
 *   POST /cgi-bin/informasjonsskriv handling=standard   KORFOR: back to the default text
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "authz.h"
#include "infoletter.h"
#include "pdf.h"
#include "period.h"

/* what a preview fills in: no kommune's, and plainly not one */
static const struct infoletter_fields example = { "«Kommunenavn» kommune", "«dd.mm.åååå»", 0 };

struct letter {
	struct app *a;
	int own;			/* 1: one's kommune's copy; 0: a preview */
	struct buf text;		/* the stored text (or the default), owned */
	long long version;
	struct period period;		/* one's kommune's dates this year */
	char kommune[160];		/* "Stavanger kommune" */
	char dato[11];			/* the overføringsdato as dd.mm.åååå, "" while unset */
	int year;
	const char *detail;		/* the audit event's: which copy */
};

static int
read_letter(struct store_txn *txn, void *arg)
{
	struct letter *l = arg;
	int rc;

	if ((rc = infoletter_get(txn, &l->text, &l->version)) != 0)
		return rc;
	return l->own ? period_get(txn, l->a->me.kommune, l->year, &l->period) : 0;
}

/* Who may see what: one's kommune's copy, or else a preview; BP_EDENIED for neither.
 * Then the text and the dates. 0 or a bp_err. */
static int
letter_load(struct app *a, struct letter *l)
{
	const struct refdata *rd;
	const char *name;
	struct store *st;
	const char *d;
	int rc;

	memset(l, 0, sizeof(*l));
	l->a = a;
	l->year = time_year((time_t)a->now);
	if (authz(&a->me, ACT_INFOLETTER, NULL) == 0)
		l->own = 1;
	else if (authz(&a->me, ACT_INFOLETTER_PREVIEW, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_letter, l)) != 0)
		return rc;
	if (!l->own)
		return 0;
	if ((rc = app_refdata(a, &rd)) != 0)
		return rc;
	name = refdata_kommune_name(rd, a->me.kommune);
	snprintf(l->kommune, sizeof(l->kommune), "%s kommune", name ? name : a->me.kommunenavn);
	d = l->period.overforingsdato;
	if (*d)		/* YYYY-MM-DD as Norwegians write it */
		date_norwegian(d, l->dato);
	return 0;
}

static struct infoletter_fields
letter_fields(const struct letter *l)
{
	struct infoletter_fields f = example;

	f.year = l->year;
	if (l->own) {
		f.kommune = l->kommune;
		f.overforingsdato = l->dato;
	}
	return f;
}

static void
letter_free(struct letter *l)
{
	buf_free(&l->text);
}

/* -- the page ------------------------------------------------------------------------------- */

static const char *const part_names[] = { "title", "heading", "p" };

struct parts {
	struct page *pg;
	xmlNodePtr letter;
};

static int
add_part(enum infoletter_part part, const char *text, void *arg)
{
	struct parts *ps = arg;

	page_add(ps->pg, ps->letter, part_names[part], text);
	return 0;
}

/* The page: the letter as filled in (a preview's with example values), the download,
 * and for KORFOR the text to edit: typed (after a refusal) or stored. */
static int
letter_page(struct app *a, struct letter *l, int status, const char *typed, const char *error)
{
	struct infoletter_fields f = letter_fields(l);
	struct buf filled = { 0 };
	struct parts ps;
	xmlNodePtr n;
	char when[17];
	int rc;

	if ((rc = app_page(a, "informasjonsskriv")) != 0)
		return rc;
	n = page_add(&a->page, NULL, "letter", NULL);
	ps.pg = &a->page;
	ps.letter = n;
	page_attr(&a->page, n, "copy", l->own ? "kommune" : "preview");
	page_attr(&a->page, n, "kommune", l->own ? l->kommune : "");
	page_attr(&a->page, n, "overforingsdato", l->own ? l->dato : "");
	page_attr_ll(&a->page, n, "year", l->year);
	if (l->version) {
		time_datetime((time_t)l->version, when);
		page_attr(&a->page, n, "changed", when);
	}
	/* the stored text is checked as it is saved: it fills */
	if ((rc = infoletter_fill(l->text.p, &f, &filled)) != 0 ||
	    (rc = infoletter_parts(filled.p ? filled.p : "", add_part, &ps)) != 0) {
		buf_free(&filled);
		log_error("informasjonsskriv: %s", bp_strerror(rc));
		return rc;
	}
	buf_free(&filled);
	if (authz(&a->me, ACT_INFOLETTER_EDIT, NULL) == 0) {
		n = page_add(&a->page, NULL, "edit", typed ? typed : l->text.p);
		page_attr(&a->page, n, "standard", l->version ? "no" : "yes");
	}
	if (strcmp(app_query(a, K_MELDING), "lagret") == 0)
		app_message(a, "notice", NULL, "Informasjonsskrivet er lagret. Alle kommuner får "
		    "den nye teksten neste gang de laster det ned.");
	else if (strcmp(app_query(a, K_MELDING), "standard") == 0)
		app_message(a, "notice", NULL, "Informasjonsskrivet har fått standardteksten igjen.");
	if (error)
		app_message(a, "error", typed ? "tekst" : NULL, error);
	return app_render(a, status);
}

/* -- the PDF -------------------------------------------------------------------------------- */

static int
pdf_part(enum infoletter_part part, const char *text, void *arg)
{
	struct pdf *p = arg;

	switch (part) {
	case INFOLETTER_TITLE:
		return pdf_title(p, text);
	case INFOLETTER_HEADING:
		return pdf_heading(p, text);
	case INFOLETTER_PARAGRAPH:
		return pdf_paragraph(p, text);
	}
	return BP_EINVAL;
}

static int
letter_pdf(struct letter *l, struct buf *out)
{
	struct infoletter_fields f = letter_fields(l);
	struct buf filled = { 0 };
	struct pdf *p = NULL;
	char line[160];
	int rc;

	snprintf(line, sizeof(line), "Informasjonsskriv Brukerplan %d", l->year);
	if ((rc = pdf_new(line, &p)) != 0 ||
	    (rc = pdf_header_line(p, l->own ? l->kommune : "Forhåndsvisning")) != 0 ||
	    (rc = pdf_header_line(p, line)) != 0 ||
	    (rc = infoletter_fill(l->text.p, &f, &filled)) != 0 ||
	    (rc = infoletter_parts(filled.p, pdf_part, p)) != 0 ||
	    (rc = pdf_render(p, out)) != 0)
		log_error("informasjonsskriv: pdf: %s", bp_strerror(rc));
	buf_free(&filled);
	pdf_free(p);
	return rc;
}

static int
log_download(struct store_txn *txn, void *arg)
{
	struct letter *l = arg;

	return app_audit(l->a, txn, "infoletter.pdf", NULL, l->detail);
}

/* The letter as PDF: one's kommune's, once its overføringsdato is set (the letter must
 * say the deadline: until then the page says why there is none), or a preview. The
 * download is in the audit log before a byte is sent. */
static int
send_pdf(struct app *a, struct letter *l)
{
	struct buf out = { 0 };
	struct store *st;
	int rc;

	if (l->own && l->dato[0] == '\0')
		return letter_page(a, l, 409, NULL, "Overføringsdatoen for kommunen er ikke satt "
		    "ennå. Informasjonsskrivet må si fristen, så det kan lastes ned når "
		    "kommunekontakten har satt datoen under «Sluttdato og overføring til KORFOR».");
	l->detail = l->own ? "kommune" : "forhåndsvisning";
	if ((rc = letter_pdf(l, &out)) != 0)
		goto out;
	/* a HEAD downloads nothing */
	if (a->req.method != HTTP_HEAD && ((rc = app_store(a, &st)) != 0 ||
	    (rc = store_write(st, log_download, l)) != 0))
		goto out;
	app_header(a, "Content-Disposition: attachment; filename=\"informasjonsskriv-%d-%s.pdf\"",
	    l->year, l->own ? a->me.kommune : "forhandsvisning");
	rc = app_send(a, 200, "application/pdf", out.p, out.len);
out:
	buf_free(&out);
	return rc;
}

static int
letter_get(struct app *a)
{
	struct letter l;
	const char *fil = app_query(a, K_FIL);
	int rc;

	if (*fil && strcmp(fil, "pdf") != 0)
		return BP_ENOENT;
	if ((rc = letter_load(a, &l)) != 0) {
		letter_free(&l);
		return rc;
	}
	rc = *fil ? send_pdf(a, &l) : letter_page(a, &l, 200, NULL, NULL);
	letter_free(&l);
	return rc;
}

/* -- KORFOR's text -------------------------------------------------------------------------- */

struct save {
	struct app *a;
	const char *text;		/* "" for the default */
};

static int
save(struct store_txn *txn, void *arg)
{
	struct save *s = arg;
	int rc;

	if ((rc = infoletter_set(txn, s->text, s->a->me.id, s->a->now)) != 0)
		return rc;
	return app_audit(s->a, txn, "infoletter.changed", NULL, *s->text ? "tekst" : "standard");
}

/* A new text, bounded and checked (413 too long, 400 what the letter must have, each
 * said at the field with the text kept), or back to the default (reset). */
static int
letter_store(struct app *a, int reset)
{
	struct save s = { a, app_form(a, K_TEKST) };
	const char *why = NULL;
	struct letter l;
	struct store *st;
	int status = 0, rc;

	if (authz(&a->me, ACT_INFOLETTER_EDIT, NULL) != 0)
		return BP_EDENIED;
	if (reset)
		s.text = "";
	else if (utf8_chars(s.text, strlen(s.text)) > INFOLETTER_MAX_CHARS)
		status = 413, why = "Informasjonsskrivet kan ha høyst "
		    BP_STR(INFOLETTER_MAX_CHARS) " tegn. Ingenting er lagret.";
	else if (*s.text == '\0')
		status = 400, why = "Informasjonsskrivet kan ikke være tomt. Vil du ha "
		    "standardteksten, velg «Bruk standardteksten».";
	else if ((why = infoletter_check(s.text)) != NULL)
		status = 400;
	if (status) {
		if ((rc = letter_load(a, &l)) == 0)
			rc = letter_page(a, &l, status, s.text, why);
		letter_free(&l);
		return rc;
	}
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, save, &s)) != 0)
		return rc;
	return app_redirect(a, *s.text ? "/cgi-bin/informasjonsskriv?melding=lagret" :
	    "/cgi-bin/informasjonsskriv?melding=standard");
}

static int letter_save(struct app *a) { return letter_store(a, 0); }
static int letter_reset(struct app *a) { return letter_store(a, 1); }

/* "Bruk standardteksten" is the form's second button (handling=standard); Lagre sends none */
static const struct route routes[] = {
	{ HTTP_GET, "", letter_get, R_LOGIN, NULL },
	{ HTTP_POST, "", letter_reset, R_LOGIN, "standard" },
	{ HTTP_POST, "", letter_save, R_LOGIN, NULL },
};

int
main(void)
{
	int rc = app_main("informasjonsskriv", routes, sizeof(routes) / sizeof(routes[0]));

	pdf_exit();
	return rc;
}
