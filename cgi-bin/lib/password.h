/* password.h: the quality of a new password (registration, "Min konto", reset links):
 * at least 12 characters, and not common, a dictionary word, repetitive or built from the
 * person's e-post or name, as libpwquality and cracklib's dictionary judge it. */
#ifndef BP_PASSWORD_H
#define BP_PASSWORD_H

#define PASSWORD_MIN 12			/* characters (code points), not bytes */
#define PASSWORD_MAX 256

/* password_check: 0 when pw may be used by the person with email and name (either may be
 * ""); BP_EINVAL with *why a Norwegian sentence for the form when it may not; another
 * bp_err when it could not be judged (BP_ECONFIG: cracklib's dictionary is missing;
 * logged), which the page reports as an internal error, never as a weak password. */
int password_check(const char *pw, const char *email, const char *name, const char **why);

#endif
