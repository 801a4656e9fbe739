/* authz.c: roles, scopes and levels as one table.
 *
 * Levels (Vedlegg 2): 1 KORFOR, 2 KORUS (a region), 3 kommunekontakt (a kommune),
 * 4 kartlegger (an instans in a kommune). Everyone acts at their own level or below and
 * within their own scope; a kartlegger only within its own instans. */
#include <string.h>

#include "authz.h"

const char *const action_names[ACT__MAX] = {
	"invite", "admin", "suspend", "handover", "authreg", "welcome", "survey", "reserve",
	"period", "transfer", "survey-logs", "registry", "report", "restore", "role", "access-log", "reset",
	"infoletter", "infoletter-edit", "infoletter-preview"
};

enum scope {
	S_NONE,			/* never */
	S_ANY,			/* the whole country */
	S_REGION,		/* the actor's KORUS region */
	S_KOMMUNE,		/* the actor's kommune */
	S_INSTANS,		/* the actor's instans in its kommune */
	S_SELF,			/* the actor's own account only */
};

/* how the target's level may stand to the actor's */
enum rank {
	R_ANY,			/* any level (within lowest) */
	R_OWN,			/* the actor's own level or below */
	R_BELOW,		/* strictly below the actor's level */
};

struct rule {
	enum scope scope;
	int lowest;		/* highest level number (lowest rank) the target may have */
	enum rank rank;
};

#define KF ROLE_KORFOR
#define KA ROLE_KARTLEGGER
/* rules[action][actor role] */
static const struct rule rules[ACT__MAX][ROLE__MAX] = {
	/*                 KORFOR                  KORUS
	 *                 kommunekontakt          kartlegger */
	[ACT_INVITE]   = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_INSTANS, KA, R_OWN } },
	[ACT_ADMIN]    = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_NONE, KA, R_OWN } },
	[ACT_SUSPEND]  = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_NONE, KA, R_OWN } },
	[ACT_HANDOVER] = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_SELF, KA, R_OWN } },
	/* KORFOR's register lists the KORFOR and KORUS accounts (Vedlegg 2) */
	[ACT_AUTHREG]  = { { S_ANY, ROLE_KORUS, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_NONE, KA, R_OWN } },
	[ACT_WELCOME]  = { { S_ANY, KF, R_OWN }, { S_NONE, KA, R_OWN },
			   { S_NONE, KA, R_OWN }, { S_NONE, KA, R_OWN } },
	/* surveys belong to a kommune: those with one survey, within it */
	[ACT_SURVEY]   = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_KOMMUNE, KA, R_ANY } },
	/* a reservasjon holds for every kartlegger of the kommune, and any of them makes it */
	[ACT_RESERVE]  = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_KOMMUNE, KA, R_ANY } },
	/* the year's dates, the transfer and the kommune's logs are the kommunekontakt's */
	[ACT_PERIOD]   = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_NONE, KA, R_ANY } },
	[ACT_TRANSFER] = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_NONE, KA, R_ANY } },
	[ACT_SURVEY_LOGS] = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_NONE, KA, R_ANY } },
	[ACT_REGISTRY] = { { S_ANY, KF, R_ANY }, { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY },
			   { S_NONE, KA, R_ANY } },
	/* reports (issue 6): KORFOR all and the national; KORUS its region's and each of its
	 * kommuner's; the kommunekontakt its kommune's (and its bydeler's); none below the
	 * kommune, and none above one's own level (R_OWN) */
	[ACT_REPORT]   = { { S_ANY, ROLE_KOMMUNE, R_OWN }, { S_REGION, ROLE_KOMMUNE, R_OWN },
			   { S_KOMMUNE, ROLE_KOMMUNE, R_OWN }, { S_NONE, KA, R_OWN } },
	/* "KORFOR kontaktes" (2026 manual): a suspension is undone, and a role changed, by
	 * KORFOR, or by KORUS within its region and below its own level; the kommune's own
	 * people cannot grant themselves access back */
	[ACT_RESTORE]  = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_BELOW }, { S_NONE, KA, R_ANY },
			   { S_NONE, KA, R_ANY } },
	[ACT_ROLE]     = { { S_ANY, KA, R_BELOW }, { S_REGION, KA, R_BELOW },
			   { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY } },
	/* the Tilgangslogg: who administers a scope sees its trace (the role of the target
	 * is the scope's level: ROLE_KORFOR the country, ROLE_KORUS a region, ROLE_KOMMUNE
	 * a kommune) */
	[ACT_ACCESS_LOG] = { { S_ANY, KA, R_OWN }, { S_REGION, KA, R_OWN },
			   { S_KOMMUNE, KA, R_OWN }, { S_NONE, KA, R_ANY } },
	/* reset links (issue 16): a new password and authenticator for someone below one's
	 * own level; strictly below, so never one's own account or a peer's */
	[ACT_RESET]    = { { S_ANY, KA, R_BELOW }, { S_REGION, KA, R_BELOW },
			   { S_KOMMUNE, KA, R_BELOW }, { S_NONE, KA, R_ANY } },
	/* the informasjonsskriv (2026 manual, "Personvern"): the kommune informs, so those who
	 * survey in it print its copy; Helse Stavanger (KORFOR) writes the text; KORUS, who
	 * trains the kommuner, reads it too */
	[ACT_INFOLETTER] = { { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY }, { S_KOMMUNE, KA, R_ANY },
			   { S_KOMMUNE, KA, R_ANY } },
	[ACT_INFOLETTER_EDIT] = { { S_ANY, KF, R_ANY }, { S_NONE, KA, R_ANY },
			   { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY } },
	[ACT_INFOLETTER_PREVIEW] = { { S_ANY, KF, R_ANY }, { S_REGION, KA, R_ANY },
			   { S_NONE, KA, R_ANY }, { S_NONE, KA, R_ANY } },
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
	case ACT_INFOLETTER:
		return 1;
	default:
		return 0;
	}
}

