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

#define OWNER_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define OWNER_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FNR "01019000598"

static struct secrets sec;

static int
setup(void **state)
{
	memset(&sec, 0x5a, sizeof(sec));
	return fix_setup(state, NULL, 1024 * 1024);
}

static xmlDocPtr
rec(const char *kategori)
{
	char xml[256];

	snprintf(xml, sizeof(xml), "<kartlegging aar='2026' alder='36' kjonn='mann' fnr='%s'>"
	    "<kategori>%s</kategori></kartlegging>", FNR, kategori);
	return xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
}

struct op {
	unsigned char key[SURVEY_KEY_LEN];
	const char *owner;
	const char *kategori;
	struct survey_facts facts;
	char existing[ACCOUNT_ID_LEN + 1];
	char got_owner[ACCOUNT_ID_LEN + 1];
	char got_kategori[32];
	int rc;
};

static int
do_create(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = rec(o->kategori);

	o->rc = survey_create(txn, &sec, o->key, o->owner, d, FNR, &o->facts, o->existing);
	xmlFreeDoc(d);
	return o->rc;
}

static int
do_save(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = rec(o->kategori);

	o->rc = survey_save(txn, &sec, o->key, o->owner, d, FNR, &o->facts);
	xmlFreeDoc(d);
	return o->rc;
}

static int
do_open(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = NULL;
	xmlChar *k;

	o->got_kategori[0] = '\0';
	if ((o->rc = survey_open(txn, &sec, o->key, o->got_owner, &d)) != 0)
		return 0;
	k = xmlNodeGetContent(xmlDocGetRootElement(d)->children);
	snprintf(o->got_kategori, sizeof(o->got_kategori), "%s", (char *)k);
	xmlFree(k);
	xmlFreeDoc(d);
	return 0;
}

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

static struct account
person(const char *id, const char *instans)
{
	struct account a;

	memset(&a, 0, sizeof(a));
	snprintf(a.id, sizeof(a.id), "%s", id);
	snprintf(a.name, sizeof(a.name), "Person %c", id[0]);
	snprintf(a.instans, sizeof(a.instans), "%s", instans);
	return a;
}

struct handover_arg {
	struct account from, to;
	long moved;
};

static int
do_handover(struct store_txn *txn, void *arg)
{
	struct handover_arg *h = arg;

	return survey_handover(txn, &h->from, &h->to, &h->from, 1800000000, &h->moved);
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

static int
do_remove(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	return survey_remove(txn, o->key, o->owner, 1700000000, OWNER_B);
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

/* -- the owner index's facts, parsed by hand: every malformed value is BP_EXML ---------- */

struct facts_arg {
	unsigned char key[SURVEY_KEY_LEN];
	char value[512];		/* to put, or what was read */
	int sec;			/* open the number too */
	struct survey_facts facts;
	int rc, list_rc;
	int order_rc, ordered;		/* survey_order: how many it gave */
	unsigned char order_key[SURVEY_KEY_LEN];
	long long order_changed;
};

static int
index_key(unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN], const unsigned char *key)
{
	memcpy(ok, OWNER_A, ACCOUNT_ID_LEN);
	memcpy(ok + ACCOUNT_ID_LEN, key, SURVEY_KEY_LEN);
	return ACCOUNT_ID_LEN + SURVEY_KEY_LEN;
}

static int
get_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;
	unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN];
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = store_get(txn, DB_OWNERS, ok, (size_t)index_key(ok, a->key), &v, &vlen)) != 0)
		return rc;
	assert_true(vlen < sizeof(a->value));
	memcpy(a->value, v, vlen);
	a->value[vlen] = '\0';
	return 0;
}

static int
put_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;
	unsigned char ok[ACCOUNT_ID_LEN + SURVEY_KEY_LEN];

	return store_put(txn, DB_OWNERS, ok, (size_t)index_key(ok, a->key), a->value,
	    strlen(a->value));
}

