/* test_access.c: the life of an account's access (access.c) against a real LMDB store: a
 * suspension withdraws every usable link of the account in its own transaction and blocks
 * its identities; undoing it unblocks them and leaves the links withdrawn; a change of
 * role moves the scope index and withdraws only the links the new role could not make;
 * the history keeps each change in order; a link of a suspended maker reads as withdrawn
 * even when it was not withdrawn (stores from before). */
#include "unit.h"

#include "access.h"
#include "account.h"
#include "invite.h"

#define T0 1782858600LL		/* 2026-06-30 22:30:00 UTC */

static const struct secrets sec = { { 1 }, { 2 }, { 3 } };


/* Tone, a kartlegger in Stavanger, invited by Kari, the kommunekontakt; Tone has made two
 * links for her instans and Kari one for a kommunekontakt. */
struct world {
	struct account kari, tone;
	struct invite links[3];		/* Tone's two, Kari's one */
	char tokens[3][TOKEN_HEX + 1];
};

static void
person(struct account *a, enum role role, const char *name, const char *email)
{
	memset(a, 0, sizeof(*a));
	assert_int_equal(account_new_id(a), 0);
	a->role = role;
	str_copy(a->name, sizeof(a->name), name);
	str_copy(a->email, sizeof(a->email), email);
	str_copy(a->region, sizeof(a->region), "vest-stavanger");
	str_copy(a->kommune, sizeof(a->kommune), "1103");
	if (role == ROLE_KARTLEGGER) {
		str_copy(a->instans, sizeof(a->instans), "Instans 1");
		str_copy(a->tjenestetype, sizeof(a->tjenestetype), "nav");
	}
	a->created = T0;
}

static void
make_link(struct invite *inv, const struct account *by, enum role role)
{
	memset(inv, 0, sizeof(*inv));
	inv->role = role;
	inv->uses = 1;
	str_copy(inv->region, sizeof(inv->region), by->region);
	str_copy(inv->kommune, sizeof(inv->kommune), by->kommune);
	if (role == ROLE_KARTLEGGER)
		str_copy(inv->instans, sizeof(inv->instans), by->instans);
	str_copy(inv->by, sizeof(inv->by), by->id);
}

static int
make_world(struct store_txn *txn, void *arg)
{
	struct world *w = arg;
	int i, rc;

	if ((rc = account_save(txn, &w->kari, 1)) != 0 || (rc = account_save(txn, &w->tone, 1)))
		return rc;
	for (i = 0; i < 3; i++)
		if ((rc = invite_create(txn, &w->links[i], T0, w->tokens[i])) != 0)
			return rc;
	return 0;
}

static void
world(struct fix *f, struct world *w)
{
	memset(w, 0, sizeof(*w));
	person(&w->kari, ROLE_KOMMUNE, "Kari Stavanger", "kari@stavanger.no");
	person(&w->tone, ROLE_KARTLEGGER, "Tone En", "tone@stavanger.no");
	make_link(&w->links[0], &w->tone, ROLE_KARTLEGGER);
	make_link(&w->links[1], &w->tone, ROLE_KARTLEGGER);
	make_link(&w->links[2], &w->kari, ROLE_KOMMUNE);
	assert_int_equal(store_write(f->st, make_world, w), 0);
}

struct op {
	struct world *w;
	long long now;
	long links;
	const char *reason;
	enum role to;
	struct invite got[3];
	int blocked_e, blocked_next_year;
	int n_history;
	struct access_change history[4];
	int n_scope[ROLE__MAX];
};

static int
do_suspend(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	return access_suspend(txn, &sec, &o->w->tone, o->w->kari.id, o->now, &o->links);
}

static int
do_restore(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	return access_restore(txn, &sec, &o->w->tone, "KORFOR-id", o->reason, o->now);
}

static int
do_role(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	return access_set_role(txn, &o->w->kari, o->to, "Instans 9", "fastlege", "KORFOR-id",
	    o->now, &o->links);
}

static int
one_change(const struct access_change *c, void *arg)
{
	struct op *o = arg;

	assert_true(o->n_history < 4);
	o->history[o->n_history++] = *c;
	return 0;
}

static int
count_scope(const struct account *a, void *arg)
{
	struct op *o = arg;

	o->n_scope[a->role]++;
	return 0;
}

static int
count_id(const char *id, void *arg)
{
	int *n = arg;

	assert_int_equal(strlen(id), ACCOUNT_ID_LEN);
	(*n)++;
	return 0;
}

/* read back the links, the blocks, the history and the 'o:' scope index (its ids alone
 * name the same accounts as the accounts read) */
static int
look(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	char identity[EMAIL_MAX + 8];
	int i, r, ids;

	for (i = 0; i < 3; i++)
		assert_int_equal(invite_load(txn, o->w->tokens[i], &o->got[i]), 0);
	snprintf(identity, sizeof(identity), "e:%s", o->w->tone.email);
	o->blocked_e = account_blocked(txn, &sec, identity, 2026);
	o->blocked_next_year = account_blocked(txn, &sec, identity, 2027);
	o->n_history = 0;
	assert_int_equal(access_history(txn, o->w->tone.id, one_change, o), 0);
	memset(o->n_scope, 0, sizeof(o->n_scope));
	for (r = 0; r < ROLE__MAX; r++) {
		assert_int_equal(account_scan(txn, 'o', role_ids[r], count_scope, o), 0);
		ids = 0;
		assert_int_equal(account_scan_ids(txn, 'o', role_ids[r], count_id, &ids), 0);
		assert_int_equal(ids, o->n_scope[r]);
	}
	return 0;
}

