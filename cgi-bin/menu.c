/* menu.c: the main menu (hovedmeny) of a logged-in account, per role (2025 manual,
 * "Hovedmeny"; 2026 manual, "Registrering i brukerplan.no"): the year card with the
 * number of one's surveys, and the entries one's role may use. An entry whose feature
 * is not built yet is left out, not stubbed.
 *
 *   GET /cgi-bin/menu[?velkommen=1]    (velkommen: show the velkomstmelding, once)
 */
#include <string.h>

#include "app.h"
#include "authz.h"
#include "period.h"
#include "survey.h"
#include "welcome.h"

struct facts {
	struct app *a;
	long surveys;
	struct buf welcome;
	long long version;
	struct period period;		/* the kommune's dates, for those who survey */
};

static int
read_facts(struct store_txn *txn, void *arg)
{
	struct facts *f = arg;
	int rc;

	if ((rc = survey_count(txn, f->a->me.id, time_year((time_t)f->a->now), &f->surveys)) != 0)
		return rc;
	if (strlen(f->a->me.kommune) == 4 &&
	    (rc = period_get(txn, f->a->me.kommune, time_year((time_t)f->a->now), &f->period)) != 0)
		return rc;
	if (strcmp(app_query(f->a, "velkommen"), "1") == 0)
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
	int tj;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.a = a;
	if (app_store(a, &st) != 0 || store_read(st, read_facts, &f) != 0) {
		buf_free(&f.welcome);
		return 500;
	}
	if (app_page(a, "menu") != 0) {
		buf_free(&f.welcome);
		return 500;
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
	{ HTTP_GET, "", menu_get, R_LOGIN },
};

int
main(void)
{
	return app_main("menu", routes, sizeof(routes) / sizeof(routes[0]));
}
