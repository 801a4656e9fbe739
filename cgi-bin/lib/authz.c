/* authz.c: roles, scopes and levels as one table.
 *
 * Levels (Vedlegg 2): 1 KORFOR, 2 KORUS (a region), 3 kommunekontakt (a kommune),
 * 4 kartlegger (an instans in a kommune). Everyone acts at their own level or below and
 * within their own scope; a kartlegger only within its own instans. */
#include <string.h>

#include "authz.h"

const char *const action_names[ACT__MAX] = {
	"invite", "admin", "suspend", "handover", "authreg", "welcome", "survey", "reserve",
	"period", "transfer", "survey-logs", "registry", "report", "reset"
};

enum scope {
	S_NONE,			/* never */
	S_ANY,			/* the whole country */
	S_REGION,		/* the actor's KORUS region */
	S_KOMMUNE,		/* the actor's kommune */
	S_INSTANS,		/* the actor's instans in its kommune */
	S_SELF,			/* the actor's own account only */
};

struct rule {
	enum scope scope;
	int lowest;		/* highest level number (lowest rank) the target may have */
	int own_level_up;	/* 1: the target may not rank above the actor */
};

#define KF ROLE_KORFOR
#define KA ROLE_KARTLEGGER
/* rules[action][actor role] */
static const struct rule rules[ACT__MAX][ROLE__MAX] = {
	/*                 KORFOR             KORUS                 kommunekontakt         kartlegger */
	[ACT_INVITE]   = { { S_ANY, KA, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 }, { S_INSTANS, KA, 1 } },
	[ACT_ADMIN]    = { { S_ANY, KA, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 }, { S_NONE, KA, 1 } },
	[ACT_SUSPEND]  = { { S_ANY, KA, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 }, { S_NONE, KA, 1 } },
	[ACT_HANDOVER] = { { S_ANY, KA, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 }, { S_SELF, KA, 1 } },
	/* KORFOR's register lists the KORFOR and KORUS accounts (Vedlegg 2) */
	[ACT_AUTHREG]  = { { S_ANY, ROLE_KORUS, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 },
			   { S_NONE, KA, 1 } },
	[ACT_WELCOME]  = { { S_ANY, KF, 1 }, { S_NONE, KA, 1 }, { S_NONE, KA, 1 }, { S_NONE, KA, 1 } },
	/* surveys belong to a kommune: those with one survey, within it */
	[ACT_SURVEY]   = { { S_NONE, KA, 0 }, { S_NONE, KA, 0 }, { S_KOMMUNE, KA, 0 },
			   { S_KOMMUNE, KA, 0 } },
	/* a reservasjon holds for every kartlegger of the kommune, and any of them makes it */
	[ACT_RESERVE]  = { { S_NONE, KA, 0 }, { S_NONE, KA, 0 }, { S_KOMMUNE, KA, 0 },
			   { S_KOMMUNE, KA, 0 } },
	/* the year's dates, the transfer and the kommune's logs are the kommunekontakt's */
	[ACT_PERIOD]   = { { S_NONE, KA, 0 }, { S_NONE, KA, 0 }, { S_KOMMUNE, KA, 0 },
			   { S_NONE, KA, 0 } },
	[ACT_TRANSFER] = { { S_NONE, KA, 0 }, { S_NONE, KA, 0 }, { S_KOMMUNE, KA, 0 },
			   { S_NONE, KA, 0 } },
	[ACT_SURVEY_LOGS] = { { S_NONE, KA, 0 }, { S_NONE, KA, 0 }, { S_KOMMUNE, KA, 0 },
			   { S_NONE, KA, 0 } },
	[ACT_REGISTRY] = { { S_ANY, KF, 0 }, { S_NONE, KA, 0 }, { S_NONE, KA, 0 },
			   { S_NONE, KA, 0 } },
	/* reports (issue 6): KORFOR all and the national; KORUS its region's and each of its
	 * kommuner's; the kommunekontakt its kommune's (and its bydeler's); none below the
	 * kommune, and none above one's own level (own_level_up) */
	[ACT_REPORT]   = { { S_ANY, ROLE_KOMMUNE, 1 }, { S_REGION, ROLE_KOMMUNE, 1 },
			   { S_KOMMUNE, ROLE_KOMMUNE, 1 }, { S_NONE, KA, 1 } },
	/* reset links (issue 16): a new password and authenticator for someone below one's
	 * own level; strictly below, so never one's own account or a peer's (see authz) */
	[ACT_RESET]    = { { S_ANY, KA, 1 }, { S_REGION, KA, 1 }, { S_KOMMUNE, KA, 1 },
			   { S_NONE, KA, 1 } },
};
#undef KF
#undef KA

