/* app.h: the life of one CGI request, shared by every page program.
 *
 * A program declares its routes (method, PATH_INFO, handler, flags) and calls app_main.
 * app_main parses and bounds the request, loads the configuration, finds the session,
 * checks the CSRF token of every POST, then calls the handler. A handler either answers
 * itself (app_render, app_send, app_redirect) and returns 0, or returns a bp_err (util.h)
 * and app_main answers with the Norwegian error page of its status: app_status_of is the
 * one place a core error becomes an HTTP status. */
#ifndef BP_APP_H
#define BP_APP_H

#include "account.h"
#include "config.h"
#include "definition.h"
#include "formtab.h"
#include "http.h"
#include "keys.h"
#include "refdata.h"
#include "render.h"
#include "secrets.h"
#include "session.h"
#include "store.h"

#define APP_HEADERS_MAX 8
#define CSRF_FIELD "csrf"
#define PRE_COOKIE "bp_pre"		/* CSRF basis before login */
#define HOST_PREFIX "__Host-"		/* of every cookie's name when https = yes */

struct app;
typedef int (*app_handler)(struct app *a);

enum route_flag {
	R_PUBLIC = 0,
	R_LOGIN = 1 << 0,		/* needs a session; otherwise redirect to login */
	R_STEG = 1 << 1,		/* action is the form's "steg", not its "handling" */
};

/* A route: a method and path, and for a form that does several things, the one it does
 * (the posted "handling", or "steg" of a flow of steps): a program's sub-actions are rows
 * of its table, not a chain of ifs. A path and method whose action matches no row is 400. */
struct route {
	enum http_method method;	/* HTTP_GET also answers HEAD */
	const char *path;		/* PATH_INFO, "" for the program itself */
	app_handler fn;
	unsigned flags;
	const char *action;		/* NULL: any */
};

struct app {
	const char *prog;
	long long now;
	struct config cfg;
	struct request req;
	struct secrets sec;
	int sec_loaded;
	struct store *st;		/* opened on first use */
	struct refdata *rd;		/* loaded on first use */
	struct definition *def;		/* the year's questionnaire, loaded on first use */
	struct formtab *form;		/* its form, pre-rendered; loaded on first use */
	char defdir[PATH_MAX];		/* their version's directory (definition_dir) */
	int defdir_year;		/* the year it is of; 0 until resolved */
	int logged_in;
	int session_expired;		/* a session cookie came, but its session had ended */
	struct session sess;
	struct account me;		/* valid when logged_in */
	unsigned char pre[32];		/* pre-login CSRF basis (cookie) */
	int have_pre;
	struct page page;
	char headers[APP_HEADERS_MAX][768];
	size_t nheaders;
};

int app_main(const char *prog, const struct route *routes, size_t nroutes);
/* app_frees_at_exit: 1 when what a handler made must be freed before the process ends
 * (sanitizer builds); 0 when the kernel takes it back, as it does the page (app.c). */
int app_frees_at_exit(void);

/* lazily opened resources; 0 or a bp_err (logged) */
int app_store(struct app *a, struct store **st);
int app_secrets(struct app *a, const struct secrets **sec);
int app_refdata(struct app *a, const struct refdata **rd);
/* app_definition: the questionnaire of year; BP_ENOENT when there is none */
int app_definition(struct app *a, int year, const struct definition **def);
/* app_formtab: the form of year's questionnaire (formtab.h); BP_ENOENT when there is none */
int app_formtab(struct app *a, int year, const struct formtab **ft);

/* app_page: start a->page with the shared model: mode, paths, year, user, CSRF token. */
int app_page(struct app *a, const char *name);
/* app_message: <message kind="error|notice" field="...">text</message> on the page */
void app_message(struct app *a, const char *kind, const char *field, const char *text);

/* What a form's handler found wrong, field by field in form order, to be said at each field
 * when the form comes back (the first FORM_ERRORS_MAX; one is enough to correct). */
