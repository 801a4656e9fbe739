/* toplist.c: a bounded max-heap in list order: the root is the item listed last among those
 * kept, the first to go when an earlier one comes. */
#include <stdlib.h>
#include <string.h>

#include "toplist.h"
#include "util.h"

int
toplist_init(struct toplist *t, size_t size, size_t keep, toplist_cmp cmp,
    void (*wipe)(void *item))
{
	memset(t, 0, sizeof(*t));
	t->size = size;
	t->keep = keep;
	t->cmp = cmp;
	t->wipe = wipe;
	return (t->tmp = malloc(size)) == NULL ? BP_ENOMEM : 0;
}

void *
toplist_at(const struct toplist *t, size_t i)
{
	return t->v + i * t->size;
}

static void
swap(struct toplist *t, size_t i, size_t j)
{
	memcpy(t->tmp, toplist_at(t, i), t->size);
	memcpy(toplist_at(t, i), toplist_at(t, j), t->size);
	memcpy(toplist_at(t, j), t->tmp, t->size);
	if (t->wipe)
		t->wipe(t->tmp);
}

/* the heap's order: a parent is listed after its children */
static void
sift_up(struct toplist *t, size_t i)
{
	for (; i > 0 && t->cmp(toplist_at(t, (i - 1) / 2), toplist_at(t, i)) < 0; i = (i - 1) / 2)
		swap(t, (i - 1) / 2, i);
}

static void
sift_down(struct toplist *t, size_t i)
{
	size_t c;

	for (; (c = 2 * i + 1) < t->n; i = c) {
		if (c + 1 < t->n && t->cmp(toplist_at(t, c + 1), toplist_at(t, c)) > 0)
			c++;
		if (t->cmp(toplist_at(t, c), toplist_at(t, i)) <= 0)
			break;
		swap(t, c, i);
	}
}

int
toplist_add(struct toplist *t, const void *item)
{
	void *p;

	if (t->keep == 0)
		return 0;
	if (t->n == t->keep) {
		/* full: an item listed before the last kept one takes its place */
		if (t->cmp(item, toplist_at(t, 0)) < 0) {
			if (t->wipe)
				t->wipe(toplist_at(t, 0));
			memcpy(toplist_at(t, 0), item, t->size);
			sift_down(t, 0);
		}
		return 0;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;

		if (cap > t->keep)
			cap = t->keep;
		if (cap > SIZE_MAX / t->size || (p = realloc(t->v, cap * t->size)) == NULL)
			return BP_ENOMEM;
		t->v = p;
		t->cap = cap;
	}
	memcpy(toplist_at(t, t->n++), item, t->size);
	sift_up(t, t->n - 1);
	return 0;
}

void
toplist_sort(struct toplist *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, t->size, t->cmp);
}

void
toplist_free(struct toplist *t)
{
	size_t i;

	if (t->wipe)
		for (i = 0; i < t->n; i++)
			t->wipe(toplist_at(t, i));
	free(t->v);
	free(t->tmp);
	memset(t, 0, sizeof(*t));
}
