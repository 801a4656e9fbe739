/* toplist.h: the first `keep` of a stream of items in a list's order, without keeping the
 * rest: a bounded heap whose root is the last item kept, so a page of the newest 50 (or
 * 1,000) reads every candidate once and holds only what it shows. The survey list and the
 * kommune's Endringslogger use it. */
#ifndef BP_TOPLIST_H
#define BP_TOPLIST_H

#include <stddef.h>

/* the list's order: < 0 when a comes before b, > 0 after, 0 the same place */
typedef int (*toplist_cmp)(const void *a, const void *b);

struct toplist {
	unsigned char *v;	/* n items of size bytes; owned, freed by toplist_free */
	size_t size, n, cap, keep;
	toplist_cmp cmp;
	void (*wipe)(void *item);	/* on a dropped or moved-from copy (may be NULL):
					 * items that hold personal data are wiped */
	unsigned char *tmp;	/* one item's room for swaps */
};

/* toplist_init: an empty list keeping the first keep items (SIZE_MAX: all). 0 or BP_ENOMEM. */
int toplist_init(struct toplist *t, size_t size, size_t keep, toplist_cmp cmp,
    void (*wipe)(void *item));
/* toplist_add: a copy of item, when it is among the first keep so far; 0 or BP_ENOMEM */
int toplist_add(struct toplist *t, const void *item);
/* toplist_sort: the items kept, into list order (t->v[0] first); the heap is gone after */
void toplist_sort(struct toplist *t);
/* toplist_at: the i-th item (after toplist_sort: in list order) */
void *toplist_at(const struct toplist *t, size_t i);
void toplist_free(struct toplist *t);	/* wipes what it held when wipe is set */

#endif
