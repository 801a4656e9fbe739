/* bpadm: administer a Brukerplan installation from the command line.
 *
 *   bpadm [-c FIL] init | invite | audit | stat | backup | restore | verify | errorpages |
 *                  definition
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

#include "definition_cmd.h"
#include "demo.h"
#include "drift.h"

#define EXIT_USAGE 2

static const char usage_text[] =
    "Bruk: bpadm [-c FIL] KOMMANDO [VALG]\n"
    "\n"
    "Kommandoer:\n"
    "  init                    lag lageret og hemmelighetsfilen (modus 0600)\n"
    "  invite --role korfor [--uses N] [--count N]\n"
    "                          lag invitasjonslenker (gyldige i 30 dager); andre roller\n"
    "                          inviteres fra nettsiden\n"
    "  audit [--last N] [--person ID|E-POST] [--kind TYPE] [--fra DATO] [--til DATO]\n"
    "        [--kommune NNNN | --region REGION]\n"
    "                          vis revisjonsloggen (tilgangsloggen), nyeste først, med\n"
    "                          sidens filtre; TYPE: innlogging, konto, lenker, oppslag,\n"
    "                          reservasjon, datoer, nedlasting; DATO: ÅÅÅÅ-MM-DD\n"
    "  stat                    lagerets størrelse og antall poster\n"
    "  backup KATALOG          sikkerhetskopi mens nettstedet går: lagerets komprimerte\n"
    "                          kopi, hemmelighetsfilen (0600) og et manifest\n"
    "  restore KATALOG         legg en sikkerhetskopi inn i et tomt eller manglende lager,\n"
    "                          etter at den er sjekket mot manifestet og hemmelighetene\n"
    "  verify [KATALOG]        les og åpne hver post i lageret (eller i en\n"
    "                          sikkerhetskopi); avslutter 1 ved første som ikke kan leses\n"
    "  errorpages KATALOG      lag statiske feilsider for Apache (ErrorDocument)\n"
    "  fnr [--mode test|drift] NUMMER\n"
    "                          sjekk et fødselsnummer; skriver én linje, avslutter 0 eller 1\n"
    "  reserve [--remove] KOMMUNENUMMER\n"
    "                          reserver (eller slett reservasjonen av) fødselsnummeret\n"
    "                          som leses fra standard inn, mot årets kartlegging i kommunen\n"
    "  demo --kommuner N --surveys M [--password PASSORD]\n"
    "                          syntetiske data (bare mode = test): de N første\n"
    "                          kommunene med kontoer i alle roller, instanser, datoer\n"
    "                          og M kartlegginger; skriver kontoenes navn og passord\n"
    "  demo --owner E-POST --surveys N\n"
    "                          N syntetiske kartlegginger med svar, eid av kontoen\n"
    "                          (bare mode = test)\n"
    "  demo-registry --year ÅR --count N [--kommune NNNN]\n"
    "                          N syntetiske pseudonymiserte rader i registeret (rapporter,\n"
    "                          make bench); uten --kommune fordelt på alle kommuner\n"
    "                          (bare mode = test)\n"
    "  clock [--advance SEK | --set 'ÅÅÅÅ-MM-DD TT:MM' | --reset]\n"
    "                          testklokken (bare med mode = test): vis, flytt, nullstill\n"
    "  definition check FIL    sjekk et spørreskjema (definisjonsfil): skjema, unike id-er,\n"
    "                          XPath-uttrykk kjørt på genererte kartlegginger, og hva som\n"
    "                          er endret mot siste installerte år; feil som FIL:LINJE: melding\n"
    "  definition publish FIL  sjekk og installer spørreskjemaet for året i year-attributtet\n"
    "                          (med skjemaets faner og rapportdefinisjonen), byttet inn på én gang\n"
    "  definition list         de installerte årene med stempel og versjon\n"
    "  definition build DATAKATALOG FIL\n"
    "                          som publish, men i en datakatalog og uten lager (byggets og\n"
    "                          deploy.sh sitt: de samme filene, laget av den samme koden)\n"
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
	if ((rc = store_format_set(txn)) ||
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
			if (str_to_ll(optarg, 1, INVITE_USES_MAX, &v) != 0) {
				fail("invite", "--uses må være et tall fra 1 til "
				    BP_STR(INVITE_USES_MAX));
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
	struct audit_filter f;
	const char *email;		/* --person as an e-post: resolved to its account */
	char person[ACCOUNT_ID_LEN + 1];
};