struct target
target_account(const struct account *a)
{
	struct target t = { (int)a->role, a->region, a->kommune, a->instans, a->id,
	    a->tilbakekalt, NULL };

	return t;
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && *a != '\0' && strcmp(a, b) == 0;
}

static int
in_scope(const struct account *who, enum scope s, const struct target *t)
{
	switch (s) {
	case S_NONE:
		return 0;
	case S_ANY:
		return 1;
	case S_REGION:
		return same(who->region, t->region);
	case S_KOMMUNE:
		return same(who->kommune, t->kommune);
	case S_INSTANS:
		return same(who->kommune, t->kommune) && same(who->instans, t->instans);
	case S_SELF:
		return same(who->id, t->account);
	}
	return 0;
}

/* Actions on the actor's own kommune, which take no target. */
static int
kommune_action(enum action act)
{
	switch (act) {
	case ACT_SURVEY:
	case ACT_RESERVE:
	case ACT_PERIOD:
	case ACT_TRANSFER:
	case ACT_SURVEY_LOGS:
		return 1;
	default:
		return 0;
	}
}

/* Surveys go to an active account in the same kommune: the same instans, or the
 * kommune's kommunekontakt (design.md §3, "Handing over surveys"). */
static int
handover_receiver_ok(const struct target *from, const struct account *to)
{
	if (to == NULL || to->tilbakekalt || same(to->id, from->account))
		return 0;
	if (!same(to->kommune, from->kommune))
		return 0;
	return to->role == ROLE_KOMMUNE || same(to->instans, from->instans);
}

int
authz(const struct account *who, enum action act, const struct target *t)
{
	const struct rule *r;

	if (who == NULL || act >= ACT__MAX || who->role >= ROLE__MAX || who->tilbakekalt)
		return BP_EDENIED;
	r = &rules[act][who->role];
	if (r->scope == S_NONE)
		return BP_EDENIED;
	if (act == ACT_WELCOME || act == ACT_REGISTRY)
		return 0;
	if (kommune_action(act))	/* on one's own kommune: there must be one */
		return strlen(who->kommune) == 4 ? 0 : BP_EDENIED;
	if (t == NULL || t->role < 0 || t->role >= ROLE__MAX || t->role > r->lowest)
		return BP_EDENIED;
	/* a suspended account is not acted on again; one's own surveys may always be moved */
	if (act == ACT_SUSPEND && (same(who->id, t->account) || t->tilbakekalt))
		return BP_EDENIED;
	/* whoever may take over an account through its reset link must rank above it */
	if (act == ACT_RESET && (t->role <= (int)who->role || t->tilbakekalt ||
	    same(who->id, t->account)))
		return BP_EDENIED;
	if (act == ACT_HANDOVER) {
		if (!handover_receiver_ok(t, t->to))
			return BP_EDENIED;
		if (same(who->id, t->account))
			return 0;
	}
	if (r->own_level_up && t->role < (int)who->role)
		return BP_EDENIED;
	return in_scope(who, r->scope, t) ? 0 : BP_EDENIED;
}
