/* fnr.h: Norwegian fødselsnummer, D-nummer, synthetic test numbers and the numbers issued
 * from 2032 (the rules are in fnr.c). */
#ifndef BP_FNR_H
#define BP_FNR_H

enum fnr_type { FNR_ORDINARY, FNR_DNUMMER, FNR_SYNTETISK, FNR_2032, FNR_TYPE__MAX };
enum kjonn { KJONN_UKJENT, KJONN_MANN, KJONN_KVINNE, KJONN__MAX };

extern const char *const fnr_type_ids[FNR_TYPE__MAX];	/* fnr, dnummer, syntetisk, 2032 */
extern const char *const kjonn_ids[KJONN__MAX];		/* ukjent, mann, kvinne */
/* kjonn_title: "Kvinne", "Mann" or "Ukjent kjønn" for a kjønn id as records keep it */
const char *kjonn_title(const char *id);

struct fnr {
	char digits[12];	/* the 11 digits, NUL-terminated */
	enum fnr_type type;
	int year;		/* 0 when the number does not say (2032 numbers) */
	int month;
	int day;
	enum kjonn kjonn;	/* KJONN_UKJENT for 2032 numbers */
};

/* fnr_parse: s may hold spaces between the digits. synthetic_ok: mode = test, where
 * Tenor's (month + 80) and NAV's (month + 40) test numbers are accepted. Returns 0, or
 * BP_EINVAL with *why a Norwegian sentence that never repeats the number. */
int fnr_parse(const char *s, int synthetic_ok, struct fnr *out, const char **why);

/* fnr_age: whole years of age on the given date, or -1 when the birth year is unknown. */
int fnr_age(const struct fnr *f, int year, int month, int day);

#endif
