/* audit.h: the system audit log of security events (logins, invitations, registrations).
 * Never health data: accounts by id, addresses, short event names. */
#ifndef BP_AUDIT_H
#define BP_AUDIT_H

#include "store.h"

/* audit_add: one event in the caller's write transaction. Fields may be NULL. */
int audit_add(struct store_txn *txn, long long now, const char *event, const char *account,
    const char *addr, const char *detail);

/* audit_list: call fn with each line "time\tevent\taccount\taddr\tdetail", newest first. */
typedef int (*audit_fn)(const char *line, size_t len, void *arg);
int audit_list(struct store_txn *txn, audit_fn fn, void *arg);

#endif
