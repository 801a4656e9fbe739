/* store.h: the LMDB store. One environment, named databases, short transactions.
 * Only this module includes lmdb.h. */
#ifndef BP_STORE_H
#define BP_STORE_H

#include <stddef.h>

#include "util.h"

enum store_db {
	DB_META,		/* schema version, settings */
	DB_ACCOUNTS,		/* account id -> account XML */
	DB_EMAILS,		/* lower-cased e-post -> account id */
	DB_SESSIONS,		/* SHA-256(session token) -> session */
	DB_INVITES,		/* SHA-256(invitation token) -> invitation XML */
	DB_PENDING,		/* SHA-256(registration token) -> half-done registration */
	DB_THROTTLE,		/* "a:<addr>" / "e:<e-post>" -> failed-login counters */
	DB_AUDIT,		/* time-ordered key -> security event */
	DB_IDENTITIES,		/* keyed hash of an ID-porten pid -> account id */
	DB_SCOPES,		/* "k:<kommune>:", "r:<region>:", "o:<role>:" + account id -> "" */
	DB_BLOCKED,		/* keyed hash of year and identity -> suspension time */
	DB_SURVEYS,		/* survey key (kommune, year, keyed hash of fnr) -> sealed record */
	DB_OWNERS,		/* owner account id || survey key -> list facts */
	DB_SURVEY_LOG,		/* kommune || year || page id || time || seq -> endringslogg line */
	DB_SURVEY_IDS,		/* opaque page id (16 bytes) -> survey key */
	DB_RESERVATIONS,	/* kommune || keyed hash of fnr -> time of the reservasjon */
	DB_PERIODS,		/* kommune || year -> sluttdato, overføringsdato, transfer receipt */
	DB_REGISTRY,		/* year || kommune || pseudonym -> pseudonymised record (KORFOR) */
	DB_CHANGED,		/* owner account id || year -> sorted values: ~changed || survey key */
	DB_ACCESS_LOG,		/* account id || time || seq -> change of access (access.h) */
	DB_ACCOUNT_SESSIONS,	/* account id || SHA-256(session token) -> "" (kept by session.c) */
	DB_RESETS,		/* SHA-256(reset token) -> reset link (reset.c) */
	DB__MAX
};

#define STORE_KEY_MAX 511	/* LMDB's default key size limit */

struct store;
struct store_txn;

/* The body of a transaction. Return 0 to commit, anything else to abort; the value is
 * returned by store_read/store_write. A write body may run more than once (after the map
 * grew), so it must not have effects outside the transaction. */
typedef int (*store_fn)(struct store_txn *txn, void *arg);

/* An index added after stores were made, and what fills it from the records it indexes.
 * The store knows databases, not what is in them: the modules that own an index pass it
 * in (upgrade.c lists them). */
struct store_upgrade {
	enum store_db db;
	int (*fill)(struct store_txn *txn);	/* 0, or an error that aborts the open */
};

/* store_open_upgrading: open (create && make) the environment in dir. map_size is the
 * initial map; an existing larger store keeps its size. A store from before a database
 * existed gets it in one write transaction, and each of the n upgrades whose database
 * was missing is filled in that same transaction. */
int store_open_upgrading(const char *dir, size_t map_size, int create,
    const struct store_upgrade *upgrades, size_t n, struct store **out);
/* store_open: store_open_upgrading with every upgrade this release knows (upgrade.c: the
 * by-change index of surveys, DB_CHANGED, and the sessions by account). */
int store_open(const char *dir, size_t map_size, int create, struct store **out);
void store_close(struct store *st);	/* accepts NULL */

int store_read(struct store *st, store_fn fn, void *arg);
/* store_write: one write transaction; on MDB_MAP_FULL the map doubles and fn runs again. */
int store_write(struct store *st, store_fn fn, void *arg);
/* store_disk_full: 1 when a write of this process failed because the disk (or the file
 * size allowed) was full. Nothing of that write was stored; what was, still is. */
int store_disk_full(const struct store *st);

/* store_get: *val points into the map and is valid only until the transaction ends.
 * BP_ENOENT when absent. */
