/* menu.c: the main menu (hovedmeny) of a logged-in account, per role (2025 manual,
 * "Hovedmeny"; 2026 manual, "Registrering i brukerplan.no"): the year card, and the entries
 * one's role may use. An entry whose feature is not built yet is left out, not stubbed.
 *
 * The year card counts what the role answers for: a kartlegger its own surveys; the
 * kommunekontakt the kommune's, and how many of them have no errors (only those are
 * transferred); KORUS its region's and KORFOR the country's, those still in the kommuner
 * and those transferred. Counting is cheap: a kartlegger's count is the size of its index
 * entry (no account is read, only the scope's ids), and only the kommunekontakt's reads each
 * survey's facts (a kommune's few hundred).
 *
 *   GET /cgi-bin/menu[?velkommen=1]    (velkommen: show the velkomstmelding, once)
 */
#include <string.h>

#include "account.h"
#include "app.h"
#include "authz.h"
#include "refdata.h"
#include "period.h"
#include "survey.h"
#include "welcome.h"

struct facts {
	struct app *a;
	struct store_txn *txn;
	const struct refdata *rd;
	int year;
	long surveys;			/* one's own */
	/* the scope's, for the kommunekontakt, KORUS and KORFOR */
	long scope_surveys;		/* still in the kommuner */
	long scope_errors;		/* of those, with errors (kommunekontakt only) */
	long transferred;		/* gone to KORFOR this year */
	int transfers;			/* kommuner that have transferred */
	struct buf welcome;
	long long version;
	struct period period;		/* the kommune's dates, for those who survey */
};

static int
count_facts(const struct survey_facts *sf, void *arg)
{
	struct facts *f = arg;

	f->scope_surveys++;
	f->scope_errors += sf->errors > 0;
	return 0;
}

/* the kommunekontakt: each survey of the kommune, for its errors */
static int
count_kommune(const char *id, void *arg)
{
	struct facts *f = arg;

	return survey_list(f->txn, NULL, id, f->year, count_facts, f);
}

/* KORUS and KORFOR: how many each account of the scope holds, without reading them */
static int
count_holder(const char *id, void *arg)
{
	struct facts *f = arg;
	long n;
	int rc;

	if ((rc = survey_count(f->txn, id, f->year, &n)) != 0)
		return rc;
	f->scope_surveys += n;
	return 0;
}

/* the transfers of the year in the scope (KORUS: the kommuner of its region) */
static int
count_transfer(const char *kommune, int year, const struct period *p, void *arg)
{
	struct facts *f = arg;
	const char *region;

	if (year != f->year || !p->overfort)
		return 0;
	if (f->a->me.role == ROLE_KORUS && ((region = refdata_kommune_region(f->rd, kommune)) ==
	    NULL || strcmp(region, f->a->me.region) != 0))
		return 0;
	f->transferred += p->transferred;
	f->transfers++;
	return 0;
}

static int
read_scope(struct facts *f)
{
	const struct account *me = &f->a->me;
	int rc;

	switch (me->role) {
	case ROLE_KOMMUNE:
		return account_scan_ids(f->txn, 'k', me->kommune, count_kommune, f);
	case ROLE_KORUS:
		if ((rc = account_scan_ids(f->txn, 'r', me->region, count_holder, f)) != 0)
			return rc;
		return period_scan(f->txn, count_transfer, f);
	case ROLE_KORFOR:
		/* those who survey: kartleggere and kommunekontakter */
		if ((rc = account_scan_ids(f->txn, 'o', role_ids[ROLE_KARTLEGGER], count_holder,
		    f)) != 0 || (rc = account_scan_ids(f->txn, 'o', role_ids[ROLE_KOMMUNE],
		    count_holder, f)) != 0)
			return rc;
		return period_scan(f->txn, count_transfer, f);
	default:
		return 0;
	}
}

static int
read_facts(struct store_txn *txn, void *arg)
{
	struct facts *f = arg;
	int rc;

	f->txn = txn;
	if ((rc = survey_count(txn, f->a->me.id, f->year, &f->surveys)) != 0 ||
	    (rc = read_scope(f)) != 0)
		return rc;
	if (strlen(f->a->me.kommune) == 4 &&
	    (rc = period_get(txn, f->a->me.kommune, f->year, &f->period)) != 0)
		return rc;
	if (strcmp(app_query(f->a, K_VELKOMMEN), "1") == 0)
		return welcome_get(txn, &f->welcome, &f->version);
	return 0;
}

/* what the menu offers: the action each entry needs, asked of authz with a target in
 * one's own scope */
