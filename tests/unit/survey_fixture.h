/* survey_fixture.h: what the survey storage tests share (test_survey.c, test_survey_index.c):
 * two owners, one number, a secrets key, a store, a record, and the create and hand-over
 * operations. Include after unit.h. */
#ifndef BP_SURVEY_FIXTURE_H
#define BP_SURVEY_FIXTURE_H

#include <libxml/parser.h>

#include "account.h"
#include "secrets.h"
#include "survey.h"

#define OWNER_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define OWNER_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FNR "01019000598"

static struct secrets sec;

static inline int
setup(void **state)
{
	memset(&sec, 0x5a, sizeof(sec));
	return fix_setup(state, NULL, 1024 * 1024);
}

static inline xmlDocPtr
rec(const char *kategori)
{
	char xml[256];

	snprintf(xml, sizeof(xml), "<kartlegging aar='2026' alder='36' kjonn='mann' fnr='%s'>"
	    "<kategori>%s</kategori></kartlegging>", FNR, kategori);
	return xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
}

struct op {
	unsigned char key[SURVEY_KEY_LEN];
	const char *owner;
	const char *kategori;
	struct survey_facts facts;
	char existing[ACCOUNT_ID_LEN + 1];
	char got_owner[ACCOUNT_ID_LEN + 1];
	char got_kategori[32];
	int rc;
};

static inline int
do_create(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = rec(o->kategori);

	o->rc = survey_create(txn, &sec, o->key, o->owner, d, FNR, &o->facts, o->existing);
	xmlFreeDoc(d);
	return o->rc;
}

static inline struct account
person(const char *id, const char *instans)
{
	struct account a;

	memset(&a, 0, sizeof(a));
	snprintf(a.id, sizeof(a.id), "%s", id);
	snprintf(a.name, sizeof(a.name), "Person %c", id[0]);
	snprintf(a.instans, sizeof(a.instans), "%s", instans);
	return a;
}

struct handover_arg {
	struct account from, to;
	long moved;
};

static inline int
do_handover(struct store_txn *txn, void *arg)
{
	struct handover_arg *h = arg;

	return survey_handover(txn, &h->from, &h->to, &h->from, 1800000000, &h->moved);
}

static inline int
do_save(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = rec(o->kategori);

	o->rc = survey_save(txn, &sec, o->key, o->owner, d, FNR, &o->facts);
	xmlFreeDoc(d);
	return o->rc;
}

static inline int
do_open(struct store_txn *txn, void *arg)
{
	struct op *o = arg;
	xmlDocPtr d = NULL;
	xmlChar *k;

	o->got_kategori[0] = '\0';
	if ((o->rc = survey_open(txn, &sec, o->key, o->got_owner, &d)) != 0)
		return 0;
	k = xmlNodeGetContent(xmlDocGetRootElement(d)->children);
	snprintf(o->got_kategori, sizeof(o->got_kategori), "%s", (char *)k);
	xmlFree(k);
	xmlFreeDoc(d);
	return 0;
}

static inline int
do_remove(struct store_txn *txn, void *arg)
{
	struct op *o = arg;

	return survey_remove(txn, o->key, o->owner, 1700000000, OWNER_B);
}

#endif
