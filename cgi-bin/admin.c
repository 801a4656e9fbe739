/* admin.c: "Administrer kartleggere" (2025 manual, "Ansatte som slutter"; Vedlegg 2).
 *
 *   GET  /cgi-bin/admin[?kommune=NNNN]      the accounts of a kommune; KORUS and KORFOR
 *                                           first choose the kommune (region / country)
 *   GET  /cgi-bin/admin/suspender?id=ID     "Vil du virkelig suspendere ...?"
 *   POST /cgi-bin/admin/suspender id bekreft=ja
 *   GET  /cgi-bin/admin/opphev?id=ID        "Opphev suspensjon", with a reason
 *   POST /cgi-bin/admin/opphev id grunn
 *   GET  /cgi-bin/admin/rolle?id=ID         kartlegger <-> kommunekontakt
 *   POST /cgi-bin/admin/rolle id rolle [instans tjenestetype]
 *
 * A suspended account cannot log in, its invitation links are withdrawn and its identity
 * cannot register again that year (access.h). KORFOR, and KORUS in its region, undo a
 * mistaken suspension and change roles (2026 manual: "KORFOR kontaktes"). What may be
 * seen or done, row by row, is authz's to say. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "authz.h"
#include "period.h"
#include "record.h"
#include "survey.h"

/* The target that stands for "the accounts of kommune nr". */
static struct target
kommune_target(const char *nr, const char *region)
{
	struct target t = { ROLE_KARTLEGGER, region, nr, "", NULL, 0, NULL };

	return t;
}

/* -- choosing a kommune (KORUS: its region; KORFOR: the country) ---------------------- */

/* accounts per kommunenummer, indexed by the number itself: every kommune has its place,
 * however many there are (a list of the first 256 left the rest of the 357 uncounted) */
struct tally {
	long count[10000];
};

/* the index of a kommunenummer of four digits, or -1 */
static int
tally_index(const char *nr)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		if (nr[i] < '0' || nr[i] > '9')
			return -1;
		v = 10 * v + (nr[i] - '0');
	}
	return nr[4] == '\0' || nr[4] == ':' ? v : -1;
}

static int
tally_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct tally *t = arg;
	const char *key = k;
	int i;

	(void)v;
	(void)vlen;
	if (klen < 7 || key[6] != ':' || (i = tally_index(key + 2)) < 0)	/* "k:NNNN:<id>" */
		return 0;
	t->count[i]++;
	return 0;
}

static int
count_accounts(struct store_txn *txn, void *arg)
{
	return store_scan(txn, DB_SCOPES, "k:", 2, 0, tally_one, arg);
}

/* the account's surveys this year, and how many have errors (no fødselsnummer is read) */
struct tally_own {
	long surveys, errors;
};

static int
count_own(const struct survey_facts *facts, void *arg)
{
	struct tally_own *t = arg;

	t->surveys++;
	t->errors += facts->errors > 0;
	return 0;
}

/* The year of each kommune with accounts (KORUS: its region; KORFOR: the country): its
 * dates, surveys, surveys with errors, and the transfer (2026 manual: "meld fra til KORUS"
 * made visible; issue 17 §7) */
struct overview {
	struct app *a;
	struct store_txn *txn;
	xmlNodePtr kommuner;
	int year;
	struct tally_own own;
};

static int
count_account(const struct account *acct, void *arg)
{
	struct overview *o = arg;

	return survey_list(o->txn, NULL, acct->id, o->year, count_own, &o->own);
}

