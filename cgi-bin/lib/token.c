/* token.c: bearer tokens and their store keys. */
#include <string.h>

#include "token.h"

int
token_new(char hex[TOKEN_HEX + 1], unsigned char key[CRYPTO_HASH_LEN])
{
	unsigned char raw[TOKEN_BYTES];
	int rc;

	if ((rc = crypto_random(raw, sizeof(raw))) != 0)
		return rc;
	hex_encode(raw, sizeof(raw), hex);
	rc = crypto_sha256(raw, sizeof(raw), key);
	crypto_wipe(raw, sizeof(raw));
	return rc;
}

int
token_key(const char *hex, unsigned char key[CRYPTO_HASH_LEN])
{
	unsigned char raw[TOKEN_BYTES];
	int rc;

	if (hex == NULL || strlen(hex) != TOKEN_HEX || hex_decode(hex, TOKEN_HEX, raw, sizeof(raw)))
		return BP_EINVAL;
	rc = crypto_sha256(raw, sizeof(raw), key);
	crypto_wipe(raw, sizeof(raw));
	return rc;
}

int
token_get(struct store_txn *txn, enum store_db db, const char *hex,
    unsigned char key[CRYPTO_HASH_LEN], const void **val, size_t *vlen)
{
	if (token_key(hex, key) != 0)
		return BP_ENOENT;
	return store_get(txn, db, key, CRYPTO_HASH_LEN, val, vlen);
}
