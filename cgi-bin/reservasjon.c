/* reservasjon.c: "Reservasjoner" (2025 manual, "Reservasjon"; 2026 manual, "Reservasjon"):
 * check, make and delete a person's reservasjon mot kartlegging, by fødselsnummer. A
 * reservasjon holds for every kartlegger of the kommune for the year's survey, and making
 * one deletes the person's survey of that year in the kommune, whoever owns it (2026
 * manual: "En ny reservasjon vil automatisk slette eventuelt eksisterende kartlegginger").
 *
 *   GET  /cgi-bin/reservasjon                            the three forms
 *   POST /cgi-bin/reservasjon handling=sjekk|lag|slett fnr   the answer, on the page
 *   POST /cgi-bin/reservasjon handling=lag fnr bekreft=ja    the reservasjon itself
 *
 * "Reserver" asks first: how many kartlegginger in the kommune it will delete (never whose
 * or by which instans), then reserves when confirmed (issue 17: a reservasjon deleted
 * without asking).
 *
 * The number never travels in a URL: the answer to a POST is the page itself (200), not a
 * redirect, and no log line names it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "authz.h"
#include "crypto.h"
#include "fnr.h"
#include "reservation.h"
#include "survey.h"
#include "throttle.h"

#define FNR_INPUT_MAX 32	/* as "Kartlegg bruker": longer is not a number, not echoed */

enum handling { H_SJEKK, H_LAG, H_SLETT, H__MAX };

/* the forms' handling values, also the ids of their fields (f-sjekk-fnr ...) */
static const char *const handling_ids[H__MAX] = { "sjekk", "lag", "slett" };
static const char *const field_ids[H__MAX] = { "sjekk-fnr", "lag-fnr", "slett-fnr" };

/* The page: the three forms; kept is the text typed into the form of handling h (to be
 * corrected), or NULL. */
static int
res_page(struct app *a, int h, const char *kept)
{
	xmlNodePtr n;
	int rc;

	if ((rc = app_page(a, "reservasjon")) != 0)
		return rc;
	if (h >= 0 && kept != NULL) {
		n = page_add(&a->page, NULL, "typed", NULL);
		page_attr(&a->page, n, "handling", handling_ids[h]);
		page_attr(&a->page, n, "fnr", kept);
	}
	return 0;
}

static int
res_get(struct app *a)
{
	int rc;

	if (authz(&a->me, ACT_RESERVE, NULL) != 0)
		return BP_EDENIED;
	if ((rc = res_page(a, -1, NULL)) != 0)
		return rc;
	return app_render(a, 200);
}

struct job {
	struct app *a;
	const struct secrets *sec;
	enum handling h;
	const char *fnr;		/* the 11 digits */
	int year;
	int reserved;			/* H_SJEKK: the answer */
	long removed;			/* H_LAG: surveys deleted */
	int rc;				/* BP_EEXIST: already reserved; BP_ENOENT: was not */
	long wait;			/* > 0: too many look-ups, locked this long */
	int confirmed;			/* H_LAG: bekreft=ja */
	int doomed;			/* H_LAG, not confirmed: surveys it would delete */
};

static int
do_check(struct store_txn *txn, void *arg)
{
	struct job *j = arg;
	int rc;

	if ((rc = reservation_check(txn, j->sec, j->a->me.kommune, j->year, j->fnr)) < 0)
		return rc;
	j->reserved = rc;
	return app_audit(j->a, txn, "reservation.check", NULL,
	    rc ? "reservert" : "ikke-reservert");
}

/* one write transaction: the reservasjon and the deletion happen together or not at all */
static int
do_add(struct store_txn *txn, void *arg)
{
	struct job *j = arg;
	char detail[32];
	int rc;

	rc = reservation_make(txn, j->sec, j->a->me.kommune, j->year, j->fnr, j->a->now,
	    j->a->me.id, &j->removed);
	if (rc == BP_EEXIST) {
		j->rc = rc;
		return app_audit(j->a, txn, "reservation.check", NULL, "lag: allerede-reservert");
	}
	if (rc != 0)
		return rc;
	snprintf(detail, sizeof(detail), "slettet=%ld", j->removed);
	return app_audit(j->a, txn, "reservation.add", NULL, detail);
}

/* "Reserver" before its confirmation: is there anything to do, and what would go */
static int
do_preview(struct store_txn *txn, void *arg)
{
	struct job *j = arg;
	char detail[48];
	int rc;

	if ((rc = reservation_check(txn, j->sec, j->a->me.kommune, j->year, j->fnr)) < 0)
		return rc;
	if (rc == 1) {
		j->rc = BP_EEXIST;
		return app_audit(j->a, txn, "reservation.check", NULL, "lag: allerede-reservert");
	}
	if ((j->doomed = reservation_doomed(txn, j->sec, j->a->me.kommune, j->year, j->fnr)) < 0)
		return j->doomed;
	snprintf(detail, sizeof(detail), "lag: til bekreftelse, sletter=%d", j->doomed);
	return app_audit(j->a, txn, "reservation.check", NULL, detail);
}

static int
do_remove(struct store_txn *txn, void *arg)
{
	struct job *j = arg;
	int rc;

	rc = reservation_remove(txn, j->sec, j->a->me.kommune, j->year, j->fnr);
	if (rc == BP_ENOENT) {
		j->rc = rc;
		return app_audit(j->a, txn, "reservation.check", NULL, "slett: ikke-reservert");
	}
	if (rc != 0)
		return rc;
	return app_audit(j->a, txn, "reservation.delete", NULL, "slettet");
}

