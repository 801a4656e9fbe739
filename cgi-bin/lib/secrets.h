/* secrets.h: the keys of an installation, in one file of mode 0600. */
#ifndef BP_SECRETS_H
#define BP_SECRETS_H

#include "crypto.h"

struct secrets {
	unsigned char site[CRYPTO_KEY_LEN];	/* keyed hashes (fødselsnummer, identities), CSRF */
	unsigned char data[CRYPTO_KEY_LEN];	/* AES-256-GCM of records and TOTP secrets */
	unsigned char registry[CRYPTO_KEY_LEN];	/* pseudonyms in the registry, stable across years */
};

/* secrets_create: new random keys written to path with O_EXCL and mode 0600.
 * BP_EEXIST when the file is already there: keys are never silently replaced. */
int secrets_create(const char *path);
/* secrets_load: BP_ECONFIG when the file is readable by group or others, or malformed. */
int secrets_load(const char *path, struct secrets *s, char *err, size_t errlen);
void secrets_wipe(struct secrets *s);

#endif
