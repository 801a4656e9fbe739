/* backup.c: every record of a store read through (bpadm verify, and restore before it
 * writes), the manifest of a backup, the check value of the secrets. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "account.h"
#include "audit.h"
#include "backup.h"
#include "invite.h"
#include "pack.h"
#include "period.h"
#include "record.h"
#include "survey.h"

/* -- one check per kind of record ------------------------------------------------------ */

struct check {
	struct store_txn *txn;
	const struct secrets *sec;
	struct buf scratch;		/* owned: opened secrets (wiped) and unpacked rows */
	enum store_db db;		/* the database being read */
	size_t *entries;		/* records read per database */
	struct backup_fault *fault;
};

typedef int (*check_fn)(struct check *c, const unsigned char *k, size_t klen, const char *v,
    size_t vlen);

/* a value only read: settings and aggregates (DB_META), the by-change index's entries */
static int
check_read(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	(void)c, (void)k, (void)klen, (void)v, (void)vlen;
	return 0;
}

/* an index entry whose key is all it holds */
static int
check_empty(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	(void)c, (void)k, (void)klen, (void)v;
	return vlen == 0 ? 0 : BP_EXML;
}

/* times, counters, sessions, access-log lines: one line of UTF-8 text */
static int
check_text(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	(void)c, (void)k, (void)klen;
	return vlen > 0 && memchr(v, '\0', vlen) == NULL && memchr(v, '\n', vlen) == NULL &&
	    utf8_valid(v, vlen) ? 0 : BP_EXML;
}

/* an index to an account (e-post, ID-porten identity) */
static int
check_account_ref(struct check *c, const unsigned char *k, size_t klen, const char *v,
    size_t vlen)
{
	char id[ACCOUNT_ID_LEN + 1];

	(void)c, (void)k, (void)klen;
	if (vlen != ACCOUNT_ID_LEN)
		return BP_EXML;
	memcpy(id, v, vlen);
	id[vlen] = '\0';
	return account_id_form(id) ? 0 : BP_EXML;
}

/* a sealed TOTP secret (hex) opens with the data key under its account id */
static int
open_totp(struct check *c, const char *id, const char *sealed_hex)
{
	int rc;

	if (sealed_hex[0] == '\0')
		return 0;		/* none: ID-porten, or nothing staged */
	buf_reset(&c->scratch);
	rc = account_totp_open(c->sec, id, sealed_hex, &c->scratch);
	if (c->scratch.p)
		crypto_wipe(c->scratch.p, c->scratch.len);
	return rc;
}

static int
check_account(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	char id[ACCOUNT_ID_LEN + 1];
	struct account a;
	int rc;

	(void)v, (void)vlen;
	if (klen != ACCOUNT_ID_LEN)
		return BP_EXML;
	memcpy(id, k, klen);
	id[klen] = '\0';
	if ((rc = account_load(c->txn, id, &a)) != 0)
		return rc == BP_ENOENT ? BP_EXML : rc;
	rc = open_totp(c, a.id, a.totp);
	crypto_wipe(&a, sizeof(a));
	return rc;
}

/* a registration between its steps, or a reset link: XML, and its staged TOTP secret
 * sealed under the account id the record names (field idname) */
static int
check_staged(struct check *c, const char *v, size_t vlen, const char *idname)
{
	char id[ACCOUNT_ID_LEN + 1], totp[160];
	xmlDocPtr doc;
	int rc = BP_EXML;

	if ((doc = record_parse(v, vlen)) == NULL)
		return BP_EXML;
	if (record_get(doc, idname, id, sizeof(id)) == 0 &&
	    record_get(doc, "totp", totp, sizeof(totp)) == 0)
		rc = open_totp(c, id, totp);
	xmlFreeDoc(doc);
	return rc;
}

static int
check_pending(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	(void)k, (void)klen;
	return check_staged(c, v, vlen, "id");
}

static int
check_reset(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	(void)k, (void)klen;
	return check_staged(c, v, vlen, "account");
}

static int
check_invite(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	struct invite inv;

	(void)c, (void)k, (void)klen;
	return invite_parse(v, vlen, &inv);
}

