/* kartlegging.c: "Kartlegging <år>" (2026 manual, "Kartlegging av brukere"; 2025 manual,
 * "Kartlegge ny bruker" and "Innsyn, Retting & Sletting"): start a survey from a
 * fødselsnummer, and one's own surveys ("Kartlagte brukere") with search, Endre, Slett.
 *
 *   GET  /cgi-bin/kartlegging[?side=N][&aar=YYYY][&melding=lagret|slettet]
 *   POST /cgi-bin/kartlegging handling=ny fnr [kjonn fodselsar]   303 to the form
 *   POST /cgi-bin/kartlegging handling=sok sok                    the list, searched
 *   POST /cgi-bin/kartlegging handling=slett id [bekreft=ja]      confirm, then delete
 *
 * A number never travels in a URL: starting and searching are POSTs, rows link by the
 * survey's opaque id.
 *
 * At the turn of the year a kommune's surveys stay here until they are transferred
 * (bp-transfer does it after 31 December): the list of the new year says how many of
 * last year's one still holds, and ?aar= shows them, locked, instead of a list that
 * silently starts empty. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "app.h"
#include "authz.h"
#include "period.h"
#include "fnr.h"
#include "reservation.h"
#include "throttle.h"
#include "toplist.h"
#include "survey.h"

#define PAGE_ROWS 50
#define SEARCH_MAX 11

/* -- the list ------------------------------------------------------------------------------ */

/* The rows a page needs. The plain list takes the first `keep` straight from the index
 * kept in list order (survey_order): with 2,000 surveys, reading them all to show 50 was
 * a tenth of the request. A search keeps every match (keep is SIZE_MAX), in a heap whose
 * root is the last of them in list order. */
struct rows {
	struct toplist top;		/* the rows up to the page shown, in list order */
	size_t count;			/* every row listed (that matched the search) */
	const char *query;		/* digits to look for, or NULL for all */
};

/* newest change first: what one worked on last is on top */
static int
by_changed(const void *a, const void *b)
{
	const struct survey_facts *x = a, *y = b;

	if (x->changed != y->changed)
		return x->changed < y->changed ? 1 : -1;
	return memcmp(x->key, y->key, SURVEY_KEY_LEN);
}

/* a search's rows hold numbers: wiped wherever a copy is left */
static void
wipe_row(void *row)
{
	crypto_wipe(((struct survey_facts *)row)->fnr, sizeof(((struct survey_facts *)row)->fnr));
}

/* count f, and keep it while it is among the rows shown */
static int
keep_row(struct rows *r, const struct survey_facts *f)
{
	r->count++;
	return toplist_add(&r->top, f);
}

/* a search: the surveys whose number holds the digits */
static int
add_match(const struct survey_facts *f, void *arg)
{
	struct rows *r = arg;

	return strstr(f->fnr, r->query) == NULL ? 0 : keep_row(r, f);
}

/* the plain list: in list order from the index, up to the rows shown; read_list takes
 * their facts */
static int
add_changed(const unsigned char key[SURVEY_KEY_LEN], long long changed, void *arg)
{
	struct rows *r = arg;
	struct survey_facts f;

	if (r->top.n == r->top.keep)
		return 1;
	memset(&f, 0, sizeof(f));
	memcpy(f.key, key, SURVEY_KEY_LEN);
	f.changed = changed;
	return keep_row(r, &f);
}

struct listing {
	struct app *a;
	const struct secrets *sec;
	struct rows rows;
	int year;			/* of the surveys listed */
	long older;			/* listing this year: one's surveys of last year */
	long page;			/* 1-based */
	size_t from, to;		/* rows shown */
	struct period period;		/* the kommune's dates */
};

static struct survey_facts *
row(const struct listing *l, size_t i)
{
	return toplist_at(&l->rows.top, i);
}

