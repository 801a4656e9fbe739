/* login.c: "Logg inn" with e-post, passord and engangskode (auth = local; cgi-bin/README.md "Login and
 * sessions").
 *
 *   GET  /cgi-bin/login     the form (a logged-in account goes to the menu)
 *   POST /cgi-bin/login     check the three, start a session, go to the menu
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "otp.h"
#include "throttle.h"
#include "signin.h"

#define PASSWORD_MAX 1024

/* Notices a redirect may name in ?melding=; the text never comes from the request. */
static const struct {
	const char *id;
	const char *text;
} notices[] = {
	/* said alike whether an account was made or refused for a known e-post (register.c) */
	{ "registrert", "Registreringen er fullført. Logg inn med e-post, passord og "
	  "engangskode fra autentiseringsappen." },
	{ "utlogget", "Du er logget ut." },
	{ "utlopt", "Økten din er utløpt. Logg inn på nytt." },
};

static int
login_page(struct app *a, const char *email, const char *error, int status)
{
	const char *m = app_query(a, K_MELDING);
	size_t i;
	int rc;

	if ((rc = app_page(a, "login")) != 0)
		return rc;
	page_add(&a->page, NULL, "auth", auth_names[a->cfg.auth]);
	page_add(&a->page, NULL, "email", email);
	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(m, notices[i].id) == 0)
			app_message(a, "notice", NULL, notices[i].text);
	if (error != NULL)
		app_message(a, "error", NULL, error);
	return app_render(a, status);
}

static int
login_get(struct app *a)
{
	if (a->logged_in)
		return app_redirect(a, "/cgi-bin/menu");
	return login_page(a, "", NULL, 200);
}

struct attempt {
	struct app *a;
	const char *email;
	long wait;			/* > 0: locked for this many seconds */
	int found;
	struct account acct;
	long long step;			/* TOTP step of the accepted code */
	const char *event;		/* audit event of a failure */
	int welcome;			/* a velkomstmelding this account has not seen */
};

/* Count the attempt before checking anything, and read the account. */
static int
attempt_begin(struct store_txn *txn, void *arg)
{
	struct attempt *t = arg;
	long w1, w2;
	int rc;

	w1 = throttle_attempt(txn, THROTTLE_ADDR, t->a->req.addr, t->a->now);
	w2 = throttle_attempt(txn, THROTTLE_EMAIL, t->email, t->a->now);
	if (w1 < 0 || w2 < 0)
		return BP_ESTORE;
	t->wait = w1 > w2 ? w1 : w2;
	if (t->wait > 0)
		return audit_add(txn, t->a->now, "login.locked", NULL, t->a->req.addr, t->email);
	rc = account_by_email(txn, t->email, &t->acct);
	if (rc == 0)
		t->found = 1;
	return rc == BP_ENOENT ? 0 : rc;
}

static int
attempt_failed(struct store_txn *txn, void *arg)
{
	struct attempt *t = arg;

	/* a failure on a known account is in that account's scope: those who administer it
	 * see the attempts in the Tilgangslogg */
	return audit_put(txn, t->a->now, &(struct audit_event){ t->event,
	    t->found ? t->acct.id : NULL, t->a->req.addr, t->email,
	    t->found ? t->acct.region : NULL, t->found ? t->acct.kommune : NULL,
	    t->found ? t->acct.id : NULL });
}

/* The account as it is now (another login may have used a code meanwhile). */
static int
attempt_succeeded(struct store_txn *txn, void *arg)
{
	struct attempt *t = arg;
	struct account acct;
	int rc;

	if ((rc = account_load(txn, t->acct.id, &acct)) != 0)
		return rc;
	if (t->step <= acct.totp_step)
		return BP_EDENIED;	/* the same code, used twice */
	acct.totp_step = t->step;
	/* the e-post's guesses are over (whoever logs in knows password and code); the
	 * address keeps its failures, and only this login's own attempt is taken back */
	if ((rc = throttle_clear(txn, THROTTLE_EMAIL, t->email)) != 0 ||
	    (rc = throttle_forgive(txn, THROTTLE_ADDR, t->a->req.addr, t->a->now)) != 0)
		return rc;
	return signin_finish(t->a, txn, &acct, "passord+totp", &t->welcome);
}

