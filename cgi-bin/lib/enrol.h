/* enrol.h: the page model of a TOTP enrolment (a new authenticator after a reset link):
 * the secret as grouped text and as a QR code of its otpauth:// URI, as registration
 * shows it. */
#ifndef BP_ENROL_H
#define BP_ENROL_H

#include "app.h"

/* enrol_model: <totp secret email><qr width path/></totp> on a->page for the sealed secret
 * of account id (account.totp's form); 0 or a bp_err. */
int enrol_model(struct app *a, const char *id, const char *email, const char *sealed_hex);

#endif