static int
count_facts(const struct survey_facts *f, void *arg)
{
	(void)f;
	(void)arg;
	return 0;
}

static int
order_facts(const unsigned char key[SURVEY_KEY_LEN], long long changed, void *arg)
{
	struct facts_arg *a = arg;

	a->ordered++;
	memcpy(a->order_key, key, SURVEY_KEY_LEN);
	a->order_changed = changed;
	return 0;
}

static int
read_facts(struct store_txn *txn, void *arg)
{
	struct facts_arg *a = arg;

	a->rc = survey_facts(txn, a->sec ? &sec : NULL, OWNER_A, a->key, &a->facts);
	a->list_rc = survey_list(txn, a->sec ? &sec : NULL, OWNER_A, 0, count_facts, NULL);
	a->ordered = 0;
	a->order_rc = survey_order(txn, OWNER_A, 2026, order_facts, a);
	return 0;
}

/* value in the index: refused by survey_facts and survey_list alike (from sec_only on);
 * survey_order reads the by-change index, not the facts, and still gives the row (the list
 * then fails on its facts) */
static void
expect_bad(struct fix *f, struct facts_arg *a, int sec_only, int want)
{
	assert_int_equal(store_write(f->st, put_facts, a), 0);
	for (a->sec = sec_only; a->sec <= 1; a->sec++) {
		assert_int_equal(store_read(f->st, read_facts, a), 0);
		if (a->rc != want || a->list_rc != want)
			fail_msg("\"%s\" (sec %d): %d, list %d", a->value, a->sec, a->rc,
			    a->list_rc);
		if (a->order_rc != 0 || a->ordered != 1)
			fail_msg("\"%s\": order %d (%d)", a->value, a->order_rc, a->ordered);
	}
}

