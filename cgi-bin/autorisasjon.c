/* autorisasjon.c: the autorisasjonsregister (2025 manual; Vedlegg 2): Navn, Instans,
 * Roller, Invitert av, Innvilget (first login), Tilbakekalt (suspension) and the history of
 * the account's access (suspended, restored, role changed: access.h), so that the chain
 * of access can be followed back to KORFOR. A kommunekontakt sees its kommune, KORUS its
 * region, KORFOR the KORFOR and KORUS accounts; authz decides each row, and what the
 * reader may do to it (the actions are admin.c's).
 *
 *   GET /cgi-bin/autorisasjon[?melding=...]
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "authz.h"

struct rows {
	struct app *a;
	struct store_txn *txn;
	xmlNodePtr list;
	xmlNodePtr row;			/* the account whose history is added */
	struct account inviter;		/* the last read (app_account_invited) */
};

static int
add_change(const struct access_change *c, void *arg)
{
	struct rows *r = arg;
	struct page *pg = &r->a->page;
	char when[17], text[64], from[32];
	const char *to;
	struct account by;
	xmlNodePtr n;
	int f, t;

	/* a change of role is kept as "kartlegger>kommunekontakt" */
	if (c->kind == ACCESS_ROLE && (to = strchr(c->detail, '>')) != NULL &&
	    (size_t)(to - c->detail) < sizeof(from)) {
		memcpy(from, c->detail, (size_t)(to - c->detail));
		from[to - c->detail] = '\0';
		if ((f = role_from_id(from)) >= 0 && (t = role_from_id(to + 1)) >= 0) {
			snprintf(text, sizeof(text), "%s til %s", role_titles[f], role_titles[t]);
			n = page_add(pg, r->row, "change", text);
		} else
			n = page_add(pg, r->row, "change", c->detail);
	} else
		n = page_add(pg, r->row, "change", c->detail);
	page_attr(pg, n, "kind", access_kind_titles[c->kind]);
	time_datetime((time_t)c->time, when);
	page_attr(pg, n, "time", when);
	page_attr(pg, n, "by", account_load(r->txn, c->by, &by) == 0 ? by.name : "Ukjent konto");
	return 0;
}

static int
add_row(const struct account *acct, void *arg)
{
	struct rows *r = arg;
	struct target t = target_account(acct);

	if (authz(&r->a->me, ACT_AUTHREG, &t) != 0)
		return 0;
	r->row = app_account_node(r->a, r->list, acct);
	app_account_invited(r->a, r->txn, r->row, acct, &r->inviter);
	if (authz(&r->a->me, ACT_SUSPEND, &t) == 0)
		page_attr(&r->a->page, r->row, "can-suspend", "1");
	if (authz(&r->a->me, ACT_RESTORE, &t) == 0)
		page_attr(&r->a->page, r->row, "can-restore", "1");
	if (authz(&r->a->me, ACT_ROLE, &t) == 0)
		page_attr(&r->a->page, r->row, "can-role", "1");
	if (r->a->cfg.auth == AUTH_LOCAL && authz(&r->a->me, ACT_RESET, &t) == 0)
		page_attr(&r->a->page, r->row, "can-reset", "1");
	return access_history(r->txn, acct->id, add_change, r);
}

static int
list_scope(struct store_txn *txn, void *arg)
{
	struct rows *r = arg;
	const struct account *me = &r->a->me;
	int rc;

	r->txn = txn;
	switch (me->role) {
	case ROLE_KORFOR:
		if ((rc = account_scan(txn, 'o', role_ids[ROLE_KORFOR], add_row, r)) != 0)
			return rc;
		return account_scan(txn, 'o', role_ids[ROLE_KORUS], add_row, r);
	case ROLE_KORUS:
		return account_scan(txn, 'r', me->region, add_row, r);
	case ROLE_KOMMUNE:
		return account_scan(txn, 'k', me->kommune, add_row, r);
	default:
		return BP_EDENIED;
	}
}

/* notices of admin.c's changes to accounts listed here (KORUS and KORFOR accounts) */
static const struct {
	const char *id;
	const char *text;
} notices[] = {
	{ "suspendert", "Kontoen er suspendert, og registreringslenkene den har laget er trukket "
	  "tilbake." },
	{ "gjenopprettet", "Suspensjonen er opphevet. Personen kan logge inn igjen." },
	{ "rolle", "Rollen er endret. Kontoen, innloggingen og kartleggingene er de samme." },
};

static int
authreg_get(struct app *a)
{
	struct target scope = target_account(&a->me);
	struct store *st;
	struct rows r;
	size_t i;
	int rc;

	/* the register of one's own scope; a kartlegger has none */
	scope.role = a->me.role == ROLE_KORFOR ? ROLE_KORUS : ROLE_KARTLEGGER;
	scope.account = NULL;
	if (authz(&a->me, ACT_AUTHREG, &scope) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_page(a, "autorisasjon")) != 0)
		return rc;
	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(app_query(a, K_MELDING), notices[i].id) == 0)
			app_message(a, "notice", NULL, notices[i].text);
	r = (struct rows){ a, NULL, page_add(&a->page, NULL, "accounts", NULL), NULL, { .id = "" } };
	if ((rc = store_read(st, list_scope, &r)) != 0)
		return rc;
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", authreg_get, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("autorisasjon", routes, sizeof(routes) / sizeof(routes[0]));
}
