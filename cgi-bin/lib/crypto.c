/* crypto.c: random bytes, SHA-256, HMAC-SHA256 and AES-256-GCM from OpenSSL; argon2id
 * password hashes from libargon2.
 *
 * Every CGI request is a new process, so OpenSSL's start-up is paid per request. Measured
 * on OpenSSL 3.0 with callgrind: the default initialisation (config file, error strings,
 * every legacy algorithm name) costs ~3M instructions, twice a whole hello-world CGI; the
 * first EVP digest fetch builds the provider's digest table (~0.7M); the default CTR-DRBG
 * builds the whole cipher table (~3M). So:
 *  - OpenSSL starts without config, strings or legacy names;
 *  - SHA-256 uses OpenSSL's direct SHA256_* functions (deprecated in 3.0 in favour of EVP,
 *    but kept through 3.x), and HMAC is RFC 2104 over them, checked against RFC 4231 and
 *    against OpenSSL's own HMAC() in tests/unit/test_crypto.c;
 *  - random bytes come from OpenSSL's SEED-SRC, the operating system's entropy source
 *    (getrandom) that its DRBG would itself be seeded from;
 *  - AES-256-GCM: fetching it from the default provider builds the provider's cipher table
 *    (~3M instructions, as much as the rest of a save). OpenSSL's built-in EVP_aes_256_gcm()
 *    (the same AES-NI code) is reached without that table when an ENGINE supplies it, so a
 *    tiny engine does just that (~0.4M). ENGINE is deprecated in 3.0 yet kept through 3.x;
 *    when it cannot be set up, the cipher is fetched as before. tests/unit/test_crypto.c
 *    checks it against the GCM specification's test case and the provider's own cipher. */
#define OPENSSL_SUPPRESS_DEPRECATED	/* SHA256_Init and friends: see above */

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "crypto.h"

/* argon2id at OWASP's "m=9 MiB, t=4, p=1" point: slow for guessing, yet it keeps a CGI
 * process under the 16 MiB peak the benchmarks hold it to. */
#define PW_T_COST 4
#define PW_M_COST (9 * 1024)
#define PW_PARALLEL 1
#define PW_SALT_LEN 16
#define PW_HASH_LEN 32

static int crypto_ready;
static EVP_RAND_CTX *seed;		/* made once per process */
static const EVP_CIPHER *cipher_gcm;
static ENGINE *engine_gcm;		/* supplies cipher_gcm, or NULL when it was fetched */

static int
crypto_init(void)
{
	uint64_t opts = OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT |
	    OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS | OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
	    OPENSSL_INIT_NO_ADD_ALL_DIGESTS;

	if (crypto_ready)
		return 0;
	if (!OPENSSL_init_crypto(opts, NULL))
		return BP_ECRYPTO;
	crypto_ready = 1;
	return 0;
}

int
crypto_random(void *buf, size_t n)
{
	EVP_RAND *r;

	if (seed == NULL) {
		if (crypto_init() != 0 || (r = EVP_RAND_fetch(NULL, "SEED-SRC", NULL)) == NULL)
			return BP_ECRYPTO;
		seed = EVP_RAND_CTX_new(r, NULL);
		EVP_RAND_free(r);
		if (seed == NULL || !EVP_RAND_instantiate(seed, 0, 0, NULL, 0, NULL)) {
			EVP_RAND_CTX_free(seed);
			seed = NULL;
			return BP_ECRYPTO;
		}
	}
	/* in pieces: the seed source hands out at most a pool's worth per call */
	while (n > 0) {
		size_t chunk = n > 256 ? 256 : n;

		if (!EVP_RAND_generate(seed, buf, chunk, 0, 0, NULL, 0))
			return BP_ECRYPTO;
		buf = (unsigned char *)buf + chunk;
		n -= chunk;
	}
	return 0;
}

int
crypto_sha256(const void *data, size_t n, unsigned char out[CRYPTO_HASH_LEN])
{
	SHA256_CTX ctx;

	if (!SHA256_Init(&ctx) || !SHA256_Update(&ctx, data, n) || !SHA256_Final(out, &ctx))
		return BP_ECRYPTO;
	OPENSSL_cleanse(&ctx, sizeof(ctx));
	return 0;
}

/* RFC 2104: H((K ^ opad) || H((K ^ ipad) || text)), K zero-padded to the 64-byte block. */
int
crypto_hmac(const unsigned char key[CRYPTO_KEY_LEN], const void *a, size_t alen,
    const void *b, size_t blen, unsigned char out[CRYPTO_HASH_LEN])
{
	unsigned char pad[SHA256_CBLOCK], inner[CRYPTO_HASH_LEN];
	SHA256_CTX ctx;
	size_t i;
	int ok;

	memset(pad, 0x36, sizeof(pad));
	for (i = 0; i < CRYPTO_KEY_LEN; i++)
		pad[i] ^= key[i];
	ok = SHA256_Init(&ctx) && SHA256_Update(&ctx, pad, sizeof(pad)) &&
	    SHA256_Update(&ctx, a, alen) && (b == NULL || SHA256_Update(&ctx, b, blen)) &&
	    SHA256_Final(inner, &ctx);
	memset(pad, 0x5c, sizeof(pad));
	for (i = 0; i < CRYPTO_KEY_LEN; i++)
		pad[i] ^= key[i];
	ok = ok && SHA256_Init(&ctx) && SHA256_Update(&ctx, pad, sizeof(pad)) &&
	    SHA256_Update(&ctx, inner, sizeof(inner)) && SHA256_Final(out, &ctx);
	OPENSSL_cleanse(pad, sizeof(pad));
	OPENSSL_cleanse(inner, sizeof(inner));
	OPENSSL_cleanse(&ctx, sizeof(ctx));
	return ok ? 0 : BP_ECRYPTO;
}

