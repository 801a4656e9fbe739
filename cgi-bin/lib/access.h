/* access.h: the life of an account's access after registration: suspension, its undoing
 * and a change of role (2026 manual: "KORFOR kontaktes", "gi beskjed til KORFOR").
 *
 * Each is one function doing all it implies in the caller's write transaction, so no page
 * can suspend an account and leave its invitation links usable: a suspension withdraws
 * every link the account made, ends its sessions and blocks its identity for the rest of
 * the year; undoing
 * it unblocks the identity (the links stay withdrawn); a change of role withdraws the
 * links the new role could not make. Each change is kept in the account's history, which
 * the autorisasjonsregister shows; the caller writes the audit event. */
#ifndef BP_ACCESS_H
#define BP_ACCESS_H

#include "account.h"
#include "secrets.h"

enum access_kind { ACCESS_SUSPENDED, ACCESS_RESTORED, ACCESS_ROLE, ACCESS_SUCCEEDED,
    ACCESS__MAX };
extern const char *const access_kind_ids[ACCESS__MAX];	/* in records */
extern const char *const access_kind_titles[ACCESS__MAX];	/* "Tilbakekalt", ... */

#define ACCESS_REASON_CHARS 200

struct access_change {
	long long time;
	enum access_kind kind;
	char by[ACCOUNT_ID_LEN + 1];		/* the account that made it, or a tool's name */
	char detail[4 * ACCESS_REASON_CHARS + 1];	/* the reason, or "kartlegger>kommunekontakt" */
};

/* access_suspend: a suspended (tilbakekalt now), its identities blocked for now's year,
 * its usable links withdrawn (*links, may be NULL, gets how many). */
int access_suspend(struct store_txn *txn, const struct secrets *sec, struct account *a,
    const char *by, long long now, long *links);
/* access_restore: a active again and its identities unblocked; reason is required
 * (BP_EINVAL when empty). Links withdrawn by the suspension stay withdrawn. */
int access_restore(struct store_txn *txn, const struct secrets *sec, struct account *a,
    const char *by, const char *reason, long long now);
/* access_set_role: a becomes `to` (ROLE_KOMMUNE or ROLE_KARTLEGGER; a kartlegger needs an
 * instans and a tjenestetype id), keeping its id, identity and surveys; the links it made
 * that the new role could not make are withdrawn (*links). */
int access_set_role(struct store_txn *txn, struct account *a, enum role to,
    const char *instans, const char *tjenestetype, const char *by, long long now,
    long *links);

/* access_lapsed: 1 when a was suspended in a year before year: the block of its identity
 * was for that year's kartlegging only (2026 manual, "Ansatte som slutter": "blokkeres
 * for årets kartlegging"). */
int access_lapsed(const struct account *a, int year);
/* access_release: before a registration in now's year, the e-post (and the identity hash,
 * when not "") that a lapsed account holds are freed for the new account `by` (its id):
 * the old account stays suspended, with its surveys and history ("Registrert på nytt" by
 * the new one), and no longer logs in by them. released (may be NULL) gets the old
 * account's id, or "" when nothing was freed. */
int access_release(struct store_txn *txn, const char *email, const char *idhash,
    const char *by, long long now, char released[ACCOUNT_ID_LEN + 1]);

/* access_history: call fn with each change of a's access, oldest first; fn returns 0 to
 * go on, 1 to stop, < 0 to fail. */
typedef int (*access_fn)(const struct access_change *c, void *arg);
int access_history(struct store_txn *txn, const char *id, access_fn fn, void *arg);

#endif
