/* keys.c: the table of keys (keys.h), sorted by name for key_find. */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "util.h"

#define TEXT(n) { n, KT_TEXT, 0, 0, 0, 400 }
#define WORD(n, max, status) { n, KT_WORD, max, 0, 0, status }
#define INT(n, lo, hi) { n, KT_INT, 20, lo, hi, 400 }

const struct keydef keydefs[K__MAX] = {
	[K_AAR] = INT("aar", 1000, 9999),
	[K_ANTALL] = TEXT("antall"),			/* typed: a field error */
	[K_BEKREFT] = WORD("bekreft", 8, 400),
	[K_BYDEL] = TEXT("bydel"),
	[K_EPOST] = TEXT("epost"),
	[K_FANE] = WORD("fane", 64, 400),
	[K_FIL] = WORD("fil", 32, 400),
	[K_FNR] = TEXT("fnr"),
	[K_FODSELSAR] = TEXT("fodselsar"),
	[K_FORMAT] = WORD("format", 16, 400),
	[K_FRA] = TEXT("fra"),
	[K_GAA] = WORD("gaa", 64, 400),
	[K_GRUNN] = TEXT("grunn"),
	[K_HANDLING] = WORD("handling", 32, 400),
	[K_ID] = WORD("id", 64, 404),			/* a page or account id */
	[K_INSTANS] = TEXT("instans"),
	[K_KARTLEGGER] = TEXT("kartlegger"),		/* a filter: a field error */
	[K_KJONN] = TEXT("kjonn"),
	[K_KODE] = TEXT("kode"),
	[K_KOMMUNE] = TEXT("kommune"),
	[K_LENKE] = WORD("lenke", 128, 404),		/* a link's hash */
	[K_MELDING] = WORD("melding", 32, 400),
	[K_NAAVAERENDE] = TEXT("naavaerende"),
	[K_NAVN] = TEXT("navn"),
	[K_OMRADE] = WORD("omrade", 48, 400),
	[K_OVERFORINGSDATO] = TEXT("overforingsdato"),	/* typed: a field error */
	[K_P] = WORD("p", 128, 404),			/* a pending registration's token */
	[K_PASSORD] = TEXT("passord"),
	[K_PASSORD2] = TEXT("passord2"),
	[K_PERSON] = TEXT("person"),			/* a filter: a field error */
	[K_REGION] = WORD("region", 32, 400),
	[K_RETTING] = WORD("retting", 8, 400),
	[K_ROLLE] = WORD("rolle", 32, 400),
	[K_SIDE] = INT("side", 1, 100000),
	[K_SLUTTDATO] = TEXT("sluttdato"),
	[K_SOK] = TEXT("sok"),
	[K_STEG] = WORD("steg", 32, 400),
	[K_T] = WORD("t", 128, 404),			/* a link's token */
	[K_TEKST] = TEXT("tekst"),
	[K_TIL] = TEXT("til"),
	[K_TILGANGER] = TEXT("tilganger"),		/* typed: a field error */
	[K_TJENESTETYPE] = WORD("tjenestetype", 32, 400),
	[K_TYPE] = WORD("type", 32, 400),
	[K_VELKOMMEN] = WORD("velkommen", 8, 400),
	[K_VERSJON] = INT("versjon", 1, 1LL << 50),
	[K_VILKAR] = WORD("vilkar", 8, 400),
};

int
key_find(const char *name)
{
	size_t lo = 0, hi = K__MAX, mid;
	int c;

	/* the enum is in name order (checked by test_keys), so a binary search finds it */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(name, keydefs[mid].name)) == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

int
key_check(enum key k, const char *value)
{
	const struct keydef *d = &keydefs[k];
	long long v;
	size_t n = strlen(value);

	if (n == 0)
		return 0;
	switch (d->type) {
	case KT_TEXT:
		return 0;
	case KT_WORD:
		return n <= d->max && strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n ?
		    0 : d->status;
	case KT_INT:
		return n <= d->max && strspn(value, "0123456789") == n &&
		    str_to_ll(value, d->min, d->hi, &v) == 0 ? 0 : d->status;
	default:
		abort();
	}
}