static int
read_list(struct store_txn *txn, void *arg)
{
	struct listing *l = arg;
	int year = l->year, rc;
	long count;
	size_t i;

	l->rows.count = 0;
	if ((rc = period_get(txn, l->a->me.kommune, year, &l->period)) != 0)
		return rc;
	if (year == time_year((time_t)l->a->now) &&
	    (rc = survey_count(txn, l->a->me.id, year - 1, &l->older)) != 0)
		return rc;
	/* the rows up to the end of the page asked for (which holds page 1, shown instead
	 * when the page is past the end) */
	if ((rc = toplist_init(&l->rows.top, sizeof(struct survey_facts), l->rows.query ?
	    SIZE_MAX : (size_t)l->page * PAGE_ROWS, by_changed, wipe_row)) != 0)
		return rc;
	/* a search opens every number; the plain list reads the index up to its page, and
	 * only the numbers on it */
	if (l->rows.query)
		rc = survey_list(txn, l->sec, l->a->me.id, year, add_match, &l->rows);
	else if ((rc = survey_order(txn, l->a->me.id, year, add_changed, &l->rows)) == 0 &&
	    (rc = survey_count(txn, l->a->me.id, year, &count)) == 0)
		l->rows.count = (size_t)count;
	if (rc != 0)
		return rc;
	toplist_sort(&l->rows.top);
	l->from = l->rows.query ? 0 : (size_t)(l->page - 1) * PAGE_ROWS;
	if (l->from > l->rows.count)
		l->from = 0;
	l->to = l->rows.query ? l->rows.top.n : l->from + PAGE_ROWS;
	if (l->to > l->rows.top.n)
		l->to = l->rows.top.n;
	for (i = l->from; i < l->to && !l->rows.query; i++)
		if ((rc = survey_facts(txn, l->sec, l->a->me.id, row(l, i)->key, row(l, i))) != 0)
			return rc;
	return 0;
}

static int
add_list(struct app *a, const char *query, long page, int year)
{
	struct listing l;
	xmlNodePtr list, n;
	char when[TIME_NORWEGIAN_LEN + 1];
	struct store *st;
	size_t i;
	int rc;

	memset(&l, 0, sizeof(l));
	l.a = a;
	l.rows.query = query;
	l.page = page;
	l.year = year;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &l.sec)) != 0)
		return rc;
	if ((rc = store_read(st, read_list, &l)) != 0) {
		toplist_free(&l.rows.top);
		return rc;
	}
	n = page_add(&a->page, NULL, "period", NULL);
	page_attr(&a->page, n, "sluttdato", l.period.sluttdato);
	page_attr(&a->page, n, "overforingsdato", l.period.overforingsdato);
	time_date((time_t)a->now, when);
	page_attr(&a->page, n, "closed", period_state(&l.period, year, when) == PERIOD_OPEN ?
	    "0" : "1");
	list = page_add(&a->page, NULL, "surveys", NULL);
	page_attr_ll(&a->page, list, "year", year);
	page_attr_ll(&a->page, list, "older", l.older);
	page_attr_ll(&a->page, list, "count", (long long)l.rows.count);
	page_attr_ll(&a->page, list, "page", l.from / PAGE_ROWS + 1);
	page_attr_ll(&a->page, list, "pages",
	    (long long)((l.rows.count + PAGE_ROWS - 1) / PAGE_ROWS));
	if (query)
		page_attr(&a->page, list, "query", query);
	for (i = l.from; i < l.to; i++) {
		n = page_add(&a->page, list, "survey", NULL);
		page_attr(&a->page, n, "id", row(&l, i)->id);
		page_attr(&a->page, n, "fnr", row(&l, i)->fnr);
		page_attr_ll(&a->page, n, "errors", row(&l, i)->errors);
		/* as Norwegians write it, made here: the stylesheet's dato template for each of
		 * 50 rows cost the list a fifth of its instructions */
		time_norwegian((time_t)row(&l, i)->changed, 1, when);
		page_attr(&a->page, n, "changed", when);
	}
	toplist_free(&l.rows.top);	/* wipes the numbers */
	return 0;
}

