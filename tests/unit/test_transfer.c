/* test_transfer.c: a kommune's year to KORFOR (transfer.c) in a real store: error-free
 * surveys pseudonymised into the registry, the rest held back, everything of the year
 * deleted (records, index entries, page ids, endringslogger), the receipt kept, a second
 * run refused, a dry run writing nothing, other kommuner and years untouched. */
#include "unit.h"

#include <libxml/parser.h>

#include "account.h"
#include "period.h"
#include "reservation.h"
#include "secrets.h"
#include "survey.h"
#include "transfer.h"

#define OWNER_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define OWNER_K "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"

static struct secrets sec;

static const struct {
	const char *kommune;
	int year;
	const char *fnr;
	const char *owner;
	long errors;
} people[] = {
	{ "1103", 2026, "01019000598", OWNER_A, 0 },
	{ "1103", 2026, "15057612345", OWNER_A, 2 },	/* held back */
	{ "1103", 2026, "24128035127", OWNER_K, 0 },	/* the kommunekontakt's own */
	{ "1103", 2025, "01019000598", OWNER_A, 0 },	/* another year */
	{ "0301", 2026, "01019000598", OWNER_A, 0 },	/* another kommune */
};

static int
make_all(struct store_txn *txn, void *arg)
{
	struct account a;
	size_t i;
	int rc;

	(void)arg;
	memset(&a, 0, sizeof(a));
	strcpy(a.id, OWNER_A);
	strcpy(a.email, "a@kommune.no");
	a.role = ROLE_KARTLEGGER;
	strcpy(a.kommune, "1103");
	strcpy(a.instans, "Rus og psykisk helse");
	strcpy(a.tjenestetype, "nav");
	if ((rc = account_save(txn, &a, 1)) != 0)
		return rc;
	strcpy(a.id, OWNER_K);
	strcpy(a.email, "k@kommune.no");
	a.role = ROLE_KOMMUNE;
	a.tjenestetype[0] = '\0';
	strcpy(a.bydel, "03");
	if ((rc = account_save(txn, &a, 1)) != 0)
		return rc;
	/* reservasjoner: 1103's of 2026 end with the transfer, that of 2025 stays */
	if ((rc = reservation_add(txn, &sec, "1103", 2026, "31129012345", 1790000000)) != 0 ||
	    (rc = reservation_add(txn, &sec, "1103", 2025, "31129012345", 1790000000)) != 0)
		return rc;
	for (i = 0; i < UNIT_N(people); i++) {
		unsigned char key[SURVEY_KEY_LEN];
		char xml[512], existing[ACCOUNT_ID_LEN + 1];
		struct survey_facts facts;
		xmlDocPtr d;

		snprintf(xml, sizeof(xml), "<kartlegging aar='%d' kommune='%s' fnr='%s' kjonn='mann' "
		    "fodselsar='1990' alder='36' besokt='bruker' indeks='gul' skjult=' x '>"
		    "<kategori>rus</kategori><bp-funn art='obs'>x</bp-funn></kartlegging>",
		    people[i].year, people[i].kommune, people[i].fnr);
		d = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
		memset(&facts, 0, sizeof(facts));
		facts.errors = people[i].errors;
		facts.changed = 1790000000;
		if ((rc = survey_key(&sec, people[i].kommune, people[i].year, people[i].fnr, key)) ||
		    (rc = survey_create(txn, &sec, key, people[i].owner, d, people[i].fnr, &facts,
		    existing)) || (rc = survey_log(txn, key, 1790000000, people[i].owner, "opprettet")))
			return rc;
		xmlFreeDoc(d);
	}
	return 0;
}

struct tr {
	const char *kommune;
	int year, dry, rc;
	struct period receipt;
};

static int
do_transfer(struct store_txn *txn, void *arg)
{
	struct tr *t = arg;

	t->rc = transfer_kommune(txn, &sec, t->kommune, t->year, 1795000000, "cron", t->dry,
	    NULL, &t->receipt);
	return t->rc == BP_EEXIST ? 0 : t->rc;
}

struct counts {
	int year;
	const char *kommune;
	size_t surveys;
	int rows, logs;
	char row[4096];
};

static int
count_row(const char *kommune, int year, const char *xml, size_t len, void *arg)
{
	struct counts *c = arg;

	(void)kommune;
	(void)year;
	c->rows++;
	/* every row of the scan, one after another */
	snprintf(c->row + strlen(c->row), sizeof(c->row) - strlen(c->row), "%.*s", (int)len, xml);
	return 0;
}

static int
count_log(const char *id, unsigned long long order, const char *line, size_t len, void *arg)
{
	(void)id;
	(void)order;
	(void)line;
	(void)len;
	((struct counts *)arg)->logs++;
	return 0;
}

static int
do_count(struct store_txn *txn, void *arg)
{
	struct counts *c = arg;
	struct survey_ref *refs;
	int rc;

	c->rows = c->logs = 0;
	c->row[0] = '\0';
	if ((rc = survey_year_refs(txn, c->kommune, c->year, &refs, &c->surveys)) != 0)
		return rc;
	free(refs);
	if ((rc = registry_scan(txn, c->year, c->kommune, count_row, c)) != 0)
		return rc;
	return survey_log_scan(txn, c->kommune, c->year, count_log, c);
}

struct generation {
	int year;
	unsigned long long gen;
	int rc;
};

