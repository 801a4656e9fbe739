/* admin.c: "Administrer kartleggere" (2025 manual, "Ansatte som slutter"; Vedlegg 2).
 *
 *   GET  /cgi-bin/admin[?kommune=NNNN]      the accounts of a kommune; KORUS and KORFOR
 *                                           first choose the kommune (region / country)
 *   GET  /cgi-bin/admin/suspender?id=ID     "Vil du virkelig suspendere ...?"
 *   POST /cgi-bin/admin/suspender id bekreft=ja
 *
 * A suspended account cannot log in, and its identity cannot register again that year.
 * What may be seen or done, row by row, is authz's to say. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "survey.h"

/* The target that stands for "the accounts of kommune nr". */
static struct target
kommune_target(const char *nr, const char *region)
{
	struct target t = { ROLE_KARTLEGGER, region, nr, "", NULL, 0, NULL };

	return t;
}

/* -- choosing a kommune (KORUS: its region; KORFOR: the country) ---------------------- */

struct tally {
	char nr[256][5];		/* kommunenummer with accounts, and how many */
	long count[256];
	int n;
};

static int
tally_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct tally *t = arg;
	const char *key = k;
	int i;

	(void)v;
	(void)vlen;
	if (klen < 7 || key[6] != ':')	/* "k:NNNN:<id>" */
		return 0;
	for (i = 0; i < t->n && memcmp(t->nr[i], key + 2, 4) != 0; i++)
		;
	if (i == t->n) {
		if (t->n == 256)
			return 0;
		memcpy(t->nr[t->n], key + 2, 4);
		t->nr[t->n][4] = '\0';
		t->count[t->n++] = 0;
	}
	t->count[i]++;
	return 0;
}

static int
count_accounts(struct store_txn *txn, void *arg)
{
	return store_scan(txn, DB_SCOPES, "k:", 2, 0, tally_one, arg);
}

static int
choose_page(struct app *a)
{
	const struct refdata *rd;
	struct tally *t;
	struct store *st;
	xmlNodePtr k;
	int i;

	if (app_refdata(a, &rd) != 0 || app_store(a, &st) != 0)
		return 500;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return 500;
	if (store_read(st, count_accounts, t) != 0 || app_page(a, "admin-choose") != 0) {
		free(t);
		return 500;
	}
	refdata_page(&a->page, rd, a->me.role == ROLE_KORUS ? a->me.region : NULL, NULL);
	/* the number of accounts on each kommune element */
	for (k = xmlDocGetRootElement(a->page.doc)->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "kommuner") != 0)
			continue;
		for (k = k->children; k; k = k->next) {
			xmlChar *nr = xmlGetProp(k, BAD_CAST "nr");

			for (i = 0; nr && i < t->n; i++)
				if (strcmp(t->nr[i], (const char *)nr) == 0)
					page_attr_ll(&a->page, k, "accounts", t->count[i]);
			xmlFree(nr);
		}
		break;
	}
	free(t);
	return app_render(a, 200);
}

/* -- the accounts of one kommune ------------------------------------------------------ */

struct rows {
	struct app *a;
	xmlNodePtr list;
};

static int
add_row(const struct account *acct, void *arg)
{
	struct rows *r = arg;
	struct target t = target_account(acct);
	xmlNodePtr n;

	if (authz(&r->a->me, ACT_ADMIN, &t) != 0)
		return 0;
	n = app_account_node(r->a, r->list, acct);
	if (!acct->tilbakekalt && authz(&r->a->me, ACT_SUSPEND, &t) == 0)
		page_attr(&r->a->page, n, "can-suspend", "1");
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

	return account_scan(txn, 'k', l->kommune, add_row, &l->rows);
}

static const struct {
	const char *id;
	const char *text;
} notices[] = {
	{ "suspendert", "Kontoen er suspendert. Husk å overføre kartleggingene til en annen "
	  "kartlegger i samme instans eller til kommunekontakten." },
};