static int
check_audit(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	struct audit_line l;

	if (check_text(c, k, klen, v, vlen) != 0)
		return BP_EXML;
	buf_reset(&c->scratch);
	buf_add(&c->scratch, v, vlen);
	if (c->scratch.err)
		return c->scratch.err;
	return audit_split(c->scratch.p, &l) == 0 ? 0 : BP_EXML;
}

static int
check_survey(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	char owner[ACCOUNT_ID_LEN + 1];
	xmlDocPtr doc = NULL;
	int rc;

	(void)v, (void)vlen;
	if (klen != SURVEY_KEY_LEN)
		return BP_EXML;
	if ((rc = survey_open(c->txn, c->sec, k, owner, &doc)) == 0)
		xmlFreeDoc(doc);
	return rc == BP_ENOENT ? BP_EXML : rc;
}

/* the owner index: owner id || survey key -> list facts with the number sealed apart */
static int
check_owner(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	char owner[ACCOUNT_ID_LEN + 1];
	struct survey_facts f;
	int rc;

	(void)v, (void)vlen;
	if (klen != ACCOUNT_ID_LEN + SURVEY_KEY_LEN)
		return BP_EXML;
	memcpy(owner, k, ACCOUNT_ID_LEN);
	owner[ACCOUNT_ID_LEN] = '\0';
	rc = survey_facts(c->txn, c->sec, owner, k + ACCOUNT_ID_LEN, &f);
	crypto_wipe(f.fnr, sizeof(f.fnr));
	return rc == BP_ENOENT ? BP_EXML : rc;
}

static int
check_survey_log(struct check *c, const unsigned char *k, size_t klen, const char *v,
    size_t vlen)
{
	struct survey_log_line l;

	(void)c, (void)k, (void)klen;
	return survey_log_parse(v, vlen, &l);
}

static int
check_survey_id(struct check *c, const unsigned char *k, size_t klen, const char *v,
    size_t vlen)
{
	(void)c, (void)k, (void)v;
	return klen == SURVEY_ID_BYTES && vlen == SURVEY_KEY_LEN ? 0 : BP_EXML;
}

static int
check_period(struct check *c, const unsigned char *k, size_t klen, const char *v, size_t vlen)
{
	struct period p;

	(void)c, (void)k, (void)klen;
	return period_decode(v, vlen, &p);
}

/* a registry row: deflated XML (pack.h) */
static int
check_registry(struct check *c, const unsigned char *k, size_t klen, const char *v,
    size_t vlen)
{
	const char *xml;
	xmlDocPtr doc;
	size_t len;
	int rc;

	(void)k, (void)klen;
	if ((rc = pack_xml(v, vlen, &c->scratch, &xml, &len)) != 0)
		return rc;
	if ((doc = record_parse(xml, len)) == NULL)
		return BP_EXML;
	xmlFreeDoc(doc);
	return 0;
}

static const check_fn checks[DB__MAX] = {
	[DB_META] = check_read,
	[DB_ACCOUNTS] = check_account,
	[DB_EMAILS] = check_account_ref,
	[DB_SESSIONS] = check_text,
	[DB_INVITES] = check_invite,
	[DB_PENDING] = check_pending,
	[DB_THROTTLE] = check_text,
	[DB_AUDIT] = check_audit,
	[DB_IDENTITIES] = check_account_ref,
	[DB_SCOPES] = check_empty,
	[DB_BLOCKED] = check_text,
	[DB_SURVEYS] = check_survey,
	[DB_OWNERS] = check_owner,
	[DB_SURVEY_LOG] = check_survey_log,
	[DB_SURVEY_IDS] = check_survey_id,
	[DB_RESERVATIONS] = check_text,
	[DB_PERIODS] = check_period,
	[DB_REGISTRY] = check_registry,
	[DB_CHANGED] = check_read,
	[DB_ACCESS_LOG] = check_text,
	[DB_ACCOUNT_SESSIONS] = check_empty,
	[DB_RESETS] = check_reset,
};

static void
key_hash(const void *k, size_t klen, char out[BACKUP_KEYHASH_LEN + 1])
{
	unsigned char h[CRYPTO_HASH_LEN];

	if (crypto_sha256(k, klen, h) != 0)
		memset(h, 0, sizeof(h));
	hex_encode(h, BACKUP_KEYHASH_LEN / 2, out);
}

