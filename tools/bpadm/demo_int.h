/* demo_int.h: what demo.c (a site's and a kartlegger's surveys) and demo_registry.c
 * (registry rows) share inside bpadm: the limits, the random numbers, the state of a run
 * and the kommuner it fills. */
#ifndef BP_DEMO_INT_H
#define BP_DEMO_INT_H

#include <stdint.h>

#include <libxml/tree.h>

#include "account.h"
#include "definition.h"
#include "fnr.h"
#include "refdata.h"
#include "secrets.h"

#define DEMO_BATCH 500		/* surveys per write transaction: a few, not one per survey */
#define DEMO_TRIES 64		/* numbers or answer sets to draw before giving up */
#define DEMO_ITEMS_MAX 1024	/* definition.c's own limit */
#define DEMO_OPTIONS_MAX 32
#define DEMO_INCOMPLETE 12	/* percent of surveys left with mandatory answers missing */
#define DEMO_UNDER_25 20	/* percent aged 16 to 24 (their form has more questions) */
#define DEMO_SEASON (30 * 86400)	/* last changes spread over this many seconds */
#define DEMO_KOMMUNER 512	/* more than Norway has */
#define DEMO_BYDELER 24
#define DEMO_PER_INSTANS 1000	/* a site: an instans for each this many surveys (and one) */
#define DEMO_INSTANSER 24	/* at most, in a kommune */
#define DEMO_KARTLEGGERE 2	/* per instans */
#define DEMO_OSLO_SHARE 10	/* percent of a site's surveys in Oslo, as about in life */

/* Variety, not secrecy: xorshift64*, seeded from the kernel so that two runs differ. */
struct demo_rng {
	uint64_t s;
};

static inline uint32_t
demo_next(struct demo_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

/* A kartlegger whose surveys the demo makes: its account, and how many to make. */
struct demo_owner {
	struct account a;
	long want;
};

/* Answer sets drawn by walking the questionnaire, each kept and given again to other
 * persons of the same age and sex (the only facts of the person the rules read: @alder,
 * @kjonn), so 100,000 surveys do not each walk it: TMPL_VARIANTS sets for each age, sex
 * and completeness. The evaluation kept in the record holds for every copy. */
#define TMPL_AGES (80 - 16 + 1)
#define TMPL_VARIANTS 8
#define TMPL_SLOTS (TMPL_AGES * KJONN__MAX * 2 * TMPL_VARIANTS)

struct demo_tmpl {
	xmlDocPtr rec;			/* owned; NULL until drawn */
	long errors, obs;
};

struct demo {
	const struct secrets *sec;
	const struct definition *def;
	long long now;
	int year, month, day;	/* today, by the test clock */
	struct demo_rng rng;
	struct demo_tmpl *tmpl;	/* TMPL_SLOTS */
	struct demo_owner *owners;
	size_t nowners;
	size_t at;		/* the owner being filled, as committed */
	long at_made;		/* its surveys made, as committed */
	long made, complete;	/* committed */
	/* the transaction under way (it may run again after the map grew) */
	size_t batch_at;
	long batch_at_made, batch_made, batch_complete;
};

struct demo_kommune {
	char nr[5];
	char name[128];
	char region[32];
	char bydeler[DEMO_BYDELER][8];
	int nbydeler;
	long surveys;			/* a site: to make in it */
};

/* 0 .. n-1, and a chance in percent (demo.c) */
int demo_below(struct demo_rng *r, int n);
int demo_chance(struct demo_rng *r, int percent);
/* demo_fill: rec answered by walking the questionnaire (demo.c) */
int demo_fill(struct demo *d, xmlDocPtr rec);
/* demo_kommuner: the first max kommuner by kommunenummer, or only one (k: DEMO_KOMMUNER) */
int demo_kommuner(const struct refdata *rd, const char *only, struct demo_kommune *k, int max,
    int *n);

#endif
