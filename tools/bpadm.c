/* bpadm: administer a Brukerplan installation from the command line.
 *
 *   bpadm [-c FIL] init | invite | audit | stat | errorpages
 *
 * Written like LMDB's tools: getopt, usage(), "bpadm: what: why" on stderr, one write
 * transaction per change, exit 0 on success, 1 on failure, 2 on wrong usage. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "answers.h"
#include "app.h"
#include "audit.h"
#include "fnr.h"
#include "invite.h"
#include "record.h"
#include "reservation.h"
#include "survey.h"
#include "transfer.h"

#define EXIT_USAGE 2

static const char usage_text[] =
    "Bruk: bpadm [-c FIL] KOMMANDO [VALG]\n"
    "\n"
    "Kommandoer:\n"
    "  init                    lag lageret og hemmelighetsfilen (modus 0600)\n"
    "  invite --role korfor [--uses N] [--count N]\n"
    "                          lag invitasjonslenker (gyldige i 30 dager); andre roller\n"
    "                          inviteres fra nettsiden\n"
    "  audit [--last N]        vis revisjonsloggen (sikkerhetshendelser), nyeste først\n"
    "  stat                    lagerets størrelse og antall poster\n"
    "  errorpages KATALOG      lag statiske feilsider for Apache (ErrorDocument)\n"
    "  fnr [--mode test|drift] NUMMER\n"
    "                          sjekk et fødselsnummer; skriver én linje, avslutter 0 eller 1\n"
    "  reserve [--remove] KOMMUNENUMMER\n"
    "                          reserver (eller slett reservasjonen av) fødselsnummeret\n"
    "                          som leses fra standard inn, mot årets kartlegging i kommunen\n"
    "  demo --owner E-POST --surveys N\n"
    "                          N syntetiske kartlegginger med svar, eid av kontoen\n"
    "                          (bare mode = test)\n"
    "  demo-registry --year ÅR --count N [--kommune NNNN]\n"
    "                          N syntetiske pseudonymiserte rader i registeret (rapporter,\n"
    "                          make bench); uten --kommune fordelt på alle kommuner\n"
    "                          (bare mode = test)\n"
    "  clock [--advance SEK | --set 'ÅÅÅÅ-MM-DD TT:MM' | --reset]\n"
    "                          testklokken (bare med mode = test): vis, flytt, nullstill\n"
    "  defimage DATAKATALOG ÅR UTFIL\n"
    "                          bildet av kartlegging/ÅR.xml som programmene leser i stedet\n"
    "                          for XML-en (byggets; se definisjonen, ikke bildet, for endringer)\n"
    "  --help                  vis denne teksten\n"
    "\n"
    "  -c FIL   konfigurasjonsfilen; ellers $" BP_CONFIG_ENV ", ellers\n"
    "           " BP_CONFIG_DEFAULT "\n"
    "\n"
    "Avslutningskode: 0 ok, 1 feil, 2 feil bruk.\n";

static void
usage(FILE *out)
{
	fputs(usage_text, out);
}

static void
fail(const char *what, const char *why)
{
	fprintf(stderr, "bpadm: %s: %s\n", what, why);
}

/* now, by the test clock when mode = test */
static long long
clock_now(const struct config *cfg)
{
	return (long long)time(NULL) + config_clock(cfg);
}

static int
load(const char *path, struct config *cfg)
{
	char err[PATH_MAX + 128];

	if (config_load(path, cfg, err, sizeof(err)) != 0) {
		fail("konfigurasjon", err);
		return -1;
	}
	return 0;
}

/* -- init ---------------------------------------------------------------------------- */

static int
init_meta(struct store_txn *txn, void *arg)
{
	char created[32];
	long long now = *(long long *)arg;
	int rc;

	snprintf(created, sizeof(created), "%lld", now);
	if ((rc = store_put(txn, DB_META, "schema", 6, STORE_SCHEMA, strlen(STORE_SCHEMA))) ||
	    (rc = store_put(txn, DB_META, "created", 7, created, strlen(created))))
		return rc;
	return audit_add(txn, now, "init", "bpadm", NULL, NULL);
}

static int
cmd_init(struct config *cfg, int argc, char **argv)
{
	char data[PATH_MAX + 16];
	struct store *st;
	struct stat sb;
	long long now = clock_now(cfg);
	int rc, have_store;

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	(void)argv;
	snprintf(data, sizeof(data), "%s/data.mdb", cfg->store);
	have_store = stat(data, &sb) == 0;
	rc = secrets_create(cfg->secrets);
	if (rc == BP_EEXIST && have_store) {
		fail("init", "lageret og hemmelighetsfilen finnes allerede; ingenting er endret");
		return 1;
	}
	if (rc != 0 && rc != BP_EEXIST) {
		fprintf(stderr, "bpadm: init: kan ikke lage %s: %s\n", cfg->secrets,
		    strerror(errno));
		return 1;
	}
	if (rc == BP_EEXIST)
		fprintf(stderr, "bpadm: init: %s finnes allerede og beholdes\n", cfg->secrets);
	if ((rc = store_open(cfg->store, cfg->map_size, 1, &st)) != 0) {
		fail("init", "kan ikke lage lageret (se meldingen over)");
		return 1;
	}
	rc = store_write(st, init_meta, &now);
	store_close(st);
	if (rc != 0) {
		fail("init", bp_strerror(rc));
		return 1;
	}
	printf("Lager: %s\nHemmeligheter: %s (ta sikkerhetskopi av denne separat)\n",
	    cfg->store, cfg->secrets);
	return 0;
}

/* -- invite -------------------------------------------------------------------------- */

struct batch {
	struct invite inv;
	long long now;
	long count;
	char (*tokens)[TOKEN_HEX + 1];
};

