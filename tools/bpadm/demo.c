/* demo.c: synthetic data (demo.h) for `bpadm demo`: a site's or a kartlegger's surveys
 * (registry rows for `bpadm demo-registry` are demo_registry.c's).
 *
 * Each person has a valid synthetic number (Tenor's, month + 80, accepted in mode = test
 * only) and is 16 to 80 years old, and the record is answered by walking the year's
 * questionnaire as a kartlegger does, so the list, the form and the counts of errors and
 * obs see what real surveys give them: most complete, some with answers missing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answers.h"
#include "demo.h"
#include "demo_int.h"
#include "fnr.h"
#include "period.h"
#include "record.h"
#include "refdata.h"
#include "store.h"
#include "survey.h"
#include "transfer.h"

/* 0 .. n-1 */
int
demo_below(struct demo_rng *r, int n)
{
	return n > 0 ? (int)(demo_next(r) % (uint32_t)n) : 0;
}

int
demo_chance(struct demo_rng *r, int percent)
{
	return demo_below(r, 100) < percent;
}

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
	char digits[12];
	const char *why;
	int v[11], i, want, year, month, day, ind, tries, rc;

	for (tries = 0; tries < DEMO_TRIES; tries++) {
		want = demo_chance(&d->rng, DEMO_UNDER_25) ? 16 + demo_below(&d->rng, 9) :
		    25 + demo_below(&d->rng, 56);
		year = d->year - want - demo_below(&d->rng, 2);
		month = 1 + demo_below(&d->rng, 12);
		day = 1 + demo_below(&d->rng, date_month_days(year, month));
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

	if (it->kind == ITEM_LEVEL && n == 3)
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
	if ((it->kind != ITEM_CHECKBOX && it->kind != ITEM_INTEGER &&
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

	if (it->kind == ITEM_SERVICE) {
		hatt = demo_chance(r, 25);
		if ((s = xmlNewChild(root, NULL, BAD_CAST it->id, NULL)) == NULL ||
		    xmlSetProp(s, BAD_CAST "hatt", BAD_CAST (hatt ? "ja" : "nei")) == NULL ||
		    xmlSetProp(s, BAD_CAST "videre", BAD_CAST (demo_chance(r, hatt ? 70 : 10) ?
		    "ja" : "nei")) == NULL)
			return BP_ENOMEM;
		return 0;
	}
	if (it->kind == ITEM_CHECKBOX)	/* unticked is an answer too: no element */
		return demo_chance(r, 10) ? demo_add(root, it, "ja") : 0;
	if (it->kind == ITEM_INTEGER) {
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
	if (it->kind == ITEM_MULTI)
		return demo_multi(r, root, it, ids, exclusive, n);
	return demo_add(root, it, demo_pick(r, it, ids, n));
}

/* Each question the record shows, in the form's order, and again while answers bring
 * follow-ups into view. */
int
demo_fill(struct demo *d, xmlDocPtr rec)
{
	unsigned char want[DEMO_ITEMS_MAX], shown[DEMO_ITEMS_MAX];
	const struct def_item *items;
	int i, n = definition_items(d->def, &items), round, added, rc;

	if (n > DEMO_ITEMS_MAX)
		return BP_ETOOBIG;
	memset(want, 1, sizeof(want));
	for (round = 0, added = 1; added && round < 8; round++) {
		if ((rc = definition_shown_each(d->def, rec, want, shown)) != 0)
			return rc;
		for (i = 0, added = 0; i < n; i++) {
			if (!want[i] || !shown[i])
				continue;
			want[i] = 0;
			added++;
			if ((rc = demo_answer(&d->rng, xmlDocGetRootElement(rec), &items[i])) != 0)
				return rc;
		}
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

/* -- surveys ------------------------------------------------------------------------------ */

/* An answer set for a person of this age and sex, complete (no errors) or not, with its
 * evaluation kept in the record as a save keeps it (answers.h). */
static int
demo_draw(struct demo *d, const struct fnr *f, int age, int complete, struct demo_tmpl *t)
{
	struct evaluation ev;
	xmlDocPtr rec = NULL;
	int tries, rc;

	for (tries = 0; tries < DEMO_TRIES; tries++) {
		xmlFreeDoc(rec);
		if ((rec = answers_new(d->year, "0000", f->digits, kjonn_ids[f->kjonn], f->year,
		    age)) == NULL)
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
	if ((rc = answers_store_evaluation(rec, definition_stamp(d->def), &ev)) != 0) {
		xmlFreeDoc(rec);
		return rc;
	}
	t->rec = rec;
	t->errors = ev.errors;
	t->obs = ev.obs;
	return 0;
}

/* One survey: a person, a record of answers for them, and the facts the list shows. */
static int
demo_survey(struct demo *d, const char *kommune, struct fnr *f, xmlDocPtr *out,
    struct survey_facts *facts)
{
	struct demo_tmpl *t;
	xmlNodePtr root;
	char year[16];
	int age, rc, complete = !demo_chance(&d->rng, DEMO_INCOMPLETE);

	*out = NULL;
	if ((rc = demo_person(d, f, &age)) != 0)
		return rc;
	t = &d->tmpl[(((age - 16) * KJONN__MAX + (int)f->kjonn) * 2 + complete) *
	    TMPL_VARIANTS + demo_below(&d->rng, TMPL_VARIANTS)];
	if (t->rec == NULL && (rc = demo_draw(d, f, age, complete, t)) != 0)
		return rc;
	if ((*out = xmlCopyDoc(t->rec, 1)) == NULL)
		return BP_ENOMEM;
	root = xmlDocGetRootElement(*out);
	snprintf(year, sizeof(year), "%d", f->year);
	if (xmlSetProp(root, BAD_CAST "kommune", BAD_CAST kommune) == NULL ||
	    xmlSetProp(root, BAD_CAST "fnr", BAD_CAST f->digits) == NULL ||
	    xmlSetProp(root, BAD_CAST "fodselsar", BAD_CAST year) == NULL) {
		xmlFreeDoc(*out);
		*out = NULL;
		return BP_ENOMEM;
	}
	memset(facts, 0, sizeof(*facts));
	facts->errors = t->errors;
	facts->obs = t->obs;
	facts->changed = d->now - demo_below(&d->rng, DEMO_SEASON);
	if (time_year((time_t)facts->changed) != d->year)
		facts->changed = d->now;
	return 0;
}

/* One survey of owner, as "Kartlegg bruker" makes it. */
static int
demo_one(struct store_txn *txn, struct demo *d, const struct account *owner, int *complete)
{
	unsigned char key[SURVEY_KEY_LEN];
	char existing[ACCOUNT_ID_LEN + 1];
	struct survey_facts facts;
	struct fnr f;
	xmlDocPtr rec;
	int rc, tries;

	/* a person already surveyed in the kommune this year (by an earlier demo, or drawn
	 * twice): another one */
	for (tries = 0, rc = BP_EEXIST; rc == BP_EEXIST && tries < DEMO_TRIES; tries++) {
		if ((rc = demo_survey(d, owner->kommune, &f, &rec, &facts)) == 0 &&
		    (rc = survey_key(d->sec, owner->kommune, d->year, f.digits, key)) == 0)
			rc = survey_create(txn, d->sec, key, owner->id, rec, f.digits, &facts,
			    existing);
		xmlFreeDoc(rec);
		crypto_wipe(&f, sizeof(f));
	}
	if (rc == 0)
		rc = survey_log(txn, key, facts.changed, "bpadm", "opprettet");
	*complete = rc == 0 && facts.errors == 0;
	return rc;
}

/* One write transaction of up to DEMO_BATCH surveys, owner after owner. It may run again
 * after the map grew: it starts again where the last commit left off, and draws other
 * people, which is as good. */
static int
demo_batch(struct store_txn *txn, void *arg)
{
	struct demo *d = arg;
	size_t at = d->at;
	long n = 0, at_made = d->at_made;
	int rc = 0, complete;

	d->batch_complete = 0;
	while (rc == 0 && n < DEMO_BATCH && at < d->nowners) {
		if (at_made == d->owners[at].want) {
			at++;
			at_made = 0;
			continue;
		}
		if ((rc = demo_one(txn, d, &d->owners[at].a, &complete)) == 0) {
			at_made++;
			n++;
			d->batch_complete += complete;
		}
	}
	d->batch_at = at;
	d->batch_at_made = at_made;
	d->batch_made = n;
	return rc;
}

/* -- a site: kommuner, accounts in every role, dates ---------------------------------------- */


static int
by_nr(const void *a, const void *b)
{
	return strcmp(((const struct demo_kommune *)a)->nr, ((const struct demo_kommune *)b)->nr);
}

/* The first max kommuner of the reference data by kommunenummer (Oslo first; the reference
 * data lists them alphabetically, for the pages), or only one. k has DEMO_KOMMUNER places:
 * all are read and sorted before the first max are kept. */
int
demo_kommuner(const struct refdata *rd, const char *only, struct demo_kommune *k, int max,
    int *n)
{
	struct page pg;
	xmlNodePtr ks, kn, b;
	const char *nr, *v;
	int rc;

	*n = 0;
	if ((rc = page_init(&pg, "x")) != 0)
		return rc;
	refdata_page(&pg, rd, NULL, only);
	for (ks = pg.root->children; ks; ks = ks->next) {
		if (strcmp((const char *)ks->name, "kommuner") != 0)
			continue;
		for (kn = ks->children; kn && *n < DEMO_KOMMUNER; kn = kn->next) {
			if ((nr = record_node_attr(kn, "nr")) == NULL || strlen(nr) != 4)
				continue;
			memset(&k[*n], 0, sizeof(k[*n]));
			memcpy(k[*n].nr, nr, 5);
			str_copy(k[*n].name, sizeof(k[*n].name),
			    (v = record_node_attr(kn, "name")) ? v : nr);
			str_copy(k[*n].region, sizeof(k[*n].region),
			    (v = record_node_attr(kn, "region")) ? v : "");
			for (b = kn->children; b && k[*n].nbydeler < DEMO_BYDELER; b = b->next)
				if ((v = record_node_attr(b, "nr")) != NULL)
					str_copy(k[*n].bydeler[k[*n].nbydeler++], 8, v);
			(*n)++;
		}
	}
	rc = pg.err ? pg.err : *n > 0 ? 0 : BP_ENOENT;
	page_free(&pg);
	qsort(k, (size_t)*n, sizeof(*k), by_nr);
	if (*n > max)
		*n = max;
	return rc;
}

struct site {
	struct demo *d;
	const struct refdata *rd;
	struct demo_kommune *k;
	int nk;
	char password[CRYPTO_PWHASH_MAX];	/* the one hash every demo account has */
	unsigned char totp[OTP_SECRET_LEN];
	long made;				/* accounts */
};

/* An account with e-post email, made with the site's password and TOTP secret, or the one
 * there already (a second demo run adds surveys to the same accounts). */
static int
site_account(struct store_txn *txn, struct site *s, const char *email, struct account *a)
{
	struct buf sealed = { 0 };
	struct account old;
	int rc;

	if ((rc = account_by_email(txn, email, &old)) != BP_ENOENT) {
		if (rc == 0)
			*a = old;
		return rc;
	}
	str_copy(a->email, sizeof(a->email), email);
	str_copy(a->password, sizeof(a->password), s->password);
	if ((rc = account_new_id(a)) != 0 ||
	    (rc = crypto_seal(s->d->sec->data, a->id, ACCOUNT_ID_LEN, s->totp, sizeof(s->totp),
	    &sealed)) != 0 || 2 * sealed.len >= sizeof(a->totp)) {
		buf_free(&sealed);
		return rc ? rc : BP_ETOOBIG;
	}
	hex_encode(sealed.p, sealed.len, a->totp);
	buf_free(&sealed);
	a->created = a->innvilget = s->d->now;
	if ((rc = account_save(txn, a, 1)) == 0)
		s->made++;
	return rc;
}

/* Dates on the kommunekontakt's card, where none are set: sluttdato in two weeks (or on
 * 31 December, whichever comes first) and overføringsdato on 31 December, so the year is
 * open for the surveys made now. */
static int
site_period(struct store_txn *txn, struct site *s, const char *kommune)
{
	struct period p;
	char date[DATE_LEN + 1];
	int rc, y, m, dd;

	if ((rc = period_get(txn, kommune, s->d->year, &p)) != 0 || p.sluttdato[0])
		return rc;
	time_date((time_t)(s->d->now + 14 * 86400), date);
	if (date_split(date, &y, &m, &dd) != 0 || y != s->d->year)
		snprintf(date, sizeof(date), "%04d-12-31", s->d->year);
	str_copy(p.sluttdato, sizeof(p.sluttdato), date);
	snprintf(p.overforingsdato, sizeof(p.overforingsdato), "%04d-12-31", s->d->year);
	return period_put(txn, kommune, s->d->year, &p);
}

/* Every kommune's kommunekontakt and kartleggere (owners: DEMO_KARTLEGGERE in each of its
 * instanser), its region's KORUS account, KORFOR's, and the dates. */
static int
site_make(struct store_txn *txn, void *arg)
{
	struct site *s = arg;
	struct demo *d = s->d;
	struct account a;
	char email[EMAIL_MAX + 1];
	const char *v;
	int i, j, inst, ninst, rc;

	s->made = 0;
	d->nowners = 0;
	memset(&a, 0, sizeof(a));
	a.role = ROLE_KORFOR;
	str_copy(a.name, sizeof(a.name), "Demo KORFOR");
	str_copy(a.instans, sizeof(a.instans), "KORFOR");
	if ((rc = site_account(txn, s, "korfor@" DEMO_DOMAIN, &a)) != 0)
		return rc;
	for (i = 0; i < s->nk; i++) {
		struct demo_kommune *k = &s->k[i];

		/* its region's KORUS, once (the kommuner come region by region or not: ask) */
		memset(&a, 0, sizeof(a));
		a.role = ROLE_KORUS;
		str_copy(a.region, sizeof(a.region), k->region);
		v = refdata_region_name(s->rd, k->region);
		snprintf(a.name, sizeof(a.name), "Demo %s", v ? v : k->region);
		str_copy(a.instans, sizeof(a.instans), v ? v : "KORUS");
		snprintf(email, sizeof(email), "korus-%s@" DEMO_DOMAIN, k->region);
		if ((rc = site_account(txn, s, email, &a)) != 0)
			return rc;

		memset(&a, 0, sizeof(a));
		a.role = ROLE_KOMMUNE;
		str_copy(a.region, sizeof(a.region), k->region);
		str_copy(a.kommune, sizeof(a.kommune), k->nr);
		str_copy(a.kommunenavn, sizeof(a.kommunenavn), k->name);
		snprintf(a.name, sizeof(a.name), "Demo Kommunekontakt %s", k->nr);
		snprintf(a.instans, sizeof(a.instans), "%s kommune", k->name);
		snprintf(email, sizeof(email), "kontakt-%s@" DEMO_DOMAIN, k->nr);
		if ((rc = site_account(txn, s, email, &a)) != 0 ||
		    (rc = site_period(txn, s, k->nr)) != 0)
			return rc;

		ninst = 1 + (int)(k->surveys / DEMO_PER_INSTANS);
		if (ninst > DEMO_INSTANSER)
			ninst = DEMO_INSTANSER;
		for (inst = 0; inst < ninst; inst++)
			for (j = 0; j < DEMO_KARTLEGGERE; j++) {
				struct demo_owner *o = &d->owners[d->nowners];
				int n = inst * DEMO_KARTLEGGERE + j;

				memset(o, 0, sizeof(*o));
				o->a.role = ROLE_KARTLEGGER;
				str_copy(o->a.region, sizeof(o->a.region), k->region);
				str_copy(o->a.kommune, sizeof(o->a.kommune), k->nr);
				str_copy(o->a.kommunenavn, sizeof(o->a.kommunenavn), k->name);
				if (k->nbydeler) {
					v = k->bydeler[inst % k->nbydeler];
					str_copy(o->a.bydel, sizeof(o->a.bydel), v);
					v = refdata_bydel_name(s->rd, k->nr, v);
					str_copy(o->a.bydelnavn, sizeof(o->a.bydelnavn), v ? v : "");
				}
				str_copy(o->a.tjenestetype, sizeof(o->a.tjenestetype),
				    tjenestetype_ids[inst % TJ__MAX]);
				snprintf(o->a.instans, sizeof(o->a.instans), "%s %s %d",
				    tjenestetype_titles[inst % TJ__MAX], k->name, inst + 1);
				snprintf(o->a.name, sizeof(o->a.name), "Demo Kartlegger %s-%d",
				    k->nr, n + 1);
				snprintf(email, sizeof(email), "kartlegger-%s-%d@" DEMO_DOMAIN,
				    k->nr, n + 1);
				if ((rc = site_account(txn, s, email, &o->a)) != 0)
					return rc;
				/* the kommune's surveys, shared out evenly */
				o->want = k->surveys / (ninst * DEMO_KARTLEGGERE) +
				    (n < k->surveys % (ninst * DEMO_KARTLEGGERE));
				d->nowners++;
			}
	}
	return 0;
}

/* The site's surveys over its kommuner: DEMO_OSLO_SHARE percent in Oslo when it is one of
 * several, the rest evenly. */
static void
site_share(struct site *s, long surveys)
{
	long rest = surveys;
	int i, first = 0;

	if (s->nk > 1 && strcmp(s->k[0].nr, "0301") == 0) {
		s->k[0].surveys = surveys * DEMO_OSLO_SHARE / 100;
		rest -= s->k[0].surveys;
		first = 1;
	}
	for (i = first; i < s->nk; i++)
		s->k[i].surveys = rest / (s->nk - first) + (i - first < rest % (s->nk - first));
}

static int
site_setup(const struct config *cfg, struct store *st, struct demo *d,
    const struct demo_request *rq, struct demo_result *out)
{
	struct site s;
	struct refdata *rd = NULL;
	unsigned char h[CRYPTO_HASH_LEN];
	int rc;

	memset(&s, 0, sizeof(s));
	s.d = d;
	if ((s.k = calloc(DEMO_KOMMUNER, sizeof(*s.k))) == NULL)
		return BP_ENOMEM;
	if ((rc = refdata_load(cfg->data, &rd)) == 0 &&
	    (rc = demo_kommuner(rd, NULL, s.k, rq->kommuner < DEMO_KOMMUNER ? rq->kommuner :
	    DEMO_KOMMUNER, &s.nk)) == 0 &&
	    (rc = crypto_password_hash(rq->password, s.password)) == 0 &&
	    /* the same TOTP secret on every run, so accounts made earlier still match it */
	    (rc = crypto_hmac(d->sec->site, "demo-totp", 9, NULL, 0, h)) == 0) {
		memcpy(s.totp, h, sizeof(s.totp));
		s.rd = rd;
		site_share(&s, rq->surveys);
		d->owners = calloc((size_t)s.nk * DEMO_INSTANSER * DEMO_KARTLEGGERE,
		    sizeof(*d->owners));
		rc = d->owners ? store_write(st, site_make, &s) : BP_ENOMEM;
	}
	if (rc == 0)
		rc = otp_base32(s.totp, sizeof(s.totp), out->totp);
	out->accounts = s.made;
	out->kommuner = s.nk;
	crypto_wipe(h, sizeof(h));
	crypto_wipe(&s.totp, sizeof(s.totp));
	refdata_free(rd);
	free(s.k);
	return rc;
}

/* -- one kartlegger ----------------------------------------------------------------------- */

struct find {
	const char *email;
	struct account *a;
};

static int
find_owner(struct store_txn *txn, void *arg)
{
	struct find *f = arg;

	return account_by_email(txn, f->email, f->a);
}

static int
owner_setup(struct store *st, struct demo *d, const struct demo_request *rq)
{
	struct find f;
	int rc;

	if ((d->owners = calloc(1, sizeof(*d->owners))) == NULL)
		return BP_ENOMEM;
	f.email = rq->owner;
	f.a = &d->owners[0].a;
	if ((rc = store_read(st, find_owner, &f)) != 0)
		return rc;
	if (strlen(f.a->kommune) != 4)
		return BP_EDENIED;
	d->owners[0].want = rq->surveys;
	d->nowners = 1;
	return 0;
}

int
demo_make(const struct config *cfg, const struct secrets *sec, const struct definition *def,
    const struct demo_request *rq, struct demo_result *out)
{
	struct store *st;
	struct demo d;
	char today[11];
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	d.sec = sec;
	d.def = def;
	d.now = rq->now;
	time_date((time_t)d.now, today);
	if ((rc = date_split(today, &d.year, &d.month, &d.day)) != 0)
		return rc;
	if ((rc = crypto_random(&d.rng.s, sizeof(d.rng.s))) != 0)
		return rc;
	d.rng.s |= 1;		/* xorshift never leaves 0 */
	if ((d.tmpl = calloc(TMPL_SLOTS, sizeof(*d.tmpl))) == NULL)
		return BP_ENOMEM;
	if ((rc = store_open(cfg->store, cfg->map_size, 0, &st)) == 0) {
		rc = rq->owner ? owner_setup(st, &d, rq) : site_setup(cfg, st, &d, rq, out);
		/* the batches, each its own transaction so the site is not kept waiting */
		while (rc == 0 && d.at < d.nowners)
			if ((rc = store_write(st, demo_batch, &d)) == 0) {
				d.at = d.batch_at;
				d.at_made = d.batch_at_made;
				d.made += d.batch_made;
				d.complete += d.batch_complete;
			}
		store_close(st);
	}
	out->surveys = d.made;
	out->complete = d.complete;
	for (i = 0; i < TMPL_SLOTS; i++)
		xmlFreeDoc(d.tmpl[i].rec);
	free(d.tmpl);
	free(d.owners);
	return rc;
}
