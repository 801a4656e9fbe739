/* bp-transfer: the cron side of "Overfør kommunens kartlegging til KORFOR" (2025 manual;
 * cgi-bin/README.md "The year's cycle and the transfer").
 *
 *   bp-transfer [-c FIL] [--dry-run] [--date ÅÅÅÅ-MM-DD] [--kommune NNNN]
 *
 * Transfers every kommune whose overføringsdato has come, and every kommune with surveys
 * still here after 31 December of their year; one line per kommune on standard out. Each
 * kommune is one write transaction (transfer.h), so a run that is killed leaves every
 * kommune either transferred or untouched, and the next run finishes the rest: each
 * survey reaches the registry exactly once. An flock on a file beside the store keeps a
 * second run from starting while one works. Then, as it runs daily, it deletes the audit
 * events older than the configured audit_months (24 by default). Exit 0 when all went well,
 * 1 on any failure (or another run at work), 2 on wrong usage. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "config.h"
#include "period.h"
#include "refdata.h"
#include "report.h"
#include "secrets.h"
#include "survey.h"
#include "transfer.h"

#define EXIT_USAGE 2
#define LOCK_FILE "bp-transfer.lock"
#define DUE_MAX 100000			/* kommuner x years in one run: far beyond 357 x 2 */

static const char usage_text[] =
    "Bruk: bp-transfer [-c FIL] [--dry-run] [--date ÅÅÅÅ-MM-DD] [--kommune NNNN]\n"
    "\n"
    "Overfører kartleggingen til KORFOR for hver kommune der overføringsdatoen er nådd,\n"
    "og for hver kommune som har kartlegginger igjen etter 31. desember. Én linje per\n"
    "kommune. Sletter så hendelsene i tilgangsloggen som er eldre enn audit_months\n"
    "(konfigurasjonen; 24 måneder om den ikke er satt).\n"
    "\n"
    "  --dry-run          vis hva som ville blitt overført, uten å endre noe\n"
    "  --date DATO        regn som om dagen er DATO (i drift ikke etter i dag)\n"
    "  --kommune NNNN     bare denne kommunen\n"
    "  -c FIL             konfigurasjonsfilen; ellers $" BP_CONFIG_ENV ", ellers\n"
    "                     " BP_CONFIG_DEFAULT "\n"
    "\n"
    "Avslutningskode: 0 ok, 1 feil, 2 feil bruk.\n";

struct due {
	char kommune[5];
	int year;
};

struct plan {
	const char *today;
	const char *only;		/* --kommune, or NULL */
	struct due *due;
	size_t n;
};

static int
add_due(struct plan *p, const char *kommune, int year)
{
	size_t i;

	if (p->only && strcmp(kommune, p->only) != 0)
		return 0;
	for (i = 0; i < p->n; i++)
		if (p->due[i].year == year && strcmp(p->due[i].kommune, kommune) == 0)
			return 0;
	if (p->n == DUE_MAX)
		return BP_ETOOBIG;
	str_copy(p->due[p->n].kommune, sizeof(p->due[p->n].kommune), kommune);
	p->due[p->n++].year = year;
	return 0;
}

/* a kommune whose dates say so, and which has surveys (or none: its receipt says 0) */
static int
period_due(const char *kommune, int year, const struct period *pd, void *arg)
{
	struct plan *p = arg;

	return period_state(pd, year, p->today) == PERIOD_DUE ? add_due(p, kommune, year) : 0;
}

/* a kommune with surveys: due after 31 December, or when its dates say so */
static int
survey_due(struct store_txn *txn, const char *kommune, int year, struct plan *p)
{
	struct period pd;
	int rc;

	if ((rc = period_get(txn, kommune, year, &pd)) != 0)
		return rc;
	return period_state(&pd, year, p->today) == PERIOD_DUE ? add_due(p, kommune, year) : 0;
}

struct years {
	struct store_txn *txn;
	struct plan *p;
};

static int
year_one(const char *kommune, int year, void *arg)
{
	struct years *y = arg;

	return survey_due(y->txn, kommune, year, y->p);
}

