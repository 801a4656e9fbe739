/* otp.c: TOTP through liboath. */
#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>

#include "otp.h"
#include "util.h"

static int
otp_ready(void)
{
	static int ready;

	if (!ready && oath_init() == OATH_OK)
		ready = 1;
	return ready ? 0 : BP_ECRYPTO;
}

int
otp_base32(const unsigned char *secret, size_t n, char out[OTP_BASE32_MAX])
{
	char *enc = NULL;
	size_t len = 0, i, j;

	if (otp_ready() != 0 || oath_base32_encode((const char *)secret, n, &enc, &len) != OATH_OK)
		return BP_ECRYPTO;
	for (i = j = 0; i < len && j < OTP_BASE32_MAX - 1; i++)
		if (enc[i] != '=')
			out[j++] = enc[i];
	out[j] = '\0';
	free(enc);
	return i == len ? 0 : BP_ETOOBIG;
}

int
otp_verify(const unsigned char *secret, size_t n, long long now, const char *code,
    long long last_step, long long *step)
{
	char digits[7];
	size_t i, j;
	int pos = 0, rc;

	/* people type "123 456"; accept spaces, nothing else */
	for (i = j = 0; code[i]; i++) {
		if (code[i] == ' ')
			continue;
		if (code[i] < '0' || code[i] > '9' || j == 6)
			return BP_EDENIED;
		digits[j++] = code[i];
	}
	if (j != 6)
		return BP_EDENIED;
	digits[6] = '\0';
	if (otp_ready() != 0)
		return BP_ECRYPTO;
	rc = oath_totp_validate2((const char *)secret, n, (time_t)now, OTP_STEP, 0, OTP_WINDOW,
	    &pos, digits);
	if (rc < 0)
		return BP_EDENIED;
	*step = now / OTP_STEP + pos;
	return *step > last_step ? 0 : BP_EDENIED;
}

int
otp_code(const unsigned char *secret, size_t n, long long now, char out[7])
{
	if (otp_ready() != 0 ||
	    oath_totp_generate((const char *)secret, n, (time_t)now, OTP_STEP, 0, 6, out) != OATH_OK)
		return BP_ECRYPTO;
	return 0;
}
