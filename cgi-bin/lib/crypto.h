/* crypto.h: the only door to OpenSSL and libargon2. */
#ifndef BP_CRYPTO_H
#define BP_CRYPTO_H

#include <stddef.h>

#include "util.h"

#define CRYPTO_KEY_LEN 32
#define CRYPTO_HASH_LEN 32
#define CRYPTO_SEAL_OVERHEAD (12 + 16)	/* nonce + GCM tag */
#define CRYPTO_PWHASH_MAX 128		/* encoded argon2id string incl. NUL */

/* All return 0 or a negative bp_err. Keys are 32 bytes. */
int crypto_random(void *buf, size_t n);
int crypto_sha256(const void *data, size_t n, unsigned char out[CRYPTO_HASH_LEN]);
/* HMAC-SHA256 over the concatenation a || b (b may be NULL); keyed hashes, tokens. */
int crypto_hmac(const unsigned char key[CRYPTO_KEY_LEN], const void *a, size_t alen,
    const void *b, size_t blen, unsigned char out[CRYPTO_HASH_LEN]);
/* AES-256-GCM: out gets nonce(12) || ciphertext || tag(16); aad is authenticated only. */
int crypto_seal(const unsigned char key[CRYPTO_KEY_LEN], const void *aad, size_t aadlen,
    const void *pt, size_t n, struct buf *out);
/* crypto_open: BP_ECRYPTO when the tag does not verify (wrong key, aad or tampering). */
int crypto_open(const unsigned char key[CRYPTO_KEY_LEN], const void *aad, size_t aadlen,
    const void *in, size_t n, struct buf *out);
/* constant-time comparison: 1 when equal. */
int crypto_equal(const void *a, const void *b, size_t n);
void crypto_wipe(void *p, size_t n);

/* argon2id, salted, encoded as a PHC string in out (CRYPTO_PWHASH_MAX bytes). */
int crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_MAX]);
/* 0 when password matches encoded, BP_EDENIED when it does not. */
int crypto_password_verify(const char *encoded, const char *password);
/* Spend the same time as a verify, for unknown accounts (no timing oracle). */
void crypto_password_dummy(const char *password);

#endif