static int
overview(struct store_txn *txn, void *arg)
{
	struct overview *o = arg;
	struct page *pg = &o->a->page;
	struct period p;
	char when[17];
	xmlNodePtr k;
	int rc;

	o->txn = txn;
	for (k = o->kommuner ? o->kommuner->children : NULL; k; k = k->next) {
		const char *nr = record_node_attr(k, "nr");

		if (nr == NULL || record_node_attr(k, "accounts") == NULL)
			continue;
		if ((rc = period_get(txn, nr, o->year, &p)) != 0)
			return rc;
		o->own.surveys = o->own.errors = 0;
		if ((rc = account_scan(txn, 'k', nr, count_account, o)) != 0)
			return rc;
		page_attr(pg, k, "sluttdato", p.sluttdato);
		page_attr(pg, k, "overforingsdato", p.overforingsdato);
		page_attr_ll(pg, k, "surveys", o->own.surveys);
		page_attr_ll(pg, k, "with-errors", o->own.errors);
		if (p.overfort) {
			time_date((time_t)p.overfort, when);
			page_attr(pg, k, "overfort", when);
			page_attr_ll(pg, k, "transferred", p.transferred);
		}
	}
	return 0;
}

static int
choose_page(struct app *a)
{
	const struct refdata *rd;
	struct tally *t;
	struct store *st;
	struct overview o;
	xmlNodePtr k;
	int i, rc;

	if ((rc = app_refdata(a, &rd)) != 0 || (rc = app_store(a, &st)) != 0)
		return rc;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return BP_ENOMEM;
	if ((rc = store_read(st, count_accounts, t)) != 0 ||
	    (rc = app_page(a, "admin-choose")) != 0) {
		free(t);
		return rc;
	}
	refdata_page(&a->page, rd, a->me.role == ROLE_KORUS ? a->me.region : NULL, NULL);
	/* the number of accounts on each kommune element */
	for (k = xmlDocGetRootElement(a->page.doc)->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "kommuner") != 0)
			continue;
		for (k = k->children; k; k = k->next) {
			xmlChar *nr = xmlGetProp(k, BAD_CAST "nr");

			if (nr && (i = tally_index((const char *)nr)) >= 0 && t->count[i] > 0)
				page_attr_ll(&a->page, k, "accounts", t->count[i]);
			xmlFree(nr);
		}
		break;
	}
	free(t);
	o = (struct overview){ a, NULL, NULL, time_year((time_t)a->now), { 0, 0 } };
	for (k = xmlDocGetRootElement(a->page.doc)->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, "kommuner") == 0)
			o.kommuner = k;
	if ((rc = store_read(st, overview, &o)) != 0)
		return rc;
	return app_render(a, 200);
}

/* -- the accounts of one kommune ------------------------------------------------------ */

struct rows {
	struct app *a;
	struct store_txn *txn;
	xmlNodePtr list;
	struct account inviter;		/* the last read (app_account_invited) */
};

static int
add_row(const struct account *acct, void *arg)
{
	struct rows *r = arg;
	struct target t = target_account(acct);
	struct tally_own own = { 0, 0 };
	xmlNodePtr n;
	int rc;

	if (authz(&r->a->me, ACT_ADMIN, &t) != 0)
		return 0;
	n = app_account_node(r->a, r->list, acct);
	app_account_invited(r->a, r->txn, n, acct, &r->inviter);
	/* before sluttdato the kommunekontakt sees whose surveys have errors, so that they are
	 * fixed before the transfer holds them back (issue 17 §6) */
	if ((rc = survey_list(r->txn, NULL, acct->id, time_year((time_t)r->a->now), count_own,
	    &own)) != 0)
		return rc;
	page_attr_ll(&r->a->page, n, "surveys", own.surveys);
	page_attr_ll(&r->a->page, n, "with-errors", own.errors);
	if (authz(&r->a->me, ACT_SUSPEND, &t) == 0)
		page_attr(&r->a->page, n, "can-suspend", "1");
	if (authz(&r->a->me, ACT_RESTORE, &t) == 0)
		page_attr(&r->a->page, n, "can-restore", "1");
	if (authz(&r->a->me, ACT_ROLE, &t) == 0)
		page_attr(&r->a->page, n, "can-role", "1");
	if (r->a->cfg.auth == AUTH_LOCAL && authz(&r->a->me, ACT_RESET, &t) == 0)
		page_attr(&r->a->page, n, "can-reset", "1");
	return 0;
}

