/* test_survey.c: survey storage (survey.c) in a real store: sealed records with the
 * number inside only, duplicates that name the owner, optimistic concurrency, lists
 * without opening records, page ids, hand-over, tampering, and removal (logged). */
#include "unit.h"

#include <libxml/parser.h>
#include <lmdb.h>

#include "account.h"
#include "crypto.h"
#include "pack.h"
#include "secrets.h"
#include "survey.h"

#include "survey_fixture.h"


struct seen {
	int n;
	char fnr[12];
	long errors;
	long long version;
	char id[SURVEY_ID_LEN + 1];
};

static int
list_one(const struct survey_facts *f, void *arg)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->fnr, sizeof(s->fnr), "%s", f->fnr);
	s->errors = f->errors;
	s->version = f->version;
	snprintf(s->id, sizeof(s->id), "%s", f->id);
	return 0;
}

struct list_arg {
	const char *owner;
	int year;
	struct seen seen;
};

static int
do_list(struct store_txn *txn, void *arg)
{
	struct list_arg *l = arg;

	memset(&l->seen, 0, sizeof(l->seen));
	return survey_list(txn, &sec, l->owner, l->year, list_one, &l->seen);
}

static void
test_lifecycle(void **state)
{
	struct fix *f = *state;
	struct op o;
	struct list_arg l = { OWNER_A, 2026, { 0, "", 0, 0, "" } };

	memset(&o, 0, sizeof(o));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	{
		char kommune[5];

		survey_key_kommune(o.key, kommune);
		assert_string_equal(kommune, "1103");
		assert_int_equal(survey_key_year(o.key), 2026);
	}
	o.owner = OWNER_A;
	o.kategori = "rus";
	o.facts.errors = 3;
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	assert_int_equal(o.facts.version, 1);
	/* the same person in the same kommune and year: refused, naming the owner */
	o.owner = OWNER_B;
	assert_int_equal(store_write(f->st, do_create, &o), BP_EEXIST);
	assert_string_equal(o.existing, OWNER_A);
	/* read back */
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.got_owner, OWNER_A);
	assert_string_equal(o.got_kategori, "rus");
	/* the list: facts and the number, without opening the record */
	assert_int_equal(store_read(f->st, do_list, &l), 0);
	assert_int_equal(l.seen.n, 1);
	assert_string_equal(l.seen.fnr, FNR);
	assert_int_equal(l.seen.errors, 3);
	l.year = 2025;
	assert_int_equal(store_read(f->st, do_list, &l), 0);
	assert_int_equal(l.seen.n, 0);
	/* save at version 1: ok, now 2; a second save from the same old form: stale */
	o.owner = OWNER_A;
	o.kategori = "psyk";
	o.facts.version = 1;
	assert_int_equal(store_write(f->st, do_save, &o), 0);
	assert_int_equal(o.facts.version, 2);
	o.kategori = "begge";
	o.facts.version = 1;
	assert_int_equal(store_write(f->st, do_save, &o), BP_ESTALE);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "psyk");	/* nothing was overwritten */
	/* another owner cannot save it */
	o.owner = OWNER_B;
	o.facts.version = 2;
	assert_int_equal(store_write(f->st, do_save, &o), BP_ENOENT);
}

struct raw {
	unsigned char key[SURVEY_KEY_LEN];
	int found_digits;
	int flip;
};

static int
inspect(struct store_txn *txn, void *arg)
{
	struct raw *r = arg;
	const void *v;
	size_t vlen;
	unsigned char *copy;
	int rc;

	if ((rc = store_get(txn, DB_SURVEYS, r->key, SURVEY_KEY_LEN, &v, &vlen)) != 0)
		return rc;
	r->found_digits = memmem(v, vlen, FNR, 11) != NULL || memmem(v, vlen, "kategori", 8) != NULL;
	if (!r->flip)
		return 0;
	assert_non_null(copy = malloc(vlen));
	memcpy(copy, v, vlen);
	copy[vlen - 20] ^= 1;	/* a bit of the ciphertext */
	rc = store_put(txn, DB_SURVEYS, r->key, SURVEY_KEY_LEN, copy, vlen);
	free(copy);
	return rc;
}

