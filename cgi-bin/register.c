/* register.c: "Registrer deg" through an invitation link (auth = local; cgi-bin/README.md "Roles and
 * invitations").
 *
 *   GET  /cgi-bin/register?t=TOKEN      the form, or a page saying why the link is unusable
 *   POST /cgi-bin/register steg=konto   name, e-post and password; then the TOTP enrolment
 *   POST /cgi-bin/register steg=kode    the first code from the app; then the account exists
 *   GET  /cgi-bin/register/vilkar       the terms of use (bruksvilkår)
 *
 * Between the two steps the half-done registration waits in the store (password already
 * hashed, TOTP secret sealed), keyed by the hash of a token the form carries. */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "audit.h"
#include "authz.h"
#include "enrol.h"
#include "invite.h"
#include "otp.h"
#include "password.h"
#include "qr.h"
#include "pending.h"
#include "record.h"
#include "signin.h"

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	enum invite_state state;
	int status;
	const char *text;
} unusable[] = {
	{ INVITE_EXPIRED, 410, "Registreringslenken er utløpt. Lenker gjelder i 30 dager. "
	  "Be den som inviterte deg om en ny lenke." },
	{ INVITE_USED, 410, "Registreringslenken er allerede brukt opp. "
	  "Be den som inviterte deg om en ny lenke." },
	{ INVITE_WITHDRAWN, 410, "Registreringslenken er trukket tilbake. "
	  "Be den som inviterte deg om en ny lenke." },
};
static const char unknown_link[] = "Registreringslenken er ikke gyldig. Kontroller at du har "
    "kopiert hele lenken, eller be den som inviterte deg om en ny.";

/* -- pages ------------------------------------------------------------------------- */

/* what the person typed or chose, kept when the form comes back with errors */
struct values {
	const char *name;
	const char *email;
	const char *bydel;
	const char *tjenestetype;
	int terms;
};

static int
invalid_page(struct app *a, int status, const char *text)
{
	int rc;

	if ((rc = app_page(a, "register-invalid")) != 0)
		return rc;
	page_add(&a->page, NULL, "invalid", text);
	return app_render(a, status);
}

/* What the link fixes, by name: role, region or kommune (and bydel), instans. */
static void
add_invite(struct app *a, const struct invite *inv, const char *token)
{
	xmlNodePtr n = page_add(&a->page, NULL, "invite", NULL);

	page_attr(&a->page, n, "role", role_ids[inv->role]);
	page_attr(&a->page, n, "role-title", role_titles[inv->role]);
	page_attr(&a->page, n, "instans", inv->instans);
	if (inv->regionnavn[0])
		page_attr(&a->page, n, "region", inv->regionnavn);
	if (inv->kommunenavn[0])
		page_attr(&a->page, n, "kommune", inv->kommunenavn);
	if (inv->bydelnavn[0])
		page_attr(&a->page, n, "bydel", inv->bydelnavn);
	page_add(&a->page, NULL, "token", token);
}

/* A kartlegger whose link names a kommune with bydeler, but no bydel, picks one. */
static int
bydel_open(const struct invite *inv)
{
	return inv->role == ROLE_KARTLEGGER && inv->bydeler > 0 && inv->bydel[0] == '\0';
}

/* auth = oidc: the registration whose identity ID-porten has just given (oidc.c), from
 * the cookie it set; 0 when one is there for this very invitation. */
struct bound {
	struct app *a;
	struct pending p;
};

static int
load_bound(struct store_txn *txn, void *arg)
{
	struct bound *b = arg;
	const char *token = http_get(&b->a->req.cookies, PENDING_COOKIE);

	return token ? pending_load(txn, token, b->a->now, &b->p) : BP_ENOENT;
}

static int
bound_registration(struct app *a, const struct invite *inv, struct pending *out)
{
	char key[2 * CRYPTO_HASH_LEN + 1];
	struct bound b;
	struct store *st;
	int rc;

	memset(&b, 0, sizeof(b));
	b.a = a;
	if (app_store(a, &st) != 0)
		return BP_ESTORE;
	if ((rc = store_read(st, load_bound, &b)) != 0)
		return rc;
	hex_encode(inv->key, sizeof(inv->key), key);
	if (strcmp(key, b.p.invite) != 0 || b.p.idhash[0] == '\0')
		return BP_ENOENT;
	*out = b.p;
	return 0;
}