/* The TOTP secret is sealed with the data key, bound to the account id. */
static int
check_code(struct app *a, struct attempt *t, const char *code)
{
	const struct secrets *sec;
	int rc;

	if ((rc = app_secrets(a, &sec)) != 0)
		return rc;
	return account_totp_verify(sec, &t->acct, a->now, code, &t->step);
}

/* password_cut: password, or its first PASSWORD_MAX bytes copied into cut */
static const char *
password_cut(const char *password, char cut[PASSWORD_MAX + 1])
{
	size_t n = strlen(password);

	if (n <= PASSWORD_MAX)
		return password;
	memcpy(cut, password, PASSWORD_MAX);
	cut[PASSWORD_MAX] = '\0';
	return cut;
}

static int
login_post(struct app *a)
{
	static const char refused[] = "Feil e-post, passord eller engangskode.";
	const char *password = app_form(a, K_PASSORD), *code = app_form(a, K_KODE);
	char email[EMAIL_MAX + 1], wait[128], cut[PASSWORD_MAX + 1];
	struct attempt t;
	struct store *st;
	int rc;

	if (a->logged_in)
		return app_redirect(a, "/cgi-bin/menu");
	if (a->cfg.auth != AUTH_LOCAL)		/* ID-porten logs in through oidc.c */
		return BP_ENOENT;
	if (email_normalize(app_form(a, K_EPOST), email, sizeof(email)) != 0)
		return login_page(a, app_form(a, K_EPOST),
		    "Skriv inn e-postadressen du registrerte deg med.", 200);
	if (*password == '\0' || *code == '\0')
		return login_page(a, email, "Fyll inn både passord og engangskode.", 200);
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.email = email;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, attempt_begin, &t)) != 0)
		return rc;
	if (t.wait > 0) {
		snprintf(wait, sizeof(wait), "For mange mislykkede forsøk. Vent %ld minutter og "
		    "prøv igjen.", (t.wait + 59) / 60);
		return login_page(a, email, wait, 429);
	}
	/* Every failing path below costs one argon2 computation, whatever the e-post and the
	 * password's length, so the time of the answer does not tell whether the account
	 * exists. An over-long password is hashed only up to PASSWORD_MAX bytes (argon2's
	 * cost does not depend on the length, its first hash of the password does). */
	if (!t.found || strlen(password) > PASSWORD_MAX) {
		crypto_password_dummy(password_cut(password, cut));
		t.event = t.found ? "login.fail.passord" : "login.fail.konto";
	} else if ((rc = crypto_password_verify(t.acct.password, password)) != 0) {
		if (rc != BP_EDENIED)
			return rc;
		t.event = "login.fail.passord";
	} else if ((rc = check_code(a, &t, code)) != 0) {
		if (rc != BP_EDENIED)
			return rc;
		t.event = "login.fail.kode";
	} else if (t.acct.tilbakekalt) {
		t.event = "login.fail.suspendert";
		if ((rc = store_write(st, attempt_failed, &t)) != 0)
			return rc;
		return login_page(a, email, "Kontoen din er suspendert og kan ikke brukes. "
		    "Kontakt kommunekontakten eller KORUS.", 403);
	}
	if (t.event != NULL) {
		if ((rc = store_write(st, attempt_failed, &t)) != 0)
			return rc;
		return login_page(a, email, refused, 200);
	}
	rc = store_write(st, attempt_succeeded, &t);
	if (rc == BP_EDENIED) {
		t.event = "login.fail.kode";
		if ((rc = store_write(st, attempt_failed, &t)) != 0)
			return rc;
		return login_page(a, email, refused, 200);
	}
	if (rc != 0)
		return rc;
	return app_redirect(a, signin_target(t.welcome));
}

static const struct route routes[] = {
	{ HTTP_GET, "", login_get, R_PUBLIC, NULL },
	{ HTTP_POST, "", login_post, R_PUBLIC, NULL },
};

int
main(void)
{
	return app_main("login", routes, sizeof(routes) / sizeof(routes[0]));
}
