/* endringslogger.c: "Endringslogger" (2025 manual, the kommunekontakt's menu): every line of
 * the endringslogger of the kommune's surveys this year, deleted surveys' too: when, which
 * survey (a short neutral reference, never the person), which kartlegger of which instans,
 * and what was done. Newest first, filtered by kartlegger and by date.
 *
 *   GET /cgi-bin/endringslogger[?kartlegger=ID][&fra=YYYY-MM-DD][&til=YYYY-MM-DD]
 *
 * The filters are a GET query: they hold no health data or fødselsnummer. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "authz.h"
#include "survey.h"
#include "toplist.h"

#define ROWS_MAX 1000		/* lines shown; the rest are counted and said */
#define ACCOUNTS_MAX 20000	/* accounts named in one page (the kommune's and others) */
#define ACTION_MAX 1024	/* of an action kept for the page; hand-overs, with two names
				 * and instanser, are the longest */
#define REF_HEX 8		/* "K-" and this many hex digits of the survey's page id */

/* one account named on the page, looked up once */
struct who {
	char id[ACCOUNT_ID_LEN + 1];
	char name[4 * ACCOUNT_NAME_CHARS + 1];
	char instans[4 * ACCOUNT_NAME_CHARS + 1];
	int in_kommune;		/* offered in the kartlegger filter */
};

struct row {
	long long time;
	unsigned long long order;	/* when written (survey_log_scan), for ties in time */
	unsigned long seq;	/* scan order: the last tie-break, for a stable order */
	char ref[REF_HEX + 1];
	size_t who;		/* index in the accounts, or SIZE_MAX when unknown */
	long changed;		/* "lagret", "rettet": how many questions changed */
	char action[ACTION_MAX];
};

struct logs {
	struct app *a;
	struct store_txn *txn;
	/* the filters, validated */
	const char *kartlegger;		/* "" for all */
	char fra[DATE_LEN + 1];		/* "" or YYYY-MM-DD */
	char til[DATE_LEN + 1];
	int bad;			/* a filter was refused: accounts only, no lines */
	/* accounts */
	struct who *who;
	size_t nwho, capwho;
	struct toplist rows;		/* the newest ROWS_MAX, newest first once sorted */
	unsigned long count;		/* lines that passed the filters */
	unsigned long seq;
};

/* -- accounts ------------------------------------------------------------------------------- */

static int
add_who(struct logs *l, const struct account *acct, int in_kommune, size_t *at)
{
	void *p;

	if (l->nwho == ACCOUNTS_MAX)
		return BP_ETOOBIG;
	if (l->nwho == l->capwho) {
		l->capwho = l->capwho ? 2 * l->capwho : 64;
		if ((p = realloc(l->who, l->capwho * sizeof(*l->who))) == NULL)
			return BP_ENOMEM;
		l->who = p;
	}
	str_copy(l->who[l->nwho].id, sizeof(l->who[0].id), acct->id);
	str_copy(l->who[l->nwho].name, sizeof(l->who[0].name), acct->name);
	str_copy(l->who[l->nwho].instans, sizeof(l->who[0].instans), acct->instans);
	l->who[l->nwho].in_kommune = in_kommune;
	if (at)
		*at = l->nwho;
	l->nwho++;
	return 0;
}

static int
add_kommune_account(const struct account *acct, void *arg)
{
	return add_who(arg, acct, 1, NULL);
}

/* the index of account id on the page: the kommune's are there from the start; others (a
 * kartlegger since moved, KORFOR) are loaded the first time they appear */
static size_t
who_of(struct logs *l, const char *id)
{
	struct account acct;
	size_t i;

	for (i = 0; i < l->nwho; i++)
		if (strcmp(l->who[i].id, id) == 0)
			return i;
	memset(&acct, 0, sizeof(acct));
	if (strcmp(id, "bpadm") == 0) {
		/* surveys `bpadm demo` made: named as the Logg tab names them */
		str_copy(acct.id, sizeof(acct.id), id);
		str_copy(acct.name, sizeof(acct.name), "Systemet (bpadm)");
	} else if (account_load(l->txn, id, &acct) != 0)
		return SIZE_MAX;
	if (add_who(l, &acct, 0, &i) != 0)
		return SIZE_MAX;
	return i;
}

/* -- rows ------------------------------------------------------------------------------------ */

/* list order: newest first, then later in the scan first */
static int
newer(const struct row *x, const struct row *y)
{
	if (x->time != y->time)
		return x->time > y->time;
	if (x->order != y->order)
		return x->order > y->order;
	return x->seq > y->seq;
}

static int
by_newest(const void *a, const void *b)
{
	return newer(a, b) ? -1 : newer(b, a) ? 1 : 0;
}

/* a copy of s cut, when it must be, before a whole UTF-8 character */
static void
utf8_copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (str_copy(dst, size, src) == 0)
		return;
	n = strlen(dst);
	while (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0 && ((unsigned char)dst[n - 1] & 0x80))
		n--;			/* the lead byte of the character cut */
	dst[n] = '\0';
}