static int
make_invites(struct store_txn *txn, void *arg)
{
	struct batch *b = arg;
	long i;
	int rc;

	for (i = 0; i < b->count; i++)
		if ((rc = invite_create(txn, &b->inv, b->now, b->tokens[i])) != 0)
			return rc;
	return audit_add(txn, b->now, "invite.created", "bpadm", NULL, role_ids[b->inv.role]);
}

static int
cmd_invite(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "uses", required_argument, NULL, 'u' },
		{ "count", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct batch b;
	struct store *st;
	long long v;
	const char *role = NULL;
	int c, rc;
	long i;

	memset(&b, 0, sizeof(b));
	b.inv.uses = 1;
	b.count = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			role = optarg;
			break;
		case 'u':
			if (str_to_ll(optarg, 1, 10000, &v) != 0) {
				fail("invite", "--uses må være et tall fra 1 til 10000");
				return EXIT_USAGE;
			}
			b.inv.uses = v;
			break;
		case 'n':
			if (str_to_ll(optarg, 1, INVITE_BATCH_MAX, &v) != 0) {
				fail("invite", "--count må være et tall fra 1 til 20");
				return EXIT_USAGE;
			}
			b.count = (long)v;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (role == NULL || optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (role_from_id(role) != ROLE_KORFOR) {
		fail("invite", "bare rollen korfor inviteres herfra; KORFOR inviterer KORUS, "
		    "KORUS inviterer kommunekontakter, og så videre, i Brukerplan");
		return EXIT_USAGE;
	}
	b.inv.role = ROLE_KORFOR;
	str_copy(b.inv.by, sizeof(b.inv.by), "bpadm");
	b.now = clock_now(cfg);
	if ((b.tokens = calloc((size_t)b.count, sizeof(*b.tokens))) == NULL) {
		fail("invite", "tomt for minne");
		return 1;
	}
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		fail("invite", rc == BP_ECONFIG ? "lageret finnes ikke; kjør bpadm init først" :
		    bp_strerror(rc));
		free(b.tokens);
		return 1;
	}
	rc = store_write(st, make_invites, &b);
	store_close(st);
	if (rc != 0) {
		fail("invite", bp_strerror(rc));
		free(b.tokens);
		return 1;
	}
	for (i = 0; i < b.count; i++)
		printf("%s/cgi-bin/register?t=%s\n", cfg->base_url, b.tokens[i]);
	free(b.tokens);
	return 0;
}

/* -- audit, stat ----------------------------------------------------------------------- */

struct audit_print {
	long left;
};

static int
print_line(const char *line, size_t len, void *arg)
{
	struct audit_print *p = arg;

	fwrite(line, 1, len, stdout);
	fputc('\n', stdout);
	return --p->left > 0 ? 0 : 1;
}

static int
list_audit(struct store_txn *txn, void *arg)
{
	return audit_list(txn, print_line, arg);
}

static int
cmd_audit(struct config *cfg, int argc, char **argv)
{
	struct audit_print p = { 50 };
	struct store *st;
	long long v;
	int rc;

	if (argc == 3 && strcmp(argv[1], "--last") == 0 &&
	    str_to_ll(argv[2], 1, 1000000, &v) == 0)
		p.left = (long)v;
	else if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		fail("audit", bp_strerror(rc));
		return 1;
	}
	rc = store_read(st, list_audit, &p);
	store_close(st);
	if (rc != 0) {
		fail("audit", bp_strerror(rc));
		return 1;
	}
	return 0;
}

static int
cmd_stat(struct config *cfg, int argc, char **argv)
{
	struct store_stat s;
	struct store *st;
	int rc, i;

	(void)argv;
	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		fail("stat", bp_strerror(rc));
		return 1;
	}
	rc = store_stat(st, &s);
	store_close(st);
	if (rc != 0) {
		fail("stat", bp_strerror(rc));
		return 1;
	}
	printf("map_size %zu\nused %zu\n", s.map_size, s.used);
	for (i = 0; i < DB__MAX; i++)
		printf("%s %zu\n", store_db_names[i], s.entries[i]);
	return 0;
}

/* -- errorpages -------------------------------------------------------------------------- */