/* The page: the start form (with what was typed, when it must be corrected) and the list
 * of year's surveys (this year's, or last year's not yet transferred). */
static int
list_year(struct app *a, const char *fnr, int ask_kjonn, const char *query, long page,
    int year)
{
	xmlNodePtr n;
	int rc;

	if (authz(&a->me, ACT_SURVEY, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_page(a, "kartlegging")) != 0)
		return rc;
	n = page_add(&a->page, NULL, "start", NULL);
	page_attr(&a->page, n, "fnr", fnr);
	page_attr(&a->page, n, "ask-kjonn", ask_kjonn ? "1" : "0");
	page_attr(&a->page, n, "kjonn", app_form(a, K_KJONN));
	page_attr(&a->page, n, "fodselsar", app_form(a, K_FODSELSAR));
	if ((rc = add_list(a, query, page, year)) != 0)
		return rc;
	return 0;
}

static int
list_page(struct app *a, const char *fnr, int ask_kjonn, const char *query, long page)
{
	return list_year(a, fnr, ask_kjonn, query, page, time_year((time_t)a->now));
}

static int
kartlegging_get(struct app *a)
{
	const char *m = app_query(a, K_MELDING);
	long long page = app_query_ll(a, K_SIDE, 1), now = time_year((time_t)a->now);
	long long year = app_query_ll(a, K_AAR, now);
	int rc;

	/* this year, or last year's surveys not yet transferred */
	if (year != now && year != now - 1)
		return BP_EINVAL;
	if ((rc = list_year(a, "", 0, NULL, (long)page, (int)year)) != 0)
		return rc;
	if (strcmp(m, "lagret") == 0)
		app_message(a, "notice", NULL, "Kartleggingen er lagret.");
	else if (strcmp(m, "slettet") == 0)
		app_message(a, "notice", NULL, "Kartleggingen er slettet.");
	return app_render(a, 200);
}

static int
search(struct app *a)
{
	char q[SEARCH_MAX + 1];
	const char *s = app_form(a, K_SOK);
	size_t i, n = 0;
	int rc;

	for (i = 0; s[i] && n < SEARCH_MAX; i++)	/* digits only; spaces are allowed */
		if (s[i] >= '0' && s[i] <= '9')
			q[n++] = s[i];
		else if (s[i] != ' ')
			break;
	q[n] = '\0';
	if (s[i] != '\0' || n == 0) {
		if ((rc = list_page(a, "", 0, NULL, 1)) != 0)
			return rc;
		app_message(a, "error", "sok", "Søk med siffer fra fødselsnummeret (1 til 11 siffer).");
		return app_render(a, 200);
	}
	if ((rc = list_page(a, "", 0, q, 1)) != 0)
		return rc;
	crypto_wipe(q, sizeof(q));
	return app_render(a, 200);
}

/* -- starting a survey ---------------------------------------------------------------------- */

struct start {
	struct app *a;
	const struct secrets *sec;
	unsigned char key[SURVEY_KEY_LEN];
	xmlDocPtr record;
	const char *fnr;
	struct survey_facts facts;
	char existing[ACCOUNT_ID_LEN + 1];
	struct account owner;		/* of an existing survey */
	char own_id[SURVEY_ID_LEN + 1];	/* page id of one's own existing survey */
	int reserved;
	struct period period;		/* closed: from sluttdato, no new surveys */
	char today[DATE_LEN + 1];
	int closed;
	long wait;			/* > 0: too many look-ups, locked this long */
	int outcome;			/* 0, or BP_EEXIST: surveyed already */
};

/* A start is a look-up of the person: whether reserved, or surveyed by which instans. Each
 * one is counted against the account (THROTTLE_LOOKUP) and written to the audit log with
 * its outcome, never the number; a refused one commits only those two. */
