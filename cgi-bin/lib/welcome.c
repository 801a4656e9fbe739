/* welcome.c: the velkomstmelding, kept under the meta key "welcome" (metatext.h). */
#include "metatext.h"
#include "welcome.h"

#define WELCOME_KEY "welcome"

int
welcome_get(struct store_txn *txn, struct buf *out, long long *version)
{
	int rc = metatext_get(txn, WELCOME_KEY, out, version);

	return rc == BP_ENOENT ? 0 : rc;
}

int
welcome_set(struct store_txn *txn, const char *text, const char *by, long long now)
{
	return metatext_set(txn, WELCOME_KEY, text, by, now);
}