/* a survey of OWNER_A with kategori made in the store, o and r naming it */
static void
made(struct fix *f, const char *kategori, struct op *o, struct raw *r)
{
	memset(o, 0, sizeof(*o));
	memset(r, 0, sizeof(*r));
	assert_int_equal(survey_key(&sec, "0301", 2026, FNR, o->key), 0);
	memcpy(r->key, o->key, sizeof(r->key));
	o->owner = OWNER_A;
	o->kategori = kategori;
	assert_int_equal(store_write(f->st, do_create, o), 0);
}

static void
test_sealed_and_tampered(void **state)
{
	struct fix *f = *state;
	struct op o;
	struct raw r;

	made(f, "rus", &o, &r);
	assert_int_equal(store_read(f->st, inspect, &r), 0);
	assert_false(r.found_digits);		/* neither the number nor answers in clear */
	r.flip = 1;
	assert_int_equal(store_write(f->st, inspect, &r), 0);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_int_equal(o.rc, BP_ECRYPTO);
}

/* A record as stored before records were deflated (pack.h): the same value with the
 * sealed part holding plain XML. */
static int
unpack_stored(struct store_txn *txn, void *arg)
{
	struct raw *r = arg;
	const size_t head = ACCOUNT_ID_LEN + SURVEY_ID_BYTES;
	struct buf opened = { 0 }, unpacked = { 0 }, plain = { 0 };
	const char *xml;
	const void *v;
	size_t vlen, len;
	int rc;

	if ((rc = store_get(txn, DB_SURVEYS, r->key, SURVEY_KEY_LEN, &v, &vlen)) != 0)
		return rc;
	assert_int_equal(crypto_open(sec.data, r->key, SURVEY_KEY_LEN, (const char *)v + head,
	    vlen - head, &opened), 0);
	assert_int_equal((unsigned char)opened.p[0], 0x78);	/* stored deflated */
	assert_int_equal(pack_xml(opened.p, opened.len, &unpacked, &xml, &len), 0);
	buf_add(&plain, v, head);
	assert_int_equal(crypto_seal(sec.data, r->key, SURVEY_KEY_LEN, xml, len, &plain), 0);
	rc = store_put(txn, DB_SURVEYS, r->key, SURVEY_KEY_LEN, plain.p, plain.len);
	buf_free(&opened);
	buf_free(&unpacked);
	buf_free(&plain);
	return rc;
}

static void
test_plain_record_read(void **state)
{
	struct fix *f = *state;
	struct op o;
	struct raw r;

	made(f, "psyk", &o, &r);
	assert_int_equal(store_write(f->st, unpack_stored, &r), 0);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_int_equal(o.rc, 0);
	assert_string_equal(o.got_kategori, "psyk");
	assert_string_equal(o.got_owner, OWNER_A);
}


struct log_count {
	unsigned char key[SURVEY_KEY_LEN];
	int n;
};

static int
count_line(const char *line, size_t len, void *arg)
{
	(void)line;
	(void)len;
	((struct log_count *)arg)->n++;
	return 0;
}

static int
do_log_count(struct store_txn *txn, void *arg)
{
	struct log_count *c = arg;

	int rc;

	c->n = 0;
	rc = survey_log_list(txn, c->key, count_line, c);
	if (rc == BP_ENOENT)		/* no such survey: no log to show */
		c->n = -1;
	return rc == BP_ENOENT ? 0 : rc;
}

/* the kommune's logs (the kommunekontakt's view): lines of one page id, the last one */
struct log_scan {
	const char *kommune;
	int year;
	const char *id;
	int n, other;
	char last[256];
	unsigned long long order;	/* of the last line of id: each later than the one before */
	int unordered;
};

static int
scan_line(const char *id, unsigned long long order, const char *line, size_t len, void *arg)
{
	struct log_scan *s = arg;

	if (strcmp(id, s->id) != 0) {
		s->other++;
		return 0;
	}
	s->n++;
	if (order <= s->order)
		s->unordered++;
	s->order = order;
	snprintf(s->last, sizeof(s->last), "%.*s", (int)len, line);
	return 0;
}

