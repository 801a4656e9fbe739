/* handover.c: "Overfør kartlegginger til annen kartlegger" (2025 manual, "Ansatte som
 * slutter"). One's own surveys, or (for those who administer) another account's.
 *
 *   GET  /cgi-bin/handover[?fra=ID]                 choose who receives
 *   POST /cgi-bin/handover steg=bekreft fra til      "Du er i ferd med å overføre ..."
 *   POST /cgi-bin/handover steg=flytt fra til bekreft=ja   move them, irreversibly
 *
 * Receivers: active accounts in the same kommune and instans, or the kommunekontakt. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "survey.h"

struct ctx {
	struct app *a;
	const char *from_id;
	const char *to_id;
	struct account from;
	struct account to;
	long count;			/* surveys of from */
	xmlNodePtr list;		/* receivers on the page */
	int denied;
	long moved;
};

static int
add_receiver(const struct account *cand, void *arg)
{
	struct ctx *c = arg;
	struct target t = target_account(&c->from);
	xmlNodePtr n;

	t.to = cand;
	if (authz(&c->a->me, ACT_HANDOVER, &t) != 0)
		return 0;
	n = page_add(&c->a->page, c->list, "receiver", NULL);
	page_attr(&c->a->page, n, "id", cand->id);
	page_attr(&c->a->page, n, "name", cand->name);
	page_attr(&c->a->page, n, "instans", cand->instans);
	page_attr(&c->a->page, n, "selected", strcmp(cand->id, c->to_id) == 0 ? "1" : "0");
	return 0;
}

/* from must be one's own account or one in one's administration */
static int
load_from(struct store_txn *txn, void *arg)
{
	struct ctx *c = arg;
	struct target t;
	int rc;

	if ((rc = account_load(txn, c->from_id, &c->from)) != 0)
		return rc;
	t = target_account(&c->from);
	if (strcmp(c->from.id, c->a->me.id) != 0 && authz(&c->a->me, ACT_ADMIN, &t) != 0) {
		c->denied = 1;
		return BP_EDENIED;
	}
	if ((rc = survey_count(txn, c->from.id, 0, &c->count)) != 0)
		return rc;
	if (*c->to_id && (rc = account_load(txn, c->to_id, &c->to)) != 0)
		return rc;
	if (c->a->page.doc != NULL && c->from.kommune[0])
		return account_scan(txn, 'k', c->from.kommune, add_receiver, c);
	return 0;
}

static void
add_from(struct ctx *c)
{
	xmlNodePtr n = page_add(&c->a->page, NULL, "from", NULL);

	page_attr(&c->a->page, n, "id", c->from.id);
	page_attr(&c->a->page, n, "name", c->from.name);
	page_attr(&c->a->page, n, "instans", c->from.instans);
	page_attr_ll(&c->a->page, n, "surveys", c->count);
	page_attr(&c->a->page, n, "own", strcmp(c->from.id, c->a->me.id) == 0 ? "1" : "0");
}

/* the answer to a store result: denied by authz, or the store's own */
static int
result_of(int rc, int denied)
{
	return denied ? BP_EDENIED : rc;
}

/* the page for a step; 0 when answered, or a bp_err */
static int
step_page(struct app *a, const char *step, const char *from_id, const char *to_id,
    const char *error)
{
	struct ctx c;
	struct store *st;
	xmlNodePtr n;
	int rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.from_id = *from_id ? from_id : a->me.id;
	c.to_id = to_id;
	if ((rc = app_store(a, &st)) != 0 || (rc = app_page(a, "handover")) != 0)
		return rc;
	page_add(&a->page, NULL, "step", step);
	c.list = page_add(&a->page, NULL, "receivers", NULL);
	rc = store_read(st, load_from, &c);
	if ((rc = result_of(rc, c.denied)) != 0)
		return rc;
	add_from(&c);
	if (strcmp(step, "bekreft") == 0) {
		struct target t = target_account(&c.from);

		t.to = &c.to;
		if (authz(&a->me, ACT_HANDOVER, &t) != 0)
			return BP_EDENIED;
		n = page_add(&a->page, NULL, "to", NULL);
		page_attr(&a->page, n, "id", c.to.id);
		page_attr(&a->page, n, "name", c.to.name);
		page_attr(&a->page, n, "instans", c.to.instans);
	}
	if (error != NULL)
		app_message(a, "error", "bekreft", error);
	return app_render(a, 200);
}

static int
handover_get(struct app *a)
{
	return step_page(a, "velg", app_query(a, K_FRA), "", NULL);
}

static int
move(struct store_txn *txn, void *arg)
{
	struct ctx *c = arg;
	struct target t;
	char detail[128];
	int rc;

	if ((rc = account_load(txn, c->from_id, &c->from)) != 0 ||
	    (rc = account_load(txn, c->to_id, &c->to)) != 0)
		return rc;
	t = target_account(&c->from);
	t.to = &c->to;
	if (authz(&c->a->me, ACT_HANDOVER, &t) != 0) {
		c->denied = 1;
		return BP_EDENIED;
	}
	if ((rc = survey_handover(txn, &c->from, &c->to, &c->a->me, c->a->now, &c->moved)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%s -> %s: %ld", c->from.id, c->to.id, c->moved);
	return app_audit(c->a, txn, "surveys.handover", &c->from, detail);
}

/* the giver: one's own surveys unless "fra" names another's (authz decides at the move) */
static const char *
giver(struct app *a)
{
	const char *from = app_form(a, K_FRA);

	return *from ? from : a->me.id;
}

/* steg=bekreft: the receiver chosen, the confirmation (or the choice again without one) */
static int
confirm_post(struct app *a)
{
	const char *to = app_form(a, K_TIL);

	return step_page(a, *to ? "bekreft" : "velg", giver(a), to, NULL);
}

/* steg=flytt: the move, once the box is ticked */
static int
move_post(struct app *a)
{
	const char *from = giver(a), *to = app_form(a, K_TIL);
	struct store *st;
	struct ctx c;
	xmlNodePtr n;
	int rc;

	if (*to == '\0')
		return BP_EINVAL;
	if (strcmp(app_form(a, K_BEKREFT), "ja") != 0)
		return step_page(a, "bekreft", from, to, "Du må bekrefte flyttingen: kryss av i "
		    "boksen før du trykker «Flytt kartlegginger».");
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.from_id = from;
	c.to_id = to;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, move, &c);
	if ((rc = result_of(rc, c.denied)) != 0)
		return rc;
	if ((rc = app_page(a, "handover")) != 0)
		return rc;
	page_add(&a->page, NULL, "step", "ferdig");
	n = page_add(&a->page, NULL, "done", NULL);
	page_attr(&a->page, n, "from", c.from.name);
	page_attr(&a->page, n, "from-instans", c.from.instans);
	page_attr(&a->page, n, "to", c.to.name);
	page_attr(&a->page, n, "to-instans", c.to.instans);
	page_attr_ll(&a->page, n, "moved", c.moved);
	page_attr(&a->page, n, "kommune", c.from.kommune);
	page_attr(&a->page, n, "own", strcmp(c.from.id, a->me.id) == 0 ? "1" : "0");
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", handover_get, R_LOGIN, NULL },
	{ HTTP_POST, "", confirm_post, R_LOGIN | R_STEG, "bekreft" },
	{ HTTP_POST, "", move_post, R_LOGIN | R_STEG, "flytt" },
};

int
main(void)
{
	return app_main("handover", routes, sizeof(routes) / sizeof(routes[0]));
}