static int
account_form(struct app *a, const struct invite *inv, const char *token,
    const struct values *v, const struct form_errors *f)
{
	const struct refdata *rd;
	xmlNodePtr n, list;
	int i, rc;

	if ((rc = app_page(a, "register")) != 0)
		return rc;
	page_add(&a->page, NULL, "auth", auth_names[a->cfg.auth]);
	add_invite(a, inv, token);
	/* the reference data only when there are bydeler to choose from */
	if (bydel_open(inv)) {
		if ((rc = app_refdata(a, &rd)) != 0)
			return rc;
		refdata_page(&a->page, rd, NULL, inv->kommune);
	}
	if (inv->role == ROLE_KARTLEGGER) {
		list = page_add(&a->page, NULL, "tjenestetyper", NULL);
		for (i = 0; i < TJ__MAX; i++) {
			n = page_add(&a->page, list, "tjenestetype", tjenestetype_titles[i]);
			page_attr(&a->page, n, "id", tjenestetype_ids[i]);
		}
	}
	n = page_add(&a->page, NULL, "values", NULL);
	page_attr(&a->page, n, "name", v->name);
	page_attr(&a->page, n, "email", v->email);
	page_attr(&a->page, n, "bydel", v->bydel);
	page_attr(&a->page, n, "tjenestetype", v->tjenestetype);
	page_attr(&a->page, n, "terms", v->terms ? "1" : "0");
	app_form_errors(a, f);
	return app_render(a, 200);
}

/* The TOTP enrolment: the secret as text and as a QR code (enrol.h), and a field for the
 * code. */
static int
enrol_page(struct app *a, const struct invite *inv, const char *token, const char *ptoken,
    const struct pending *p, const char *error)
{
	int rc;

	if ((rc = app_page(a, "register-totp")) != 0)
		return rc;
	add_invite(a, inv, token);
	page_add(&a->page, NULL, "pending", ptoken);
	if ((rc = enrol_model(a, p->id, p->email, p->totp)) != 0)
		return rc;
	if (error != NULL)
		app_message(a, "error", "kode", error);
	return app_render(a, 200);
}

/* -- the invitation ------------------------------------------------------------------ */

struct lookup {
	const char *token;
	struct invite inv;
	int found;
};

static int
lookup_invite(struct store_txn *txn, void *arg)
{
	struct lookup *l = arg;
	int rc = invite_load(txn, l->token, &l->inv);

	if (rc == 0)
		l->found = 1;
	return rc == BP_ENOENT ? 0 : rc;
}

/* Load the invitation of token; 0 when usable, else the status of the page sent. */
static int
usable_invite(struct app *a, const char *token, struct invite *inv, int *answered)
{
	struct lookup l;
	enum invite_state s;
	struct store *st;
	size_t i;
	int rc;

	memset(&l, 0, sizeof(l));
	l.token = token;
	*answered = 0;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, lookup_invite, &l)) != 0)
		return rc;
	*answered = 1;
	if (!l.found)
		return invalid_page(a, 404, unknown_link);
	if ((s = invite_state(&l.inv, a->now)) != INVITE_OK) {
		for (i = 0; i < NITEMS(unusable) && unusable[i].state != s; i++)
			;
		return invalid_page(a, unusable[i].status, unusable[i].text);
	}
	*answered = 0;
	*inv = l.inv;
	return 0;
}

/* auth = oidc: first ID-porten, which proves who registers; then the form */
static int
start_page(struct app *a, const struct invite *inv, const char *token)
{
	char start[sizeof(a->cfg.base_path) + TOKEN_HEX + 64];
	int rc;

	if ((rc = app_page(a, "register")) != 0)
		return rc;
	add_invite(a, inv, token);
	snprintf(start, sizeof(start), "%s/cgi-bin/oidc/registrer?t=%s", a->cfg.base_path, token);
	page_add(&a->page, NULL, "start", start);
	return app_render(a, 200);
}

static int
register_get(struct app *a)
{
	const char *token = app_query(a, K_T);
	struct invite inv;
	int rc, answered;

	struct values v = { "", "", "", "", 0 };
	struct pending p;

	if ((rc = usable_invite(a, token, &inv, &answered)) != 0 || answered)
		return rc;
	if (a->cfg.auth == AUTH_OIDC && bound_registration(a, &inv, &p) != 0)
		return start_page(a, &inv, token);
	return account_form(a, &inv, token, &v, NULL);
}

static int
terms_get(struct app *a)
{
	int rc;

	if ((rc = app_page(a, "register-terms")) != 0)
		return rc;
	return app_render(a, 200);
}

