/* metatext.h: a text KORFOR writes for every site user, kept as one small XML record under
 * a key of the meta database with who set it and when: the velkomstmelding (welcome.h) and
 * the informasjonsskriv (infoletter.h). */
#ifndef BP_METATEXT_H
#define BP_METATEXT_H

#include "store.h"

/* metatext_get: the text under key appended to out, and its version (the time it was set);
 * BP_ENOENT (out untouched, *version 0) when none was ever set. */
int metatext_get(struct store_txn *txn, const char *key, struct buf *out,
    long long *version);
/* metatext_set: text (may be "") as version now, set by `by`. */
int metatext_set(struct store_txn *txn, const char *key, const char *text, const char *by,
    long long now);

#endif