/* "time\taccount\taction" of the survey with page id id; a line not so is skipped */
static int
add_line(const char *id, unsigned long long order, const char *line, size_t len, void *arg)
{
	struct logs *l = arg;
	struct survey_log_line ln;
	char day[11], *acct;
	const char *p;
	struct row r;
	long long t;

	l->seq++;
	if (survey_log_parse(line, len, &ln) != 0)
		return 0;
	t = ln.time;
	acct = ln.account;
	if (*l->kartlegger && strcmp(acct, l->kartlegger) != 0)
		return 0;
	time_date((time_t)t, day);
	if ((*l->fra && strcmp(day, l->fra) < 0) || (*l->til && strcmp(day, l->til) > 0))
		return 0;
	l->count++;
	memset(&r, 0, sizeof(r));
	r.time = t;
	r.order = order;
	r.seq = l->seq;
	memcpy(r.ref, id, REF_HEX);
	r.ref[REF_HEX] = '\0';
	r.who = who_of(l, acct);
	if (ln.ids) {
		/* "lagret a b c": the ids of the questions that changed; the page says how many,
		 * which needs no questionnaire */
		for (p = ln.ids; *p; p++)
			if (*p != ' ' && (p == ln.ids || p[-1] == ' '))
				r.changed++;
	}
	utf8_copy(r.action, sizeof(r.action), ln.name);
	return toplist_add(&l->rows, &r);
}

/* the filter's account must be one the list offers: one of the kommune's */
static int
in_kommune(const struct logs *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->nwho; i++)
		if (l->who[i].in_kommune && strcmp(l->who[i].id, id) == 0)
			return 1;
	return 0;
}

static int
read_logs(struct store_txn *txn, void *arg)
{
	struct logs *l = arg;
	int rc;

	l->txn = txn;
	if ((rc = account_scan(txn, 'k', l->a->me.kommune, add_kommune_account, l)) != 0)
		return rc;
	if (l->bad)
		return 0;
	if (*l->kartlegger && !in_kommune(l, l->kartlegger))
		return BP_ENOENT;
	rc = survey_log_scan(txn, l->a->me.kommune, time_year((time_t)l->a->now), add_line, l);
	l->txn = NULL;
	return rc;
}

/* -- filters --------------------------------------------------------------------------------- */

/* -- the page -------------------------------------------------------------------------------- */

static void
add_filters(struct app *a, const struct logs *l)
{
	xmlNodePtr f, n;
	size_t i;

	f = page_add(&a->page, NULL, "filter", NULL);
	page_attr(&a->page, f, "kartlegger", app_query(a, K_KARTLEGGER));
	page_attr(&a->page, f, "fra", app_query(a, K_FRA));
	page_attr(&a->page, f, "til", app_query(a, K_TIL));
	for (i = 0; i < l->nwho; i++) {
		if (!l->who[i].in_kommune)
			continue;
		n = page_add(&a->page, f, "account", NULL);
		page_attr(&a->page, n, "id", l->who[i].id);
		page_attr(&a->page, n, "name", l->who[i].name);
		page_attr(&a->page, n, "instans", l->who[i].instans);
	}
}

static void
add_rows(struct app *a, const struct logs *l)
{
	xmlNodePtr list, n;
	char when[17];
	size_t i;

	list = page_add(&a->page, NULL, "lines", NULL);
	page_attr_ll(&a->page, list, "count", (long long)l->count);
	page_attr_ll(&a->page, list, "shown", (long long)l->rows.n);
	for (i = 0; i < l->rows.n; i++) {
		const struct row *r = toplist_at(&l->rows, i);

		n = page_add(&a->page, list, "line", NULL);
		time_datetime((time_t)r->time, when);
		page_attr(&a->page, n, "time", when);
		page_attr(&a->page, n, "ref", r->ref);
		if (r->who != SIZE_MAX) {
			page_attr(&a->page, n, "who", l->who[r->who].name);
			page_attr(&a->page, n, "instans", l->who[r->who].instans);
		}
		page_attr(&a->page, n, "action", r->action);
		/* a save's or a retting's questions, by number */
		if (r->changed > 0)
			page_attr_ll(&a->page, n, "changed", r->changed);
	}
}

static int
logs_get(struct app *a)
{
	struct logs l;
	struct store *st;
	int rc, bad = 0;

	if (authz(&a->me, ACT_SURVEY_LOGS, NULL) != 0)
		return BP_EDENIED;
	memset(&l, 0, sizeof(l));
	l.a = a;
	l.kartlegger = app_query(a, K_KARTLEGGER);
	if ((rc = app_page(a, "endringslogger")) != 0)
		return rc;
	/* a bad filter is said at its field; the lines are then not shown (they would not be
	 * the ones asked for) */
	if (!account_id_form(l.kartlegger)) {
		app_message(a, "error", "kartlegger", "Velg en kartlegger fra listen.");
		l.kartlegger = "";
		bad = 1;
	}
	if (app_date_range(a, l.fra, l.til))
		bad = 1;
	l.bad = bad;
	if ((rc = toplist_init(&l.rows, sizeof(struct row), ROWS_MAX, by_newest, NULL)) != 0 ||
	    (rc = app_store(a, &st)) != 0)
		goto out;
	rc = store_read(st, read_logs, &l);
	if (rc == BP_ENOENT && !bad) {
		/* an account id of the right form, but not one of the kommune's */
		app_message(a, "error", "kartlegger", "Velg en kartlegger fra listen.");
		bad = 1;
	} else if (rc != 0 && rc != BP_ENOENT) {
		log_error("endringslogger: %s", bp_strerror(rc));
		goto out;
	}
	add_filters(a, &l);
	if (!bad) {
		toplist_sort(&l.rows);
		add_rows(a, &l);
	}
	rc = app_render(a, 200);
out:
	toplist_free(&l.rows);
	free(l.who);
	return rc;
}

static const struct route routes[] = {
	{ HTTP_GET, "", logs_get, R_LOGIN, NULL },
};

int
main(void)
{
	return app_main("endringslogger", routes, sizeof(routes) / sizeof(routes[0]));
}
