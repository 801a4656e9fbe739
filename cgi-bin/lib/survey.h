/* survey.h: survey records (kartlegginger) as the store keeps them, and who owns them.
 *
 * A survey's key is kommunenummer (4) + year (4) + HMAC-SHA256(site key, fødselsnummer)
 * (cgi-bin/README.md "Kartlegging"): the number itself never appears in a key. The stored value is the owner's
 * account id, the survey's page id (random, made when the survey is created), and the
 * record (XML, the number inside it) sealed with AES-256-GCM with the key as associated
 * data. Ownership is also an index, owner id || survey key, whose value holds what a list
 * shows (errors, obs, last change, version, page id, and the number sealed on its own), so
 * "my surveys" is one prefix scan that opens no record, and a hand-over moves index entries
 * and rewrites owner prefixes without decrypting anything. A second index, by owner and
 * year, holds each survey's last change and key in list order (newest first), so a page of
 * the list reads only its own rows and the count is known without reading any.
 *
 * The endringslogg is kept by kommune, year and page id: a survey made again for the same person (after a
 * deletion) starts a log of its own, and learns nothing of the one before. */
#ifndef BP_SURVEY_H
#define BP_SURVEY_H

#include <libxml/tree.h>

#include "account.h"
#include "secrets.h"

#define SURVEY_KEY_LEN (4 + 4 + CRYPTO_HASH_LEN)
#define SURVEY_ID_BYTES 16
#define SURVEY_ID_LEN (2 * SURVEY_ID_BYTES)	/* hex digits */

/* survey_key: the store key of a person's survey in a kommune and year. */
int survey_key(const struct secrets *sec, const char *kommune, int year, const char *fnr,
    unsigned char key[SURVEY_KEY_LEN]);
/* survey_key_kommune, survey_key_year: what a key names (its first 8 bytes, as survey_key
 * wrote them); "" and 0 for a malformed one. */
void survey_key_kommune(const unsigned char key[SURVEY_KEY_LEN], char out[5]);
int survey_key_year(const unsigned char key[SURVEY_KEY_LEN]);

/* survey_id: the opaque id pages use for a survey (random hex, made at its creation): it
 * says nothing about the person. BP_ENOENT when there is no such survey. */
int survey_id(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    char id[SURVEY_ID_LEN + 1]);
/* survey_find: the key of the survey with page id id. BP_EINVAL when id is malformed,
 * BP_ENOENT when there is none. */
int survey_find(struct store_txn *txn, const char *id, unsigned char key[SURVEY_KEY_LEN]);

/* What a list shows of a survey without opening it. */
struct survey_facts {
	unsigned char key[SURVEY_KEY_LEN];
	char fnr[12];			/* from its own small sealed copy */
	long errors;
	long obs;
	long long changed;
	long long version;		/* 1 when created, +1 at each save */
	char id[SURVEY_ID_LEN + 1];	/* the page id */
};

/* survey_create: store a new record owned by owner (facts: errors, obs, changed in;
 * version and page id out).
 * BP_EEXIST when the person already has a survey in that kommune and year; then
 * existing_owner names the account that owns it (to tell which instans, nothing more). */
int survey_create(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, struct survey_facts *facts, char existing_owner[ACCOUNT_ID_LEN + 1]);

/* survey_open: the record (free with xmlFreeDoc) and its owner. BP_ENOENT when gone,
 * BP_ECRYPTO when it does not open with this key (tampered, or other secrets). */
int survey_open(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], char owner[ACCOUNT_ID_LEN + 1], xmlDocPtr *record);

/* survey_save: replace the record, which must still be at facts->version (BP_ESTALE when
 * someone saved in between: nothing is overwritten). facts->version then is the new one. */
int survey_save(struct store_txn *txn, const struct secrets *sec,
    const unsigned char key[SURVEY_KEY_LEN], const char *owner, xmlDocPtr record,
    const char *fnr, struct survey_facts *facts);

/* A record sealed for its next version by survey_seal, outside any transaction, and
 * written by survey_put in a short write transaction: the writer's lock is not held while
 * the record is serialized and encrypted. */
struct survey_sealed {
	unsigned char key[SURVEY_KEY_LEN];
	char owner[ACCOUNT_ID_LEN + 1];
	char id[SURVEY_ID_LEN + 1];	/* the page id, which a survey made anew changes */
	long long version;		/* the stored one it replaces */
	long long changed;		/* the new version's change */
	struct buf value;		/* the sealed record */
	struct buf facts;		/* its index entry */
};

/* survey_seal: record (with facts->version + 1 and facts->changed set in it) and its index
 * entry sealed into out (free with survey_sealed_free, also after a failure). */
int survey_seal(const struct secrets *sec, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, xmlDocPtr record, const char *fnr, const struct survey_facts *facts,
    struct survey_sealed *out);
/* survey_put: write what survey_seal sealed, if the stored survey is still the same one at
 * the same version (BP_ESTALE when not: nothing is overwritten). */
int survey_put(struct store_txn *txn, const struct survey_sealed *s);
void survey_sealed_free(struct survey_sealed *s);

/* survey_remove: delete the record, its index entry and page id, and write "slettet" by
 * account last in its endringslogg. The log stays (it names no person): the kommune's
 * logs show it, and it goes with the year's other data at the transfer. */
int survey_remove(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *owner, long long now, const char *account);

/* survey_facts: the facts of one survey owner owns (the number too when sec is given).
 * BP_ENOENT when there is none, or it is not owner's. */
