/* test_config.c: config.c: config_parse of valid files (paths, base_path, mode, auth,
 * map_mb, https, comments, CRLF) and of every kind of bad line (the error names its
 * line), and config_load from a file, from $BRUKERPLAN_CONFIG, and from a missing file. */
#include "unit.h"

#include "config.h"
#include "util.h"

static const char full[] =
    "# Brukerplan\n"
    "\n"
    "store    = store\n"
    "secrets  = /etc/bp/secrets\n"
    "   # an indented comment\n"
    "xslt     = ../xslt\n"
    "base_url = https://brukerplan.example.no/bp/v2\n"
    "mode     = test\n"
    "auth     = oidc\n"
    "map_mb   = 8\n";

static void
test_full(void **state)
{
	struct config cfg;
	char err[256] = "";

	(void)state;
	assert_int_equal(config_parse(full, strlen(full), "/srv/bp", &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.store, "/srv/bp/store");
	assert_string_equal(cfg.secrets, "/etc/bp/secrets");
	assert_string_equal(cfg.xslt, "/srv/bp/../xslt");
	assert_string_equal(cfg.base_url, "https://brukerplan.example.no/bp/v2");
	assert_string_equal(cfg.base_path, "/bp/v2");
	assert_int_equal(cfg.mode, MODE_TEST);
	assert_int_equal(cfg.auth, AUTH_OIDC);
	assert_int_equal(cfg.map_size, 8 * 1024 * 1024);
}

static void
test_minimal(void **state)
{
	static const char *const texts[] = {
		"store=s\nsecrets=k\nxslt=x\nbase_url=http://127.0.0.1:8080",
		"store = s\r\nsecrets = k\r\nxslt = x\r\nbase_url = http://127.0.0.1:8080\r\n",
		"\t store\t=\ts \nsecrets=k\n\n\n#\nxslt=x\nbase_url=http://127.0.0.1:8080\n\n",
	};
	struct config cfg;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(texts); i++) {
		if (config_parse(texts[i], strlen(texts[i]), "d", &cfg, err, sizeof(err)) != 0)
			fail_msg("text %zu: %s", i, err);
		assert_string_equal(cfg.store, "d/s");
		assert_string_equal(cfg.secrets, "d/k");
		assert_string_equal(cfg.xslt, "d/x");
		assert_string_equal(cfg.base_url, "http://127.0.0.1:8080");
		assert_string_equal(cfg.base_path, "");
		/* the defaults are the safe ones: production mode, local login */
		assert_int_equal(cfg.mode, MODE_DRIFT);
		assert_int_equal(cfg.auth, AUTH_LOCAL);
		assert_true(cfg.map_size >= 1024 * 1024);
		assert_int_equal(cfg.https, 0);		/* https only when the request is */
		assert_int_equal(cfg.lookup_limit, CONFIG_LOOKUP_LIMIT_DEFAULT);
	}
}

static void
test_values(void **state)
{
	static const struct {
		const char *line;
		const char *base_path;
		int mode, auth;
		size_t map;
		int https;
	} cases[] = {
		{ "base_url = https://x.no", "", -1, -1, 0, 0 },
		{ "base_url = http://x.no:81/a", "/a", -1, -1, 0, 0 },
		{ "base_url = https://x.no/a/b-c_d", "/a/b-c_d", -1, -1, 0, 0 },
		{ "mode = drift", NULL, MODE_DRIFT, -1, 0, 0 },
		{ "mode = test", NULL, MODE_TEST, -1, 0, 0 },
		{ "auth = local", NULL, -1, AUTH_LOCAL, 0, 0 },
		{ "auth = oidc", NULL, -1, AUTH_OIDC, 0, 0 },
		{ "map_mb = 1", NULL, -1, -1, 1024 * 1024, 0 },
		{ "map_mb = 1024", NULL, -1, -1, 1024UL * 1024 * 1024, 0 },
		{ "https = yes", NULL, -1, -1, 0, 1 },
		{ "https = no", NULL, -1, -1, 0, 0 },
	};
	struct config cfg;
	char text[512], err[256];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		snprintf(text, sizeof(text), "store=s\nsecrets=k\nxslt=x\n%s%s\n",
		    cases[i].base_path ? "" : "base_url=http://h\n", cases[i].line);
		if (config_parse(text, strlen(text), "/", &cfg, err, sizeof(err)) != 0)
			fail_msg("\"%s\": %s", cases[i].line, err);
		if (cases[i].base_path)
			assert_string_equal(cfg.base_path, cases[i].base_path);
		if (cases[i].mode >= 0)
			assert_int_equal(cfg.mode, cases[i].mode);
		if (cases[i].auth >= 0)
			assert_int_equal(cfg.auth, cases[i].auth);
		if (cases[i].map)
			assert_int_equal(cfg.map_size, cases[i].map);
		assert_int_equal(cfg.https, cases[i].https);
	}
	/* lookup_limit: from 1 to CONFIG_LOOKUP_LIMIT_MAX */
	snprintf(text, sizeof(text), "store=s\nsecrets=k\nxslt=x\nbase_url=http://h\n"
	    "lookup_limit = 1000000\n");
	assert_int_equal(config_parse(text, strlen(text), "/", &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.lookup_limit, CONFIG_LOOKUP_LIMIT_MAX);
}

