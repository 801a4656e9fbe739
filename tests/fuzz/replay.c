/* replay.c: run a fuzz target over files, without libFuzzer (SQLite's fuzzcheck idea).
 * `make test` replays every corpus in tests/fuzz/corpus/ with the sanitizer build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	unsigned char *buf;
	size_t n;
	FILE *f;
	int i;

	if ((buf = malloc(2 * 1024 * 1024)) == NULL)
		return 1;
	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, 2 * 1024 * 1024, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	free(buf);
	printf("%s: %d inputs replayed\n", argv[0], argc - 1);
	return 0;
}
