/* defimage.c: a definition's tables as an image the build writes next to the XML.
 *
 * A save loads the year's definition on every request, and reading its 26 KB of XML was a
 * quarter of the save (1.5M instructions, callgrind). The image holds the same tables (not
 * the compiled XPath, which is made on first use either way) as 64-bit numbers and one string
 * table: pointers become offsets into it, and every count, offset and index is checked on
 * the way in. It is derived data: `bpadm definition` makes it from the XML with the other
 * files of a version (definition_make), and definition_load takes it only when it carries
 * the stamp of the XML beside it, else reads the XML as before. The XML stays the
 * definition; the image is never edited. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deftables.h"

#define IMAGE_MAGIC "bp-definition-2"	/* 15 characters and a NUL; bump on a new layout */
#define IMAGE_MAX (4 << 20)
#define XML_HEAD 4096			/* where the stamp of the XML is looked for */

/* -- writing ----------------------------------------------------------------------------- */

struct writer {
	const struct definition *d;
	size_t empty;			/* offset of an empty string in the table */
	struct buf nums;
	int err;
};

static void
put(struct writer *w, int64_t v)
{
	buf_add(&w->nums, &v, sizeof(v));
}

/* a string of the definition as an offset into the table (-1 for NULL) */
static void
put_str(struct writer *w, const char *p)
{
	const struct definition *d = w->d;

	if (p == NULL)
		put(w, -1);
	else if (p >= d->strings && p < d->strings + d->nstrings)
		put(w, (int64_t)(p - d->strings));
	else if (*p == '\0')		/* a "" of the loader's own */
		put(w, (int64_t)w->empty);
	else
		w->err = BP_EINVAL;
}

int
definition_image_write(const struct definition *d, struct buf *out)
{
	struct writer w = { d, d->nstrings, { 0 }, 0 };
	int i;

	put(&w, (int64_t)d->nstrings + 1 + (int64_t)strlen(d->areas) + 1);
	put_str(&w, d->stamp);
	put(&w, (int64_t)d->nstrings + 1);		/* areas, after the empty string */
	put(&w, d->ntabs);
	for (i = 0; i < d->ntabs; i++) {
		put_str(&w, d->tabs[i].id);
		put_str(&w, d->tabs[i].title);
	}
	put(&w, d->nsquestions);
	for (i = 0; i < d->nsquestions; i++) {
		put_str(&w, d->squestions[i].id);
		put_str(&w, d->squestions[i].label);
	}
	put(&w, d->nitems);
	for (i = 0; i < d->nitems; i++) {
		const struct def_item *it = &d->items[i];

		put_str(&w, it->id);
		put_str(&w, it->type);
		put_str(&w, it->tab);
		put_str(&w, it->label);
		put_str(&w, it->where);
		put_str(&w, it->show);
		put(&w, it->mandatory);
		put(&w, it->min);
		put(&w, it->max);
		put(&w, it->options - d->options);
		put(&w, it->noptions);
	}
	put(&w, d->noptions);
	for (i = 0; i < d->noptions; i++) {
		put_str(&w, d->options[i].id);
		put_str(&w, d->options[i].label);
		put(&w, d->options[i].exclusive);
	}
	put(&w, d->nrules);
	for (i = 0; i < d->nrules; i++) {
		put(&w, d->rules[i].kind);
		put_str(&w, d->rules[i].field);
		put_str(&w, d->rules[i].when);
		put_str(&w, d->rules[i].text);
	}
	put(&w, d->ngroups);
	for (i = 0; i < d->ngroups; i++) {
		put_str(&w, d->groups[i].id);
		put_str(&w, d->groups[i].title);
		put_str(&w, d->groups[i].when);
	}
	for (i = 0; i < d->nitems; i++)
		put(&w, d->by_id[i] - d->items);
	if (w.err || w.nums.err) {
		buf_free(&w.nums);
		return w.err ? w.err : BP_ENOMEM;
	}
	buf_add(out, IMAGE_MAGIC, sizeof(IMAGE_MAGIC));
	buf_add(out, w.nums.p, w.nums.len);
	buf_add(out, d->strings, d->nstrings);
	buf_add(out, "", 1);
	buf_add(out, d->areas, strlen(d->areas) + 1);
	buf_free(&w.nums);
	return out->err;
}

