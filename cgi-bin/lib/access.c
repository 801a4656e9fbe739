/* access.c: suspension, its undoing and a change of role, each whole in one transaction;
 * the history of an account's access under "account id || time || seq". */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "access.h"
#include "authz.h"
#include "invite.h"
#include "session.h"

const char *const access_kind_ids[ACCESS__MAX] = {
	"tilbakekalt", "gjenopprettet", "rolle", "etterfulgt"
};
const char *const access_kind_titles[ACCESS__MAX] = {
	"Tilbakekalt", "Gjenopprettet", "Rolle endret", "Registrert på nytt"
};

#define HIST_KEY_LEN (ACCOUNT_ID_LEN + 8 + 4)

/* "time\tkind\tby\tdetail", keyed in the order of the wall clock like the audit log */
static int
history_add(struct store_txn *txn, const char *id, long long now, enum access_kind kind,
    const char *by, const char *detail)
{
	unsigned char key[HIST_KEY_LEN];
	unsigned long long us;
	struct timeval tv;
	char line[sizeof(((struct access_change *)0)->detail) + 128];
	unsigned seq;
	int i, n, rc;

	if (strlen(id) != ACCOUNT_ID_LEN || strchr(by, '\t') || strchr(detail, '\t') ||
	    strchr(detail, '\n'))
		return BP_EINVAL;
	n = snprintf(line, sizeof(line), "%lld\t%s\t%s\t%s", now, access_kind_ids[kind], by,
	    detail);
	if (n < 0 || (size_t)n >= sizeof(line))
		return BP_ETOOBIG;
	memcpy(key, id, ACCOUNT_ID_LEN);
	gettimeofday(&tv, NULL);
	us = (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
	for (i = 0; i < 8; i++)
		key[ACCOUNT_ID_LEN + i] = (unsigned char)(us >> (56 - 8 * i));
	for (seq = 0, rc = BP_EEXIST; rc == BP_EEXIST && seq < 1000; seq++) {
		for (i = 0; i < 4; i++)
			key[ACCOUNT_ID_LEN + 8 + i] = (unsigned char)(seq >> (24 - 8 * i));
		rc = store_add(txn, DB_ACCESS_LOG, key, sizeof(key), line, (size_t)n);
	}
	return rc;
}

int
access_suspend(struct store_txn *txn, const struct secrets *sec, struct account *a,
    const char *by, long long now, long *links)
{
	int rc;

	/* the links first: once the account reads as suspended, its links read as withdrawn
	 * without being so in the store (invite_load) */
	if ((rc = invite_withdraw_by(txn, a->id, now, NULL, NULL, links)) != 0)
		return rc;
	a->tilbakekalt = now;
	if ((rc = account_save(txn, a, 0)) != 0 ||
	    (rc = account_block(txn, sec, a, time_year((time_t)now), now, 1)) != 0 ||
	    (rc = session_end_all(txn, a->id, NULL)) < 0)
		return rc;
	return history_add(txn, a->id, now, ACCESS_SUSPENDED, by, "");
}

int
access_restore(struct store_txn *txn, const struct secrets *sec, struct account *a,
    const char *by, const char *reason, long long now)
{
	int rc;

	if (!a->tilbakekalt)
		return 0;
	if (reason[0] == '\0')
		return BP_EINVAL;
	/* the identity was blocked for the year of the suspension */
	if ((rc = account_block(txn, sec, a, time_year((time_t)a->tilbakekalt), now, 0)) != 0)
		return rc;
	a->tilbakekalt = 0;
	if ((rc = account_save(txn, a, 0)) != 0)
		return rc;
	return history_add(txn, a->id, now, ACCESS_RESTORED, by, reason);
}

int
access_lapsed(const struct account *a, int year)
{
	return a->tilbakekalt != 0 && time_year((time_t)a->tilbakekalt) < year;
}

/* release_one: the index entry key of db, when a lapsed account holds it; its id into
 * holder */
static int
release_one(struct store_txn *txn, enum store_db db, const char *key, int year,
    char holder[ACCOUNT_ID_LEN + 1])
{
	char id[ACCOUNT_ID_LEN + 1];
	struct account old;
	const void *v;
	size_t vlen;
	int rc;

	if (key[0] == '\0')
		return 0;
	if ((rc = store_get(txn, db, key, strlen(key), &v, &vlen)) == BP_ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	if (vlen != ACCOUNT_ID_LEN)
		return BP_EXML;
	memcpy(id, v, ACCOUNT_ID_LEN);	/* account_load clears what it fills */
	id[ACCOUNT_ID_LEN] = '\0';
	if ((rc = account_load(txn, id, &old)) != 0)
		return rc;
	if (!access_lapsed(&old, year))
		return 0;
	if ((rc = store_del(txn, db, key, strlen(key))) != 0)
		return rc;
	str_copy(holder, ACCOUNT_ID_LEN + 1, old.id);
	return 0;
}

int
access_release(struct store_txn *txn, const char *email, const char *idhash,
    const char *by, long long now, char released[ACCOUNT_ID_LEN + 1])
{
	int year = time_year((time_t)now), rc;
	char a[ACCOUNT_ID_LEN + 1] = "", b[ACCOUNT_ID_LEN + 1] = "";

	if (released)
		released[0] = '\0';
	if ((rc = release_one(txn, DB_EMAILS, email, year, a)) != 0 ||
	    (rc = release_one(txn, DB_IDENTITIES, idhash, year, b)) != 0)
		return rc;
	if (a[0] && (rc = history_add(txn, a, now, ACCESS_SUCCEEDED, by, "")) != 0)
		return rc;
	if (b[0] && strcmp(a, b) != 0 &&
	    (rc = history_add(txn, b, now, ACCESS_SUCCEEDED, by, "")) != 0)
		return rc;
	if (released)
		str_copy(released, ACCOUNT_ID_LEN + 1, a[0] ? a : b);
	return 0;
}

/* the links an account keeps after a change of role: those its new role could make */
static int
still_allowed(const struct invite *inv, void *arg)
{
	struct target t = invite_target(inv);

	return authz(arg, ACT_INVITE, &t) == 0;
}

int
access_set_role(struct store_txn *txn, struct account *a, enum role to,
    const char *instans, const char *tjenestetype, const char *by, long long now,
    long *links)
{
	char detail[64];
	enum role from = a->role;
	int rc;

	if ((to != ROLE_KOMMUNE && to != ROLE_KARTLEGGER) ||
	    (from != ROLE_KOMMUNE && from != ROLE_KARTLEGGER))
		return BP_EINVAL;
	if (to == ROLE_KARTLEGGER) {
		if (!name_valid(instans) || tjenestetype_from_id(tjenestetype) < 0 ||
		    str_copy(a->instans, sizeof(a->instans), instans) != 0 ||
		    str_copy(a->tjenestetype, sizeof(a->tjenestetype), tjenestetype) != 0)
			return BP_EINVAL;
	}
	if (links)
		*links = 0;
	if (from == to)
		return account_save(txn, a, 0);
	if ((rc = account_save_role(txn, a, to)) != 0 ||
	    (rc = invite_withdraw_by(txn, a->id, now, still_allowed, a, links)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%s>%s", role_ids[from], role_ids[to]);
	return history_add(txn, a->id, now, ACCESS_ROLE, by, detail);
}

struct hist {
	access_fn fn;
	void *arg;
};

static int
hist_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct hist *h = arg;
	struct access_change c;
	char line[sizeof(c.detail) + 128], *f[4], *p;
	long long t;
	int i, kind;

	(void)k;
	if (klen != HIST_KEY_LEN || vlen >= sizeof(line))
		return 0;
	memcpy(line, v, vlen);
	line[vlen] = '\0';
	for (i = 0, p = line; i < 4; i++) {
		f[i] = p;
		if (i < 3 && (p = strchr(p, '\t')) == NULL)
			return 0;
		if (i < 3)
			*p++ = '\0';
	}
	if (str_to_ll(f[0], 0, 1LL << 62, &t) != 0 ||
	    (kind = str_index(access_kind_ids, ACCESS__MAX, f[1])) < 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.time = t;
	c.kind = (enum access_kind)kind;
	if (str_copy(c.by, sizeof(c.by), f[2]) != 0 ||
	    str_copy(c.detail, sizeof(c.detail), f[3]) != 0)
		return 0;
	return h->fn(&c, h->arg);
}

int
access_history(struct store_txn *txn, const char *id, access_fn fn, void *arg)
{
	struct hist h = { fn, arg };

	if (strlen(id) != ACCOUNT_ID_LEN)
		return BP_ENOENT;
	return store_scan(txn, DB_ACCESS_LOG, id, ACCOUNT_ID_LEN, 0, hist_one, &h);
}