struct listing {
	struct rows rows;
	const char *kommune;
};

static int
list_kommune(struct store_txn *txn, void *arg)
{
	struct listing *l = arg;

	l->rows.txn = txn;
	return account_scan(txn, 'k', l->kommune, add_row, &l->rows);
}

static const struct {
	const char *id;
	const char *text;
} notices[] = {
	{ "suspendert", "Kontoen er suspendert, og registreringslenkene den har laget er trukket "
	  "tilbake. Husk å overføre kartleggingene til en annen kartlegger i samme instans "
	  "eller til kommunekontakten." },
	{ "gjenopprettet", "Suspensjonen er opphevet. Personen kan logge inn igjen." },
	{ "rolle", "Rollen er endret. Kontoen, innloggingen og kartleggingene er de samme." },
};

static int
admin_get(struct app *a)
{
	const char *nr = app_query(a, K_KOMMUNE), *region, *name;
	const struct refdata *rd;
	struct listing l;
	struct target t;
	struct store *st;
	xmlNodePtr k;
	size_t i;
	int rc;

	if (*nr == '\0') {
		if (a->me.role == ROLE_KOMMUNE)
			nr = a->me.kommune;
		else if (a->me.role == ROLE_KORUS || a->me.role == ROLE_KORFOR)
			return choose_page(a);
	}
	if ((rc = app_refdata(a, &rd)) != 0)
		return rc;
	if ((name = refdata_kommune_name(rd, nr)) == NULL)
		return a->me.role == ROLE_KARTLEGGER ? BP_EDENIED : BP_ENOENT;
	region = refdata_kommune_region(rd, nr);
	t = kommune_target(nr, region ? region : "");
	if (authz(&a->me, ACT_ADMIN, &t) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_page(a, "admin")) != 0)
		return rc;
	k = page_add(&a->page, NULL, "kommune", NULL);
	page_attr(&a->page, k, "nr", nr);
	page_attr(&a->page, k, "name", name);
	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(app_query(a, K_MELDING), notices[i].id) == 0)
			app_message(a, "notice", NULL, notices[i].text);
	l = (struct listing){ { a, NULL, page_add(&a->page, NULL, "accounts", NULL), { .id = "" } },
	    nr };
	if ((rc = store_read(st, list_kommune, &l)) != 0)
		return rc;
	return app_render(a, 200);
}

/* -- acting on one account: suspend, restore, change of role -------------------------- */

/* "Vil du virkelig suspendere kartleggeren «...»?" (2025 manual) */
static const char *const role_the[ROLE__MAX] = {
	"KORFOR-kontoen", "KORUS-kontoen", "kommunekontakten", "kartleggeren"
};

enum change_kind { DO_SUSPEND, DO_RESTORE, DO_ROLE };

/* each change: who may make it, its page, its audit event and the notice it ends with */
static const struct {
	enum action act;
	const char *page;
	const char *event;
	const char *notice;
} changes[] = {
	[DO_SUSPEND] = { ACT_SUSPEND, "admin-suspend", "account.suspended", "suspendert" },
	[DO_RESTORE] = { ACT_RESTORE, "admin-restore", "account.restored", "gjenopprettet" },
	[DO_ROLE] = { ACT_ROLE, "admin-role", "account.role", "rolle" },
};

struct change {
	struct app *a;
	enum change_kind kind;
	const char *id;
	struct account acct;
	char reason[4 * ACCESS_REASON_CHARS + 1];	/* DO_RESTORE */
	int role;					/* DO_ROLE: enum role, or -1 */
	char instans[4 * ACCOUNT_NAME_CHARS + 1];
	char tjenestetype[64];
	long links;			/* links the change withdrew */
	int denied;
};

static int
load_target(struct store_txn *txn, void *arg)
{
	struct change *c = arg;

	return account_load(txn, c->id, &c->acct);
}

