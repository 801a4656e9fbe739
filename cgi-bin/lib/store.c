/* store.c: LMDB environment, named databases, read and write transactions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <lmdb.h>

#include "store.h"

const char *const store_db_names[DB__MAX] = {
	"meta", "accounts", "emails", "sessions", "invites", "pending", "throttle", "audit",
	"identities", "scopes", "blocked", "surveys", "owners", "surveylog",
	"surveyids", "reservations", "periods", "registry", "changed", "accesslog",
	"accountsessions", "resets"
};

static const unsigned db_flags[DB__MAX] = {
	[DB_CHANGED] = MDB_DUPSORT,
};

#define STORE_MAX_GROW 24	/* doublings per write; 64 MiB * 2^24 is far beyond any disk */

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB__MAX];
	int disk_full;		/* a commit failed for want of disk: the page says so */
};

struct store_txn {
	struct store *st;
	MDB_txn *txn;
	int write;
	int map_full;		/* a put hit MDB_MAP_FULL */
};

static int
map_err(int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case MDB_NOTFOUND:
		return BP_ENOENT;
	case MDB_KEYEXIST:
		return BP_EEXIST;
	case MDB_BAD_VALSIZE:
		return BP_ETOOBIG;
	case ENOMEM:
		return BP_ENOMEM;
	case ENOSPC:
	case EFBIG:
	case EDQUOT:
		return BP_ENOSPC;
	default:
		return BP_ESTORE;
	}
}

#define ROOM_MIN (1 << 20)	/* less free room than this where the store is: full */

/* LMDB reports a short write as EIO: the disk filled up (or the file size limit was
 * reached) in the middle of a commit. That is told apart from a failing disk by looking
 * at the room left for the store's file. */
static int
out_of_room(struct store *st)
{
	struct statvfs v;
	struct rlimit rl;
	struct stat sb;
	mdb_filehandle_t fd;

	if (mdb_env_get_fd(st->env, &fd) != 0)
		return 0;
	if (fstatvfs(fd, &v) == 0 && (unsigned long long)v.f_bavail * v.f_frsize < ROOM_MIN)
		return 1;
	return getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    fstat(fd, &sb) == 0 && (unsigned long long)sb.st_size + ROOM_MIN > rl.rlim_cur;
}

/* Another process grew the map: adopt its size before trying again. */
static int
txn_begin(struct store *st, unsigned flags, MDB_txn **txn)
{
	int rc, tries;

	for (tries = 0; tries < 3; tries++) {
		rc = mdb_txn_begin(st->env, NULL, flags, txn);
		if (rc != MDB_MAP_RESIZED)
			break;
		if ((rc = mdb_env_set_mapsize(st->env, 0)) != 0)
			break;
	}
	if (rc != 0)
		log_error("store: begin: %s", mdb_strerror(rc));
	return rc;
}

