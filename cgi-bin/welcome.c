/* welcome.c: KORFOR writes the velkomstmelding (Vedlegg 2); every user sees it once, at
 * the first login after it changed (login.c, menu.c).
 *
 *   GET  /cgi-bin/welcome
 *   POST /cgi-bin/welcome tekst
 */
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "welcome.h"

struct current {
	struct buf text;
	long long version;
};

static int
read_current(struct store_txn *txn, void *arg)
{
	struct current *c = arg;

	return welcome_get(txn, &c->text, &c->version);
}

static int
welcome_page(struct app *a, const char *text, long long version, const char *error)
{
	char when[17];
	xmlNodePtr n;
	int rc;

	if ((rc = app_page(a, "welcome")) != 0)
		return rc;
	n = page_add(&a->page, NULL, "welcome", text);
	if (version) {
		time_datetime((time_t)version, when);
		page_attr(&a->page, n, "changed", when);
	}
	if (strcmp(app_query(a, K_MELDING), "lagret") == 0)
		app_message(a, "notice", NULL, "Velkomstmeldingen er lagret. Alle brukere ser den "
		    "én gang, neste gang de logger inn.");
	if (error)
		app_message(a, "error", "tekst", error);
	return app_render(a, 200);
}

static int
welcome_get_page(struct app *a)
{
	struct current c = { { 0 }, 0 };
	struct store *st;
	int rc;

	if (authz(&a->me, ACT_WELCOME, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_current, &c)) != 0) {
		buf_free(&c.text);
		return rc;
	}
	rc = welcome_page(a, c.text.p ? c.text.p : "", c.version, NULL);
	buf_free(&c.text);
	return rc;
}

struct save {
	struct app *a;
	const char *text;
};

static int
save(struct store_txn *txn, void *arg)
{
	struct save *s = arg;
	int rc;

	if ((rc = welcome_set(txn, s->text, s->a->me.id, s->a->now)) != 0)
		return rc;
	return app_audit(s->a, txn, "welcome.changed", NULL, NULL);
}

static int
welcome_post(struct app *a)
{
	struct save s = { a, app_form(a, K_TEKST) };
	struct store *st;
	int rc;

	if (authz(&a->me, ACT_WELCOME, NULL) != 0)
		return BP_EDENIED;
	if (utf8_chars(s.text, strlen(s.text)) > WELCOME_MAX_CHARS)
		return welcome_page(a, s.text, 0, "Velkomstmeldingen kan ha høyst 4000 tegn.");
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, save, &s)) != 0)
		return rc;
	return app_redirect(a, "/cgi-bin/welcome?melding=lagret");
}

static const struct route routes[] = {
	{ HTTP_GET, "", welcome_get_page, R_LOGIN, NULL },
	{ HTTP_POST, "", welcome_post, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("welcome", routes, sizeof(routes) / sizeof(routes[0]));
}
