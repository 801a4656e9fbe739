/* demo_registry.c: registry rows as transfers leave them, for `bpadm demo-registry`
 * (demo.h): the same rows each run, person i of a kommune with the same pseudonym every
 * year, answered by walking the questionnaire as demo.c does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "demo.h"
#include "demo_int.h"
#include "record.h"
#include "store.h"
#include "transfer.h"

/* -- demo-registry ------------------------------------------------------------------------ */

/* Registry rows as a transfer writes them (transfer.h), for the reports and their bench,
 * made fast: a few hundred records answered by walking the questionnaire as `demo` does
 * (demo_fill, with the levekårsindeks evaluated), then each row one of them at random with
 * its own pseudonym, kommune and bydel. Person i of a kommune has the same pseudonym every
 * year, so a second year's rows follow the first's persons. */

#define REGDEMO_TEMPLATES 400
#define REGDEMO_BATCH 5000	/* rows per write transaction */
struct regdemo {
	struct demo d;
	char *tmpl[REGDEMO_TEMPLATES];	/* the answers (children of the root), owned */
	char tattr[REGDEMO_TEMPLATES][160];	/* kjonn alder indeks ... attributes */
	struct demo_kommune k[DEMO_KOMMUNER];
	int nk;
	long count, done;
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

static int
regdemo_batch(struct store_txn *txn, void *arg)
{
	struct regdemo *r = arg;
	unsigned char key[REGISTRY_KEY_LEN];
	char pseudonym[PSEUDONYM_LEN + 1];
	struct buf row = { 0 }, packed = { 0 };
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
		if ((rc = row.err) == 0)
			rc = registry_put(txn, key, row.p, row.len, 0, &packed);
	}
	buf_free(&row);
	buf_free(&packed);
	return rc;
}


int
demo_registry(const struct config *cfg, const struct definition *def, int year, long count,
    const char *only, int *kommuner)
{
	struct refdata *rd = NULL;
	struct regdemo *r;
	struct store *st = NULL;
	int i, rc;

	*kommuner = 0;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return BP_ENOMEM;
	r->d.year = year;
	r->d.def = def;
	r->count = count;
	r->d.rng.s = 0x9E3779B97F4A7C15ULL ^ (uint64_t)year;	/* the same rows each run */
	if ((rc = refdata_load(cfg->data, &rd)) == 0)
		rc = demo_kommuner(rd, only, r->k, DEMO_KOMMUNER, &r->nk);
	refdata_free(rd);
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
	*kommuner = r->nk;
	free(r);
	return rc;
}