static int
store_exists(const char *dir)
{
	char path[4096];
	struct stat sb;
	int n = snprintf(path, sizeof(path), "%s/data.mdb", dir);

	return n > 0 && (size_t)n < sizeof(path) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
grow(struct store *st)
{
	MDB_envinfo info;
	int rc;

	if ((rc = mdb_env_info(st->env, &info)) != 0)
		return rc;
	if (info.me_mapsize > SIZE_MAX / 2)
		return MDB_MAP_FULL;
	log_error("store: map full at %zu bytes; growing to %zu", info.me_mapsize,
	    info.me_mapsize * 2);
	return mdb_env_set_mapsize(st->env, info.me_mapsize * 2);
}

/* Open every database, in a read transaction while they all exist; else in a write
 * transaction that makes the missing ones and fills the new indexes. MDB_MAP_FULL when a
 * fill did not fit (the caller grows the map and tries again). */
static int
open_dbs(struct store *st, int create, int upgrade, const struct store_upgrade *upgrades,
    size_t nupgrades)
{
	int (*db_fill[DB__MAX])(struct store_txn *) = { 0 };
	struct store_txn t = { st, NULL, 1, 0 };
	int fill[DB__MAX] = { 0 };
	MDB_txn *txn = NULL;
	size_t u;
	int rc, i;

	for (u = 0; u < nupgrades; u++)
		if ((int)upgrades[u].db >= 0 && upgrades[u].db < DB__MAX)
			db_fill[upgrades[u].db] = upgrades[u].fill;
	if ((rc = txn_begin(st, create ? 0 : MDB_RDONLY, &txn)) != 0)
		return rc;
	for (i = 0; i < DB__MAX; i++) {
		rc = mdb_dbi_open(txn, store_db_names[i], db_flags[i], &st->dbi[i]);
		if (rc == MDB_NOTFOUND && !create) {
			/* a store from before this database existed: add the missing ones once */
			mdb_txn_abort(txn);
			return open_dbs(st, 1, 1, upgrades, nupgrades);
		}
		if (rc == MDB_NOTFOUND) {
			fill[i] = db_fill[i] != NULL;
			rc = mdb_dbi_open(txn, store_db_names[i], db_flags[i] | MDB_CREATE,
			    &st->dbi[i]);
		}
		if (rc != 0)
			goto fail;
	}
	t.txn = txn;
	for (i = 0; i < DB__MAX; i++) {
		if (!fill[i])
			continue;
		if ((rc = db_fill[i](&t)) != 0) {
			log_error("store: filling %s: %s", store_db_names[i], bp_strerror(rc));
			rc = t.map_full ? MDB_MAP_FULL : MDB_CORRUPTED;
			goto fail;
		}
		if (upgrade)
			log_error("store: %s made from the store's records", store_db_names[i]);
	}
	/* committing keeps the dbi handles for later transactions */
	return mdb_txn_commit(txn);
fail:
	mdb_txn_abort(txn);
	return rc;
}

static int store_newer(struct store *st, const char *dir);	/* at the end */
static int store_format(struct store *st, const char *dir, int create);

int
store_open_upgrading(const char *dir, size_t map_size, int create,
    const struct store_upgrade *upgrades, size_t nupgrades, struct store **out)
{
	struct store *st;
	int rc, tries;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return BP_ENOMEM;
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("store: mkdir %s: %s", dir, strerror(errno));
		free(st);
		return BP_EIO;
	}
	if (!create && !store_exists(dir)) {
		log_error("store: no store in %s (bpadm init makes one)", dir);
		free(st);
		return BP_ECONFIG;
	}
	if ((rc = mdb_env_create(&st->env)) != 0)
		goto fail;
	if ((rc = mdb_env_set_maxdbs(st->env, DB__MAX + 8)) != 0)
		goto fail;
	if ((rc = mdb_env_set_mapsize(st->env, map_size)) != 0)
		goto fail;
	/* NORDAHEAD: records are read at random; read-ahead only fills the page cache. */
	if ((rc = mdb_env_open(st->env, dir, MDB_NORDAHEAD, 0600)) != 0)
		goto fail;
	if ((rc = store_newer(st, dir)) != 0) {	/* before anything is written to it */
		store_close(st);
		return rc;
	}
	for (tries = 0; (rc = open_dbs(st, create, 0, upgrades, nupgrades)) == MDB_MAP_FULL &&
	    tries < STORE_MAX_GROW; tries++)
		if ((rc = grow(st)) != 0)
			break;
	if (rc != 0)
		goto fail;
	if ((rc = store_format(st, dir, create)) != 0) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
fail:
	log_error("store: open %s: %s", dir, mdb_strerror(rc));
	if (st->env)
		mdb_env_close(st->env);
	free(st);
	/* no store there, or one made before these databases existed: run bpadm init */
	return (rc == MDB_NOTFOUND || rc == ENOENT) ? BP_ECONFIG : map_err(rc);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	mdb_env_close(st->env);
	free(st);
}

int
store_read(struct store *st, store_fn fn, void *arg)
{
	struct store_txn t = { st, NULL, 0, 0 };
	int rc;

	if ((rc = txn_begin(st, MDB_RDONLY, &t.txn)) != 0)
		return map_err(rc);
	rc = fn(&t, arg);
	mdb_txn_abort(t.txn);
	return rc;
}

