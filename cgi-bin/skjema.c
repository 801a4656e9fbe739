/* skjema.c: the survey form (2025 manual, "Kartlegge ny bruker" and the tab sections; 2026
 * manual, "Kartlegging av brukere"; cgi-bin/README.md "Kartlegging").
 *
 * One tab per page. Every button of the form saves the tab being left (a tab button, then
 * shows the other tab), so nothing typed is lost and the form works without JavaScript.
 * Obs, Feil and Logg are views of the record, not forms.
 *
 *   GET  /cgi-bin/skjema?id=ID                 303 to the first tab
 *   GET  /cgi-bin/skjema?id=ID&fane=TAB[&melding=lagret]
 *                                              any tab, Obs, Feil or Logg; the first
 *                                              of a session writes "åpnet" (below)
 *   POST /cgi-bin/skjema id versjon fane ANSWERS... (handling=lagre|lukk or gaa=TAB)
 *
 * A save must name the version it was made from: when someone saved in between, nothing
 * is written and the tab comes back with one's answers and the newer version, to be
 * looked over and saved again (cgi-bin/README.md "Kartlegging").
 *
 * Showing a tab is the common case and the largest page, so it needs neither the
 * definition nor its rules: the tab's HTML was rendered at build time (formtab.h) and the
 * record keeps its evaluation from when it was saved (answers.h). The definition is
 * loaded to save, and to evaluate a record kept under another definition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "app.h"
#include "authz.h"
#include "fnr.h"
#include "period.h"
#include "formtab.h"
#include "survey.h"


struct form {
	struct app *a;
	const struct secrets *sec;
	const struct formtab *ft;	/* loaded to show a tab: need_formtab() */
	const struct definition *def;	/* loaded when needed: need_definition() */
	const char *id;
	const char *tab;		/* the tab shown (GET) or posted (POST) */
	unsigned char key[SURVEY_KEY_LEN];
	xmlDocPtr record;		/* as stored */
	xmlDocPtr edited;		/* POST: the record with the posted tab merged in */
	struct survey_facts facts;	/* as stored */
	long long posted_version;
	struct answers_merge_result merge;
	struct buf changed;		/* ids of changed items */
	int stale;
	int locked;			/* the kommune's sluttdato has come (period.h) */
	int retting;			/* POST, locked: a correction the person asked for */
	int refused_locked;		/* POST, locked: changes that are not a retting */
	int ready;			/* POST: prepared, to be written */
	struct survey_sealed sealed;	/* POST: the record for the write */
	int log_open;			/* GET: not yet "åpnet" in this session */
	xmlNodePtr log;			/* Logg: where its lines go on the page */
	struct log_accounts who;	/* names in the log */
};

static void
form_reset(struct form *f)
{
	xmlFreeDoc(f->record);
	xmlFreeDoc(f->edited);
	f->record = f->edited = NULL;
	buf_reset(&f->changed);
	f->stale = 0;
}

static void
form_free(struct form *f)
{
	form_reset(f);
	buf_free(&f->changed);
	crypto_wipe(&f->facts, sizeof(f->facts));
}

/* From sluttdato a survey is read, not edited, but for a retting the person asked for
 * (cgi-bin/README.md "The year's cycle and the transfer"). The kommune and year are those
 * of the survey's key. */
static int
check_lock(struct store_txn *txn, struct form *f)
{
	char kommune[5], today[DATE_LEN + 1];
	struct period p;
	int rc;

	survey_key_kommune(f->key, kommune);
	if ((rc = period_get(txn, kommune, survey_key_year(f->key), &p)) != 0)
		return rc;
	time_date((time_t)f->a->now, today);
	f->locked = period_state(&p, survey_key_year(f->key), today) != PERIOD_OPEN;
	return 0;
}

