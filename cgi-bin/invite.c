/* invite.c: "Inviter til Brukerplan" (2026 manual, "Registrering i brukerplan.no").
 *
 *   GET  /cgi-bin/invite               the form and the links one administers
 *   POST /cgi-bin/invite handling=lag    make 1-20 links for a role in one's scope
 *   POST /cgi-bin/invite handling=trekk  withdraw a link one administers
 *
 * Links are shown once, when made: only the hash of their token is stored. A link is
 * administered by its maker and by those who could have made it (authz, ACT_INVITE): the
 * kommunekontakt sees and withdraws every link of its kommune, KORUS those of its region,
 * KORFOR all, with who made each ("Laget av"). A kartlegger administers its own only. A
 * suspended maker's links were withdrawn with the suspension (access.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "authz.h"
#include "invite.h"

struct form {
	int role;			/* -1 when not chosen */
	char region[32];
	char kommune[8];		/* kommunenummer */
	char bydel[8];			/* bydelsnummer, or "" */
	char instans[4 * ACCOUNT_NAME_CHARS + 1];
	long long count;
	long long uses;
	struct form_errors err;		/* in form order */
};

/* The target an invitation for the form's choices would have (its region from the
 * reference data, so KORUS scopes hold for kommuner too). */
static struct target
form_target(const struct form *f, const struct refdata *rd)
{
	struct target t = { f->role, f->region, f->kommune, f->instans, NULL, 0, NULL };
	const char *r;

	if (f->role == ROLE_KOMMUNE || f->role == ROLE_KARTLEGGER)
		t.region = (r = refdata_kommune_region(rd, f->kommune)) ? r : "";
	return t;
}

/* -- the links one administers ------------------------------------------------------ */

/* 1 when me may see and withdraw inv */
static int
administers(const struct account *me, const struct invite *inv)
{
	struct target t = invite_target(inv);

	if (strcmp(inv->by, me->id) == 0)
		return 1;
	return me->role != ROLE_KARTLEGGER && authz(me, ACT_INVITE, &t) == 0;
}

struct instanser;

struct own {
	struct app *a;
	xmlNodePtr list;
	const struct refdata *rd;
	struct account maker;		/* the last maker looked up */
	struct instanser *instanser;
};

/* "Laget av": oneself, a tool, or the maker's name (the maker then in o->maker) */
static const char *
maker_name(struct store_txn *txn, struct own *o, const char *by)
{
	if (strcmp(by, o->a->me.id) == 0)
		return "Deg";
	if (strlen(by) != ACCOUNT_ID_LEN)
		return "Systemet (bpadm)";
	if (strcmp(o->maker.id, by) != 0 && account_load(txn, by, &o->maker) != 0) {
		o->maker.id[0] = '\0';
		return "Ukjent konto";
	}
	return o->maker.name;
}

static const char *const state_texts[] = {
	[INVITE_OK] = "Aktiv", [INVITE_EXPIRED] = "Utløpt", [INVITE_USED] = "Brukt opp",
	[INVITE_WITHDRAWN] = "Trukket tilbake",
};

static int
own_one(struct store_txn *txn, const struct invite *invp, void *arg)
{
	struct own *o = arg;
	struct page *pg = &o->a->page;
	char hex[2 * CRYPTO_HASH_LEN + 1], when[17], where[300];
	struct invite inv = *invp;
	xmlNodePtr n;
	const char *name;

	if (!administers(&o->a->me, &inv))
		return 0;
	hex_encode(inv.key, sizeof(inv.key), hex);
	n = page_add(pg, o->list, "link", NULL);
	page_attr(pg, n, "id", hex);
	page_attr(pg, n, "by", maker_name(txn, o, inv.by));
	invite_maker(&inv, &o->maker);	/* its maker's suspension withdrew it */
	page_attr(pg, n, "role", role_tilhorighet[inv.role]);
	if (inv.bydel[0] && inv.bydelnavn[0]) {
		snprintf(where, sizeof(where), "%s, bydel %s", inv.kommunenavn, inv.bydelnavn);
		page_attr(pg, n, "where", where);
	} else if (inv.kommune[0] && (name = refdata_kommune_name(o->rd, inv.kommune)) != NULL)
		page_attr(pg, n, "where", name);
	else if (inv.region[0] && (name = refdata_region_name(o->rd, inv.region)) != NULL)
		page_attr(pg, n, "where", name);
	page_attr(pg, n, "instans", inv.instans);
	page_attr_ll(pg, n, "uses", inv.uses);
	page_attr_ll(pg, n, "left", inv.left);
	time_date((time_t)inv.created, when);
	page_attr(pg, n, "created", when);
	time_datetime((time_t)inv.expires, when);
	page_attr(pg, n, "expires", when);
	page_attr(pg, n, "state", state_texts[invite_state(&inv, o->a->now)]);
	page_attr(pg, n, "active", invite_state(&inv, o->a->now) == INVITE_OK ? "1" : "0");
	return 0;
}

