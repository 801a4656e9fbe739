/* crypto.c: random bytes, SHA-256, HMAC-SHA256 and AES-256-GCM from OpenSSL; argon2id
 * password hashes from libargon2.
 *
 * Every CGI request is a new process, so OpenSSL's start-up cost is paid per request.
 * Measured on OpenSSL 3.0 (callgrind): the default init loads the config file, error
 * strings and every legacy algorithm name (~3M instructions, twice a whole hello-world CGI),
 * and the default CTR-DRBG builds the full cipher table. We skip what we never use and seed
 * a HASH-DRBG (SP 800-90A, SHA-256) instead: random + SHA-256 + HMAC then cost ~1M. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <argon2.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"

/* argon2id at OWASP's "m=9 MiB, t=4, p=1" point: slow for guessing, yet it keeps a CGI
 * process under the 16 MiB peak the benchmarks hold it to. */
#define PW_T_COST 4
#define PW_M_COST (9 * 1024)
#define PW_PARALLEL 1
#define PW_SALT_LEN 16
#define PW_HASH_LEN 32

static int crypto_ready;
static EVP_MD *md_sha256;		/* fetched once per process */
static EVP_MAC *mac_hmac;
static EVP_CIPHER *cipher_gcm;

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
	if (!RAND_set_DRBG_type(NULL, "HASH-DRBG", NULL, NULL, "SHA256"))
		return BP_ECRYPTO;
	crypto_ready = 1;
	return 0;
}

int
crypto_random(void *buf, size_t n)
{
	if (crypto_init() != 0)
		return BP_ECRYPTO;
	if (n > INT_MAX || RAND_bytes(buf, (int)n) != 1)
		return BP_ECRYPTO;
	return 0;
}

static const EVP_MD *
sha256(void)
{
	if (md_sha256 == NULL && crypto_init() == 0)
		md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	return md_sha256;
}

int
crypto_sha256(const void *data, size_t n, unsigned char out[CRYPTO_HASH_LEN])
{
	unsigned int len = 0;
	const EVP_MD *md = sha256();

	if (md == NULL || !EVP_Digest(data, n, out, &len, md, NULL) || len != CRYPTO_HASH_LEN)
		return BP_ECRYPTO;
	return 0;
}

int
crypto_hmac(const unsigned char key[CRYPTO_KEY_LEN], const void *a, size_t alen,
    const void *b, size_t blen, unsigned char out[CRYPTO_HASH_LEN])
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
		OSSL_PARAM_construct_end()
	};
	EVP_MAC_CTX *ctx = NULL;
	size_t len = 0;
	int rc = BP_ECRYPTO;

	if (mac_hmac == NULL && crypto_init() == 0)
		mac_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac_hmac == NULL || (ctx = EVP_MAC_CTX_new(mac_hmac)) == NULL)
		goto out;
	if (!EVP_MAC_init(ctx, key, CRYPTO_KEY_LEN, params) ||
	    !EVP_MAC_update(ctx, a, alen) ||
	    (b != NULL && blen > 0 && !EVP_MAC_update(ctx, b, blen)) ||
	    !EVP_MAC_final(ctx, out, &len, CRYPTO_HASH_LEN) || len != CRYPTO_HASH_LEN)
		goto out;
	rc = 0;
out:
	EVP_MAC_CTX_free(ctx);
	return rc;
}

static const EVP_CIPHER *
gcm(void)
{
	if (cipher_gcm == NULL && crypto_init() == 0)
		cipher_gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
	return cipher_gcm;
}

int
crypto_seal(const unsigned char key[CRYPTO_KEY_LEN], const void *aad, size_t aadlen,
    const void *pt, size_t n, struct buf *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	const EVP_CIPHER *c = gcm();
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
	if (!EVP_EncryptInit_ex2(ctx, c, key, nonce, NULL))
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
	const EVP_CIPHER *c = gcm();
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
	if (!EVP_DecryptInit_ex2(ctx, c, key, p, NULL))
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
