/* tilbakestill.c: reset links, "Ny telefon / glemt passord" (issue 16 §2).
 *
 *   GET  /cgi-bin/tilbakestill/lag?id=ACCOUNT     confirm: a link for this person?
 *   POST /cgi-bin/tilbakestill/lag id bekreft=ja  make the link and show it, once
 *   GET  /cgi-bin/tilbakestill?t=TOKEN            the person: a new password, twice
 *   POST /cgi-bin/tilbakestill steg=passord       then a new authenticator (QR code)
 *   POST /cgi-bin/tilbakestill steg=kode          its first code: done
 *
 * Who may make a link for whom is authz's ACT_RESET. When the first code is right, in one
 * write transaction: the password and TOTP secret are replaced (the old code no longer
 * works), the link is spent, and every session of the account ends. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "enrol.h"
#include "otp.h"
#include "password.h"
#include "reset.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* why a link cannot be used, as the person reads it */
enum refusal { R_UNKNOWN, R_EXPIRED, R_USED, R_SUSPENDED, R_WITHDRAWN, R__MAX };

static const struct {
	int status;
	const char *text;
} refusals[R__MAX] = {
	[R_UNKNOWN] = { 404, "Lenken for å tilbakestille passordet er ikke gyldig. Kontroller "
	    "at du har kopiert hele lenken, eller be om en ny." },
	[R_EXPIRED] = { 410, "Lenken for å tilbakestille passordet er utløpt. Den gjaldt i 24 "
	    "timer. Be kommunekontakten, KORUS eller KORFOR om en ny lenke." },
	[R_USED] = { 410, "Lenken for å tilbakestille passordet er allerede brukt, og den kan "
	    "bare brukes én gang. Be om en ny lenke hvis du trenger det." },
	[R_SUSPENDED] = { 410, "Kontoen er suspendert, så lenken kan ikke brukes. Kontakt "
	    "kommunekontakten eller KORUS." },
	[R_WITHDRAWN] = { 410, "Lenken for å tilbakestille passordet er trukket tilbake. Be "
	    "kommunekontakten, KORUS eller KORFOR om en ny lenke." },
};

static int
refused(struct app *a, enum refusal r)
{
	int rc;

	if ((rc = app_page(a, "tilbakestill")) != 0)
		return rc;
	page_add(&a->page, NULL, "invalid", refusals[r].text);
	return app_render(a, refusals[r].status);
}

/* -- making a link ------------------------------------------------------------------- */

struct target_load {
	const char *id;
	struct account acct;
};

static int
load_target(struct store_txn *txn, void *arg)
{
	struct target_load *t = arg;

	return account_load(txn, t->id, &t->acct);
}

/* the account of ?id= or id=, and whether one may make its link: 0, or a bp_err */
static int
allowed_target(struct app *a, const char *id, struct account *out)
{
	struct target_load t;
	struct target tg;
	struct store *st;
	int rc;

	memset(&t, 0, sizeof(t));
	t.id = id;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	if ((rc = store_read(st, load_target, &t)) != 0)
		return rc;
	tg = target_account(&t.acct);
	if (authz(&a->me, ACT_RESET, &tg) != 0)
		return BP_EDENIED;
	*out = t.acct;
	return 0;
}

static int
make_get(struct app *a)
{
	struct account target;
	int rc;

	if ((rc = allowed_target(a, app_query(a, K_ID), &target)) != 0)
		return rc;
	if ((rc = app_page(a, "tilbakestill")) != 0)
		return rc;
	page_attr(&a->page, app_account_node(a, NULL, &target), "role-title",
	    role_titles[target.role]);
	page_add(&a->page, NULL, "confirm", NULL);
	return app_render(a, 200);
}

struct making {
	struct app *a;
	struct account target;
	struct reset r;
	char token[TOKEN_HEX + 1];
	int denied;
};