static int
do_generation(struct store_txn *txn, void *arg)
{
	struct generation *g = arg;

	g->rc = registry_generation(txn, g->year, &g->gen);
	return 0;
}

static void
test_transfer(void **state)
{
	struct fix *f = *state;
	struct tr t = { "1103", 2026, 1, 0, { "", "", "", 0, 0, 0, "" } };
	struct counts c = { 2026, "1103", 0, 0, 0, "" };
	struct generation gen = { 2026, 0, 0 };
	struct store_stat before, after;
	unsigned char raw[CRYPTO_HASH_LEN];
	char hex[PSEUDONYM_LEN + 1];

	assert_int_equal(store_write(f->st, make_all, NULL), 0);
	/* a dry run tells and writes nothing */
	assert_int_equal(store_stat(f->st, &before), 0);
	assert_int_equal(store_read(f->st, do_transfer, &t), 0);
	assert_int_equal(t.rc, 0);
	assert_int_equal(t.receipt.transferred, 2);
	assert_int_equal(t.receipt.held_back, 1);
	assert_int_equal(store_stat(f->st, &after), 0);
	assert_memory_equal(before.entries, after.entries, sizeof(before.entries));
	/* the transfer */
	t.dry = 0;
	memset(&t.receipt, 0, sizeof(t.receipt));
	assert_int_equal(store_write(f->st, do_transfer, &t), 0);
	assert_int_equal(t.rc, 0);
	assert_int_equal(t.receipt.transferred, 2);
	assert_int_equal(t.receipt.held_back, 1);
	assert_int_equal(t.receipt.overfort, 1795000000);
	assert_string_equal(t.receipt.by, "cron");
	assert_int_equal(store_read(f->st, do_count, &c), 0);
	assert_int_equal((int)c.surveys, 0);		/* originals gone, held back ones too */
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.logs, 0);			/* the year's endringslogger gone */
	assert_int_equal(store_read(f->st, do_generation, &gen), 0);
	assert_int_equal(gen.rc, 0);
	assert_int_equal((int)gen.gen, 2);		/* a row written, the year's count up */
	gen.year = 2025;
	assert_int_equal(store_read(f->st, do_generation, &gen), 0);
	assert_int_equal(gen.rc, BP_ENOENT);		/* nothing written to 2025 */
	assert_int_equal(store_stat(f->st, &after), 0);
	assert_int_equal((int)after.entries[DB_SURVEYS], 2);	/* 2025 and 0301 */
	assert_int_equal((int)after.entries[DB_OWNERS], 2);
	assert_int_equal((int)after.entries[DB_CHANGED], 2);	/* the by-change index too */
	assert_int_equal((int)after.entries[DB_SURVEY_IDS], 2);
	assert_int_equal((int)after.entries[DB_SURVEY_LOG], 2);
	assert_int_equal((int)after.entries[DB_RESERVATIONS], 1);	/* 2025's */
	/* a row: no number, no form state, the pseudonym, instans type, bydel */
	assert_null(strstr(c.row, "24128035127"));
	assert_null(strstr(c.row, "fnr="));
	assert_null(strstr(c.row, "besokt"));
	assert_null(strstr(c.row, "bp-funn"));
	assert_non_null(strstr(c.row, "<kategori>rus</kategori>"));
	assert_non_null(strstr(c.row, "indeks=\"gul\""));
	assert_non_null(strstr(c.row, "instanstype=\"kommune\""));	/* the kommunekontakt's */
	assert_non_null(strstr(c.row, "bydel=\"03\""));
	assert_int_equal(crypto_hmac(sec.registry, "pseudonym:", 10, "24128035127", 11, raw), 0);
	hex_encode(raw, sizeof(raw), hex);
	assert_non_null(strstr(c.row, hex));
	/* done once: a second run is refused with the first receipt */
	memset(&t.receipt, 0, sizeof(t.receipt));
	assert_int_equal(store_write(f->st, do_transfer, &t), 0);
	assert_int_equal(t.rc, BP_EEXIST);
	assert_int_equal(t.receipt.transferred, 2);
	assert_int_equal(store_read(f->st, do_count, &c), 0);
	assert_int_equal(c.rows, 2);
	/* the other kommune: the same person, the same pseudonym, a row of its own */
	t.kommune = "0301";
	assert_int_equal(store_write(f->st, do_transfer, &t), 0);
	assert_int_equal(t.rc, 0);
	assert_int_equal(t.receipt.transferred, 1);
	c.kommune = "0301";
	assert_int_equal(store_read(f->st, do_count, &c), 0);
	assert_int_equal(c.rows, 1);
	assert_int_equal(crypto_hmac(sec.registry, "pseudonym:", 10, "01019000598", 11, raw), 0);
	hex_encode(raw, sizeof(raw), hex);
	assert_non_null(strstr(c.row, hex));
	assert_non_null(strstr(c.row, "instanstype=\"nav\""));
	/* the year 2025 of 1103 is still there */
	c.kommune = "1103";
	c.year = 2025;
	assert_int_equal(store_read(f->st, do_count, &c), 0);
	assert_int_equal((int)c.surveys, 1);
	assert_int_equal(c.rows, 0);
	assert_int_equal(c.logs, 1);
}

static int
setup(void **state)
{
	memset(&sec, 0x5a, sizeof(sec));
	memset(sec.registry, 0x33, sizeof(sec.registry));
	return fix_setup(state, NULL, 4 * 1024 * 1024);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_transfer, setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