/* The engine's one cipher: see the comment at the top. */
static int
engine_ciphers(ENGINE *e, const EVP_CIPHER **c, const int **nids, int nid)
{
	static const int list[] = { NID_aes_256_gcm };

	(void)e;
	if (c == NULL) {
		*nids = list;
		return 1;
	}
	*c = nid == NID_aes_256_gcm ? EVP_aes_256_gcm() : NULL;
	return *c != NULL;
}

static ENGINE *
engine_new(void)
{
	ENGINE *e;

	if ((e = ENGINE_new()) == NULL)
		return NULL;
	if (!ENGINE_set_id(e, "bp-aes-gcm") || !ENGINE_set_name(e, "built-in AES-256-GCM") ||
	    !ENGINE_set_ciphers(e, engine_ciphers) || !ENGINE_init(e)) {
		ENGINE_free(e);
		return NULL;
	}
	ENGINE_free(e);		/* ENGINE_init holds its own reference */
	return e;
}

/* The cipher, and in *e the engine to pass with it (NULL: a fetched one). */
static const EVP_CIPHER *
gcm(ENGINE **e)
{
	if (cipher_gcm == NULL && crypto_init() == 0) {
		if ((engine_gcm = engine_new()) == NULL)
			cipher_gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
		else
			cipher_gcm = EVP_aes_256_gcm();
	}
	*e = engine_gcm;
	return cipher_gcm;
}

int
crypto_seal(const unsigned char key[CRYPTO_KEY_LEN], const void *aad, size_t aadlen,
    const void *pt, size_t n, struct buf *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	ENGINE *e;
	const EVP_CIPHER *c = gcm(&e);
	unsigned char nonce[12], tag[16], *dst;
	size_t start = out->len;
	int len, rc = BP_ECRYPTO;

	if (c == NULL || n > INT_MAX || aadlen > INT_MAX)
		return BP_ECRYPTO;
	if (crypto_random(nonce, sizeof(nonce)) != 0)
		return BP_ECRYPTO;
	buf_add(out, nonce, sizeof(nonce));
	buf_add(out, pt, n);	/* encrypted in place below (GCM allows in == out) */
	if (out->err)
		return BP_ENOMEM;
	dst = (unsigned char *)out->p + start + sizeof(nonce);
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (!EVP_EncryptInit_ex(ctx, c, e, key, nonce))
		goto out;
	if (aadlen && !EVP_EncryptUpdate(ctx, NULL, &len, aad, (int)aadlen))
		goto out;
	if (!EVP_EncryptUpdate(ctx, dst, &len, dst, (int)n) || (size_t)len != n)
		goto out;
	if (!EVP_EncryptFinal_ex(ctx, dst + n, &len) || len != 0)
		goto out;
	if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, sizeof(tag), tag))
		goto out;
	buf_add(out, tag, sizeof(tag));
	rc = out->err ? BP_ENOMEM : 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (rc != 0) {
		crypto_wipe(out->p + start, out->len - start);
		out->len = start;
		out->p[start] = '\0';
	}
	return rc;
}

int
crypto_open(const unsigned char key[CRYPTO_KEY_LEN], const void *aad, size_t aadlen,
    const void *in, size_t n, struct buf *out)
{
	const unsigned char *p = in;
	ENGINE *e;
	const EVP_CIPHER *c = gcm(&e);
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char tag[16];
	size_t ctlen, start = out->len;
	int len, rc = BP_ECRYPTO;

	if (c == NULL || n < CRYPTO_SEAL_OVERHEAD || n > INT_MAX || aadlen > INT_MAX)
		return BP_ECRYPTO;
	ctlen = n - CRYPTO_SEAL_OVERHEAD;
	memcpy(tag, p + 12 + ctlen, sizeof(tag));
	buf_add(out, p + 12, ctlen);	/* reserve; decrypted in place below */
	if (out->err)
		return BP_ENOMEM;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (!EVP_DecryptInit_ex(ctx, c, e, key, p))
		goto out;
	if (aadlen && !EVP_DecryptUpdate(ctx, NULL, &len, aad, (int)aadlen))
		goto out;
	if (!EVP_DecryptUpdate(ctx, (unsigned char *)out->p + start, &len, p + 12, (int)ctlen))
		goto out;
	if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, sizeof(tag), tag))
		goto out;
	if (EVP_DecryptFinal_ex(ctx, (unsigned char *)out->p + start + len, &len) != 1)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (rc != 0) {
		crypto_wipe(out->p + start, out->len - start);
		out->len = start;
		out->p[start] = '\0';
	}
	return rc;
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void
crypto_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

int
crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_MAX])
{
	unsigned char salt[PW_SALT_LEN];
	size_t need;

	need = argon2_encodedlen(PW_T_COST, PW_M_COST, PW_PARALLEL, PW_SALT_LEN, PW_HASH_LEN,
	    Argon2_id);
	if (need > CRYPTO_PWHASH_MAX || crypto_random(salt, sizeof(salt)) != 0)
		return BP_ECRYPTO;
	if (argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_PARALLEL, password,
	    strlen(password), salt, sizeof(salt), PW_HASH_LEN, out, CRYPTO_PWHASH_MAX) != ARGON2_OK)
		return BP_ECRYPTO;
	return 0;
}

int
crypto_password_verify(const char *encoded, const char *password)
{
	int rc = argon2id_verify(encoded, password, strlen(password));

	if (rc == ARGON2_OK)
		return 0;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return BP_EDENIED;
	return BP_ECRYPTO;
}

void
crypto_password_dummy(const char *password)
{
	char scratch[CRYPTO_PWHASH_MAX];

	/* hashing costs what verifying costs: same parameters, same memory */
	(void)crypto_password_hash(password, scratch);
}