static int
make_link(struct store_txn *txn, void *arg)
{
	struct making *m = arg;
	char id[ACCOUNT_ID_LEN + 1];
	struct target tg;
	int rc;

	/* asked again in the write: the account may have been suspended meanwhile */
	str_copy(id, sizeof(id), m->target.id);
	if ((rc = account_load(txn, id, &m->target)) != 0)
		return rc;
	tg = target_account(&m->target);
	if (authz(&m->a->me, ACT_RESET, &tg) != 0) {
		m->denied = 1;
		return BP_EDENIED;
	}
	memset(&m->r, 0, sizeof(m->r));
	str_copy(m->r.account, sizeof(m->r.account), m->target.id);
	str_copy(m->r.by, sizeof(m->r.by), m->a->me.id);
	if ((rc = reset_create(txn, &m->r, m->a->now, m->token)) != 0)
		return rc;
	return app_audit(m->a, txn, "reset.created", &m->target, NULL);
}

static int
make_post(struct app *a)
{
	char link[sizeof(a->cfg.base_url) + TOKEN_HEX + 64];
	struct making m;
	struct store *st;
	int rc;

	memset(&m, 0, sizeof(m));
	m.a = a;
	if ((rc = allowed_target(a, app_form(a, K_ID), &m.target)) != 0)
		return rc;
	if (strcmp(app_form(a, K_BEKREFT), "ja") != 0)
		return BP_EINVAL;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, make_link, &m);
	if (rc == BP_EDENIED && m.denied)
		return BP_EDENIED;
	if (rc != 0)
		return rc;
	snprintf(link, sizeof(link), "%s/cgi-bin/tilbakestill?t=%s", a->cfg.base_url, m.token);
	crypto_wipe(m.token, sizeof(m.token));
	if ((rc = app_page(a, "tilbakestill")) != 0)
		return rc;
	page_attr(&a->page, app_account_node(a, NULL, &m.target), "role-title",
	    role_titles[m.target.role]);
	page_add(&a->page, NULL, "link", link);
	rc = app_render(a, 200);
	crypto_wipe(link, sizeof(link));
	return rc;
}

/* -- the person's side ------------------------------------------------------------- */

struct use {
	struct app *a;
	const char *token;
	struct reset r;
	struct account acct;
	long long step;
	enum refusal why;		/* when the link is refused */
	int refused;
	int ended;			/* sessions ended */
	const char *stage_password;	/* steg=passord: what to stage */
	const char *stage_totp;
};

static int
maker_may(struct store_txn *txn, struct use *u)
{
	struct account maker;
	struct target t;
	int rc;

	if ((rc = account_load(txn, u->r.by, &maker)) != 0 && rc != BP_ENOENT)
		return rc;
	t = target_account(&u->acct);
	if (rc == BP_ENOENT || authz(&maker, ACT_RESET, &t) != 0) {
		u->why = R_WITHDRAWN;
		return BP_EDENIED;
	}
	return 0;
}

/* the link and its account; refused (with why) when either may no longer be used */
static int
check_link(struct store_txn *txn, struct use *u)
{
	enum reset_state s;
	int rc;

	u->refused = 1;
	if ((rc = reset_load(txn, u->token, &u->r)) == BP_ENOENT) {
		u->why = R_UNKNOWN;
		return BP_EDENIED;
	}
	if (rc != 0)
		return rc;
	if ((s = reset_state(&u->r, u->a->now)) != RESET_OK) {
		u->why = s == RESET_USED ? R_USED : R_EXPIRED;
		return BP_EDENIED;
	}
	if ((rc = account_load(txn, u->r.account, &u->acct)) == BP_ENOENT) {
		u->why = R_UNKNOWN;
		return BP_EDENIED;
	}
	if (rc != 0)
		return rc;
	if (u->acct.tilbakekalt) {
		u->why = R_SUSPENDED;
		return BP_EDENIED;
	}
	/* the link holds only while its maker could make it now: a maker since suspended,
	 * moved to another role or out of scope has withdrawn it */
	if ((rc = maker_may(txn, u)) != 0)
		return rc;
	u->refused = 0;
	return 0;
}

static int
read_link(struct store_txn *txn, void *arg)
{
	return check_link(txn, arg);
}