static int
list_own(struct store_txn *txn, void *arg)
{
	return invite_scan(txn, own_one, arg);
}

/* -- the kommune's instans names, offered for a kartlegger's link ----------------------- */

#define INSTANSER_MAX 500

struct instanser {
	char (*name)[4 * ACCOUNT_NAME_CHARS + 1];
	size_t n;
};

static int
add_instans(const struct account *acct, void *arg)
{
	struct instanser *in = arg;
	size_t i;

	if (acct->role != ROLE_KARTLEGGER || acct->tilbakekalt || acct->instans[0] == '\0')
		return 0;
	for (i = 0; i < in->n; i++)
		if (strcmp(in->name[i], acct->instans) == 0)
			return 0;
	if (in->n == INSTANSER_MAX)
		return 1;
	str_copy(in->name[in->n++], sizeof(in->name[0]), acct->instans);
	return 0;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(x, y);
}

static int
list_instanser(struct store_txn *txn, void *arg)
{
	struct own *o = arg;

	return account_scan(txn, 'k', o->a->me.kommune, add_instans, o->instanser);
}

/* <instanser><instans>name</instans>...</instanser>: the names the kommune's kartleggere
 * have, so that a new kartlegger of an existing instans gets its very name (issue 17 §9) */
static int
instanser_page(struct app *a, struct store *st)
{
	struct instanser in = { NULL, 0 };
	struct own o;
	xmlNodePtr list;
	size_t i;
	int rc;

	if ((in.name = calloc(INSTANSER_MAX, sizeof(*in.name))) == NULL)
		return BP_ENOMEM;
	memset(&o, 0, sizeof(o));
	o.a = a;
	o.instanser = &in;
	if ((rc = store_read(st, list_instanser, &o)) == 0) {
		qsort(in.name, in.n, sizeof(in.name[0]), by_name);
		list = page_add(&a->page, NULL, "instanser", NULL);
		for (i = 0; i < in.n; i++)
			page_add(&a->page, list, "instans", in.name[i]);
	}
	free(in.name);
	return rc;
}

/* -- the page ------------------------------------------------------------------------ */

static int
invite_page(struct app *a, const struct form *f, char (*links)[600], int nlinks)
{
	const struct refdata *rd;
	struct own own;
	struct store *st;
	xmlNodePtr n, roles, created;
	int r, i, rc;

	if ((rc = app_refdata(a, &rd)) != 0 || (rc = app_store(a, &st)) != 0 ||
	    (rc = app_page(a, "invite")) != 0)
		return rc;
	/* one's own level and those below (authz decides again on the POST) */
	roles = page_add(&a->page, NULL, "roles", NULL);
	for (r = (int)a->me.role; r < ROLE__MAX; r++) {
		n = page_add(&a->page, roles, "role", role_tilhorighet[r]);
		page_attr(&a->page, n, "id", role_ids[r]);
	}
	/* choices within scope: KORUS its region, kommune roles their kommune */
	refdata_page(&a->page, rd, a->me.role == ROLE_KORFOR ? NULL : a->me.region,
	    a->me.role >= ROLE_KOMMUNE ? a->me.kommune : NULL);
	n = page_add(&a->page, NULL, "me", NULL);
	page_attr(&a->page, n, "role", role_ids[a->me.role]);
	page_attr(&a->page, n, "instans", a->me.instans);
	page_attr(&a->page, n, "bydel", a->me.bydelnavn);
	n = page_add(&a->page, NULL, "values", NULL);
	page_attr(&a->page, n, "role", f->role >= 0 ? role_ids[f->role] : "");
	page_attr(&a->page, n, "region", f->region);
	page_attr(&a->page, n, "kommune", f->bydel[0] ? f->bydel : f->kommune);
	page_attr(&a->page, n, "instans", f->instans);
	page_attr_ll(&a->page, n, "count", f->count);
	page_attr_ll(&a->page, n, "uses", f->uses);
	page_attr_ll(&a->page, n, "count-max", INVITE_BATCH_MAX);
	page_attr_ll(&a->page, n, "uses-max", INVITE_USES_MAX);
	app_form_errors(a, &f->err);
	if (strcmp(app_query(a, K_MELDING), "trukket") == 0)
		app_message(a, "notice", NULL, "Lenken er trukket tilbake og kan ikke lenger brukes.");
	if (nlinks > 0) {
		created = page_add(&a->page, NULL, "created", NULL);
		for (i = 0; i < nlinks; i++)
			page_add(&a->page, created, "url", links[i]);
	}
	own = (struct own){ a, page_add(&a->page, NULL, "links", NULL), rd, { .id = "" }, NULL };
	if ((rc = store_read(st, list_own, &own)) != 0)
		return rc;
	if (a->me.role == ROLE_KOMMUNE && (rc = instanser_page(a, st)) != 0)
		return rc;
	return app_render(a, 200);
}