static int
cmd_errorpages(struct config *cfg, int argc, char **argv)
{
	static const int statuses[] = { 400, 403, 404, 405, 413, 500, 503 };
	char path[PATH_MAX];
	struct buf html = { 0 };
	size_t i;
	FILE *f;
	int rc;

	if (argc != 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (mkdir(argv[1], 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "bpadm: errorpages: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		buf_reset(&html);
		if ((rc = app_error_static(cfg, statuses[i], clock_now(cfg), &html)) != 0) {
			fail("errorpages", bp_strerror(rc));
			buf_free(&html);
			return 1;
		}
		snprintf(path, sizeof(path), "%s/%d.html", argv[1], statuses[i]);
		if ((f = fopen(path, "w")) == NULL || fwrite(html.p, 1, html.len, f) != html.len ||
		    fclose(f) != 0) {
			fprintf(stderr, "bpadm: errorpages: %s: %s\n", path, strerror(errno));
			buf_free(&html);
			return 1;
		}
	}
	buf_free(&html);
	return 0;
}

/* -- clock ------------------------------------------------------------------------------- */

static int
cmd_clock(struct config *cfg, int argc, char **argv)
{
	long long offset = config_clock(cfg), v;
	char when[17];
	struct tm tm;
	time_t t;

	if (cfg->mode != MODE_TEST) {
		fail("clock", "testklokken finnes bare med mode = test");
		return 1;
	}
	if (argc == 3 && strcmp(argv[1], "--advance") == 0 &&
	    str_to_ll(argv[2], -(10LL * 366 * 86400), 10LL * 366 * 86400, &v) == 0) {
		offset += v;
	} else if (argc == 3 && strcmp(argv[1], "--set") == 0) {
		memset(&tm, 0, sizeof(tm));
		setenv("TZ", "Europe/Oslo", 1);
		tzset();
		if (strptime(argv[2], "%Y-%m-%d %H:%M", &tm) == NULL) {
			fail("clock", "--set vil ha 'ÅÅÅÅ-MM-DD TT:MM' (norsk tid)");
			return EXIT_USAGE;
		}
		tm.tm_isdst = -1;
		offset = (long long)mktime(&tm) - (long long)time(NULL);
	} else if (argc == 2 && strcmp(argv[1], "--reset") == 0) {
		offset = 0;
	} else if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (argc > 1 && config_clock_set(cfg, offset) != 0) {
		fprintf(stderr, "bpadm: clock: kan ikke skrive %s/%s: %s\n", cfg->store,
		    TESTCLOCK_FILE, strerror(errno));
		return 1;
	}
	t = time(NULL) + (time_t)offset;
	time_datetime(t, when);
	printf("%s (forskjøvet %lld sekunder)\n", when, offset);
	return 0;
}

/* -- fnr ----------------------------------------------------------------------------------- */

/* One line for scripts: "gyldig type=... fodt=... kjonn=..." or "ugyldig: <why>". The mode
 * is --mode, else the configuration's, else drift (the strict one). */
static int
cmd_fnr(struct config *cfg, int argc, char **argv)
{
	int synthetic_ok = cfg != NULL && cfg->mode == MODE_TEST;
	const char *why, *number;
	char fodt[16];
	struct fnr f;

	if (argc == 4 && strcmp(argv[1], "--mode") == 0) {
		if (strcmp(argv[2], "test") != 0 && strcmp(argv[2], "drift") != 0) {
			usage(stderr);
			return EXIT_USAGE;
		}
		synthetic_ok = strcmp(argv[2], "test") == 0;
		number = argv[3];
	} else if (argc == 2)
		number = argv[1];
	else {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (fnr_parse(number, synthetic_ok, &f, &why) != 0) {
		printf("ugyldig: %s\n", why);
		return 1;
	}
	if (f.year)
		snprintf(fodt, sizeof(fodt), "%04d-%02d-%02d", f.year, f.month, f.day);
	else
		snprintf(fodt, sizeof(fodt), "ukjent");
	printf("gyldig type=%s fodt=%s kjonn=%s\n", fnr_type_ids[f.type], fodt, kjonn_ids[f.kjonn]);
	return 0;
}

/* -- reserve -------------------------------------------------------------------------------- */

struct reserve {
	const struct secrets *sec;
	const char *kommune;
	const char *fnr;
	long long now;
	int year;			/* the year of now: a reservation holds for one year */
	int remove;
	long removed;			/* surveys the reservation deleted */
};

static int
do_reserve(struct store_txn *txn, void *arg)
{
	struct reserve *r = arg;

	if (r->remove)
		return reservation_remove(txn, r->sec, r->kommune, r->year, r->fnr);
	return reservation_make(txn, r->sec, r->kommune, r->year, r->fnr, r->now, "bpadm",
	    &r->removed);
}

/* The number comes on standard input, not the command line: command lines end up in
 * shell histories and process lists. As on the Reservasjoner page, a reservation deletes
 * the person's survey of the year in the kommune. */
static int
cmd_reserve(struct config *cfg, int argc, char **argv)
{
	char line[64], err[PATH_MAX + 128];
	const char *why;
	struct reserve r;
	struct secrets sec;
	struct store *st;
	struct fnr f;
	int rc, i = 1;

	memset(&r, 0, sizeof(r));
	if (argc == 3 && strcmp(argv[1], "--remove") == 0) {
		r.remove = 1;
		i = 2;
	}
	if (argc != i + 1 || strlen(argv[i]) != 4 || strspn(argv[i], "0123456789") != 4) {
		usage(stderr);
		return EXIT_USAGE;
	}
	r.kommune = argv[i];
	if (fgets(line, sizeof(line), stdin) == NULL) {
		fail("reserve", "ingen fødselsnummer på standard inn");
		return 1;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (fnr_parse(line, cfg->mode == MODE_TEST, &f, &why) != 0) {
		fail("reserve", why);
		return 1;
	}
	if (secrets_load(cfg->secrets, &sec, err, sizeof(err)) != 0) {
		fail("reserve", err);
		return 1;
	}
	r.sec = &sec;
	r.fnr = f.digits;
	r.now = clock_now(cfg);
	r.year = time_year((time_t)r.now);
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) == 0) {
		rc = store_write(st, do_reserve, &r);
		store_close(st);
	}
	secrets_wipe(&sec);
	crypto_wipe(line, sizeof(line));
	crypto_wipe(&f, sizeof(f));
	if (rc == BP_EEXIST || rc == BP_ENOENT) {
		fail("reserve", rc == BP_EEXIST ? "allerede reservert" : "ingen reservasjon å slette");
		return 1;
	}
	if (rc != 0) {
		fail("reserve", bp_strerror(rc));
		return 1;
	}
	if (r.remove)
		printf("reservasjonen er slettet\n");
	else
		printf("reservert, %s kartlegging slettet\n", r.removed ? "1" : "ingen");
	return 0;
}

/* -- demo --------------------------------------------------------------------------------- */

/* Synthetic surveys for the tests and `make bench`: each person has a valid synthetic
 * number (Tenor's, month + 80, accepted in mode = test only) and is 16 to 80 years old,
 * and the record is answered by walking the year's questionnaire as a kartlegger does, so
 * the list, the form and the counts of errors and obs see what real surveys give them:
 * most complete, some with answers missing. */

#define DEMO_BATCH 500		/* surveys per write transaction: a few, not one per survey */
#define DEMO_TRIES 64		/* numbers or answer sets to draw before giving up */
#define DEMO_ITEMS_MAX 1024	/* definition.c's own limit */
#define DEMO_OPTIONS_MAX 32
#define DEMO_INCOMPLETE 12	/* percent of surveys left with mandatory answers missing */
#define DEMO_UNDER_25 20	/* percent aged 16 to 24 (their form has more questions) */
#define DEMO_SEASON (30 * 86400)	/* last changes spread over this many seconds */

/* Variety, not secrecy: xorshift64*, seeded from the kernel so that two runs differ. */
struct demo_rng {
	uint64_t s;
};

static uint32_t
demo_next(struct demo_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

/* 0 .. n-1 */
static int
demo_below(struct demo_rng *r, int n)
{
	return n > 0 ? (int)(demo_next(r) % (uint32_t)n) : 0;
}

static int
demo_chance(struct demo_rng *r, int percent)
{
	return demo_below(r, 100) < percent;
}

struct demo {
	const struct secrets *sec;
	const struct definition *def;
	const char *email;
	long n;			/* surveys asked for */
	long done;		/* committed */
	long complete;		/* committed with no errors */
	long batch;		/* to make in this transaction */
	long batch_complete;
	long long now;
	int year, month, day;	/* today, by the test clock */
	struct demo_rng rng;
	struct account owner;
};

/* d[9] and d[10], the control digits of d[0..8] (fnr.c); -1 when one of them would be 10,
 * which no number has. */
static int
demo_control(int d[11])
{
	static const int w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int i, s;

	for (s = i = 0; i < 9; i++)
		s += d[i] * w1[i];
	if ((d[9] = (11 - s % 11) % 11) == 10)
		return -1;
	for (s = i = 0; i < 10; i++)
		s += d[i] * w2[i];
	return (d[10] = (11 - s % 11) % 11) == 10 ? -1 : 0;
}

/* A person aged 16 to 80 today. The number is checked by the core's fnr_parse, as one typed
 * into the start form is, and the age comes from it as kartlegging.c takes it. */
static int
demo_person(struct demo *d, struct fnr *f, int *age)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char digits[12];
	const char *why;
	int v[11], i, want, year, month, day, ind, tries, rc;

	for (tries = 0; tries < DEMO_TRIES; tries++) {
		want = demo_chance(&d->rng, DEMO_UNDER_25) ? 16 + demo_below(&d->rng, 9) :
		    25 + demo_below(&d->rng, 56);
		year = d->year - want - demo_below(&d->rng, 2);
		month = 1 + demo_below(&d->rng, 12);
		day = 1 + demo_below(&d->rng, mdays[month - 1]);
		/* the individnummer gives the century: 000-499 before 2000, 500-999 after */
		ind = year < 2000 ? demo_below(&d->rng, 500) : 500 + demo_below(&d->rng, 500);
		v[0] = day / 10;
		v[1] = day % 10;
		v[2] = (month + 80) / 10;
		v[3] = month % 10;
		v[4] = year % 100 / 10;
		v[5] = year % 10;
		v[6] = ind / 100;
		v[7] = ind / 10 % 10;
		v[8] = ind % 10;
		if (demo_control(v) != 0)
			continue;
		for (i = 0; i < 11; i++)
			digits[i] = (char)('0' + v[i]);
		digits[11] = '\0';
		rc = fnr_parse(digits, 1, f, &why);
		crypto_wipe(digits, sizeof(digits));
		/* the core must read the number as we built it */
		if (rc != 0 || f->type != FNR_SYNTETISK || f->year != year)
			return BP_EINVAL;
		*age = fnr_age(f, d->year, d->month, d->day);
		if (*age >= 16 && *age <= 80)
			return 0;
	}
	return BP_EINVAL;
}

/* The ids of an item's <option> children, and which stand alone ("Ingen av delene"). */
static int
demo_options(const struct def_item *it, const char **ids, int *exclusive)
{
	int n;

	for (n = 0; n < it->noptions && n < DEMO_OPTIONS_MAX; n++) {
		exclusive[n] = it->options[n].exclusive;
		ids[n] = it->options[n].id;
	}
	return n;
}

/* One option: levels mostly green or yellow, "Vet ikke" and "Ukjent" less often. */
static const char *
demo_pick(struct demo_rng *r, const struct def_item *it, const char **ids, int n)
{
	int i;

	if (strcmp(it->type, "level") == 0 && n == 3)
		return ids[demo_chance(r, 45) ? 0 : demo_chance(r, 70) ? 1 : 2];
	i = demo_below(r, n);
	if (strcmp(ids[i], "vet_ikke") == 0 || strcmp(ids[i], "ukjent") == 0)
		i = demo_below(r, n);
	return ids[i];
}

static int
demo_add(xmlNodePtr root, const struct def_item *it, const char *value)
{
	/* only what the engine takes for an answer to this item */
	if ((strcmp(it->type, "checkbox") != 0 && strcmp(it->type, "integer") != 0 &&
	    !definition_is_option(it, value)))
		return BP_EINVAL;
	return xmlNewTextChild(root, NULL, BAD_CAST it->id, BAD_CAST value) ? 0 : BP_ENOMEM;
}

/* A multi item: an option that stands alone, or one to three others, in the form's order. */
static int
demo_multi(struct demo_rng *r, xmlNodePtr root, const struct def_item *it, const char **ids,
    const int *exclusive, int n)
{
	int chosen[DEMO_OPTIONS_MAX] = { 0 }, i, k, rc;

	for (i = 0; i < n; i++)
		if (exclusive[i] && demo_chance(r, 15))
			return demo_add(root, it, ids[i]);
	for (k = 1 + demo_below(r, 3); k > 0; k--) {
		i = demo_below(r, n);
		chosen[i] = !exclusive[i];
	}
	for (i = 0, k = 0; i < n; i++)
		if (chosen[i] && ++k && (rc = demo_add(root, it, ids[i])) != 0)
			return rc;
	for (i = 0; i < n && k == 0; i++)	/* drew only lone options: take the first other */
		if (!exclusive[i])
			return demo_add(root, it, ids[i]);
	return 0;
}

/* A plausible answer to one shown item, stored as answers_merge stores the form's. */
static int
demo_answer(struct demo_rng *r, xmlNodePtr root, const struct def_item *it)
{
	const char *ids[DEMO_OPTIONS_MAX];
	int exclusive[DEMO_OPTIONS_MAX], n, hatt;
	char v[24];
	xmlNodePtr s;

	if (strcmp(it->type, "service") == 0) {
		hatt = demo_chance(r, 25);
		if ((s = xmlNewChild(root, NULL, BAD_CAST it->id, NULL)) == NULL ||
		    xmlSetProp(s, BAD_CAST "hatt", BAD_CAST (hatt ? "ja" : "nei")) == NULL ||
		    xmlSetProp(s, BAD_CAST "videre", BAD_CAST (demo_chance(r, hatt ? 70 : 10) ?
		    "ja" : "nei")) == NULL)
			return BP_ENOMEM;
		return 0;
	}
	if (strcmp(it->type, "checkbox") == 0)	/* unticked is an answer too: no element */
		return demo_chance(r, 10) ? demo_add(root, it, "ja") : 0;
	if (strcmp(it->type, "integer") == 0) {
		/* counts of children are mostly 0; months and the like anywhere in range */
		if (it->min == 0)
			snprintf(v, sizeof(v), "%ld", demo_chance(r, 75) ? 0 :
			    (it->max < 2 ? it->max : 1 + demo_below(r, 2)));
		else
			snprintf(v, sizeof(v), "%ld", it->min +
			    demo_below(r, (int)(it->max - it->min + 1)));
		return demo_add(root, it, v);
	}
	if ((n = demo_options(it, ids, exclusive)) == 0)
		return BP_EXML;
	if (strcmp(it->type, "multi") == 0)
		return demo_multi(r, root, it, ids, exclusive, n);
	return demo_add(root, it, demo_pick(r, it, ids, n));
}

/* Each question the record shows, in the form's order, and again while answers bring
 * follow-ups into view. */
static int
demo_fill(struct demo *d, xmlDocPtr rec)
{
	unsigned char asked[DEMO_ITEMS_MAX];
	const struct def_item *items;
	int i, n = definition_items(d->def, &items), round, added, shown, rc;

	if (n > DEMO_ITEMS_MAX)
		return BP_ETOOBIG;
	memset(asked, 0, sizeof(asked));
	for (round = 0, added = 1; added && round < 8; round++)
		for (i = 0, added = 0; i < n; i++) {
			if (asked[i])
				continue;
			/* most questions have no show rule: skip the XPath context it would cost */
			shown = items[i].show ? definition_shown(d->def, rec, items[i].id) : 1;
			if (shown < 0)
				return shown;
			if (!shown)
				continue;
			asked[i] = 1;
			added++;
			if ((rc = demo_answer(&d->rng, xmlDocGetRootElement(rec), &items[i])) != 0)
				return rc;
		}
	rc = definition_prune(d->def, rec);
	return rc < 0 ? rc : 0;
}

/* An unfinished survey: one to three mandatory answers cleared, and their follow-ups with
 * them, as when the kartlegger clears a question and saves. */
static int
demo_leave_out(struct demo *d, xmlDocPtr rec)
{
	xmlNodePtr root = xmlDocGetRootElement(rec), c, next;
	const struct def_item *items, *it;
	int n = definition_items(d->def, &items), k, tries, rc;

	for (k = 1 + demo_below(&d->rng, 3); k > 0; k--) {
		for (tries = 0, it = NULL; tries < DEMO_TRIES && (it == NULL || !it->mandatory);
		    tries++)
			it = &items[demo_below(&d->rng, n)];
		for (c = root->children; c && it && it->mandatory; c = next) {
			next = c->next;
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, it->id) == 0) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
	}
	rc = definition_prune(d->def, rec);
	return rc < 0 ? rc : 0;
}

/* every tab saved at least once, so the form shows them green or red, not grey */
static int
demo_visited(struct demo *d, xmlDocPtr rec)
{
	const struct def_tab *tabs;
	struct buf b = { 0 };
	int i, n = definition_tabs(d->def, &tabs), rc;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", tabs[i].id);
	rc = b.err ? b.err : xmlSetProp(xmlDocGetRootElement(rec), BAD_CAST "besokt",
	    BAD_CAST (b.p ? b.p : "")) ? 0 : BP_ENOMEM;
	buf_free(&b);
	return rc;
}

/* One survey: a person, the record of answers, and the facts the list shows. */
static int
demo_survey(struct demo *d, struct fnr *f, xmlDocPtr *out, struct survey_facts *facts)
{
	struct evaluation ev;
	xmlDocPtr rec = NULL;
	int age, tries, rc, complete = !demo_chance(&d->rng, DEMO_INCOMPLETE);

	*out = NULL;
	if ((rc = demo_person(d, f, &age)) != 0)
		return rc;
	for (tries = 0; tries < DEMO_TRIES; tries++) {
		xmlFreeDoc(rec);
		if ((rec = answers_new(d->year, d->owner.kommune, f->digits, kjonn_ids[f->kjonn],
		    f->year, age)) == NULL)
			return BP_ENOMEM;
		if ((rc = demo_fill(d, rec)) != 0 ||
		    (!complete && (rc = demo_leave_out(d, rec)) != 0) ||
		    (rc = demo_visited(d, rec)) != 0 ||
		    (rc = definition_evaluate(d->def, rec, &ev)) != 0) {
			xmlFreeDoc(rec);
			return rc;
		}
		/* a contradiction drawn by chance (lives alone, with children): draw again */
		if (!complete || ev.errors == 0)
			break;
	}
	/* kept in the record, as a save keeps it (answers.h) */
	if ((rc = answers_store_evaluation(rec, definition_stamp(d->def), &ev)) != 0) {
		xmlFreeDoc(rec);
		return rc;
	}
	memset(facts, 0, sizeof(*facts));
	facts->errors = ev.errors;
	facts->obs = ev.obs;
	facts->changed = d->now - demo_below(&d->rng, DEMO_SEASON);
	if (time_year((time_t)facts->changed) != d->year)
		facts->changed = d->now;
	*out = rec;
	return 0;
}

/* One write transaction of d->batch surveys. It may run again after the map grew: it
 * then draws other people, which is as good. */
static int
make_demo(struct store_txn *txn, void *arg)
{
	struct demo *d = arg;
	unsigned char key[SURVEY_KEY_LEN];
	char existing[ACCOUNT_ID_LEN + 1];
	struct survey_facts facts;
	struct fnr f;
	xmlDocPtr rec;
	long i;
	int rc = 0, tries;

	d->batch_complete = 0;
	for (i = 0; i < d->batch && rc == 0; i++) {
		/* a person already surveyed in the kommune this year (by an earlier demo, or
		 * drawn twice): another one */
		for (tries = 0, rc = BP_EEXIST; rc == BP_EEXIST && tries < DEMO_TRIES; tries++) {
			if ((rc = demo_survey(d, &f, &rec, &facts)) == 0 &&
			    (rc = survey_key(d->sec, d->owner.kommune, d->year, f.digits, key)) == 0)
				rc = survey_create(txn, d->sec, key, d->owner.id, rec, f.digits,
				    &facts, existing);
			xmlFreeDoc(rec);
			crypto_wipe(&f, sizeof(f));
		}
		if (rc == 0)
			rc = survey_log(txn, key, facts.changed, "bpadm", "opprettet");
		d->batch_complete += rc == 0 && facts.errors == 0;
	}
	return rc;
}

static int
find_owner(struct store_txn *txn, void *arg)
{
	struct demo *d = arg;

	return account_by_email(txn, d->email, &d->owner);
}

/* the batches, each its own transaction so the site is not kept waiting for long */
static int
demo_store(const struct config *cfg, struct demo *d)
{
	struct store *st;
	int rc;

	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0)
		return rc;
	if ((rc = store_read(st, find_owner, d)) == 0 && strlen(d->owner.kommune) != 4)
		rc = BP_EDENIED;
	while (rc == 0 && d->done < d->n) {
		d->batch = d->n - d->done < DEMO_BATCH ? d->n - d->done : DEMO_BATCH;
		if ((rc = store_write(st, make_demo, d)) == 0) {
			d->done += d->batch;
			d->complete += d->batch_complete;
		}
	}
	store_close(st);
	return rc;
}

