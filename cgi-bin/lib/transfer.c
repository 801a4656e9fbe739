/* transfer.c: pseudonymise a kommune's error-free surveys of a year into the registry and
 * delete everything else of that year, in one write transaction. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "pack.h"
#include "report.h"
#include "reservation.h"
#include "survey.h"
#include "transfer.h"

/* What of a record does not go to the registry: the number, and what only the form and
 * the list need (tabs visited, version, time of change, hidden items, findings). */
static const char *const dropped_attrs[] = {
	"fnr", "besokt", "versjon", "endret", "skjult", "feil", "obs",
};

/* The owners met in one transfer, looked up once: a kommune has few kartleggere. */
#define OWNERS_CACHED 64

struct owner_info {
	char id[ACCOUNT_ID_LEN + 1];
	char instanstype[64];
	char bydel[8];
};

struct run {
	struct store_txn *txn;
	const struct secrets *sec;
	char kommune[5];
	int year;
	struct owner_info owners[OWNERS_CACHED];
	int nowners;
	struct account acct;		/* scratch for lookups */
	struct buf packed;		/* a row deflated (pack.h), reused */
};

static int
owner_info(struct run *r, const char *id, const struct owner_info **out)
{
	struct owner_info *o;
	int i, rc;

	for (i = 0; i < r->nowners; i++)
		if (strcmp(r->owners[i].id, id) == 0) {
			*out = &r->owners[i];
			return 0;
		}
	if ((rc = account_load(r->txn, id, &r->acct)) != 0)
		return rc;
	o = &r->owners[r->nowners < OWNERS_CACHED ? r->nowners++ : OWNERS_CACHED - 1];
	str_copy(o->id, sizeof(o->id), id);
	/* a kommunekontakt who surveys has no tjenestetype: "Kommune", as the menu says */
	str_copy(o->instanstype, sizeof(o->instanstype),
	    *r->acct.tjenestetype ? r->acct.tjenestetype : "kommune");
	str_copy(o->bydel, sizeof(o->bydel), r->acct.bydel);
	*out = o;
	return 0;
}

/* The registry row of one record: rec is changed in place. */
static int
pseudonymise(struct run *r, xmlDocPtr rec, const struct owner_info *o,
    unsigned char raw[CRYPTO_HASH_LEN], struct buf *out)
{
	xmlNodePtr root = xmlDocGetRootElement(rec), n, next;
	char pseudonym[PSEUDONYM_LEN + 1];
	xmlChar *fnr, *mem = NULL;
	size_t i;
	int rc, len = 0;

	if (root == NULL || (fnr = xmlGetProp(root, BAD_CAST "fnr")) == NULL)
		return BP_EXML;
	rc = crypto_hmac(r->sec->registry, "pseudonym:", 10, fnr, strlen((char *)fnr), raw);
	crypto_wipe(fnr, strlen((char *)fnr));
	xmlFree(fnr);
	if (rc != 0)
		return rc;
	hex_encode(raw, CRYPTO_HASH_LEN, pseudonym);
	for (i = 0; i < sizeof(dropped_attrs) / sizeof(dropped_attrs[0]); i++)
		xmlUnsetProp(root, BAD_CAST dropped_attrs[i]);
	for (n = root->children; n; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE || xmlStrncmp(n->name, BAD_CAST "bp-", 3) == 0) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
	}
	if (!xmlSetProp(root, BAD_CAST "pseudonym", BAD_CAST pseudonym) ||
	    !xmlSetProp(root, BAD_CAST "instanstype", BAD_CAST o->instanstype) ||
	    !xmlSetProp(root, BAD_CAST "bydel", BAD_CAST o->bydel))
		return BP_ENOMEM;
	xmlDocDumpMemoryEnc(rec, &mem, &len, "UTF-8");
	if (mem == NULL || len <= 0)
		return BP_ENOMEM;
	buf_reset(out);
	buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	return out->err;
}

/* One survey: into the registry when it has no errors, counted as held back when it has. */
static int
take_one(struct run *r, const struct survey_ref *ref, int dry, struct period *p,
    struct buf *row)
{
	unsigned char key[REGISTRY_KEY_LEN];
	char owner[ACCOUNT_ID_LEN + 1];
	const struct owner_info *o;
	struct survey_facts facts;
	xmlDocPtr rec = NULL;
	int rc;

	if ((rc = survey_facts(r->txn, NULL, ref->owner, ref->key, &facts)) != 0)
		return rc;
	if (facts.errors > 0) {
		p->held_back++;
		return dry ? 0 : survey_drop(r->txn, ref);
	}
	p->transferred++;
	if (dry)
		return 0;
	if ((rc = owner_info(r, ref->owner, &o)) != 0 ||
	    (rc = survey_open(r->txn, r->sec, ref->key, owner, &rec)) != 0)
		return rc;
	snprintf((char *)key, 9, "%04d%s", r->year, r->kommune);
	rc = pseudonymise(r, rec, o, key + 8, row);
	xmlFreeDoc(rec);
	if (rc == 0)
		rc = registry_put(r->txn, key, row->p, row->len, 1, &r->packed);
	crypto_wipe(row->p, row->len);
	if (rc != 0)
		return rc;
	return survey_drop(r->txn, ref);
}

int
transfer_kommune(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, long long now, const char *by, int dry, const struct transfer_reports *reports,
    struct period *receipt)
{
	unsigned long long gen = 0;
	int had_gen;
	struct audit_event ev = { "transfer", NULL, NULL, NULL, NULL, NULL, NULL };
	struct run *r;
	struct survey_ref *refs = NULL;
	struct buf row = { 0 };
	char detail[96];
	size_t n, i;
	int rc;