/* Every handling tells whether a person is reserved, so each is a look-up: counted against
 * the account (THROTTLE_LOOKUP, a 429 page when exceeded) and written to the audit log with
 * the account, the kommune and the outcome, never the number (reservation.add and .delete
 * when one was made or deleted, else reservation.check); the same write transaction does
 * the handling itself. */
static int
do_job(struct store_txn *txn, void *arg)
{
	static const store_fn jobs[H__MAX] = { do_check, do_add, do_remove };
	struct job *j = arg;

	j->rc = 0;
	if ((j->wait = throttle_attempt_max(txn, THROTTLE_LOOKUP, j->a->me.id, j->a->now,
	    j->a->cfg.lookup_limit)) < 0)
		return BP_ESTORE;
	if (j->wait > 0)
		return app_audit(j->a, txn, "reservation.check", NULL, "sperret");
	if (j->h == H_LAG && !j->confirmed)
		return do_preview(txn, arg);
	return jobs[j->h](txn, arg);
}

/* the answer of a done handling, in the seed's words */
static void
answer(const struct job *j, char *msg, size_t size, int rc)
{
	switch (j->h) {
	case H_SJEKK:
		snprintf(msg, size, "Fødselsnummeret \"%s\" %s.", j->fnr,
		    j->reserved ? "er reservert" : "er ikke reservert");
		return;
	case H_LAG:
		if (rc == BP_EEXIST)
			snprintf(msg, size, "Fødselsnummeret \"%s\" er allerede reservert.", j->fnr);
		else if (j->removed == 0)
			snprintf(msg, size, "Fødselsnummeret \"%s\" er nå reservert. Ingen "
			    "kartlegginger ble slettet.", j->fnr);
		else
			snprintf(msg, size, "Fødselsnummeret \"%s\" er nå reservert. %ld %s ble "
			    "slettet.", j->fnr, j->removed,
			    j->removed == 1 ? "kartlegging" : "kartlegginger");
		return;
	case H_SLETT:
		if (rc == BP_ENOENT)
			snprintf(msg, size, "Fødselsnummeret \"%s\" var ikke reservert. Det er "
			    "ingen reservasjon å slette.", j->fnr);
		else
			snprintf(msg, size, "Reservasjonen av fødselsnummeret \"%s\" er slettet.",
			    j->fnr);
		return;
	case H__MAX:
		break;
	}
	abort();
}

/* "Reserver" asks first: the number, what a reservasjon does, and how many surveys of the
 * kommune it deletes; the confirmation posts the same with bekreft=ja */
static int
confirm_page(struct app *a, const struct job *j)
{
	xmlNodePtr n;
	int rc;

	if ((rc = res_page(a, -1, NULL)) != 0)
		return rc;
	n = page_add(&a->page, NULL, "confirm", NULL);
	page_attr(&a->page, n, "fnr", j->fnr);
	page_attr_ll(&a->page, n, "doomed", j->doomed);
	return app_render(a, 200);
}

static int
res_post(struct app *a)
{
	const char *raw = app_form(a, K_FNR), *why = NULL;
	char msg[256];
	struct store *st;
	struct job j;
	struct fnr f;
	int h, rc;

	if (authz(&a->me, ACT_RESERVE, NULL) != 0)
		return BP_EDENIED;
	if ((h = str_index(handling_ids, H__MAX, app_form(a, K_HANDLING))) < 0)
		return BP_EINVAL;
	/* the number as "Kartlegg bruker" takes it: the fnr module, in the site's mode */
	if (strlen(raw) > FNR_INPUT_MAX) {
		why = "Fødselsnummeret må ha 11 siffer.";
		raw = "";
	} else if (fnr_parse(raw, a->cfg.mode == MODE_TEST, &f, &why) == 0)
		why = NULL;
	if (why != NULL) {
		if ((rc = res_page(a, h, raw)) != 0)
			return rc;
		app_message(a, "error", field_ids[h], why);
		return app_render(a, 200);
	}
	memset(&j, 0, sizeof(j));
	j.a = a;
	j.h = (enum handling)h;
	j.fnr = f.digits;
	j.year = time_year((time_t)a->now);
	j.confirmed = strcmp(app_form(a, K_BEKREFT), "ja") == 0;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_secrets(a, &j.sec)) != 0)
		return rc;
	rc = store_write(st, do_job, &j);
	if (rc != 0) {
		crypto_wipe(&f, sizeof(f));
		return rc;
	}
	if (j.wait > 0) {
		crypto_wipe(&f, sizeof(f));
		if ((rc = res_page(a, -1, NULL)) != 0)
			return rc;
		snprintf(msg, sizeof(msg), "Du har slått opp svært mange fødselsnumre på kort tid. "
		    "Av hensyn til personvernet må du vente %ld minutter før du slår opp flere.",
		    (j.wait + 59) / 60);
		app_message(a, "refusal", NULL, msg);
		return app_render(a, 429);
	}
	if (j.h == H_LAG && !j.confirmed && j.rc == 0) {
		rc = confirm_page(a, &j);
		crypto_wipe(&f, sizeof(f));
		return rc;
	}
	answer(&j, msg, sizeof(msg), j.rc);
	crypto_wipe(&f, sizeof(f));
	if ((rc = res_page(a, -1, NULL)) != 0)
		return rc;
	app_message(a, "notice", NULL, msg);
	crypto_wipe(msg, sizeof(msg));
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", res_get, R_LOGIN, NULL },
	{ HTTP_POST, "", res_post, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("reservasjon", routes, sizeof(routes) / sizeof(routes[0]));
}
