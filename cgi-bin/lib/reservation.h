/* reservation.h: reservasjoner mot kartlegging. A person may refuse to be surveyed; the
 * refusal holds for every kartlegger in the kommune for that year's survey (2025 manual,
 * "Reservasjon"; as the municipalities' information letters say; cgi-bin/README.md "Kartlegging"). Kept as
 * kommune || year || keyed hash of the fødselsnummer, like survey keys: the number is not
 * stored. */
#ifndef BP_RESERVATION_H
#define BP_RESERVATION_H

#include "secrets.h"
#include "store.h"

/* reservation_check: 1 when the person is reserved in kommune for year, 0 when not,
 * < 0 on error (BP_EINVAL for a malformed kommune or year). */
int reservation_check(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr);
/* reservation_add: reserve for year (BP_EEXIST when already reserved). */
int reservation_add(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr, long long now);
/* reservation_make: what "Lag reservasjon" does: reserve, and delete the person's survey of
 * the year in the kommune if there is one (its endringslogg says "slettet" by `by`); *removed
 * says how many went. Do it in one write transaction: both happen or neither. */
int reservation_make(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr, long long now, const char *by, long *removed);
/* reservation_doomed: how many surveys reservation_make would delete now: the person's
 * survey of the year in the kommune (0 or 1), found by its key; nothing is opened. */
int reservation_doomed(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr);
/* reservation_remove: BP_ENOENT when there was none. */
int reservation_remove(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, const char *fnr);

/* reservation_drop_year: the kommune's reservasjoner of year, which the transfer ends
 * (nothing of a person's year stays after it). */
int reservation_drop_year(struct store_txn *txn, const char *kommune, int year);

#endif
