/* period.h: a kommune's kartlegging year (2026 manual, "Sluttdato og overføringsdato"; cgi-bin/README.md
 * "The year's cycle and the transfer"). The kommunekontakt sets two dates: on sluttdato the
 * kartlegging locks (no new surveys, no ordinary edits; reading, innsyn, retting on request,
 * sletting and reservasjon stay), and from overføringsdato it may be transferred to KORFOR, at
 * the latest after 31 December. After the transfer the period keeps its receipt. */
#ifndef BP_PERIOD_H
#define BP_PERIOD_H

#include "store.h"
#include "util.h"

#define PERIOD_BY_MAX 40		/* an account id, or "cron" */

struct period {
	char sluttdato[DATE_LEN + 1];		/* "" while unset */
	char overforingsdato[DATE_LEN + 1];	/* "" while unset */
	char moved_from[DATE_LEN + 1];		/* the overføringsdato before the last move */
	long long overfort;			/* time of the transfer; 0 until then */
	long transferred;			/* surveys pseudonymised into the registry */
	long held_back;				/* surveys with errors, deleted untransferred */
	char by[PERIOD_BY_MAX + 1];		/* who transferred */
};

enum period_state {
	PERIOD_OPEN,		/* surveys are made and edited */
	PERIOD_LOCKED,		/* from sluttdato: read, innsyn, retting on request, sletting */
	PERIOD_DUE,		/* from overføringsdato, or after 31 December: may be transferred */
	PERIOD_TRANSFERRED,	/* gone to KORFOR: nothing of the year is left here */
	PERIOD__MAX
};

/* period_get: the period of kommune and year; a zeroed one (open, no dates) when none
 * was set. */
int period_get(struct store_txn *txn, const char *kommune, int year, struct period *out);
int period_put(struct store_txn *txn, const char *kommune, int year, const struct period *p);

/* period_state: what the period allows on date today (YYYY-MM-DD). */
enum period_state period_state(const struct period *p, int year, const char *today);

/* What period_check found wrong (the first) or worth a warning (any). */
struct period_check {
	const char *field;		/* "sluttdato" or "overforingsdato" with the error */
	const char *error;		/* Norwegian, or NULL when the dates may be saved */
	int close;			/* warning: less than 14 days apart */
	int moved;			/* warning: a set overføringsdato moves */
};

/* period_check: may the dates (valid, YYYY-MM-DD) replace those of old in year, on date
 * today? Neither may be set to a day before today (today itself may), unless it is the one
 * already stored. */
void period_check(const struct period *old, const char *sluttdato, const char *overforingsdato,
    int year, const char *today, struct period_check *out);

/* period_decode: a stored period (tab-separated fields) into p; BP_EXML when it is not
 * one. (period_get uses it; exposed for the fuzz target.) */
int period_decode(const char *v, size_t vlen, struct period *p);

/* period_scan: every period stored, in kommune and year order. fn returns 0 to go on. */
typedef int (*period_fn)(const char *kommune, int year, const struct period *p, void *arg);
int period_scan(struct store_txn *txn, period_fn fn, void *arg);

#endif