/* load the link of u->token: 0, or a bp_err; or the page already answered (*answered) */
static int
usable(struct app *a, struct use *u, int *answered)
{
	struct store *st;
	int rc;

	*answered = 0;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_read(st, read_link, u);
	if (rc == BP_EDENIED && u->refused) {
		*answered = 1;
		return refused(a, u->why);
	}
	return rc;
}

static int
password_page(struct app *a, const struct use *u, const char *field, const char *error)
{
	int rc;

	if ((rc = app_page(a, "tilbakestill")) != 0)
		return rc;
	page_add(&a->page, NULL, "token", u->token);
	page_add(&a->page, NULL, "new-password", NULL);
	page_attr(&a->page, app_account_node(a, NULL, &u->acct), "role-title",
	    role_titles[u->acct.role]);
	if (error != NULL)
		app_message(a, "error", field, error);
	return app_render(a, 200);
}

static int
totp_page(struct app *a, const struct use *u, const char *error)
{
	int rc;

	if ((rc = app_page(a, "tilbakestill")) != 0)
		return rc;
	page_add(&a->page, NULL, "token", u->token);
	if ((rc = enrol_model(a, u->acct.id, u->acct.email, u->r.totp)) != 0)
		return rc;
	if (error != NULL)
		app_message(a, "error", "kode", error);
	return app_render(a, 200);
}

static int
use_get(struct app *a)
{
	struct use u;
	int rc, answered;

	memset(&u, 0, sizeof(u));
	u.a = a;
	u.token = app_query(a, K_T);
	if ((rc = usable(a, &u, &answered)) != 0 || answered)
		return rc;
	return password_page(a, &u, NULL, NULL);
}

static int
stage(struct store_txn *txn, void *arg)
{
	struct use *u = arg;
	int rc;

	if ((rc = check_link(txn, u)) != 0)
		return rc;
	str_copy(u->r.password, sizeof(u->r.password), u->stage_password);
	str_copy(u->r.totp, sizeof(u->r.totp), u->stage_totp);
	return reset_save(txn, &u->r);
}

static int
step_password(struct app *a, struct use *u)
{
	const char *pw = app_form(a, K_PASSORD), *pw2 = app_form(a, K_PASSORD2), *weak;
	char hash[CRYPTO_PWHASH_MAX], totp[160];
	const struct secrets *sec;
	struct store *st;
	int rc;

	if ((rc = password_check(pw, u->acct.email, u->acct.name, &weak)) == BP_EINVAL)
		return password_page(a, u, "passord", weak);
	if (rc != 0)
		return rc;
	if (strcmp(pw, pw2) != 0)
		return password_page(a, u, "passord2", "Passordene er ikke like.");
	if ((rc = crypto_password_hash(pw, hash)) != 0 || (rc = app_secrets(a, &sec)) != 0 ||
	    (rc = account_totp_new(sec, u->acct.id, totp)) != 0)
		return rc;
	u->stage_password = hash;
	u->stage_totp = totp;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, stage, u);
	crypto_wipe(hash, sizeof(hash));
	if (rc == BP_EDENIED && u->refused)
		return refused(a, u->why);
	if (rc != 0)
		return rc;
	return totp_page(a, u, NULL);
}

static int
audit_target(struct use *u, struct store_txn *txn, const char *event, const char *detail)
{
	/* the person is not logged in (or the browser is someone else's): the account that
	 * was reset is both the actor and the subject */
	struct audit_event e = { event, u->acct.id, u->a->req.addr, detail, u->acct.region,
	    u->acct.kommune, u->acct.id };

	return audit_put(txn, u->a->now, &e);
}

static int
finish(struct store_txn *txn, void *arg)
{
	struct use *u = arg;
	char detail[32];
	int rc;

	if ((rc = check_link(txn, u)) != 0)
		return rc;
	if (u->r.password[0] == '\0' || u->r.totp[0] == '\0')
		return BP_ESTALE;
	str_copy(u->acct.password, sizeof(u->acct.password), u->r.password);
	str_copy(u->acct.totp, sizeof(u->acct.totp), u->r.totp);
	u->acct.totp_step = u->step;
	u->r.used = u->a->now;
	u->r.password[0] = u->r.totp[0] = '\0';
	if ((rc = account_save(txn, &u->acct, 0)) != 0 || (rc = reset_save(txn, &u->r)) != 0)
		return rc;
	if ((u->ended = session_end_all(txn, u->acct.id, NULL)) < 0)
		return u->ended;
	snprintf(detail, sizeof(detail), "%d", u->ended);
	if ((rc = audit_target(u, txn, "reset.used", detail)) != 0)
		return rc;
	return audit_target(u, txn, "account.totp", "reset");
}