static const struct {
	const char *id;
	enum action act;
	int target_role;		/* level of the target the entry acts on */
} entries[] = {
	{ "kartlegging", ACT_SURVEY, -1 },
	{ "invite", ACT_INVITE, ROLE_KARTLEGGER },
	{ "handover", ACT_HANDOVER, -1 },
	{ "admin", ACT_ADMIN, ROLE_KARTLEGGER },
	{ "authreg", ACT_AUTHREG, ROLE_KORUS },
	{ "welcome", ACT_WELCOME, -1 },
	{ "overforing", ACT_PERIOD, -1 },
	{ "overforte", ACT_REGISTRY, -1 },
	{ "rapport", ACT_REPORT, -1 },
	{ "reservasjon", ACT_RESERVE, -1 },
	{ "informasjonsskriv", ACT_INFOLETTER, -1 },
	{ "endringslogger", ACT_SURVEY_LOGS, -1 },
	{ "tilgangslogg", ACT_ACCESS_LOG, -1 },
};

static int
offered(const struct account *me, size_t i)
{
	struct target t = target_account(me);

	if (entries[i].act == ACT_HANDOVER)	/* one's own surveys: those who survey */
		return authz(me, ACT_SURVEY, NULL) == 0;
	if (entries[i].act == ACT_INFOLETTER)	/* one's kommune's copy, or a preview */
		return authz(me, ACT_INFOLETTER, NULL) == 0 ||
		    authz(me, ACT_INFOLETTER_PREVIEW, NULL) == 0;
	if (entries[i].act == ACT_SURVEY || entries[i].act == ACT_RESERVE ||
	    entries[i].act == ACT_SURVEY_LOGS)	/* one's own kommune: no target */
		return authz(me, entries[i].act, NULL) == 0;
	if (entries[i].act == ACT_AUTHREG && me->role != ROLE_KORFOR)
		t.role = ROLE_KARTLEGGER;
	else if (entries[i].target_role >= 0)
		t.role = entries[i].target_role;
	if (me->role == ROLE_KARTLEGGER && entries[i].act == ACT_INVITE)
		t.instans = me->instans;
	return authz(me, entries[i].act, &t) == 0;
}

static int
menu_get(struct app *a)
{
	struct facts f;
	xmlNodePtr acct, n, menu;
	struct store *st;
	int tj, rc;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.a = a;
	f.year = time_year((time_t)a->now);
	/* the reference data (4M instructions to read) only for KORUS's region */
	if ((rc = app_store(a, &st)) != 0 ||
	    (a->me.role == ROLE_KORUS && (rc = app_refdata(a, &f.rd)) != 0) ||
	    (rc = store_read(st, read_facts, &f)) != 0 || (rc = app_page(a, "menu")) != 0) {
		buf_free(&f.welcome);
		return rc;
	}
	acct = page_add(&a->page, NULL, "account", NULL);
	page_attr(&a->page, acct, "name", a->me.name);
	page_attr(&a->page, acct, "email", a->me.email);
	page_attr(&a->page, acct, "role", role_ids[a->me.role]);
	page_attr(&a->page, acct, "role-title", role_titles[a->me.role]);
	page_attr(&a->page, acct, "kommune", a->me.kommunenavn);
	page_attr(&a->page, acct, "bydel", a->me.bydelnavn);
	page_attr(&a->page, acct, "instans", a->me.instans);
	if ((tj = tjenestetype_from_id(a->me.tjenestetype)) >= 0)
		page_attr(&a->page, acct, "tjenestetype", tjenestetype_titles[tj]);
	if (a->me.role == ROLE_KORUS)	/* its instans is its region's name */
		page_attr(&a->page, acct, "region", a->me.instans);
	n = page_add(&a->page, NULL, "surveys", NULL);
	page_attr_ll(&a->page, n, "count", f.surveys);
	page_attr(&a->page, n, "sluttdato", f.period.sluttdato);
	page_attr(&a->page, n, "overforingsdato", f.period.overforingsdato);
	if (a->me.role != ROLE_KARTLEGGER) {
		xmlNodePtr sc = page_add(&a->page, NULL, "scope", NULL);

		page_attr(&a->page, sc, "of", a->me.role == ROLE_KOMMUNE ? "kommune" :
		    a->me.role == ROLE_KORUS ? "region" : "land");
		page_attr_ll(&a->page, sc, "surveys", f.scope_surveys);
		if (a->me.role == ROLE_KOMMUNE) {
			page_attr_ll(&a->page, sc, "without-errors", f.scope_surveys - f.scope_errors);
			f.transferred = f.period.overfort ? f.period.transferred : 0;
			f.transfers = f.period.overfort != 0;
		}
		page_attr_ll(&a->page, sc, "transferred", f.transferred);
		page_attr_ll(&a->page, sc, "transfers", f.transfers);
	}
	menu = page_add(&a->page, NULL, "entries", NULL);
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
		if (offered(&a->me, i))
			page_add(&a->page, menu, "entry", entries[i].id);
	if (f.welcome.len > 0)
		page_add(&a->page, NULL, "welcome", f.welcome.p);
	buf_free(&f.welcome);
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", menu_get, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("menu", routes, sizeof(routes) / sizeof(routes[0]));
}
