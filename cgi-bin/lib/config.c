/* config.c: parse "key = value" lines; '#' starts a comment line.
 *
 *   store    = store          LMDB directory (relative paths are relative to this file)
 *   secrets  = secrets        secrets file made by `bpadm init`, mode 0600
 *   xslt     = xslt           stylesheets
 *   data     = data           reference data (optional; "data" beside this file)
 *   base_url = http://127.0.0.1:8080
 *   mode     = test | drift
 *   auth     = local | oidc
 *   map_mb   = 64             initial LMDB map size; it grows by itself when full
 *   https    = yes | no       yes: the browser always talks https, even when this
 *                             server sees plain http (a TLS-terminating proxy in front);
 *                             default no: https only when the request came over it
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

const char *const mode_names[MODE__MAX] = { "test", "drift" };
const char *const auth_names[AUTH__MAX] = { "local", "oidc" };

enum key { K_STORE, K_SECRETS, K_XSLT, K_BASE_URL, K_MODE, K_AUTH, K_MAP_MB, K_DATA, K_HTTPS,
    K_CONTROLLER, K_CONTROLLER_CONTACT, K_A11Y_CONTACT, K_A11Y_DATE, K_AUDIT_MONTHS, K_LOOKUP_LIMIT, K__MAX };
static const char *const key_names[K__MAX] = {
	"store", "secrets", "xslt", "base_url", "mode", "auth", "map_mb", "data", "https",
	"controller", "controller_contact", "a11y_contact", "a11y_date", "audit_months",
	"lookup_limit"
};
/* Keys every config must give; the others have defaults. */
static const int key_required[K__MAX] = { 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
static const char *const yes_no[2] = { "no", "yes" };

static int
set_path(char *dst, size_t size, const char *dir, const char *val)
{
	int n;

	if (val[0] == '/')
		n = snprintf(dst, size, "%s", val);
	else
		n = snprintf(dst, size, "%s/%s", dir, val);
	return (n < 0 || (size_t)n >= size) ? BP_ETOOBIG : 0;
}

/* http(s)://host[:port][/path], no query, fragment, spaces or trailing slash. */
static int
set_base_url(struct config *cfg, const char *val)
{
	const char *host, *slash;
	size_t i;

	if (strncmp(val, "http://", 7) == 0)
		host = val + 7;
	else if (strncmp(val, "https://", 8) == 0)
		host = val + 8;
	else
		return BP_EINVAL;
	if (*host == '\0' || *host == '/')
		return BP_EINVAL;
	for (i = 0; val[i]; i++)
		if ((unsigned char)val[i] <= ' ' || val[i] == '?' || val[i] == '#' ||
		    val[i] == '"' || val[i] == '<' || val[i] == '>' || val[i] == '\\')
			return BP_EINVAL;
	if (val[i - 1] == '/')
		return BP_EINVAL;
	if (str_copy(cfg->base_url, sizeof(cfg->base_url), val) != 0)
		return BP_EINVAL;
	slash = strchr(host, '/');
	return str_copy(cfg->base_path, sizeof(cfg->base_path), slash ? slash : "") ? BP_EINVAL : 0;
}

static int
set_value(struct config *cfg, enum key k, const char *dir, const char *val)
{
	long long mb;
	int i;

	switch (k) {
	case K_STORE:
		return set_path(cfg->store, sizeof(cfg->store), dir, val);
	case K_SECRETS:
		return set_path(cfg->secrets, sizeof(cfg->secrets), dir, val);
	case K_XSLT:
		return set_path(cfg->xslt, sizeof(cfg->xslt), dir, val);
	case K_BASE_URL:
		return set_base_url(cfg, val);
	case K_MODE:
		if ((i = str_index(mode_names, MODE__MAX, val)) < 0)
			return BP_EINVAL;
		cfg->mode = (enum bp_mode)i;
		return 0;
	case K_AUTH:
		if ((i = str_index(auth_names, AUTH__MAX, val)) < 0)
			return BP_EINVAL;
		cfg->auth = (enum bp_auth)i;
		return 0;
	case K_DATA:
		return set_path(cfg->data, sizeof(cfg->data), dir, val);
	case K_HTTPS:
		if ((i = str_index(yes_no, 2, val)) < 0)
			return BP_EINVAL;
		cfg->https = i;
		return 0;
	case K_MAP_MB:
		if (str_to_ll(val, 1, 1024 * 1024, &mb) != 0)
			return BP_EINVAL;
		cfg->map_size = (size_t)mb * 1024 * 1024;
		return 0;
	case K_CONTROLLER:
		return str_copy(cfg->controller, sizeof(cfg->controller), val) ? BP_EINVAL : 0;
	case K_CONTROLLER_CONTACT:
		return str_copy(cfg->controller_contact, sizeof(cfg->controller_contact), val) ?
		    BP_EINVAL : 0;
	case K_A11Y_CONTACT:
		return str_copy(cfg->a11y_contact, sizeof(cfg->a11y_contact), val) ? BP_EINVAL : 0;
	case K_A11Y_DATE:
		return date_valid(val) ? str_copy(cfg->a11y_date, sizeof(cfg->a11y_date), val) :
		    BP_EINVAL;
	case K_AUDIT_MONTHS:
		/* from a month to 20 years: the Tilgangslogg must cover at least a year's cycle
		 * in practice, but the configuration decides */
		if (str_to_ll(val, 1, 240, &mb) != 0)
			return BP_EINVAL;
		cfg->audit_months = (int)mb;
		return 0;
	case K_LOOKUP_LIMIT:
		/* a busy intake day may need more than the default; a bench needs many more */
		if (str_to_ll(val, 1, CONFIG_LOOKUP_LIMIT_MAX, &mb) != 0)
			return BP_EINVAL;
		cfg->lookup_limit = (int)mb;
		return 0;
	default:
		abort();
	}
}

int
config_parse(const char *text, size_t len, const char *dir, struct config *cfg,
    char *err, size_t errlen)
{
	char line[1024], *key, *val, *eq;
	int seen[K__MAX] = { 0 };
	size_t pos = 0, n;
	int lineno = 0, k, rc;

	memset(cfg, 0, sizeof(*cfg));
	cfg->mode = MODE_DRIFT;
	cfg->auth = AUTH_LOCAL;
	cfg->map_size = 64UL * 1024 * 1024;
	cfg->audit_months = CONFIG_AUDIT_MONTHS_DEFAULT;
	cfg->lookup_limit = CONFIG_LOOKUP_LIMIT_DEFAULT;
	str_copy(cfg->controller, sizeof(cfg->controller), CONFIG_CONTROLLER_DEFAULT);
	if (len > CONFIG_MAX_SIZE) {
		snprintf(err, errlen, "file is larger than %d bytes", CONFIG_MAX_SIZE);
		return BP_ECONFIG;
	}
	while (pos < len) {
		lineno++;
		for (n = 0; pos + n < len && text[pos + n] != '\n'; n++)
			;
		if (n >= sizeof(line)) {
			snprintf(err, errlen, "line %d: too long", lineno);
			return BP_ECONFIG;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + 1;
		if (memchr(line, '\0', n) != NULL || !utf8_valid(line, n)) {
			snprintf(err, errlen, "line %d: not UTF-8 text", lineno);
			return BP_ECONFIG;
		}
		str_trim(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			snprintf(err, errlen, "line %d: expected key = value", lineno);
			return BP_ECONFIG;
		}
		*eq = '\0';
		key = str_trim(line);
		val = str_trim(eq + 1);
		if ((k = str_index(key_names, K__MAX, key)) < 0) {
			snprintf(err, errlen, "line %d: unknown key '%.40s'", lineno, key);
			return BP_ECONFIG;
		}
		if (seen[k]++) {
			snprintf(err, errlen, "line %d: '%s' given twice", lineno, key_names[k]);
			return BP_ECONFIG;
		}
		if (*val == '\0' || (rc = set_value(cfg, (enum key)k, dir, val)) != 0) {
			snprintf(err, errlen, "line %d: bad value for '%s'", lineno, key_names[k]);
			return BP_ECONFIG;
		}
	}
	for (k = 0; k < K__MAX; k++)
		if (key_required[k] && !seen[k]) {
			snprintf(err, errlen, "missing key '%s'", key_names[k]);
			return BP_ECONFIG;
		}
	if (!seen[K_DATA] && set_path(cfg->data, sizeof(cfg->data), dir, "data") != 0) {
		snprintf(err, errlen, "data path too long");
		return BP_ECONFIG;
	}
	return 0;
}

long long
config_clock(const struct config *cfg)
{
	char path[PATH_MAX + 16], text[32];
	long long offset;
	ssize_t n;
	int fd;

	if (cfg->mode != MODE_TEST)
		return 0;
	snprintf(path, sizeof(path), "%s/" TESTCLOCK_FILE, cfg->store);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	str_trim(text);
	if (str_to_ll(text, -(100LL * 366 * 86400), 100LL * 366 * 86400, &offset) != 0)
		return 0;
	return offset;
}

int
config_clock_set(const struct config *cfg, long long offset)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 24], text[32];
	int fd, n, ok;

	if (cfg->mode != MODE_TEST)
		return BP_EINVAL;
	snprintf(path, sizeof(path), "%s/" TESTCLOCK_FILE, cfg->store);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	n = snprintf(text, sizeof(text), "%lld\n", offset);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		return BP_EIO;
	ok = write(fd, text, (size_t)n) == n;
	ok &= close(fd) == 0;
	/* rename: a request never sees half a number */
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return BP_EIO;
	}
	return 0;
}

int
config_load(const char *path, struct config *cfg, char *err, size_t errlen)
{
	char *text, dir[PATH_MAX], *slash;
	ssize_t n;
	size_t len = 0;
	int fd, rc;

	if (path == NULL && (path = getenv(BP_CONFIG_ENV)) == NULL)
		path = BP_CONFIG_DEFAULT;
	if (str_copy(dir, sizeof(dir), path) != 0) {
		snprintf(err, errlen, "config path too long");
		return BP_ECONFIG;
	}
	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	/* on the heap, not the stack: every program reads this, and a 64 KB frame is 16
	 * pages of stack touched (the stack clash probes) where a file of 1 KB needs one */
	if ((text = malloc(CONFIG_MAX_SIZE + 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return BP_ENOMEM;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(text);
		return BP_EIO;
	}
	while (len < CONFIG_MAX_SIZE + 1 &&
	    (n = read(fd, text + len, CONFIG_MAX_SIZE + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			close(fd);
			free(text);
			return BP_EIO;
		}
		len += (size_t)n;
	}
	close(fd);
	rc = config_parse(text, len, dir, cfg, err, errlen);
	free(text);
	if (rc != 0)
		return rc;
	str_copy(cfg->path, sizeof(cfg->path), path);
	return 0;
}