static int
check_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct check *c = arg;
	int rc;

	c->entries[c->db]++;
	if ((rc = checks[c->db](c, k, klen, v, vlen)) == 0)
		return 0;
	c->fault->db = c->db;
	c->fault->rc = rc;
	key_hash(k, klen, c->fault->keyhash);
	return rc < 0 ? rc : BP_EXML;
}

/* one read transaction over every database: the counts are of one moment */
static int
verify_all(struct store_txn *txn, void *arg)
{
	struct check *c = arg;
	int rc, i;

	c->txn = txn;
	for (i = 0; i < DB__MAX; i++) {
		c->db = (enum store_db)i;
		if ((rc = store_scan(txn, c->db, NULL, 0, 0, check_one, c)) != 0) {
			if (c->fault->keyhash[0] == '\0') {	/* the store itself failed */
				c->fault->db = c->db;
				c->fault->rc = rc;
			}
			return rc;
		}
	}
	return 0;
}

int
backup_verify(struct store *st, const struct secrets *sec, size_t entries[DB__MAX],
    struct backup_fault *fault)
{
	struct check c = { NULL, sec, { 0 }, DB_META, entries, fault };
	int rc;

	memset(entries, 0, DB__MAX * sizeof(entries[0]));
	memset(fault, 0, sizeof(*fault));
	rc = store_read(st, verify_all, &c);
	if (c.scratch.p)
		crypto_wipe(c.scratch.p, c.scratch.cap);
	buf_free(&c.scratch);
	return rc;
}

/* -- the secrets' check value, a file's checksum ------------------------------------------ */

int
backup_secrets_check(const struct secrets *sec, char hex[2 * CRYPTO_HASH_LEN + 1])
{
	unsigned char mac[CRYPTO_HASH_LEN];
	int rc;

	if ((rc = crypto_hmac(sec->site, sec->data, sizeof(sec->data), sec->registry,
	    sizeof(sec->registry), mac)) != 0)
		return rc;
	hex_encode(mac, sizeof(mac), hex);
	return 0;
}

int
backup_file_sha256(const char *path, char hex[2 * CRYPTO_HASH_LEN + 1],
    unsigned long long *size)
{
	unsigned char h[CRYPTO_HASH_LEN];
	struct stat sb;
	void *map = NULL;
	int fd, rc = BP_EIO;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? BP_ENOENT : BP_EIO;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size <= 0)
		goto out;
	/* a store file is read once, front to back: mapped, it needs no buffer of its size */
	if ((map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		map = NULL;
		goto out;
	}
	(void)madvise(map, (size_t)sb.st_size, MADV_SEQUENTIAL);
	if ((rc = crypto_sha256(map, (size_t)sb.st_size, h)) != 0)
		goto out;
	hex_encode(h, sizeof(h), hex);
	*size = (unsigned long long)sb.st_size;
out:
	if (map)
		munmap(map, (size_t)sb.st_size);
	close(fd);
	return rc;
}

/* -- the manifest ---------------------------------------------------------------------- */

int
backup_manifest_text(const struct backup_manifest *m, struct buf *out)
{
	char when[32];
	struct tm tm;
	time_t t = (time_t)m->time;
	int i;

	if (gmtime_r(&t, &tm) == NULL || strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return BP_EINVAL;
	buf_printf(out, "brukerplan-backup %d\ntime %s\nformat %d\n%s %llu %s\nsecrets-check %s\n",
	    BACKUP_VERSION, when, m->format, BACKUP_DATA, m->bytes, m->sha256, m->secrets_check);
	for (i = 0; i < DB__MAX; i++)
		buf_printf(out, "count %s %zu\n", store_db_names[i], m->entries[i]);
	return out->err;
}

int
backup_manifest_write(const char *path, const struct backup_manifest *m)
{
	char tmp[PATH_MAX];
	struct buf b = { 0 };
	int fd, rc;
	ssize_t n;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return BP_ETOOBIG;
	if ((rc = backup_manifest_text(m, &b)) != 0) {
		buf_free(&b);
		return rc;
	}
	rc = BP_EIO;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		buf_free(&b);
		return errno == EEXIST ? BP_EEXIST : BP_EIO;
	}
	n = write(fd, b.p, b.len);
	if (n == (ssize_t)b.len && fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		rc = rename(tmp, path) == 0 ? 0 : BP_EIO;
	}
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	buf_free(&b);
	return rc;
}

