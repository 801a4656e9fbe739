/* upgrade.c: the indexes this release added to stores made before them, each with the
 * module that owns it and fills it from what it indexes: the store opens every store
 * through this list without knowing what a survey or a session is. */
#include <stddef.h>

#include "store.h"
#include "session.h"
#include "survey.h"

static const struct store_upgrade upgrades[] = {
	{ DB_CHANGED, survey_changed_fill },		/* surveys by owner, year and change */
	{ DB_ACCOUNT_SESSIONS, session_index_fill },	/* sessions by account */
};

int
store_open(const char *dir, size_t map_size, int create, struct store **out)
{
	return store_open_upgrading(dir, map_size, create, upgrades,
	    sizeof(upgrades) / sizeof(upgrades[0]), out);
}
