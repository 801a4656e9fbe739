/* rapport.c: the Kommunerapport, made from the registry the moment a kommune's year is
 * transferred (issue 6), and the reports beside it: a bydel's, a KORUS region's, the
 * country's. Who may open which is authz's (ACT_REPORT): the kommunekontakt its kommune
 * and its bydeler, KORUS its region and each kommune in it, KORFOR all.
 *
 *   GET /cgi-bin/rapport[?omrade=land|r-REGION|k-NNNN|b-NNNNNN][&aar=ÅÅÅÅ][&format=csv|pdf]
 *
 * Without omrade one's own: the kommune, the region, the country. The page is report.h's
 * aggregate through xslt/rapport.xsl (charts as inline SVG and a table beside each); the
 * PDF is the same aggregate drawn by report_pdf.h; the CSV (report_csv) has every table.
 * Only aggregates with the <5 rule applied reach this file; each opening is written to
 * the audit log. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "authz.h"
#include "pdf.h"
#include "report.h"
#include "report_pdf.h"

enum format { F_HTML, F_CSV, F_PDF, F__MAX };
static const char *const format_ids[F__MAX] = { "", "csv", "pdf" };
static const char *const audit_events[F__MAX] = { "report.view", "report.csv", "report.pdf" };

struct req {
	struct app *a;
	const struct refdata *rd;
	struct report_target t;
	char omrade[48];
	char name[192];			/* of the scope, for the title */
	char region_name[128];
	char prev_name[224];		/* the scope last year */
	int year;
	enum format fmt;
	const struct report_def *def;
	struct report *rep;
};

/* the scope asked for (or one's own), checked against the reference data and authz */
static int
parse_target(struct req *q)
{
	const struct account *me = &q->a->me;
	const char *o = app_query(q->a, K_OMRADE), *name, *region;
	struct target t = { -1, "", "", "", NULL, 0, NULL };

	if (*o == '\0')
		o = me->role == ROLE_KORFOR ? "land" : me->role == ROLE_KORUS ? "r-" : "k-";
	if (strlen(o) >= sizeof(q->omrade))
		return BP_EINVAL;
	memset(&q->t, 0, sizeof(q->t));
	if (strcmp(o, "land") == 0) {
		q->t.scope = SCOPE_LAND;
		t.role = ROLE_KORFOR;
		str_copy(q->name, sizeof(q->name), "Hele landet");
	} else if (strncmp(o, "r-", 2) == 0) {
		q->t.scope = SCOPE_REGION;
		str_copy(q->t.region, sizeof(q->t.region), o[2] ? o + 2 : me->region);
		if ((name = refdata_region_name(q->rd, q->t.region)) == NULL)
			return o[2] ? BP_ENOENT : BP_EDENIED;
		t.role = ROLE_KORUS;
		str_copy(q->name, sizeof(q->name), name);
	} else if (strncmp(o, "k-", 2) == 0 || strncmp(o, "b-", 2) == 0) {
		const char *nr = o[2] ? o + 2 : me->kommune;

		if (o[0] == 'b' && (strlen(nr) != 6 || strspn(nr, "0123456789") != 6))
			return BP_EINVAL;
		if (o[0] == 'k' && (strlen(nr) != 4 || strspn(nr, "0123456789") != 4))
			return o[2] ? BP_EINVAL : BP_EDENIED;
		memcpy(q->t.kommune, nr, 4);
		q->t.kommune[4] = '\0';
		if ((name = refdata_kommune_name(q->rd, q->t.kommune)) == NULL ||
		    (region = refdata_kommune_region(q->rd, q->t.kommune)) == NULL)
			return BP_ENOENT;
		str_copy(q->t.region, sizeof(q->t.region), region);
		str_copy(q->name, sizeof(q->name), name);
		q->t.scope = SCOPE_KOMMUNE;
		if (o[0] == 'b') {
			const char *bydel = refdata_bydel_name(q->rd, q->t.kommune, nr);

			if (bydel == NULL)
				return BP_ENOENT;
			q->t.scope = SCOPE_BYDEL;
			str_copy(q->t.bydel, sizeof(q->t.bydel), nr);
			snprintf(q->name, sizeof(q->name), "%s, bydel %s", name, bydel);
		}
		t.role = ROLE_KOMMUNE;
		t.kommune = q->t.kommune;
	} else
		return BP_EINVAL;
	t.region = q->t.region;
	if (authz(me, ACT_REPORT, &t) != 0)
		return BP_EDENIED;
	switch (q->t.scope) {
	case SCOPE_LAND:
		str_copy(q->omrade, sizeof(q->omrade), "land");
		break;
	case SCOPE_REGION:
		snprintf(q->omrade, sizeof(q->omrade), "r-%s", q->t.region);
		break;
	case SCOPE_KOMMUNE:
		snprintf(q->omrade, sizeof(q->omrade), "k-%s", q->t.kommune);
		break;
	case SCOPE_BYDEL:
		snprintf(q->omrade, sizeof(q->omrade), "b-%s", q->t.bydel);
		break;
	default:
		abort();
	}
	if ((name = refdata_region_name(q->rd, q->t.region)) != NULL)
		str_copy(q->region_name, sizeof(q->region_name), name);
	return 0;
}

static int
read_report(struct store_txn *txn, void *arg)
{
	struct req *q = arg;

	report_free(q->rep);
	q->rep = NULL;
	return report_build(txn, q->def, q->rd, &q->t, q->year, &q->rep);
}