static int
do_log_scan(struct store_txn *txn, void *arg)
{
	struct log_scan *s = arg;

	s->n = s->other = s->unordered = 0;
	s->order = 0;
	s->last[0] = '\0';
	return survey_log_scan(txn, s->kommune, s->year, scan_line, s);
}

struct find_arg {
	char id[SURVEY_ID_LEN + 1];
	unsigned char key[SURVEY_KEY_LEN];
	int rc;
};

static int
do_find(struct store_txn *txn, void *arg)
{
	struct find_arg *a = arg;

	a->rc = survey_find(txn, a->id, a->key);
	return 0;
}

static void
test_handover_and_remove(void **state)
{
	struct fix *f = *state;
	struct handover_arg h = { person(OWNER_A, "I1"), person(OWNER_B, "I1"), 0 };
	struct list_arg l = { OWNER_B, 0, { 0, "", 0, 0, "" } };
	struct log_count lc;
	struct op o;

	memset(&o, 0, sizeof(o));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	o.owner = OWNER_A;
	o.kategori = "rus";
	o.facts.errors = 2;
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	assert_int_equal(store_write(f->st, do_handover, &h), 0);
	assert_int_equal(h.moved, 1);
	assert_int_equal(store_read(f->st, do_list, &l), 0);
	assert_int_equal(l.seen.n, 1);
	assert_int_equal(l.seen.errors, 2);		/* the facts moved too */
	assert_string_equal(l.seen.fnr, FNR);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_int_equal(o.rc, 0);			/* still opens: the sealed part is untouched */
	assert_string_equal(o.got_owner, OWNER_B);
	memcpy(lc.key, o.key, sizeof(lc.key));
	assert_int_equal(store_read(f->st, do_log_count, &lc), 0);
	assert_int_equal(lc.n, 1);			/* "overført fra ... til ..." */
	/* the page id finds the key; the list's facts carry it */
	{
		struct find_arg fa;

		assert_int_equal((int)strlen(o.facts.id), SURVEY_ID_LEN);
		assert_string_equal(l.seen.id, o.facts.id);
		strcpy(fa.id, o.facts.id);
		assert_int_equal(store_read(f->st, do_find, &fa), 0);
		assert_int_equal(fa.rc, 0);
		assert_memory_equal(fa.key, o.key, SURVEY_KEY_LEN);
		fa.id[0] = fa.id[0] == 'a' ? 'b' : 'a';
		assert_int_equal(store_read(f->st, do_find, &fa), 0);
		assert_int_equal(fa.rc, BP_ENOENT);
		strcpy(fa.id, o.facts.id);
		fa.id[0] = fa.id[0] >= 'a' ? (char)(fa.id[0] - 32) : fa.id[0] == '9' ? 'A' : fa.id[0];
		if (fa.id[0] >= 'A' && fa.id[0] <= 'F') {	/* one spelling only */
			assert_int_equal(store_read(f->st, do_find, &fa), 0);
			assert_int_equal(fa.rc, BP_EINVAL);
		}
		strcpy(fa.id, "not-hex-not-hex-not-hex-not-hex!");
		assert_int_equal(store_read(f->st, do_find, &fa), 0);
		assert_int_equal(fa.rc, BP_EINVAL);
	}
	/* removal takes the record, its index entry and its page id; the log says so */
	o.owner = OWNER_B;
	assert_int_equal(store_write(f->st, do_remove, &o), 0);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_int_equal(o.rc, BP_ENOENT);
	assert_int_equal(store_read(f->st, do_list, &l), 0);
	assert_int_equal(l.seen.n, 0);
	assert_int_equal(store_read(f->st, do_log_count, &lc), 0);
	/* its log stays under the old page id, which nothing leads to any more */
	assert_int_equal(store_read(f->st, do_log_count, &lc), 0);
	assert_int_equal(lc.n, -1);
	/* but the kommune's logs still show it, "slettet" last; another kommune or year none */
	{
		struct log_scan ls = { "1103", 2026, o.facts.id, 0, 0, "", 0, 0 };
		const char *tab;

		assert_int_equal(store_read(f->st, do_log_scan, &ls), 0);
		assert_int_equal(ls.n, 2);		/* overført, slettet */
		assert_int_equal(ls.unordered, 0);	/* each written after the one before */
		assert_true(ls.order > 1700000000ULL * 1000000);	/* microseconds of the wall clock */
		tab = strrchr(ls.last, '\t');
		assert_non_null(tab);
		assert_string_equal(tab + 1, "slettet");
		ls.kommune = "1101";
		assert_int_equal(store_read(f->st, do_log_scan, &ls), 0);
		assert_int_equal(ls.n + ls.other, 0);
		ls.kommune = "1103";
		ls.year = 2025;
		assert_int_equal(store_read(f->st, do_log_scan, &ls), 0);
		assert_int_equal(ls.n + ls.other, 0);
		ls.kommune = "110";
		assert_int_equal(store_read(f->st, do_log_scan, &ls), BP_EINVAL);
	}
	{
		struct find_arg fa;
		char old_id[SURVEY_ID_LEN + 1];

		strcpy(fa.id, o.facts.id);
		strcpy(old_id, o.facts.id);
		assert_int_equal(store_read(f->st, do_find, &fa), 0);
		assert_int_equal(fa.rc, BP_ENOENT);
		/* surveyed again: a new page id, and a log of its own, empty */
		o.owner = OWNER_A;
		assert_int_equal(store_write(f->st, do_create, &o), 0);
		assert_string_not_equal(o.facts.id, old_id);
		assert_int_equal(store_read(f->st, do_log_count, &lc), 0);
		assert_int_equal(lc.n, 0);
	}
}

