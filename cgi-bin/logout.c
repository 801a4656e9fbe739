/* logout.c: "Logg ut" ends the session in the store, not only in the browser.
 *
 *   POST /cgi-bin/logout
 */
#include "app.h"
#include "audit.h"

static int
end_session(struct store_txn *txn, void *arg)
{
	struct app *a = arg;
	int rc;

	if ((rc = session_delete(txn, a->sess.key)) != 0)
		return rc;
	return audit_add(txn, a->now, "logout", a->me.id, a->req.addr, NULL);
}

static int
logout_post(struct app *a)
{
	struct store *st;

	if (app_store(a, &st) != 0 || store_write(st, end_session, a) != 0)
		return 500;
	app_cookie(a, SESSION_COOKIE, NULL);
	return app_redirect(a, "/cgi-bin/login?melding=utlogget");
}

static const struct route routes[] = {
	{ HTTP_POST, "", logout_post, R_LOGIN },
};

int
main(void)
{
	return app_main("logout", routes, sizeof(routes) / sizeof(routes[0]));
}
