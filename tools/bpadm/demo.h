/* demo.h: synthetic data for the tests, `make bench` and demonstrations (mode = test only):
 * a whole site of kommuner with accounts in every role and their surveys, one kartlegger's
 * surveys, or registry rows as transfers leave them. */
#ifndef BP_DEMO_H
#define BP_DEMO_H

#include "config.h"
#include "definition.h"
#include "otp.h"
#include "secrets.h"

#define DEMO_DOMAIN "brukerplan.test"	/* the demo accounts' e-post domain (RFC 2606) */

struct demo_request {
	const char *owner;	/* e-post of a kartlegger: its surveys only; NULL: a site */
	int kommuner;		/* a site: the first N kommuner of the reference data */
	long surveys;
	const char *password;	/* a site: every demo account's password */
	long long now;		/* by the test clock */
};

struct demo_result {
	long surveys;		/* made */
	long complete;		/* of them with no errors */
	long accounts;		/* made (those already there are used again) */
	int kommuner;
	char totp[OTP_BASE32_MAX];	/* a site: every demo account's TOTP secret */
};

/* demo_make: surveys (and for a site, its accounts and dates) into cfg's store.
 * BP_ENOENT when the owner has no account, BP_EDENIED when it is not in a kommune. */
int demo_make(const struct config *cfg, const struct secrets *sec, const struct definition *def,
    const struct demo_request *rq, struct demo_result *out);

/* demo_registry: count registry rows of year, over every kommune or only one (NULL: all);
 * *kommuner gets over how many. The same rows each run. */
int demo_registry(const struct config *cfg, const struct definition *def, int year,
    long count, const char *only, int *kommuner);

#endif
