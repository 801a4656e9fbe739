/* test_backup: the core of bpadm backup, restore and verify (backup.h) and the store's
 * format version (store.h): the manifest written and read back, malformed manifests
 * refused; the secrets' check value; a copy opened read only; a store without a version
 * record upgraded, a newer one refused by store_open and store_open_readonly; verify
 * counting records and naming a survey that does not open with other keys. */
#include "unit.h"

#include "backup.h"
#include "record.h"
#include "secrets.h"
#include "survey.h"

#define MAP (8u << 20)

static int
setup(void **state)
{
	return fix_setup(state, "manifest", MAP);
}

static struct backup_manifest
sample(void)
{
	struct backup_manifest m;
	int i;

	memset(&m, 0, sizeof(m));
	m.time = 1796000000;
	m.format = STORE_FORMAT;
	m.bytes = 123456;
	memset(m.sha256, 'a', 64);
	memset(m.secrets_check, '0', 64);
	for (i = 0; i < DB__MAX; i++)
		m.entries[i] = (size_t)i * 7;
	return m;
}

static void
test_manifest_roundtrip(void **state)
{
	struct fix *f = *state;
	struct backup_manifest m = sample(), back;
	char err[64];

	assert_int_equal(backup_manifest_write(f->path, &m), 0);
	assert_int_equal(backup_manifest_read(f->path, &back, err, sizeof(err)), 0);
	assert_memory_equal(&m, &back, sizeof(m));
	/* through a temporary file, renamed into place */
	{
		char tmp[160];

		snprintf(tmp, sizeof(tmp), "%s.tmp", f->path);
		assert_false(file_exists(tmp));
	}
}

static void
test_manifest_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"brukerplan-backup 2\n",				/* a later layout */
		"time 2026-12-06T02:15:00Z\n",				/* no header, no counts */
		"brukerplan-backup 1\ntime yesterday\n",
		"brukerplan-backup 1\nformat 0\n",
		"brukerplan-backup 1\ndata.mdb 12 ABCDEF\n",		/* not 64 lower hex */
		"brukerplan-backup 1\ncount nosuchdb 1\n",
		"brukerplan-backup 1\ncount surveys -1\n",
		"brukerplan-backup 1\nrm -rf /\n",
		"brukerplan-backup 1 extra words\n",
	};
	struct fix *f = *state;
	struct backup_manifest m;
	char err[64];
	size_t i;

	assert_int_equal(backup_manifest_read(f->path, &m, err, sizeof(err)), BP_ENOENT);
	for (i = 0; i < UNIT_N(bad); i++) {
		file_write(f->path, bad[i], strlen(bad[i]), 0600);
		assert_int_equal(backup_manifest_read(f->path, &m, err, sizeof(err)), BP_EXML);
		assert_true(err[0] != '\0' || bad[i][0] == '\0');
	}
	/* a good manifest without one of its counts is incomplete */
	m = sample();
	unlink(f->path);
	assert_int_equal(backup_manifest_write(f->path, &m), 0);
	{
		char *text;
		size_t len;

		assert_int_equal(file_read(f->path, 65536, &text, &len), 0);
		*strrchr(text, 'c') = '\0';	/* the last "count" line cut */
		file_write(f->path, text, strlen(text), 0600);
		free(text);
	}
	assert_int_equal(backup_manifest_read(f->path, &m, err, sizeof(err)), BP_EXML);
	assert_string_equal(err, "ufullstendig");
	/* a line twice, or one database counted twice in place of another */
	{
		struct backup_manifest good = sample();
		struct buf b = { 0 };
		char *at;

		assert_int_equal(backup_manifest_text(&good, &b), 0);
		assert_int_equal(backup_manifest_parse(b.p, b.len, &m, err, sizeof(err)), 0);
		assert_memory_equal(&m, &good, sizeof(m));
		buf_puts(&b, "format 1\n");
		assert_int_equal(backup_manifest_parse(b.p, b.len, &m, err, sizeof(err)), BP_EXML);
		buf_reset(&b);
		assert_int_equal(backup_manifest_text(&good, &b), 0);
		{
			struct buf twice = { 0 };

			/* meta's line replaced by a second count of resets */
			at = strstr(b.p, "count meta 0\n");
			assert_non_null(at);
			buf_add(&twice, b.p, (size_t)(at - b.p));
			buf_puts(&twice, "count resets 147\n");
			buf_puts(&twice, at + strlen("count meta 0\n"));
			assert_int_equal(backup_manifest_parse(twice.p, twice.len, &m, err,
			    sizeof(err)), BP_EXML);
			assert_string_equal(err, "linje 27");	/* the second count of resets */
			buf_free(&twice);
		}
		/* no NUL inside */
		buf_reset(&b);
		assert_int_equal(backup_manifest_text(&good, &b), 0);
		b.p[3] = '\0';
		assert_int_equal(backup_manifest_parse(b.p, b.len, &m, err, sizeof(err)), BP_EXML);
		buf_free(&b);
	}
}

static void
test_secrets_check(void **state)
{
	struct secrets a, b;
	char ha[65], hb[65], ha2[65];

	(void)state;
	memset(&a, 1, sizeof(a));
	memcpy(&b, &a, sizeof(b));
	b.registry[31] ^= 1;		/* one bit of one key */
	assert_int_equal(backup_secrets_check(&a, ha), 0);
	assert_int_equal(backup_secrets_check(&a, ha2), 0);
	assert_int_equal(backup_secrets_check(&b, hb), 0);
	assert_string_equal(ha, ha2);
	assert_string_not_equal(ha, hb);
	assert_int_equal(strlen(ha), 64);
}