/* -- step 1: the account's name, e-post and password ---------------------------------- */

static int finish_oidc(struct app *a, const struct invite *inv, const char *token,
    const struct pending *bound, const struct values *v);

struct email_check {
	struct app *a;
	const char *email;
	int taken;
	int blocked;
};

static int
check_email(struct store_txn *txn, void *arg)
{
	struct email_check *c = arg;
	const struct secrets *sec;
	char identity[EMAIL_MAX + 8];
	const void *v;
	size_t vlen;
	int rc = store_get(txn, DB_EMAILS, c->email, strlen(c->email), &v, &vlen);

	c->taken = rc == 0;
	if (rc != 0 && rc != BP_ENOENT)
		return rc;
	/* held by an account suspended in an earlier year: free for a new one (access.h) */
	if (c->taken && vlen == ACCOUNT_ID_LEN) {
		char id[ACCOUNT_ID_LEN + 1];
		struct account old;

		memcpy(id, v, ACCOUNT_ID_LEN);	/* account_load clears what it fills */
		id[ACCOUNT_ID_LEN] = '\0';
		if ((rc = account_load(txn, id, &old)) != 0)
			return rc;
		c->taken = !access_lapsed(&old, time_year((time_t)c->a->now));
	}
	/* a suspended account's identity may not register again this year */
	snprintf(identity, sizeof(identity), "e:%s", c->email);
	if (app_secrets(c->a, &sec) != 0 ||
	    (c->blocked = account_blocked(txn, sec, identity, time_year((time_t)c->a->now))) < 0)
		return BP_ECRYPTO;
	return 0;
}

static int
save_pending(struct store_txn *txn, void *arg)
{
	struct pending *p = arg;

	return pending_save(txn, p, p->expires - PENDING_TTL);
}

static int
step_account(struct app *a, const struct invite *inv, const char *token)
{
	char name[sizeof(((struct account *)0)->name)], email[EMAIL_MAX + 1];
	char ptoken[TOKEN_HEX + 1];
	const char *pw = app_form(a, K_PASSORD), *pw2 = app_form(a, K_PASSORD2);
	const char *bydel = app_form(a, K_BYDEL), *tj = app_form(a, K_TJENESTETYPE);
	const struct refdata *rd;
	const struct secrets *sec;
	struct email_check ec = { a, email, 0, 0 };
	struct values v;
	struct account tmp;
	struct pending p;
	struct store *st;
	struct form_errors f = { { 0 }, { 0 }, 0 };
	const char *weak;
	int oidc = a->cfg.auth == AUTH_OIDC, rc;
	struct pending bound;

	str_copy(name, sizeof(name), app_form(a, K_NAVN));
	str_trim(name);
	if (!name_valid(name))
		form_error(&f, "navn", *name ? "Navnet kan ha høyst 100 tegn." :
		    "Skriv inn fullt navn.");
	if (email_normalize(app_form(a, K_EPOST), email, sizeof(email)) != 0) {
		form_error(&f, "epost", "Skriv inn en gyldig e-postadresse, for eksempel "
		    "navn@kommune.no.");
		str_copy(email, sizeof(email), app_form(a, K_EPOST));
	} else if (oidc) {
		/* ID-porten has proved who registers; with local login the e-post is looked at
		 * only when the account would be made (create_account), and never said */
		if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, check_email, &ec)) != 0)
			return rc;
		if (ec.blocked)
			form_error(&f, "epost", "Kontoen med denne e-postadressen er suspendert, og "
			    "den kan ikke registreres på nytt i år. Kontakt KORFOR hvis det er feil.");
		else if (ec.taken)
			form_error(&f, "epost", "Det finnes allerede en konto med denne "
			    "e-postadressen.");
	}
	if (oidc) {
		if (bound_registration(a, inv, &bound) != 0)
			return start_page(a, inv, token);
	} else if ((rc = password_check(pw, email, name, &weak)) == BP_EINVAL)
		form_error(&f, "passord", weak);
	else if (rc != 0)
		return rc;
	else if (strcmp(pw, pw2) != 0)
		form_error(&f, "passord2", "Passordene er ikke like.");
	if (!bydel_open(inv) || *bydel == '\0')
		bydel = "";
	else if ((rc = app_refdata(a, &rd)) != 0)
		return rc;
	else if (refdata_bydel_name(rd, inv->kommune, bydel) == NULL)
		form_error(&f, "bydel", "Velg en bydel fra listen, eller hele kommunen.");
	if (inv->role != ROLE_KARTLEGGER)
		tj = "";
	else if (tjenestetype_from_id(tj) < 0)
		form_error(&f, "tjenestetype", "Velg tjenestetype.");
	if (strcmp(app_form(a, K_VILKAR), "ja") != 0)
		form_error(&f, "vilkar", "Du må godta bruksvilkårene for å registrere deg.");
	v = (struct values){ name, email, bydel, tj, strcmp(app_form(a, K_VILKAR), "ja") == 0 };
	if (f.n > 0)
		return account_form(a, inv, token, &v, &f);
	if (oidc)
		return finish_oidc(a, inv, token, &bound, &v);

	memset(&p, 0, sizeof(p));
	hex_encode(inv->key, sizeof(inv->key), p.invite);
	str_copy(p.name, sizeof(p.name), name);
	str_copy(p.email, sizeof(p.email), email);
	str_copy(p.bydel, sizeof(p.bydel), bydel);
	str_copy(p.tjenestetype, sizeof(p.tjenestetype), tj);
	p.expires = a->now + PENDING_TTL;
	if ((rc = account_new_id(&tmp)) != 0 || (rc = crypto_password_hash(pw, p.password)) != 0 ||
	    (rc = app_secrets(a, &sec)) != 0)
		return rc;
	str_copy(p.id, sizeof(p.id), tmp.id);
	if ((rc = account_totp_new(sec, p.id, p.totp)) != 0)
		return rc;
	if ((rc = token_new(ptoken, p.key)) != 0 || (rc = app_store(a, &st)) != 0 ||
	    (rc = store_write(st, save_pending, &p)) != 0)
		return rc;
	return enrol_page(a, inv, token, ptoken, &p, NULL);
}