static void
test_facts_malformed(void **state)
{
	struct fix *f = *state;
	struct facts_arg a;
	struct op o;
	char id[SURVEY_ID_LEN + 1], hex[130], upper[SURVEY_ID_LEN + 1];
	long long changed;
	int i;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	o.owner = OWNER_A;
	o.kategori = "rus";
	o.facts.errors = 7;
	o.facts.obs = 4;
	o.facts.changed = 1767225600;
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	memcpy(a.key, o.key, SURVEY_KEY_LEN);
	assert_int_equal(store_read(f->st, get_facts, &a), 0);
	assert_int_equal(sscanf(a.value, "%*d %*d %lld %*d %32s %129s", &changed, id, hex), 3);
	assert_int_equal(changed, 1767225600);
	for (i = 0; id[i]; i++)
		upper[i] = (char)(id[i] >= 'a' ? id[i] - 32 : id[i]);
	upper[i] = '\0';
	/* what was written reads back, with and without the number */
	for (a.sec = 0; a.sec <= 1; a.sec++) {
		assert_int_equal(store_read(f->st, read_facts, &a), 0);
		assert_int_equal(a.rc, 0);
		assert_int_equal(a.list_rc, 0);
		assert_int_equal(a.facts.errors, 7);
		assert_int_equal(a.facts.obs, 4);
		assert_int_equal(a.facts.changed, 1767225600);
		assert_int_equal(a.facts.version, 1);
		assert_string_equal(a.facts.id, o.facts.id);
		assert_string_equal(a.facts.fnr, a.sec ? FNR : "");
		assert_int_equal(a.order_rc, 0);
		assert_int_equal(a.ordered, 1);
		assert_memory_equal(a.order_key, o.key, SURVEY_KEY_LEN);
		assert_int_equal(a.order_changed, 1767225600);
	}
	/* the list opens the number of a row only when asked to: some faults show only then */
#define BAD(sec_only, ...) do {							\
	snprintf(a.value, sizeof(a.value), __VA_ARGS__);			\
	expect_bad(f, &a, sec_only, BP_EXML);					\
} while (0)
	BAD(0, "%s", "");
	BAD(0, "7 4 1767225600 1 %s", id);			/* no number */
	BAD(0, "7 4 1767225600 1 %s %s ", id, hex);		/* a space after */
	BAD(0, "7 4 1767225600 1 %s %s x", id, hex);		/* more after */
	BAD(0, "7  4 1767225600 1 %s %s", id, hex);		/* an empty field */
	BAD(0, " 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "-7 4 1767225600 1 %s %s", id, hex);		/* never negative */
	BAD(0, "+7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "7 4x 1767225600 1 %s %s", id, hex);
	BAD(0, "7 4 1767225600 %s %s", id, hex);		/* a field missing */
	BAD(0, "7 4 1767225600999999999 1 %s %s", id, hex);	/* 19 digits: could overflow */
	BAD(0, "%s", "7 4 1767225600");			/* nothing after the change */
	BAD(0, "7 4 1767225600 1 %s0 %s", id, hex);		/* an id of 33 */
	BAD(0, "7 4 1767225600 1 %.31s %s", id, hex);	/* of 31 */
	BAD(0, "7 4 1767225600 1 %s %s", upper, hex);	/* one spelling only */
	BAD(0, "7 4 1767225600 1 %s %s0", id, hex);		/* odd hex */
	BAD(1, "7 4 1767225600 1 %s %s%s", id, hex, hex);	/* sealed too long */
	BAD(1, "7 4 1767225600 1 %s zz%s", id, hex + 2);	/* not hex */
	/* encoding 1 has no tag; a tag names a later encoding, which this release does not
	 * know (a newer release wrote it), and "v1" would be a second spelling of 1 */
	BAD(0, "v1 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v2 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v 7 4 1767225600 1 %s %s", id, hex);
	BAD(0, "v99999999999999999999 7 4 1767225600 1 %s %s", id, hex);
#undef BAD
	/* a tag that does not verify is a crypto error */
	snprintf(a.value, sizeof(a.value), "7 4 1767225600 1 %s %s00", id, hex);
	expect_bad(f, &a, 1, BP_ECRYPTO);
}

static int
do_put(struct store_txn *txn, void *arg)
{
	return survey_put(txn, arg);
}

/* A save seals outside the write transaction (survey_seal) and writes in a short one
 * (survey_put): a save in between, or the survey deleted and made anew at the same
 * version, makes the sealed record stale, and nothing is overwritten. */
static void
test_seal_then_put(void **state)
{
	struct fix *f = *state;
	struct survey_sealed sealed;
	struct survey_facts old;
	struct op o;
	xmlDocPtr d;

	memset(&o, 0, sizeof(o));
	assert_int_equal(survey_key(&sec, "1103", 2026, FNR, o.key), 0);
	o.owner = OWNER_A;
	o.kategori = "rus";
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	/* sealed at version 1, then someone saves first */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &o.facts, &sealed), 0);
	xmlFreeDoc(d);
	o.kategori = "begge";
	assert_int_equal(store_write(f->st, do_save, &o), 0);
	assert_int_equal(store_write(f->st, do_put, &sealed), BP_ESTALE);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "begge");
	/* sealed at the stored version: written, and opens as the next one */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &o.facts, &sealed), 0);
	xmlFreeDoc(d);
	assert_int_equal(store_write(f->st, do_put, &sealed), 0);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "psyk");
	/* deleted and made anew (version 1 again, another page id): a record sealed for the
	 * old one at version 1 is refused */
	o.facts.version = 1;
	old = o.facts;
	assert_int_equal(store_write(f->st, do_remove, &o), 0);
	o.kategori = "rus";
	assert_int_equal(store_write(f->st, do_create, &o), 0);
	assert_int_equal(o.facts.version, 1);
	assert_string_not_equal(o.facts.id, old.id);
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, OWNER_A, d, FNR, &old, &sealed), 0);
	xmlFreeDoc(d);
	assert_int_equal(store_write(f->st, do_put, &sealed), BP_ESTALE);
	survey_sealed_free(&sealed);
	assert_int_equal(store_read(f->st, do_open, &o), 0);
	assert_string_equal(o.got_kategori, "rus");
	/* the wrong owner is refused before anything is sealed */
	d = rec("psyk");
	assert_int_equal(survey_seal(&sec, o.key, "kort", d, FNR, &o.facts, &sealed), BP_EINVAL);
	survey_sealed_free(&sealed);
	xmlFreeDoc(d);
}

