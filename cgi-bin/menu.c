/* menu.c: the main menu (hovedmeny) of a logged-in account: "<year> Kartlegging", who
 * is logged in and in which role. Later issues add the cards of each role.
 *
 *   GET /cgi-bin/menu
 */
#include "app.h"

static int
menu_get(struct app *a)
{
	xmlNodePtr acct;

	if (app_page(a, "menu") != 0)
		return 500;
	acct = page_add(&a->page, NULL, "account", NULL);
	page_attr(&a->page, acct, "name", a->me.name);
	page_attr(&a->page, acct, "email", a->me.email);
	page_attr(&a->page, acct, "role", role_ids[a->me.role]);
	page_attr(&a->page, acct, "role-title", role_titles[a->me.role]);
	return app_render(a, 200);
}

static const struct route routes[] = {
	{ HTTP_GET, "", menu_get, R_LOGIN },
};

int
main(void)
{
	return app_main("menu", routes, sizeof(routes) / sizeof(routes[0]));
}
