/* enrol.c: a TOTP secret shown for an authenticator app to take. */
#include <string.h>

#include "enrol.h"
#include "otp.h"
#include "qr.h"

int
enrol_model(struct app *a, const char *id, const char *email, const char *sealed_hex)
{
	const struct secrets *sec;
	struct buf secret = { 0 }, uri = { 0 }, path = { 0 };
	char b32[OTP_BASE32_MAX], grouped[OTP_BASE32_MAX * 2];
	xmlNodePtr t, q;
	size_t i, j;
	int width, rc;

	if ((rc = app_secrets(a, &sec)) != 0 ||
	    (rc = account_totp_open(sec, id, sealed_hex, &secret)) != 0 ||
	    (rc = otp_base32((unsigned char *)secret.p, secret.len, b32)) != 0)
		goto out;
	/* in groups of four, as the apps' manual entry shows it */
	for (i = j = 0; b32[i]; i++) {
		if (i && i % 4 == 0)
			grouped[j++] = ' ';
		grouped[j++] = b32[i];
	}
	grouped[j] = '\0';
	buf_puts(&uri, "otpauth://totp/Brukerplan:");
	url_encode(&uri, email);
	buf_printf(&uri, "?secret=%s&issuer=Brukerplan&algorithm=SHA1&digits=6&period=%d",
	    b32, OTP_STEP);
	if (uri.err || (rc = qr_path(uri.p, &path, &width)) != 0) {
		rc = rc ? rc : BP_ENOMEM;
		goto out;
	}
	t = page_add(&a->page, NULL, "totp", NULL);
	page_attr(&a->page, t, "secret", grouped);
	page_attr(&a->page, t, "email", email);
	q = page_add(&a->page, t, "qr", NULL);
	page_attr_ll(&a->page, q, "width", width);
	page_attr(&a->page, q, "path", path.p);
	rc = a->page.err;
out:
	crypto_wipe(b32, sizeof(b32));
	crypto_wipe(grouped, sizeof(grouped));
	if (uri.p)
		crypto_wipe(uri.p, uri.len);
	if (secret.p)
		crypto_wipe(secret.p, secret.len);
	buf_free(&secret);
	buf_free(&uri);
	buf_free(&path);
	return rc;
}