/* -- the by-change index: an owner's surveys of a year, newest change first ------------- */

struct order_arg {
	const char *owner;
	int year;
	int stop;			/* stop after this many (0: all) */
	int n;
	unsigned char keys[8][SURVEY_KEY_LEN];
	long long changed[8];
	long count;
	int rc;
};

static int
order_row(const unsigned char key[SURVEY_KEY_LEN], long long changed, void *arg)
{
	struct order_arg *o = arg;

	if (o->stop && o->n == o->stop)
		return 1;
	assert_true(o->n < 8);
	memcpy(o->keys[o->n], key, SURVEY_KEY_LEN);
	o->changed[o->n++] = changed;
	return 0;
}

static int
do_order(struct store_txn *txn, void *arg)
{
	struct order_arg *o = arg;

	o->n = 0;
	if ((o->rc = survey_order(txn, o->owner, o->year, order_row, o)) != 0)
		return o->rc;
	return survey_count(txn, o->owner, o->year, &o->count);
}

static int
do_count_all(struct store_txn *txn, void *arg)
{
	return survey_count(txn, OWNER_B, 0, arg);
}

static int
do_refill(struct store_txn *txn, void *arg)
{
	int rc;

	(void)arg;
	/* as a store made before the index: empty, then filled from the owner index */
	if ((rc = store_del_prefix(txn, DB_CHANGED, OWNER_A, ACCOUNT_ID_LEN, NULL)) != 0 ||
	    (rc = store_del_prefix(txn, DB_CHANGED, OWNER_B, ACCOUNT_ID_LEN, NULL)) != 0)
		return rc;
	return survey_changed_fill(txn);
}

/* a survey of person i (its own number) for owner in year, changed at changed */
static void
make(struct fix *f, struct op *o, int i, const char *owner, int year, long long changed)
{
	char fnr[12];

	memset(o, 0, sizeof(*o));
	snprintf(fnr, sizeof(fnr), "0101900%04d", i);
	assert_int_equal(survey_key(&sec, "1103", year, fnr, o->key), 0);
	o->owner = owner;
	o->kategori = "rus";
	o->facts.changed = changed;
	assert_int_equal(store_write(f->st, do_create, o), 0);
}

static void
expect_order(struct fix *f, const char *owner, int year, long count, int n, ...)
{
	struct order_arg o = { owner, year, 0, 0, { { 0 } }, { 0 }, 0, 0 };
	va_list ap;
	int i;

	assert_int_equal(store_read(f->st, do_order, &o), 0);
	assert_int_equal(o.count, count);
	assert_int_equal(o.n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const struct op *want = va_arg(ap, const struct op *);

		assert_memory_equal(o.keys[i], want->key, SURVEY_KEY_LEN);
		assert_int_equal(o.changed[i], want->facts.changed);
	}
	va_end(ap);
}

