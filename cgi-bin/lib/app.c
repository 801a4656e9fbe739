/* app.c: request life cycle for the CGI programs. */
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "app.h"
#include "audit.h"

/* The process ends when app_main returns, and the kernel takes its memory back at once;
 * freeing the page, the definition and the reference data tree by tree costs a save about
 * a million instructions (callgrind). So they are left to the kernel, except in sanitizer
 * builds, where LeakSanitizer must see every allocation freed. The store is closed (its
 * reader slot) and secrets are wiped either way. */
#if defined(__SANITIZE_ADDRESS__)
#define APP_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define APP_FREE_AT_EXIT 1
#endif
#endif
#ifndef APP_FREE_AT_EXIT
#define APP_FREE_AT_EXIT 0
#endif

/* Norwegian texts of the error pages. They say what happened and what to do, never why
 * inside (no paths, library messages or personal data). */
static const struct {
	int status;
	const char *title;
	const char *text;
} errors[] = {
	{ 400, "Ugyldig forespørsel",
	  "Forespørselen kunne ikke forstås. Gå tilbake og prøv igjen." },
	{ 403, "Ingen tilgang",
	  "Du har ikke tilgang til dette, eller skjemaet er for gammelt. "
	  "Last inn siden på nytt og prøv igjen. Informasjonskapsler må være slått på." },
	{ 404, "Siden finnes ikke", "Siden du ba om finnes ikke." },
	{ 405, "Ikke tillatt", "Denne handlingen er ikke tillatt på denne siden." },
	{ 409, "Endret av andre", "Noen andre har endret dette i mellomtiden. "
	  "Last inn siden på nytt." },
	{ 410, "Ikke lenger gyldig", "Lenken eller siden gjelder ikke lenger. Be om en ny." },
	{ 411, "Ugyldig forespørsel", "Forespørselen manglet lengde. Prøv igjen." },
	{ 413, "For stor forespørsel",
	  "Det du sendte er for stort (grensen er 1 MiB). Ingenting er lagret." },
	{ 415, "Ugyldig skjema", "Skjemaet ble sendt i et format tjenesten ikke tar imot." },
	{ 429, "For mange forsøk", "For mange forsøk på kort tid. Vent litt og prøv igjen." },
	{ 500, "Intern feil", "Noe gikk galt hos oss, og forespørselen ble ikke fullført. "
	  "Prøv igjen om litt. Hvis feilen varer, kontakt brukerstøtte." },
	{ 503, "Midlertidig utilgjengelig", "Tjenesten er midlertidig utilgjengelig. "
	  "Prøv igjen om litt." },
	{ 507, "Lagringsplassen er full", "Lagringsplassen på tjeneren er full, så det du "
	  "sendte ble ikke lagret. Det som var lagret fra før, er i behold. Prøv igjen senere, "
	  "og si fra til brukerstøtte." },
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The status of a core error, for every handler: a page id that is no survey (or not
 * one's own) is 404, a malformed value 400, a record saved by others in between (more
 * often than a page retries) 409, what the account may not do 403, a value past its bound
 * 413, a full disk 507; anything else is ours, 500. */
static const struct {
	int rc, status;
} error_statuses[] = {
	{ 0, 0 }, { BP_ENOENT, 404 }, { BP_EINVAL, 400 }, { BP_ESTALE, 409 },
	{ BP_EDENIED, 403 }, { BP_ETOOBIG, 413 }, { BP_ENOSPC, 507 },
};

int
app_status_of(int rc)
{
	size_t i;

	for (i = 0; i < NITEMS(error_statuses); i++)
		if (error_statuses[i].rc == rc)
			return error_statuses[i].status;
	return 500;
}

const char *
app_form(struct app *a, enum key k)
{
	const char *v = http_get(&a->req.form, keydefs[k].name);

	return v ? v : "";
}

const char *
app_query(struct app *a, enum key k)
{
	const char *v = http_get(&a->req.query, keydefs[k].name);

	return v ? v : "";
}

static long long
key_ll(enum key k, const char *v, long long dflt)
{
	long long n;

	return *v && str_to_ll(v, keydefs[k].min, keydefs[k].hi, &n) == 0 ? n : dflt;
}

long long
app_query_ll(struct app *a, enum key k, long long dflt)
{
	return key_ll(k, app_query(a, k), dflt);
}

long long
app_form_ll(struct app *a, enum key k, long long dflt)
{
	return key_ll(k, app_form(a, k), dflt);
}

/* every value of a known key, in the query and the form, against the key table: 0, or
 * the status of the first bad one */
static int
keys_ok(const struct app *a)
{
	const struct http_list *lists[] = { &a->req.query, &a->req.form };
	size_t i, j;
	int k, status;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		for (j = 0; j < lists[i]->n; j++)
			if ((k = key_find(lists[i]->v[j].key)) >= 0 &&
			    (status = key_check((enum key)k, lists[i]->v[j].val)) != 0)
				return status;
	return 0;
}

int
app_store(struct app *a, struct store **st)
{
	int rc;

	if (a->st == NULL && (rc = store_open(a->cfg.store, a->cfg.map_size, 0, &a->st)) != 0) {
		log_error("store %s: %s", a->cfg.store, bp_strerror(rc));
		return rc;
	}
	*st = a->st;
	return 0;
}

int
app_secrets(struct app *a, const struct secrets **sec)
{
	char err[PATH_MAX + 128];
	int rc;

	if (!a->sec_loaded) {
		if ((rc = secrets_load(a->cfg.secrets, &a->sec, err, sizeof(err))) != 0) {
			log_error("secrets: %s", err);
			return rc;
		}
		a->sec_loaded = 1;
	}
	*sec = &a->sec;
	return 0;
}

int
app_refdata(struct app *a, const struct refdata **rd)
{
	int rc;

	if (a->rd == NULL && (rc = refdata_load(a->cfg.data, &a->rd)) != 0)
		return rc;
	*rd = a->rd;
	return 0;
}

/* The year's version directory, resolved from its link once per request: the definition
 * and the form then come from one version even if a new one is published in between
 * (definition.h). */
static int
app_defdir(struct app *a, int year)
{
	int rc;

	if (a->defdir_year == year)
		return 0;
	if ((rc = definition_dir(a->cfg.data, year, a->defdir, sizeof(a->defdir))) != 0)
		return rc;
	a->defdir_year = year;
	return 0;
}

int
app_definition(struct app *a, int year, const struct definition **def)
{
	int rc;

	if (a->def == NULL && ((rc = app_defdir(a, year)) != 0 ||
	    (rc = definition_load_dir(a->defdir, &a->def)) != 0))
		return rc;
	*def = a->def;
	return 0;
}

int
app_formtab(struct app *a, int year, const struct formtab **ft)
{
	int rc;

	if (a->form == NULL && ((rc = app_defdir(a, year)) != 0 ||
	    (rc = formtab_load_dir(a->defdir, &a->form)) != 0))
		return rc;
	*ft = a->form;
	return 0;
}

void
app_header(struct app *a, const char *fmt, ...)
{
	va_list ap;

	if (a->nheaders >= APP_HEADERS_MAX) {
		log_error("too many response headers");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(a->headers[a->nheaders++], sizeof(a->headers[0]), fmt, ap);
	va_end(ap);
}

void
app_cookie(struct app *a, const char *name, const char *value)
{
	/* https = yes: the __Host- prefix makes the browser refuse the cookie unless it is
	 * Secure, for Path=/ and for this host only (no Domain): no other host, and nothing
	 * sent over plain http, can plant one (app_main reads only prefixed cookies then) */
	app_header(a, "Set-Cookie: %s%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	    a->cfg.https ? HOST_PREFIX : "", name, value ? value : "",
	    a->req.https ? "; Secure" : "", value ? "" : "; Max-Age=0");
}

/* CSRF token: HMAC(site key, "csrf" || basis), the basis being the session key when logged
 * in and the pre-login cookie otherwise (a signed double-submit cookie, bound to this
 * browser). 0, or BP_ENOENT when the browser has neither (no cookies). */
static int
csrf_token(struct app *a, char out[2 * CRYPTO_HASH_LEN + 1])
{
	const struct secrets *sec;
	unsigned char mac[CRYPTO_HASH_LEN];
	const unsigned char *basis;
	int rc;

	if (a->logged_in)
		basis = a->sess.key;
	else if (a->have_pre)
		basis = a->pre;
	else
		return BP_ENOENT;
	if ((rc = app_secrets(a, &sec)) != 0)
		return rc;
	if ((rc = crypto_hmac(sec->site, "csrf", 4, basis, 32, mac)) != 0)
		return rc;
	hex_encode(mac, sizeof(mac), out);
	return 0;
}

int
app_page(struct app *a, const char *name)
{
	char token[2 * CRYPTO_HASH_LEN + 1], year[8], hex[65], cgi[sizeof(a->cfg.base_path) + 8];
	xmlNodePtr u;
	int rc;

	page_free(&a->page);
	if ((rc = page_init(&a->page, name)) != 0)
		return rc;
	page_attr(&a->page, a->page.root, "mode", mode_names[a->cfg.mode]);
	page_attr(&a->page, a->page.root, "root", a->cfg.base_path);
	snprintf(cgi, sizeof(cgi), "%s/cgi-bin", a->cfg.base_path);
	page_attr(&a->page, a->page.root, "cgi", cgi);
	snprintf(year, sizeof(year), "%d", time_year((time_t)a->now));
	page_attr(&a->page, a->page.root, "year", year);
	if (a->logged_in) {
		u = page_add(&a->page, NULL, "user", NULL);
		page_attr(&a->page, u, "name", a->me.name);
		page_attr(&a->page, u, "role", role_ids[a->me.role]);
		page_attr(&a->page, u, "role-title", role_titles[a->me.role]);
	}
	/* every page may hold a form; a browser without any cookie gets one now */
	if (!a->logged_in && !a->have_pre) {
		if ((rc = crypto_random(a->pre, sizeof(a->pre))) != 0)
			return rc;
		a->have_pre = 1;
		hex_encode(a->pre, sizeof(a->pre), hex);
		app_cookie(a, PRE_COOKIE, hex);
	}
	if ((rc = csrf_token(a, token)) != 0)
		return rc;
	page_add(&a->page, NULL, "csrf", token);
	return a->page.err;
}

xmlNodePtr
app_account_node(struct app *a, xmlNodePtr parent, const struct account *acct)
{
	struct page *pg = &a->page;
	xmlNodePtr n = page_add(pg, parent, "account", NULL);
	char when[17];
	int tj;

	page_attr(pg, n, "id", acct->id);
	page_attr(pg, n, "name", acct->name);
	page_attr(pg, n, "email", acct->email);
	page_attr(pg, n, "instans", acct->instans);
	page_attr(pg, n, "role", role_tilhorighet[acct->role]);
	page_attr(pg, n, "kommune", acct->kommune);
	if ((tj = tjenestetype_from_id(acct->tjenestetype)) >= 0)
		page_attr(pg, n, "tjenestetype", tjenestetype_titles[tj]);
	if (acct->innvilget) {
		time_datetime((time_t)acct->innvilget, when);
		page_attr(pg, n, "innvilget", when);
	}
	if (acct->tilbakekalt) {
		time_datetime((time_t)acct->tilbakekalt, when);
		page_attr(pg, n, "tilbakekalt", when);
	}
	return n;
}

int
app_audit_in(struct app *a, struct store_txn *txn, const char *event, const char *region,
    const char *kommune, const char *subject, const char *detail)
{
	struct audit_event e = { event, a->logged_in ? a->me.id : NULL, a->req.addr, detail,
	    region, kommune, subject };

	return audit_put(txn, a->now, &e);
}

int
app_audit(struct app *a, struct store_txn *txn, const char *event,
    const struct account *about, const char *detail)
{
	const struct account *s = about ? about : a->logged_in ? &a->me : NULL;

	return app_audit_in(a, txn, event, s ? s->region : NULL, s ? s->kommune : NULL,
	    about ? about->id : NULL, detail);
}

void
app_account_invited(struct app *a, struct store_txn *txn, xmlNodePtr n,
    const struct account *acct, struct account *inviter)
{
	char when[11];

	if (acct->invited_by[0] == '\0')
		return;
	if (strcmp(acct->invited_by, "bpadm") == 0)
		page_attr(&a->page, n, "invited-by", "Systemet (bpadm)");
	else if (strcmp(inviter->id, acct->invited_by) == 0 ||
	    account_load(txn, acct->invited_by, inviter) == 0)
		page_attr(&a->page, n, "invited-by", inviter->name);
	else {
		inviter->id[0] = '\0';
		page_attr(&a->page, n, "invited-by", "Ukjent konto");
	}
	time_date((time_t)(acct->invited ? acct->invited : acct->created), when);
	page_attr(&a->page, n, "invited", when);
}

int
app_date_range(struct app *a, char fra[DATE_LEN + 1], char til[DATE_LEN + 1])
{
	const char *f = app_query(a, K_FRA), *t = app_query(a, K_TIL);
	int bad = 0;

	fra[0] = til[0] = '\0';
	if (*f && date_parse(f, fra) != 0) {
		app_message(a, "error", "fra", "Skriv fra-datoen som dd.mm.åååå, for eksempel 01.03.2026.");
		bad = 1;
	}
	if (*t && date_parse(t, til) != 0) {
		app_message(a, "error", "til", "Skriv til-datoen som dd.mm.åååå, for eksempel 31.03.2026.");
		bad = 1;
	}
	if (!bad && *fra && *til && strcmp(fra, til) > 0) {
		app_message(a, "error", "til", "Til-datoen kan ikke være før fra-datoen.");
		bad = 1;
	}
	return bad;
}

void
app_message(struct app *a, const char *kind, const char *field, const char *text)
{
	xmlNodePtr m = page_add(&a->page, NULL, "message", text);

	page_attr(&a->page, m, "kind", kind);
	if (field)
		page_attr(&a->page, m, "field", field);
}

void
form_error(struct form_errors *f, const char *field, const char *text)
{
	if (f->n < FORM_ERRORS_MAX) {
		f->field[f->n] = field;
		f->text[f->n++] = text;
	}
}

void
app_form_errors(struct app *a, const struct form_errors *f)
{
	int i;

	for (i = 0; f != NULL && i < f->n; i++)
		app_message(a, "error", f->field[i], f->text[i]);
}

static void
send(struct app *a, int status, const char *ctype, const char *body, size_t len)
{
	const char *extra[APP_HEADERS_MAX];
	size_t i;

	for (i = 0; i < a->nheaders; i++)
		extra[i] = a->headers[i];
	http_write_head(stdout, status, ctype, len, a->req.https, extra, a->nheaders);
	if (len)
		fwrite(body, 1, len, stdout);
	fflush(stdout);
}

int
app_render(struct app *a, int status)
{
	struct buf html = { 0 };
	int rc;

	if ((rc = render_page(a->cfg.xslt, &a->page, &html)) != 0) {
		buf_free(&html);
		log_error("render %s: %s", a->page.name, bp_strerror(rc));
		return rc;
	}
	send(a, status, "text/html; charset=utf-8", html.p, html.len);
	buf_free(&html);
	return 0;
}

int
app_send(struct app *a, int status, const char *type, const void *body, size_t len)
{
	send(a, status, type, body, len);
	return 0;
}

int
app_redirect(struct app *a, const char *target)
{
	app_header(a, "Location: %s%s", a->cfg.base_path, target);
	send(a, 303, NULL, NULL, 0);
	return 0;
}

/* The last resort when even the error page cannot be rendered. */
static void
plain_error(struct app *a, int status)
{
	static const char text[] = "Intern feil. Prøv igjen om litt.\n";

	a->nheaders = 0;
	send(a, status, "text/plain; charset=utf-8", text, sizeof(text) - 1);
}

static size_t
error_index(int status)
{
	size_t i;

	for (i = 0; i < NITEMS(errors); i++)
		if (errors[i].status == status)
			return i;
	return error_index(500);	/* an unlisted status is reported as an internal error */
}

static void
error_model(struct page *pg, size_t i)
{
	xmlNodePtr n = page_add(pg, NULL, "error", NULL);

	page_attr_ll(pg, n, "status", errors[i].status);
	page_add(pg, n, "title", errors[i].title);
	page_add(pg, n, "text", errors[i].text);
}

static void
error_page(struct app *a, int status)
{
	size_t i = error_index(status);

	status = errors[i].status;
	/* drop the headers of a half-done answer */
	a->nheaders = 0;
	if (a->cfg.xslt[0] == '\0' || app_page(a, "error") != 0) {
		plain_error(a, status);
		return;
	}
	error_model(&a->page, i);
	if (status == 405)
		app_header(a, "Allow: GET, HEAD, POST");
	if (app_render(a, status) != 0)
		plain_error(a, status);
}

int
app_error_static(const struct config *cfg, int status, long long now, struct buf *out)
{
	char cgi[sizeof(cfg->base_path) + 8];
	struct page pg;
	int rc;

	if ((rc = page_init(&pg, "error")) != 0)
		return rc;
	snprintf(cgi, sizeof(cgi), "%s/cgi-bin", cfg->base_path);
	page_attr(&pg, pg.root, "mode", mode_names[cfg->mode]);
	page_attr(&pg, pg.root, "root", cfg->base_path);
	page_attr(&pg, pg.root, "cgi", cgi);
	page_attr_ll(&pg, pg.root, "year", time_year((time_t)now));
	error_model(&pg, error_index(status));
	rc = render_page(cfg->xslt, &pg, out);
	page_free(&pg);
	return rc;
}

/* Find the session of the cookie, if any. Store or secret failures are errors (500); an
 * unknown, ended or suspended session just means "not logged in". */
struct session_arg {
	struct app *a;
	const char *token;
};

static int
session_read(struct store_txn *txn, void *arg)
{
	struct session_arg *s = arg;
	struct app *a = s->a;
	int rc;

	rc = session_load(txn, s->token, a->now, &a->sess);
	if (rc == BP_ESTALE) {
		a->session_expired = 1;
		return 0;
	}
	if (rc != 0)
		return rc == BP_ENOENT ? 0 : rc;
	rc = account_load(txn, a->sess.account, &a->me);
	if (rc != 0)
		return rc == BP_ENOENT ? 0 : rc;
	if (a->me.tilbakekalt) {	/* suspended: the session ends here */
		a->session_expired = 1;
		return 0;
	}
	a->logged_in = 1;
	return 0;
}

static int
session_refresh(struct store_txn *txn, void *arg)
{
	struct app *a = arg;

	if (a->session_expired)
		return session_delete(txn, a->sess.key);
	return session_touch(txn, &a->sess, a->now);
}

static int
load_session(struct app *a)
{
	struct session_arg arg = { a, http_get(&a->req.cookies, SESSION_COOKIE) };
	const char *pre = http_get(&a->req.cookies, PRE_COOKIE);
	struct store *st;
	int rc;

	if (pre != NULL && hex_decode(pre, strlen(pre), a->pre, sizeof(a->pre)) == 0)
		a->have_pre = 1;
	if (arg.token == NULL)
		return 0;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, session_read, &arg)) != 0)
		return rc;
	if (a->session_expired || (!a->logged_in && arg.token != NULL)) {
		/* ended or unknown: forget the cookie; delete an ended session's record */
		app_cookie(a, SESSION_COOKIE, NULL);
		if (a->session_expired && (rc = store_write(st, session_refresh, a)) != 0)
			log_error("session: cannot delete ended session: %s", bp_strerror(rc));
		return 0;
	}
	if (a->now - a->sess.seen >= SESSION_TOUCH_AFTER &&
	    (rc = store_write(st, session_refresh, a)) != 0)
		log_error("session: cannot refresh: %s", bp_strerror(rc));
	return 0;
}