static int
cmd_demo(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "surveys", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	char email[EMAIL_MAX + 1], err[PATH_MAX + 128], today[11], msg[PATH_MAX + 64];
	struct definition *def;
	struct secrets sec;
	struct demo d;
	long long v;
	int c, rc;

	memset(&d, 0, sizeof(d));
	email[0] = '\0';
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'o' && email_normalize(optarg, email, sizeof(email)) == 0)
			continue;
		if (c == 's' && str_to_ll(optarg, 1, 1000000, &v) == 0) {
			d.n = (long)v;
			continue;
		}
		usage(stderr);
		return EXIT_USAGE;
	}
	if (email[0] == '\0' || d.n == 0 || optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cfg->mode != MODE_TEST) {
		fail("demo", "syntetiske data lages bare med mode = test");
		return 1;
	}
	d.now = clock_now(cfg);
	time_date((time_t)d.now, today);
	d.year = atoi(today);
	d.month = atoi(today + 5);
	d.day = atoi(today + 8);
	if ((rc = definition_load(cfg->data, d.year, &def)) != 0) {
		snprintf(msg, sizeof(msg), "ingen spørreskjema for %d i %s/%s", d.year, cfg->data,
		    DEFINITION_DIR);
		fail("demo", rc == BP_ENOENT ? msg : bp_strerror(rc));
		return 1;
	}
	if (secrets_load(cfg->secrets, &sec, err, sizeof(err)) != 0) {
		fail("demo", err);
		definition_free(def);
		return 1;
	}
	if ((rc = crypto_random(&d.rng.s, sizeof(d.rng.s))) == 0) {
		d.rng.s |= 1;		/* xorshift never leaves 0 */
		d.sec = &sec;
		d.def = def;
		d.email = email;
		rc = demo_store(cfg, &d);
	}
	secrets_wipe(&sec);
	definition_free(def);
	if (rc == BP_ENOENT) {
		fail("demo", "ingen konto med den e-postadressen");
		return 1;
	}
	if (rc == BP_EDENIED) {
		fail("demo", "kontoen hører ikke til en kommune");
		return 1;
	}
	if (rc != 0) {
		fail("demo", bp_strerror(rc));
		return 1;
	}
	printf("%ld kartlegginger for %s (%ld uten feil)\n", d.done, email, d.complete);
	return 0;
}