/* the world made, and an operation on it at now */
static void
begin(struct fix *f, struct world *w, struct op *o, long long now)
{
	world(f, w);
	memset(o, 0, sizeof(*o));
	o->w = w;
	o->now = now;
}

static void
test_suspend_restore(void **state)
{
	struct fix *f = *state;
	struct world w;
	struct op o;

	begin(f, &w, &o, T0 + 3600);
	assert_int_equal(store_write(f->st, do_suspend, &o), 0);
	assert_int_equal(o.links, 2);
	assert_int_equal(store_read(f->st, look, &o), 0);
	/* Tone's links are withdrawn, Kari's is not */
	assert_int_equal(invite_state(&o.got[0], T0 + 3601), INVITE_WITHDRAWN);
	assert_int_equal(invite_state(&o.got[1], T0 + 3601), INVITE_WITHDRAWN);
	assert_int_equal(invite_state(&o.got[2], T0 + 3601), INVITE_OK);
	assert_int_equal(o.blocked_e, 1);
	assert_int_equal(o.blocked_next_year, 0);
	assert_int_equal(o.n_history, 1);
	assert_int_equal(o.history[0].kind, ACCESS_SUSPENDED);
	assert_string_equal(o.history[0].by, w.kari.id);
	assert_int_equal(o.history[0].time, T0 + 3600);

	/* undoing needs a reason; then the identity is free and the links stay withdrawn */
	o.reason = "";
	o.now = T0 + 7200;
	assert_int_equal(store_write(f->st, do_restore, &o), BP_EINVAL);
	o.reason = "Suspendert ved en feil";
	assert_int_equal(store_write(f->st, do_restore, &o), 0);
	assert_int_equal(w.tone.tilbakekalt, 0);
	assert_int_equal(store_read(f->st, look, &o), 0);
	assert_int_equal(o.blocked_e, 0);
	assert_int_equal(invite_state(&o.got[0], T0 + 7201), INVITE_WITHDRAWN);
	assert_int_equal(o.n_history, 2);
	assert_int_equal(o.history[1].kind, ACCESS_RESTORED);
	assert_string_equal(o.history[1].detail, "Suspendert ved en feil");
	assert_string_equal(o.history[1].by, "KORFOR-id");
}

/* a link made before its maker's suspension, in a store where the suspension did not
 * withdraw it (an older release), reads as withdrawn */
static int
suspend_only(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	o->w->tone.tilbakekalt = o->now;
	return account_save(txn, &o->w->tone, 0);
}

static void
test_old_links_of_suspended(void **state)
{
	struct fix *f = *state;
	struct world w;
	struct op o;

	begin(f, &w, &o, T0 + 60);
	assert_int_equal(store_write(f->st, suspend_only, &o), 0);
	assert_int_equal(store_read(f->st, look, &o), 0);
	assert_int_equal(invite_state(&o.got[0], T0 + 61), INVITE_WITHDRAWN);
	assert_int_equal(invite_state(&o.got[2], T0 + 61), INVITE_OK);
}

static void
test_role(void **state)
{
	struct fix *f = *state;
	struct world w;
	struct op o;

	begin(f, &w, &o, T0 + 60);
	assert_int_equal(store_read(f->st, look, &o), 0);
	assert_int_equal(o.n_scope[ROLE_KOMMUNE], 1);
	assert_int_equal(o.n_scope[ROLE_KARTLEGGER], 1);
	/* Kari becomes a kartlegger: her kommunekontakt link is one a kartlegger cannot make */
	o.to = ROLE_KARTLEGGER;
	assert_int_equal(store_write(f->st, do_role, &o), 0);
	assert_int_equal(o.links, 1);
	assert_int_equal(w.kari.role, ROLE_KARTLEGGER);
	assert_string_equal(w.kari.instans, "Instans 9");
	assert_string_equal(w.kari.tjenestetype, "fastlege");
	assert_int_equal(store_read(f->st, look, &o), 0);
	assert_int_equal(o.n_scope[ROLE_KOMMUNE], 0);
	assert_int_equal(o.n_scope[ROLE_KARTLEGGER], 2);
	assert_int_equal(invite_state(&o.got[2], T0 + 61), INVITE_WITHDRAWN);
	assert_int_equal(invite_state(&o.got[0], T0 + 61), INVITE_OK);
	/* and back: nothing more to withdraw */
	o.to = ROLE_KOMMUNE;
	assert_int_equal(store_write(f->st, do_role, &o), 0);
	assert_int_equal(o.links, 0);
	assert_int_equal(store_read(f->st, look, &o), 0);
	assert_int_equal(o.n_scope[ROLE_KOMMUNE], 1);
	/* only kommunekontakt and kartlegger */
	o.to = ROLE_KORUS;
	assert_int_equal(store_write(f->st, do_role, &o), BP_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_suspend_restore, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_old_links_of_suspended, store_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_role, store_setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