int
app_session_start(struct app *a, struct store_txn *txn, const char *account)
{
	char token[TOKEN_HEX + 1];
	int rc;

	(void)session_purge(txn, a->now, 32);
	if ((rc = session_create_from(txn, account, a->req.user_agent, a->now, token,
	    &a->sess)) != 0)
		return rc;
	a->logged_in = 1;
	app_cookie(a, SESSION_COOKIE, token);
	crypto_wipe(token, sizeof(token));
	return 0;
}

/* A POST must carry our CSRF token. Browsers also say where a request comes from: a
 * Sec-Fetch-Site other than same-origin, or an Origin other than ours, is refused. Origin
 * is "null" on our own forms (Referrer-Policy: no-referrer), so only a named one counts. */
static int
csrf_ok(struct app *a)
{
	const char *got = http_get(&a->req.form, CSRF_FIELD);
	char want[2 * CRYPTO_HASH_LEN + 1], origin[300];

	if (a->req.fetch_site[0] != '\0' && strcmp(a->req.fetch_site, "same-origin") != 0)
		return 0;
	if (a->req.origin[0] != '\0' && strcmp(a->req.origin, "null") != 0 &&
	    a->req.host[0] != '\0') {
		snprintf(origin, sizeof(origin), "%s://%s", a->req.https ? "https" : "http",
		    a->req.host);
		if (strcmp(origin, a->req.origin) != 0)
			return 0;
	}
	if (got == NULL || strlen(got) != 2 * CRYPTO_HASH_LEN)
		return 0;
	if (csrf_token(a, want) != 0)
		return 0;
	return crypto_equal(want, got, 2 * CRYPTO_HASH_LEN);
}