/* Each bad line goes in as line 5 of an otherwise good file. */
static const char *const bad_lines[] = {
	"colour = red",
	"Store = s2",
	"store = again",
	"base_url = http://again",
	"mode = prod",
	"mode = TEST",
	"mode =",
	"auth = ldap",
	"https = on",
	"https = YES",
	"https = 1",
	"https =",
	"map_mb = 0",
	"map_mb = -1",
	"map_mb = abc",
	"map_mb = 8 MB",
	"map_mb = 1048577",
	"map_mb = 99999999999999999999",
	"lookup_limit = 0",
	"lookup_limit = 1000001",
	"lookup_limit = mange",
	"just words",
	"= value",
	"store",
};

static void
test_bad_lines(void **state)
{
	struct config cfg;
	char text[512], err[256];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad_lines); i++) {
		snprintf(text, sizeof(text),
		    "store=s\nsecrets=k\nxslt=x\nbase_url=http://h\n%s\n", bad_lines[i]);
		err[0] = '\0';
		if (config_parse(text, strlen(text), "/", &cfg, err, sizeof(err)) != BP_ECONFIG)
			fail_msg("accepted \"%s\"", bad_lines[i]);
		if (strstr(err, "line 5") == NULL)
			fail_msg("\"%s\": error \"%s\" does not name line 5", bad_lines[i], err);
	}
}

static const char *const bad_urls[] = {
	"brukerplan.example.no",
	"ftp://x.no",
	"//x.no",
	"http:/x.no",
	"HTTP://x.no",
	"http://",
	"https://",
	"http:///x",
	"https://x.no/",
	"https://x.no/bp/",
	"https://x.no/?a=1",
	"https://x.no/bp?a=1",
	"https://x.no/bp#top",
	"https://x.no/a b",
	"https://x.no/a\tb",
	"https://x.no/\"a",
	"https://x.no/<a>",
	"https://x.no/a\\b",
};

static void
test_bad_base_url(void **state)
{
	struct config cfg;
	char text[512], err[256];
	size_t i;

	(void)state;
	for (i = 0; i < UNIT_N(bad_urls); i++) {
		snprintf(text, sizeof(text), "store=s\nsecrets=k\n\nbase_url = %s\nxslt=x\n",
		    bad_urls[i]);
		err[0] = '\0';
		if (config_parse(text, strlen(text), "/", &cfg, err, sizeof(err)) != BP_ECONFIG)
			fail_msg("accepted base_url \"%s\"", bad_urls[i]);
		if (strstr(err, "line 4") == NULL)
			fail_msg("\"%s\": error \"%s\" does not name line 4", bad_urls[i], err);
	}
}

static void
test_missing_key(void **state)
{
	static const char *const keys[] = { "store", "secrets", "xslt", "base_url" };
	static const char *const lines[] = {
		"store = s\n", "secrets = k\n", "xslt = x\n", "base_url = http://h\n",
	};
	struct config cfg;
	char text[512], err[256];
	size_t i, j;

	(void)state;
	for (i = 0; i < UNIT_N(keys); i++) {
		text[0] = '\0';
		for (j = 0; j < UNIT_N(lines); j++)
			if (j != i)
				strcat(text, lines[j]);
		err[0] = '\0';
		assert_int_equal(config_parse(text, strlen(text), "/", &cfg, err, sizeof(err)),
		    BP_ECONFIG);
		if (strstr(err, keys[i]) == NULL)
			fail_msg("error \"%s\" does not name '%s'", err, keys[i]);
	}
	assert_int_equal(config_parse("", 0, "/", &cfg, err, sizeof(err)), BP_ECONFIG);
}