int survey_facts(struct store_txn *txn, const struct secrets *sec, const char *owner,
    const unsigned char key[SURVEY_KEY_LEN], struct survey_facts *facts);

/* survey_list: call fn with the facts of each survey owner owns for year (0: any), in key
 * order; fn returns 0 to go on, 1 to stop, < 0 to fail. The numbers are opened only when
 * sec is given (each is a decryption; a long list shows a page of them). */
typedef int (*survey_list_fn)(const struct survey_facts *facts, void *arg);
int survey_list(struct store_txn *txn, const struct secrets *sec, const char *owner, int year,
    survey_list_fn fn, void *arg);

/* survey_order: call fn with the key and last change of each survey owner owns for year
 * (not 0), newest change first (then by key), from the index kept in that order: fn
 * returns 1 once it has the rows it shows, whose facts it takes with survey_facts, so a
 * page of a long list reads 50 entries, not every survey. */
typedef int (*survey_order_fn)(const unsigned char key[SURVEY_KEY_LEN], long long changed,
    void *arg);
int survey_order(struct store_txn *txn, const char *owner, int year, survey_order_fn fn,
    void *arg);

/* survey_count: the surveys owner owns for year (any year when year is 0). */
int survey_count(struct store_txn *txn, const char *owner, int year, long *count);

/* survey_changed_fill: the by-change index (DB_CHANGED) of every survey in the owner
 * index, for a store made before it existed (upgrade.c passes it to store_open). */
int survey_changed_fill(struct store_txn *txn);

/* survey_handover: move every survey of from to to, in the caller's transaction, writing
 * a line to each record's endringslogg. Irreversible. *moved gets how many. */
int survey_handover(struct store_txn *txn, const struct account *from,
    const struct account *to, const struct account *by, long long now, long *moved);

/* survey_log: add a line to the endringslogg of one (existing) survey. */
int survey_log(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    long long now, const char *account, const char *action);

/* survey_log_opened: 1 when the endringslogg of key has "åpnet" (or, with created, also
 * "opprettet") by account at or after since (the start of the reader's session), else 0;
 * reads back from the newest line and stops at since. A survey is logged as opened once
 * per session (skjema.c). */
int survey_log_opened(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    const char *account, long long since, int created);
/* survey_log_list: the lines of one survey's endringslogg, oldest first, as
 * "time\taccount\taction". */
typedef int (*survey_log_fn)(const char *line, size_t len, void *arg);
int survey_log_list(struct store_txn *txn, const unsigned char key[SURVEY_KEY_LEN],
    survey_log_fn fn, void *arg);

/* One endringslogg line, "time\taccount\taction", taken apart. The action is what
 * survey_log wrote: "opprettet", "lagret a b c" (the items that changed), "rettet a b c"
 * (a retting the person asked for, after sluttdato), "slettet", ... */
struct survey_log_line {
	long long time;
	char account[64];		/* an account id, or a tool's name */
	char action[4096];		/* the verb: "lagret", "rettet", "opprettet", ... */
	const char *ids;		/* "a b c" after "lagret" or "rettet", else NULL */
	const char *name;		/* the verb as pages and PDFs name it: a retting is
					 * "rettet etter krav fra bruker" */
};
/* survey_log_parse: BP_EXML when line is not one of ours. */
int survey_log_parse(const char *line, size_t len, struct survey_log_line *out);

/* The accounts an endringslogg names, each looked up once (a survey's log names few). */
#define LOG_ACCOUNTS_MAX 16
struct log_accounts {
	struct account a[LOG_ACCOUNTS_MAX];
	int n;
};
/* log_account: the account id names, or NULL when there is none (a tool's name such as
 * "bpadm", a deleted account) or LOG_ACCOUNTS_MAX are looked up already. */
const struct account *log_account(struct store_txn *txn, struct log_accounts *c,
    const char *id);
/* log_account_name: the name of a, or for a line without an account the name pages and
 * PDFs give it: "Systemet (bpadm)" or "Ukjent konto". */
const char *log_account_name(const struct account *a, const char *id);

/* survey_log_scan: every endringslogg line of a kommune's surveys of year, deleted ones
 * too, by page id and then time, with the page id of its survey and when it was written
 * (the writer's wall clock in microseconds: it orders lines across surveys where their own
 * time, in seconds and by the test clock, ties). */
typedef int (*survey_log_scan_fn)(const char *id, unsigned long long order, const char *line,
    size_t len, void *arg);
int survey_log_scan(struct store_txn *txn, const char *kommune, int year,
    survey_log_scan_fn fn, void *arg);

/* A kommune's year, as a transfer takes it. */
struct survey_ref {
	unsigned char key[SURVEY_KEY_LEN];
	char owner[ACCOUNT_ID_LEN + 1];
};

/* survey_year_refs: the key and owner of every survey of kommune and year, in key order,
 * into *out (free it; *n of them). Nothing is opened. */
int survey_year_refs(struct store_txn *txn, const char *kommune, int year,
    struct survey_ref **out, size_t *n);
/* survey_drop: delete a survey, its index entry and page id, leaving no line: the transfer
 * deletes the year's endringslogger as a whole (survey_log_drop). */
int survey_drop(struct store_txn *txn, const struct survey_ref *ref);
int survey_log_drop(struct store_txn *txn, const char *kommune, int year);

/* survey_years: every kommune and year that has surveys, in that order (one seek each, not
 * a walk over every survey). fn returns 0 to go on, 1 to stop, < 0 to fail. */
typedef int (*survey_year_fn)(const char *kommune, int year, void *arg);
int survey_years(struct store_txn *txn, survey_year_fn fn, void *arg);

#endif
