/* innsyn.c: "Last ned PDF: Kartlegging | Endringslogg" (2025 manual, "Innsyn, Retting &
 * Sletting"; 2026 manual, the Logg tab): what a survey holds, and who did
 * what with it, as PDF files for a person who asks for innsyn.
 *
 *   GET /cgi-bin/innsyn?id=ID&fil=kartlegging|endringslogg
 *
 * Only the account the survey belongs to gets it; to anyone else it does not exist (404,
 * as the form answers). The URL names the survey by its opaque page id only. Every
 * download is written to the survey's endringslogg, in a write transaction that ends
 * before a byte is sent: a file that was not logged is never sent. The endringslogg file
 * shows that line too, as it is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "app.h"
#include "authz.h"
#include "fnr.h"
#include "pdf.h"
#include "record.h"
#include "survey.h"


enum fil { FIL_KARTLEGGING, FIL_ENDRINGSLOGG, FIL__MAX };

static const char *const fil_ids[FIL__MAX] = { "kartlegging", "endringslogg" };
/* what the endringslogg says of a download */
static const char *const fil_actions[FIL__MAX] = {
	"skrevet ut kartlegging (innsyn)",
	"skrevet ut endringslogg (innsyn)",
};

/* what a service's two answers are called when the definition has no text for them */
static const char *const service_parts[][2] = {
	{ "hatt", "Mottatt siste år:" },
	{ "videre", "Videreføres/anbefales:" },
};

struct innsyn {
	struct app *a;
	const struct secrets *sec;
	const struct definition *def;
	const char *id;
	enum fil fil;
	int year;
	unsigned char key[SURVEY_KEY_LEN];
	xmlDocPtr record;		/* owned: the survey as stored */
	struct pdf *pdf;		/* owned: the endringslogg's rows go in as read */
	struct log_accounts who;	/* names in the log */
};

static void
innsyn_free(struct innsyn *in)
{
	xmlFreeDoc(in->record);
	pdf_free(in->pdf);
	crypto_wipe(&in->who, sizeof(in->who));
	in->record = NULL;
	in->pdf = NULL;
}


/* -- the endringslogg ----------------------------------------------------------------------- */

/* "Navn (instans)" of an account in the log */
static void
who_text(struct store_txn *txn, struct innsyn *in, const char *id, char *out, size_t size)
{
	const struct account *acct = log_account(txn, &in->who, id);

	if (acct == NULL)
		snprintf(out, size, "%s", log_account_name(NULL, id));
	else if (acct->instans[0] != '\0')
		snprintf(out, size, "%s (%s)", acct->name, acct->instans);
	else
		snprintf(out, size, "%s (%s)", acct->name, role_titles[acct->role]);
}

/* an action as the Logg tab shows it: "Lagret. Endret: <labels>" for "lagret a b c",
 * else the action's name with a capital letter */
static void
action_text(const struct definition *def, const struct survey_log_line *ln, struct buf *out)
{
	char ids[sizeof(ln->action)], *id, *save;
	const char *name = ln->name;
	const struct def_item *it;
	int n = 0;

	if (strncmp(name, "å", 2) == 0)
		buf_printf(out, "Å%s", name + 2);
	else if (strncmp(name, "ø", 2) == 0)
		buf_printf(out, "Ø%s", name + 2);
	else if (name[0] >= 'a' && name[0] <= 'z')
		buf_printf(out, "%c%s", name[0] - 'a' + 'A', name + 1);
	else
		buf_puts(out, name);
	if (ln->ids == NULL)
		return;
	str_copy(ids, sizeof(ids), ln->ids);
	for (id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
		it = definition_item(def, id);
		buf_printf(out, "%s%s", n++ ? ", " : ". Endret: ", it ? it->label : id);
	}
}

static int
log_row(struct innsyn *in, struct store_txn *txn, const struct survey_log_line *ln)
{
	char when[TIME_NORWEGIAN_LEN + 1], who[2 * sizeof(in->who.a[0].name) + 8];
	struct buf what = { 0 };
	const char *cells[3] = { when, who, NULL };
	int rc;

	time_norwegian((time_t)ln->time, 1, when);
	who_text(txn, in, ln->account, who, sizeof(who));
	action_text(in->def, ln, &what);
	cells[2] = what.p ? what.p : "";
	rc = what.err ? what.err : pdf_table_row(in->pdf, cells);
	buf_free(&what);
	return rc;
}