/* -- defimage ------------------------------------------------------------------------------ */

/* The image of a year's definition (cgi-bin/lib/defimage.c), as the build makes it: written
 * to a temporary file and renamed, so a reader never sees half of one. */
static int
cmd_defimage(struct config *cfg, int argc, char **argv)
{
	char tmp[PATH_MAX];
	struct buf img = { 0 };
	long long year;
	FILE *f;
	int rc;

	(void)cfg;
	if (argc != 4 || str_to_ll(argv[2], 2000, 9999, &year) != 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((rc = definition_image(argv[1], (int)year, &img)) != 0) {
		fail("defimage", bp_strerror(rc));
		buf_free(&img);
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[3]);
	if ((f = fopen(tmp, "we")) == NULL || fwrite(img.p, 1, img.len, f) != img.len ||
	    fclose(f) != 0 || rename(tmp, argv[3]) != 0) {
		fail("defimage", strerror(errno));
		buf_free(&img);
		return 1;
	}
	buf_free(&img);
	return 0;
}

/* -- demo-registry ------------------------------------------------------------------------ */

/* Registry rows as a transfer writes them (transfer.h), for the reports and their bench,
 * made fast: a few hundred records answered by walking the questionnaire as `demo` does
 * (demo_fill, with the levekårsindeks evaluated), then each row one of them at random with
 * its own pseudonym, kommune and bydel. Person i of a kommune has the same pseudonym every
 * year, so a second year's rows follow the first's persons. */

#define REGDEMO_TEMPLATES 400
#define REGDEMO_BATCH 5000	/* rows per write transaction */
#define REGDEMO_KOMMUNER 512

struct regdemo {
	struct demo d;
	char *tmpl[REGDEMO_TEMPLATES];	/* the answers (children of the root), owned */
	char tattr[REGDEMO_TEMPLATES][160];	/* kjonn alder indeks ... attributes */
	struct { char nr[5]; char bydeler[24][8]; int nbydeler; } k[REGDEMO_KOMMUNER];
	int nk;
	long count, done;
	const char *only;		/* --kommune, or NULL */
};

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int
regdemo_template(struct regdemo *r, int t)
{
	struct evaluation ev;
	struct buf b = { 0 };
	xmlDocPtr rec = NULL;
	xmlNodePtr n;
	int age, tries, rc = 0, kjonn;

	for (tries = 0; tries < DEMO_TRIES; tries++) {
		xmlFreeDoc(rec);
		age = demo_chance(&r->d.rng, DEMO_UNDER_25) ? 16 + demo_below(&r->d.rng, 9) :
		    25 + demo_below(&r->d.rng, 56);
		kjonn = 1 + demo_below(&r->d.rng, 2);
		if ((rec = answers_new(r->d.year, "0000", "00000000000", kjonn_ids[kjonn],
		    r->d.year - age, age)) == NULL)
			return BP_ENOMEM;
		if ((rc = demo_fill(&r->d, rec)) != 0 ||
		    (rc = definition_evaluate(r->d.def, rec, &ev)) != 0)
			break;
		if (ev.errors == 0)
			break;
	}
	if (rc == 0 && tries == DEMO_TRIES)
		rc = BP_EINVAL;
	if (rc == 0) {
		for (n = xmlDocGetRootElement(rec)->children; n; n = n->next) {
			xmlBufferPtr xb = xmlBufferCreate();

			if (xb == NULL || xmlNodeDump(xb, rec, n, 0, 0) < 0) {
				xmlBufferFree(xb);
				rc = BP_ENOMEM;
				break;
			}
			buf_add(&b, xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
			xmlBufferFree(xb);
		}
		snprintf(r->tattr[t], sizeof(r->tattr[t]), "kjonn=\"%s\" fodselsar=\"%d\" "
		    "alder=\"%d\" regler=\"demo\" indeks=\"%s\" indekstekst=\"%s\"",
		    kjonn_ids[kjonn], r->d.year - age, age, ev.index_group, ev.index_title);
		if (rc == 0 && (rc = b.err) == 0)
			r->tmpl[t] = b.p, b.p = NULL;
	}
	buf_free(&b);
	xmlFreeDoc(rec);
	return rc;
}

/* the kommuner (and their bydeler) from the reference data */
static int
regdemo_kommuner(struct regdemo *r, const struct config *cfg)
{
	struct refdata *rd = NULL;
	struct page pg;
	xmlNodePtr ks, k, b;
	int rc;

	if ((rc = refdata_load(cfg->data, &rd)) != 0)
		return rc;
	if ((rc = page_init(&pg, "x")) != 0) {
		refdata_free(rd);
		return rc;
	}
	refdata_page(&pg, rd, NULL, r->only);
	for (ks = pg.root->children; ks; ks = ks->next) {
		if (strcmp((const char *)ks->name, "kommuner") != 0)
			continue;
		for (k = ks->children; k && r->nk < REGDEMO_KOMMUNER; k = k->next) {
			const char *nr = record_node_attr(k, "nr");

			if (nr == NULL || strlen(nr) != 4)
				continue;
			memcpy(r->k[r->nk].nr, nr, 5);
			for (b = k->children; b && r->k[r->nk].nbydeler < 24; b = b->next)
				if (record_node_attr(b, "nr"))
					str_copy(r->k[r->nk].bydeler[r->k[r->nk].nbydeler++], 8,
					    record_node_attr(b, "nr"));
			r->nk++;
		}
	}
	rc = pg.err ? pg.err : r->nk > 0 ? 0 : BP_ENOENT;
	page_free(&pg);
	refdata_free(rd);
	return rc;
}

static int
regdemo_batch(struct store_txn *txn, void *arg)
{
	struct regdemo *r = arg;
	unsigned char key[REGISTRY_KEY_LEN];
	char pseudonym[PSEUDONYM_LEN + 1];
	struct buf row = { 0 };
	long i, end = r->done + REGDEMO_BATCH < r->count ? r->done + REGDEMO_BATCH : r->count;
	int rc = 0;

	for (i = r->done; i < end && rc == 0; i++) {
		int ki = (int)(i % r->nk), t = demo_below(&r->d.rng, REGDEMO_TEMPLATES), j;
		uint64_t x = ((uint64_t)strtoul(r->k[ki].nr, NULL, 10) << 32) | (uint64_t)(i / r->nk);
		const char *bydel = r->k[ki].nbydeler ?
		    r->k[ki].bydeler[demo_below(&r->d.rng, r->k[ki].nbydeler)] : "";

		snprintf((char *)key, 9, "%04d%s", r->d.year, r->k[ki].nr);
		for (j = 0; j < 4; j++) {
			uint64_t v = splitmix(&x);

			memcpy(key + 8 + 8 * j, &v, 8);
		}
		hex_encode(key + 8, 32, pseudonym);
		buf_reset(&row);
		buf_printf(&row, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kartlegging aar=\"%d\" "
		    "kommune=\"%s\" %s pseudonym=\"%s\" instanstype=\"%s\" bydel=\"%s\">%s"
		    "</kartlegging>\n", r->d.year, r->k[ki].nr, r->tattr[t], pseudonym,
		    tjenestetype_ids[demo_below(&r->d.rng, TJ__MAX)], bydel, r->tmpl[t]);
		rc = row.err ? row.err : store_put(txn, DB_REGISTRY, key, sizeof(key), row.p,
		    row.len);
	}
	buf_free(&row);
	return rc;
}

static int
cmd_demo_registry(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "count", required_argument, NULL, 'n' },
		{ "kommune", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct regdemo *r;
	struct definition *def = NULL;
	struct store *st = NULL;
	long long v;
	int c, i, rc;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		fail("demo-registry", bp_strerror(BP_ENOMEM));
		return 1;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'y' && str_to_ll(optarg, 2000, 9999, &v) == 0)
			r->d.year = (int)v;
		else if (c == 'n' && str_to_ll(optarg, 1, 2000000, &v) == 0)
			r->count = (long)v;
		else if (c == 'k' && strlen(optarg) == 4 && strspn(optarg, "0123456789") == 4)
			r->only = optarg;
		else {
			free(r);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (r->d.year == 0 || r->count == 0 || optind != argc) {
		free(r);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cfg->mode != MODE_TEST) {
		free(r);
		fail("demo-registry", "syntetiske data lages bare med mode = test");
		return 1;
	}
	/* the rows of a year are answered by that year's questionnaire, or else 2026's */
	if ((rc = definition_load(cfg->data, r->d.year, &def)) == BP_ENOENT)
		rc = definition_load(cfg->data, 2026, &def);
	r->d.def = def;
	r->d.rng.s = 0x9E3779B97F4A7C15ULL ^ (uint64_t)r->d.year;	/* the same rows each run */
	if (rc == 0)
		rc = regdemo_kommuner(r, cfg);
	for (i = 0; rc == 0 && i < REGDEMO_TEMPLATES; i++)
		rc = regdemo_template(r, i);
	if (rc == 0)
		rc = store_open(cfg->store, cfg->map_size, 0, &st);
	while (rc == 0 && r->done < r->count)
		if ((rc = store_write(st, regdemo_batch, r)) == 0)
			r->done = r->done + REGDEMO_BATCH < r->count ? r->done + REGDEMO_BATCH : r->count;
	store_close(st);
	for (i = 0; i < REGDEMO_TEMPLATES; i++)
		free(r->tmpl[i]);
	definition_free(def);
	if (rc != 0) {
		fail("demo-registry", rc == BP_ENOENT ? "ukjent kommune eller intet spørreskjema" :
		    bp_strerror(rc));
		free(r);
		return 1;
	}
	printf("%ld rader i registeret for %d i %d kommuner\n", r->done, r->d.year, r->nk);
	free(r);
	return 0;
}

/* config: 1 the command needs the configuration; 0 it uses it when there is one */
static const struct {
	const char *name;
	int (*fn)(struct config *, int, char **);
	int config;
} commands[] = {
	{ "demo", cmd_demo, 1 },
	{ "demo-registry", cmd_demo_registry, 1 },
	{ "reserve", cmd_reserve, 1 },
	{ "clock", cmd_clock, 1 },
	{ "init", cmd_init, 1 },
	{ "invite", cmd_invite, 1 },
	{ "audit", cmd_audit, 1 },
	{ "stat", cmd_stat, 1 },
	{ "errorpages", cmd_errorpages, 1 },
	{ "fnr", cmd_fnr, 0 },
	{ "defimage", cmd_defimage, 0 },
};

int
main(int argc, char **argv)
{
	struct config cfg;
	const char *conf = NULL;
	size_t i;
	int c;

	log_set_prog("bpadm");
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	while ((c = getopt(argc, argv, "+c:")) != -1) {
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		if (!commands[i].config) {
			char err[PATH_MAX + 128];

			return commands[i].fn(config_load(conf, &cfg, err, sizeof(err)) == 0 ? &cfg :
			    NULL, argc - optind, argv + optind);
		}
		if (load(conf, &cfg) != 0)
			return 1;
		return commands[i].fn(&cfg, argc - optind, argv + optind);
	}
	fprintf(stderr, "bpadm: ukjent kommando: %s\n\n", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
