/* konto.c: "Min konto": one's account, a new password, and one's sessions (issue 16 §2).
 *
 *   GET  /cgi-bin/konto                        the account, the forms, the sessions
 *   POST /cgi-bin/konto handling=passord       current password, a code from the app and
 *                                              the new password twice (auth = local)
 *   POST /cgi-bin/konto handling=logg-ut-andre end every other session of the account
 *
 * A new password ends the account's other sessions: whoever knew the old one may be
 * logged in somewhere. Wrong current passwords and codes count against the login
 * throttle of the e-post, so this form is no way around it. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "password.h"
#include "throttle.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define SESSIONS_SHOWN 50		/* more cannot be: sessions expire within 12 hours */
#define PASSWORD_INPUT_MAX 1024		/* as login: longer is no password of ours */

struct listing {
	struct app *a;
	xmlNodePtr list;
	int n;
};

static int
add_session(const struct session *s, void *arg)
{
	struct listing *l = arg;
	struct page *pg = &l->a->page;
	xmlNodePtr n = page_add(pg, l->list, "session", NULL);
	char when[17];

	time_datetime((time_t)s->created, when);
	page_attr(pg, n, "started", when);
	time_datetime((time_t)s->seen, when);
	page_attr(pg, n, "seen", when);
	page_attr(pg, n, "browser", s->browser[0] ? s->browser : "Ukjent nettleser");
	if (crypto_equal(s->key, l->a->sess.key, CRYPTO_HASH_LEN))
		page_attr(pg, n, "current", "1");
	return ++l->n >= SESSIONS_SHOWN;
}

static int
list_sessions(struct store_txn *txn, void *arg)
{
	struct listing *l = arg;

	return session_list(txn, l->a->me.id, l->a->now, add_session, l);
}

static int
konto_page(struct app *a, const struct form_errors *f, const char *notice)
{
	struct listing l = { a, NULL, 0 };
	struct store *st;
	xmlNodePtr n;
	int rc;

	if ((rc = app_page(a, "konto")) != 0)
		return rc;
	page_add(&a->page, NULL, "auth", auth_names[a->cfg.auth]);
	n = app_account_node(a, NULL, &a->me);
	page_attr(&a->page, n, "role-title", role_titles[a->me.role]);
	l.list = page_add(&a->page, NULL, "sessions", NULL);
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, list_sessions, &l)) != 0)
		return rc;
	if (notice != NULL)
		app_message(a, "notice", NULL, notice);
	app_form_errors(a, f);
	return app_render(a, 200);
}

static int
konto_get(struct app *a)
{
	return konto_page(a, NULL, NULL);
}

/* -- a new password ------------------------------------------------------------------ */

struct change {
	struct app *a;
	long wait;			/* > 0: the e-post is locked for this many seconds */
	const char *hash;		/* the new password's argon2id string */
	long long step;
	int replayed;
	int ended;
};

static int
count_attempt(struct store_txn *txn, void *arg)
{
	struct change *c = arg;

	c->wait = throttle_attempt(txn, THROTTLE_EMAIL, c->a->me.email, c->a->now);
	return c->wait < 0 ? BP_ESTORE : 0;
}