int
store_write(struct store *st, store_fn fn, void *arg)
{
	struct store_txn t;
	int rc, tries, dead;

	/* free the reader slots of killed processes so their pages can be reused */
	(void)mdb_reader_check(st->env, &dead);
	for (tries = 0; tries < STORE_MAX_GROW; tries++) {
		t = (struct store_txn){ st, NULL, 1, 0 };
		if ((rc = txn_begin(st, 0, &t.txn)) != 0)
			return map_err(rc);
		rc = fn(&t, arg);
		if (rc != 0) {
			mdb_txn_abort(t.txn);
			if (!t.map_full)
				return rc;
			rc = MDB_MAP_FULL;
		} else {
			rc = mdb_txn_commit(t.txn);
			if (rc == 0)
				return 0;
			if (rc != MDB_MAP_FULL) {
				log_error("store: commit: %s", mdb_strerror(rc));
				if (rc == EIO && out_of_room(st))
					rc = ENOSPC;
				if ((rc = map_err(rc)) == BP_ENOSPC)
					st->disk_full = 1;
				return rc;
			}
		}
		if ((rc = grow(st)) != 0) {
			log_error("store: grow: %s", mdb_strerror(rc));
			return BP_ESTORE;
		}
	}
	return BP_ESTORE;
}

int
store_disk_full(const struct store *st)
{
	return st != NULL && st->disk_full;
}

static int
check_key(size_t klen)
{
	return (klen == 0 || klen > STORE_KEY_MAX) ? BP_EINVAL : 0;
}

int
store_get(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void **val, size_t *vlen)
{
	MDB_val k = { klen, (void *)key }, v;
	int rc;

	if (check_key(klen) != 0)
		return BP_EINVAL;
	if ((rc = mdb_get(txn->txn, txn->st->dbi[db], &k, &v)) != 0)
		return map_err(rc);
	*val = v.mv_data;
	*vlen = v.mv_size;
	return 0;
}

static int
put(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen, unsigned flags)
{
	MDB_val k = { klen, (void *)key }, v = { vlen, (void *)val };
	int rc;

	if (!txn->write || check_key(klen) != 0)
		return BP_EINVAL;
	rc = mdb_put(txn->txn, txn->st->dbi[db], &k, &v, flags);
	if (rc == MDB_MAP_FULL)
		txn->map_full = 1;
	else if (rc != 0 && rc != MDB_KEYEXIST)
		log_error("store: put %s: %s", store_db_names[db], mdb_strerror(rc));
	return map_err(rc);
}

int
store_put(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	return put(txn, db, key, klen, val, vlen, 0);
}

int
store_add(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	return put(txn, db, key, klen, val, vlen, MDB_NOOVERWRITE);
}

int
store_del(struct store_txn *txn, enum store_db db, const void *key, size_t klen)
{
	MDB_val k = { klen, (void *)key };
	int rc;

	if (!txn->write || check_key(klen) != 0)
		return BP_EINVAL;
	rc = mdb_del(txn->txn, txn->st->dbi[db], &k, NULL);
	if (rc == MDB_MAP_FULL)	/* deleting can need a page split's copy too */
		txn->map_full = 1;
	return map_err(rc);
}

