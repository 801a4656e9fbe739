/* drift.c: `bpadm backup DIR`, `bpadm restore DIR` and `bpadm verify [DIR]`.
 *
 * A backup is LMDB's own consistent copy of the store, compacted, taken in one read
 * transaction while the site runs (saves go on), with the secrets file beside it and a
 * manifest (backup.h in the core). Restore writes only into a site whose store is absent or
 * as `bpadm init` left it, and only after the copy has been read through with the secrets
 * it will use: a wrong secrets file, a changed copy or a manifest that does not match is
 * refused before anything is written. Messages name kinds of record and hashes of keys,
 * never a person. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "drift.h"

#define SECRETS_FILE_MAX 4096

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "bpadm: %s: %s\n", what, why);
}

static int
path_join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	return n > 0 && (size_t)n < size ? 0 : BP_ETOOBIG;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* 1 when dir is a directory with nothing in it, 0 when it has something, -1 when it is no
 * directory (errno says why) */
static int
dir_empty(const char *dir)
{
	struct dirent *e;
	DIR *d;
	int empty = 1;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* fsync a file or directory by name: a copy counts once it is on the disk */
static int
sync_path(const char *path)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return BP_EIO;
	rc = fsync(fd) == 0 ? 0 : BP_EIO;
	close(fd);
	return rc;
}

/* copy a small file (the secrets) to dst, which must not exist, with mode 0600 */
static int
copy_small(const char *src, const char *dst)
{
	char *text = NULL;
	size_t len;
	int fd, rc;

	if ((rc = file_read(src, SECRETS_FILE_MAX, &text, &len)) != 0)
		return rc;
	if ((fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0) {
		rc = errno == EEXIST ? BP_EEXIST : BP_EIO;
	} else {
		rc = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0 ? 0 : BP_EIO;
		if (close(fd) != 0)
			rc = BP_EIO;
		if (rc != 0)
			unlink(dst);
	}
	crypto_wipe(text, len);
	free(text);
	return rc;
}

static void
print_counts(const size_t entries[DB__MAX])
{
	int i;

	for (i = 0; i < DB__MAX; i++)
		printf("%s %zu\n", store_db_names[i], entries[i]);
}

static void
print_fault(const char *what, const struct backup_fault *f)
{
	if (f->keyhash[0])
		fprintf(stderr, "bpadm: %s: %s %s: posten kan ikke leses (%s)\n", what,
		    store_db_names[f->db], f->keyhash, bp_strerror(f->rc));
	else
		fprintf(stderr, "bpadm: %s: %s: databasen kan ikke leses (%s)\n", what,
		    store_db_names[f->db], bp_strerror(f->rc));
}

static int
load_secrets(const char *what, const char *path, struct secrets *sec)
{
	char err[PATH_MAX + 128];

	if (secrets_load(path, sec, err, sizeof(err)) != 0) {
		fail(what, err);
		return -1;
	}
	return 0;
}

/* -- backup ------------------------------------------------------------------------------ */

struct made {
	char dir[PATH_MAX];
	char data[PATH_MAX];
	char secrets[PATH_MAX];
	char manifest[PATH_MAX];
	int dir_made;
};

/* on failure: take away what this backup made, so no half backup looks like one */
static void
unmake(const struct made *m)
{
	unlink(m->manifest);
	unlink(m->secrets);
	unlink(m->data);
	if (m->dir_made)
		rmdir(m->dir);
}

static int
take_backup(struct config *cfg, struct made *mk, struct backup_manifest *m)
{
	struct store_stat ss;
	struct secrets sec;
	struct store *st;
	int rc;

	if (load_secrets("backup", cfg->secrets, &sec) != 0)
		return -1;
	rc = backup_secrets_check(&sec, m->secrets_check);
	secrets_wipe(&sec);
	if (rc != 0) {
		fail("backup", bp_strerror(rc));
		return -1;
	}
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		fail("backup", rc == BP_ECONFIG ? "lageret kan ikke åpnes (se meldingen over)" :
		    bp_strerror(rc));
		return -1;
	}
	m->time = (long long)time(NULL);
	rc = store_copy(st, mk->dir, 1);
	store_close(st);
	if (rc != 0) {
		fail("backup", rc == BP_ENOSPC ? "disken er full" : bp_strerror(rc));
		return -1;
	}
	if (chmod(mk->data, 0600) != 0 || sync_path(mk->data) != 0) {
		fail("backup", strerror(errno));
		return -1;
	}
	if ((rc = copy_small(cfg->secrets, mk->secrets)) != 0) {
		fail("backup", "kan ikke kopiere hemmelighetsfilen");
		return -1;
	}
	/* the counts and the format of the copy itself */
	if ((rc = store_open_readonly(mk->data, 1, &st)) != 0) {
		fail("backup", "kopien kan ikke åpnes");
		return -1;
	}
	if ((rc = store_stat(st, &ss)) == 0)
		rc = store_format_of(st, &m->format);
	store_close(st);
	if (rc != 0) {
		fail("backup", bp_strerror(rc));
		return -1;
	}
	memcpy(m->entries, ss.entries, sizeof(m->entries));
	if ((rc = backup_file_sha256(mk->data, m->sha256, &m->bytes)) != 0 ||
	    (rc = backup_manifest_write(mk->manifest, m)) != 0 || (rc = sync_path(mk->dir)) != 0) {
		fail("backup", bp_strerror(rc));
		return -1;
	}
	return 0;
}