#define FORM_ERRORS_MAX 8
struct form_errors {
	const char *field[FORM_ERRORS_MAX];	/* the field's id (without "f-") */
	const char *text[FORM_ERRORS_MAX];	/* Norwegian; static strings */
	int n;
};
void form_error(struct form_errors *f, const char *field, const char *text);
/* app_form_errors: each of f (may be NULL) as an error <message> on the page */
void app_form_errors(struct app *a, const struct form_errors *f);
/* app_account_node: <account id name email instans tjenestetype role kommune innvilget
 * tilbakekalt> under parent, for tables of accounts; the stylesheet shows what it needs. */
xmlNodePtr app_account_node(struct app *a, xmlNodePtr parent, const struct account *acct);
/* app_audit: an audit event by the logged-in account (or none) from the request's address,
 * in the scope of the account it concerns (about; the actor's own when NULL), so that
 * those who administer that scope see it in the Tilgangslogg. app_audit_in names the
 * scope (region, kommune; NULL for none) and the account acted on (subject) itself. */
int app_audit(struct app *a, struct store_txn *txn, const char *event,
    const struct account *about, const char *detail);
int app_audit_in(struct app *a, struct store_txn *txn, const char *event, const char *region,
    const char *kommune, const char *subject, const char *detail);
/* app_account_invited: on n (an account node), who invited acct ("invited-by": a name, or
 * "Systemet (bpadm)") and when ("invited": the link's date, else the registration's), so
 * the chain of access can be followed back to KORFOR. inviter keeps the last inviter read
 * (its id "" at first): a list's rows mostly share one. */
void app_account_invited(struct app *a, struct store_txn *txn, xmlNodePtr n,
    const struct account *acct, struct account *inviter);
/* app_date_range: the query's "fra" and "til" (DD.MM.YYYY, YYYY-MM-DD or absent) into fra
 * and til as YYYY-MM-DD ("" when absent); a bad one is said at its field in Norwegian.
 * 1 when one was refused, else 0. */
int app_date_range(struct app *a, char fra[DATE_LEN + 1], char til[DATE_LEN + 1]);
/* app_render: transform a->page and send it with status; 0, or a bp_err for app_main */
int app_render(struct app *a, int status);
/* app_send: a body of another type (a download: CSV, PDF) with the headers set so far */
int app_send(struct app *a, int status, const char *type, const void *body, size_t len);
/* app_redirect: 303 See Other to base_path + target (target starts with '/') */
int app_redirect(struct app *a, const char *target);
/* app_status_of: the HTTP status of a core error (0 for 0): 404, 400, 409, 403, 413,
 * 507, else 500 */
int app_status_of(int rc);
void app_header(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* app_cookie: set (value) or delete (NULL) a cookie: Path=/, HttpOnly, SameSite=Strict,
 * Secure over https; named with the __Host- prefix when the config says https = yes (and
 * read back without it: name is the same either way) */
void app_cookie(struct app *a, const char *name, const char *value);
/* app_login: start a session for the account (in the caller's write txn) and set its cookie */
int app_session_start(struct app *a, struct store_txn *txn, const char *account);

/* app_error_static: the error page of status as Apache serves it for errors it answers
 * itself (ErrorDocument): no user, no form. */
int app_error_static(const struct config *cfg, int status, long long now, struct buf *out);

/* The value of key k in the POST's form or in the URL's query, or "" when absent; app_main
 * has checked it against the key table (keys.h) before the handler runs. */
const char *app_form(struct app *a, enum key k);
const char *app_query(struct app *a, enum key k);
/* app_query_ll, app_form_ll: an integer key (KT_INT: checked against its bounds), or dflt
 * when absent */
long long app_query_ll(struct app *a, enum key k, long long dflt);
long long app_form_ll(struct app *a, enum key k, long long dflt);

#endif
