/* definition_files.c: make a questionnaire version from its source and install it for its
 * year (definition_files.h), and find the version in use (definition_dir).
 *
 * The programs read three files of a year: the stamped copy, its image and the pre-rendered
 * form. They were made by `make` (xsltproc and the build's bpadm), so a site on shared
 * hosting could not take next year's questionnaire without a developer. Here libxslt runs
 * tools/gen/stamp.xsl and tools/gen/formtabs.xsl itself (deployed to the data directory), with the same
 * security preferences as the pages' rendering: no file or network access. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

#include "crypto.h"
#include "definition_files.h"
#include "deftables.h"
#include "formtab.h"
#include "render.h"

/* a path into out; BP_ETOOBIG when it does not fit */
static int pathf(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
pathf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, size, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? BP_ETOOBIG : 0;
}

/* "YEAR-" and 16 lower-case hex digits: the only link targets that are followed */
static int
version_name_ok(const char *name, int year)
{
	char head[8];
	size_t i;

	snprintf(head, sizeof(head), "%04d-", year);
	if (strncmp(name, head, 5) != 0 || strlen(name) != DEFINITION_VERSION_LEN - 3)
		return 0;
	for (i = 5; name[i]; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return 1;
}

int
definition_dir(const char *data_dir, int year, char *out, size_t size)
{
	char link[PATH_MAX], target[64];
	ssize_t n;

	if (year < 1000 || year > 9999)
		return BP_EINVAL;
	if (pathf(link, sizeof(link), "%s/" DEFINITION_DIR "/%04d", data_dir, year) != 0)
		return BP_ETOOBIG;
	if ((n = readlink(link, target, sizeof(target) - 1)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return BP_ENOENT;
		/* a directory itself: a host's copy that followed the link (an FTP upload);
		 * it is one version whole all the same */
		if (errno == EINVAL)
			return str_copy(out, size, link) == 0 ? 0 : BP_ETOOBIG;
		return BP_EIO;
	}
	target[n] = '\0';
	if (!version_name_ok(target, year)) {
		log_error("definition %s: the link names %s, not a version of %d", link, target,
		    year);
		return BP_EIO;
	}
	return pathf(out, size, "%s/" DEFINITION_DIR "/%s", data_dir, target);
}

int
definition_load(const char *data_dir, int year, struct definition **out)
{
	char dir[PATH_MAX];
	int rc;

	*out = NULL;
	if ((rc = definition_dir(data_dir, year, dir, sizeof(dir))) != 0)
		return rc;
	return definition_load_dir(dir, out);
}

int
definition_years(const char *data_dir, int *years, int max)
{
	char path[PATH_MAX], dir[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int n = 0, i, j, y;

	if (pathf(path, sizeof(path), "%s/" DEFINITION_DIR, data_dir) != 0)
		return BP_ETOOBIG;
	if ((d = opendir(path)) == NULL)
		return errno == ENOENT ? 0 : BP_EIO;
	while ((e = readdir(d)) != NULL && n < max)
		if (strlen(e->d_name) == 4 && str_digits(e->d_name, 4, &y) == 0 &&
		    definition_dir(data_dir, y, dir, sizeof(dir)) == 0)
			years[n++] = y;
	closedir(d);
	for (i = 1; i < n; i++)		/* a handful: insertion sort */
		for (j = i; j > 0 && years[j - 1] > years[j]; j--) {
			y = years[j];
			years[j] = years[j - 1];
			years[j - 1] = y;
		}
	return n;
}

int
definition_source_stamp(const char *src, size_t len, char out[DEFINITION_STAMP_LEN + 1])
{
	unsigned char h[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1];
	int rc;

	/* the build's stamp was `sha256sum FILE | cut -c1-16`: the same, so that the stored
	 * evaluations of a year's surveys stay valid when its files are made anew */
	if ((rc = crypto_sha256(src, len, h)) != 0)
		return rc;
	hex_encode(h, sizeof(h), hex);
	memcpy(out, hex, DEFINITION_STAMP_LEN);
	out[DEFINITION_STAMP_LEN] = '\0';
	return 0;
}

/* -- making ------------------------------------------------------------------------------ */

static void
xslt_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

/* apply the stylesheet data_dir/kartlegging/name to doc with stamp as its parameter */
static int
transform(const char *data_dir, const char *name, xmlDocPtr doc, const char *stamp,
    struct buf *out)
{
	char path[PATH_MAX], param[DEFINITION_STAMP_LEN + 3];
	const char *params[] = { "stamp", param, NULL };

	if (pathf(path, sizeof(path), "%s/" DEFINITION_DIR "/%s", data_dir, name) != 0)
		return BP_ETOOBIG;
	snprintf(param, sizeof(param), "'%s'", stamp);
	return render_file(path, doc, params, 0, out);
}

/* the content hash that names a version: the same files, the same directory */
static int
version_name(struct definition_made *m)
{
	const struct buf *parts[] = { &m->xml, &m->form, &m->image };
	unsigned char h[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1];
	struct buf all = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		buf_add(&all, parts[i]->p, parts[i]->len);
	rc = all.err ? BP_ENOMEM : crypto_sha256(all.p, all.len, h);
	buf_free(&all);
	if (rc != 0)
		return rc;
	hex_encode(h, sizeof(h), hex);
	snprintf(m->version, sizeof(m->version), "%04d-%.16s", m->year, hex);
	return 0;
}

int
definition_make(const char *data_dir, const char *src, size_t len,
    struct definition_made *m, char *why, size_t whysize)
{
	struct definition *d = NULL;
	struct formtab *ft = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	xmlChar *year = NULL;
	long long y;
	int rc = BP_EINVAL;

	memset(m, 0, sizeof(*m));
	snprintf(why, whysize, "filen kan ikke leses som et spørreskjema");
	if (len == 0 || len > DEFINITION_FILE_MAX) {
		snprintf(why, whysize, "filen er tom eller større enn 1 MiB");
		return BP_ETOOBIG;
	}
	/* no text may pass for a marker of the form (tools/gen/formtabs.xsl) */
	if (memmem(src, len, "{{", 2) != NULL || memmem(src, len, "bp=", 3) != NULL) {
		snprintf(why, whysize, "en tekst inneholder «{{» eller «bp=», som skjemaet "
		    "bruker som merker");
		return BP_EINVAL;
	}
	xsltSetGenericErrorFunc(NULL, xslt_quiet);
	xmlSetGenericErrorFunc(NULL, xslt_quiet);	/* bpadm: the reasons are ours */
	/* as xsltproc reads it (no blanks dropped, CDATA as text); no DOCTYPE, no entities */
	doc = xmlReadMemory(src, (int)len, DEFINITION_SOURCE, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || doc->intSubset != NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    xmlStrcmp(root->name, BAD_CAST "definition") != 0)
		goto out;
	if ((year = xmlGetProp(root, BAD_CAST "year")) == NULL ||
	    str_to_ll((const char *)year, 2000, 9999, &y) != 0) {
		snprintf(why, whysize, "year på <definition> må være et årstall");
		goto out;
	}
	m->year = (int)y;
	if ((rc = definition_source_stamp(src, len, m->stamp)) != 0)
		goto out;
	if ((rc = transform(data_dir, DEFINITION_STAMP_XSL, doc, m->stamp, &m->xml)) != 0 ||
	    (rc = transform(data_dir, DEFINITION_FORM_XSL, doc, m->stamp, &m->form)) != 0) {
		snprintf(why, whysize, rc == BP_ENOENT ? "stilarkene " DEFINITION_STAMP_XSL " og "
		    DEFINITION_FORM_XSL " mangler i datakatalogens " DEFINITION_DIR "/" :
		    "stilarkene kunne ikke lage skjemaet av filen");
		goto out;
	}
	/* what the programs will read, read back as they read it */
	if ((rc = definition_parse(m->xml.p, m->xml.len, &d)) != 0 ||
	    (rc = definition_image_write(d, &m->image)) != 0) {
		snprintf(why, whysize, "spørreskjemaet kan ikke leses av programmene");
		goto out;
	}
	if ((rc = formtab_parse(m->form.p, m->form.len, &ft)) != 0 ||
	    strcmp(formtab_stamp(ft), m->stamp) != 0) {
		snprintf(why, whysize, "skjemaets faner kan ikke leses av programmene");
		rc = rc ? rc : BP_EXML;
		goto out;
	}
	rc = version_name(m);
	why[0] = '\0';
out:
	formtab_free(ft);
	definition_free(d);
	xmlFree(year);
	xmlFreeDoc(doc);
	return rc;
}

void
definition_made_free(struct definition_made *m)
{
	buf_free(&m->xml);
	buf_free(&m->form);
	buf_free(&m->image);
}

/* -- installing --------------------------------------------------------------------------- */

static int
write_file(const char *dir, const char *name, const void *p, size_t len)
{
	char path[PATH_MAX];
	int fd, ok;

	if (pathf(path, sizeof(path), "%s/%s", dir, name) != 0)
		return BP_ETOOBIG;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return BP_EIO;
	/* readable by the web server's user whatever the umask of the one who publishes */
	ok = fchmod(fd, 0644) == 0 && write(fd, p, len) == (ssize_t)len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	return ok ? 0 : errno == ENOSPC ? BP_ENOSPC : BP_EIO;
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return BP_EIO;
	rc = fsync(fd) == 0 ? 0 : BP_EIO;
	close(fd);
	return rc;
}

static const char *const version_files[] = {
	DEFINITION_XML, DEFINITION_IMAGE, DEFINITION_FORM, DEFINITION_SOURCE,
};

static void
remove_tmp(const char *tmp)
{
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(version_files) / sizeof(version_files[0]); i++) {
		if (pathf(path, sizeof(path), "%s/%s", tmp, version_files[i]) == 0)
			unlink(path);
	}
	rmdir(tmp);
}

int
definition_install(const char *data_dir, const struct definition_made *m,
    const char *src, size_t len)
{
	char kdir[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX], link[PATH_MAX], ltmp[PATH_MAX];
	const struct {
		const void *p;
		size_t len;
	} files[] = { { m->xml.p, m->xml.len }, { m->image.p, m->image.len },
	    { m->form.p, m->form.len }, { src, len } };
	struct stat sb;
	size_t i;
	int rc = 0;

	if (pathf(kdir, sizeof(kdir), "%s/" DEFINITION_DIR, data_dir) != 0 ||
	    pathf(final, sizeof(final), "%s/%s", kdir, m->version) != 0 ||
	    pathf(tmp, sizeof(tmp), "%s/.new-%04d-XXXXXX", kdir, m->year) != 0 ||
	    pathf(link, sizeof(link), "%s/%04d", kdir, m->year) != 0 ||
	    pathf(ltmp, sizeof(ltmp), "%s/.link-%04d-%ld", kdir, m->year, (long)getpid()) != 0)
		return BP_ETOOBIG;
	if (mkdir(kdir, 0755) == 0)
		chmod(kdir, 0755);	/* whatever the umask: the web server reads it */
	else if (errno != EEXIST)
		return BP_EIO;
	if (stat(final, &sb) != 0) {
		/* the whole version is written beside the others, then renamed into place */
		if (mkdtemp(tmp) == NULL)
			return BP_EIO;
		for (i = 0; rc == 0 && i < sizeof(files) / sizeof(files[0]); i++)
			rc = write_file(tmp, version_files[i], files[i].p, files[i].len);
		if (rc == 0 && chmod(tmp, 0755) != 0)
			rc = BP_EIO;
		if (rc == 0 && rename(tmp, final) != 0 && errno != EEXIST && errno != ENOTEMPTY)
			rc = BP_EIO;
		if (rc != 0 || stat(tmp, &sb) == 0)	/* failed, or made meanwhile by another */
			remove_tmp(tmp);
		if (rc != 0)
			return rc;
	} else {
		/* the same files again: their times say they are new (make compares them) */
		for (i = 0; i < sizeof(version_files) / sizeof(version_files[0]); i++)
			if (pathf(tmp, sizeof(tmp), "%s/%s", final, version_files[i]) == 0)
				utimensat(AT_FDCWD, tmp, NULL, 0);
	}
	/* the switch: a new link renamed over the old one, which rename(2) does at once */
	unlink(ltmp);
	if (symlink(m->version, ltmp) != 0)
		return BP_EIO;
	if (rename(ltmp, link) != 0) {
		unlink(ltmp);
		return BP_EIO;
	}
	return sync_dir(kdir);
}
