/* secrets.c: read and write the secrets file.
 *
 *   # comment
 *   site <64 hex digits>
 *   data <64 hex digits>
 *   registry <64 hex digits>
 *
 * Losing this file makes the stored surveys unreadable, so `bpadm init` refuses to
 * overwrite it and the README tells how to back it up apart from the store. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secrets.h"

#define SECRETS_MAX 4096

enum skey { S_SITE, S_DATA, S_REGISTRY, S__MAX };
static const char *const skey_names[S__MAX] = { "site", "data", "registry" };

static unsigned char *
skey_field(struct secrets *s, enum skey k)
{
	switch (k) {
	case S_SITE:
		return s->site;
	case S_DATA:
		return s->data;
	case S_REGISTRY:
		return s->registry;
	default:
		return NULL;
	}
}

int
secrets_create(const char *path)
{
	struct secrets s;
	char hex[2 * CRYPTO_KEY_LEN + 1], text[SECRETS_MAX];
	size_t len = 0;
	ssize_t w;
	int fd, k, rc = BP_EIO;

	if (crypto_random(&s, sizeof(s)) != 0)
		return BP_ECRYPTO;
	len += (size_t)snprintf(text + len, sizeof(text) - len,
	    "# Brukerplan secrets. Keep private (mode 0600) and back up apart from the store:\n"
	    "# without this file the stored surveys cannot be read.\n");
	for (k = 0; k < S__MAX; k++) {
		hex_encode(skey_field(&s, (enum skey)k), CRYPTO_KEY_LEN, hex);
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s %s\n",
		    skey_names[k], hex);
	}
	crypto_wipe(&s, sizeof(s));
	crypto_wipe(hex, sizeof(hex));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		rc = errno == EEXIST ? BP_EEXIST : BP_EIO;
		goto out;
	}
	w = write(fd, text, len);
	if (w == (ssize_t)len && fsync(fd) == 0)
		rc = 0;
	if (close(fd) != 0)
		rc = BP_EIO;
	if (rc != 0)
		unlink(path);
out:
	crypto_wipe(text, sizeof(text));
	return rc;
}

int
secrets_load(const char *path, struct secrets *s, char *err, size_t errlen)
{
	char text[SECRETS_MAX + 1], *line, *save = NULL, *sp;
	int seen[S__MAX] = { 0 };
	struct stat st;
	ssize_t n;
	int fd, k, rc = BP_ECONFIG;

	memset(s, 0, sizeof(*s));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return BP_EIO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return BP_ECONFIG;
	}
	if (st.st_mode & 077) {
		snprintf(err, errlen, "%s: readable by others (mode %03o); chmod 600 it",
		    path, (unsigned)(st.st_mode & 0777));
		close(fd);
		return BP_ECONFIG;
	}
	n = read(fd, text, SECRETS_MAX + 1);
	close(fd);
	if (n < 0 || n > SECRETS_MAX) {
		snprintf(err, errlen, "%s: unreadable or too large", path);
		return BP_ECONFIG;
	}
	text[n] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((sp = strchr(line, ' ')) == NULL)
			goto bad;
		*sp++ = '\0';
		for (k = 0; k < S__MAX; k++)
			if (strcmp(line, skey_names[k]) == 0)
				break;
		if (k == S__MAX || seen[k]++ ||
		    hex_decode(sp, strlen(sp), skey_field(s, (enum skey)k), CRYPTO_KEY_LEN) != 0)
			goto bad;
	}
	for (k = 0; k < S__MAX; k++)
		if (!seen[k])
			goto bad;
	rc = 0;
	goto out;
bad:
	snprintf(err, errlen, "%s: malformed secrets file", path);
	secrets_wipe(s);
out:
	crypto_wipe(text, sizeof(text));
	return rc;
}

void
secrets_wipe(struct secrets *s)
{
	crypto_wipe(s, sizeof(*s));
}
