/* overforing.c: the kommunekontakt's year (2026 manual, "Sluttdato og overføringsdato"; 2025
 * manual, "Overfør kommunens kartlegging til KORFOR"; cgi-bin/README.md "The year's cycle and the
 * transfer"): the two dates, and from overføringsdato the transfer, confirmed with a checkbox,
 * then its receipt. In a new year the page also shows last year's: its receipt once
 * transferred (by the button or by bp-transfer after 31 December), or how many surveys
 * still wait for it.
 *
 *   GET  /cgi-bin/overforing
 *   POST /cgi-bin/overforing handling=datoer sluttdato overforingsdato [bekreft=ja]
 *                     a sluttdato set to today asks first: "Kartleggingen låses i dag"
 *   POST /cgi-bin/overforing handling=overfor bekreft=ja
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "authz.h"
#include "transfer.h"

static const char *const state_ids[PERIOD__MAX] = { "open", "locked", "due", "transferred" };

struct year {
	struct app *a;
	const struct secrets *sec;
	int year;
	char today[DATE_LEN + 1];
	struct period p;		/* as stored */
	struct period counts;		/* due: what a transfer would take (a dry run) */
	struct period last;		/* last year's, as stored */
	struct period last_counts;	/* last year's, not transferred: what waits */
	/* POST handling=datoer */
	char sluttdato[DATE_LEN + 1], overforingsdato[DATE_LEN + 1];
	struct period_check check;
	int lock_today;			/* asking before a sluttdato of today locks the year */
	/* POST handling=overfor */
	int transfer_rc;
	/* what to tell, added to the page once it is made (app_page starts it afresh) */
	struct {
		const char *kind, *field;
		char text[256];
	} msgs[4];
	int nmsgs;
};

static void
tell(struct year *y, const char *kind, const char *field, const char *text)
{
	if (y->nmsgs == (int)(sizeof(y->msgs) / sizeof(y->msgs[0])))
		return;
	y->msgs[y->nmsgs].kind = kind;
	y->msgs[y->nmsgs].field = field;
	str_copy(y->msgs[y->nmsgs].text, sizeof(y->msgs[0].text), text);
	y->nmsgs++;
}

static int
read_year(struct store_txn *txn, void *arg)
{
	struct year *y = arg;
	int rc;

	if ((rc = period_get(txn, y->a->me.kommune, y->year, &y->p)) != 0 ||
	    (rc = period_get(txn, y->a->me.kommune, y->year - 1, &y->last)) != 0)
		return rc;
	memset(&y->counts, 0, sizeof(y->counts));
	memset(&y->last_counts, 0, sizeof(y->last_counts));
	/* last year's surveys, if any still wait for the transfer (a dry run counts them) */
	if (!y->last.overfort && (rc = transfer_kommune(txn, y->sec, y->a->me.kommune,
	    y->year - 1, y->a->now, y->a->me.id, 1, NULL, &y->last_counts)) != 0 &&
	    rc != BP_EEXIST)
		return rc;
	if (period_state(&y->p, y->year, y->today) != PERIOD_DUE)
		return 0;
	rc = transfer_kommune(txn, y->sec, y->a->me.kommune, y->year, y->a->now,
	    y->a->me.id, 1, NULL, &y->counts);
	return rc == BP_EEXIST ? 0 : rc;
}

/* 0, or a bp_err when the page is not one's own to see */
static int
year_start(struct app *a, struct year *y)
{
	int rc;

	memset(y, 0, sizeof(*y));
	y->a = a;
	if (authz(&a->me, ACT_PERIOD, NULL) != 0)
		return BP_EDENIED;
	if ((rc = app_secrets(a, &y->sec)) != 0)
		return rc;
	y->year = time_year((time_t)a->now);
	time_date((time_t)a->now, y->today);
	return 0;
}