static void
test_log_parse(void **state)
{
	struct survey_log_line ln;
	static const char *const bad[] = {
		"", "1700000000", "1700000000\tacct", "x\tacct\tlagret",
		"-1\tacct\tlagret", "12345678901234567890123\tacct\tlagret",
	};
	size_t i;

	(void)state;
	assert_int_equal(survey_log_parse("1700000000\t" OWNER_A "\tlagret a b",
	    strlen("1700000000\t" OWNER_A "\tlagret a b"), &ln), 0);
	assert_int_equal(ln.time, 1700000000);
	assert_string_equal(ln.account, OWNER_A);
	assert_string_equal(ln.action, "lagret");
	assert_string_equal(ln.ids, "a b");
	assert_string_equal(ln.name, "lagret");
	assert_int_equal(survey_log_parse("1\tbpadm\trettet c", strlen("1\tbpadm\trettet c"), &ln), 0);
	assert_string_equal(ln.action, "rettet");
	assert_string_equal(ln.ids, "c");
	assert_string_equal(ln.name, "rettet etter krav fra bruker");
	assert_int_equal(survey_log_parse("1\tbpadm\tlagret", strlen("1\tbpadm\tlagret"), &ln), 0);
	assert_null(ln.ids);
	assert_int_equal(survey_log_parse("1\tbpadm\tlagretx y", strlen("1\tbpadm\tlagretx y"), &ln), 0);
	assert_string_equal(ln.action, "lagretx y");
	assert_null(ln.ids);
	assert_int_equal(survey_log_parse("1\tbpadm\tslettet", strlen("1\tbpadm\tslettet"), &ln), 0);
	assert_string_equal(ln.name, "slettet");
	/* a tab in the action stays in it; the length given is what counts */
	assert_int_equal(survey_log_parse("1\tbpadm\tx\ty", 11, &ln), 0);
	assert_string_equal(ln.action, "x\ty");
	assert_int_equal(survey_log_parse("1\tbpadm\tx\ty", 9, &ln), 0);
	assert_string_equal(ln.action, "x");
	for (i = 0; i < UNIT_N(bad); i++)
		assert_int_equal(survey_log_parse(bad[i], strlen(bad[i]), &ln), BP_EXML);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_parse),
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_sealed_and_tampered, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_plain_record_read, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_handover_and_remove, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("survey", tests, NULL, NULL);
}