/* Surveys go to an active account in the same kommune: the same instans, or the
 * kommune's kommunekontakt (cgi-bin/README.md "Roles and invitations"). */
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
	if (act == ACT_WELCOME || act == ACT_REGISTRY || act == ACT_INFOLETTER_EDIT ||
	    act == ACT_INFOLETTER_PREVIEW)
		return 0;
	if (kommune_action(act))	/* on one's own kommune: there must be one */
		return strlen(who->kommune) == 4 ? 0 : BP_EDENIED;
	if (t == NULL || t->role < 0 || t->role >= ROLE__MAX || t->role > r->lowest)
		return BP_EDENIED;
	/* a suspended account is not acted on again but to restore it; nobody changes their
	 * own access; one's own surveys may always be moved */
	if ((act == ACT_SUSPEND || act == ACT_ROLE) && (same(who->id, t->account) || t->tilbakekalt))
		return BP_EDENIED;
	if (act == ACT_RESTORE && (same(who->id, t->account) || !t->tilbakekalt))
		return BP_EDENIED;
	/* a role changes between kommunekontakt and kartlegger only */
	if (act == ACT_ROLE && t->role < ROLE_KOMMUNE)
		return BP_EDENIED;
	/* whoever may take over an account through its reset link must rank above it (R_BELOW,
	 * in the table), and a suspended account is not given a way back in */
	if (act == ACT_RESET && (t->tilbakekalt || same(who->id, t->account)))
		return BP_EDENIED;
	if (act == ACT_HANDOVER) {
		if (!handover_receiver_ok(t, t->to))
			return BP_EDENIED;
		if (same(who->id, t->account))
			return 0;
	}
	if ((r->rank == R_OWN && t->role < (int)who->role) ||
	    (r->rank == R_BELOW && t->role <= (int)who->role))
		return BP_EDENIED;
	return in_scope(who, r->scope, t) ? 0 : BP_EDENIED;
}
