/* tilgangslogg.c: "Tilgangslogg", the trace of every access in one's scope: logins, links,
 * changes of access, look-ups of persons, reservasjoner, dates, transfers and downloads
 * (the audit log, audit.h). The kommunekontakt sees its kommune's events, KORUS its
 * region's, KORFOR all; filtered by person, kind and date, newest first, at most ROWS_MAX
 * lines (the page says how many there are), as the Endringslogger are.
 *
 *   GET /cgi-bin/tilgangslogg[?person=ID][&type=KIND][&fra=YYYY-MM-DD][&til=YYYY-MM-DD]
 *
 * The filters are a GET query without personal data: an account id, a kind, two days. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"

#define ROWS_MAX 1000		/* lines shown; the rest are counted and said */
#define AUDIT_LINE_MAX 2048		/* a stored line: seven fields of at most 200 bytes, and time */
#define PEOPLE_MAX 5000		/* accounts offered in the person filter */
#define NAMES_MAX 256		/* accounts named on the page, looked up once */

/* What an event is called on the page; an event not here shows its own name. */
static const struct {
	const char *event;
	const char *title;
} titles[] = {
	{ "login.ok", "Logget inn" }, { "login.locked", "Innlogging sperret" },
	{ "login.fail.konto", "Mislykket innlogging (ukjent e-post)" },
	{ "login.fail.passord", "Mislykket innlogging (passord)" },
	{ "login.fail.kode", "Mislykket innlogging (engangskode)" },
	{ "login.fail.suspendert", "Innlogging avvist: suspendert konto" },
	{ "login.fail.ukjent", "Innlogging avvist: ingen konto" },
	{ "logout", "Logget ut" }, { "account.sessions.ended", "Andre økter avsluttet" },
	{ "register.ok", "Registrert" }, { "register.refused", "Registrering avvist" },
	{ "invite.created", "Registreringslenker laget" },
	{ "invite.withdrawn", "Registreringslenke trukket tilbake" },
	{ "account.suspended", "Konto suspendert" },
	{ "account.restored", "Suspensjon opphevet" }, { "account.role", "Rolle endret" },
	{ "account.password", "Passord endret" }, { "account.totp", "Autentiseringsapp byttet" },
	{ "reset.created", "Tilbakestillingslenke laget" },
	{ "reset.used", "Tilbakestillingslenke brukt" },
	{ "welcome.changed", "Velkomstmelding endret" },
	{ "survey.lookup", "Oppslag av fødselsnummer" },
	{ "survey.delete", "Kartlegging slettet" },
	{ "surveys.handover", "Kartlegginger overført til en kollega" },
	{ "reservation.check", "Reservasjon sjekket" },
	{ "reservation.add", "Reservasjon registrert" },
	{ "reservation.delete", "Reservasjon slettet" },
	{ "period.dates", "Sluttdato eller overføringsdato endret" },
	{ "transfer", "Kartleggingene overført til KORFOR" },
	{ "report.view", "Rapport åpnet" }, { "report.csv", "Rapport lastet ned (CSV)" },
	{ "report.pdf", "Rapport lastet ned (PDF)" },
	{ "registry.csv", "Overførte kartlegginger lastet ned (CSV)" },
	{ "innsyn.pdf", "Innsyn lastet ned (PDF)" },
	{ "init", "Lageret opprettet" },
};

struct name {
	char id[ACCOUNT_ID_LEN + 1];
	char name[4 * ACCOUNT_NAME_CHARS + 1];
};

struct logview {
	struct app *a;
	struct store_txn *txn;
	const struct refdata *rd;
	struct audit_filter f;
	xmlNodePtr people, list;
	long people_n;
	int person_known;		/* the filter's person is one of those offered */
	unsigned long count, shown;
	struct name *names;
	size_t nnames;
};

static const char *
region_of(const char *kommune, void *arg)
{
	return refdata_kommune_region(arg, kommune);
}

/* a name for an account id, a tool's name, or "" */
static const char *
name_of(struct logview *v, const char *id)
{
	struct account acct;
	size_t i;

	if (*id == '\0')
		return "";
	if (strlen(id) != ACCOUNT_ID_LEN)
		return strcmp(id, "cron") == 0 ? "Systemet (bp-transfer)" :
		    strcmp(id, "bpadm") == 0 ? "Systemet (bpadm)" : id;
	for (i = 0; i < v->nnames; i++)
		if (strcmp(v->names[i].id, id) == 0)
			return v->names[i].name;
	if (account_load(v->txn, id, &acct) != 0)
		return "Ukjent konto";
	if (v->nnames == NAMES_MAX)
		v->nnames = 0;		/* start the cache again: it stays bounded */
	str_copy(v->names[v->nnames].id, sizeof(v->names[0].id), id);
	str_copy(v->names[v->nnames].name, sizeof(v->names[0].name), acct.name);
	return v->names[v->nnames++].name;
}

static int
add_line(const char *line, size_t len, void *arg)
{
	struct logview *v = arg;
	struct page *pg = &v->a->page;
	char copy[AUDIT_LINE_MAX];
	struct audit_line l;
	const char *title, *name;
	xmlNodePtr n;
	size_t i;

	if (len >= sizeof(copy))
		return 0;
	memcpy(copy, line, len);
	copy[len] = '\0';
	if (audit_split(copy, &l) != 0 || !audit_match(&l, &v->f))
		return 0;
	if (v->count++ >= ROWS_MAX)
		return 0;		/* counted, not shown */
	v->shown++;
	for (i = 0, title = l.event; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strcmp(titles[i].event, l.event) == 0)
			title = titles[i].title;
	n = page_add(pg, v->list, "line", NULL);
	page_attr(pg, n, "time", l.time);
	page_attr(pg, n, "event", title);
	page_attr(pg, n, "who", name_of(v, l.actor));
	page_attr(pg, n, "about", *l.subject && strcmp(l.subject, l.actor) != 0 ?
	    name_of(v, l.subject) : "");
	if (*l.kommune && (name = refdata_kommune_name(v->rd, l.kommune)) != NULL)
		page_attr(pg, n, "kommune", name);
	page_attr(pg, n, "detail", l.detail);
	page_attr(pg, n, "addr", l.addr);
	return 0;
}