static const struct route *
find_route(struct app *a, const struct route *routes, size_t n, int *status)
{
	enum http_method m = a->req.method == HTTP_HEAD ? HTTP_GET : a->req.method;
	size_t i;
	int path_found = 0, method_found = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(routes[i].path, a->req.path) != 0)
			continue;
		path_found = 1;
		if (routes[i].method != m)
			continue;
		method_found = 1;
		if (routes[i].action == NULL || strcmp(routes[i].action,
		    http_get(&a->req.form, routes[i].flags & R_STEG ? "steg" : "handling") ?: "") == 0)
			return &routes[i];
	}
	*status = method_found ? 400 : path_found ? 405 : 404;
	return NULL;
}

int
app_frees_at_exit(void)
{
	return APP_FREE_AT_EXIT;
}

int
app_main(const char *prog, const struct route *routes, size_t nroutes)
{
	static struct app a;		/* large; one per process, zero as the process starts
					 * (clearing its 30 KB again cost page faults) */
	const struct route *r;
	char err[PATH_MAX + 128];
	int status, rc;

	a.prog = prog;
	/* past a file size limit a write should fail (EFBIG, a clear page), not kill us */
	signal(SIGXFSZ, SIG_IGN);
	log_set_prog(prog);
#if !APP_FREE_AT_EXIT
	render_exiting();
#endif
	a.now = (long long)time(NULL);
	status = http_request_read(&a.req, stdin);
	if ((rc = config_load(NULL, &a.cfg, err, sizeof(err))) != 0) {
		log_error("config: %s", err);
		plain_error(&a, 500);
		goto out;
	}
	a.now += config_clock(&a.cfg);
	/* behind a TLS-terminating proxy the request arrives as plain http, but the browser
	 * talks https: Secure cookies, HSTS and the https Origin, and only __Host- cookies */
	if (a.cfg.https) {
		a.req.https = 1;
		http_cookies_prefixed(&a.req.cookies, HOST_PREFIX);
	}
	if (status != 0)
		goto fail;
	if ((r = find_route(&a, routes, nroutes, &status)) == NULL ||
	    (status = keys_ok(&a)) != 0)
		goto fail;
	if (load_session(&a) != 0) {
		status = 500;
		goto fail;
	}
	if (a.req.method == HTTP_POST && !csrf_ok(&a)) {
		log_error("POST %s%s refused: missing or wrong CSRF token or foreign Origin",
		    a.req.script, a.req.path);
		status = 403;
		goto fail;
	}
	if ((r->flags & R_LOGIN) && !a.logged_in) {
		app_redirect(&a, a.session_expired ? "/cgi-bin/login?melding=utlopt" :
		    "/cgi-bin/login");
		goto out;
	}
	/* a handler returns 0 or a bp_err; anything else is a bug of ours: 500 */
	if ((rc = r->fn(&a)) > 0)
		log_error("%s%s: the handler returned %d, not a bp_err", a.req.script, a.req.path,
		    rc);
	status = rc > 0 ? 500 : app_status_of(rc);
	if (status == 500 && rc < 0)
		log_error("%s%s: %s", a.req.script, a.req.path, bp_strerror(rc));
fail:
	/* whatever the page made of it, a write the disk had no room for is said as such */
	if (status == 500 && store_disk_full(a.st))
		status = 507;
	if (status != 0)
		error_page(&a, status);
out:
	store_close(a.st);		/* frees its LMDB reader slot */
#if APP_FREE_AT_EXIT
	page_free(&a.page);
	http_request_free(&a.req);
	refdata_free(a.rd);
	definition_free(a.def);
	formtab_free(a.form);
#endif
	secrets_wipe(&a.sec);
	crypto_wipe(&a.me, sizeof(a.me));
	return 0;
}