/* The survey of the id, if it is one's own: another's is as good as absent. */
static int
open_own(struct store_txn *txn, struct form *f)
{
	char owner[ACCOUNT_ID_LEN + 1];
	int rc;

	form_reset(f);
	if ((rc = survey_find(txn, f->id, f->key)) != 0)
		return rc == BP_EINVAL ? BP_ENOENT : rc;
	if ((rc = survey_facts(txn, NULL, f->a->me.id, f->key, &f->facts)) != 0)
		return rc;
	if ((rc = survey_open(txn, f->sec, f->key, owner, &f->record)) != 0)
		return rc;
	if (strcmp(owner, f->a->me.id) != 0)
		return BP_ENOENT;
	return check_lock(txn, f);
}

static int
find_key(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	int rc = survey_find(txn, f->id, f->key);

	return rc == BP_EINVAL ? BP_ENOENT : rc;
}

/* Look up the survey's key. 0 or a bp_err (BP_ENOENT: none of one's own). */
static int
form_start(struct app *a, struct form *f, const char *id)
{
	struct store *st;
	int rc;

	memset(f, 0, sizeof(*f));
	f->a = a;
	f->id = id;
	if (authz(&a->me, ACT_SURVEY, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &f->sec)) != 0)
		return rc;
	return store_read(st, find_key, f);
}

/* The year's rendered tabs (186 KB for 2026): read only where a tab is shown. A save that
 * answers with a redirect needs the definition alone; reading the tabs as well cost it 45
 * page faults. */
static int
need_formtab(struct form *f)
{
	return f->ft ? 0 : app_formtab(f->a, survey_key_year(f->key), &f->ft);
}

static int
need_definition(struct form *f)
{
	return f->def ? 0 : app_definition(f->a, survey_key_year(f->key), &f->def);
}

/* A tab of the form, by the tabs loaded: the rendered ones (to show a tab) or the
 * definition's (to save one); the first are made from the second. */
static int
is_tab(const struct form *f, const char *id)
{
	const struct def_tab *tabs;
	int i, n;

	if (f->ft != NULL)
		return formtab_tab(f->ft, id) != NULL;
	n = definition_tabs(f->def, &tabs);
	for (i = 0; i < n; i++)
		if (strcmp(tabs[i].id, id) == 0)
			return 1;
	return 0;
}

static int
is_view(const char *id)
{
	return strcmp(id, "obs") == 0 || strcmp(id, "feil") == 0 || strcmp(id, "logg") == 0;
}

/* -- the endringslogg ----------------------------------------------------------------------- */

struct log_arg {
	struct store_txn *txn;
	struct form *f;
};

/* 1 when another item of def has the label of it ("Akutt" in TSB, psykisk helsevern and
 * somatikk) */
static int
label_shared(const struct definition *def, const struct def_item *it)
{
	const struct def_item *items;
	int i, n = definition_items(def, &items);

	for (i = 0; i < n; i++)
		if (&items[i] != it && strcmp(items[i].label, it->label) == 0)
			return 1;
	return 0;
}

/* "time\taccount\taction"; "lagret a b c" names the items that changed, by label, and
 * where a label is shared by where the item stands, so that the line says which */
