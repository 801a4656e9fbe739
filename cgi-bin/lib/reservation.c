/* reservation.c: reservasjoner, keyed like surveys: kommune, year, keyed hash. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "crypto.h"
#include "reservation.h"
#include "survey.h"

/* a reservation's key is the survey key it stops (kommune || year || keyed hash of the number):
 * it holds for that year's survey in the kommune (cgi-bin/README.md "Kartlegging", "Reservasjoner") */
#define RES_KEY_LEN SURVEY_KEY_LEN

static int
res_key(const struct secrets *sec, const char *kommune, int year, const char *fnr,
    unsigned char key[RES_KEY_LEN])
{
	return survey_key(sec, kommune, year, fnr, key);
}

/* 1 when db has the person's key (reservasjon or survey: the same key), 0 when not */
static int
present(struct store_txn *txn, enum store_db db, const struct secrets *sec, const char *kommune,
    int year, const char *fnr)
{
	unsigned char key[RES_KEY_LEN];
	const void *v;
	size_t vlen;
	int rc;

	if ((rc = res_key(sec, kommune, year, fnr, key)) != 0)
		return rc;
	rc = store_get(txn, db, key, sizeof(key), &v, &vlen);
	if (rc == BP_ENOENT)
		return 0;
	return rc == 0 ? 1 : rc;
}

int
reservation_check(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr)
{
	return present(txn, DB_RESERVATIONS, sec, kommune, year, fnr);
}

int
reservation_add(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr, long long now)
{
	unsigned char key[RES_KEY_LEN];
	char v[24];
	int rc, n;

	if ((rc = res_key(sec, kommune, year, fnr, key)) != 0)
		return rc;
	n = snprintf(v, sizeof(v), "%lld", now);
	return store_add(txn, DB_RESERVATIONS, key, sizeof(key), v, (size_t)n);
}

int
reservation_make(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr, long long now, const char *by, long *removed)
{
	unsigned char key[SURVEY_KEY_LEN];
	char owner[ACCOUNT_ID_LEN + 1];
	xmlDocPtr record = NULL;
	int rc;

	*removed = 0;
	if ((rc = reservation_add(txn, sec, kommune, year, fnr, now)) != 0)
		return rc;
	if ((rc = survey_key(sec, kommune, year, fnr, key)) != 0)
		return rc;
	/* the owner, whose list the survey leaves, is known only from the record */
	rc = survey_open(txn, sec, key, owner, &record);
	xmlFreeDoc(record);
	if (rc == BP_ENOENT)
		return 0;
	if (rc != 0)
		return rc;
	if ((rc = survey_remove(txn, key, owner, now, by)) != 0)
		return rc;
	*removed = 1;
	return 0;
}

int
reservation_doomed(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr)
{
	return present(txn, DB_SURVEYS, sec, kommune, year, fnr);
}

int
reservation_remove(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr)
{
	unsigned char key[RES_KEY_LEN];
	int rc;

	if ((rc = res_key(sec, kommune, year, fnr, key)) != 0)
		return rc;
	return store_del(txn, DB_RESERVATIONS, key, sizeof(key));
}

int
reservation_drop_year(struct store_txn *txn, const char *kommune, int year)
{
	char prefix[9];

	if (strlen(kommune) != 4 || year < 1000 || year > 9999)
		return BP_EINVAL;
	snprintf(prefix, sizeof(prefix), "%s%04d", kommune, year);
	return store_del_prefix(txn, DB_RESERVATIONS, prefix, 8, NULL);
}