/* -- reading ----------------------------------------------------------------------------- */

struct reader {
	const unsigned char *p, *end;	/* the numbers */
	const char *strings;		/* the table, NUL-terminated at its end */
	size_t nstrings;
	int err;
};

static int64_t
get(struct reader *r)
{
	int64_t v;

	if (r->err || (size_t)(r->end - r->p) < sizeof(v)) {
		r->err = BP_EXML;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/* a number in [lo, hi] */
static int64_t
get_in(struct reader *r, int64_t lo, int64_t hi)
{
	int64_t v = get(r);

	if (v < lo || v > hi)
		r->err = BP_EXML;
	return r->err ? lo : v;
}

/* a string of the table, in the copy the definition owns (NULL for -1) */
static const char *
get_str(struct reader *r, const char *copy)
{
	int64_t v = get(r);

	if (v == -1)
		return NULL;
	if (v < 0 || (uint64_t)v >= r->nstrings) {
		r->err = BP_EXML;
		return "";
	}
	return r->err ? "" : copy + v;
}

/* the XML's stamp: the stamp attribute of its <definition>, within its first bytes */
static int
xml_stamp(const char *path, char *stamp, size_t size)
{
	char head[XML_HEAD + 1], *p, *q, *gt;
	FILE *f;
	size_t n;

	if ((f = fopen(path, "re")) == NULL)
		return BP_ENOENT;
	n = fread(head, 1, XML_HEAD, f);
	fclose(f);
	head[n] = '\0';
	if ((p = strstr(head, "<definition ")) == NULL || (gt = strchr(p, '>')) == NULL)
		return BP_EXML;
	*gt = '\0';
	if ((p = strstr(p, " stamp=\"")) == NULL || (q = strchr(p + 8, '"')) == NULL)
		return BP_EXML;
	*q = '\0';
	return str_copy(stamp, size, p + 8) == 0 && stamp[0] ? 0 : BP_EXML;
}

int
definition_image_read(const char *text, size_t len, const char *stamp, struct definition **out)
{
	struct reader r;
	struct definition *d;
	const char *areas, *s;
	int64_t nstrings, off;
	int i, kind;

	*out = NULL;
	if (len < sizeof(IMAGE_MAGIC) + sizeof(int64_t) ||
	    memcmp(text, IMAGE_MAGIC, sizeof(IMAGE_MAGIC)) != 0)
		return BP_EXML;
	memcpy(&nstrings, text + sizeof(IMAGE_MAGIC), sizeof(nstrings));
	if (nstrings < 2 || (uint64_t)nstrings > len - sizeof(IMAGE_MAGIC) ||
	    text[len - 1] != '\0')
		return BP_EXML;
	r = (struct reader){ (const unsigned char *)text + sizeof(IMAGE_MAGIC),
	    (const unsigned char *)text + len - nstrings, text + len - nstrings,
	    (size_t)nstrings, 0 };
	(void)get(&r);
	if ((d = calloc(1, sizeof(*d))) == NULL || (d->strings = malloc((size_t)nstrings)) == NULL)
		goto nomem;
	memcpy(d->strings, r.strings, (size_t)nstrings);
	d->nstrings = d->capstrings = (size_t)nstrings;
	s = d->strings;
	d->stamp = get_str(&r, s);
	if ((areas = get_str(&r, s)) == NULL || str_copy(d->areas, sizeof(d->areas), areas) != 0)
		r.err = BP_EXML;
	d->ntabs = (int)get_in(&r, 0, DEFINITION_TABS_MAX);
	for (i = 0; i < d->ntabs; i++) {
		d->tabs[i].id = get_str(&r, s);
		d->tabs[i].title = get_str(&r, s);
	}
	d->nsquestions = (int)get_in(&r, 0, SQUESTIONS_MAX);
	for (i = 0; i < d->nsquestions; i++) {
		d->squestions[i].id = get_str(&r, s);
		d->squestions[i].label = get_str(&r, s);
	}
	d->nitems = (int)get_in(&r, 0, ITEMS_MAX);
	if ((d->items = calloc((size_t)d->nitems + 1, sizeof(*d->items))) == NULL ||
	    (d->by_id = calloc((size_t)d->nitems + 1, sizeof(*d->by_id))) == NULL)
		goto nomem;
	for (i = 0; i < d->nitems; i++) {
		struct def_item *it = &d->items[i];

		it->id = get_str(&r, s);
		it->type = get_str(&r, s);
		it->tab = get_str(&r, s);
		it->label = get_str(&r, s);
		it->where = get_str(&r, s);
		it->show = get_str(&r, s);
		it->mandatory = (int)get_in(&r, 0, 1);
		it->min = (long)get_in(&r, LONG_MIN, LONG_MAX);
		it->max = (long)get_in(&r, LONG_MIN, LONG_MAX);
		off = get_in(&r, 0, OPTIONS_MAX);
		it->noptions = (int)get_in(&r, 0, OPTIONS_MAX - off);
		it->options = (const struct def_option *)(uintptr_t)off;	/* fixed below */
		if (it->id == NULL || it->type == NULL || it->tab == NULL || it->label == NULL ||
		    it->where == NULL || (kind = str_index(item_kind_ids, ITEM__MAX, it->type)) < 0)
			r.err = BP_EXML;
		else
			it->kind = (enum item_kind)kind;
	}
	d->noptions = (int)get_in(&r, 0, OPTIONS_MAX);
	if ((d->options = calloc((size_t)d->noptions + 1, sizeof(*d->options))) == NULL)
		goto nomem;
	for (i = 0; i < d->noptions; i++) {
		d->options[i].id = get_str(&r, s);
		d->options[i].label = get_str(&r, s);
		d->options[i].exclusive = (int)get_in(&r, 0, 1);
		if (d->options[i].id == NULL || d->options[i].label == NULL)
			r.err = BP_EXML;
	}
	for (i = 0; i < d->nitems && !r.err; i++) {
		off = (int64_t)(uintptr_t)d->items[i].options;
		if (off + d->items[i].noptions > d->noptions)
			r.err = BP_EXML;
		d->items[i].options = d->options + (r.err ? 0 : off);
	}
	d->nrules = (int)get_in(&r, 0, RULES_MAX);
	if ((d->rules = calloc((size_t)d->nrules + 1, sizeof(*d->rules))) == NULL)
		goto nomem;
	for (i = 0; i < d->nrules; i++) {
		d->rules[i].kind = get_in(&r, FINDING_ERROR, FINDING_OBS) == FINDING_OBS ?
		    FINDING_OBS : FINDING_ERROR;
		d->rules[i].field = get_str(&r, s);
		d->rules[i].when = get_str(&r, s);
		d->rules[i].text = get_str(&r, s);
		if (d->rules[i].text == NULL)
			r.err = BP_EXML;
	}
	d->ngroups = (int)get_in(&r, 0, GROUPS_MAX);
	if ((d->groups = calloc((size_t)d->ngroups + 1, sizeof(*d->groups))) == NULL)
		goto nomem;
	for (i = 0; i < d->ngroups; i++) {
		d->groups[i].id = get_str(&r, s);
		d->groups[i].title = get_str(&r, s);
		d->groups[i].when = get_str(&r, s);
		if (d->groups[i].title == NULL)
			r.err = BP_EXML;
	}
	for (i = 0; i < d->nitems; i++)
		d->by_id[i] = &d->items[get_in(&r, 0, d->nitems - 1)];
	/* all of it read, and from a definition stamped as the XML beside it */
	if (r.err || r.p != r.end || d->stamp == NULL || strcmp(d->stamp, stamp) != 0) {
		definition_free(d);
		return BP_EXML;
	}
	*out = d;
	return 0;
nomem:
	definition_free(d);
	return BP_ENOMEM;
}

int
definition_load_dir(const char *dir, struct definition **out)
{
	char path[PATH_MAX], stamp[64], *text = NULL;
	size_t len;
	int rc;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/" DEFINITION_XML, dir);
	if (xml_stamp(path, stamp, sizeof(stamp)) == 0) {
		snprintf(path, sizeof(path), "%s/" DEFINITION_IMAGE, dir);
		if (file_read(path, IMAGE_MAX, &text, &len) == 0) {
			rc = definition_image_read(text, len, stamp, out);
			free(text);
			if (rc == 0)
				return 0;
			log_error("definition %s: not an image of its XML; reading the XML", path);
		}
		snprintf(path, sizeof(path), "%s/" DEFINITION_XML, dir);
	}
	return definition_load_xml(path, out);
}