static int
create(struct store_txn *txn, void *arg)
{
	struct start *s = arg;
	int rc;

	s->reserved = 0;
	s->outcome = 0;
	s->existing[0] = '\0';
	if ((rc = period_get(txn, s->a->me.kommune, time_year((time_t)s->a->now), &s->period)) != 0)
		return rc;
	if ((s->closed = period_state(&s->period, time_year((time_t)s->a->now), s->today) !=
	    PERIOD_OPEN))
		return BP_EDENIED;
	if ((s->wait = throttle_attempt_max(txn, THROTTLE_LOOKUP, s->a->me.id, s->a->now,
	    s->a->cfg.lookup_limit)) < 0)
		return BP_ESTORE;
	if (s->wait > 0)
		return app_audit(s->a, txn, "survey.lookup", NULL, "sperret");
	if ((rc = reservation_check(txn, s->sec, s->a->me.kommune,
	    time_year((time_t)s->a->now), s->fnr)) < 0)
		return rc;
	if (rc == 1) {
		s->reserved = 1;
		return app_audit(s->a, txn, "survey.lookup", NULL, "reservert");
	}
	rc = survey_create(txn, s->sec, s->key, s->a->me.id, s->record, s->fnr, &s->facts,
	    s->existing);
	if (rc == BP_EEXIST && strcmp(s->existing, s->a->me.id) == 0) {
		if ((rc = survey_id(txn, s->key, s->own_id)) != 0)
			return rc;
		s->outcome = BP_EEXIST;
		return app_audit(s->a, txn, "survey.lookup", NULL, "kartlagt-av-deg");
	}
	if (rc == BP_EEXIST) {
		if (s->existing[0] && account_load(txn, s->existing, &s->owner) != 0)
			memset(&s->owner, 0, sizeof(s->owner));
		s->outcome = BP_EEXIST;
		return app_audit(s->a, txn, "survey.lookup", NULL, "kartlagt-av-instans");
	}
	if (rc != 0)
		return rc;
	if ((rc = app_audit(s->a, txn, "survey.lookup", NULL, "ny")) != 0)
		return rc;
	return survey_log(txn, s->key, s->a->now, s->a->me.id, "opprettet");
}

/* 429, in Norwegian: the account has looked up too many persons for a while */
static int
lookups_locked(struct app *a, long wait)
{
	char msg[256];
	int rc;

	if ((rc = list_page(a, "", 0, NULL, 1)) != 0)
		return rc;
	snprintf(msg, sizeof(msg), "Du har slått opp svært mange fødselsnumre på kort tid. Av "
	    "hensyn til personvernet må du vente %ld minutter før du slår opp flere.",
	    (wait + 59) / 60);
	app_message(a, "refusal", NULL, msg);
	return app_render(a, 429);
}

/* the answer to a number typed wrong: the form again, with what to correct at its field */
static int
refuse(struct app *a, const char *fnr, int ask_kjonn, const char *field, const char *why)
{
	int rc;

	if ((rc = list_page(a, fnr, ask_kjonn, NULL, 1)) != 0)
		return rc;
	app_message(a, "error", field, why);
	return app_render(a, 200);
}

/* the answer to a person who cannot be surveyed (reserved, too young, already surveyed,
 * the year closed): the form again with the reason as a refusal, not as something to
 * correct (issue 17 §16: "Noe må rettes" only for what the user can correct) */
static int
deny(struct app *a, const char *fnr, int ask_kjonn, const char *why)
{
	int rc;

	if ((rc = list_page(a, fnr, ask_kjonn, NULL, 1)) != 0)
		return rc;
	app_message(a, "refusal", NULL, why);
	return app_render(a, 200);
}

/* kjønn and fødselsår from the kartlegger, for numbers that do not tell (from 2032) */
static int
asked_person(struct app *a, int year, const char **kjonn, int *fodselsar, const char **why,
    const char **field)
{
	const char *k = app_form(a, K_KJONN), *y = app_form(a, K_FODSELSAR);
	long long v;

	*kjonn = strcmp(k, "mann") == 0 || strcmp(k, "kvinne") == 0 ? k : NULL;
	if (*kjonn == NULL) {
		*field = "kjonn";
		*why = "Velg kjønn: dette nummeret sier ikke om personen er mann eller kvinne.";
		return BP_EINVAL;
	}
	if (str_to_ll(y, year - 130, year, &v) != 0) {
		*field = "fodselsar";
		*why = "Skriv fødselsåret med fire siffer: dette nummeret sier ikke når personen er født.";
		return BP_EINVAL;
	}
	*fodselsar = (int)v;
	return 0;
}

