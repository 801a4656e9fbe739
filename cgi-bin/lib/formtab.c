/* formtab.c: fill the pre-rendered tabs of the survey form (formtab.h; the markers are
 * described in tools/gen/formtabs.xsl).
 *
 * The template is ours, made at build time, yet it is parsed as if it were not: every
 * marker is bounded, an unknown or malformed one is an error, and every value from a
 * record or from what was typed is escaped. tests/fuzz/fuzz_formtab.c runs it on
 * arbitrary files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formtab.h"
#include "record.h"

#define FORMTAB_FILE_MAX (4 << 20)
#define MARKER_MAX 2048		/* a marker's text */
#define MARKER_ARGS 128		/* words: a group hides by all its items */

struct formtab {
	char *text;			/* the file, cut into NUL-terminated parts */
	const char *stamp;
	struct formtab_tab tabs[DEFINITION_TABS_MAX];
	int ntabs;
};

/* -- the file --------------------------------------------------------------------------- */

static const char head[] = "<!--bp-form ";
static const char tab_head[] = "<!--bp-tab ";

/* parse text[0..len) (text[len] is NUL), which becomes the formtab's */
static int
parse_owned(char *text, size_t len, struct formtab **out)
{
	char *starts[DEFINITION_TABS_MAX], *p, *end, *sp;
	struct formtab *ft;
	int i, n = 0;

	*out = NULL;
	if ((ft = calloc(1, sizeof(*ft))) == NULL) {
		free(text);
		return BP_ENOMEM;
	}
	ft->text = text;
	if (strlen(ft->text) != len)
		goto bad;
	while (len > 0 && ft->text[len - 1] == '\n')	/* xsltproc ends the file with one */
		ft->text[--len] = '\0';
	if ( strncmp(ft->text, head, sizeof(head) - 1) != 0 ||
	    (end = strstr(ft->text, "-->")) == NULL)
		goto bad;
	*end = '\0';
	ft->stamp = ft->text + sizeof(head) - 1;
	/* where each tab starts, before anything is cut */
	for (p = strstr(end + 3, tab_head); p; p = strstr(p + 1, tab_head)) {
		if (n == DEFINITION_TABS_MAX)
			goto bad;
		starts[n++] = p;
	}
	/* "<!--bp-tab ID TITLE-->HTML", each ended where the next starts */
	for (i = 0; i < n; i++) {
		if (i + 1 < n)
			*starts[i + 1] = '\0';
		p = starts[i] + sizeof(tab_head) - 1;
		if ((end = strstr(p, "-->")) == NULL || (sp = strchr(p, ' ')) == NULL || sp > end)
			goto bad;
		*sp = *end = '\0';
		ft->tabs[i] = (struct formtab_tab){ p, sp + 1, end + 3 };
	}
	if ((ft->ntabs = n) == 0)
		goto bad;
	*out = ft;
	return 0;
bad:
	formtab_free(ft);
	return BP_EXML;
}

int
formtab_parse(const char *text, size_t len, struct formtab **out)
{
	char *copy;

	*out = NULL;
	if ((copy = malloc(len + 1)) == NULL)
		return BP_ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	return parse_owned(copy, len, out);
}

int
formtab_load(const char *data_dir, int year, struct formtab **out)
{
	char dir[4096];
	int rc;

	*out = NULL;
	if ((rc = definition_dir(data_dir, year, dir, sizeof(dir))) != 0)
		return rc;
	return formtab_load_dir(dir, out);
}

int
formtab_load_dir(const char *dir, struct formtab **out)
{
	char path[4200], *text;
	size_t len;
	int rc;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/" DEFINITION_FORM, dir);
	if ((rc = file_read(path, FORMTAB_FILE_MAX, &text, &len)) == BP_ENOENT)
		return rc;
	if (rc == 0)
		rc = parse_owned(text, len, out);	/* text is the formtab's now */
	if (rc != 0)
		log_error("form %s: %s", path, bp_strerror(rc));
	return rc;
}

void
formtab_free(struct formtab *ft)
{
	if (ft == NULL)
		return;
	free(ft->text);
	free(ft);
}

const char *
formtab_stamp(const struct formtab *ft)
{
	return ft->stamp;
}

int
formtab_tabs(const struct formtab *ft, const struct formtab_tab **tabs)
{
	*tabs = ft->tabs;
	return ft->ntabs;
}

const struct formtab_tab *
formtab_tab(const struct formtab *ft, const char *id)
{
	int i;

	for (i = 0; i < ft->ntabs; i++)
		if (strcmp(ft->tabs[i].id, id) == 0)
			return &ft->tabs[i];
	return NULL;
}

/* -- one survey's values ---------------------------------------------------------------- */

struct fill {
	const struct formtab_values *v;
	struct record_index answers;
	struct buf *out;
};

static const struct record_child *
answers_of(const struct fill *f, const char *id, size_t *n)
{
	return record_index_find(&f->answers, id, n);
}