static int
find_due(struct store_txn *txn, void *arg)
{
	struct plan *p = arg;
	struct years y = { txn, p };
	int rc;

	p->n = 0;
	if ((rc = period_scan(txn, period_due, p)) != 0)
		return rc;
	return survey_years(txn, year_one, &y);
}

struct job {
	const struct secrets *sec;
	const struct transfer_reports *rep;	/* NULL in a dry run */
	const struct due *d;
	long long now;
	int dry;
	struct period receipt;
	int rc;
};

static int
run_job(struct store_txn *txn, void *arg)
{
	struct job *j = arg;

	memset(&j->receipt, 0, sizeof(j->receipt));
	j->rc = transfer_kommune(txn, j->sec, j->d->kommune, j->d->year, j->now, "cron", j->dry,
	    j->rep, &j->receipt);
	/* done by the kommunekontakt in between: nothing to write, and not a failure */
	return j->rc == BP_EEXIST ? 0 : j->rc;
}

/* The reports' counts of a year (every scope's and every person's, report.h) are made
 * ready (report_ready) when they do not hold already, so that no report reads a registry
 * row: each transfer above brings the counts that held up to date itself, and this pass
 * over the whole year's registry (by cron, not while a kommunekontakt waits for the page)
 * is for those that did not (the first run over a registry, rows written by other means). */
#define KEPT_YEARS 8

#define PURGE_BATCH 10000		/* audit events deleted in one write transaction */

struct purge {
	long long now;
	int months;
	long deleted;			/* by this batch */
	long total;
};

static int
purge_batch(struct store_txn *txn, void *arg)
{
	struct purge *p = arg;
	char detail[64];
	int n;

	if ((n = audit_purge(txn, p->now, p->months, PURGE_BATCH)) < 0)
		return n;
	p->deleted = n;
	p->total += n;
	if (n == PURGE_BATCH || p->total == 0)
		return 0;
	/* the deletion of traces leaves one */
	snprintf(detail, sizeof(detail), "%ld eldre enn %d måneder", p->total, p->months);
	return audit_add(txn, p->now, "audit.purged", "bp-transfer", NULL, detail);
}

/* purge_audit: the audit events past the configured period, in batches */
static int
purge_audit(struct store *st, const struct config *cfg, long long now, long *total)
{
	struct purge p = { now, cfg->audit_months, 0, 0 };
	int rc;

	do {
		if ((rc = store_write(st, purge_batch, &p)) != 0)
			return rc;
	} while (p.deleted == PURGE_BATCH);
	*total = p.total;
	return 0;
}