static int
start(struct app *a)
{
	const char *raw = app_form(a, K_FNR), *why = NULL, *field = "fnr", *kjonn;
	char today[11], msg[512], target[128];
	const struct definition *def;
	struct evaluation ev;
	struct store *st;
	struct start s;
	struct fnr f;
	int year = time_year((time_t)a->now), fodselsar, alder, rc;

	if (authz(&a->me, ACT_SURVEY, NULL) != 0)
		return BP_EDENIED;
	if (strlen(raw) > 32)
		return refuse(a, "", 0, "fnr", "Fødselsnummeret må ha 11 siffer.");
	if (fnr_parse(raw, a->cfg.mode == MODE_TEST, &f, &why) != 0)
		return refuse(a, raw, 0, "fnr", why);
	time_date((time_t)a->now, today);
	if (f.year == 0) {
		/* a number from 2032 does not say: ask, then take the age reached this year */
		if (!*app_form(a, K_KJONN) && !*app_form(a, K_FODSELSAR))
			return refuse(a, f.digits, 1, "kjonn", "Dette fødselsnummeret sier ikke "
			    "kjønn og fødselsår. Velg kjønn og skriv fødselsår.");
		if (asked_person(a, year, &kjonn, &fodselsar, &why, &field) != 0)
			return refuse(a, f.digits, 1, field, why);
		alder = year - fodselsar;
	} else {
		int ty, tm, td;

		kjonn = kjonn_ids[f.kjonn];
		fodselsar = f.year;
		if ((rc = date_split(today, &ty, &tm, &td)) != 0)
			return rc;
		alder = fnr_age(&f, ty, tm, td);
	}
	if (alder < 16)
		return deny(a, f.digits, f.year == 0, "Personen har ikke fylt 16 år og "
		    "kan ikke kartlegges.");
	if ((rc = app_definition(a, year, &def)) != 0) {
		snprintf(msg, sizeof(msg), "Spørreskjemaet for %d er ikke klart ennå. Kontakt "
		    "KORFOR.", year);
		if (rc != BP_ENOENT)
			return rc;
		return deny(a, f.digits, f.year == 0, msg);
	}
	memset(&s, 0, sizeof(s));
	s.a = a;
	s.fnr = f.digits;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &s.sec)) != 0)
		return rc;
	rc = BP_ENOMEM;
	if ((s.record = answers_new(year, a->me.kommune, f.digits, kjonn, fodselsar, alder)) == NULL ||
	    (rc = definition_evaluate(def, s.record, &ev)) != 0 ||
	    (rc = answers_store_evaluation(s.record, definition_stamp(def), &ev)) != 0 ||
	    (rc = survey_key(s.sec, a->me.kommune, year, f.digits, s.key)) != 0) {
		xmlFreeDoc(s.record);
		return rc;
	}
	s.facts.errors = ev.errors;
	s.facts.obs = ev.obs;
	s.facts.changed = a->now;
	time_date((time_t)a->now, s.today);
	rc = store_write(st, create, &s);
	xmlFreeDoc(s.record);
	if (rc == 0 && s.wait > 0)
		return lookups_locked(a, s.wait);
	if (rc == 0 && s.outcome)
		rc = s.outcome;
	if (s.closed) {
		char slutt[DATE_LEN + 1];

		date_norwegian(s.period.sluttdato, slutt);
		snprintf(msg, sizeof(msg), "Kartleggingen for %d er avsluttet (sluttdato: %s). Nye "
		    "brukere kan ikke kartlegges.", year, slutt[0] ? slutt : "31. desember");
		return deny(a, f.digits, f.year == 0, msg);
	}
	if (s.reserved)
		return deny(a, f.digits, f.year == 0, "Personen har reservert seg mot "
		    "kartlegging i kommunen, og kan ikke kartlegges.");
	if (rc == BP_EEXIST && strcmp(s.existing, a->me.id) == 0) {
		/* one's own: say so, and offer it */
		if ((rc = list_page(a, f.digits, f.year == 0, NULL, 1)) != 0)
			return rc;
		page_attr(&a->page, page_add(&a->page, NULL, "own", NULL), "id", s.own_id);
		app_message(a, "refusal", NULL, "Du har allerede kartlagt denne personen i år.");
		return app_render(a, 200);
	}
	if (rc == BP_EEXIST) {
		/* another instans: which one, and nothing more (cgi-bin/README.md "Kartlegging") */
		snprintf(msg, sizeof(msg), "Personen er allerede kartlagt i kommunen i %d, av "
		    "instansen «%s».", year, s.owner.instans[0] ? s.owner.instans : "ukjent");
		return deny(a, f.digits, f.year == 0, msg);
	}
	if (rc != 0)
		return rc;
	snprintf(target, sizeof(target), "/cgi-bin/skjema?id=%s&fane=bruker", s.facts.id);
	return app_redirect(a, target);
}

