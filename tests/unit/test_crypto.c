/* test_crypto.c: crypto.c and secrets.c: SHA-256 against FIPS 180-2 vectors, HMAC-SHA256
 * against OpenSSL's one-shot HMAC (and the two-part form against the one-part), random
 * bytes, AES-256-GCM seal/open and every way to tamper with a sealed box, constant-time
 * compare, argon2id password hashes, and the secrets file (create, load, refusals). */
#include "unit.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "crypto.h"
#include "secrets.h"

static void
test_sha256(void **state)
{
	static const struct {
		const char *in, *hex;
	} cases[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	unsigned char h[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		assert_int_equal(crypto_sha256(cases[i].in, strlen(cases[i].in), h), 0);
		hex_encode(h, sizeof(h), hex);
		assert_string_equal(hex, cases[i].hex);
	}
}

static void
test_sha256_million_a(void **state)
{
	unsigned char h[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1], *a;

	(void)state;
	assert_non_null(a = malloc(1000000));
	memset(a, 'a', 1000000);
	assert_int_equal(crypto_sha256(a, 1000000, h), 0);
	hex_encode(h, sizeof(h), hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* HMAC-SHA256 as OpenSSL computes it in one call, for comparison */
static void
hmac_ref(const unsigned char *key, const void *msg, size_t len, unsigned char out[32])
{
	unsigned int n = 0;

	assert_non_null(HMAC(EVP_sha256(), key, CRYPTO_KEY_LEN, msg, len, out, &n));
	assert_int_equal(n, 32);
}

/* RFC 4231 cases 1-4. Keys shorter than the 64-byte block are zero-padded by HMAC
 * itself, so each key padded with zeros to 32 bytes gives the published result. */
static void
test_hmac_rfc4231(void **state)
{
	static const struct {
		unsigned char key[CRYPTO_KEY_LEN];
		size_t keylen;
		const char *data;
		size_t datalen;
		const char *mac;
	} cases[] = {
		{ { 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
		    0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b }, 20, "Hi There", 8,
		  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
		{ { 'J', 'e', 'f', 'e' }, 4, "what do ya want for nothing?", 28,
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
		{ { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
		    0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa }, 20,
		  "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
		  "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
		  "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd", 50,
		  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
		{ { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
		    24, 25 }, 25,
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
		  "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd", 50,
		  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
	};
	unsigned char mac[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		assert_int_equal(crypto_hmac(cases[i].key, cases[i].data, cases[i].datalen, NULL, 0,
		    mac), 0);
		hex_encode(mac, sizeof(mac), hex);
		assert_string_equal(hex, cases[i].mac);
	}
}

static void
test_hmac(void **state)
{
	static const char *const msgs[] = {
		"", "abc", "Hi There", "what do ya want for nothing?",
		"Test Using Larger Than Block-Size Key - Hash Key First",
	};
	unsigned char key[CRYPTO_KEY_LEN], want[32], got[32], other[32], big[1000];
	size_t i, k;

	(void)state;
	for (k = 0; k < 3; k++) {
		for (i = 0; i < sizeof(key); i++)
			key[i] = (unsigned char)(k == 0 ? 0x0b : k == 1 ? i : 0xaa ^ i);
		for (i = 0; i < UNIT_N(msgs); i++) {
			hmac_ref(key, msgs[i], strlen(msgs[i]), want);
			assert_int_equal(crypto_hmac(key, msgs[i], strlen(msgs[i]), NULL, 0, got), 0);
			assert_memory_equal(got, want, 32);
		}
	}
	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7);
	hmac_ref(key, big, sizeof(big), want);
	assert_int_equal(crypto_hmac(key, big, sizeof(big), NULL, 0, got), 0);
	assert_memory_equal(got, want, 32);
	/* another key, another MAC */
	key[0] ^= 1;
	assert_int_equal(crypto_hmac(key, big, sizeof(big), NULL, 0, other), 0);
	assert_memory_not_equal(other, want, 32);
}

/* a || b at every split point is the MAC of the whole */
static void
test_hmac_two_part(void **state)
{
	static const char msg[] = "site:fodselsnummer:01017012345";
	unsigned char key[CRYPTO_KEY_LEN], want[32], got[32];
	size_t len = strlen(msg), i;

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	hmac_ref(key, msg, len, want);
	for (i = 0; i <= len; i++) {
		memset(got, 0, sizeof(got));
		assert_int_equal(crypto_hmac(key, msg, i, msg + i, len - i, got), 0);
		assert_memory_equal(got, want, 32);
	}
	/* the split is not part of the MAC, but the bytes are */
	assert_int_equal(crypto_hmac(key, "ab", 2, "d", 1, got), 0);
	hmac_ref(key, "abd", 3, want);
	assert_memory_equal(got, want, 32);
	hmac_ref(key, "abc", 3, want);
	assert_memory_not_equal(got, want, 32);
}

static void
test_random(void **state)
{
	unsigned char a[32], b[32], zero[32] = { 0 };
	unsigned char big[4096];
	size_t i, ones = 0;

	(void)state;
	assert_int_equal(crypto_random(a, sizeof(a)), 0);
	assert_int_equal(crypto_random(b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_memory_not_equal(a, zero, sizeof(a));
	assert_int_equal(crypto_random(big, sizeof(big)), 0);
	for (i = 0; i < sizeof(big); i++)
		ones += (size_t)__builtin_popcount(big[i]);
	/* 32768 fair bits: within 8 standard deviations (~90) of half */
	assert_in_range(ones, 16384 - 720, 16384 + 720);
	assert_int_equal(crypto_random(a, 0), 0);
}

static const char aad[] = "account:0123456789abcdef";

static void
seal(const unsigned char *key, const void *pt, size_t n, struct buf *out)
{
	buf_reset(out);
	assert_int_equal(crypto_seal(key, aad, strlen(aad), pt, n, out), 0);
	assert_int_equal(out->len, n + CRYPTO_SEAL_OVERHEAD);
}

static void
test_seal_open(void **state)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 17, 100, 4096, 100000 };
	unsigned char key[CRYPTO_KEY_LEN], *pt;
	struct buf box = { 0 }, plain = { 0 };
	size_t i;

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	assert_non_null(pt = malloc(100000));
	for (i = 0; i < 100000; i++)
		pt[i] = (unsigned char)(i * 31 + 7);
	for (i = 0; i < UNIT_N(sizes); i++) {
		seal(key, pt, sizes[i], &box);
		if (sizes[i] >= 16)	/* the plaintext is not there in the clear */
			assert_null(memmem(box.p, box.len, pt, 16));
		buf_reset(&plain);
		assert_int_equal(crypto_open(key, aad, strlen(aad), box.p, box.len, &plain), 0);
		assert_int_equal(plain.len, sizes[i]);
		assert_memory_equal(plain.p, pt, sizes[i]);
	}
	free(pt);
	buf_free(&box);
	buf_free(&plain);
}

/* seal and open append to what is in the buffer already */
static size_t
unhex(const char *hex, unsigned char *out)
{
	size_t n;

	for (n = 0; hex[2 * n]; n++)
		assert_int_equal(sscanf(hex + 2 * n, "%2hhx", &out[n]), 1);
	return n;
}

/* Test Case 16 of McGrew and Viega's GCM specification (256-bit key, 96-bit IV, AAD): the
 * box nonce || ciphertext || tag opens to the plaintext, and one flipped tag bit refuses. */
static void
test_open_known_answer(void **state)
{
	unsigned char key[32], box[12 + 60 + 16], pt[60], aadb[20];
	struct buf out = { 0 };
	size_t n;

	(void)state;
	assert_int_equal(unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	    key), 32);
	assert_int_equal(unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt), 60);
	assert_int_equal(unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aadb), 20);
	n = unhex("cafebabefacedbaddecaf888", box);
	n += unhex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", box + n);
	n += unhex("76fc6ece0f4e1768cddf8853bb2d551b", box + n);
	assert_int_equal(n, sizeof(box));
	assert_int_equal(crypto_open(key, aadb, sizeof(aadb), box, n, &out), 0);
	assert_int_equal(out.len, sizeof(pt));
	assert_memory_equal(out.p, pt, sizeof(pt));
	box[n - 1] ^= 1;
	buf_reset(&out);
	assert_int_equal(crypto_open(key, aadb, sizeof(aadb), box, n, &out), BP_ECRYPTO);
	buf_free(&out);
}

/* What crypto_seal makes, the provider's own AES-256-GCM (fetched here, not through
 * crypto.c's engine) opens: nonce || ciphertext || tag, the AAD bound. */
static void
test_seal_provider_opens(void **state)
{
	static const char pt[] = "<kartlegging><kjonn>kvinne</kjonn></kartlegging>";
	unsigned char key[CRYPTO_KEY_LEN], back[sizeof(pt)];
	const unsigned char *p;
	struct buf box = { 0 };
	EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx;
	size_t ct;
	int len, fin;

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	seal(key, pt, sizeof(pt), &box);
	p = (const unsigned char *)box.p;
	ct = box.len - CRYPTO_SEAL_OVERHEAD;
	assert_non_null(c = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL));
	assert_non_null(ctx = EVP_CIPHER_CTX_new());
	assert_true(EVP_DecryptInit_ex2(ctx, c, key, p, NULL));
	assert_true(EVP_DecryptUpdate(ctx, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)));
	assert_true(EVP_DecryptUpdate(ctx, back, &len, p + 12, (int)ct));
	assert_true(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, (void *)(p + 12 + ct)));
	fin = EVP_DecryptFinal_ex(ctx, back + len, &len);
	assert_int_equal(fin, 1);
	assert_memory_equal(back, pt, sizeof(pt));
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	buf_free(&box);
}