struct log_arg {
	struct innsyn *in;
	struct store_txn *txn;
};

/* one line "time\taccount\taction" of the survey's endringslogg */
static int
add_log_line(const char *line, size_t len, void *arg)
{
	struct log_arg *l = arg;
	struct survey_log_line ln;

	if (survey_log_parse(line, len, &ln) != 0)
		return 0;
	return log_row(l->in, l->txn, &ln);
}

/* -- the kartlegging ------------------------------------------------------------------------ */

/* an item's answer as the form shows it: options by their text, several joined, a
 * checkbox Ja, a count its digits (a service is a row of its own: add_service) */
static void
answer_text(const struct def_item *it, const struct record_index *ix, int visited,
    struct buf *out)
{
	const struct record_child *c;
	const struct def_option *o;
	const char *v;
	size_t n, i;

	if ((c = record_index_find(ix, it->id, &n)) == NULL) {
		buf_puts(out, visited && it->kind == ITEM_CHECKBOX ? "Ikke krysset av" :
		    "Ikke besvart");
		return;
	}
	if (it->kind == ITEM_CHECKBOX) {
		buf_puts(out, "Ja");
		return;
	}
	if (it->kind == ITEM_INTEGER) {
		buf_puts(out, record_node_text(c->node));
		return;
	}
	for (i = 0; i < n; i++) {
		v = record_node_text(c[i].node);
		o = definition_option(it, v);
		buf_printf(out, "%s%s", i ? ", " : "", o ? o->label : v);
	}
}

/* A service as the form shows it: a row of a table headed by the two questions (a run
 * of services is one table, begun when *table is 0), each answered Ja or Nei. */
static int
add_service(struct innsyn *in, const struct def_item *it, const struct record_index *ix,
    int *table)
{
	static const double widths[] = { 0.4, 0.3, 0.3 };
	const char *head[3] = { "Tjeneste", NULL, NULL }, *row[3] = { it->label, NULL, NULL };
	const struct record_child *c;
	const char *v;
	size_t k, n;
	int rc;

	c = record_index_find(ix, it->id, &n);
	for (k = 0; k < 2; k++) {
		head[k + 1] = definition_service_question(in->def, service_parts[k][0]);
		if (head[k + 1] == NULL)
			head[k + 1] = service_parts[k][1];
		v = c ? record_node_attr(c->node, service_parts[k][0]) : NULL;
		row[k + 1] = v == NULL ? "Ikke besvart" : strcmp(v, "ja") == 0 ? "Ja" : "Nei";
	}
	if (!*table && (rc = pdf_table(in->pdf, 3, head, widths)) != 0)
		return rc;
	*table = 1;
	return pdf_table_row(in->pdf, row);
}

/* The levekårsindeks where the form shows it: at the top of the tab of the levekår areas
 * (the items answered on a level), from the engine's evaluation of the record. Its group
 * by name, or why there is none; and that its cut-offs are provisional, as the form says. */
static int
add_index(struct innsyn *in, const struct evaluation *ev, const char *tab,
    const struct def_item *items, int nitems)
{
	char line[160];
	int i, rc;

	for (i = 0; i < nitems; i++)
		if (strcmp(items[i].tab, tab) == 0 && items[i].kind == ITEM_LEVEL)
			break;
	if (i == nitems)
		return 0;
	if (*ev->index_group)
		snprintf(line, sizeof(line), "Levekårsindeks: %s.", ev->index_title);
	else
		snprintf(line, sizeof(line), "Levekårsindeks: ikke beregnet, fordi ikke alle de "
		    "åtte levekårsområdene er besvart.");
	if ((rc = pdf_paragraph(in->pdf, line)) != 0)
		return rc;
	return pdf_paragraph(in->pdf, "Grensene for indeksen er foreløpige.");
}