/* -- step 2: the first code proves the app holds the secret ----------------------------- */

struct finish {
	struct app *a;
	const char *token;		/* the invitation's */
	struct pending p;
	long long step;
	int state;			/* invite_state at commit, or -1 unknown */
	int taken;			/* the e-post was registered meanwhile */
	int welcome;			/* ID-porten: logged in, with a velkomstmelding */
	struct account acct;
};

static int
load_pending(struct store_txn *txn, void *arg)
{
	struct finish *fin = arg;

	return pending_load(txn, app_form(fin->a, K_P), fin->a->now, &fin->p);
}

/* The account's place: from the link, with names from the reference data. The instans of
 * a kommunekontakt is its kommune, of KORUS its region (as the registers show them). */
static int
fill_scope(struct app *a, const struct invite *inv, const struct pending *p,
    struct account *acct)
{
	const struct refdata *rd;
	const char *v;

	str_copy(acct->region, sizeof(acct->region), inv->region);
	str_copy(acct->kommune, sizeof(acct->kommune), inv->kommune);
	str_copy(acct->kommunenavn, sizeof(acct->kommunenavn), inv->kommunenavn);
	str_copy(acct->bydel, sizeof(acct->bydel), inv->bydel[0] ? inv->bydel : p->bydel);
	str_copy(acct->bydelnavn, sizeof(acct->bydelnavn), inv->bydelnavn);
	if (inv->bydel[0] == '\0' && p->bydel[0]) {
		/* chosen at registration */
		if (app_refdata(a, &rd) != 0)
			return BP_EIO;
		if ((v = refdata_bydel_name(rd, acct->kommune, acct->bydel)) != NULL)
			str_copy(acct->bydelnavn, sizeof(acct->bydelnavn), v);
	}
	switch (acct->role) {
	case ROLE_KORFOR:
		str_copy(acct->instans, sizeof(acct->instans), "KORFOR");
		break;
	case ROLE_KORUS:
		str_copy(acct->instans, sizeof(acct->instans),
		    inv->regionnavn[0] ? inv->regionnavn : "KORUS");
		break;
	case ROLE_KOMMUNE:
		snprintf(acct->instans, sizeof(acct->instans), "%s kommune", acct->kommunenavn);
		break;
	case ROLE_KARTLEGGER:
		str_copy(acct->instans, sizeof(acct->instans), inv->instans);
		str_copy(acct->tjenestetype, sizeof(acct->tjenestetype), p->tjenestetype);
		break;
	default:
		return BP_EINVAL;
	}
	return 0;
}

/* Local login: an e-post that has an account, or is blocked this year after a suspension,
 * gets no account, and the person is not told: the answer is the one a new e-post gets, and
 * the invitation spends the one use a registration spends, so that neither the pages nor
 * the link say whether the address is known. The attempt is in the audit log, for those who
 * administer the invitation's scope (and the account, if there is one). 1 when refused. */
