/* keys.h: every form and query key the programs read, declared once with its type and
 * bounds (kcgi's kvalid habit). app_main checks each value a request carries for a key of
 * this table before any handler runs, and answers a bad one with the key's status and a
 * Norwegian page; handlers then read keys by their enum (app_form, app_query, app_query_ll),
 * never by a string. Keys outside the table pass to their readers as they are: the
 * answers of a survey (the year's definition names them and answers.c checks them), and
 * the CSRF token (app.c). What a person types is only bounded here by the request's own
 * limits (http.h): its handler says what is wrong at the field, keeping what was typed. */
#ifndef BP_KEYS_H
#define BP_KEYS_H

#include <stddef.h>

enum key {
	K_AAR, K_ANTALL, K_BEKREFT, K_BYDEL, K_EPOST, K_FANE, K_FIL, K_FNR, K_FODSELSAR,
	K_FORMAT, K_FRA, K_GAA, K_GRUNN, K_HANDLING, K_ID, K_INSTANS, K_KARTLEGGER, K_KJONN,
	K_KODE, K_KOMMUNE, K_LENKE, K_MELDING, K_NAAVAERENDE, K_NAVN, K_OMRADE, K_OVERFORINGSDATO, K_P,
	K_PASSORD, K_PASSORD2, K_PERSON, K_REGION, K_RETTING, K_ROLLE, K_SIDE, K_SLUTTDATO, K_SOK, K_STEG,
	K_T, K_TEKST, K_TIL, K_TILGANGER, K_TJENESTETYPE, K_TYPE, K_VELKOMMEN, K_VERSJON,
	K_VILKAR, K__MAX
};

enum key_type {
	KT_TEXT,	/* what a person types: any UTF-8 the request takes */
	KT_WORD,	/* a choice or an id: [a-z0-9_-], at most max bytes */
	KT_INT,		/* decimal digits, in [min, hi] */
};

struct keydef {
	const char *name;
	enum key_type type;
	size_t max;		/* KT_WORD: bytes */
	long long min, hi;	/* KT_INT */
	int status;		/* the answer to a bad value: 400, or 404 for what names a thing */
};

extern const struct keydef keydefs[K__MAX];

/* key_find: the key named name, or -1 */
int key_find(const char *name);
/* key_check: 0 when value is good for k (an empty value is always good: absent), else
 * the key's status */
int key_check(enum key k, const char *value);

#endif