static const struct answer_problem *
problem_of(const struct fill *f, const char *id)
{
	int i;

	for (i = 0; i < f->v->nproblems; i++)
		if (strcmp(f->v->problems[i].field, id) == 0)
			return &f->v->problems[i];
	return NULL;
}

/* what the field shows: typed and refused, else the answer, else the default */
static const char *
value_of(const struct fill *f, const char *id, const char *def)
{
	const struct answer_problem *p = problem_of(f, id);
	const struct record_child *a;
	size_t n;

	if (p)
		return p->raw;
	if ((a = answers_of(f, id, &n)) != NULL)
		return record_node_text(a->node);
	return def;
}

/* 1 when a finding of this kind (obs, or any other) about id is shown */
static int
has_finding(const struct fill *f, const char *id, int obs)
{
	const struct evaluation *ev = f->v->ev;
	int i;

	if (!obs && !f->v->visited)
		return 0;		/* errors show once the tab has been saved */
	for (i = 0; i < ev->nfindings; i++)
		if ((ev->findings[i].kind == FINDING_OBS) == obs &&
		    strcmp(ev->findings[i].field, id) == 0)
			return 1;
	return 0;
}

static int
has_error(const struct fill *f, const char *id)
{
	return problem_of(f, id) != NULL || has_finding(f, id, 0);
}

static void
put_escaped(struct buf *b, const char *s, int attr)
{
	const char *run = s;

	for (; *s; s++) {
		const char *e = NULL;

		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = attr ? "&quot;" : NULL; break;
		}
		if (e == NULL)
			continue;
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, e);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

/* -- the markers ------------------------------------------------------------------------ */

/* each gets the marker's words; argv[0] is the operation */
typedef int (*op_fn)(struct fill *, int, char **);

static int
op_hidden(struct fill *f, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!evaluation_hidden(f->v->ev, argv[i]))
			return 0;
	if (argc > 1)
		buf_puts(f->out, " hidden=\"hidden\"");
	return argc > 1 ? 0 : BP_EXML;
}

static int
op_checked(struct fill *f, int argc, char **argv)
{
	const struct record_child *a;
	size_t n, i;

	if (argc != 3)
		return BP_EXML;
	for (a = answers_of(f, argv[1], &n), i = 0; i < n; i++)
		if (strcmp(record_node_text(a[i].node), argv[2]) == 0) {
			buf_puts(f->out, " checked");
			break;
		}
	return 0;
}

/* service ID Q DEFAULT VALUE */
static int
op_service(struct fill *f, int argc, char **argv)
{
	const struct record_child *a;
	const char *v = NULL;
	size_t n;

	if (argc != 5)
		return BP_EXML;
	if ((a = answers_of(f, argv[1], &n)) != NULL)
		v = record_node_attr(a->node, argv[2]);
	if (strcmp(v ? v : argv[3], argv[4]) == 0)
		buf_puts(f->out, " checked");
	return 0;
}

/* selected ID N [DEFAULT] */
static int
op_selected(struct fill *f, int argc, char **argv)
{
	if (argc != 3 && argc != 4)
		return BP_EXML;
	if (strcmp(value_of(f, argv[1], argc == 4 ? argv[3] : ""), argv[2]) == 0)
		buf_puts(f->out, " selected");
	return 0;
}

/* value ID [DEFAULT] */
static int
op_value(struct fill *f, int argc, char **argv)
{
	if (argc != 2 && argc != 3)
		return BP_EXML;
	buf_puts(f->out, " value=\"");
	put_escaped(f->out, value_of(f, argv[1], argc == 3 ? argv[2] : ""), 1);
	buf_puts(f->out, "\"");
	return 0;
}

/* describedby ID HELP INVALID */
static int
op_describedby(struct fill *f, int argc, char **argv)
{
	const char *id = argv[1];
	int err;

	if (argc != 4)
		return BP_EXML;
	err = has_error(f, id);
	buf_puts(f->out, " aria-describedby=\"");
	if (strcmp(argv[2], "1") == 0)
		buf_printf(f->out, "h-%s ", id);
	if (err)
		buf_printf(f->out, "e-%s ", id);
	if (has_finding(f, id, 1))
		buf_printf(f->out, "o-%s ", id);
	buf_printf(f->out, "l-%s\"", id);
	if (err && strcmp(argv[3], "1") == 0)
		buf_puts(f->out, " aria-invalid=\"true\"");
	return 0;
}

static int
op_index(struct fill *f, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return BP_EXML;
	buf_puts(f->out, " class=\"index-");
	put_escaped(f->out, f->v->ev->index_group, 1);
	buf_puts(f->out, "\"");
	return 0;
}

/* The error paragraph (what was typed, else the findings once the tab has been saved),
 * then the obs paragraph. */