static void
test_seal_appends(void **state)
{
	unsigned char key[CRYPTO_KEY_LEN];
	struct buf box = { 0 }, plain = { 0 };

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	buf_puts(&box, "head:");
	assert_int_equal(crypto_seal(key, NULL, 0, "secret", 6, &box), 0);
	assert_int_equal(box.len, 5 + 6 + CRYPTO_SEAL_OVERHEAD);
	assert_memory_equal(box.p, "head:", 5);
	buf_puts(&plain, "x=");
	assert_int_equal(crypto_open(key, NULL, 0, box.p + 5, box.len - 5, &plain), 0);
	assert_string_equal(plain.p, "x=secret");
	/* a failed open leaves the buffer as it was */
	box.p[5] ^= 1;
	assert_int_equal(crypto_open(key, NULL, 0, box.p + 5, box.len - 5, &plain), BP_ECRYPTO);
	assert_string_equal(plain.p, "x=secret");
	assert_int_equal(plain.len, 8);
	buf_free(&box);
	buf_free(&plain);
}

static void
test_seal_differs(void **state)
{
	unsigned char key[CRYPTO_KEY_LEN];
	struct buf a = { 0 }, b = { 0 };

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	seal(key, "same plaintext", 14, &a);
	seal(key, "same plaintext", 14, &b);
	assert_memory_not_equal(a.p, b.p, 12);		/* nonce */
	assert_memory_not_equal(a.p + 12, b.p + 12, a.len - 12);
	buf_free(&a);
	buf_free(&b);
}