static void
test_by_change(void **state)
{
	struct fix *f = *state;
	struct handover_arg h = { person(OWNER_A, "I1"), person(OWNER_B, "I1"), 0 };
	struct order_arg stop = { OWNER_A, 2026, 2, 0, { { 0 } }, { 0 }, 0, 0 };
	struct op s[7], *tie1, *tie2;
	long n;

	make(f, &s[0], 1, OWNER_A, 2026, 100);
	make(f, &s[1], 2, OWNER_A, 2026, 300);
	make(f, &s[2], 3, OWNER_A, 2026, 200);
	make(f, &s[3], 4, OWNER_A, 2026, 300);
	make(f, &s[4], 5, OWNER_A, 2026, 50);
	make(f, &s[5], 6, OWNER_A, 2025, 400);		/* another year */
	make(f, &s[6], 7, OWNER_B, 2026, 500);		/* another owner */
	/* a tie goes by survey key */
	tie1 = memcmp(s[1].key, s[3].key, SURVEY_KEY_LEN) < 0 ? &s[1] : &s[3];
	tie2 = tie1 == &s[1] ? &s[3] : &s[1];
	expect_order(f, OWNER_A, 2026, 5, 5, tie1, tie2, &s[2], &s[0], &s[4]);
	expect_order(f, OWNER_A, 2025, 1, 1, &s[5]);
	expect_order(f, OWNER_B, 2026, 1, 1, &s[6]);
	expect_order(f, OWNER_B, 2025, 0, 0);
	assert_int_equal(store_read(f->st, do_order, &stop), 0);
	assert_int_equal(stop.n, 2);			/* read no further than asked */
	/* a save moves the survey to its new change */
	s[4].facts.changed = 400;
	assert_int_equal(store_write(f->st, do_save, &s[4]), 0);
	expect_order(f, OWNER_A, 2026, 5, 5, &s[4], tie1, tie2, &s[2], &s[0]);
	/* a stale save moves nothing */
	s[0].facts.version = 7;
	s[0].facts.changed = 900;
	assert_int_equal(store_write(f->st, do_save, &s[0]), BP_ESTALE);
	s[0].facts.version = 1;
	s[0].facts.changed = 100;
	expect_order(f, OWNER_A, 2026, 5, 5, &s[4], tie1, tie2, &s[2], &s[0]);
	/* removal takes it out */
	assert_int_equal(store_write(f->st, do_remove, &s[2]), 0);
	expect_order(f, OWNER_A, 2026, 4, 4, &s[4], tie1, tie2, &s[0]);
	/* a hand-over moves every year's, in order among the new owner's */
	assert_int_equal(store_write(f->st, do_handover, &h), 0);
	assert_int_equal(h.moved, 5);
	expect_order(f, OWNER_A, 2026, 0, 0);
	expect_order(f, OWNER_A, 2025, 0, 0);
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* a store from before the index gets the same index */
	assert_int_equal(store_write(f->st, do_refill, NULL), 0);
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* and so does a store opened by a program from before it: store_open makes it */
	{
		MDB_env *env;
		MDB_txn *txn;
		MDB_dbi dbi;

		store_close(f->st);
		f->st = NULL;
		assert_int_equal(mdb_env_create(&env), 0);
		assert_int_equal(mdb_env_set_maxdbs(env, 64), 0);
		assert_int_equal(mdb_env_open(env, f->dir, 0, 0600), 0);
		assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
		assert_int_equal(mdb_dbi_open(txn, store_db_names[DB_CHANGED], MDB_DUPSORT, &dbi), 0);
		assert_int_equal(mdb_drop(txn, dbi, 1), 0);
		assert_int_equal(mdb_txn_commit(txn), 0);
		mdb_env_close(env);
		assert_int_equal(store_open(f->dir, 1024 * 1024, 0, &f->st), 0);
	}
	expect_order(f, OWNER_B, 2026, 5, 5, &s[6], &s[4], tie1, tie2, &s[0]);
	expect_order(f, OWNER_B, 2025, 1, 1, &s[5]);
	/* every year's count (the hand-over page's) */
	assert_int_equal(store_read(f->st, do_count_all, &n), 0);
	assert_int_equal(n, 6);
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
		cmocka_unit_test_setup_teardown(test_seal_then_put, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_sealed_and_tampered, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_plain_record_read, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_handover_and_remove, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_facts_malformed, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_by_change, setup, fix_teardown),
	};

	return cmocka_run_group_tests_name("survey", tests, NULL, NULL);
}