static int
add_log_line(const char *line, size_t len, void *arg)
{
	struct log_arg *l = arg;
	struct page *pg = &l->f->a->page;
	char when[17], ids[sizeof(((struct survey_log_line *)0)->action)], *id, *save;
	const struct def_item *it;
	struct buf labels = { 0 };
	struct survey_log_line ln;
	xmlNodePtr n;

	if (survey_log_parse(line, len, &ln) != 0)
		return 0;
	time_datetime((time_t)ln.time, when);
	n = page_add(pg, l->f->log, "entry", NULL);
	page_attr(pg, n, "time", when);
	page_attr(pg, n, "who", log_account_name(log_account(l->txn, &l->f->who, ln.account),
	    ln.account));
	if (ln.ids) {
		str_copy(ids, sizeof(ids), ln.ids);
		for (id = strtok_r(ids, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
			it = definition_item(l->f->def, id);
			buf_printf(&labels, "%s%s", labels.len ? ", " : "", it ? it->label : id);
			if (it && *it->where && label_shared(l->f->def, it))
				buf_printf(&labels, " (%s)", it->where);
		}
		page_attr(pg, n, "changed", labels.p ? labels.p : "");
	}
	page_attr(pg, n, "action", ln.name);
	buf_free(&labels);
	return labels.err;
}

/* -- GET ------------------------------------------------------------------------------------ */

/* Every opening of a survey leaves a trace in its endringslogg: "åpnet" once per session
 * and survey, whichever tab or view is opened first, by link or by URL. The first tab
 * shown right after "Kartlegg bruker" is the creation's own ("opprettet" in this session
 * is its trace); opening the survey from the list writes "åpnet" all the same. */
static int
read_form(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	int rc;

	if ((rc = open_own(txn, f)) != 0)
		return rc;
	if ((rc = survey_log_opened(txn, f->key, f->a->me.id, f->a->sess.created,
	    f->tab != NULL)) < 0)
		return rc;
	f->log_open = rc == 0;
	return 0;
}

static int
read_log(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	struct log_arg l = { txn, f };

	if (need_definition(f) != 0)
		return BP_ENOENT;
	return survey_log_list(txn, f->key, add_log_line, &l);
}

/* in its own write, checked again under the writer's lock: two tabs opened at once write
 * one line */
static int
log_opened(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	int rc;

	if ((rc = survey_log_opened(txn, f->key, f->a->me.id, f->a->sess.created,
	    f->tab != NULL)) != 0)
		return rc < 0 ? rc : 0;
	return survey_log(txn, f->key, f->a->now, f->a->me.id, "åpnet");
}

static const char *const finding_kinds[] = { "missing", "invalid", "error", "obs" };

/* The tabs with their colour: grey until saved once, then red with a finding, else green. */
static void
add_tabs(struct form *f, xmlDocPtr rec, const struct evaluation *ev)
{
	struct page *pg = &f->a->page;
	const struct formtab_tab *tabs;
	xmlNodePtr list, n;
	int i, j, bad, count = formtab_tabs(f->ft, &tabs);

	list = page_add(pg, NULL, "tabs", NULL);
	for (i = 0; i < count; i++) {
		for (j = 0, bad = 0; j < ev->nfindings; j++)
			bad += ev->findings[j].kind != FINDING_OBS &&
			    strcmp(ev->findings[j].tab, tabs[i].id) == 0;
		n = page_add(pg, list, "tab", tabs[i].title);
		page_attr(pg, n, "id", tabs[i].id);
		page_attr(pg, n, "state", !answers_visited(rec, tabs[i].id) ? "grey" :
		    bad ? "red" : "green");
		page_attr_ll(pg, n, "errors", bad);
	}
}

static void
add_findings(struct form *f, const struct evaluation *ev)
{
	struct page *pg = &f->a->page;
	const struct formtab_tab *tab;
	xmlNodePtr list, n;
	int i;

	list = page_add(pg, NULL, "findings", NULL);
	for (i = 0; i < ev->nfindings; i++) {
		const struct finding *fi = &ev->findings[i];

		n = page_add(pg, list, "finding", fi->text);
		page_attr(pg, n, "kind", finding_kinds[fi->kind]);
		page_attr(pg, n, "field", fi->field);
		page_attr(pg, n, "tab", fi->tab);
		if ((tab = formtab_tab(f->ft, fi->tab)) != NULL)
			page_attr(pg, n, "tab-title", tab->title);
		page_attr(pg, n, "label", fi->label);
		page_attr(pg, n, "where", fi->where);
	}
}

/* What holds a survey back, in two parts (2026 manual: a feilmelding "kan bety at et
 * spørsmål er ubesvart, eller at du har valgt to eller flere svar som motsier
 * hverandre"): the mandatory questions left to answer, which a new survey has many of and
 * is no fault yet, and the answers that are wrong or contradict each other. */
static void
add_counts(struct page *pg, xmlNodePtr s, const struct evaluation *ev)
{
	int i, wrong = 0;

	for (i = 0; i < ev->nfindings; i++)
		wrong += ev->findings[i].kind == FINDING_INVALID ||
		    ev->findings[i].kind == FINDING_ERROR;
	page_attr_ll(pg, s, "errors", ev->errors);
	page_attr_ll(pg, s, "wrong", wrong);
	page_attr_ll(pg, s, "unanswered", ev->errors - wrong);
}

/* The evaluation of a stored record: the one it keeps, else made again. */
static int
stored_evaluation(struct form *f, xmlDocPtr rec, struct evaluation *ev)
{
	int rc;

	if ((rc = answers_stored_evaluation(rec, formtab_stamp(f->ft), ev)) != BP_ENOENT)
		return rc;
	if ((rc = need_definition(f)) != 0)
		return rc;
	return definition_evaluate(f->def, rec, ev);
}

/* The tab's form, filled, and the record for the script that shows follow-ups live. */
static int
add_form(struct form *f, xmlDocPtr rec, const struct evaluation *ev,
    const struct answers_merge_result *typed)
{
	struct page *pg = &f->a->page;
	struct formtab_values v = { rec, ev, answers_visited(rec, f->tab),
	    typed ? typed->problems : NULL, typed ? typed->nproblems : 0 };
	struct buf html = { 0 }, ctx = { 0 };
	int rc;

	if ((rc = formtab_fill(formtab_tab(f->ft, f->tab), &v, &html)) == 0 &&
	    (rc = answers_context(rec, &ctx)) == 0) {
		page_add_buf(pg, NULL, "body", &html);
		page_add_buf(pg, NULL, "context", &ctx);
	}
	buf_free(&html);
	buf_free(&ctx);
	return rc ? rc : pg->err;
}

/* The page of one tab of rec: stored (typed NULL), or edited and not saved, with the
 * values that were refused. */
static int
form_page(struct form *f, xmlDocPtr rec, long long version,
    const struct answers_merge_result *typed)
{
	struct app *a = f->a;
	struct page *pg = &a->page;
	struct evaluation *ev;
	xmlNodePtr s;
	int rc;

	if ((rc = need_formtab(f)) != 0)
		return rc;
	if ((ev = malloc(sizeof(*ev))) == NULL)
		return BP_ENOMEM;
	rc = typed ? definition_evaluate(f->def, rec, ev) : stored_evaluation(f, rec, ev);
	if (rc != 0 || (rc = app_page(a, is_view(f->tab) ? "skjema-vis" : "skjema")) != 0) {
		free(ev);
		return rc;
	}
	s = page_add(pg, NULL, "survey", NULL);
	page_attr(pg, s, "id", f->id);
	page_attr_ll(pg, s, "versjon", version);
	page_attr(pg, s, "aar", answers_attr(rec, "aar"));
	page_attr(pg, s, "fnr", answers_attr(rec, "fnr"));
	page_attr(pg, s, "kjonn", kjonn_title(answers_attr(rec, "kjonn")));
	page_attr(pg, s, "kjonn-id", answers_attr(rec, "kjonn"));
	page_attr(pg, s, "fodselsar", answers_attr(rec, "fodselsar"));
	page_attr(pg, s, "alder", answers_attr(rec, "alder"));
	page_attr(pg, s, "fane", f->tab);
	page_attr(pg, s, "visited", answers_visited(rec, f->tab) ? "1" : "0");
	page_attr(pg, s, "locked", f->locked ? "1" : "0");
	/* locked: the tab is read only until "Rett etter krav fra bruker" (retting=1) */
	page_attr(pg, s, "retting", f->locked && (f->retting ||
	    strcmp(app_query(a, K_RETTING), "1") == 0) ? "1" : "0");
	add_counts(pg, s, ev);
	page_attr_ll(pg, s, "obs", ev->obs);
	add_tabs(f, rec, ev);
	add_findings(f, ev);
	if (!is_view(f->tab)) {
		page_add(pg, NULL, "script", "skjema.js");
		rc = add_form(f, rec, ev, typed);
	}
	free(ev);
	return rc ? rc : pg->err;
}

static int
skjema_get(struct app *a)
{
	const char *tab = app_query(a, K_FANE);
	char target[128];
	struct store *st;
	struct form f;
	int rc;

	if ((rc = form_start(a, &f, app_query(a, K_ID))) != 0)
		return rc;
	if (*tab != '\0') {
		if ((rc = need_formtab(&f)) != 0) {
			form_free(&f);
			return rc;
		}
		if (!is_tab(&f, tab) && !is_view(tab))
			return BP_ENOENT;
		f.tab = tab;
	}
	if ((rc = app_store(a, &st)) != 0) {
		form_free(&f);
		return rc;
	}
	rc = store_read(st, read_form, &f);
	if (rc == 0 && f.log_open)
		rc = store_write(st, log_opened, &f);
	if (rc == 0 && *tab == '\0') {
		/* opened from the list: to the first tab */
		form_free(&f);
		snprintf(target, sizeof(target), "/cgi-bin/skjema?id=%s&fane=bruker", f.id);
		return app_redirect(a, target);
	}
	if (rc != 0 || (rc = form_page(&f, f.record, f.facts.version, NULL)) != 0) {
		form_free(&f);
		return rc;
	}
	if (strcmp(tab, "logg") == 0 && (rc = (f.log = page_add(&a->page, NULL, "log", NULL)) ==
	    NULL ? BP_ENOMEM : store_read(st, read_log, &f)) != 0) {
		form_free(&f);
		return rc;
	}
	if (strcmp(app_query(a, K_MELDING), "lagret") == 0)
		app_message(a, "notice", NULL, "Kartleggingen er lagret.");
	form_free(&f);
	return app_render(a, 200);
}

/* -- POST ----------------------------------------------------------------------------------- */

/* A save works in a read transaction and writes in a short write transaction of its own.
 * LMDB lets one writer in at a time: merging, pruning and evaluating under its lock (3M
 * instructions, then the fsync) made every save wait for the one before. The write checks
 * that the record is still at the version the work began from (survey_save); a save that
 * came in between sends the work round again, where it shows as stale. */
#define SAVE_TRIES 3

/* the posted tab merged into the record as stored: 1 to show the tab again (problems, or
 * stale), 0 with f->ready when there is something to write */
static int
prepare(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	const struct http_list *form = &f->a->req.form;
	struct evaluation ev;
	const char *word;
	int rc, visited_before;

	f->ready = 0;
	f->refused_locked = 0;
	if ((rc = open_own(txn, f)) != 0)
		return rc;
	f->retting = f->locked && strcmp(app_form(f->a, K_RETTING), "ja") == 0;
	word = f->retting ? "rettet" : "lagret";
	if ((f->edited = xmlCopyDoc(f->record, 1)) == NULL)
		return BP_ENOMEM;
	visited_before = answers_visited(f->record, f->tab);
	if ((rc = answers_merge(f->def, f->edited, f->tab, form, &f->merge)) != 0)
		return rc;
	if ((rc = definition_prune(f->def, f->edited)) < 0)
		return rc;
	if (f->merge.nproblems > 0)
		return 1;			/* shown again, not saved */
	buf_puts(&f->changed, word);
	if ((rc = answers_changed(f->def, f->record, f->edited, &f->changed)) != 0)
		return rc;
	/* nothing to write, so nothing to refuse; when locked, not even a tab first seen */
	if (strcmp(f->changed.p, word) == 0 && (visited_before || f->locked))
		return 0;
	if (f->locked && !f->retting) {
		f->refused_locked = 1;
		return 1;
	}
	if (f->facts.version != f->posted_version) {
		f->stale = 1;
		return 1;
	}
	if ((rc = definition_evaluate(f->def, f->edited, &ev)) != 0 ||
	    (rc = answers_store_evaluation(f->edited, definition_stamp(f->def), &ev)) != 0)
		return rc;
	f->facts.errors = ev.errors;
	f->facts.obs = ev.obs;
	f->facts.changed = f->a->now;
	f->ready = 1;
	return 0;
}

/* the sealed record written, if the stored one is still the one the work began from */
static int
commit(struct store_txn *txn, void *arg)
{
	struct form *f = arg;
	int rc;

	if ((rc = survey_put(txn, &f->sealed)) != 0)
		return rc;
	/* "lagret a b c": the items that changed */
	return survey_log(txn, f->key, f->a->now, f->a->me.id, f->changed.p);
}

static int
save(struct app *a, struct form *f)
{
	struct store *st;
	char fnr[16];
	int rc = BP_ESTALE, tries;

	if (app_store(a, &st) != 0)
		return BP_ESTORE;
	for (tries = 0; tries < SAVE_TRIES && rc == BP_ESTALE; tries++) {
		if ((rc = store_read(st, prepare, f)) != 0 || !f->ready)
			return rc;
		str_copy(fnr, sizeof(fnr), answers_attr(f->record, "fnr"));
		rc = survey_seal(f->sec, f->key, f->a->me.id, f->edited, fnr, &f->facts,
		    &f->sealed);
		crypto_wipe(fnr, sizeof(fnr));
		if (rc == 0)
			rc = store_write(st, commit, f);
		survey_sealed_free(&f->sealed);
	}
	return rc;
}

static int
skjema_post(struct app *a)
{
	const char *tab = app_form(a, K_FANE), *go = app_form(a, K_GAA),
	    *action = app_form(a, K_HANDLING);
	char target[160];
	long long version;
	struct form f;
	int rc, i, stale;

	if ((version = app_form_ll(a, K_VERSJON, 0)) == 0)	/* a save names its version */
		return BP_EINVAL;
	if ((rc = form_start(a, &f, app_form(a, K_ID))) != 0)
		return rc;
	if ((rc = need_definition(&f)) != 0) {
		form_free(&f);
		return rc;
	}
	if (!is_tab(&f, tab) || (*go && !is_tab(&f, go) && !is_view(go))) {
		form_free(&f);
		return BP_EINVAL;
	}
	f.tab = tab;
	f.posted_version = version;
	rc = save(a, &f);
	if (rc < 0) {
		form_free(&f);
		return rc;
	}
	if (rc == 1) {
		/* not saved: the tab again, with what was sent */
		if ((rc = form_page(&f, f.edited, f.facts.version, &f.merge)) != 0) {
			form_free(&f);
			return rc;
		}
		for (i = 0; i < f.merge.nproblems; i++)
			app_message(a, "error", f.merge.problems[i].field, f.merge.problems[i].text);
		stale = f.stale || f.refused_locked;
		if (f.refused_locked)
			app_message(a, "error", "retting", "Kartleggingen er låst fra sluttdato, så "
			    "endringene er ikke lagret. Endringer kan bare lagres som retting etter "
			    "krav fra brukeren: kryss av for det og trykk «Lagre».");
		if (f.stale)
			app_message(a, "error", NULL, "Noen har lagret denne kartleggingen etter at "
			    "du åpnet den, så svarene dine i denne fanen er ikke lagret. Se over "
			    "svarene og trykk «Lagre» for å lagre dem.");
		form_free(&f);
		return app_render(a, stale ? 409 : 200);
	}
	/* saved, and only a redirect follows: the records go with the process (freeing them
	 * node by node cost 0.2M instructions). Where a page follows, freeing them first
	 * lets the stylesheet reuse their memory: fewer page faults. */
	if (!app_frees_at_exit())
		f.record = f.edited = NULL;
	form_free(&f);
	if (strcmp(action, "lukk") == 0)
		return app_redirect(a, "/cgi-bin/kartlegging?melding=lagret");
	if (*go)
		snprintf(target, sizeof(target), "/cgi-bin/skjema?id=%s&fane=%s", f.id, go);
	else
		snprintf(target, sizeof(target), "/cgi-bin/skjema?id=%s&fane=%s&melding=lagret",
		    f.id, tab);
	return app_redirect(a, target);
}

static const struct route routes[] = {
	{ HTTP_GET, "", skjema_get, R_LOGIN, NULL },
	{ HTTP_POST, "", skjema_post, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("skjema", routes, sizeof(routes) / sizeof(routes[0]));
}
