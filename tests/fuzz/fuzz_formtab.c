/* fuzz_formtab.c: the pre-rendered form's file and markers (formtab.c) on arbitrary text,
 * filled from a record with answers, findings and a typed value that each hold "<zq>"
 * and quotes. Unless the file itself holds "zq", that markup never comes out unescaped;
 * and a tab without markers comes out as it went in. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>

#include "formtab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char record_xml[] =
    "<kartlegging><a>x</a><a>&lt;zq&gt;\"</a><b>1&amp;&lt;zq&gt;</b>"
    "<s hatt=\"ja\" videre=\"&lt;zq&gt;\"/></kartlegging>";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static xmlDocPtr rec;
	static struct evaluation ev;
	static const struct answer_problem typed[] = { { "b", "\"<zq>'&", "Ikke et <zq>." } };
	const struct formtab_tab *tabs;
	struct formtab_values v;
	struct formtab *ft;
	struct buf out = { 0 };
	int i, n;

	if (rec == NULL) {
		rec = xmlReadMemory(record_xml, sizeof(record_xml) - 1, NULL, "UTF-8", 0);
		assert(rec != NULL);
		ev.index_group = "rodt";
		ev.index_title = "<zq>Rødt";
		strcpy(ev.hidden, " a b ");
		ev.findings[0] = (struct finding){ FINDING_ERROR, "a", "t", "<zq>", "A", "" };
		ev.findings[1] = (struct finding){ FINDING_OBS, "b", "t", "&<zq>", "B", "" };
		ev.nfindings = 2;
	}
	v = (struct formtab_values){ rec, &ev, size & 1, typed, 1 };
	if (formtab_parse((const char *)data, size, &ft) != 0)
		return 0;
	n = formtab_tabs(ft, &tabs);
	assert(n >= 1 && n <= DEFINITION_TABS_MAX);
	for (i = 0; i < n; i++) {
		assert(formtab_tab(ft, tabs[i].id) != NULL);
		buf_reset(&out);
		if (formtab_fill(&tabs[i], &v, &out) != 0)
			continue;
		assert(!out.err);
		/* the values' markup never comes through */
		if (memmem(data, size, "zq", 2) == NULL)
			assert(strstr(out.p ? out.p : "", "<zq>") == NULL);
		if (strstr(tabs[i].html, "{{") == NULL && strstr(tabs[i].html, " bp=\"") == NULL)
			assert(strcmp(out.p ? out.p : "", tabs[i].html) == 0);
	}
	buf_free(&out);
	formtab_free(ft);
	return 0;
}
