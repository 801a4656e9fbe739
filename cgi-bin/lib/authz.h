/* authz.h: the one place that decides who may do what (Vedlegg 2 of the 2026 manual,
 * cgi-bin/README.md "Roles and invitations"). Pages ask; no page decides on its own. */
#ifndef BP_AUTHZ_H
#define BP_AUTHZ_H

#include "account.h"

enum action {
	ACT_INVITE,		/* make invitation links for a role in a scope */
	ACT_ADMIN,		/* see the accounts of a scope ("Administrer kartleggere") */
	ACT_SUSPEND,		/* suspend an account */
	ACT_HANDOVER,		/* move every survey of one account to another */
	ACT_AUTHREG,		/* see an account in the autorisasjonsregister */
	ACT_WELCOME,		/* write the velkomstmelding */
	ACT_SURVEY,		/* survey persons (the kartlegging itself) */
	/* the actions below are on one's own kommune and take no target (NULL) */
	ACT_RESERVE,		/* check, make and delete reservasjoner */
	ACT_PERIOD,		/* set the kommune's sluttdato and overføringsdato */
	ACT_TRANSFER,		/* transfer the kommune's surveys to KORFOR */
	ACT_SURVEY_LOGS,	/* read the endringslogger of every survey in the kommune */
	/* KORFOR's registry of transferred surveys (counts, CSV); no target */
	ACT_REGISTRY,
	/* read a report of the registry (report.h): the target's role is the report's level
	 * (ROLE_KORFOR the national, ROLE_KORUS a region's, ROLE_KOMMUNE a kommune's or a
	 * bydel's) and its region or kommune the report's */
	ACT_REPORT,
	/* undo a suspension ("Opphev suspensjon"); the target is suspended */
	ACT_RESTORE,
	/* change an account's role between kommunekontakt and kartlegger */
	ACT_ROLE,
	/* read the Tilgangslogg (the audit log) of a scope: the target is that scope */
	ACT_ACCESS_LOG,
	/* make a one-time reset link ("Ny telefon / glemt passord") for an account strictly
	 * below one's own level, in one's scope, and not suspended */
	ACT_RESET,
	/* the informasjonsskriv: one's own kommune's copy (no target); KORFOR writes its text,
	 * KORFOR and KORUS see it with example values (no target) */
	ACT_INFOLETTER,
	ACT_INFOLETTER_EDIT,
	ACT_INFOLETTER_PREVIEW,
	ACT__MAX
};

extern const char *const action_names[ACT__MAX];

/* What an action is about. For ACT_INVITE the role and scope of the links; for actions on
 * an account, that account (target_account fills it in); for ACT_HANDOVER also `to`. */
struct target {
	int role;			/* enum role, or -1 */
	const char *region;		/* "" when none */
	const char *kommune;
	const char *instans;
	const char *account;		/* the account acted on, or NULL */
	long long tilbakekalt;		/* that account's suspension, 0 when active */
	const struct account *to;	/* ACT_HANDOVER: who receives */
};

struct target target_account(const struct account *a);

/* authz: 0 when who may do act on t, BP_EDENIED otherwise. */
int authz(const struct account *who, enum action act, const struct target *t);

#endif
