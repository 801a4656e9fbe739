/* fuzz_manifest.c: a backup's manifest as `bpadm restore` and `verify DIR` read it
 * (backup_manifest_parse). A manifest accepted has every line once and a count for every
 * database, and written out again (backup_manifest_text) it reads back the same. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "backup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct backup_manifest m, again;
	struct buf b = { 0 };
	char err[64];

	if (backup_manifest_parse((const char *)data, size, &m, err, sizeof(err)) != 0)
		return 0;
	assert(m.format >= 1 && m.format <= 9999);
	assert(strlen(m.sha256) == 64 && strlen(m.secrets_check) == 64);
	assert(backup_manifest_text(&m, &b) == 0);
	assert(backup_manifest_parse(b.p, b.len, &again, err, sizeof(err)) == 0);
	assert(memcmp(&m, &again, sizeof(m)) == 0);
	buf_free(&b);
	return 0;
}