static int
print_line(const char *line, size_t len, void *arg)
{
	struct audit_print *p = arg;
	struct audit_line l;
	char copy[2048];

	if (len >= sizeof(copy))
		return 0;
	memcpy(copy, line, len);
	copy[len] = '\0';
	if (audit_split(copy, &l) != 0 || !audit_match(&l, &p->f))
		return 0;
	fwrite(line, 1, len, stdout);
	fputc('\n', stdout);
	return --p->left > 0 ? 0 : 1;
}

static int
list_audit(struct store_txn *txn, void *arg)
{
	struct audit_print *p = arg;
	struct account acct;
	int rc;

	if (p->email) {
		if ((rc = account_by_email(txn, p->email, &acct)) != 0)
			return rc;
		str_copy(p->person, sizeof(p->person), acct.id);
		p->f.person = p->person;
	}
	return audit_list(txn, print_line, arg);
}

static const char *
audit_region_of(const char *kommune, void *arg)
{
	return refdata_kommune_region(arg, kommune);
}

/* the same filters as the Tilgangslogg (audit_match), the same checks of their values */
static int
cmd_audit(struct config *cfg, int argc, char **argv)
{
	struct audit_print p;
	struct refdata *rd = NULL;
	char email[EMAIL_MAX + 1];
	struct store *st;
	long long v;
	int i, rc;

	memset(&p, 0, sizeof(p));
	p.left = 50;
	p.f.kind = -1;
	for (i = 1; i < argc; i += 2) {
		const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (val == NULL)
			goto usage;
		if (strcmp(o, "--last") == 0 && str_to_ll(val, 1, 1000000, &v) == 0)
			p.left = (long)v;
		else if (strcmp(o, "--person") == 0 && strchr(val, '@') &&
		    email_normalize(val, email, sizeof(email)) == 0)
			p.email = email;
		else if (strcmp(o, "--person") == 0 && strlen(val) == ACCOUNT_ID_LEN &&
		    strspn(val, "0123456789abcdef") == ACCOUNT_ID_LEN)
			p.f.person = val;
		else if (strcmp(o, "--kind") == 0 && (p.f.kind = audit_kind_from_id(val)) >= 0)
			;
		else if (strcmp(o, "--fra") == 0 && date_valid(val))
			p.f.fra = val;
		else if (strcmp(o, "--til") == 0 && date_valid(val))
			p.f.til = val;
		else if (strcmp(o, "--kommune") == 0 && strlen(val) == 4 &&
		    strspn(val, "0123456789") == 4)
			p.f.kommune = val;
		else if (strcmp(o, "--region") == 0 && *val && strlen(val) < 32)
			p.f.region = val;
		else
			goto usage;
	}
	if (p.f.region) {
		/* lines with a kommune and no region belong to the kommune's region */
		if ((rc = refdata_load(cfg->data, &rd)) != 0) {
			fail("audit", bp_strerror(rc));
			return 1;
		}
		p.f.region_of = audit_region_of;
		p.f.arg = rd;
	}
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) != 0) {
		fail("audit", bp_strerror(rc));
		refdata_free(rd);
		return 1;
	}
	rc = store_read(st, list_audit, &p);
	store_close(st);
	refdata_free(rd);
	if (rc == BP_ENOENT && p.email) {
		fail("audit", "ingen konto med den e-postadressen");
		return 1;
	}
	if (rc != 0) {
		fail("audit", bp_strerror(rc));
		return 1;
	}
	return 0;
usage:
	usage(stderr);
	return EXIT_USAGE;
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

#define DEMO_PASSWORD "brukerplan-demo"	/* a site's accounts, unless --password */

/* the year's questionnaire: that of year, or else 2026's (registry rows of other years) */
static int
demo_definition(const struct config *cfg, int year, int fallback, struct definition **def)
{
	char msg[PATH_MAX + 64];
	int rc;

	if ((rc = definition_load(cfg->data, year, def)) == BP_ENOENT && fallback)
		rc = definition_load(cfg->data, 2026, def);
	if (rc == 0)
		return 0;
	snprintf(msg, sizeof(msg), "ingen spørreskjema for %d i %s/%s", year, cfg->data,
	    DEFINITION_DIR);
	fail("demo", rc == BP_ENOENT ? msg : bp_strerror(rc));
	return rc;
}