static void
test_open_refuses(void **state)
{
	static const char pt[] = "TOTP secret 0123";
	unsigned char key[CRYPTO_KEY_LEN], other[CRYPTO_KEY_LEN], *bad;
	struct buf box = { 0 }, out = { 0 };
	size_t bit, n;

	(void)state;
	assert_int_equal(crypto_random(key, sizeof(key)), 0);
	memcpy(other, key, sizeof(key));
	other[31] ^= 0x80;
	seal(key, pt, strlen(pt), &box);
	/* wrong key, wrong or missing aad */
	assert_int_equal(crypto_open(other, aad, strlen(aad), box.p, box.len, &out), BP_ECRYPTO);
	assert_int_equal(crypto_open(key, "account:x", 9, box.p, box.len, &out), BP_ECRYPTO);
	assert_int_equal(crypto_open(key, aad, strlen(aad) - 1, box.p, box.len, &out),
	    BP_ECRYPTO);
	assert_int_equal(crypto_open(key, NULL, 0, box.p, box.len, &out), BP_ECRYPTO);
	assert_int_equal(out.len, 0);
	/* any one bit flipped: nonce, ciphertext or tag */
	assert_non_null(bad = malloc(box.len));
	for (bit = 0; bit < 8 * box.len; bit++) {
		memcpy(bad, box.p, box.len);
		bad[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		if (crypto_open(key, aad, strlen(aad), bad, box.len, &out) != BP_ECRYPTO)
			fail_msg("bit %zu flipped: opened", bit);
		assert_int_equal(out.len, 0);
	}
	/* every truncation, and one byte too many */
	for (n = 0; n < box.len; n++)
		if (crypto_open(key, aad, strlen(aad), box.p, n, &out) != BP_ECRYPTO)
			fail_msg("truncated to %zu: opened", n);
	buf_add(&box, "", 1);
	assert_int_equal(crypto_open(key, aad, strlen(aad), box.p, box.len, &out), BP_ECRYPTO);
	assert_int_equal(out.len, 0);
	free(bad);
	buf_free(&box);
	buf_free(&out);
}

static void
test_equal(void **state)
{
	static const struct {
		const char *a, *b;
		size_t n;
		int eq;
	} cases[] = {
		{ "abc", "abc", 3, 1 }, { "abc", "abd", 3, 0 }, { "abc", "xbc", 3, 0 },
		{ "abc", "abd", 2, 1 }, { "", "", 0, 1 }, { "a\0b", "a\0c", 3, 0 },
		{ "\x80", "\x00", 1, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++)
		assert_int_equal(crypto_equal(cases[i].a, cases[i].b, cases[i].n), cases[i].eq);
}

static void
test_wipe(void **state)
{
	unsigned char b[16], zero[16] = { 0 };

	(void)state;
	memset(b, 0x5a, sizeof(b));
	crypto_wipe(b, sizeof(b));
	assert_memory_equal(b, zero, sizeof(b));
	crypto_wipe(NULL, 10);
}

static void
test_password(void **state)
{
	char h1[CRYPTO_PWHASH_MAX], h2[CRYPTO_PWHASH_MAX];
	static const char pw[] = "Korrekt hest batteri st\xc3\xb8" "ca";

	(void)state;
	assert_int_equal(crypto_password_hash(pw, h1), 0);
	assert_int_equal(crypto_password_hash(pw, h2), 0);
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_true(strncmp(h2, "$argon2id$", 10) == 0);
	assert_true(strlen(h1) < CRYPTO_PWHASH_MAX);
	assert_string_not_equal(h1, h2);		/* salted */
	assert_null(strstr(h1, "hest"));
	assert_int_equal(crypto_password_verify(h1, pw), 0);
	assert_int_equal(crypto_password_verify(h2, pw), 0);
	assert_int_equal(crypto_password_verify(h1, "Korrekt hest batteri stoca"), BP_EDENIED);
	assert_int_equal(crypto_password_verify(h1, ""), BP_EDENIED);
	assert_int_equal(crypto_password_verify(h1, "Korrekt hest batteri st\xc3\xb8" "c"),
	    BP_EDENIED);
	crypto_password_dummy(pw);
}

static void
test_password_garbage(void **state)
{
	static const char *const garbage[] = {
		"", "garbage", "$argon2id$", "$argon2id$v=19$m=9216,t=4,p=1$",
		"$argon2id$v=19$m=9216,t=4,p=1$!!!!$!!!!",
		"$2b$12$abcdefghijklmnopqrstuuv0J9ZxlXr7oC1c4i3W9r1G2JpZfQp7a",
	};
	char h[CRYPTO_PWHASH_MAX];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < UNIT_N(garbage); i++) {
		rc = crypto_password_verify(garbage[i], "password");
		if (rc >= 0)
			fail_msg("\"%s\" verified", garbage[i]);
	}
	/* an argon2i hash is not an argon2id hash */
	assert_int_equal(crypto_password_hash("password", h), 0);
	memmove(h + 8, h + 9, strlen(h + 9) + 1);	/* "$argon2id$" -> "$argon2i$" */
	assert_true(strncmp(h, "$argon2i$", 9) == 0);
	assert_true(crypto_password_verify(h, "password") < 0);
}

static int
setup_tmp(void **state)
{
	return fix_setup(state, "secrets", 0);
}

static int
teardown_tmp(void **state)
{
	return fix_teardown(state);
}

static void
test_secrets_round_trip(void **state)
{
	struct fix *t = *state;
	struct secrets s, again;
	struct stat st;
	char err[256];
	unsigned char zero[CRYPTO_KEY_LEN] = { 0 };

	assert_int_equal(secrets_create(t->path), 0);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(secrets_load(t->path, &s, err, sizeof(err)), 0);
	assert_memory_not_equal(s.site, zero, CRYPTO_KEY_LEN);
	assert_memory_not_equal(s.data, zero, CRYPTO_KEY_LEN);
	assert_memory_not_equal(s.registry, zero, CRYPTO_KEY_LEN);
	assert_memory_not_equal(s.site, s.data, CRYPTO_KEY_LEN);
	assert_memory_not_equal(s.data, s.registry, CRYPTO_KEY_LEN);
	assert_int_equal(secrets_load(t->path, &again, err, sizeof(err)), 0);
	assert_memory_equal(&s, &again, sizeof(s));
	/* never replaced */
	assert_int_equal(secrets_create(t->path), BP_EEXIST);
	assert_int_equal(secrets_load(t->path, &again, err, sizeof(err)), 0);
	assert_memory_equal(&s, &again, sizeof(s));
	secrets_wipe(&s);
	assert_memory_equal(s.site, zero, CRYPTO_KEY_LEN);
	assert_memory_equal(s.registry, zero, CRYPTO_KEY_LEN);
}

static void
test_secrets_mode(void **state)
{
	static const mode_t modes[] = { 0644, 0640, 0604, 0660, 0606, 0700 };
	struct fix *t = *state;
	struct secrets s;
	char err[256];
	size_t i;

	assert_int_equal(secrets_create(t->path), 0);
	for (i = 0; i < UNIT_N(modes); i++) {
		assert_int_equal(chmod(t->path, modes[i]), 0);
		err[0] = '\0';
		assert_int_equal(secrets_load(t->path, &s, err, sizeof(err)),
		    (modes[i] & 077) ? BP_ECONFIG : 0);
	}
	assert_int_equal(chmod(t->path, 0400), 0);
	assert_int_equal(secrets_load(t->path, &s, err, sizeof(err)), 0);
}

#define K1 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define K2 "ffeeddccbbaa99887766554433221100FFEEDDCCBBAA99887766554433221100"
#define K3 "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"

static void
test_secrets_format(void **state)
{
	static const char good[] =
	    "# comment\n\nregistry " K3 "\n# another\nsite " K1 "\ndata " K2 "\n";
	struct fix *t = *state;
	struct secrets s;
	unsigned char k[CRYPTO_KEY_LEN];
	char err[256];

	file_write(t->path, good, strlen(good), 0600);
	assert_int_equal(secrets_load(t->path, &s, err, sizeof(err)), 0);
	assert_int_equal(hex_decode(K1, 64, k, sizeof(k)), 0);
	assert_memory_equal(s.site, k, sizeof(k));
	assert_int_equal(hex_decode(K2, 64, k, sizeof(k)), 0);
	assert_memory_equal(s.data, k, sizeof(k));
	assert_int_equal(hex_decode(K3, 64, k, sizeof(k)), 0);
	assert_memory_equal(s.registry, k, sizeof(k));
}

static void
test_secrets_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"site " K1 "\ndata " K2 "\n",				/* no registry */
		"site " K1 "\nregistry " K3 "\n",			/* no data */
		"site " K1 "\ndata " K2 "\nregistry " K3 "\nsite " K1 "\n",	/* twice */
		"site " K1 "\ndata " K2 "\nregistry 5a\n",		/* short */
		"site " K1 "\ndata " K2 "\nregistry " K3 "00\n",	/* long */
		"site " K1 "\ndata " K2 "\nregistry zz5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"
		    "5a5a5a5a5a5a5a5a5a5a5a5a5a5a\n",			/* not hex */
		"site " K1 "\ndata " K2 "\nregistry " K3 " \n",		/* trailing space */
		"site " K1 "\ndata " K2 "\nregistry\t" K3 "\n",		/* tab */
		"site " K1 "\ndata " K2 "\nregistry " K3 "\nother " K1 "\n",	/* unknown */
		"site " K1 "\ndata " K2 "\nregistry " K3 "\nnonsense\n",
		"Site " K1 "\ndata " K2 "\nregistry " K3 "\n",
	};
	struct fix *t = *state;
	struct secrets s;
	unsigned char zero[sizeof(s)] = { 0 };
	char err[256];
	size_t i;

	for (i = 0; i < UNIT_N(bad); i++) {
		unlink(t->path);
		file_write(t->path, bad[i], strlen(bad[i]), 0600);
		err[0] = '\0';
		if (secrets_load(t->path, &s, err, sizeof(err)) != BP_ECONFIG)
			fail_msg("case %zu loaded", i);
		assert_true(err[0] != '\0');
		assert_memory_equal(&s, zero, sizeof(s));	/* nothing half-loaded */
	}
}

