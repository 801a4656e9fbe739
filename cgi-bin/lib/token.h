/* token.h: random bearer tokens (sessions, invitations, registrations). The token goes to
 * the browser as 64 hex digits; the store keeps only its SHA-256, so a copy of the store
 * cannot be used to log in or register. */
#ifndef BP_TOKEN_H
#define BP_TOKEN_H

#include "crypto.h"

#define TOKEN_BYTES 32
#define TOKEN_HEX (2 * TOKEN_BYTES)

/* token_new: a fresh token in hex, and its store key. */
int token_new(char hex[TOKEN_HEX + 1], unsigned char key[CRYPTO_HASH_LEN]);
/* token_key: BP_EINVAL unless hex is exactly TOKEN_HEX hex digits. */
int token_key(const char *hex, unsigned char key[CRYPTO_HASH_LEN]);

#endif