static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static int
open_lock(const struct config *cfg)
{
	char path[PATH_MAX + 32];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", cfg->store, LOCK_FILE);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		fprintf(stderr, "bp-transfer: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			fprintf(stderr, "bp-transfer: en annen overføring kjører allerede\n");
		else
			fprintf(stderr, "bp-transfer: %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;		/* held until exit; the kernel lets go if we are killed */
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "date", required_argument, NULL, 'd' },
		{ "kommune", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conf = NULL, *date = NULL, *only = NULL;
	char today[DATE_LEN + 1], real_today[DATE_LEN + 1], err[256];
	struct plan plan = { today, NULL, NULL, 0 };
	struct config cfg;
	struct secrets sec;
	struct store *st = NULL;
	struct refdata *rd = NULL;
	struct transfer_reports rep = { NULL, NULL };
	long long now;
	size_t i;
	int c, dry = 0, rc, status = 0, lock;
	/* the years whose report counts are made ready: last year (and so this year) on every
	 * run, and every year something was transferred of */
	int kept_year[KEPT_YEARS], nkept = 0;

	log_set_prog("bp-transfer");
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 'n': dry = 1; break;
		case 'd': date = optarg; break;
		case 'k': only = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (only && (strlen(only) != 4 || strspn(only, "0123456789") != 4)) {
		fprintf(stderr, "bp-transfer: --kommune: et kommunenummer har fire sifre\n");
		return EXIT_USAGE;
	}
	plan.only = only;
	if (config_load(conf, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "bp-transfer: %s\n", err);
		return 1;
	}
	now = (long long)time(NULL) + config_clock(&cfg);
	time_date((time_t)now, real_today);
	str_copy(today, sizeof(today), real_today);
	if (date) {
		if (date_parse(date, today) != 0) {
			fprintf(stderr, "bp-transfer: --date: ikke en gyldig dato: %s\n", date);
			return EXIT_USAGE;
		}
		/* in drift, never ahead of time: a transfer cannot be undone */
		if (cfg.mode == MODE_DRIFT && strcmp(today, real_today) > 0) {
			fprintf(stderr, "bp-transfer: --date kan ikke være etter i dag i drift\n");
			return EXIT_USAGE;
		}
	}
	if (secrets_load(cfg.secrets, &sec, err, sizeof(err)) != 0) {
		fprintf(stderr, "bp-transfer: %s\n", err);
		return 1;
	}
	if ((lock = open_lock(&cfg)) < 0) {
		secrets_wipe(&sec);
		return 1;
	}
	/* the reports' kept counts take each kommune's rows in its transfer (report.h); without
	 * the reference data (said here) the transfers still run, and the first report
	 * opened counts afresh */
	if ((rc = refdata_load(cfg.data, &rd)) != 0)
		fprintf(stderr, "bp-transfer: referansedataene: %s\n", bp_strerror(rc));
	rep.data_dir = cfg.data;
	rep.rd = rd;
	if ((plan.due = calloc(DUE_MAX, sizeof(*plan.due))) == NULL ||
	    (rc = store_open(cfg.store, cfg.map_size, 0, &st)) != 0 ||
	    (rc = store_read(st, find_due, &plan)) != 0) {
		fprintf(stderr, "bp-transfer: lageret: %s\n", plan.due ? bp_strerror(rc) :
		    "tomt for minne");
		status = 1;
		goto out;
	}
	if (!dry)
		kept_year[nkept++] = time_year((time_t)now) - 1;
	for (i = 0; i < plan.n; i++) {
		struct job j = { &sec, dry || rd == NULL ? NULL : &rep, &plan.due[i], now, dry,
		    { "", "", "", 0, 0, 0, "" }, 0 };

		rc = dry ? store_read(st, run_job, &j) : store_write(st, run_job, &j);
		if (rc == 0 && j.rc == BP_EEXIST) {
			printf("%s %d: allerede overført\n", j.d->kommune, j.d->year);
			continue;
		}
		if (rc != 0) {
			printf("%s %d: feil: %s\n", j.d->kommune, j.d->year, bp_strerror(rc));
			status = 1;
			continue;
		}
		printf("%s %d: %s %ld %s, holdt tilbake %ld med feil%s\n", j.d->kommune, j.d->year,
		    dry ? "ville overført" : "overført", j.receipt.transferred,
		    plural(j.receipt.transferred, "kartlegging", "kartlegginger"),
		    j.receipt.held_back, dry ? " (prøvekjøring)" : "");
		fflush(stdout);
		if (!dry) {
			int y, seen = 0;

			for (y = 0; y < nkept; y++)
				seen |= kept_year[y] == j.d->year;
			if (!seen && nkept < KEPT_YEARS)
				kept_year[nkept++] = j.d->year;
		}
	}
	/* the transfers are done whatever happens here: a failure only makes the first
	 * report slower, so it is said but does not fail the run */
	for (i = 0; i < 2 * (size_t)nkept; i++) {
		/* the year, and the year after it (its last year's column is this one) */
		int y = kept_year[i / 2] + (int)(i % 2);

		int counted;

		if (rd == NULL)
			break;
		if ((rc = report_ready(st, cfg.data, rd, y, &counted)) != 0)
			fprintf(stderr, "bp-transfer: rapportene for %d: %s\n", y, bp_strerror(rc));
	}
	if (!dry) {
		long purged;

		if ((rc = purge_audit(st, &cfg, now, &purged)) != 0) {
			fprintf(stderr, "bp-transfer: tilgangsloggen: %s\n", bp_strerror(rc));
			status = 1;
		} else if (purged > 0)
			printf("tilgangsloggen: %ld %s eldre enn %d måneder slettet\n", purged,
			    plural(purged, "hendelse", "hendelser"), cfg.audit_months);
	}
out:
	store_close(st);
	refdata_free(rd);
	free(plan.due);
	secrets_wipe(&sec);
	close(lock);
	return status;
}