int
store_scan(struct store_txn *txn, enum store_db db, const void *prefix, size_t plen,
    int reverse, store_scan_fn fn, void *arg)
{
	unsigned char end[STORE_KEY_MAX];
	MDB_cursor *cur;
	MDB_val k, v;
	int rc, frc = 0;

	if (plen > STORE_KEY_MAX)
		return BP_EINVAL;
	if ((rc = mdb_cursor_open(txn->txn, txn->st->dbi[db], &cur)) != 0)
		return map_err(rc);
	if (plen == 0) {
		rc = mdb_cursor_get(cur, &k, &v, reverse ? MDB_LAST : MDB_FIRST);
	} else if (!reverse) {
		k = (MDB_val){ plen, (void *)prefix };
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	} else {
		/* the keys with the prefix all sort before prefix || ff ff ...; step back
		 * from the first key at or after that */
		memcpy(end, prefix, plen);
		memset(end + plen, 0xff, sizeof(end) - plen);
		k = (MDB_val){ sizeof(end), end };
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
		else if (rc == 0 && (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0))
			rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);	/* else: that very key */
	}
	while (rc == 0) {
		if (plen && (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0))
			break;
		if ((frc = fn(k.mv_data, k.mv_size, v.mv_data, v.mv_size, arg)) != 0)
			break;
		rc = mdb_cursor_get(cur, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	mdb_cursor_close(cur);
	if (frc < 0)
		return frc;
	return rc == MDB_NOTFOUND ? 0 : map_err(rc);
}

static int
dup_change(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen, int add)
{
	MDB_val k = { klen, (void *)key }, v = { vlen, (void *)val };
	int rc;

	if (!txn->write || check_key(klen) != 0 || check_key(vlen) != 0)
		return BP_EINVAL;
	rc = add ? mdb_put(txn->txn, txn->st->dbi[db], &k, &v, MDB_NODUPDATA) :
	    mdb_del(txn->txn, txn->st->dbi[db], &k, &v);
	if (rc == MDB_MAP_FULL)
		txn->map_full = 1;
	else if (rc != 0 && rc != MDB_KEYEXIST && rc != MDB_NOTFOUND)
		log_error("store: %s %s: %s", add ? "add" : "del", store_db_names[db],
		    mdb_strerror(rc));
	return map_err(rc);
}

int
store_dup_add(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	return dup_change(txn, db, key, klen, val, vlen, 1);
}

int
store_dup_del(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	return dup_change(txn, db, key, klen, val, vlen, 0);
}

int
store_dup_count(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    size_t *n)
{
	MDB_val k = { klen, (void *)key }, v;
	MDB_cursor *cur;
	size_t count = 0;
	int rc;

	*n = 0;
	if (!(db_flags[db] & MDB_DUPSORT) || check_key(klen) != 0)
		return BP_EINVAL;
	if ((rc = mdb_cursor_open(txn->txn, txn->st->dbi[db], &cur)) != 0)
		return map_err(rc);
	if ((rc = mdb_cursor_get(cur, &k, &v, MDB_SET)) == 0 &&
	    (rc = mdb_cursor_count(cur, &count)) == 0)
		*n = count;
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : map_err(rc);
}

int
store_dup_scan(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    store_scan_fn fn, void *arg)
{
	MDB_val k = { klen, (void *)key }, v;
	MDB_cursor *cur;
	int rc, frc = 0;

	if (!(db_flags[db] & MDB_DUPSORT) || check_key(klen) != 0)
		return BP_EINVAL;
	if ((rc = mdb_cursor_open(txn->txn, txn->st->dbi[db], &cur)) != 0)
		return map_err(rc);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP))
		if ((frc = fn(k.mv_data, k.mv_size, v.mv_data, v.mv_size, arg)) != 0)
			break;
	mdb_cursor_close(cur);
	if (frc < 0)
		return frc;
	return rc == MDB_NOTFOUND ? 0 : map_err(rc);
}

