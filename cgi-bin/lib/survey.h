/* survey.h: survey records (kartlegginger) as the store keeps them, and who owns them.
 *
 * A survey's key is kommunenummer (4) + year (4) + HMAC-SHA256(site key, fødselsnummer)
 * (design.md §2): the number itself never appears in a key. The record is sealed with
 * AES-256-GCM. Ownership is an index, owner id || survey key, so "my surveys" is one
 * prefix scan and a hand-over rewrites index entries without opening any record. */
#ifndef BP_SURVEY_H
#define BP_SURVEY_H

#include "account.h"
#include "secrets.h"

#define SURVEY_KEY_LEN (4 + 4 + CRYPTO_HASH_LEN)

/* survey_key: the store key of a person's survey in a kommune and year. */
int survey_key(const struct secrets *sec, const char *kommune, int year, const char *fnr,
    unsigned char key[SURVEY_KEY_LEN]);

/* survey_put_new: store a new sealed record owned by owner; BP_EEXIST when the person
 * already has a survey in that kommune and year. */
int survey_put_new(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, const void *sealed, size_t n);

/* survey_count: the surveys owner owns for year (any year when year is 0). */
int survey_count(struct store_txn *txn, const char *owner, int year, long *count);

/* survey_handover: move every survey of from to to, in the caller's transaction, writing
 * a line to each record's endringslogg. Irreversible. *moved gets how many. */
int survey_handover(struct store_txn *txn, const struct account *from,
    const struct account *to, const struct account *by, long long now, long *moved);

/* survey_log: add a line to the endringslogg of one survey. */
int survey_log(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    long long now, const char *account, const char *action);

/* survey_log_list: the lines of one survey's endringslogg, oldest first, as
 * "time\taccount\taction". */
typedef int (*survey_log_fn)(const char *line, size_t len, void *arg);
int survey_log_list(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    survey_log_fn fn, void *arg);

#endif