int
cmd_backup(struct config *cfg, int argc, char **argv)
{
	struct backup_manifest m;
	struct timespec t0;
	struct made mk;
	int empty;

	if (argc != 2) {
		fail("backup", "bruk: bpadm [-c FIL] backup KATALOG");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	umask(077);
	memset(&mk, 0, sizeof(mk));
	memset(&m, 0, sizeof(m));
	if (str_copy(mk.dir, sizeof(mk.dir), argv[1]) != 0 ||
	    path_join(mk.data, sizeof(mk.data), argv[1], BACKUP_DATA) != 0 ||
	    path_join(mk.secrets, sizeof(mk.secrets), argv[1], BACKUP_SECRETS) != 0 ||
	    path_join(mk.manifest, sizeof(mk.manifest), argv[1], BACKUP_MANIFEST) != 0) {
		fail("backup", "katalognavnet er for langt");
		return 1;
	}
	if ((empty = dir_empty(mk.dir)) == 0) {
		fail("backup", "katalogen finnes og er ikke tom; velg en ny katalog");
		return 1;
	}
	if (empty < 0 && errno != ENOENT) {
		fprintf(stderr, "bpadm: backup: %s: %s\n", mk.dir, strerror(errno));
		return 1;
	}
	if (empty < 0) {
		if (mkdir(mk.dir, 0700) != 0) {
			fprintf(stderr, "bpadm: backup: %s: %s\n", mk.dir, strerror(errno));
			return 1;
		}
		mk.dir_made = 1;
	}
	if (take_backup(cfg, &mk, &m) != 0) {
		unmake(&mk);
		return 1;
	}
	printf("Sikkerhetskopi i %s: %llu byte, %zu kartlegginger, %zu kontoer, %zu rader i "
	    "registeret (%.1f s)\n", mk.dir, m.bytes, m.entries[DB_SURVEYS], m.entries[DB_ACCOUNTS],
	    m.entries[DB_REGISTRY], seconds_since(&t0));
	printf("Hemmelighetsfilen er kopiert til %s: flytt den til et annet sted enn lageret.\n",
	    mk.secrets);
	return 0;
}

/* -- checks of a backup, shared by verify DIR and restore ---------------------------------- */

struct copy {
	char dir[PATH_MAX];
	char data[PATH_MAX];
	char secrets[PATH_MAX];
	char manifest[PATH_MAX];
	struct backup_manifest m;
};

static int
copy_paths(const char *what, const char *dir, struct copy *c)
{
	memset(c, 0, sizeof(*c));
	if (str_copy(c->dir, sizeof(c->dir), dir) != 0 ||
	    path_join(c->data, sizeof(c->data), dir, BACKUP_DATA) != 0 ||
	    path_join(c->secrets, sizeof(c->secrets), dir, BACKUP_SECRETS) != 0 ||
	    path_join(c->manifest, sizeof(c->manifest), dir, BACKUP_MANIFEST) != 0) {
		fail(what, "katalognavnet er for langt");
		return -1;
	}
	return 0;
}

/* The copy against its manifest and the secrets: the format, the checksum, the secrets'
 * check value, then every record read and opened with sec, and the counts compared. Only
 * reads. */
static int
check_copy(const char *what, struct copy *c, const struct secrets *sec, const char *secpath)
{
	char err[64], sum[2 * CRYPTO_HASH_LEN + 1], check[2 * CRYPTO_HASH_LEN + 1];
	size_t entries[DB__MAX];
	struct backup_fault f;
	unsigned long long bytes;
	struct store *st;
	int rc, i;

	rc = backup_manifest_read(c->manifest, &c->m, err, sizeof(err));
	if (c->m.format > STORE_FORMAT) {
		fprintf(stderr, "bpadm: %s: sikkerhetskopien har lagerformat %d, men dette "
		    "programmet kjenner bare format %d og eldre: installer den nyeste Brukerplan "
		    "først\n", what, c->m.format, STORE_FORMAT);
		return -1;
	}
	if (rc == BP_ENOENT) {
		fprintf(stderr, "bpadm: %s: %s finnes ikke: ikke en sikkerhetskopi fra bpadm "
		    "backup\n", what, c->manifest);
		return -1;
	}
	if (rc != 0) {
		fprintf(stderr, "bpadm: %s: %s er ikke en manifestfil fra bpadm backup (%s)\n",
		    what, c->manifest, err);
		return -1;
	}
	if ((rc = backup_secrets_check(sec, check)) != 0 ||
	    !crypto_equal(check, c->m.secrets_check, sizeof(check))) {
		fprintf(stderr, "bpadm: %s: hemmelighetsfilen %s hører ikke til denne "
		    "sikkerhetskopien (kontrollverdien i manifestet er en annen): ingenting er "
		    "skrevet\n", what, secpath);
		return -1;
	}
	if ((rc = backup_file_sha256(c->data, sum, &bytes)) != 0) {
		fprintf(stderr, "bpadm: %s: %s: %s\n", what, c->data, bp_strerror(rc));
		return -1;
	}
	if (bytes != c->m.bytes || strcmp(sum, c->m.sha256) != 0) {
		fprintf(stderr, "bpadm: %s: %s er endret eller skadet siden sikkerhetskopien ble "
		    "tatt (sjekksummen stemmer ikke med manifestet)\n", what, c->data);
		return -1;
	}
	if ((rc = store_open_readonly(c->data, 1, &st)) != 0) {
		fail(what, "kopien kan ikke åpnes (se meldingen over)");
		return -1;
	}
	rc = backup_verify(st, sec, entries, &f);
	store_close(st);
	if (rc != 0) {
		print_fault(what, &f);
		return -1;
	}
	for (i = 0; i < DB__MAX; i++)
		if (entries[i] != c->m.entries[i]) {
			fprintf(stderr, "bpadm: %s: %s: %zu poster i kopien, %zu i manifestet\n", what,
			    store_db_names[i], entries[i], c->m.entries[i]);
			return -1;
		}
	return 0;
}

/* -- verify -------------------------------------------------------------------------------- */

static int
verify_store(struct config *cfg)
{
	size_t entries[DB__MAX];
	struct backup_fault f;
	struct secrets sec;
	struct store *st;
	int rc, format;

	if (load_secrets("verify", cfg->secrets, &sec) != 0)
		return 1;
	if ((rc = store_open_readonly(cfg->store, 0, &st)) != 0) {
		secrets_wipe(&sec);
		fail("verify", "lageret kan ikke åpnes (se meldingen over)");
		return 1;
	}
	rc = backup_verify(st, &sec, entries, &f);
	if (rc == 0)
		rc = store_format_of(st, &format);
	store_close(st);
	secrets_wipe(&sec);
	if (rc != 0) {
		print_fault("verify", &f);
		return 1;
	}
	printf("format %d\n", format);
	print_counts(entries);
	return 0;
}

static int
verify_copy(struct config *cfg, const char *dir)
{
	struct secrets sec;
	struct copy c;
	const char *secpath;
	struct stat sb;
	int rc;

	if (copy_paths("verify", dir, &c) != 0)
		return 1;
	/* the backup's own secrets when they are still beside it, else the site's */
	secpath = stat(c.secrets, &sb) == 0 ? c.secrets : cfg->secrets;
	if (load_secrets("verify", secpath, &sec) != 0)
		return 1;
	rc = check_copy("verify", &c, &sec, secpath);
	secrets_wipe(&sec);
	if (rc != 0)
		return 1;
	printf("format %d\n", c.m.format);
	print_counts(c.m.entries);
	return 0;
}

int
cmd_verify(struct config *cfg, int argc, char **argv)
{
	if (argc == 1)
		return verify_store(cfg);
	if (argc == 2)
		return verify_copy(cfg, argv[1]);
	fail("verify", "bruk: bpadm [-c FIL] verify [KATALOG]");
	return 2;
}

/* -- restore ------------------------------------------------------------------------------- */

/* 0 when the site has no store, or one with nothing but what `bpadm init` writes (its
 * settings and audit lines); else -1 with the reason said */
static int
store_unused(struct config *cfg)
{
	char data[PATH_MAX];
	struct store_stat ss;
	struct store *st;
	struct stat sb;
	int i, rc;

	if (path_join(data, sizeof(data), cfg->store, "data.mdb") != 0)
		return -1;
	if (stat(data, &sb) != 0 && errno == ENOENT)
		return 0;
	if ((rc = store_open_readonly(cfg->store, 0, &st)) != 0) {
		fail("restore", "lageret som finnes kan ikke åpnes (se meldingen over); ingenting "
		    "er skrevet");
		return -1;
	}
	rc = store_stat(st, &ss);
	store_close(st);
	if (rc != 0) {
		fail("restore", bp_strerror(rc));
		return -1;
	}
	for (i = 0; i < DB__MAX; i++)
		if (i != DB_META && i != DB_AUDIT && ss.entries[i] > 0) {
			fprintf(stderr, "bpadm: restore: lageret i %s er i bruk (%zu kontoer, %zu "
			    "kartlegginger, %zu poster i %s): restore skriver bare inn i et tomt "
			    "eller manglende lager; ingenting er skrevet\n", cfg->store,
			    ss.entries[DB_ACCOUNTS], ss.entries[DB_SURVEYS], ss.entries[i],
			    store_db_names[i]);
			return -1;
		}
	return 0;
}

/* The copy into place: LMDB copies it to a file beside the store's, which is synced and
 * renamed over data.mdb (an empty store made by init), so the store is the old one or the
 * whole copy, never a part. */
static int
put_copy(struct config *cfg, struct copy *c, uid_t uid, gid_t gid, int chown_to)
{
	char tmp[PATH_MAX], data[PATH_MAX];
	struct store *st;
	int rc;

	if (path_join(tmp, sizeof(tmp), cfg->store, "data.mdb.restore") != 0 ||
	    path_join(data, sizeof(data), cfg->store, "data.mdb") != 0)
		return BP_ETOOBIG;
	(void)unlink(tmp);	/* of a restore that failed before */
	if ((rc = store_open_readonly(c->data, 1, &st)) != 0)
		return rc;
	rc = store_copy(st, tmp, 0);
	store_close(st);
	if (rc != 0)
		return rc;
	if (chmod(tmp, 0600) != 0 || (chown_to && chown(tmp, uid, gid) != 0) ||
	    sync_path(tmp) != 0 || rename(tmp, data) != 0 || sync_path(cfg->store) != 0) {
		(void)unlink(tmp);
		return BP_EIO;
	}
	return 0;
}

int
cmd_restore(struct config *cfg, int argc, char **argv)
{
	size_t entries[DB__MAX];
	struct backup_fault f;
	struct secrets sec;
	struct copy c;
	struct stat sb;
	struct store *st;
	const char *secpath;
	int rc, site_secrets, chown_to = 0;
	uid_t uid = 0;
	gid_t gid = 0;

	if (argc != 2) {
		fail("restore", "bruk: bpadm [-c FIL] restore KATALOG");
		return 2;
	}
	umask(077);
	if (copy_paths("restore", argv[1], &c) != 0 || store_unused(cfg) != 0)
		return 1;
	/* the site's secrets file when it has one (the backup's kept apart and put back),
	 * else the one beside the copy, which is then copied into place */
	site_secrets = stat(cfg->secrets, &sb) == 0;
	secpath = site_secrets ? cfg->secrets : c.secrets;
	if (!site_secrets && stat(c.secrets, &sb) != 0) {
		fprintf(stderr, "bpadm: restore: ingen hemmelighetsfil: legg sikkerhetskopien av "
		    "den i %s (modus 0600) eller i %s; ingenting er skrevet\n", cfg->secrets,
		    c.secrets);
		return 1;
	}
	if (load_secrets("restore", secpath, &sec) != 0)
		return 1;
	if (check_copy("restore", &c, &sec, secpath) != 0) {
		secrets_wipe(&sec);
		return 1;
	}
	/* -- from here on, writing ------------------------------------------------------ */
	if (stat(cfg->store, &sb) == 0) {
		uid = sb.st_uid, gid = sb.st_gid;
		chown_to = geteuid() == 0;	/* as root: the owner the programs run as */
	} else if (mkdir(cfg->store, 0700) != 0) {
		fprintf(stderr, "bpadm: restore: %s: %s\n", cfg->store, strerror(errno));
		secrets_wipe(&sec);
		return 1;
	}
	if (!site_secrets && ((rc = copy_small(c.secrets, cfg->secrets)) != 0 ||
	    (chown_to && chown(cfg->secrets, uid, gid) != 0))) {
		fprintf(stderr, "bpadm: restore: kan ikke skrive %s\n", cfg->secrets);
		secrets_wipe(&sec);
		return 1;
	}
	if ((rc = put_copy(cfg, &c, uid, gid, chown_to)) != 0) {
		fprintf(stderr, "bpadm: restore: kopien kan ikke legges i %s: %s\n", cfg->store,
		    bp_strerror(rc));
		secrets_wipe(&sec);
		return 1;
	}
	/* opened as the programs open it (an older format is upgraded), then read through */
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		secrets_wipe(&sec);
		fail("restore", "det gjenopprettede lageret kan ikke åpnes (se meldingen over)");
		return 1;
	}
	rc = backup_verify(st, &sec, entries, &f);
	store_close(st);
	secrets_wipe(&sec);
	if (rc != 0) {
		print_fault("restore", &f);
		return 1;
	}
	printf("Gjenopprettet fra %s til %s: %zu kartlegginger, %zu kontoer, %zu rader i "
	    "registeret\n", c.dir, cfg->store, entries[DB_SURVEYS], entries[DB_ACCOUNTS],
	    entries[DB_REGISTRY]);
	if (!chown_to)
		printf("Gi %s og %s til brukeren CGI-programmene kjører som (chown).\n", cfg->store,
		    cfg->secrets);
	return 0;
}