static int
invite_get(struct app *a)
{
	struct form f;

	memset(&f, 0, sizeof(f));
	f.role = a->me.role == ROLE_KARTLEGGER ? ROLE_KARTLEGGER : -1;
	f.count = f.uses = 1;
	if (a->me.role == ROLE_KARTLEGGER)
		str_copy(f.instans, sizeof(f.instans), a->me.instans);
	return invite_page(a, &f, NULL, 0);
}

/* -- making links -------------------------------------------------------------------- */

struct batch {
	struct app *a;
	struct invite inv;
	long long count;
	char (*links)[600];
};

static int
make_links(struct store_txn *txn, void *arg)
{
	struct batch *b = arg;
	char token[TOKEN_HEX + 1], detail[128];
	long long i;
	int rc;

	for (i = 0; i < b->count; i++) {
		if ((rc = invite_create(txn, &b->inv, b->a->now, token)) != 0)
			return rc;
		snprintf(b->links[i], sizeof(b->links[i]), "%s/cgi-bin/register?t=%s",
		    b->a->cfg.base_url, token);
	}
	snprintf(detail, sizeof(detail), "%s %s x%lld uses %lld", role_ids[b->inv.role],
	    b->inv.kommune[0] ? b->inv.kommune : b->inv.region, b->count, b->inv.uses);
	return app_audit_in(b->a, txn, "invite.created", b->inv.region, b->inv.kommune, NULL,
	    detail);
}

static void
read_form(struct app *a, struct form *f, const struct refdata *rd)
{
	const char *place = app_form(a, K_KOMMUNE), *role = app_form(a, K_ROLLE);

	memset(f, 0, sizeof(f[0]));
	f->role = role_from_id(role);
	str_copy(f->region, sizeof(f->region), app_form(a, K_REGION));
	/* "Kommune/bydel": four digits name a kommune, six a bydel of it */
	if (strlen(place) == 6) {
		str_copy(f->bydel, sizeof(f->bydel), place);
		snprintf(f->kommune, sizeof(f->kommune), "%.4s", place);
	} else
		str_copy(f->kommune, sizeof(f->kommune), place);
	str_copy(f->instans, sizeof(f->instans), app_form(a, K_INSTANS));
	str_trim(f->instans);
	if (str_to_ll(app_form(a, K_ANTALL), 1, INVITE_BATCH_MAX, &f->count) != 0) {
		f->count = 1;
		form_error(&f->err, "antall", "Antall lenker må være et tall fra 1 til "
		    BP_STR(INVITE_BATCH_MAX) ".");
	}
	if (str_to_ll(app_form(a, K_TILGANGER), 1, INVITE_USES_MAX, &f->uses) != 0) {
		f->uses = 1;
		form_error(&f->err, "tilganger", "Maksimalt antall tilganger per lenke må være et tall "
		    "fra 1 til " BP_STR(INVITE_USES_MAX) ".");
	}
	/* a kartlegger's link is for its own instans and kommune (authz refuses others) and
	 * always its own bydel, whichever was posted: the form sends the kommune alone */
	if (a->me.role == ROLE_KARTLEGGER) {
		if (f->role < 0)
			f->role = ROLE_KARTLEGGER;
		if (f->kommune[0] == '\0')
			str_copy(f->kommune, sizeof(f->kommune), a->me.kommune);
		if (f->instans[0] == '\0')
			str_copy(f->instans, sizeof(f->instans), a->me.instans);
		if (strcmp(f->kommune, a->me.kommune) == 0)
			str_copy(f->bydel, sizeof(f->bydel), a->me.bydel);
	}
	if (f->role < 0) {
		form_error(&f->err, "rolle", "Kartleggerens tilhørighet er obligatorisk.");
		return;
	}
	if (f->role == ROLE_KORFOR)
		f->region[0] = f->kommune[0] = f->bydel[0] = f->instans[0] = '\0';
	if (f->role == ROLE_KORUS) {
		f->kommune[0] = f->bydel[0] = f->instans[0] = '\0';
		if (refdata_region_name(rd, f->region) == NULL)
			form_error(&f->err, "region", "Velg KORUS-region.");
	}
	if (f->role >= ROLE_KOMMUNE) {
		f->region[0] = '\0';
		if (refdata_kommune_name(rd, f->kommune) == NULL ||
		    (f->bydel[0] && refdata_bydel_name(rd, f->kommune, f->bydel) == NULL))
			form_error(&f->err, "kommune", "Velg kommune eller bydel.");
	}
	if (f->role == ROLE_KOMMUNE)
		f->instans[0] = '\0';
	if (f->role == ROLE_KARTLEGGER && !name_valid(f->instans))
		form_error(&f->err, "instans", f->instans[0] ? "Navnet på instansen kan ha høyst 100 "
		    "tegn." : "Skriv navnet på instansen kartleggeren tilhører (obligatorisk).");
}