static void
test_long_line(void **state)
{
	struct config cfg;
	struct buf b = { 0 };
	char err[256];

	(void)state;
	/* 1023 bytes is the longest line there is room for */
	buf_puts(&b, "store=s\nsecrets=k\nxslt=x\nbase_url=http://h\n#");
	while (b.len < 43 + 1023)
		buf_add(&b, "c", 1);
	buf_puts(&b, "\nmode=test\n");
	assert_int_equal(config_parse(b.p, b.len, "/", &cfg, err, sizeof(err)), 0);
	assert_int_equal(cfg.mode, MODE_TEST);
	buf_reset(&b);
	buf_puts(&b, "store=s\nsecrets=k\nxslt=x\nbase_url=http://h\n#");
	while (b.len < 43 + 1024)
		buf_add(&b, "c", 1);
	buf_puts(&b, "\n");
	err[0] = '\0';
	assert_int_equal(config_parse(b.p, b.len, "/", &cfg, err, sizeof(err)), BP_ECONFIG);
	assert_non_null(strstr(err, "line 5"));
	/* and a whole file past CONFIG_MAX_SIZE */
	buf_reset(&b);
	buf_puts(&b, "store=s\nsecrets=k\nxslt=x\nbase_url=http://h\n");
	while (b.len <= CONFIG_MAX_SIZE)
		buf_puts(&b, "# filler\n");
	assert_int_equal(config_parse(b.p, b.len, "/", &cfg, err, sizeof(err)), BP_ECONFIG);
	buf_free(&b);
}

static void
test_not_utf8(void **state)
{
	static const struct {
		const char *text;
		size_t len;
	} cases[] = {
		{ "store=s\nsecrets=k\n# caf\xe9\nxslt=x\nbase_url=http://h\n", 0 },
		{ "store=s\nsecrets=k\nxslt=\xc3\x28\nbase_url=http://h\n", 0 },
		{ "store=s\nsecrets=k\n# a\0b\nxslt=x\nbase_url=http://h\n", 49 },
	};
	struct config cfg;
	char err[256];
	size_t i, len;

	(void)state;
	for (i = 0; i < UNIT_N(cases); i++) {
		len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		err[0] = '\0';
		assert_int_equal(config_parse(cases[i].text, len, "/", &cfg, err, sizeof(err)),
		    BP_ECONFIG);
		assert_non_null(strstr(err, "line 3"));
	}
	/* UTF-8 in a value is fine */
	assert_int_equal(config_parse("store=l\xc3\xa5s\nsecrets=k\nxslt=x\nbase_url=http://h\n",
	    46, "/d", &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.store, "/d/l\xc3\xa5s");
}

static int
setup_tmp(void **state)
{
	return fix_setup(state, "brukerplan.conf", 0);
}

static int
teardown_tmp(void **state)
{
	unsetenv(BP_CONFIG_ENV);
	return fix_teardown(state);
}

static void
test_load(void **state)
{
	struct fix *t = *state;
	struct config cfg;
	char err[256], want[256];

	file_write(t->path, full, strlen(full), 0644);
	assert_int_equal(config_load(t->path, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.path, t->path);
	snprintf(want, sizeof(want), "%s/store", t->dir);
	assert_string_equal(cfg.store, want);
	snprintf(want, sizeof(want), "%s/../xslt", t->dir);
	assert_string_equal(cfg.xslt, want);
	assert_string_equal(cfg.base_path, "/bp/v2");

	/* the environment variable names the file when no path is given */
	assert_int_equal(setenv(BP_CONFIG_ENV, t->path, 1), 0);
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(config_load(NULL, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.path, t->path);
	assert_int_equal(cfg.mode, MODE_TEST);
}

static void
test_load_errors(void **state)
{
	struct fix *t = *state;
	struct config cfg;
	char err[256] = "", missing[160];

	snprintf(missing, sizeof(missing), "%s/nowhere.conf", t->dir);
	assert_int_equal(config_load(missing, &cfg, err, sizeof(err)), BP_EIO);
	assert_non_null(strstr(err, "nowhere.conf"));
	assert_int_equal(setenv(BP_CONFIG_ENV, missing, 1), 0);
	assert_int_equal(config_load(NULL, &cfg, err, sizeof(err)), BP_EIO);
	/* a readable file that is not a good config */
	file_write(t->path, "store = s\nmode = prod\n", 22, 0600);
	err[0] = '\0';
	assert_int_equal(config_load(t->path, &cfg, err, sizeof(err)), BP_ECONFIG);
	assert_non_null(strstr(err, "line 2"));
	/* a directory is not a config file */
	assert_true(config_load(t->dir, &cfg, err, sizeof(err)) < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_bad_base_url),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test_setup_teardown(test_load, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_load_errors, setup_tmp, teardown_tmp),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