static int
save_password(struct store_txn *txn, void *arg)
{
	struct change *c = arg;
	struct app *a = c->a;
	struct account acct;
	char detail[32];
	int rc;

	/* the account as it is now: a login may have used this code meanwhile */
	if ((rc = account_load(txn, a->me.id, &acct)) != 0)
		return rc;
	if (c->step <= acct.totp_step) {
		c->replayed = 1;
		return BP_EDENIED;
	}
	acct.totp_step = c->step;
	str_copy(acct.password, sizeof(acct.password), c->hash);
	if ((rc = account_save(txn, &acct, 0)) != 0 ||
	    (rc = throttle_clear(txn, THROTTLE_EMAIL, acct.email)) != 0)
		return rc;
	if ((c->ended = session_end_all(txn, acct.id, a->sess.key)) < 0)
		return c->ended;
	if ((rc = app_audit(a, txn, "account.password", NULL, NULL)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%d", c->ended);
	return c->ended > 0 ? app_audit(a, txn, "account.sessions.ended", NULL, detail) : 0;
}

static int
change_password(struct app *a)
{
	static const char wrong[] = "Nåværende passord eller engangskode er feil.";
	const char *current = app_form(a, K_NAAVAERENDE), *code = app_form(a, K_KODE);
	const char *pw = app_form(a, K_PASSORD), *pw2 = app_form(a, K_PASSORD2), *weak;
	char hash[CRYPTO_PWHASH_MAX], notice[128];
	const struct secrets *sec;
	struct change c = { a, 0, hash, 0, 0, 0 };
	struct form_errors f = { { 0 }, { 0 }, 0 };
	struct store *st;
	int rc;

	if (a->cfg.auth != AUTH_LOCAL)		/* with ID-porten there is no password */
		return BP_ENOENT;
	if (*current == '\0')
		form_error(&f, "naavaerende", "Skriv inn passordet du har nå.");
	if (*code == '\0')
		form_error(&f, "kode", "Skriv inn engangskoden fra autentiseringsappen.");
	if ((rc = password_check(pw, a->me.email, a->me.name, &weak)) == BP_EINVAL)
		form_error(&f, "passord", weak);
	else if (rc != 0)
		return rc;
	else if (strcmp(pw, current) == 0)
		form_error(&f, "passord", "Det nye passordet må være et annet enn det du har nå.");
	else if (strcmp(pw, pw2) != 0)
		form_error(&f, "passord2", "Passordene er ikke like.");
	if (f.n > 0)
		return konto_page(a, &f, NULL);
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, count_attempt, &c)) != 0)
		return rc;
	if (c.wait > 0) {
		form_error(&f, "naavaerende", "For mange mislykkede forsøk. Vent litt og prøv igjen.");
		return konto_page(a, &f, NULL);
	}
	rc = strlen(current) > PASSWORD_INPUT_MAX ? BP_EDENIED :
	    crypto_password_verify(a->me.password, current);
	if (rc == 0 && (rc = app_secrets(a, &sec)) == 0)
		rc = account_totp_verify(sec, &a->me, a->now, code, &c.step);
	if (rc == BP_EDENIED) {
		form_error(&f, "naavaerende", wrong);
		return konto_page(a, &f, NULL);
	}
	if (rc != 0 || (rc = crypto_password_hash(pw, hash)) != 0)
		return rc;
	rc = store_write(st, save_password, &c);
	crypto_wipe(hash, sizeof(hash));
	if (rc == BP_EDENIED && c.replayed) {
		form_error(&f, "kode", "Engangskoden er allerede brukt. Vent på neste kode.");
		return konto_page(a, &f, NULL);
	}
	if (rc != 0)
		return rc;
	if (c.ended > 0)
		snprintf(notice, sizeof(notice), "Passordet er endret. Du er logget ut på %d andre "
		    "%s.", c.ended, c.ended == 1 ? "enhet" : "enheter");
	else
		snprintf(notice, sizeof(notice), "Passordet er endret.");
	return konto_page(a, NULL, notice);
}

/* -- the other sessions -------------------------------------------------------------- */

static int
end_others(struct store_txn *txn, void *arg)
{
	struct change *c = arg;
	char detail[32];

	if ((c->ended = session_end_all(txn, c->a->me.id, c->a->sess.key)) < 0)
		return c->ended;
	snprintf(detail, sizeof(detail), "%d", c->ended);
	return app_audit(c->a, txn, "account.sessions.ended", NULL, detail);
}

static int
logout_others(struct app *a)
{
	struct change c = { a, 0, NULL, 0, 0, 0 };
	struct store *st;
	char notice[128];
	int rc;

	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, end_others, &c)) != 0)
		return rc;
	if (c.ended == 0)
		snprintf(notice, sizeof(notice), "Du var ikke logget inn på andre enheter.");
	else
		snprintf(notice, sizeof(notice), "Du er logget ut på %d andre %s.", c.ended,
		    c.ended == 1 ? "enhet" : "enheter");
	return konto_page(a, NULL, notice);
}

static const struct route routes[] = {
	{ HTTP_GET, "", konto_get, R_LOGIN, NULL },
	{ HTTP_POST, "", change_password, R_LOGIN, "passord" },
	{ HTTP_POST, "", logout_others, R_LOGIN, "logg-ut-andre" },
};

int
main(void)
{
	return app_main("konto", routes, NITEMS(routes));
}
