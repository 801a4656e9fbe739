/* autorisasjon.c: the autorisasjonsregister (2025 manual; Vedlegg 2): Navn, Instans,
 * Roller, Innvilget (first login) and Tilbakekalt (suspension). A kommunekontakt sees its
 * kommune, KORUS its region, KORFOR the KORFOR and KORUS accounts; authz decides each row.
 *
 *   GET /cgi-bin/autorisasjon
 */
#include <string.h>

#include "app.h"
#include "authz.h"

struct rows {
	struct app *a;
	xmlNodePtr list;
};

static int
add_row(const struct account *acct, void *arg)
{
	struct rows *r = arg;
	struct target t = target_account(acct);

	if (authz(&r->a->me, ACT_AUTHREG, &t) == 0)
		app_account_node(r->a, r->list, acct);
	return 0;
}

static int
list_scope(struct store_txn *txn, void *arg)
{
	struct rows *r = arg;
	const struct account *me = &r->a->me;
	int rc;

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

static int
authreg_get(struct app *a)
{
	struct target scope = target_account(&a->me);
	struct store *st;
	struct rows r;
	int rc;

	/* the register of one's own scope; a kartlegger has none */
	scope.role = a->me.role == ROLE_KORFOR ? ROLE_KORUS : ROLE_KARTLEGGER;
	scope.account = NULL;
	if (authz(&a->me, ACT_AUTHREG, &scope) != 0)
		return 403;
	if (app_store(a, &st) != 0 || app_page(a, "autorisasjon") != 0)
		return 500;
	r = (struct rows){ a, page_add(&a->page, NULL, "accounts", NULL) };
	if ((rc = store_read(st, list_scope, &r)) != 0)
		return rc == BP_EDENIED ? 403 : 500;
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", authreg_get, R_LOGIN },
};

int
main(void)
{
	return app_main("autorisasjon", routes, sizeof(routes) / sizeof(routes[0]));
}