static int
step_code(struct app *a, struct use *u)
{
	const struct secrets *sec;
	struct buf secret = { 0 };
	struct store *st;
	int rc;

	if (u->r.totp[0] == '\0')		/* the password step comes first */
		return password_page(a, u, NULL, NULL);
	if ((rc = app_secrets(a, &sec)) != 0 || (rc = account_totp_open(sec, u->acct.id,
	    u->r.totp, &secret)) != 0) {
		buf_free(&secret);
		return rc;
	}
	rc = otp_verify((unsigned char *)secret.p, secret.len, a->now, app_form(a, K_KODE), 0,
	    &u->step);
	crypto_wipe(secret.p, secret.len);
	buf_free(&secret);
	if (rc != 0)
		return totp_page(a, u, "Koden stemmer ikke. Skriv inn den sekssifrede koden appen "
		    "viser nå.");
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, finish, u);
	if (rc == BP_EDENIED && u->refused)
		return refused(a, u->why);
	if (rc == BP_ESTALE)		/* staged again from another window meanwhile */
		return password_page(a, u, NULL, NULL);
	if (rc != 0)
		return rc;
	/* this browser's session, if it was the person's, has just ended with the others */
	if (a->logged_in && strcmp(a->me.id, u->acct.id) == 0) {
		a->logged_in = 0;
		app_cookie(a, SESSION_COOKIE, NULL);
	}
	/* the login page, with the notice: its form works from here (pre-login CSRF) */
	if (a->logged_in || app_page(a, "login") != 0)
		return app_redirect(a, "/cgi-bin/login");
	page_add(&a->page, NULL, "auth", auth_names[a->cfg.auth]);
	page_add(&a->page, NULL, "email", u->acct.email);
	app_message(a, "notice", NULL, "Passordet og autentiseringsappen er byttet, og du er "
	    "logget ut overalt. Logg inn med det nye passordet og koden fra appen.");
	return app_render(a, 200);
}

/* each step first checks the link is still good (used, withdrawn or expired meanwhile) */
static int
use_step(struct app *a, int (*step)(struct app *, struct use *))
{
	struct use u;
	int rc, answered;

	memset(&u, 0, sizeof(u));
	u.a = a;
	u.token = app_form(a, K_T);
	if ((rc = usable(a, &u, &answered)) != 0 || answered)
		return rc;
	return step(a, &u);
}

/* With ID-porten there is no password or authenticator of ours to reset. */
static int
local_only(struct app *a, app_handler fn)
{
	return a->cfg.auth == AUTH_LOCAL ? fn(a) : BP_ENOENT;
}

static int use_get_local(struct app *a) { return local_only(a, use_get); }
static int password_post(struct app *a) { return use_step(a, step_password); }
static int code_post(struct app *a) { return use_step(a, step_code); }
static int password_post_local(struct app *a) { return local_only(a, password_post); }
static int code_post_local(struct app *a) { return local_only(a, code_post); }
static int make_get_local(struct app *a) { return local_only(a, make_get); }
static int make_post_local(struct app *a) { return local_only(a, make_post); }

static const struct route routes[] = {
	{ HTTP_GET, "", use_get_local, R_PUBLIC, NULL },
	{ HTTP_POST, "", password_post_local, R_STEG, "passord" },
	{ HTTP_POST, "", code_post_local, R_STEG, "kode" },
	{ HTTP_GET, "/lag", make_get_local, R_LOGIN, NULL },
	{ HTTP_POST, "/lag", make_post_local, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("tilbakestill", routes, NITEMS(routes));
}
