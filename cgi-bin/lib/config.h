/* config.h: the one small configuration file. */
#ifndef BP_CONFIG_H
#define BP_CONFIG_H

#include <limits.h>
#include <stddef.h>

/* Where programs look when BRUKERPLAN_CONFIG is not set (Apache: SetEnv in .htaccess). */
#ifndef BP_CONFIG_DEFAULT
#define BP_CONFIG_DEFAULT "/etc/brukerplan/brukerplan.conf"
#endif
#define BP_CONFIG_ENV "BRUKERPLAN_CONFIG"
#define CONFIG_MAX_SIZE (64 * 1024)

enum bp_mode { MODE_TEST, MODE_DRIFT, MODE__MAX };
enum bp_auth { AUTH_LOCAL, AUTH_OIDC, AUTH__MAX };

struct config {
	char path[PATH_MAX];		/* the file this was read from */
	char store[PATH_MAX];		/* LMDB environment directory */
	char secrets[PATH_MAX];		/* secrets file, mode 0600 */
	char xslt[PATH_MAX];		/* stylesheet directory */
	char data[PATH_MAX];		/* reference data and definitions; default "data" */
	char base_url[512];		/* public URL of the site, no trailing slash */
	char base_path[256];		/* path part of base_url ("" at the root) */
	enum bp_mode mode;
	enum bp_auth auth;
	size_t map_size;		/* initial LMDB map size in bytes */
	int https;			/* https = yes: always https to the browser (behind a
					 * TLS-terminating proxy): Secure, HSTS, __Host- cookies */
	/* the public statements every page links to (cgi-bin/README.md "Public statements") */
	char controller[200];		/* the data controller (behandlingsansvarlig) */
	char controller_contact[200];	/* how to reach it about personal data; "" unset */
	char a11y_contact[200];		/* feedback on accessibility; "" unset */
	char a11y_date[11];		/* the accessibility statement's date, YYYY-MM-DD */
	int audit_months;		/* audit events older than this are purged (bp-transfer) */
	int lookup_limit;		/* look-ups of people per account in 15 minutes */
};

#define CONFIG_CONTROLLER_DEFAULT "Helse Stavanger HF"
#define CONFIG_AUDIT_MONTHS_DEFAULT 24
#define CONFIG_LOOKUP_LIMIT_DEFAULT 60
#define CONFIG_LOOKUP_LIMIT_MAX 1000000

extern const char *const mode_names[MODE__MAX];

/* The test clock (mode = test only): seconds added to the real time, kept in the file
 * <store>/testclock so tests can pass timeouts, expiry dates and year ends. In drift mode
 * config_clock is always 0 and the file is never read. */
#define TESTCLOCK_FILE "testclock"
long long config_clock(const struct config *cfg);
int config_clock_set(const struct config *cfg, long long offset);
extern const char *const auth_names[AUTH__MAX];

/* config_load: read path, or $BRUKERPLAN_CONFIG, or BP_CONFIG_DEFAULT when path is NULL.
 * Returns 0, or BP_EIO / BP_ECONFIG / BP_ENOMEM with a one-line reason in err. */
int config_load(const char *path, struct config *cfg, char *err, size_t errlen);

/* config_parse: parse text (not NUL-terminated) whose relative paths are relative to dir.
 * Unknown keys, duplicate keys, bad values and missing keys are errors ("line N: ..."). */
int config_parse(const char *text, size_t len, const char *dir, struct config *cfg,
    char *err, size_t errlen);

#endif
