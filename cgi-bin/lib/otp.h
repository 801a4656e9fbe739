/* otp.h: TOTP second factor (RFC 6238, 30 s, 6 digits, SHA-1, as authenticator apps use)
 * through liboath. */
#ifndef BP_OTP_H
#define BP_OTP_H

#include <stddef.h>

#define OTP_SECRET_LEN 20		/* 160 bits, RFC 4226's recommendation */
#define OTP_STEP 30
#define OTP_WINDOW 1			/* accept one step of clock drift either way */
#define OTP_BASE32_MAX 64

/* otp_base32: the secret as an authenticator app wants it (RFC 4648 base32, no padding). */
int otp_base32(const unsigned char *secret, size_t n, char out[OTP_BASE32_MAX]);
/* otp_verify: 0 when code is right for now and its step is later than last_step; the
 * step used goes to *step. BP_EDENIED for wrong, malformed or replayed codes. */
int otp_verify(const unsigned char *secret, size_t n, long long now, const char *code,
    long long last_step, long long *step);
/* otp_code: the code for now (tests and `bpadm totp`). */
int otp_code(const unsigned char *secret, size_t n, long long now, char out[7]);

#endif
