/* welcome.h: the velkomstmelding KORFOR writes; every user sees it once, at the first
 * login after it changed (Vedlegg 2). */
#ifndef BP_WELCOME_H
#define BP_WELCOME_H

#include "store.h"

#define WELCOME_MAX_CHARS 4000

/* welcome_get: the text into out ("" when none) and its version (the time it was set,
 * 0 when never). */
int welcome_get(struct store_txn *txn, struct buf *out, long long *version);
/* welcome_set: a new text (may be "") as version now. */
int welcome_set(struct store_txn *txn, const char *text, const char *by, long long now);

#endif
