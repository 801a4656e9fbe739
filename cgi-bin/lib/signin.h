/* signin.h: what every successful login does, whatever proved who the person is (local
 * password + TOTP, or ID-porten). */
#ifndef BP_SIGNIN_H
#define BP_SIGNIN_H

#include "app.h"

/* signin_finish: in the caller's write transaction: "innvilget" at the first login, the
 * velkomstmelding marked as seen when there is a new one (*welcome set), the account saved,
 * a new session with its cookie, and the audit line. */
int signin_finish(struct app *a, struct store_txn *txn, struct account *acct, const char *how,
    int *welcome);

/* signin_target: where to go after login ("/cgi-bin/menu", with the velkomstmelding). */
const char *signin_target(int welcome);

#endif