static int
put_meta(struct store_txn *txn, void *arg)
{
	const char *v = arg;

	if (v == NULL)
		return store_del(txn, DB_META, "schema", 6);
	return store_put(txn, DB_META, "schema", 6, v, strlen(v));
}

static int
get_meta(struct store_txn *txn, void *arg)
{
	const void *v;
	size_t n;
	int rc;

	if ((rc = store_get(txn, DB_META, "schema", 6, &v, &n)) == 0)
		snprintf(arg, 16, "%.*s", (int)n, (const char *)v);
	return rc;
}

/* a store in dir whose version record says v: refused by every way of opening it, with
 * want */
static void
refused(const char *dir, const char *v, int want)
{
	struct store *st;

	assert_int_equal(store_open(dir, MAP, 1, &st), 0);
	assert_int_equal(store_write(st, put_meta, (void *)v), 0);
	store_close(st);
	st = (struct store *)1;
	assert_int_equal(store_open(dir, MAP, 0, &st), want);
	assert_null(st);
	st = (struct store *)1;
	assert_int_equal(store_open_readonly(dir, 0, &st), want);
	assert_null(st);
	st = (struct store *)1;
	assert_int_equal(store_open(dir, MAP, 1, &st), want);	/* bpadm init */
	assert_null(st);
}

static void
test_format(void **state)
{
	struct fix *f = *state;
	char v[16], dir[160];
	int format;

	/* made by store_open(create): no version until its maker writes one */
	assert_int_equal(store_format_of(f->st, &format), 0);
	assert_int_equal(format, 0);
	store_close(f->st);
	/* opened again: upgraded, the version recorded */
	assert_int_equal(store_open(f->dir, MAP, 0, &f->st), 0);
	assert_int_equal(store_read(f->st, get_meta, v), 0);
	assert_int_equal(strtol(v, NULL, 10), STORE_FORMAT);
	assert_int_equal(store_format_of(f->st, &format), 0);
	assert_int_equal(format, STORE_FORMAT);
	/* the same version again: nothing to do, still opens */
	store_close(f->st);
	assert_int_equal(store_open(f->dir, MAP, 0, &f->st), 0);
	store_close(f->st);
	f->st = NULL;
	/* newer than this program, and a version that is no number */
	snprintf(v, sizeof(v), "%d", STORE_FORMAT + 1);
	snprintf(dir, sizeof(dir), "%s/newer", f->dir);
	refused(dir, v, BP_ECONFIG);
	snprintf(dir, sizeof(dir), "%s/malformed", f->dir);
	refused(dir, "1x", BP_EXML);
}

static int
add_survey(struct store_txn *txn, void *arg)
{
	const struct secrets *sec = arg;
	unsigned char key[SURVEY_KEY_LEN];
	char existing[ACCOUNT_ID_LEN + 1];
	struct survey_facts facts;
	xmlDocPtr doc = record_new("kartlegging");
	int rc;

	memset(&facts, 0, sizeof(facts));
	if ((rc = survey_key(sec, "1103", 2026, "01010150000", key)) == 0)
		rc = survey_create(txn, sec, key, "0123456789abcdef0123456789abcdef", doc,
		    "01010150000", &facts, existing);
	xmlFreeDoc(doc);
	return rc;
}

static void
test_verify_and_copy(void **state)
{
	struct fix *f = *state;
	struct secrets sec, other;
	struct backup_fault fault;
	size_t entries[DB__MAX];
	struct store *copy;
	char path[160];

	memset(&sec, 3, sizeof(sec));
	memset(&other, 4, sizeof(other));
	assert_int_equal(store_write(f->st, add_survey, &sec), 0);
	assert_int_equal(backup_verify(f->st, &sec, entries, &fault), 0);
	assert_int_equal(entries[DB_SURVEYS], 1);
	assert_int_equal(entries[DB_OWNERS], 1);
	/* other keys: the survey is named by kind and key hash, and nothing else */
	assert_int_equal(backup_verify(f->st, &other, entries, &fault), BP_ECRYPTO);
	assert_int_equal(fault.db, DB_SURVEYS);
	assert_int_equal(strlen(fault.keyhash), BACKUP_KEYHASH_LEN);
	/* the copy: made once, refused over itself, opened read only as a file */
	snprintf(path, sizeof(path), "%s/copy", f->dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(store_copy(f->st, path, 1), 0);
	assert_int_equal(store_copy(f->st, path, 1), BP_EEXIST);
	snprintf(path, sizeof(path), "%s/copy/data.mdb", f->dir);
	assert_int_equal(store_open_readonly(path, 1, &copy), 0);
	assert_int_equal(backup_verify(copy, &sec, entries, &fault), 0);
	assert_int_equal(entries[DB_SURVEYS], 1);
	store_close(copy);
	snprintf(path, sizeof(path), "%s/copy/lock.mdb", f->dir);
	assert_false(file_exists(path));	/* nothing written beside a copy */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_manifest_roundtrip, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_manifest_malformed, setup, fix_teardown),
		cmocka_unit_test(test_secrets_check),
		cmocka_unit_test_setup_teardown(test_format, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_verify_and_copy, setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
