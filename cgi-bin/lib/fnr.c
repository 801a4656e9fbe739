/* fnr.c: check and read a fødselsnummer (Skatteetaten's folkeregister
 * documentation, including "nytt fnr 2032").
 *
 *   d1 d2   day (+40 for a D-nummer)
 *   d3 d4   month (+80 in Tenor's synthetic numbers, +40 in NAV's)
 *   d5 d6   year within the century
 *   d7-d9   individnummer: gives the century; d9 odd = mann, even = kvinne
 *   d10     k1 = 11 - (sum d1..d9 * [3 7 6 1 8 9 4 5 2] mod 11); from 2032 it is enough
 *           that (sum + k1) mod 11 is 0, 1, 2 or 3, and such numbers say no kjønn or century
 *   d11     k2 = 11 - (sum d1..d9,k1 * [5 4 3 2 7 6 5 4 3 2] mod 11)
 * A control digit of 11 is written 0; one that would be 10 makes the number invalid. */
#include <string.h>

#include "fnr.h"
#include "util.h"

const char *const fnr_type_ids[FNR_TYPE__MAX] = { "fnr", "dnummer", "syntetisk", "2032" };
const char *const kjonn_ids[KJONN__MAX] = { "ukjent", "mann", "kvinne" };
static const char *const kjonn_titles[KJONN__MAX] = { "Ukjent kjønn", "Mann", "Kvinne" };

const char *
kjonn_title(const char *id)
{
	int k = str_index(kjonn_ids, KJONN__MAX, id);

	return kjonn_titles[k < 0 ? KJONN_UKJENT : k];
}

static const int w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
static const int w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

/* Century from individnummer and two-digit year; 0 when no range allows the pair. */
static int
century(int ind, int yy)
{
	if (ind <= 499)
		return 1900;
	if (ind <= 749 && yy >= 54)
		return 1800;
	if (ind >= 900 && yy >= 40)
		return 1900;
	if (ind >= 500 && yy < 40)
		return 2000;
	return 0;
}

int
fnr_parse(const char *s, int synthetic_ok, struct fnr *out, const char **why)
{
	int d[11], n = 0, i, sum, k2, rem, ind, yy, day, month, synthetic = 0;

	memset(out, 0, sizeof(*out));
	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (*s < '0' || *s > '9') {
			*why = "Fødselsnummeret kan bare inneholde siffer.";
			return BP_EINVAL;
		}
		if (n == 11) {
			*why = "Fødselsnummeret må ha 11 siffer.";
			return BP_EINVAL;
		}
		out->digits[n] = *s;
		d[n++] = *s - '0';
	}
	if (n != 11) {
		*why = "Fødselsnummeret må ha 11 siffer.";
		return BP_EINVAL;
	}
	for (sum = i = 0; i < 9; i++)
		sum += d[i] * w1[i];
	rem = (sum + d[9]) % 11;
	for (sum = i = 0; i < 10; i++)
		sum += d[i] * w2[i];
	k2 = 11 - sum % 11;
	if (k2 == 11)
		k2 = 0;
	if (rem > 3 || k2 == 10 || k2 != d[10]) {
		*why = "Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.";
		return BP_EINVAL;
	}
	day = d[0] * 10 + d[1];
	month = d[2] * 10 + d[3];
	yy = d[4] * 10 + d[5];
	ind = d[6] * 100 + d[7] * 10 + d[8];
	out->type = FNR_ORDINARY;
	if (day > 40) {
		day -= 40;
		out->type = FNR_DNUMMER;
	}
	if (month > 80) {
		month -= 80;
		synthetic = 1;
	} else if (month > 40) {
		month -= 40;
		synthetic = 1;
	}
	if (synthetic) {
		if (!synthetic_ok) {
			*why = "Syntetiske testnumre kan ikke brukes i driftsversjonen.";
			return BP_EINVAL;
		}
		out->type = FNR_SYNTETISK;
	}
	if (rem != 0) {
		/* passes only the 2032 rule: no century, no kjønn */
		out->type = FNR_2032;
		out->year = 0;
	} else if ((out->year = century(ind, yy)) == 0) {
		*why = "Individnummeret passer ikke med fødselsåret i nummeret.";
		return BP_EINVAL;
	} else
		out->year += yy;
	if (month < 1 || month > 12 || day < 1 || day > date_month_days(out->year, month)) {
		*why = "Fødselsdatoen i nummeret er ikke en gyldig dato.";
		return BP_EINVAL;
	}
	out->month = month;
	out->day = day;
	out->kjonn = out->type == FNR_2032 ? KJONN_UKJENT : (d[8] % 2 ? KJONN_MANN : KJONN_KVINNE);
	return 0;
}

int
fnr_age(const struct fnr *f, int year, int month, int day)
{
	int age;

	if (f->year == 0)
		return -1;
	age = year - f->year;
	if (month < f->month || (month == f->month && day < f->day))
		age--;
	return age;
}