int
store_seek(struct store_txn *txn, enum store_db db, const void *from, size_t flen, void *key,
    size_t size, size_t *klen)
{
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	if (flen == 0 || flen > STORE_KEY_MAX)
		return BP_EINVAL;
	if ((rc = mdb_cursor_open(txn->txn, txn->st->dbi[db], &cur)) != 0)
		return map_err(rc);
	k = (MDB_val){ flen, (void *)from };
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	if (rc == 0) {
		*klen = k.mv_size;
		memcpy(key, k.mv_data, k.mv_size < size ? k.mv_size : size);
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? BP_ENOENT : map_err(rc);
}

int
store_del_prefix(struct store_txn *txn, enum store_db db, const void *prefix, size_t plen,
    long *deleted)
{
	MDB_cursor *cur;
	MDB_val k, v;
	long n = 0;
	int rc;

	if (plen == 0 || plen > STORE_KEY_MAX)
		return BP_EINVAL;
	if ((rc = mdb_cursor_open(txn->txn, txn->st->dbi[db], &cur)) != 0)
		return map_err(rc);
	k = (MDB_val){ plen, (void *)prefix };
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size >= plen && memcmp(k.mv_data, prefix, plen) == 0) {
		if ((rc = mdb_cursor_del(cur, 0)) != 0)
			break;
		n++;
		/* seek again rather than trust the cursor's place: a delete that empties the
		 * database leaves it unset, and MDB_GET_CURRENT then fails with EINVAL */
		k = (MDB_val){ plen, (void *)prefix };
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return map_err(rc);
	if (deleted)
		*deleted = n;
	return 0;
}

struct purge {
	store_pred doomed;
	void *arg;
	int max;
	int n;
	unsigned char (*keys)[STORE_KEY_MAX];
	size_t *lens;
};

static int
purge_pick(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct purge *p = arg;

	if (p->doomed(k, klen, v, vlen, p->arg)) {
		memcpy(p->keys[p->n], k, klen);
		p->lens[p->n++] = klen;
	}
	return p->n >= p->max ? 1 : 0;
}

int
store_purge(struct store_txn *txn, enum store_db db, store_pred doomed, void *arg, int max)
{
	struct purge p = { doomed, arg, max, 0, NULL, NULL };
	int i, rc;

	if (max <= 0)
		return 0;
	if ((p.keys = malloc((size_t)max * sizeof(*p.keys))) == NULL ||
	    (p.lens = malloc((size_t)max * sizeof(*p.lens))) == NULL) {
		free(p.keys);
		return BP_ENOMEM;
	}
	/* collect first, delete after: a cursor must not walk over its own deletes */
	rc = store_scan(txn, db, NULL, 0, 0, purge_pick, &p);
	for (i = 0; rc == 0 && i < p.n; i++)
		rc = store_del(txn, db, p.keys[i], p.lens[i]);
	free(p.keys);
	free(p.lens);
	return rc == 0 ? p.n : rc;
}

int
store_stat(struct store *st, struct store_stat *out)
{
	MDB_envinfo info;
	MDB_stat ms;
	MDB_txn *txn;
	int rc, i;

	memset(out, 0, sizeof(*out));
	if ((rc = mdb_env_info(st->env, &info)) != 0 || (rc = mdb_env_stat(st->env, &ms)) != 0)
		return map_err(rc);
	out->map_size = info.me_mapsize;
	out->used = (info.me_last_pgno + 1) * (size_t)ms.ms_psize;
	if ((rc = txn_begin(st, MDB_RDONLY, &txn)) != 0)
		return map_err(rc);
	for (i = 0; i < DB__MAX; i++)
		if (mdb_stat(txn, st->dbi[i], &ms) == 0)
			out->entries[i] = ms.ms_entries;
	mdb_txn_abort(txn);
	return 0;
}

/* -- the format version, read-only opening and LMDB's consistent copies ------------------ */

#define FORMAT_KEY "schema"	/* DB_META: the format version, in decimal */

/* the store's format version into *format; 0 when it has no version record (a store from
 * before the record was kept) */
static int
format_get(struct store_txn *txn, int *format)
{
	char text[8];
	const void *v;
	size_t vlen;
	long long n;
	int rc;

	*format = 0;
	rc = store_get(txn, DB_META, FORMAT_KEY, strlen(FORMAT_KEY), &v, &vlen);
	if (rc == BP_ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	if (vlen == 0 || vlen >= sizeof(text))
		return BP_EXML;
	memcpy(text, v, vlen);
	text[vlen] = '\0';
	if (str_to_ll(text, 1, 9999, &n) != 0)
		return BP_EXML;
	*format = (int)n;
	return 0;
}

static int
format_read(struct store_txn *txn, void *arg)
{
	return format_get(txn, arg);
}

/* writes this program's format where the store has an older one (or none): the upgrades
 * themselves (new databases, their indexes) are open_dbs's, done by then */
static int
format_write(struct store_txn *txn, void *arg)
{
	char text[16];
	int have, rc;

	(void)arg;
	if ((rc = format_get(txn, &have)) != 0 || have >= STORE_FORMAT)
		return rc;
	snprintf(text, sizeof(text), "%d", STORE_FORMAT);
	return store_put(txn, DB_META, FORMAT_KEY, strlen(FORMAT_KEY), text, strlen(text));
}

/* A store newer than this program may hold what it cannot read, or would damage by
 * writing: refused, naming both versions, in both languages (the error log's readers). */
static int
format_refuse(const char *dir, int have)
{
	log_error("store: %s har lagerformat %d, men dette programmet kjenner bare format %d "
	    "og eldre: installer den nyeste Brukerplan (make deploy) / the store has format %d, "
	    "newer than this program's %d", dir, have, STORE_FORMAT, have, STORE_FORMAT);
	return BP_ECONFIG;
}

/* A newer store is refused before open_dbs adds anything to it: read its version
 * through its own handle of DB_META (a store being made has none yet). */
static int
store_newer(struct store *st, const char *dir)
{
	struct store_txn t = { st, NULL, 0, 0 };
	int rc, have = 0;

	if ((rc = txn_begin(st, MDB_RDONLY, &t.txn)) != 0)
		return map_err(rc);
	rc = mdb_dbi_open(t.txn, store_db_names[DB_META], 0, &st->dbi[DB_META]);
	if (rc == 0)
		rc = format_get(&t, &have);
	else if (rc == MDB_NOTFOUND)
		rc = 0;
	else
		rc = map_err(rc);
	mdb_txn_abort(t.txn);	/* the handle goes with it: open_dbs opens every one */
	st->dbi[DB_META] = 0;
	if (rc != 0) {
		log_error("store: %s: unreadable format version: %s", dir, bp_strerror(rc));
		return rc;
	}
	return have > STORE_FORMAT ? format_refuse(dir, have) : 0;
}

static int
store_format(struct store *st, const char *dir, int create)
{
	int have, rc;

	if ((rc = store_read(st, format_read, &have)) != 0) {
		log_error("store: %s: unreadable format version: %s", dir, bp_strerror(rc));
		return rc;
	}
	if (have > STORE_FORMAT)
		return format_refuse(dir, have);
	/* a store being made gets its version from its maker (bpadm init: store_format_set),
	 * in the transaction that makes its first records */
	if (have == STORE_FORMAT || (create && have == 0))
		return 0;
	if ((rc = store_write(st, format_write, NULL)) != 0)
		return rc;
	log_error("store: %s upgraded from format %d to %d", dir, have, STORE_FORMAT);
	return 0;
}

int
store_format_set(struct store_txn *txn)
{
	return format_write(txn, NULL);
}

int
store_format_of(struct store *st, int *format)
{
	return store_read(st, format_read, format);
}

int
store_open_readonly(const char *path, int copy, struct store **out)
{
	unsigned flags = MDB_RDONLY | MDB_NORDAHEAD | (copy ? MDB_NOSUBDIR | MDB_NOLOCK : 0);
	struct store *st;
	MDB_txn *txn = NULL;
	struct stat sb;
	int rc, i, have;

	*out = NULL;
	if (copy ? stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) : !store_exists(path)) {
		log_error("store: no store in %s", path);
		return BP_ECONFIG;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return BP_ENOMEM;
	if ((rc = mdb_env_create(&st->env)) != 0 ||
	    (rc = mdb_env_set_maxdbs(st->env, DB__MAX + 8)) != 0 ||
	    (rc = mdb_env_open(st->env, path, flags, 0600)) != 0) {
		log_error("store: open %s: %s", path, mdb_strerror(rc));
		rc = map_err(rc);
		goto fail;
	}
	/* a newer store is said to be newer, whatever else it lacks */
	if ((rc = store_newer(st, path)) != 0)
		goto fail;
	if ((rc = txn_begin(st, MDB_RDONLY, &txn)) != 0) {
		rc = map_err(rc);
		goto fail;
	}
	for (i = 0; i < DB__MAX; i++) {
		rc = mdb_dbi_open(txn, store_db_names[i], db_flags[i], &st->dbi[i]);
		if (rc == MDB_NOTFOUND) {
			/* read only, nothing can be added: a program that writes adds it */
			log_error("store: %s lacks the database %s: an older store (bpadm stat "
			    "upgrades it)", path, store_db_names[i]);
			rc = BP_ECONFIG;
			goto fail;
		}
		if (rc != 0) {
			log_error("store: open %s: %s", path, mdb_strerror(rc));
			rc = map_err(rc);
			goto fail;
		}
	}
	/* committed, not aborted: the dbi handles then outlive the transaction */
	rc = mdb_txn_commit(txn);
	txn = NULL;
	if (rc != 0) {
		rc = map_err(rc);
		goto fail;
	}
	if ((rc = store_format_of(st, &have)) != 0)
		goto fail;
	if (have > STORE_FORMAT) {
		rc = format_refuse(path, have);
		goto fail;
	}
	*out = st;
	return 0;
fail:
	if (txn)
		mdb_txn_abort(txn);
	if (st->env)
		mdb_env_close(st->env);
	free(st);
	return rc;
}

int
store_copy(struct store *st, const char *path, int compact)
{
	int rc = mdb_env_copy2(st->env, path, compact ? MDB_CP_COMPACT : 0);

	if (rc != 0) {
		log_error("store: copy to %s: %s", path, mdb_strerror(rc));
		if (rc == EIO || rc == ENOSPC || rc == EFBIG || rc == EDQUOT)
			return rc == EIO ? BP_EIO : BP_ENOSPC;
		return rc == EEXIST ? BP_EEXIST : map_err(rc);
	}
	return 0;
}