static int
add_person(const struct account *acct, void *arg)
{
	struct logview *v = arg;
	xmlNodePtr n;

	if (v->people_n++ >= PEOPLE_MAX)
		return 1;
	n = page_add(&v->a->page, v->people, "account", NULL);
	page_attr(&v->a->page, n, "id", acct->id);
	page_attr(&v->a->page, n, "name", acct->name);
	page_attr(&v->a->page, n, "role", role_titles[acct->role]);
	if (v->f.person && strcmp(v->f.person, acct->id) == 0)
		v->person_known = 1;
	return 0;
}

/* the people of the reader's scope, for the person filter */
static int
read_people(struct store_txn *txn, struct logview *v)
{
	const struct account *me = &v->a->me;
	int r, rc;

	switch (me->role) {
	case ROLE_KORFOR:
		/* the country's accounts are many: those who administer something */
		for (r = ROLE_KORFOR, rc = 0; r <= ROLE_KOMMUNE && rc == 0; r++)
			rc = account_scan(txn, 'o', role_ids[r], add_person, v);
		return rc;
	case ROLE_KORUS:
		return account_scan(txn, 'r', me->region, add_person, v);
	case ROLE_KOMMUNE:
		return account_scan(txn, 'k', me->kommune, add_person, v);
	default:
		return BP_EDENIED;
	}
}

static int
read_log(struct store_txn *txn, void *arg)
{
	struct logview *v = arg;
	int rc;

	v->txn = txn;
	if ((rc = read_people(txn, v)) != 0)
		return rc;
	if (v->f.person && !v->person_known)
		return BP_ENOENT;
	if (v->list == NULL)
		return 0;
	return audit_list(txn, add_line, v);
}

static int
log_get(struct app *a)
{
	const char *person = app_query(a, K_PERSON), *type = app_query(a, K_TYPE);
	char fra[DATE_LEN + 1], til[DATE_LEN + 1];
	struct target scope = target_account(&a->me);
	struct logview v;
	struct store *st;
	xmlNodePtr fl, n;
	int rc, k, bad = 0;

	scope.account = NULL;
	if (authz(&a->me, ACT_ACCESS_LOG, &scope) != 0)
		return BP_EDENIED;
	memset(&v, 0, sizeof(v));
	v.a = a;
	v.f.kind = -1;
	if ((rc = app_refdata(a, &v.rd)) != 0 || (rc = app_page(a, "tilgangslogg")) != 0)
		return rc;
	/* the reader's scope: a kommune, a region (its kommuner's lines too), or all */
	if (a->me.role == ROLE_KOMMUNE)
		v.f.kommune = a->me.kommune;
	else if (a->me.role == ROLE_KORUS) {
		v.f.region = a->me.region;
		v.f.region_of = region_of;
		v.f.arg = (void *)v.rd;
	}
	/* a bad filter is said at its field; the lines are then not shown */
	if (!account_id_form(person)) {
		app_message(a, "error", "person", "Velg en person fra listen.");
		bad = 1;
	} else if (*person)
		v.f.person = person;
	if (*type && (v.f.kind = audit_kind_from_id(type)) < 0) {
		app_message(a, "error", "type", "Velg en type hendelse fra listen.");
		bad = 1;
	}
	if (app_date_range(a, fra, til))
		bad = 1;
	fl = page_add(&a->page, NULL, "filter", NULL);
	page_attr(&a->page, fl, "person", person);
	page_attr(&a->page, fl, "type", type);
	v.f.fra = fra;
	v.f.til = til;
	/* as typed, so a refused one can be corrected */
	page_attr(&a->page, fl, "fra", app_query(a, K_FRA));
	page_attr(&a->page, fl, "til", app_query(a, K_TIL));
	page_attr(&a->page, fl, "scope", a->me.role == ROLE_KORFOR ? "land" :
	    a->me.role == ROLE_KORUS ? "region" : "kommune");
	for (k = 0; k < audit_nkinds; k++) {
		n = page_add(&a->page, fl, "kind", audit_kinds[k].title);
		page_attr(&a->page, n, "id", audit_kinds[k].id);
	}
	v.people = page_add(&a->page, fl, "people", NULL);
	if (!bad)
		v.list = page_add(&a->page, NULL, "lines", NULL);
	rc = BP_ENOMEM;
	if ((v.names = calloc(NAMES_MAX, sizeof(*v.names))) == NULL ||
	    (rc = app_store(a, &st)) != 0)
		goto out;
	rc = store_read(st, read_log, &v);
	if (rc == BP_ENOENT) {
		/* an account id of the right form, but not one of the reader's scope */
		app_message(a, "error", "person", "Velg en person fra listen.");
		if (v.list) {
			xmlUnlinkNode(v.list);
			xmlFreeNode(v.list);
			v.list = NULL;
		}
	} else if (rc != 0)
		goto out;
	if (v.list) {
		page_attr_ll(&a->page, v.list, "count", (long long)v.count);
		page_attr_ll(&a->page, v.list, "shown", (long long)v.shown);
	}
	rc = app_render(a, 200);
out:
	free(v.names);
	return rc;
}

static const struct route routes[] = {
	{ HTTP_GET, "", log_get, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("tilgangslogg", routes, sizeof(routes) / sizeof(routes[0]));
}