static int
apply(struct store_txn *txn, void *arg)
{
	struct change *c = arg;
	const struct secrets *sec;
	struct target t;
	char detail[96];
	enum role from;
	int rc;

	if ((rc = account_load(txn, c->id, &c->acct)) != 0)
		return rc;
	t = target_account(&c->acct);
	if (authz(&c->a->me, changes[c->kind].act, &t) != 0) {
		c->denied = 1;
		return BP_EDENIED;
	}
	if ((rc = app_secrets(c->a, &sec)) != 0)
		return rc;
	from = c->acct.role;
	c->links = 0;
	switch (c->kind) {
	case DO_SUSPEND:
		rc = access_suspend(txn, sec, &c->acct, c->a->me.id, c->a->now, &c->links);
		break;
	case DO_RESTORE:
		rc = access_restore(txn, sec, &c->acct, c->a->me.id, c->reason, c->a->now);
		break;
	case DO_ROLE:
		rc = access_set_role(txn, &c->acct, (enum role)c->role, c->instans,
		    c->tjenestetype, c->a->me.id, c->a->now, &c->links);
		break;
	}
	if (rc != 0)
		return rc;
	/* the reason is the restorer's own words: it stays in the account's history */
	snprintf(detail, sizeof(detail), "%s>%s lenker-trukket=%ld", role_ids[from],
	    role_ids[c->acct.role], c->links);
	return app_audit(c->a, txn, changes[c->kind].event, &c->acct, detail);
}

/* After a change: back to the kommune's accounts, or to the register for accounts
 * without a kommune (KORUS, KORFOR). */
static int
back(struct app *a, const struct account *acct, const char *notice)
{
	char target[96];

	if (acct->kommune[0])
		snprintf(target, sizeof(target), "/cgi-bin/admin?kommune=%s&melding=%s",
		    acct->kommune, notice);
	else
		snprintf(target, sizeof(target), "/cgi-bin/autorisasjon?melding=%s", notice);
	return app_redirect(a, target);
}

/* The confirmation page of a change, naming the person; with the form's errors. */
static int
change_page(struct change *c, const char *field, const char *error)
{
	struct app *a = c->a;
	struct target t = target_account(&c->acct);
	xmlNodePtr n;
	int tj, rc;

	if (authz(&a->me, changes[c->kind].act, &t) != 0)
		return BP_EDENIED;
	if ((rc = app_page(a, changes[c->kind].page)) != 0)
		return rc;
	n = page_add(&a->page, NULL, "account", NULL);
	page_attr(&a->page, n, "id", c->acct.id);
	page_attr(&a->page, n, "name", c->acct.name);
	page_attr(&a->page, n, "instans", c->acct.instans);
	page_attr(&a->page, n, "the", role_the[c->acct.role]);
	page_attr(&a->page, n, "kommune", c->acct.kommune);
	page_attr(&a->page, n, "role", role_ids[c->acct.role]);
	page_attr(&a->page, n, "role-title", role_titles[c->acct.role]);
	if ((tj = tjenestetype_from_id(c->acct.tjenestetype)) >= 0)
		page_attr(&a->page, n, "tjenestetype", tjenestetype_ids[tj]);
	n = page_add(&a->page, NULL, "values", NULL);
	page_attr(&a->page, n, "grunn", c->reason);
	page_attr(&a->page, n, "rolle", c->role >= 0 ? role_ids[c->role] : "");
	page_attr(&a->page, n, "instans", c->instans[0] ? c->instans : c->acct.instans);
	page_attr(&a->page, n, "tjenestetype", c->tjenestetype[0] ? c->tjenestetype :
	    c->acct.tjenestetype);
	if (c->kind == DO_ROLE)
		for (tj = 0; tj < TJ__MAX; tj++) {
			n = page_add(&a->page, NULL, "tjenestetype", tjenestetype_titles[tj]);
			page_attr(&a->page, n, "id", tjenestetype_ids[tj]);
		}
	if (error != NULL)
		app_message(a, "error", field, error);
	return app_render(a, error ? 400 : 200);
}