static int
refuse_known_email(struct store_txn *txn, struct finish *fin, struct invite *inv)
{
	const struct secrets *sec;
	char identity[EMAIL_MAX + 8], detail[64], holder[ACCOUNT_ID_LEN + 1] = "";
	const void *v;
	size_t vlen;
	int rc, blocked;

	/* an e-post whose account was suspended in an earlier year registers anew */
	if ((rc = access_release(txn, fin->p.email, "", fin->p.id, fin->a->now, NULL)) != 0)
		return rc;
	rc = store_get(txn, DB_EMAILS, fin->p.email, strlen(fin->p.email), &v, &vlen);
	if (rc != 0 && rc != BP_ENOENT)
		return rc;
	if (rc == 0 && vlen == ACCOUNT_ID_LEN) {
		memcpy(holder, v, ACCOUNT_ID_LEN);
		holder[ACCOUNT_ID_LEN] = '\0';
	}
	snprintf(identity, sizeof(identity), "e:%s", fin->p.email);
	if (app_secrets(fin->a, &sec) != 0 ||
	    (blocked = account_blocked(txn, sec, identity, time_year((time_t)fin->a->now))) < 0)
		return BP_ECRYPTO;
	if (rc == BP_ENOENT && !blocked)
		return 0;
	inv->left--;
	if ((rc = invite_save(txn, inv)) != 0 || (rc = pending_delete(txn, &fin->p)) != 0)
		return rc;
	/* no e-post in the log: the account acted on names it for those who may see it */
	snprintf(detail, sizeof(detail), "%s %s", blocked ? "blocked" : "taken",
	    role_ids[inv->role]);
	if ((rc = app_audit_in(fin->a, txn, "register.refused", inv->region[0] ? inv->region :
	    NULL, inv->kommune[0] ? inv->kommune : NULL, holder[0] ? holder : NULL, detail)) != 0)
		return rc;
	return 1;
}

static int
create_account(struct store_txn *txn, void *arg)
{
	struct finish *fin = arg;
	struct account *acct = &fin->acct;
	char key[2 * CRYPTO_HASH_LEN + 1];
	struct invite inv;
	int rc;

	rc = invite_load(txn, fin->token, &inv);
	if (rc == BP_ENOENT) {
		fin->state = -1;
		return BP_EDENIED;
	}
	if (rc != 0)
		return rc;
	hex_encode(inv.key, sizeof(inv.key), key);
	if (strcmp(key, fin->p.invite) != 0) {
		fin->state = -1;
		return BP_EDENIED;
	}
	if ((fin->state = (int)invite_state(&inv, fin->a->now)) != INVITE_OK)
		return BP_EDENIED;
	if (fin->p.idhash[0] == '\0' && (rc = refuse_known_email(txn, fin, &inv)) != 0)
		return rc == 1 ? 0 : rc;
	/* ID-porten: the identity and e-post of an account suspended in an earlier year */
	if (fin->p.idhash[0] && (rc = access_release(txn, fin->p.email, fin->p.idhash,
	    fin->p.id, fin->a->now, NULL)) != 0)
		return rc;
	memset(acct, 0, sizeof(*acct));
	str_copy(acct->id, sizeof(acct->id), fin->p.id);
	str_copy(acct->name, sizeof(acct->name), fin->p.name);
	str_copy(acct->email, sizeof(acct->email), fin->p.email);
	acct->role = inv.role;
	if ((rc = fill_scope(fin->a, &inv, &fin->p, acct)) != 0)
		return rc;
	str_copy(acct->password, sizeof(acct->password), fin->p.password);
	str_copy(acct->totp, sizeof(acct->totp), fin->p.totp);
	str_copy(acct->idhash, sizeof(acct->idhash), fin->p.idhash);
	str_copy(acct->invited_by, sizeof(acct->invited_by), inv.by);
	acct->invited = inv.created;
	acct->totp_step = fin->step;
	acct->created = fin->a->now;
	if ((rc = account_save(txn, acct, 1)) == BP_EEXIST) {
		fin->taken = 1;
		return BP_EDENIED;
	}
	if (rc != 0)
		return rc;
	inv.left--;
	if ((rc = invite_save(txn, &inv)) != 0 || (rc = pending_delete(txn, &fin->p)) != 0)
		return rc;
	if ((rc = audit_put(txn, fin->a->now, &(struct audit_event){ "register.ok", acct->id,
	    fin->a->req.addr, role_ids[acct->role], acct->region, acct->kommune, acct->id })) != 0)
		return rc;
	/* ID-porten has just proved who this is: the registration is also the first login */
	if (acct->idhash[0])
		return signin_finish(fin->a, txn, acct, "idporten", &fin->welcome);
	return 0;
}