static int
admin_get(struct app *a)
{
	const char *nr = app_query(a, "kommune"), *region, *name;
	const struct refdata *rd;
	struct listing l;
	struct target t;
	struct store *st;
	xmlNodePtr k;
	size_t i;

	if (*nr == '\0') {
		if (a->me.role == ROLE_KOMMUNE)
			nr = a->me.kommune;
		else if (a->me.role == ROLE_KORUS || a->me.role == ROLE_KORFOR)
			return choose_page(a);
	}
	if (app_refdata(a, &rd) != 0)
		return 500;
	if ((name = refdata_kommune_name(rd, nr)) == NULL)
		return a->me.role == ROLE_KARTLEGGER ? 403 : 404;
	region = refdata_kommune_region(rd, nr);
	t = kommune_target(nr, region ? region : "");
	if (authz(&a->me, ACT_ADMIN, &t) != 0)
		return 403;
	if (app_store(a, &st) != 0 || app_page(a, "admin") != 0)
		return 500;
	k = page_add(&a->page, NULL, "kommune", NULL);
	page_attr(&a->page, k, "nr", nr);
	page_attr(&a->page, k, "name", name);
	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(app_query(a, "melding"), notices[i].id) == 0)
			app_message(a, "notice", NULL, notices[i].text);
	l = (struct listing){ { a, page_add(&a->page, NULL, "accounts", NULL) }, nr };
	if (store_read(st, list_kommune, &l) != 0)
		return 500;
	return app_render(a, 200);
}

/* -- suspending ---------------------------------------------------------------------- */

/* "Vil du virkelig suspendere kartleggeren «...»?" (2025 manual) */
static const char *const role_the[ROLE__MAX] = {
	"KORFOR-kontoen", "KORUS-kontoen", "kommunekontakten", "kartleggeren"
};

struct suspend {
	struct app *a;
	const char *id;
	struct account acct;
	int denied;
};

static int
load_target(struct store_txn *txn, void *arg)
{
	struct suspend *s = arg;

	return account_load(txn, s->id, &s->acct);
}

static int
do_suspend(struct store_txn *txn, void *arg)
{
	struct suspend *s = arg;
	const struct secrets *sec;
	struct target t;
	int rc;

	if ((rc = account_load(txn, s->id, &s->acct)) != 0)
		return rc;
	t = target_account(&s->acct);
	if (authz(&s->a->me, ACT_SUSPEND, &t) != 0) {
		s->denied = 1;
		return BP_EDENIED;
	}
	if ((rc = app_secrets(s->a, &sec)) != 0 ||
	    (rc = account_suspend(txn, sec, &s->acct, s->a->now, time_year((time_t)s->a->now))) != 0)
		return rc;
	return audit_add(txn, s->a->now, "account.suspended", s->a->me.id, s->a->req.addr,
	    s->acct.id);
}

static int
suspend_get(struct app *a)
{
	struct suspend s;
	struct store *st;
	struct target t;
	xmlNodePtr n;
	int rc;

	memset(&s, 0, sizeof(s));
	s.a = a;
	s.id = app_query(a, "id");
	if (app_store(a, &st) != 0)
		return 500;
	if ((rc = store_read(st, load_target, &s)) == BP_ENOENT)
		return 404;
	if (rc != 0)
		return 500;
	t = target_account(&s.acct);
	if (authz(&a->me, ACT_SUSPEND, &t) != 0)
		return 403;
	if (app_page(a, "admin-suspend") != 0)
		return 500;
	n = page_add(&a->page, NULL, "account", NULL);
	page_attr(&a->page, n, "id", s.acct.id);
	page_attr(&a->page, n, "name", s.acct.name);
	page_attr(&a->page, n, "instans", s.acct.instans);
	page_attr(&a->page, n, "the", role_the[s.acct.role]);
	page_attr(&a->page, n, "kommune", s.acct.kommune);
	return app_render(a, 200);
}

static int
suspend_post(struct app *a)
{
	struct suspend s;
	char target[64];
	struct store *st;
	int rc;

	memset(&s, 0, sizeof(s));
	s.a = a;
	s.id = app_form(a, "id");
	if (strcmp(app_form(a, "bekreft"), "ja") != 0)
		return 400;
	if (app_store(a, &st) != 0)
		return 500;
	rc = store_write(st, do_suspend, &s);
	if (rc == BP_ENOENT)
		return 404;
	if (s.denied)
		return 403;
	if (rc != 0)
		return 500;
	snprintf(target, sizeof(target), "/cgi-bin/admin?kommune=%s&melding=suspendert",
	    s.acct.kommune);
	return app_redirect(a, target);
}

static const struct route routes[] = {
	{ HTTP_GET, "", admin_get, R_LOGIN },
	{ HTTP_GET, "/suspender", suspend_get, R_LOGIN },
	{ HTTP_POST, "/suspender", suspend_post, R_LOGIN },
};

int
main(void)
{
	return app_main("admin", routes, sizeof(routes) / sizeof(routes[0]));
}