static int
year_page(struct app *a, struct year *y, int status)
{
	struct page *pg = &a->page;
	struct store *st;
	enum period_state s;
	char when[17];
	xmlNodePtr n;
	int i, rc;

	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_year, y)) != 0 ||
	    (rc = app_page(a, "overforing")) != 0)
		return rc;
	s = period_state(&y->p, y->year, y->today);
	n = page_add(pg, NULL, "period", NULL);
	page_attr(pg, n, "kommune", a->me.kommunenavn);
	page_attr(pg, n, "state", state_ids[s]);
	/* typed values back after an error, else the stored ones */
	page_attr(pg, n, "sluttdato", y->check.error ? y->sluttdato : y->p.sluttdato);
	page_attr(pg, n, "overforingsdato", y->check.error ? y->overforingsdato :
	    y->p.overforingsdato);
	page_attr(pg, n, "stored-sluttdato", y->p.sluttdato);
	page_attr(pg, n, "stored-overforingsdato", y->p.overforingsdato);
	page_attr(pg, n, "moved-from", y->p.moved_from);
	if (s == PERIOD_DUE) {
		page_attr_ll(pg, n, "ready", y->counts.transferred);
		page_attr_ll(pg, n, "with-errors", y->counts.held_back);
	}
	if (s == PERIOD_TRANSFERRED) {
		time_datetime((time_t)y->p.overfort, when);
		page_attr(pg, n, "overfort", when);
		page_attr_ll(pg, n, "transferred", y->p.transferred);
		page_attr_ll(pg, n, "held-back", y->p.held_back);
	}
	if (y->last.overfort || y->last_counts.transferred + y->last_counts.held_back > 0) {
		n = page_add(pg, NULL, "last", NULL);
		page_attr_ll(pg, n, "year", y->year - 1);
		if (y->last.overfort) {
			time_datetime((time_t)y->last.overfort, when);
			page_attr(pg, n, "overfort", when);
			page_attr_ll(pg, n, "transferred", y->last.transferred);
			page_attr_ll(pg, n, "held-back", y->last.held_back);
		} else {
			page_attr_ll(pg, n, "ready", y->last_counts.transferred);
			page_attr_ll(pg, n, "with-errors", y->last_counts.held_back);
		}
	}
	if (y->lock_today) {
		n = page_add(pg, NULL, "lock-today", NULL);
		page_attr(pg, n, "sluttdato", y->sluttdato);
		page_attr(pg, n, "overforingsdato", y->overforingsdato);
	}
	for (i = 0; i < y->nmsgs; i++)
		app_message(a, y->msgs[i].kind, y->msgs[i].field, y->msgs[i].text);
	return app_render(a, status);
}

static int
overforing_get(struct app *a)
{
	struct year y;
	int rc;

	if ((rc = year_start(a, &y)) != 0)
		return rc;
	if (strcmp(app_query(a, K_MELDING), "datoer") == 0)
		tell(&y, "notice", NULL, "Datoene er lagret.");
	else if (strcmp(app_query(a, K_MELDING), "overfort") == 0)
		tell(&y, "notice", NULL, "Kartleggingen er overført til KORFOR.");
	return year_page(a, &y, 200);
}

static int
save_dates(struct store_txn *txn, void *arg)
{
	struct year *y = arg;
	char detail[96];
	int rc, changed;

	if ((rc = period_get(txn, y->a->me.kommune, y->year, &y->p)) != 0)
		return rc;
	if (y->p.overfort)
		return BP_EEXIST;
	period_check(&y->p, y->sluttdato, y->overforingsdato, y->year, y->today, &y->check);
	if (y->check.error)
		return 1;
	changed = strcmp(y->p.sluttdato, y->sluttdato) != 0 ||
	    strcmp(y->p.overforingsdato, y->overforingsdato) != 0;
	if (y->check.moved)
		str_copy(y->p.moved_from, sizeof(y->p.moved_from), y->p.overforingsdato);
	str_copy(y->p.sluttdato, sizeof(y->p.sluttdato), y->sluttdato);
	str_copy(y->p.overforingsdato, sizeof(y->p.overforingsdato), y->overforingsdato);
	if ((rc = period_put(txn, y->a->me.kommune, y->year, &y->p)) != 0 || !changed)
		return rc;
	/* the dates decide when the kommune's surveys lock and leave: who moved them, and
	 * when, is for the kommune's administrators to see (the actor's kommune is the scope) */
	snprintf(detail, sizeof(detail), "%d: sluttdato=%s overforingsdato=%s", y->year,
	    y->sluttdato, y->overforingsdato);
	return app_audit(y->a, txn, "period.dates", NULL, detail);
}

static int
read_period(struct store_txn *txn, void *arg)
{
	struct year *y = arg;

	return period_get(txn, y->a->me.kommune, y->year, &y->p);
}