	if ((rc = period_get(txn, kommune, year, receipt)) != 0)
		return rc;
	if (receipt->overfort)
		return BP_EEXIST;
	if (strlen(by) == 0 || strlen(by) > PERIOD_BY_MAX)
		return BP_EINVAL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return BP_ENOMEM;
	r->txn = txn;
	r->sec = sec;
	str_copy(r->kommune, sizeof(r->kommune), kommune);
	r->year = year;
	/* the registry's generation before the rows: the kept counts that held then */
	if ((rc = registry_generation(txn, year, &gen)) != 0 && rc != BP_ENOENT)
		goto out;
	had_gen = rc == 0;
	if ((rc = survey_year_refs(txn, kommune, year, &refs, &n)) != 0)
		goto out;
	for (i = 0; i < n && rc == 0; i++)
		rc = take_one(r, &refs[i], dry, receipt, &row);
	if (rc != 0 || dry)
		goto out;
	/* a year without a generation before had no counts that could hold */
	if (reports && had_gen && (rc = report_transfer_keep(txn, reports->data_dir,
	    reports->rd, kommune, year, gen)) != 0)
		goto out;
	if ((rc = survey_log_drop(txn, kommune, year)) != 0 ||
	    (rc = reservation_drop_year(txn, kommune, year)) != 0)
		goto out;
	receipt->overfort = now;
	str_copy(receipt->by, sizeof(receipt->by), by);
	if ((rc = period_put(txn, kommune, year, receipt)) != 0)
		goto out;
	/* the transfer is in the audit log, by the button or by cron, in the same transaction */
	snprintf(detail, sizeof(detail), "%d overfort=%ld holdt-tilbake=%ld", year,
	    receipt->transferred, receipt->held_back);
	ev.actor = by;
	ev.detail = detail;
	ev.kommune = kommune;
	rc = audit_put(txn, now, &ev);
out:
	free(refs);
	buf_free(&row);
	buf_free(&r->packed);
	free(r);
	return rc;
}

/* -- the registry ---------------------------------------------------------------------- */

static void
generation_key(int year, char key[24])
{
	snprintf(key, 24, "registry-gen:%04d", year);
}

int
registry_generation(struct store_txn *txn, int year, unsigned long long *gen)
{
	char key[24], text[24];
	const void *v;
	size_t vlen;
	long long n;
	int rc;

	generation_key(year, key);
	if ((rc = store_get(txn, DB_META, key, strlen(key), &v, &vlen)) != 0)
		return rc;
	if (vlen == 0 || vlen >= sizeof(text))
		return BP_EXML;
	memcpy(text, v, vlen);
	text[vlen] = '\0';
	if (str_to_ll(text, 0, LLONG_MAX, &n) != 0)
		return BP_EXML;
	*gen = (unsigned long long)n;
	return 0;
}

int
registry_put(struct store_txn *txn, const unsigned char key[REGISTRY_KEY_LEN],
    const char *xml, size_t len, int add, struct buf *scratch)
{
	unsigned long long gen = 0;
	char gkey[24], text[24], y[5];
	long long year;
	int rc, n;

	memcpy(y, key, 4);
	y[4] = '\0';
	if (str_to_ll(y, 1000, 9999, &year) != 0)
		return BP_EINVAL;
	buf_reset(scratch);
	if ((rc = pack_deflate(xml, len, scratch)) != 0)
		return rc;
	rc = add ? store_add(txn, DB_REGISTRY, key, REGISTRY_KEY_LEN, scratch->p, scratch->len) :
	    store_put(txn, DB_REGISTRY, key, REGISTRY_KEY_LEN, scratch->p, scratch->len);
	if (rc != 0)
		return rc;
	if ((rc = registry_generation(txn, (int)year, &gen)) != 0 && rc != BP_ENOENT)
		return rc;
	generation_key((int)year, gkey);
	n = snprintf(text, sizeof(text), "%llu", gen + 1);
	return store_put(txn, DB_META, gkey, strlen(gkey), text, (size_t)n);
}

struct rows {
	registry_fn fn;
	void *arg;
	struct buf unpacked;		/* a packed row's XML, reused row after row */
};

static int
row_one(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	struct rows *rs = arg;
	char kommune[5], y[5];
	const char *xml;
	size_t len;
	int rc;

	if (klen != REGISTRY_KEY_LEN)
		return BP_EXML;
	memcpy(y, k, 4);
	y[4] = '\0';
	memcpy(kommune, (const char *)k + 4, 4);
	kommune[4] = '\0';
	if ((rc = pack_xml(v, vlen, &rs->unpacked, &xml, &len)) != 0)
		return rc;
	return rs->fn(kommune, (int)strtol(y, NULL, 10), xml, len, rs->arg);
}

int
registry_scan(struct store_txn *txn, int year, const char *kommune, registry_fn fn, void *arg)
{
	struct rows rs = { fn, arg, { 0 } };
	char prefix[9];
	int n, rc;

	if (year < 1000 || year > 9999 || (kommune && strlen(kommune) != 4))
		return BP_EINVAL;
	n = snprintf(prefix, sizeof(prefix), "%04d%s", year, kommune ? kommune : "");
	rc = store_scan(txn, DB_REGISTRY, prefix, (size_t)n, 0, row_one, &rs);
	buf_free(&rs.unpacked);
	return rc;
}
