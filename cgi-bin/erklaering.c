/* erklaering.c: the public statements a Norwegian public service publishes, linked from the
 * foot of every page and open without logging in:
 *
 *   GET /cgi-bin/erklaering/tilgjengelighet   Tilgjengelighetserklæring (in the structure of
 *                                             Digdir's uustatus: status, deviations, how it
 *                                             was tested, feedback, the supervisory body)
 *   GET /cgi-bin/erklaering/personvern        Personvernerklæring (2026 manual, "Personvern":
 *                                             what is processed and why, the legal basis, the
 *                                             data controller, the persons' rights)
 *
 * The texts are in xslt/erklaering.xsl; the contact addresses, the controller and the
 * statement's date come from the configuration (cgi-bin/README.md "Public statements"). */
#include <stdio.h>

#include "app.h"

static int
statement(struct app *a, const char *kind)
{
	xmlNodePtr n;
	char months[8];
	int rc;

	if ((rc = app_page(a, "erklaering")) != 0)
		return rc;
	n = page_add(&a->page, NULL, "statement", NULL);
	page_attr(&a->page, n, "kind", kind);
	page_attr(&a->page, n, "controller", a->cfg.controller);
	page_attr(&a->page, n, "controller-contact", a->cfg.controller_contact);
	page_attr(&a->page, n, "a11y-contact", a->cfg.a11y_contact);
	page_attr(&a->page, n, "a11y-date", a->cfg.a11y_date);
	snprintf(months, sizeof(months), "%d", a->cfg.audit_months);
	page_attr(&a->page, n, "audit-months", months);
	return app_render(a, 200);
}

static int
tilgjengelighet(struct app *a)
{
	return statement(a, "tilgjengelighet");
}

static int
personvern(struct app *a)
{
	return statement(a, "personvern");
}

static const struct route routes[] = {
	{ HTTP_GET, "/tilgjengelighet", tilgjengelighet, R_PUBLIC, NULL },
	{ HTTP_GET, "/personvern", personvern, R_PUBLIC, NULL },
};

int
main(void)
{
	return app_main("erklaering", routes, sizeof(routes) / sizeof(routes[0]));
}