static void
test_secrets_io(void **state)
{
	struct fix *t = *state;
	struct secrets s;
	char err[256], link[160];

	assert_int_equal(secrets_load(t->path, &s, err, sizeof(err)), BP_EIO);	/* missing */
	assert_int_equal(secrets_create(t->path), 0);
	snprintf(link, sizeof(link), "%s/link", t->dir);
	assert_int_equal(symlink(t->path, link), 0);
	assert_true(secrets_load(link, &s, err, sizeof(err)) < 0);		/* no symlinks */
	assert_true(secrets_load(t->dir, &s, err, sizeof(err)) < 0);		/* directory */
	snprintf(link, sizeof(link), "%s/no/such/dir/secrets", t->dir);
	assert_int_equal(secrets_create(link), BP_EIO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_sha256_million_a),
		cmocka_unit_test(test_hmac_rfc4231),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_hmac_two_part),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_open_known_answer),
		cmocka_unit_test(test_seal_provider_opens),
		cmocka_unit_test(test_seal_appends),
		cmocka_unit_test(test_seal_differs),
		cmocka_unit_test(test_open_refuses),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_wipe),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_password_garbage),
		cmocka_unit_test_setup_teardown(test_secrets_round_trip, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_secrets_mode, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_secrets_format, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_secrets_malformed, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_secrets_io, setup_tmp, teardown_tmp),
	};

	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