/* -- deleting ------------------------------------------------------------------------------- */

struct removal {
	struct app *a;
	const struct secrets *sec;
	const char *id;
	unsigned char key[SURVEY_KEY_LEN];
	struct survey_facts facts;
	int remove;
};

static int
find_own(struct store_txn *txn, struct removal *r)
{
	int rc;

	if ((rc = survey_find(txn, r->id, r->key)) != 0)
		return rc == BP_EINVAL ? BP_ENOENT : rc;
	/* another's survey is as good as absent: nothing tells that it exists */
	return survey_facts(txn, r->sec, r->a->me.id, r->key, &r->facts);
}

static int
do_remove(struct store_txn *txn, void *arg)
{
	struct removal *r = arg;
	int rc;

	if ((rc = find_own(txn, r)) != 0)
		return rc;
	if (!r->remove)
		return 0;
	if ((rc = survey_remove(txn, r->key, r->a->me.id, r->a->now, r->a->me.id)) != 0)
		return rc;
	return app_audit(r->a, txn, "survey.delete", NULL, r->id);
}

static int
delete(struct app *a)
{
	struct removal r;
	struct store *st;
	xmlNodePtr n;
	int rc;

	if (authz(&a->me, ACT_SURVEY, NULL) != 0)
		return BP_EDENIED;
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.id = app_form(a, K_ID);
	r.remove = strcmp(app_form(a, K_BEKREFT), "ja") == 0;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &r.sec)) != 0)
		return rc;
	rc = r.remove ? store_write(st, do_remove, &r) : store_read(st, do_remove, &r);
	if (rc != 0)
		return rc;
	if (r.remove)
		return app_redirect(a, "/cgi-bin/kartlegging?melding=slettet");
	/* "are you sure?": the number, so the right one goes */
	if ((rc = app_page(a, "kartlegging")) != 0)
		return rc;
	n = page_add(&a->page, NULL, "confirm", NULL);
	page_attr(&a->page, n, "id", r.id);
	page_attr(&a->page, n, "fnr", r.facts.fnr);
	page_attr_ll(&a->page, n, "errors", r.facts.errors);
	crypto_wipe(&r.facts, sizeof(r.facts));
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", kartlegging_get, R_LOGIN, NULL },
	{ HTTP_POST, "", start, R_LOGIN, "ny" },
	{ HTTP_POST, "", search, R_LOGIN, "sok" },
	{ HTTP_POST, "", delete, R_LOGIN, "slett" },
};

int
main(void)
{
	return app_main("kartlegging", routes, sizeof(routes) / sizeof(routes[0]));
}
