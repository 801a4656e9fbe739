/* backup.h: what `bpadm backup`, `restore` and `verify` need of the core (README "Backup
 * and restore"): every record of a store read through, the manifest written beside a copy,
 * a check value of the secrets that names no key.
 *
 * A backup is a directory: data.mdb (LMDB's compacted copy, store_copy), secrets (the
 * secrets file, mode 0600) and manifest (text, below). Restore trusts none of it: the
 * manifest's checksum and counts, and the secrets' check value, are compared with the copy
 * before anything is written. */
#ifndef BP_BACKUP_H
#define BP_BACKUP_H

#include "secrets.h"
#include "store.h"

#define BACKUP_DATA "data.mdb"
#define BACKUP_SECRETS "secrets"
#define BACKUP_MANIFEST "manifest"
#define BACKUP_VERSION 1		/* of the manifest's own layout */
#define BACKUP_KEYHASH_LEN 16		/* hex digits of a key's hash in a fault */

/* A record that could not be read: its kind and a hash of its key, which names no person
 * (a key may hold an e-post or a keyed hash of a fødselsnummer). */
struct backup_fault {
	enum store_db db;
	char keyhash[BACKUP_KEYHASH_LEN + 1];	/* the first bytes of SHA-256(key), hex */
	int rc;					/* why (a bp_err) */
};

/* backup_verify: read every record of every database of st, and open every sealed one
 * with sec: survey records and the numbers of the owner index, TOTP secrets of accounts,
 * registrations and reset links; parse every XML record, registry row, endringslogg and
 * audit line, period and index entry. entries[] gets the records per database. Stops at
 * the first record that cannot be read: BP_EXML (or the record's own error, BP_ECRYPTO for
 * one that does not open with these keys) with *fault naming it. */
int backup_verify(struct store *st, const struct secrets *sec, size_t entries[DB__MAX],
    struct backup_fault *fault);

/* backup_secrets_check: a check value of all three keys (HMAC-SHA256 keyed with the site
 * key over the other two, as hex): equal for the same secrets, and it tells nothing of
 * them. */
int backup_secrets_check(const struct secrets *sec, char hex[2 * CRYPTO_HASH_LEN + 1]);

/* backup_file_sha256: SHA-256 (hex) and size of a file. BP_EIO when it cannot be read. */
int backup_file_sha256(const char *path, char hex[2 * CRYPTO_HASH_LEN + 1],
    unsigned long long *size);

/* The manifest: one "name value" per line.
 *
 *   brukerplan-backup 1
 *   time 2026-12-06T02:15:00Z
 *   format 1
 *   data.mdb 1638400 <sha256 hex>
 *   secrets-check <hex>
 *   count accounts 12              (one line per database, in store order)
 */
struct backup_manifest {
	long long time;				/* when the copy was taken (UTC) */
	int format;				/* the store format of the copy */
	unsigned long long bytes;		/* of data.mdb */
	char sha256[2 * CRYPTO_HASH_LEN + 1];	/* of data.mdb */
	char secrets_check[2 * CRYPTO_HASH_LEN + 1];
	size_t entries[DB__MAX];		/* records per database */
};

#define BACKUP_MANIFEST_MAX (64 * 1024)

/* backup_manifest_text: m as the manifest's text, appended to out. */
int backup_manifest_text(const struct backup_manifest *m, struct buf *out);
/* backup_manifest_write: write m to path (mode 0600) through a temporary file renamed into
 * place and synced, so a manifest is there whole or not at all. */
int backup_manifest_write(const char *path, const struct backup_manifest *m);
/* backup_manifest_read: BP_ENOENT when there is none, BP_EXML (with the line in err) when
 * it is not one of ours. */
int backup_manifest_read(const char *path, struct backup_manifest *m, char *err,
    size_t errlen);
/* backup_manifest_parse: the same from text (len bytes, no NUL): every line one of ours,
 * each once at most but the counts, one count per database. */
int backup_manifest_parse(const char *text, size_t len, struct backup_manifest *m, char *err,
    size_t errlen);

#endif
