/* transfer.h: a kommune's year handed to KORFOR (cgi-bin/README.md "The year's cycle and the transfer").
 * Each error-free survey is pseudonymised (the fødselsnummer removed, an irreversible pseudonym
 * added: HMAC with the registry key, the same for a person every year) and written to the
 * registry; then every survey of the kommune's year, with its index entries, page ids and
 * endringslogger, is deleted, with the year's reservasjoner, and the period keeps the receipt.
 * All of it in the caller's one write transaction: it happens wholly or not at all, and a
 * second run finds it done. */
#ifndef BP_TRANSFER_H
#define BP_TRANSFER_H

#include "period.h"
#include "secrets.h"
#include "store.h"

#define PSEUDONYM_LEN 64		/* hex of the HMAC */
#define REGISTRY_KEY_LEN (4 + 4 + 32)	/* year || kommune || raw pseudonym */

struct refdata;

/* What a transfer needs to bring the reports' kept counts up to date with its rows
 * (report_transfer_keep): the data directory (the report definitions) and the kommuner's
 * regions. */
struct transfer_reports {
	const char *data_dir;
	const struct refdata *rd;
};

/* transfer_kommune: transfer kommune's surveys of year at now, by ("cron" or an account
 * id). With dry set nothing is written (a read transaction will do) and *receipt tells
 * what would happen. BP_EEXIST when the year was transferred already (*receipt then is
 * that transfer's). With reports, the kept report counts that held before take the
 * kommune's rows in the same transaction (reading those rows only), so that the first
 * report after it reads no row; without, they hold no longer and the next report counts
 * the year afresh. */
int transfer_kommune(struct store_txn *txn, const struct secrets *sec, const char *kommune,
    int year, long long now, const char *by, int dry, const struct transfer_reports *reports,
    struct period *receipt);

/* registry_put: one row (its XML) under key (year || kommune || pseudonym), kept
 * deflated (pack.h; scratch is the caller's buffer for it); the year's generation goes up
 * by one. With add, BP_EEXIST when the key is taken; else a row there is replaced. Every
 * write of a registry row goes through here. */
int registry_put(struct store_txn *txn, const unsigned char key[REGISTRY_KEY_LEN],
    const char *xml, size_t len, int add, struct buf *scratch);
/* registry_generation: how many rows have been written to year: it changes whenever the
 * year's rows do, without reading them. BP_ENOENT for a year written before it was kept. */
int registry_generation(struct store_txn *txn, int year, unsigned long long *gen);

/* A registry row: the pseudonymised record <kartlegging pseudonym aar kommune kjonn
 * fodselsar alder instanstype bydel indeks ...> with the answers. */
typedef int (*registry_fn)(const char *kommune, int year, const char *xml, size_t len,
    void *arg);
/* registry_scan: the rows of year (and kommune, or every kommune when kommune is NULL),
 * in kommune and pseudonym order. */
int registry_scan(struct store_txn *txn, int year, const char *kommune, registry_fn fn,
    void *arg);

#endif