static int
hex64(const char *s)
{
	return strlen(s) == 2 * CRYPTO_HASH_LEN && strspn(s, "0123456789abcdef") == strlen(s);
}

/* one line of the manifest into m; 0 or BP_EXML. *seen has a bit per kind of line met,
 * have[] the databases counted: each at most once */
static int
manifest_line(char *line, struct backup_manifest *m, unsigned *seen,
    unsigned char have[DB__MAX])
{
	static const char *const names[] = {
		"brukerplan-backup", "time", "format", BACKUP_DATA, "secrets-check", "count"
	};
	char name[32], a[80], b[80], extra[2];
	struct tm tm;
	long long v;
	int n, kind, i;

	n = sscanf(line, "%31s %79s %79s %1s", name, a, b, extra);
	if (n < 2 || n > 3 || (kind = str_index(names, 6, name)) < 0)
		return BP_EXML;
	if (kind < 5 && (*seen & (1u << kind)))
		return BP_EXML;		/* twice */
	*seen |= kind < 5 ? 1u << kind : 0;
	switch (kind) {
	case 0:
		return n == 2 && str_to_ll(a, 1, BACKUP_VERSION, &v) == 0 ? 0 : BP_EXML;
	case 1:
		memset(&tm, 0, sizeof(tm));
		/* four-digit years only: what strftime writes back is the same text */
		if (n != 2 || strlen(a) != 20 || strptime(a, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL ||
		    tm.tm_year < 2000 - 1900)
			return BP_EXML;
		m->time = (long long)timegm(&tm);
		return 0;
	case 2:
		if (n != 2 || str_to_ll(a, 1, 9999, &v) != 0)
			return BP_EXML;
		m->format = (int)v;
		return 0;
	case 3:
		if (n != 3 || str_to_ll(a, 1, 1LL << 50, &v) != 0 || !hex64(b))
			return BP_EXML;
		m->bytes = (unsigned long long)v;
		memcpy(m->sha256, b, sizeof(m->sha256));
		return 0;
	case 4:
		if (n != 2 || !hex64(a))
			return BP_EXML;
		memcpy(m->secrets_check, a, sizeof(m->secrets_check));
		return 0;
	case 5:
		if (n != 3 || (i = str_index(store_db_names, DB__MAX, a)) < 0 || have[i] ||
		    str_to_ll(b, 0, 1LL << 50, &v) != 0)
			return BP_EXML;
		m->entries[i] = (size_t)v;
		have[i] = 1;
		return 0;
	default:
		abort();
	}
}

int
backup_manifest_parse(const char *text, size_t len, struct backup_manifest *m, char *err,
    size_t errlen)
{
	unsigned char have[DB__MAX] = { 0 };
	char *copy, *line, *save = NULL;
	unsigned seen = 0;
	int rc = 0, lineno = 0;

	memset(m, 0, sizeof(*m));
	snprintf(err, errlen, "%s", "");
	if (len > BACKUP_MANIFEST_MAX || memchr(text, '\0', len) != NULL) {
		snprintf(err, errlen, "%s", "ikke tekst");
		return BP_EXML;
	}
	if ((copy = malloc(len + 1)) == NULL)
		return BP_ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if ((rc = manifest_line(line, m, &seen, have)) != 0) {
			snprintf(err, errlen, "linje %d", lineno);
			break;
		}
	}
	free(copy);
	if (rc == 0 && (seen != 31 || memchr(have, 0, sizeof(have)) != NULL)) {
		snprintf(err, errlen, "%s", "ufullstendig");
		rc = BP_EXML;
	}
	return rc;
}

int
backup_manifest_read(const char *path, struct backup_manifest *m, char *err, size_t errlen)
{
	char *text;
	size_t len;
	int rc;

	memset(m, 0, sizeof(*m));
	snprintf(err, errlen, "%s", "");
	if ((rc = file_read(path, BACKUP_MANIFEST_MAX, &text, &len)) != 0)
		return rc == BP_ENOENT ? BP_ENOENT : BP_EXML;
	rc = backup_manifest_parse(text, len, m, err, errlen);
	free(text);
	return rc;
}