static int
change_get(struct app *a, enum change_kind kind)
{
	struct change c;
	struct store *st;
	int rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.kind = kind;
	c.role = -1;
	c.id = app_query(a, K_ID);
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	if ((rc = store_read(st, load_target, &c)) != 0)
		return rc;
	return change_page(&c, NULL, NULL);
}

/* A stated reason: 1 to ACCESS_REASON_CHARS characters of text, no control characters. */
static int
reason_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || !utf8_valid(s, n) || utf8_chars(s, n) > ACCESS_REASON_CHARS)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* The form of a change: NULL when it is complete, else the field and its error. */
static const char *
read_change(struct app *a, struct change *c, const char **field)
{
	*field = NULL;
	if (c->kind == DO_SUSPEND)
		return strcmp(app_form(a, K_BEKREFT), "ja") == 0 ? NULL : "";
	if (c->kind == DO_RESTORE) {
		str_copy(c->reason, sizeof(c->reason), app_form(a, K_GRUNN));
		str_trim(c->reason);
		*field = "grunn";
		return reason_valid(c->reason) ? NULL : c->reason[0] ? "Grunnen kan ha høyst 200 "
		    "tegn." : "Skriv hvorfor suspensjonen oppheves (obligatorisk).";
	}
	c->role = role_from_id(app_form(a, K_ROLLE));
	str_copy(c->instans, sizeof(c->instans), app_form(a, K_INSTANS));
	str_trim(c->instans);
	str_copy(c->tjenestetype, sizeof(c->tjenestetype), app_form(a, K_TJENESTETYPE));
	*field = "rolle";
	if (c->role != ROLE_KOMMUNE && c->role != ROLE_KARTLEGGER)
		return "Velg kommunekontakt eller kartlegger.";
	if (c->role == ROLE_KARTLEGGER && !name_valid(c->instans)) {
		*field = "instans";
		return c->instans[0] ? "Navnet på instansen kan ha høyst 100 tegn." :
		    "Skriv navnet på instansen kartleggeren tilhører (obligatorisk).";
	}
	if (c->role == ROLE_KARTLEGGER && tjenestetype_from_id(c->tjenestetype) < 0) {
		*field = "tjenestetype";
		return "Velg tjenestetype.";
	}
	return NULL;
}

static int
change_post(struct app *a, enum change_kind kind)
{
	const char *error, *field;
	struct change c;
	struct store *st;
	int rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.kind = kind;
	c.id = app_form(a, K_ID);
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	if ((error = read_change(a, &c, &field)) != NULL) {
		if (*error == '\0')
			return BP_EINVAL;
		if ((rc = store_read(st, load_target, &c)) != 0)
			return rc;
		return change_page(&c, field, error);
	}
	rc = store_write(st, apply, &c);
	if (c.denied)
		return BP_EDENIED;
	if (rc != 0)
		return rc;
	return back(a, &c.acct, changes[kind].notice);
}

static int suspend_get(struct app *a) { return change_get(a, DO_SUSPEND); }
static int suspend_post(struct app *a) { return change_post(a, DO_SUSPEND); }
static int restore_get(struct app *a) { return change_get(a, DO_RESTORE); }
static int restore_post(struct app *a) { return change_post(a, DO_RESTORE); }
static int role_get(struct app *a) { return change_get(a, DO_ROLE); }
static int role_post(struct app *a) { return change_post(a, DO_ROLE); }

static const struct route routes[] = {
	{ HTTP_GET, "", admin_get, R_LOGIN, NULL },
	{ HTTP_GET, "/suspender", suspend_get, R_LOGIN, NULL },
	{ HTTP_POST, "/suspender", suspend_post, R_LOGIN, NULL },
	{ HTTP_GET, "/opphev", restore_get, R_LOGIN, NULL },
	{ HTTP_POST, "/opphev", restore_post, R_LOGIN, NULL },
	{ HTTP_GET, "/rolle", role_get, R_LOGIN, NULL },
	{ HTTP_POST, "/rolle", role_post, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("admin", routes, sizeof(routes) / sizeof(routes[0]));
}
