/* token.h: random bearer tokens (sessions, invitations, registrations). The token goes to
 * the browser as 64 hex digits; the store keeps only its SHA-256, so a copy of the store
 * cannot be used to log in or register. */
#ifndef BP_TOKEN_H
#define BP_TOKEN_H

#include "crypto.h"
#include "store.h"

#define TOKEN_BYTES 32
#define TOKEN_HEX (2 * TOKEN_BYTES)

/* token_new: a fresh token in hex, and its store key. */
int token_new(char hex[TOKEN_HEX + 1], unsigned char key[CRYPTO_HASH_LEN]);
/* token_key: BP_EINVAL unless hex is exactly TOKEN_HEX hex digits. */
int token_key(const char *hex, unsigned char key[CRYPTO_HASH_LEN]);
/* token_get: the record db keeps under the hash of the token hex: its key into key, its value
 * into *val (valid until the transaction ends). BP_ENOENT for an unknown or malformed token
 * (sessions, invitation, registration and reset links all look theirs up so). */
int token_get(struct store_txn *txn, enum store_db db, const char *hex,
    unsigned char key[CRYPTO_HASH_LEN], const void **val, size_t *vlen);

#endif
