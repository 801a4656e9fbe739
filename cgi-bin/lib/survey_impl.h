/* survey_impl.h: what survey.c, survey_index.c and survey_log.c share, and no page uses.
 *
 * survey.c keeps the records (DB_SURVEYS, DB_SURVEY_IDS); survey_index.c is the only
 * writer of the two indexes over them (DB_OWNERS, DB_CHANGED), so that they cannot drift
 * apart: every function below writes both or neither; survey_log.c keeps the
 * endringslogg (DB_SURVEY_LOG). */
#ifndef BP_SURVEY_IMPL_H
#define BP_SURVEY_IMPL_H

#include "survey.h"
#include "util.h"

/* A stored record: owner id || page id (raw) || sealed XML. */
#define SURVEY_RECORD_HEAD (ACCOUNT_ID_LEN + SURVEY_ID_BYTES)

/* survey_stored_id: the page id of a stored survey, from the head of its record.
 * BP_ENOENT when there is none. */
int survey_stored_id(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    unsigned char raw[SURVEY_ID_BYTES]);

/* survey_year_prefix: kommune || year, the head of survey, endringslogg and reservasjon
 * keys. BP_EINVAL when kommune or year is not one. */
int survey_year_prefix(const char *kommune, int year, char prefix[9]);

/* survey_index_encode: what the owner index holds of a survey (facts and its number,
 * sealed on its own) into out, outside any transaction. */
int survey_index_encode(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *fnr, const struct survey_facts *facts, struct buf *out);
/* survey_index_add: a new survey's entries, encoded by survey_index_encode, in both
 * indexes; changed is the change the encoding holds. */
int survey_index_add(struct store_txn *txn, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], const struct buf *encoded, long long changed);
/* survey_index_update: replace a survey's entries, which were at change was, with
 * encoded at change changed. */
int survey_index_update(struct store_txn *txn, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], const struct buf *encoded, long long was,
    long long changed);
/* survey_index_del: the entries of owner's survey key leave both indexes. BP_ENOENT when
 * owner has no such survey. */
int survey_index_del(struct store_txn *txn, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN]);
/* survey_index_move: the entries of from's survey key become to's, facts unchanged. */
int survey_index_move(struct store_txn *txn, const char *from, const char *to,
    const unsigned char key[SURVEY_KEY_LEN]);
/* survey_index_keys: the keys of every survey owner owns, in key order, into *out (free
 * it; *n of them): a hand-over collects them before it rewrites any. */
int survey_index_keys(struct store_txn *txn, const char *owner, unsigned char **out,
    size_t *n);

#endif
