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
	return app_audit(a, txn, "logout", NULL, NULL);
}

/* With ID-porten, mod_auth_openidc's session and ID-porten's own must end too, or the next
 * person at this computer would be let in as this one. Its logout (the redirect URI with
 * ?logout=) sends the browser on to ID-porten's end_session endpoint; our CSP's
 * form-action 'self' rightly forbids a form's redirect to another site, so a page moves
 * on by itself (meta refresh, no script) and offers a link as well. */
static int
idporten_logout(struct app *a)
{
	struct buf target = { 0 };
	int rc;

	buf_printf(&target, "%s/cgi-bin/oidc/callback?logout=", a->cfg.base_path);
	url_encode(&target, a->cfg.base_url);
	url_encode(&target, "/cgi-bin/login?melding=utlogget");
	if ((rc = target.err) == 0 && (rc = app_page(a, "logout")) == 0) {
		page_add(&a->page, NULL, "refresh", target.p);
		rc = app_render(a, 200);
	}
	buf_free(&target);
	return rc;
}

static int
logout_post(struct app *a)
{
	struct store *st;
	int rc;

	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, end_session, a)) != 0)
		return rc;
	app_cookie(a, SESSION_COOKIE, NULL);
	a->logged_in = 0;
	if (a->cfg.auth == AUTH_OIDC)
		return idporten_logout(a);
	return app_redirect(a, "/cgi-bin/login?melding=utlogget");
}

static const struct route routes[] = {
	{ HTTP_POST, "", logout_post, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("logout", routes, sizeof(routes) / sizeof(routes[0]));
}