static int
cmd_demo(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "kommuner", required_argument, NULL, 'k' },
		{ "surveys", required_argument, NULL, 's' },
		{ "password", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	char email[EMAIL_MAX + 1], err[PATH_MAX + 128], today[11];
	struct demo_request rq;
	struct demo_result res;
	struct definition *def;
	struct secrets sec;
	long long v;
	int c, rc, year;

	memset(&rq, 0, sizeof(rq));
	rq.password = DEMO_PASSWORD;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'o' && email_normalize(optarg, email, sizeof(email)) == 0)
			rq.owner = email;
		else if (c == 'k' && str_to_ll(optarg, 1, 1000, &v) == 0)
			rq.kommuner = (int)v;
		else if (c == 's' && str_to_ll(optarg, 1, 2000000, &v) == 0)
			rq.surveys = (long)v;
		else if (c == 'p' && strlen(optarg) >= 8 && strlen(optarg) <= 128)
			rq.password = optarg;
		else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (rq.surveys == 0 || !!rq.owner == !!rq.kommuner || optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cfg->mode != MODE_TEST) {
		fail("demo", "syntetiske data lages bare med mode = test");
		return 1;
	}
	rq.now = clock_now(cfg);
	time_date((time_t)rq.now, today);
	if (str_digits(today, 4, &year) != 0 || demo_definition(cfg, year, 0, &def) != 0)
		return 1;
	if (secrets_load(cfg->secrets, &sec, err, sizeof(err)) != 0) {
		fail("demo", err);
		definition_free(def);
		return 1;
	}
	rc = demo_make(cfg, &sec, def, &rq, &res);
	secrets_wipe(&sec);
	definition_free(def);
	if (rc != 0) {
		fail("demo", rc == BP_ENOENT && rq.owner ? "ingen konto med den e-postadressen" :
		    rc == BP_EDENIED ? "kontoen hører ikke til en kommune" : bp_strerror(rc));
		return 1;
	}
	if (rq.owner) {
		printf("%ld kartlegginger for %s (%ld uten feil)\n", res.surveys, rq.owner,
		    res.complete);
		return 0;
	}
	printf("%ld kartlegginger i %d kommuner (%ld uten feil), %ld nye kontoer\n"
	    "kontoer: korfor@%s, korus-REGION@%s, kontakt-KOMMUNENR@%s,\n"
	    "         kartlegger-KOMMUNENR-N@%s (N fra 1)\n"
	    "passord: %s\n"
	    "TOTP-hemmelighet (base32, felles for demokontoene): %s\n",
	    res.surveys, res.kommuner, res.complete, res.accounts, DEMO_DOMAIN, DEMO_DOMAIN,
	    DEMO_DOMAIN, DEMO_DOMAIN, rq.password, res.totp);
	return 0;
}

/* -- demo-registry ------------------------------------------------------------------------ */

static int
cmd_demo_registry(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "count", required_argument, NULL, 'n' },
		{ "kommune", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct definition *def = NULL;
	const char *only = NULL;
	long long v;
	long count = 0;
	int c, rc, year = 0, kommuner;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'y' && str_to_ll(optarg, 2000, 9999, &v) == 0)
			year = (int)v;
		else if (c == 'n' && str_to_ll(optarg, 1, 2000000, &v) == 0)
			count = (long)v;
		else if (c == 'k' && strlen(optarg) == 4 && strspn(optarg, "0123456789") == 4)
			only = optarg;
		else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (year == 0 || count == 0 || optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cfg->mode != MODE_TEST) {
		fail("demo-registry", "syntetiske data lages bare med mode = test");
		return 1;
	}
	if (demo_definition(cfg, year, 1, &def) != 0)
		return 1;
	rc = demo_registry(cfg, def, year, count, only, &kommuner);
	definition_free(def);
	if (rc != 0) {
		fail("demo-registry", rc == BP_ENOENT ? "ukjent kommune" : bp_strerror(rc));
		return 1;
	}
	printf("%ld rader i registeret for %d i %d kommuner\n", count, year, kommuner);
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
	{ "backup", cmd_backup, 1 },
	{ "restore", cmd_restore, 1 },
	{ "verify", cmd_verify, 1 },
	{ "errorpages", cmd_errorpages, 1 },
	{ "fnr", cmd_fnr, 0 },
	{ "definition", cmd_definition, 0 },
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