static int
op_messages(struct fill *f, int argc, char **argv)
{
	const struct evaluation *ev = f->v->ev;
	const struct answer_problem *p;
	const char *id = argv[1];
	int i, n;

	if (argc != 2)
		return BP_EXML;
	if ((p = problem_of(f, id)) != NULL || has_finding(f, id, 0)) {
		buf_printf(f->out, "<p class=\"field-error\" id=\"e-%s\">", id);
		if (p)
			put_escaped(f->out, p->text, 0);
		for (i = n = 0; !p && i < ev->nfindings; i++) {
			if (ev->findings[i].kind == FINDING_OBS ||
			    strcmp(ev->findings[i].field, id) != 0)
				continue;
			if (n++)
				buf_puts(f->out, " ");
			put_escaped(f->out, ev->findings[i].kind == FINDING_MISSING ?
			    "Mangler svar." : ev->findings[i].text, 0);
		}
		buf_puts(f->out, "</p>");
	}
	if (has_finding(f, id, 1)) {
		buf_printf(f->out, "<p class=\"obs-note\" id=\"o-%s\">", id);
		for (i = n = 0; i < ev->nfindings; i++) {
			if (ev->findings[i].kind != FINDING_OBS ||
			    strcmp(ev->findings[i].field, id) != 0)
				continue;
			buf_puts(f->out, n++ ? " Obs: " : "Obs: ");
			put_escaped(f->out, ev->findings[i].text, 0);
		}
		buf_puts(f->out, "</p>");
	}
	return 0;
}

/* index-text DEFAULT...: the words after the operation are the text without an index */
static int
op_index_text(struct fill *f, int argc, char **argv)
{
	int i;

	if (*f->v->ev->index_group) {
		put_escaped(f->out, f->v->ev->index_title, 0);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (i > 1)
			buf_puts(f->out, " ");
		put_escaped(f->out, argv[i], 0);
	}
	return 0;
}

static const struct {
	const char *name;
	int in_tag;			/* bp="…" in a start tag, else {{…}} in text */
	op_fn fn;
} ops[] = {
	{ "hidden", 1, op_hidden },
	{ "checked", 1, op_checked },
	{ "service", 1, op_service },
	{ "selected", 1, op_selected },
	{ "value", 1, op_value },
	{ "describedby", 1, op_describedby },
	{ "index", 1, op_index },
	{ "messages", 0, op_messages },
	{ "index-text", 0, op_index_text },
};

/* One marker's text: operations separated by ";", words by " ". */
static int
run_marker(struct fill *f, const char *text, size_t len, int in_tag)
{
	char copy[MARKER_MAX], *op, *save_op, *w, *save_w, *argv[MARKER_ARGS];
	size_t i;
	int argc, rc;

	if (len >= sizeof(copy))
		return BP_EXML;
	memcpy(copy, text, len);
	copy[len] = '\0';
	for (op = strtok_r(copy, ";", &save_op); op; op = strtok_r(NULL, ";", &save_op)) {
		argc = 0;
		for (w = strtok_r(op, " ", &save_w); w; w = strtok_r(NULL, " ", &save_w)) {
			if (argc == MARKER_ARGS)
				return BP_EXML;
			argv[argc++] = w;
		}
		if (argc == 0)
			continue;
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strcmp(ops[i].name, argv[0]) == 0 && ops[i].in_tag == in_tag)
				break;
		if (i == sizeof(ops) / sizeof(ops[0]))
			return BP_EXML;
		if ((rc = ops[i].fn(f, argc, argv)) != 0)
			return rc;
	}
	return 0;
}

static const char tag_mark[] = " bp=\"";
static const char text_mark[] = "{{";

int
formtab_fill(const struct formtab_tab *tab, const struct formtab_values *v, struct buf *out)
{
	struct fill f = { v, { NULL, 0 }, out };
	const char *p = tab->html, *t, *x, *end;
	int rc;

	if ((rc = record_index(v->record, &f.answers)) != 0)
		return rc;
	t = strstr(p, tag_mark);
	x = strstr(p, text_mark);
	while (t || x) {
		if (t && (!x || t < x)) {
			buf_add(out, p, (size_t)(t - p));
			p = t + sizeof(tag_mark) - 1;
			rc = (end = strchr(p, '"')) == NULL ? BP_EXML :
			    run_marker(&f, p, (size_t)(end - p), 1);
			if (rc != 0)
				goto out;
			p = end + 1;
		} else {
			buf_add(out, p, (size_t)(x - p));
			p = x + sizeof(text_mark) - 1;
			rc = (end = strstr(p, "}}")) == NULL ? BP_EXML :
			    run_marker(&f, p, (size_t)(end - p), 0);
			if (rc != 0)
				goto out;
			p = end + 2;
		}
		if (t && t < p)
			t = strstr(p, tag_mark);
		if (x && x < p)
			x = strstr(p, text_mark);
	}
	buf_puts(out, p);
	rc = out->err ? BP_ENOMEM : 0;
out:
	record_index_free(&f.answers);
	if (rc == BP_EXML)
		log_error("form: a malformed marker in tab %s", tab->id);
	return rc;
}