/* per tab, in the definition's order, each question shown for this record, answered */
static int
add_answers(struct innsyn *in, const struct evaluation *ev)
{
	const struct def_tab *tabs;
	const struct def_item *items;
	struct record_index ix = { 0 };
	struct buf answer = { 0 };
	int ntabs, nitems, t, i, visited, shown, table, rc;

	if ((rc = record_index(in->record, &ix)) != 0)
		return rc;
	ntabs = definition_tabs(in->def, &tabs);
	nitems = definition_items(in->def, &items);
	for (t = 0; rc == 0 && t < ntabs; t++) {
		if ((rc = pdf_heading(in->pdf, tabs[t].title)) != 0 ||
		    (rc = add_index(in, ev, tabs[t].id, items, nitems)) != 0)
			break;
		visited = answers_visited(in->record, tabs[t].id);
		for (i = 0, shown = 0, table = 0; rc == 0 && i < nitems; i++) {
			if (strcmp(items[i].tab, tabs[t].id) != 0 ||
			    evaluation_hidden(ev, items[i].id))
				continue;
			shown++;
			if (items[i].kind == ITEM_SERVICE) {
				rc = add_service(in, &items[i], &ix, &table);
				continue;
			}
			table = 0;
			buf_reset(&answer);
			answer_text(&items[i], &ix, visited, &answer);
			rc = answer.err ? answer.err :
			    pdf_pair(in->pdf, items[i].label, answer.p ? answer.p : "");
		}
		if (rc == 0 && shown == 0)
			rc = pdf_paragraph(in->pdf, "Ingen spørsmål i denne fanen gjelder brukeren.");
	}
	buf_free(&answer);
	record_index_free(&ix);
	return rc;
}

/* -- the document --------------------------------------------------------------------------- */

/* The header of every page: kommune, instans, year, when printed. */
static int
start_document(struct innsyn *in, const char *title)
{
	const struct refdata *rd;
	const char *kname;
	char kommune[5], line[512], now[TIME_NORWEGIAN_LEN + 1];
	int rc;

	survey_key_kommune(in->key, kommune);
	if ((rc = app_refdata(in->a, &rd)) != 0)
		return rc;
	kname = refdata_kommune_name(rd, kommune);
	if ((rc = pdf_new(title, &in->pdf)) != 0)
		return rc;
	snprintf(line, sizeof(line), "%s kommune (%s)", kname ? kname : "Ukjent", kommune);
	if ((rc = pdf_header_line(in->pdf, line)) != 0)
		return rc;
	snprintf(line, sizeof(line), "Instans: %s", in->a->me.instans[0] ? in->a->me.instans :
	    role_titles[in->a->me.role]);
	if ((rc = pdf_header_line(in->pdf, line)) != 0)
		return rc;
	snprintf(line, sizeof(line), "Brukerplan %d", in->year);
	if ((rc = pdf_header_line(in->pdf, line)) != 0)
		return rc;
	time_norwegian((time_t)in->a->now, 1, now);
	snprintf(line, sizeof(line), "Skrevet ut %s", now);
	return pdf_header_line(in->pdf, line);
}

static int
kartlegging_document(struct innsyn *in)
{
	struct evaluation *ev;
	char title[128], line[160];
	int rc;

	/* the file's metadata (its title) shows in viewers, file managers and indexes
	 * without the file being opened: there it names no person, not even by kjønn and
	 * fødselsår, which only the printed title carries */
	snprintf(title, sizeof(title), "Kartlegging %d", in->year);
	if ((rc = start_document(in, title)) != 0)
		return rc;
	snprintf(title, sizeof(title), "Kartlegging %d: %s, %s", in->year,
	    kjonn_title(answers_attr(in->record, "kjonn")), answers_attr(in->record, "fodselsar"));
	if ((rc = pdf_title(in->pdf, title)) != 0)
		return rc;
	snprintf(line, sizeof(line), "Fødselsnummer: %s", answers_attr(in->record, "fnr"));
	rc = pdf_paragraph(in->pdf, line);
	crypto_wipe(line, sizeof(line));
	if (rc != 0)
		return rc;
	if ((ev = malloc(sizeof(*ev))) == NULL)
		return BP_ENOMEM;
	if ((rc = definition_evaluate(in->def, in->record, ev)) == 0) {
		snprintf(line, sizeof(line), "Feil: %d. Obs: %d.", ev->errors, ev->obs);
		if ((rc = pdf_paragraph(in->pdf, line)) == 0)
			rc = add_answers(in, ev);
	}
	free(ev);
	return rc;
}

/* -- the request ---------------------------------------------------------------------------- */

/* The survey of the id, if it is one's own (another's is as good as absent), with its
 * endringslogg read into the document when that is the file asked for. */
