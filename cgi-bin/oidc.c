/* oidc.c: login and registration through ID-porten (auth = oidc; cgi-bin/README.md "Login and sessions").
 *
 * Apache's mod_auth_openidc protects this program (tools/site/httpd-oidc.sh): it does the
 * OpenID Connect login (code flow, PKCE, acr_values=idporten-loa-high) and hands us the
 * verified claims as environment variables OIDC_CLAIM_pid and OIDC_CLAIM_acr, never as
 * request headers. We trust those two only, and only the high level of assurance. The pid
 * is kept only as a keyed hash; it is never logged or shown.
 *
 *   GET /cgi-bin/oidc                  log in
 *   GET /cgi-bin/oidc/registrer?t=T    tie this identity to a registration through link T
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "pending.h"
#include "signin.h"

#define ACR_HIGH "idporten-loa-high"

static const struct {
	const char *id;
	int status;
	const char *text;
} problems[] = {
	{ "niva", 403, "Brukerplan krever innlogging på høyeste sikkerhetsnivå i ID-porten, for "
	  "eksempel med BankID eller MinID med app. Logg inn på nytt med en slik eID." },
	{ "identitet", 403, "ID-porten sendte ingen gyldig identitet. Prøv å logge inn på nytt." },
	{ "ingen-konto", 403, "Du har ingen konto i Brukerplan. For å få tilgang trenger du en "
	  "registreringslenke fra KORUS, kommunekontakten eller instanskontakten." },
	{ "suspendert", 403, "Kontoen din er suspendert og kan ikke brukes. Kontakt "
	  "kommunekontakten eller KORUS." },
	{ "sperret", 403, "Denne identiteten er sperret for registrering i Brukerplan i år fordi "
	  "kontoen ble suspendert. Kontakt KORFOR hvis det er feil." },
	{ "finnes", 409, "Du har allerede en konto i Brukerplan. Logg inn med ID-porten." },
};

static int
problem(struct app *a, const char *id)
{
	size_t i;
	int rc;

	for (i = 0; strcmp(problems[i].id, id) != 0; i++)
		;
	if ((rc = app_page(a, "oidc")) != 0)
		return rc;
	page_add(&a->page, NULL, "problem", problems[i].text);
	return app_render(a, problems[i].status);
}

/* The identity Apache verified: 0 with idhash set, or the status of the page sent. */
static int
identity(struct app *a, char idhash[2 * CRYPTO_HASH_LEN + 1])
{
	const char *pid = getenv("OIDC_CLAIM_pid"), *acr = getenv("OIDC_CLAIM_acr");
	const struct secrets *sec;
	size_t i;
	int rc;

	if (a->cfg.auth != AUTH_OIDC)
		return BP_ENOENT;
	if (acr == NULL || strcmp(acr, ACR_HIGH) != 0) {
		log_error("oidc: login below %s refused", ACR_HIGH);
		return problem(a, "niva");
	}
	if (pid == NULL || strlen(pid) != 11)
		return problem(a, "identitet");
	for (i = 0; i < 11; i++)
		if (pid[i] < '0' || pid[i] > '9')
			return problem(a, "identitet");
	if ((rc = app_secrets(a, &sec)) != 0 || (rc = identity_hash(sec, pid, idhash)) != 0)
		return rc;
	return -1;
}

/* -- login ---------------------------------------------------------------------------- */

struct login {
	struct app *a;
	const char *idhash;
	const char *problem;
	int welcome;
};

static int
login_txn(struct store_txn *txn, void *arg)
{
	struct login *l = arg;
	struct account acct;
	int rc;

	rc = account_by_identity(txn, l->idhash, &acct);
	if (rc == BP_ENOENT) {
		l->problem = "ingen-konto";
		return audit_add(txn, l->a->now, "login.fail.ukjent", NULL, l->a->req.addr, "oidc");
	}
	if (rc != 0)
		return rc;
	if (acct.tilbakekalt) {
		l->problem = "suspendert";
		return audit_put(txn, l->a->now, &(struct audit_event){ "login.fail.suspendert",
		    acct.id, l->a->req.addr, "oidc", acct.region, acct.kommune, acct.id });
	}
	return signin_finish(l->a, txn, &acct, "idporten", &l->welcome);
}

static int
oidc_login(struct app *a)
{
	char idhash[2 * CRYPTO_HASH_LEN + 1];
	struct login l = { a, idhash, NULL, 0 };
	struct store *st;
	int rc;

	if ((rc = identity(a, idhash)) >= 0)
		return rc;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, login_txn, &l)) != 0)
		return rc;
	if (l.problem)
		return problem(a, l.problem);
	return app_redirect(a, signin_target(l.welcome));
}

/* -- registration: tie the identity to the link, then the form in register.c ----------- */

struct bind {
	struct app *a;
	struct pending p;
	const char *problem;
};

static int
bind_txn(struct store_txn *txn, void *arg)
{
	struct bind *b = arg;
	const struct secrets *sec;
	char identity_key[2 * CRYPTO_HASH_LEN + 8];
	struct account acct;
	int rc, blocked;

	/* a suspended account's identity is blocked for the year, not "already registered" */
	if ((rc = account_by_identity(txn, b->p.idhash, &acct)) == 0) {
		b->problem = acct.tilbakekalt ? "sperret" : "finnes";
		return 0;
	}
	if (rc != BP_ENOENT)
		return rc;
	snprintf(identity_key, sizeof(identity_key), "p:%s", b->p.idhash);
	if ((rc = app_secrets(b->a, &sec)) != 0 ||
	    (blocked = account_blocked(txn, sec, identity_key, time_year((time_t)b->a->now))) < 0)
		return BP_ECRYPTO;
	if (blocked) {
		b->problem = "sperret";
		return 0;
	}
	return pending_save(txn, &b->p, b->a->now);
}

static int
oidc_register(struct app *a)
{
	unsigned char key[CRYPTO_HASH_LEN];
	char ptoken[TOKEN_HEX + 1], target[TOKEN_HEX + 64];
	const char *t = app_query(a, K_T);
	struct account tmp;
	struct bind b;
	struct store *st;
	int rc;

	memset(&b, 0, sizeof(b));
	b.a = a;
	if ((rc = identity(a, b.p.idhash)) >= 0)
		return rc;
	/* the link itself is checked by register.c, which the browser goes to next */
	if (token_key(t, key) != 0)
		return BP_ENOENT;
	hex_encode(key, sizeof(key), b.p.invite);
	if ((rc = account_new_id(&tmp)) != 0 || (rc = token_new(ptoken, b.p.key)) != 0)
		return rc;
	str_copy(b.p.id, sizeof(b.p.id), tmp.id);
	b.p.expires = a->now + PENDING_TTL;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, bind_txn, &b)) != 0)
		return rc;
	if (b.problem)
		return problem(a, b.problem);
	app_cookie(a, PENDING_COOKIE, ptoken);
	snprintf(target, sizeof(target), "/cgi-bin/register?t=%s", t);
	return app_redirect(a, target);
}

static const struct route routes[] = {
	{ HTTP_GET, "", oidc_login, R_PUBLIC, NULL },
	{ HTTP_GET, "/registrer", oidc_register, R_PUBLIC, NULL },
};

int
main(void)
{
	return app_main("oidc", routes, sizeof(routes) / sizeof(routes[0]));
}
