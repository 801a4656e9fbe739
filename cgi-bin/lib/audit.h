/* audit.h: the system audit log of security events and of access (logins, invitations,
 * registrations, look-ups, downloads, changes of access). Never health data and never a
 * fødselsnummer: accounts by id, addresses, short event names, counts.
 *
 * A line is "time\tevent\tactor\taddr\tdetail\tregion\tkommune\tsubject": region and
 * kommune are the scope of what the event concerns, so that those who administer that scope
 * see it in the Tilgangslogg; subject is the account acted on, if any. Lines of older
 * releases end after detail and have no scope (only KORFOR sees them). */
#ifndef BP_AUDIT_H
#define BP_AUDIT_H

#include "store.h"

#define AUDIT_FIELD_MAX 200	/* bytes of a field kept, cut on a UTF-8 boundary */

struct audit_event {
	const char *event;	/* "account.suspended", ... */
	const char *actor;	/* account id, "bpadm", "bp-transfer", or NULL */
	const char *addr;	/* the client's address, or NULL */
	const char *detail;	/* short, no personal data */
	const char *region;	/* KORUS region of the scope, or NULL */
	const char *kommune;	/* kommunenummer of the scope, or NULL */
	const char *subject;	/* the account acted on, or NULL */
};

/* audit_put: one event in the caller's write transaction. */
int audit_put(struct store_txn *txn, long long now, const struct audit_event *e);
/* audit_add: an event without scope (only KORFOR sees it). Fields may be NULL. */
int audit_add(struct store_txn *txn, long long now, const char *event, const char *account,
    const char *addr, const char *detail);

/* audit_purge: delete up to max events whose time (the request's, as the line shows it) is
 * before the same day months calendar months before now: the log is kept for a configured
 * period (cgi-bin/README.md "Public statements", the Personvernerklæring says how long), and
 * bp-transfer's daily run purges the rest. Returns how many it deleted, or < 0. */
int audit_purge(struct store_txn *txn, long long now, int months, int max);

/* A stored line split into its fields; each points into the caller's copy of the line. */
struct audit_line {
	char *time, *event, *actor, *addr, *detail, *region, *kommune, *subject;
};
/* audit_split: split line (NUL-terminated, modified in place); fields absent in older
 * lines are "". BP_EINVAL when it has fewer than five fields. */
int audit_split(char *line, struct audit_line *out);

/* The kinds of event the Tilgangslogg and `bpadm audit --kind` offer, each by the
 * beginnings of its events' names; an event of none is "annet". */
#define AUDIT_KIND_PREFIXES 5
struct audit_kind {
	const char *id;
	const char *title;
	const char *prefixes[AUDIT_KIND_PREFIXES];
};
extern const struct audit_kind audit_kinds[];
extern const int audit_nkinds;
/* audit_kind_of: the index in audit_kinds of event's kind, or -1 */
int audit_kind_of(const char *event);
int audit_kind_from_id(const char *id);		/* index, or -1 */

/* What a reader of the log asks for. Scope: the lines of a kommune, or of a region (a line
 * without a region but with a kommune is of region_of(kommune), when given); NULL for all.
 * Then the lines by or about one account, of one kind, between two days (YYYY-MM-DD). */
struct audit_filter {
	const char *region;
	const char *kommune;
	const char *(*region_of)(const char *kommune, void *arg);
	void *arg;
	const char *person;	/* account id, or NULL */
	int kind;		/* index in audit_kinds, or -1 for all */
	const char *fra, *til;	/* NULL or "" for no bound */
};
/* audit_match: 1 when the line passes f */
int audit_match(const struct audit_line *l, const struct audit_filter *f);

/* audit_list: call fn with each line, newest first. */
typedef int (*audit_fn)(const char *line, size_t len, void *arg);
int audit_list(struct store_txn *txn, audit_fn fn, void *arg);

#endif
