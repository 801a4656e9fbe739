/* def2026.h: the fixture of the unit tests that run the real 2026 definition (data/, as the
 * build made it, read as XML from the checkout: data/ has no installed version): `def`,
 * loaded once for the group by cmocka's group setup and freed by its
 * teardown. Include after unit.h and definition.h. */
#ifndef BP_DEF2026_H
#define BP_DEF2026_H

static struct definition *def;

static int
setup(void **state)
{
	(void)state;
	return definition_load_xml("data/kartlegging/2026.xml", &def);
}

static int
teardown(void **state)
{
	(void)state;
	definition_free(def);
	return 0;
}

#endif
