/* test_authz.c: authz() over a table of actors and targets: levels, scopes, instans, self,
 * suspension, and the hand-over receiver rules (Vedlegg 2 of the 2026 manual; cgi-bin/README.md "Roles and
 * invitations"). */
#include "unit.h"

#include "authz.h"

static struct account
mk_account(const char *id, enum role role, const char *region, const char *kommune,
    const char *instans)
{
	struct account a;

	memset(&a, 0, sizeof(a));
	snprintf(a.id, sizeof(a.id), "%-32s", id);
	a.role = role;
	snprintf(a.region, sizeof(a.region), "%s", region);
	snprintf(a.kommune, sizeof(a.kommune), "%s", kommune);
	snprintf(a.instans, sizeof(a.instans), "%s", instans);
	return a;
}

static void
test_matrix(void **state)
{
	/* region vs = vest-stavanger (1103, 1101), region oslo (0301) */
	struct account korfor = mk_account("f", ROLE_KORFOR, "", "", "KORFOR");
	struct account korus = mk_account("r", ROLE_KORUS, "vs", "", "KoRus");
	struct account kk = mk_account("k", ROLE_KOMMUNE, "vs", "1103", "Stavanger kommune");
	struct account t1 = mk_account("t1", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t1b = mk_account("t1b", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t2 = mk_account("t2", ROLE_KARTLEGGER, "vs", "1103", "I2");
	struct account t3 = mk_account("t3", ROLE_KARTLEGGER, "vs", "1101", "I3");
	struct account t4 = mk_account("t4", ROLE_KARTLEGGER, "oslo", "0301", "I4");
	struct account kk3 = mk_account("k3", ROLE_KOMMUNE, "vs", "1101", "Eigersund kommune");
	struct account kk4 = mk_account("k4", ROLE_KOMMUNE, "oslo", "0301", "Oslo kommune");
	struct account korus2 = mk_account("r2", ROLE_KORUS, "oslo", "", "KoRus Oslo");
	const struct account *actors[] = { &korfor, &korus, &kk, &t1 };
	const struct account *targets[] = { &t1b, &t2, &t3, &t4 };	/* own/instans/kommune/region */
	const struct account *receivers[] = { &t1, &kk, &kk3, &kk4 };
	static const struct {
		enum action act;
		const char *want[4];	/* per actor: y/n for own, instans, kommune, region */
	} rows[] = {
		{ ACT_INVITE, { "yyyy", "yyyn", "yynn", "ynnn" } },
		{ ACT_ADMIN, { "yyyy", "yyyn", "yynn", "nnnn" } },
		{ ACT_SUSPEND, { "yyyy", "yyyn", "yynn", "nnnn" } },
		{ ACT_HANDOVER, { "yyyy", "yyyn", "yynn", "nnnn" } },
		{ ACT_AUTHREG, { "nnnn", "yyyn", "yynn", "nnnn" } },
		/* kartleggere: KORFOR all, KORUS its region, the kommunekontakt its kommune;
		 * never a kartlegger, not even in its own instans */
		{ ACT_RESET, { "yyyy", "yyyn", "yynn", "nnnn" } },
	};
	size_t r, a, c;

	(void)state;
	for (r = 0; r < UNIT_N(rows); r++)
		for (a = 0; a < UNIT_N(actors); a++)
			for (c = 0; c < 4; c++) {
				struct target t = target_account(targets[c]);
				int got;

				t.to = receivers[c];
				got = authz(actors[a], rows[r].act, &t) == 0;
				if (got != (rows[r].want[a][c] == 'y'))
					fail_msg("%s by %s on column %zu: got %d",
					    action_names[rows[r].act], role_ids[actors[a]->role], c, got);
			}
	/* KORFOR's register: KORFOR and KORUS accounts only */
	{
		struct target tk = target_account(&korus2), tf = target_account(&korfor);

		assert_int_equal(authz(&korfor, ACT_AUTHREG, &tk), 0);
		assert_int_equal(authz(&korfor, ACT_AUTHREG, &tf), 0);
	}
	/* the velkomstmelding is KORFOR's */
	assert_int_equal(authz(&korfor, ACT_WELCOME, NULL), 0);
	assert_int_equal(authz(&korus, ACT_WELCOME, NULL), BP_EDENIED);
	assert_int_equal(authz(&kk, ACT_WELCOME, NULL), BP_EDENIED);
	/* the informasjonsskriv: its copy for those who survey in a kommune, its text KORFOR's,
	 * read by KORUS too */
	{
		struct account none = mk_account("x", ROLE_KARTLEGGER, "vs", "", "I");
		const struct account *who[] = { &korfor, &korus, &kk, &t1, &none };
		static const char *const want[] = { "nyy", "nny", "ynn", "ynn", "nnn" };
		size_t w;

		for (w = 0; w < UNIT_N(who); w++) {
			assert_int_equal(authz(who[w], ACT_INFOLETTER, NULL) == 0, want[w][0] == 'y');
			assert_int_equal(authz(who[w], ACT_INFOLETTER_EDIT, NULL) == 0,
			    want[w][1] == 'y');
			assert_int_equal(authz(who[w], ACT_INFOLETTER_PREVIEW, NULL) == 0,
			    want[w][2] == 'y');
		}
	}
}

/* reset links: strictly below one's own level, in one's scope, never a suspended account */
static void
test_reset(void **state)
{
	struct account korfor = mk_account("f", ROLE_KORFOR, "", "", "KORFOR");
	struct account korfor2 = mk_account("f2", ROLE_KORFOR, "", "", "KORFOR");
	struct account korus = mk_account("r", ROLE_KORUS, "vs", "", "KoRus");
	struct account korus2 = mk_account("r2", ROLE_KORUS, "oslo", "", "KoRus Oslo");
	struct account kk = mk_account("k", ROLE_KOMMUNE, "vs", "1103", "Stavanger kommune");
	struct account kk2 = mk_account("k2", ROLE_KOMMUNE, "vs", "1103", "Stavanger kommune");
	struct account kk3 = mk_account("k3", ROLE_KOMMUNE, "vs", "1101", "Eigersund kommune");
	struct account kk4 = mk_account("k4", ROLE_KOMMUNE, "oslo", "0301", "Oslo kommune");
	struct account t1 = mk_account("t1", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t1b = mk_account("t1b", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t3 = mk_account("t3", ROLE_KARTLEGGER, "vs", "1101", "I3");
	struct account t4 = mk_account("t4", ROLE_KARTLEGGER, "oslo", "0301", "I4");
	static const char *const yn[] = {
		/* targets: korfor korfor2 korus korus2 kk kk2 kk3 kk4 t1 t1b t3 t4 */
		"nnyyyyyyyyyy",		/* KORFOR: everyone below it */
		"nnnnyyyn" "yyyn",	/* KORUS vs: kommunekontakter and kartleggere of vs */
		"nnnnnnnn" "yynn",	/* kommunekontakt 1103: the kartleggere of 1103 */
		"nnnnnnnn" "nnnn",	/* kartlegger: nobody, not even its instans */
	};
	const struct account *actors[] = { &korfor, &korus, &kk, &t1 };
	const struct account *targets[] = { &korfor, &korfor2, &korus, &korus2, &kk, &kk2,
	    &kk3, &kk4, &t1, &t1b, &t3, &t4 };
	struct target t;
	size_t a, c;
	int got;

	(void)state;
	for (a = 0; a < UNIT_N(actors); a++)
		for (c = 0; c < UNIT_N(targets); c++) {
			t = target_account(targets[c]);
			got = authz(actors[a], ACT_RESET, &t) == 0;
			if (got != (yn[a][c] == 'y'))
				fail_msg("reset by %s of target %zu: got %d", role_ids[actors[a]->role],
				    c, got);
		}
	/* a suspended account gets no reset link, and a suspended actor makes none */
	t1.tilbakekalt = 1;
	t = target_account(&t1);
	assert_int_equal(authz(&kk, ACT_RESET, &t), BP_EDENIED);
	assert_int_equal(authz(&korfor, ACT_RESET, &t), BP_EDENIED);
	t1.tilbakekalt = 0;
	kk.tilbakekalt = 1;
	t = target_account(&t1);
	assert_int_equal(authz(&kk, ACT_RESET, &t), BP_EDENIED);
	assert_int_equal(authz(NULL, ACT_RESET, &t), BP_EDENIED);
	assert_int_equal(authz(&korfor, ACT_RESET, NULL), BP_EDENIED);
}

static void
test_levels_self_suspended(void **state)
{
	struct account korfor = mk_account("f", ROLE_KORFOR, "", "", "KORFOR");
	struct account korus = mk_account("r", ROLE_KORUS, "vs", "", "KoRus");
	struct account kk = mk_account("k", ROLE_KOMMUNE, "vs", "1103", "Stavanger kommune");
	struct account t1 = mk_account("t1", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t1b = mk_account("t1b", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct target up = { ROLE_KORUS, "vs", "", "", NULL, 0, NULL };
	struct target t;

	(void)state;
	/* nobody acts above their own level */
	assert_int_equal(authz(&kk, ACT_INVITE, &up), BP_EDENIED);
	up.role = ROLE_KOMMUNE;
	up.kommune = "1103";
	assert_int_equal(authz(&t1, ACT_INVITE, &up), BP_EDENIED);
	assert_int_equal(authz(&korus, ACT_INVITE, &up), 0);
	/* nobody suspends themselves; a suspended account is not suspended again */
	t = target_account(&kk);
	assert_int_equal(authz(&kk, ACT_SUSPEND, &t), BP_EDENIED);
	t1b.tilbakekalt = 1;
	t = target_account(&t1b);
	assert_int_equal(authz(&kk, ACT_SUSPEND, &t), BP_EDENIED);
	/* a suspended actor can do nothing */
	kk.tilbakekalt = 1;
	t = target_account(&t1);
	assert_int_equal(authz(&kk, ACT_ADMIN, &t), BP_EDENIED);
	kk.tilbakekalt = 0;
	/* one's own surveys go to the same instans or the kommunekontakt, never elsewhere */
	t = target_account(&t1);
	t.to = &kk;
	assert_int_equal(authz(&t1, ACT_HANDOVER, &t), 0);
	t.to = &t1b;		/* suspended receiver */
	assert_int_equal(authz(&t1, ACT_HANDOVER, &t), BP_EDENIED);
	t.to = &t1;		/* to oneself */
	assert_int_equal(authz(&t1, ACT_HANDOVER, &t), BP_EDENIED);
	t.to = NULL;
	assert_int_equal(authz(&t1, ACT_HANDOVER, &t), BP_EDENIED);
	/* surveys belong to a kommune: kommunekontakt and kartlegger survey, KORUS does not */
	assert_int_equal(authz(&t1, ACT_SURVEY, NULL), 0);
	assert_int_equal(authz(&kk, ACT_SURVEY, NULL), 0);
	assert_int_equal(authz(&korus, ACT_SURVEY, NULL), BP_EDENIED);
	t1b.tilbakekalt = 0;
	t1b.kommune[0] = '\0';
	assert_int_equal(authz(&t1b, ACT_SURVEY, NULL), BP_EDENIED);
	/* the kommune's own actions: reservasjoner for everyone who surveys there; dates,
	 * transfer and the kommune's endringslogger for the kommunekontakt; the registry for
	 * KORFOR */
	{
		static const struct {
			enum action act;
			const char *yn;	/* KORFOR, KORUS, kommunekontakt, kartlegger */
		} own[] = {
			{ ACT_RESERVE, "nnyy" }, { ACT_PERIOD, "nnyn" }, { ACT_TRANSFER, "nnyn" },
			{ ACT_SURVEY_LOGS, "nnyn" }, { ACT_REGISTRY, "ynnn" },
		};
		const struct account *who[4] = { &korfor, &korus, &kk, &t1 };
		size_t i;
		int w;

		for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
			for (w = 0; w < 4; w++)
				assert_int_equal(authz(who[w], own[i].act, NULL),
				    own[i].yn[w] == 'y' ? 0 : BP_EDENIED);
		assert_int_equal(authz(&t1b, ACT_RESERVE, NULL), BP_EDENIED);
	}
	/* reports: the target's role is the report's level, its region or kommune the report's */
	{
		static const struct {
			int role;
			const char *region, *kommune;
			const char *yn;	/* KORFOR, KORUS (vs), kommunekontakt (1103), kartlegger */
		} rep[] = {
			{ ROLE_KORFOR, "", "", "ynnn" },		/* the national report */
			{ ROLE_KORUS, "vs", "", "yynn" },		/* its region */
			{ ROLE_KORUS, "oslo", "", "ynnn" },		/* another region */
			{ ROLE_KOMMUNE, "vs", "1103", "yyyn" },		/* its kommune */
			{ ROLE_KOMMUNE, "vs", "1101", "yynn" },		/* another in the region */
			{ ROLE_KOMMUNE, "oslo", "0301", "ynnn" },	/* another region's */
			{ ROLE_KARTLEGGER, "vs", "1103", "nnnn" },	/* below the kommune: none */
		};
		const struct account *who[4] = { &korfor, &korus, &kk, &t1 };
		size_t i;
		int w;

		t1b.tilbakekalt = 0;
		for (i = 0; i < sizeof(rep) / sizeof(rep[0]); i++)
			for (w = 0; w < 4; w++) {
				struct target rt = { rep[i].role, rep[i].region, rep[i].kommune, "",
				    NULL, 0, NULL };

				assert_int_equal(authz(who[w], ACT_REPORT, &rt),
				    rep[i].yn[w] == 'y' ? 0 : BP_EDENIED);
			}
		assert_int_equal(authz(&kk, ACT_REPORT, NULL), BP_EDENIED);
		kk.tilbakekalt = 1;
		{
			struct target rt = { ROLE_KOMMUNE, "vs", "1103", "", NULL, 0, NULL };

			assert_int_equal(authz(&kk, ACT_REPORT, &rt), BP_EDENIED);
		}
		kk.tilbakekalt = 0;
	}
	/* no actor, no target, unknown action */
	assert_int_equal(authz(NULL, ACT_ADMIN, &t), BP_EDENIED);
	assert_int_equal(authz(&kk, ACT_ADMIN, NULL), BP_EDENIED);
	assert_int_equal(authz(&kk, ACT__MAX, &t), BP_EDENIED);
}

/* "KORFOR kontaktes": KORFOR undoes any suspension and changes roles below its own; KORUS
 * within its region and strictly below its level; the kommune's own people do neither;
 * nobody restores or changes themselves; a role changes between kommunekontakt and
 * kartlegger only; only a suspended account is restored, and a suspended one keeps its
 * role */
static void
test_restore_role(void **state)
{
	struct account korfor = mk_account("f", ROLE_KORFOR, "", "", "KORFOR");
	struct account korfor2 = mk_account("f2", ROLE_KORFOR, "", "", "KORFOR");
	struct account korus = mk_account("r", ROLE_KORUS, "vs", "", "KoRus");
	struct account korusb = mk_account("rb", ROLE_KORUS, "vs", "", "KoRus");
	struct account kk = mk_account("k", ROLE_KOMMUNE, "vs", "1103", "Stavanger kommune");
	struct account t1 = mk_account("t1", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t1b = mk_account("t1b", ROLE_KARTLEGGER, "vs", "1103", "I1");
	struct account t4 = mk_account("t4", ROLE_KARTLEGGER, "oslo", "0301", "I4");
	const struct {
		const struct account *who, *target;
		int restore, role;	/* allowed when the target is suspended / active */
	} cases[] = {
		{ &korfor, &t1, 1, 1 }, { &korfor, &kk, 1, 1 }, { &korfor, &korus, 1, 0 },
		{ &korfor, &korfor2, 1, 0 }, { &korfor, &korfor, 0, 0 },
		{ &korus, &t1, 1, 1 }, { &korus, &kk, 1, 1 }, { &korus, &t4, 0, 0 },
		{ &korus, &korusb, 0, 0 }, { &korus, &korus, 0, 0 },
		{ &kk, &t1, 0, 0 }, { &kk, &kk, 0, 0 }, { &t1, &t1b, 0, 0 }, { &t1, &t1, 0, 0 },
	};
	struct target t;
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		t = target_account(cases[i].target);
		t.tilbakekalt = 0;
		if ((authz(cases[i].who, ACT_ROLE, &t) == 0) != cases[i].role)
			fail_msg("role, case %zu", i);
		if (authz(cases[i].who, ACT_RESTORE, &t) != BP_EDENIED)
			fail_msg("restore of an active account, case %zu", i);
		t.tilbakekalt = 1;
		if ((authz(cases[i].who, ACT_RESTORE, &t) == 0) != cases[i].restore)
			fail_msg("restore, case %zu", i);
		if (authz(cases[i].who, ACT_ROLE, &t) != BP_EDENIED)
			fail_msg("role of a suspended account, case %zu", i);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_levels_self_suspended),
		cmocka_unit_test(test_restore_role),
		cmocka_unit_test(test_reset),
	};

	return cmocka_run_group_tests_name("authz", tests, NULL, NULL);
}