static void
fill_names(struct invite *inv, const struct refdata *rd)
{
	const char *v;

	if (inv->role == ROLE_KORUS && (v = refdata_region_name(rd, inv->region)) != NULL)
		str_copy(inv->regionnavn, sizeof(inv->regionnavn), v);
	if (inv->kommune[0] && (v = refdata_kommune_name(rd, inv->kommune)) != NULL)
		str_copy(inv->kommunenavn, sizeof(inv->kommunenavn), v);
	if (inv->bydel[0] && (v = refdata_bydel_name(rd, inv->kommune, inv->bydel)) != NULL)
		str_copy(inv->bydelnavn, sizeof(inv->bydelnavn), v);
	if (inv->kommune[0])
		inv->bydeler = refdata_bydel_count(rd, inv->kommune);
}

static int
invite_make(struct app *a)
{
	char (*links)[600] = NULL;
	const struct refdata *rd;
	struct batch b;
	struct form f;
	struct target t;
	struct store *st;
	int rc;

	if ((rc = app_refdata(a, &rd)) != 0)
		return rc;
	read_form(a, &f, rd);
	if (f.err.n == 0) {
		t = form_target(&f, rd);
		if (authz(&a->me, ACT_INVITE, &t) != 0)
			return BP_EDENIED;
	}
	if (f.err.n > 0)
		return invite_page(a, &f, NULL, 0);
	if ((links = calloc((size_t)f.count, sizeof(*links))) == NULL)
		return BP_ENOMEM;
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.count = f.count;
	b.links = links;
	b.inv.role = (enum role)f.role;
	b.inv.uses = f.uses;
	str_copy(b.inv.region, sizeof(b.inv.region), f.role >= ROLE_KOMMUNE ?
	    form_target(&f, rd).region : f.region);
	str_copy(b.inv.kommune, sizeof(b.inv.kommune), f.kommune);
	str_copy(b.inv.bydel, sizeof(b.inv.bydel), f.bydel);
	str_copy(b.inv.instans, sizeof(b.inv.instans), f.instans);
	str_copy(b.inv.by, sizeof(b.inv.by), a->me.id);
	fill_names(&b.inv, rd);
	if ((rc = app_store(a, &st)) != 0 || (rc = store_write(st, make_links, &b)) != 0) {
		free(links);
		return rc;
	}
	f.count = f.uses = 1;
	rc = invite_page(a, &f, links, (int)b.count);
	free(links);
	return rc;
}

/* -- withdrawing ---------------------------------------------------------------------- */

struct withdraw {
	struct app *a;
	unsigned char key[CRYPTO_HASH_LEN];
	int denied;
};

static int
withdraw_link(struct store_txn *txn, void *arg)
{
	struct withdraw *w = arg;
	struct invite inv;
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = store_get(txn, DB_INVITES, w->key, sizeof(w->key), &v, &vlen)) != 0)
		return rc;
	if ((rc = invite_parse(v, vlen, &inv)) != 0)
		return rc;
	memcpy(inv.key, w->key, sizeof(w->key));
	if (!administers(&w->a->me, &inv)) {
		w->denied = 1;
		return BP_EDENIED;
	}
	if (inv.withdrawn == 0)
		inv.withdrawn = w->a->now;
	if ((rc = invite_save(txn, &inv)) != 0)
		return rc;
	return app_audit_in(w->a, txn, "invite.withdrawn", inv.region, inv.kommune, NULL,
	    role_ids[inv.role]);
}

static int
invite_withdraw(struct app *a)
{
	const char *id = app_form(a, K_LENKE);
	struct withdraw w = { a, { 0 }, 0 };
	struct store *st;
	int rc;

	if (hex_decode(id, strlen(id), w.key, sizeof(w.key)) != 0)
		return BP_EINVAL;
	if ((rc = app_store(a, &st)) != 0)
		return rc;
	rc = store_write(st, withdraw_link, &w);
	if (rc == BP_ENOENT || w.denied)
		return BP_EDENIED;
	if (rc != 0)
		return rc;
	return app_redirect(a, "/cgi-bin/invite?melding=trukket");
}


static const struct route routes[] = {
	{ HTTP_GET, "", invite_get, R_LOGIN, NULL },
	{ HTTP_POST, "", invite_make, R_LOGIN, "lag" },
	{ HTTP_POST, "", invite_withdraw, R_LOGIN, "trekk" },
};

int
main(void)
{
	return app_main("invite", routes, sizeof(routes) / sizeof(routes[0]));
}