static int
read_survey(struct store_txn *txn, void *arg)
{
	struct innsyn *in = arg;
	struct survey_facts facts;
	char owner[ACCOUNT_ID_LEN + 1];
	struct log_arg l = { in, txn };
	struct survey_log_line now;
	char title[64];
	int rc;

	if ((rc = survey_find(txn, in->id, in->key)) != 0)
		return rc == BP_EINVAL ? BP_ENOENT : rc;
	rc = survey_facts(txn, NULL, in->a->me.id, in->key, &facts);
	crypto_wipe(&facts, sizeof(facts));
	if (rc != 0)
		return rc;
	if ((rc = survey_open(txn, in->sec, in->key, owner, &in->record)) != 0)
		return rc;
	if (strcmp(owner, in->a->me.id) != 0)
		return BP_ENOENT;
	if ((in->year = survey_key_year(in->key)) == 0)
		return BP_EXML;
	if ((rc = app_definition(in->a, in->year, &in->def)) != 0)
		return rc;
	if (in->fil != FIL_ENDRINGSLOGG)
		return 0;
	snprintf(title, sizeof(title), "Endringslogg for kartlegging %d", in->year);
	if ((rc = start_document(in, title)) != 0 || (rc = pdf_title(in->pdf, title)) != 0 ||
	    (rc = pdf_table(in->pdf, 3, (const char *const[]){ "Tidspunkt", "Utført av",
	    "Handling" }, (const double[]){ 0.2, 0.35, 0.45 })) != 0)
		return rc;
	if ((rc = survey_log_list(txn, in->key, add_log_line, &l)) != 0)
		return rc;
	/* this download, as log_download writes it */
	memset(&now, 0, sizeof(now));
	now.time = in->a->now;
	str_copy(now.account, sizeof(now.account), in->a->me.id);
	now.name = fil_actions[in->fil];
	return log_row(in, txn, &now);
}

/* the download in the endringslogg, if the survey is still one's own */
static int
log_download(struct store_txn *txn, void *arg)
{
	struct innsyn *in = arg;
	struct survey_facts facts;
	int rc;

	rc = survey_facts(txn, NULL, in->a->me.id, in->key, &facts);
	crypto_wipe(&facts, sizeof(facts));
	if (rc != 0)
		return rc;
	/* in the survey's endringslogg, and in the Tilgangslogg as a download (which file,
	 * never whose) */
	if ((rc = survey_log(txn, in->key, in->a->now, in->a->me.id, fil_actions[in->fil])) != 0)
		return rc;
	return app_audit(in->a, txn, "innsyn.pdf", NULL, fil_ids[in->fil]);
}

static int
innsyn_get(struct app *a)
{
	struct innsyn in;
	struct store *st;
	struct buf out = { 0 };
	int rc, f;

	memset(&in, 0, sizeof(in));
	in.a = a;
	in.id = app_query(a, K_ID);
	if ((f = str_index(fil_ids, FIL__MAX, app_query(a, K_FIL))) < 0)
		return BP_ENOENT;
	in.fil = (enum fil)f;
	if (authz(&a->me, ACT_SURVEY, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &in.sec)) != 0)
		return rc;
	rc = store_read(st, read_survey, &in);
	if (rc == 0 && in.fil == FIL_KARTLEGGING)
		rc = kartlegging_document(&in);
	if (rc == 0)
		rc = pdf_render(in.pdf, &out);
	/* a HEAD downloads nothing, so it is no innsyn to log */
	if (rc == 0 && a->req.method != HTTP_HEAD)
		rc = store_write(st, log_download, &in);
	if (rc != 0) {
		innsyn_free(&in);
		buf_free(&out);
		return rc;
	}
	/* the file is named by year and a piece of the page id: nothing about the person */
	app_header(a, "Content-Disposition: attachment; filename=\"%s-%d-%.8s.pdf\"",
	    fil_ids[in.fil], in.year, in.id);
	app_send(a, 200, "application/pdf", out.p, out.len);
	crypto_wipe(out.p, out.len);
	buf_free(&out);
	innsyn_free(&in);
	return 0;
}

static const struct route routes[] = {
	{ HTTP_GET, "", innsyn_get, R_LOGIN, NULL },
};

int
main(void)
{
	int rc = app_main("innsyn", routes, sizeof(routes) / sizeof(routes[0]));

	pdf_exit();
	return rc;
}