int store_get(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void **val, size_t *vlen);
int store_put(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen);
/* store_add: like put, but BP_EEXIST when the key is there. */
int store_add(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen);
/* store_del: BP_ENOENT when absent. */
int store_del(struct store_txn *txn, enum store_db db, const void *key, size_t klen);

/* store_scan: call fn for each key starting with prefix (all keys when plen is 0), in key
 * order, or in reverse when reverse is set. fn returns 0 to go on, 1 to stop, < 0 to fail.
 * Keys and values are valid only during the call. */
typedef int (*store_scan_fn)(const void *key, size_t klen, const void *val, size_t vlen,
    void *arg);
int store_scan(struct store_txn *txn, enum store_db db, const void *prefix, size_t plen,
    int reverse, store_scan_fn fn, void *arg);

/* Databases with sorted values under one key (DB_CHANGED, LMDB's MDB_DUPSORT; a value is
 * at most STORE_KEY_MAX bytes). store_dup_add: BP_EEXIST when that value is there already;
 * store_dup_del: BP_ENOENT when it is not; store_dup_count: how many values key has (0 when
 * none), without reading them; store_dup_scan: the values of key in order, fn as for
 * store_scan (called with key). */
int store_dup_add(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen);
int store_dup_del(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    const void *val, size_t vlen);
int store_dup_count(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    size_t *n);
int store_dup_scan(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
    store_scan_fn fn, void *arg);

/* store_seek: the first key at or after from, its first size bytes into key and its
 * length into *klen; BP_ENOENT when there is none. Lets a scan jump over a run of keys. */
int store_seek(struct store_txn *txn, enum store_db db, const void *from, size_t flen, void *key,
    size_t size, size_t *klen);

/* store_del_prefix: delete every key starting with prefix (plen > 0); *deleted (may be
 * NULL) gets how many. */
int store_del_prefix(struct store_txn *txn, enum store_db db, const void *prefix, size_t plen,
    long *deleted);

/* store_purge: delete up to max records of db for which doomed(key, value, arg) returns
 * non-zero. Returns how many were deleted, or < 0. For records that expire (sessions,
 * half-done registrations): each write that makes one also clears a few old ones. */
typedef int (*store_pred)(const void *key, size_t klen, const void *val, size_t vlen,
    void *arg);
int store_purge(struct store_txn *txn, enum store_db db, store_pred doomed, void *arg, int max);

struct store_stat {
	size_t map_size;	/* current map size */
	size_t used;		/* bytes in use (last page number * page size) */
	size_t entries[DB__MAX];
};
int store_stat(struct store *st, struct store_stat *out);
extern const char *const store_db_names[DB__MAX];

#endif

/* -- format version, read-only opening, consistent copies (bpadm backup, restore, verify) */

/* The store's format version, kept in DB_META under "schema". Raise it when a release
 * changes what the store holds so that an older program could not read it, or would damage
 * it by writing: store_open then writes the new number after its upgrades (the new
 * databases and the indexes filled for them), and refuses a store whose number is higher
 * than its own (BP_ECONFIG; the error log names both versions). A store without the record
 * is from before it was kept: it is upgraded. */
#define STORE_FORMAT 1

/* store_format_of: the store's format version (0: none recorded). */
int store_format_of(struct store *st, int *format);
/* store_format_set: record this program's format in a store being made (bpadm init). */
int store_format_set(struct store_txn *txn);

/* store_open_readonly: open a store without writing anything, for reading it through: path
 * is a store directory (a live one: LMDB's lock file keeps readers and writers apart), or
 * with copy set, the data file of a copy (no lock file: nothing writes a copy). BP_ECONFIG
 * when there is no store, when it is newer than this program, or lacks a database (an
 * older store: a program that writes upgrades it first). Close with store_close. */
int store_open_readonly(const char *path, int copy, struct store **out);

/* store_copy: LMDB's consistent copy of the store as it is at the start (a read
 * transaction: writers go on meanwhile) into path: a directory that must exist and have no
 * data.mdb (of a store opened by store_open), or a file name that must not exist (of a copy
 * opened with store_open_readonly). compact leaves out free pages. BP_EEXIST when the
 * target is there, BP_ENOSPC when the disk filled. */
int store_copy(struct store *st, const char *path, int compact);
