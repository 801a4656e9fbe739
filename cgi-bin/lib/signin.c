/* signin.c: the end of a successful login. */
#include "audit.h"
#include "signin.h"
#include "welcome.h"

int
signin_finish(struct app *a, struct store_txn *txn, struct account *acct, const char *how,
    int *welcome)
{
	struct buf text = { 0 };
	long long version;
	int rc;

	if (acct->innvilget == 0)
		acct->innvilget = a->now;
	/* a new velkomstmelding is shown once, now */
	rc = welcome_get(txn, &text, &version);
	*welcome = rc == 0 && text.len > 0 && version > acct->welcome_seen;
	if (*welcome)
		acct->welcome_seen = version;
	buf_free(&text);
	if (rc != 0)
		return rc;
	if ((rc = account_save(txn, acct, 0)) != 0 ||
	    (rc = app_session_start(a, txn, acct->id)) != 0)
		return rc;
	a->me = *acct;
	return audit_put(txn, a->now, &(struct audit_event){ "login.ok", acct->id, a->req.addr, how,
	    acct->region, acct->kommune, NULL });
}

const char *
signin_target(int welcome)
{
	return welcome ? "/cgi-bin/menu?velkommen=1" : "/cgi-bin/menu";
}