/* auth = oidc: the form is sent; the account exists and is logged in. */
static int
finish_oidc(struct app *a, const struct invite *inv, const char *token,
    const struct pending *bound, const struct values *v)
{
	struct form_errors f = { { "epost" }, { "Det finnes allerede en konto med denne "
	    "e-postadressen, eller med denne identiteten." }, 1 };
	struct finish fin;
	struct store *st;
	int rc;

	memset(&fin, 0, sizeof(fin));
	fin.a = a;
	fin.token = token;
	fin.p = *bound;
	str_copy(fin.p.name, sizeof(fin.p.name), v->name);
	str_copy(fin.p.email, sizeof(fin.p.email), v->email);
	str_copy(fin.p.bydel, sizeof(fin.p.bydel), v->bydel);
	str_copy(fin.p.tjenestetype, sizeof(fin.p.tjenestetype), v->tjenestetype);
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, create_account, &fin);
	if (rc == BP_EDENIED && fin.taken)
		return account_form(a, inv, token, v, &f);
	if (rc == BP_EDENIED)
		return invalid_page(a, fin.state < 0 ? 404 : 410, fin.state < 0 ? unknown_link :
		    "Registreringslenken kan ikke lenger brukes. Be om en ny lenke.");
	if (rc != 0)
		return rc;
	app_cookie(a, PENDING_COOKIE, NULL);
	return app_redirect(a, signin_target(fin.welcome));
}

static int
step_code(struct app *a, const struct invite *inv, const char *token)
{
	const struct secrets *sec;
	struct finish fin;
	struct store *st;
	int rc;

	memset(&fin, 0, sizeof(fin));
	fin.a = a;
	fin.token = token;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	if ((rc = store_read(st, load_pending, &fin)) == BP_ENOENT)
		return account_form(a, inv, token, &(struct values){ "", "", "", "", 0 },
		    &(struct form_errors){ { "navn" },
		    { "Registreringen tok for lang tid og må startes på nytt." }, 1 });
	if (rc != 0)
		return rc;
	if ((rc = app_secrets(a, &sec)) != 0)
		return rc;
	rc = account_totp_check(sec, fin.p.id, fin.p.totp, 0, a->now, app_form(a, K_KODE),
	    &fin.step);
	if (rc != 0 && rc != BP_EDENIED)
		return rc;
	if (rc != 0)
		return enrol_page(a, inv, token, app_form(a, K_P), &fin.p, "Koden stemmer ikke. "
		    "Skriv inn den sekssifrede koden appen viser nå.");
	/* made, or refused for a known e-post (create_account): the same answer */
	rc = store_write(st, create_account, &fin);
	if (rc == BP_EDENIED && !fin.taken)
		return invalid_page(a, fin.state < 0 ? 404 : 410, fin.state < 0 ? unknown_link :
		    "Registreringslenken kan ikke lenger brukes. Be om en ny lenke.");
	if (rc != 0)
		return rc;
	return app_redirect(a, "/cgi-bin/login?melding=registrert");
}

/* each step first checks the link is still good (it may have been used or withdrawn) */
static int
account_post(struct app *a)
{
	const char *token = app_form(a, K_T);
	struct invite inv;
	int rc, answered;

	if ((rc = usable_invite(a, token, &inv, &answered)) != 0 || answered)
		return rc;
	return step_account(a, &inv, token);
}

static int
code_post(struct app *a)
{
	const char *token = app_form(a, K_T);
	struct invite inv;
	int rc, answered;

	if ((rc = usable_invite(a, token, &inv, &answered)) != 0 || answered)
		return rc;
	return step_code(a, &inv, token);
}

static const struct route routes[] = {
	{ HTTP_GET, "", register_get, R_PUBLIC, NULL },
	{ HTTP_GET, "/vilkar", terms_get, R_PUBLIC, NULL },
	{ HTTP_POST, "", account_post, R_STEG, "konto" },
	{ HTTP_POST, "", code_post, R_STEG, "kode" },
};

int
main(void)
{
	return app_main("register", routes, NITEMS(routes));
}
