/* unit.h: what the unit tests share: cmocka, temporary directories, file helpers, and
 * an inotify watch that tells whether a file was opened (for "must not read" tests). */
#ifndef BP_UNIT_H
#define BP_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xpath.h>

#include "store.h"

#define UNIT_N(a) (sizeof(a) / sizeof((a)[0]))

/* tmp_make: a fresh private directory under /tmp into dir (at least 32 bytes). */
static inline void
tmp_make(char *dir, size_t size)
{
	assert_true(size >= 32);
	snprintf(dir, size, "/tmp/bp-unit-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static inline int
tmp_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* tmp_remove: the directory and all below it. */
static inline void
tmp_remove(const char *dir)
{
	if (dir[0] != '\0')
		nftw(dir, tmp_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The shared fixture: a temporary directory, a file name in it, and (when asked for) a
 * store made there. Tests take it from *state. */
struct fix {
	char dir[64];
	char path[128];			/* dir/<file> */
	struct store *st;		/* NULL unless fix_setup was given a map size */
};

static inline int
fix_setup(void **state, const char *file, size_t map)
{
	struct fix *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	tmp_make(f->dir, sizeof(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, file ? file : "");
	if (map > 0) {
		assert_int_equal(store_open(f->dir, map, 1, &f->st), 0);
		assert_non_null(f->st);
	}
	*state = f;
	return 0;
}

static inline int
fix_teardown(void **state)
{
	struct fix *f = *state;

	store_close(f->st);
	tmp_remove(f->dir);
	free(f);
	return 0;
}

/* store_setup: cmocka's setup of a test over a fresh store (a 1 MiB map, which grows);
 * fix_teardown ends it */
static inline int
store_setup(void **state)
{
	return fix_setup(state, NULL, 1024 * 1024);
}

/* build_data: the data directory the build made ($BP_BUILD/data, default build/data), with
 * the year's definitions and stylesheets, the report definitions and the reference data */
static inline const char *
build_data(void)
{
	static char path[512];
	const char *b = getenv("BP_BUILD");

	snprintf(path, sizeof(path), "%s/data", b && *b ? b : "build");
	return path;
}

/* count_key: a store_scan callback that counts the keys it is shown, into an int */
static inline int
count_key(const void *k, size_t klen, const void *v, size_t vlen, void *arg)
{
	(void)k;
	(void)klen;
	(void)v;
	(void)vlen;
	(*(int *)arg)++;
	return 0;
}

/* count_of: how many nodes the XPath expression selects in doc */
static inline int
count_of(xmlDocPtr doc, const char *xp)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xp, ctx);
	int n;

	assert_non_null(o);
	n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return n;
}

/* file_write: create path with mode and exactly len bytes of data. */
static inline void
file_write(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

static inline int
file_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* watch_start: an inotify descriptor that records opens and reads of path. */
static inline int
watch_start(const char *path)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	assert_true(fd >= 0);
	assert_true(inotify_add_watch(fd, path, IN_OPEN | IN_ACCESS) >= 0);
	return fd;
}

/* watch_touched: 1 when path was opened or read since watch_start; closes fd. */
static inline int
watch_touched(int fd)
{
	char ev[4096] __attribute__((aligned(8)));
	ssize_t n = read(fd, ev, sizeof(ev));

	close(fd);
	return n > 0;
}

#endif
