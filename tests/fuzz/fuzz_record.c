/* fuzz_record.c: a stored record read back (record_parse) and the 2026 definition's rules run
 * over it (definition_evaluate, definition_prune), as every form page and save does. A record
 * is sealed with AES-GCM in the store, so a hostile one would take the keys; the fuzzer stands
 * in for a bug of our own that wrote a strange one. Whatever the record, evaluation ends
 * with bounded findings, each naming its field and tab, and the evaluation kept in the record
 * reads back the same. Run from the checkout (the definition is data/kartlegging/2026.xml). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "definition.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct definition *def;
	struct evaluation ev, again;
	xmlDocPtr rec;
	int i, rc;

	if (def == NULL && definition_load_xml("data/kartlegging/2026.xml", &def) != 0)
		abort();
	if ((rec = record_parse(data, size)) == NULL)
		return 0;
	rc = definition_evaluate(def, rec, &ev);
	assert(rc == 0 || rc == BP_ETOOBIG);
	if (rc == 0) {
		assert(ev.nfindings >= 0 && ev.nfindings <= FINDINGS_MAX);
		assert(ev.errors >= 0 && ev.obs >= 0 && ev.errors + ev.obs >= ev.nfindings);
		for (i = 0; i < ev.nfindings; i++)
			assert(ev.findings[i].field && ev.findings[i].tab && ev.findings[i].text);
		assert(ev.index_group && ev.index_title);
		if (answers_store_evaluation(rec, "fuzz", &ev) == 0) {
			assert(answers_stored_evaluation(rec, "fuzz", &again) == 0);
			assert(again.errors == ev.errors && again.obs == ev.obs);
			assert(again.nfindings == ev.nfindings);
			assert(strcmp(again.index_group, ev.index_group) == 0);
		}
	}
	rc = definition_prune(def, rec);
	assert(rc >= 0 || rc == BP_ETOOBIG || rc == BP_ENOMEM);
	/* pruned, nothing hidden is left to prune */
	if (rc >= 0)
		assert(definition_prune(def, rec) == 0);
	xmlFreeDoc(rec);
	return 0;
}