static int
log_open(struct store_txn *txn, void *arg)
{
	struct req *q = arg;
	char detail[64];

	int rc;

	snprintf(detail, sizeof(detail), "aar=%04d omrade=%s", q->year, q->omrade);
	if ((rc = report_keep(txn, q->rep)) != 0)
		return rc;
	/* in the scope of the report's area: its kommune's and region's administrators see it */
	return app_audit_in(q->a, txn, audit_events[q->fmt], q->t.region, q->t.kommune, NULL,
	    detail);
}

/* the report's page model: the target and (for the page) the areas one may choose */
static int
report_page(struct req *q)
{
	struct app *a = q->a;
	xmlNodePtr tn;
	int rc;

	if ((rc = app_page(a, "rapport")) != 0)
		return rc;
	tn = page_add(&a->page, NULL, "target", NULL);
	page_attr(&a->page, tn, "omrade", q->omrade);
	page_attr(&a->page, tn, "navn", q->name);
	page_attr(&a->page, tn, "role", role_ids[a->me.role]);
	page_attr_ll(&a->page, tn, "aar", q->year);
	if (q->fmt == F_HTML)
		refdata_page(&a->page, q->rd, a->me.role == ROLE_KORFOR ? NULL : a->me.region,
		    a->me.role == ROLE_KOMMUNE ? a->me.kommune : NULL);
	if ((rc = report_xml(q->rep, a->page.root)) != 0)
		return rc;
	return a->page.err ? BP_ENOMEM : 0;
}

static int
send_page(struct req *q)
{
	int rc;

	return (rc = report_page(q)) != 0 ? rc : app_render(q->a, 200);
}

/* every table, one line per row (and measure), a count and a share per column */
static int
send_csv(struct req *q)
{
	struct buf b = { 0 };
	int rc;

	if ((rc = report_csv(q->rep, &b)) != 0) {
		buf_free(&b);
		return rc;
	}
	app_header(q->a, "Content-Disposition: attachment; filename=\"brukerplan-rapport-%04d-%s.csv\"",
	    q->year, q->omrade);
	rc = app_send(q->a, 200, "text/csv; charset=utf-8", b.p, b.len);
	buf_free(&b);
	return rc;
}

static int
send_pdf(struct req *q)
{
	struct buf out = { 0 };
	int rc;

	if ((rc = report_page(q)) != 0)
		return rc;
	if ((rc = report_pdf(q->a->cfg.xslt, &q->a->page, q->name, &out)) != 0) {
		buf_free(&out);
		return rc;
	}
	app_header(q->a, "Content-Disposition: attachment; filename=\"brukerplan-rapport-%04d-%s.pdf\"",
	    q->year, q->omrade);
	rc = app_send(q->a, 200, "application/pdf", out.p, out.len);
	buf_free(&out);
	return rc;
}

static int (*const senders[F__MAX])(struct req *) = { send_page, send_csv, send_pdf };

static int
rapport_get(struct app *a)
{
	const char *aar = app_query(a, K_AAR), *fmt = app_query(a, K_FORMAT);
	struct report_def *def = NULL;
	struct req q;
	struct store *st;
	long long year;
	int rc, f;

	memset(&q, 0, sizeof(q));
	q.a = a;
	if (authz(&a->me, ACT_REPORT, &(struct target){ (int)a->me.role, a->me.region,
	    a->me.kommune, "", NULL, 0, NULL }) != 0)
		return BP_EDENIED;
	if ((f = str_index(format_ids, F__MAX, fmt)) < 0)
		return BP_EINVAL;
	q.fmt = (enum format)f;
	if (*aar == '\0')
		year = time_year((time_t)a->now);
	else if (str_to_ll(aar, 2000, 9999, &year) != 0)
		return BP_EINVAL;
	q.year = (int)year;
	if ((rc = app_refdata(a, &q.rd)) != 0)
		return rc;
	if ((rc = parse_target(&q)) != 0)
		return rc;
	/* no year asked for, and none of this year yet (January, before next year's
	 * questionnaire): last year's */
	if ((rc = report_def_load(a->cfg.data, q.year, &def)) == BP_ENOENT && *aar == '\0')
		rc = report_def_load(a->cfg.data, --q.year, &def);
	if (rc != 0)
		return rc;
	q.def = def;
	if ((rc = app_store(a, &st)) != 0 || (rc = store_read(st, read_report, &q)) != 0 ||
	    (rc = store_write(st, log_open, &q)) != 0)
		goto out;
	/* the columns' names, which report.c leaves to its caller */
	snprintf(q.prev_name, sizeof(q.prev_name), "%s %d", q.name, q.year - 1);
	report_names(q.rep, (const char *const[COL__MAX]){ [COL_SCOPE] = q.name,
	    [COL_REGION] = q.region_name, [COL_LAND] = "Hele landet", [COL_PREV] = q.prev_name });
	rc = senders[q.fmt](&q);
out:
	report_free(q.rep);
	report_def_free(def);
	return rc;
}

static const struct route routes[] = {
	{ HTTP_GET, "", rapport_get, R_LOGIN, NULL },
};

int
main(void)
{
	int rc = app_main("rapport", routes, sizeof(routes) / sizeof(routes[0]));

	pdf_exit();
	return rc;
}