static int
dates(struct app *a, struct year *y)
{
	static const struct {
		enum key key;
		const char *field, *missing;
	} fields[] = {
		{ K_SLUTTDATO, "sluttdato", "Skriv inn sluttdatoen (dd.mm.åååå)." },
		{ K_OVERFORINGSDATO, "overforingsdato", "Skriv inn overføringsdatoen (dd.mm.åååå)." },
	};
	char *out[2] = { y->sluttdato, y->overforingsdato };
	char text[256];
	struct store *st;
	size_t i;
	int rc, bad = 0;

	for (i = 0; i < 2; i++) {
		const char *in = app_form(a, fields[i].key);

		if (date_parse(in, out[i]) != 0) {
			tell(y, "error", fields[i].field, *in ? "Datoen er ikke en gyldig "
			    "dato. Skriv den som dd.mm.åååå." : fields[i].missing);
			/* kept as typed, if it fits */
			str_copy(out[i], DATE_LEN + 1, strlen(in) <= DATE_LEN ? in : "");
			bad = 1;
		}
	}
	if (bad) {
		y->check.error = "";
		return year_page(a, y, 400);
	}
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_period, y)) != 0)
		return rc;
	/* a sluttdato of today locks the kartlegging at once: the kommunekontakt says so
	 * first (a sluttdato already today is not asked about again), once the dates are
	 * otherwise right (save_dates checks them again under the writer's lock) */
	period_check(&y->p, y->sluttdato, y->overforingsdato, y->year, y->today, &y->check);
	if (!y->check.error && strcmp(y->sluttdato, y->today) == 0 &&
	    strcmp(y->p.sluttdato, y->today) != 0 && strcmp(app_form(a, K_BEKREFT), "ja") != 0 &&
	    !y->p.overfort) {
		y->lock_today = 1;
		y->check.error = "";		/* the typed dates stay on the form */
		return year_page(a, y, 200);
	}
	rc = store_write(st, save_dates, y);
	if (rc == BP_EEXIST) {
		tell(y, "error", NULL, "Kartleggingen er allerede overført, så datoene "
		    "kan ikke endres.");
		return year_page(a, y, 409);
	}
	if (rc == 1) {
		tell(y, "error", y->check.field, y->check.error);
		return year_page(a, y, 400);
	}
	if (rc != 0)
		return rc;
	if (!y->check.close && !y->check.moved)
		return app_redirect(a, "/cgi-bin/overforing?melding=datoer");
	/* the warnings are shown now, with the dates saved */
	tell(y, "notice", NULL, "Datoene er lagret.");
	if (y->check.close)
		tell(y, "notice", NULL, "Det er mindre enn 14 dager mellom sluttdato og "
		    "overføringsdato. KORFOR anbefaler minst to uker, så brukerne får rimelig "
		    "tid til å kreve reservasjon, innsyn, retting og sletting.");
	if (y->check.moved) {
		char from[DATE_LEN + 1], to[DATE_LEN + 1];

		date_norwegian(y->p.moved_from, from);
		date_norwegian(y->p.overforingsdato, to);
		snprintf(text, sizeof(text), "Overføringsdatoen er flyttet fra %s til %s. Alle "
		    "brukere må som hovedregel informeres om den nye fristen.", from, to);
		tell(y, "notice", NULL, text);
	}
	return year_page(a, y, 200);
}

static int
do_transfer(struct store_txn *txn, void *arg)
{
	struct year *y = arg;
	/* the reports' kept counts take the kommune's rows at once (report.h) */
	struct transfer_reports rep = { y->a->cfg.data, NULL };
	int rc;

	if ((rc = period_get(txn, y->a->me.kommune, y->year, &y->p)) != 0 ||
	    (rc = app_refdata(y->a, &rep.rd)) != 0)
		return rc;
	if (period_state(&y->p, y->year, y->today) != PERIOD_DUE) {
		y->transfer_rc = y->p.overfort ? BP_EEXIST : BP_EDENIED;
		return 0;
	}
	y->transfer_rc = transfer_kommune(txn, y->sec, y->a->me.kommune, y->year, y->a->now,
	    y->a->me.id, 0, &rep, &y->p);
	return y->transfer_rc;
}

static int
transfer(struct app *a, struct year *y)
{
	struct store *st;
	int rc;

	if (strcmp(app_form(a, K_BEKREFT), "ja") != 0) {
		tell(y, "error", "bekreft", "Kryss av for at kartleggingen skal overføres.");
		return year_page(a, y, 400);
	}
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, do_transfer, y);
	if (rc == 0 && y->transfer_rc == BP_EEXIST) {
		tell(y, "error", NULL, "Kartleggingen er allerede overført.");
		return year_page(a, y, 409);
	}
	if (rc == 0 && y->transfer_rc == BP_EDENIED) {
		tell(y, "error", NULL, "Kartleggingen kan ikke overføres før "
		    "overføringsdatoen.");
		return year_page(a, y, 409);
	}
	if (rc != 0)
		return rc;
	return app_redirect(a, "/cgi-bin/overforing?melding=overfort");
}

static int
dates_post(struct app *a)
{
	struct year y;
	int rc;

	return (rc = year_start(a, &y)) != 0 ? rc : dates(a, &y);
}

static int
transfer_post(struct app *a)
{
	struct year y;
	int rc;

	return (rc = year_start(a, &y)) != 0 ? rc : transfer(a, &y);
}

static const struct route routes[] = {
	{ HTTP_GET, "", overforing_get, R_LOGIN, NULL },
	{ HTTP_POST, "", dates_post, R_LOGIN, "datoer" },
	{ HTTP_POST, "", transfer_post, R_LOGIN, "overfor" },
};

int
main(void)
{
	return app_main("overforing", routes, sizeof(routes) / sizeof(routes[0]));
}
