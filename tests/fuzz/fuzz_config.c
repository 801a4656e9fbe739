/* fuzz_config.c: the configuration file (config_parse). */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	char err[256];

	err[0] = '\0';
	if (config_parse((const char *)data, size, "/srv/bp", &cfg, err, sizeof(err)) == 0) {
		assert(cfg.store[0] == '/' && cfg.secrets[0] == '/' && cfg.xslt[0] == '/');
		assert(strncmp(cfg.base_url, "http", 4) == 0);
		assert(cfg.mode < MODE__MAX && cfg.auth < AUTH__MAX);
	} else
		assert(err[0] != '\0');
	return 0;
}
