// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include "aggregate.h"
#include "util.h"

static int eo_count_same_key(const struct eo_count *a, const struct eo_count *b)
{
	return a->evicted == b->evicted &&
	       a->syscall_nr == b->syscall_nr && a->abi == b->abi && a->err == b->err &&
	       a->pid == b->pid && !strcmp(a->comm, b->comm) && !strcmp(a->origin, b->origin);
}

/* Linear merge: a per-CPU table holds at most a few thousand keys. */
int eo_aggregate_add(struct eo_aggregate *agg, const struct eo_count *c)
{
	size_t i;

	for (i = 0; i < agg->n; i++)
		if (eo_count_same_key(&agg->items[i], c)) {
			agg->items[i].count += c->count;
			return 0;
		}
	if (eo_grow(&agg->items, &agg->cap, agg->n, sizeof(*agg->items)))
		return eo_err("top", "out of memory");
	agg->items[agg->n++] = *c;
	return 0;
}

static int eo_count_cmp(const void *pa, const void *pb)
{
	const struct eo_count *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->syscall_nr != b->syscall_nr)
		return a->syscall_nr < b->syscall_nr ? -1 : 1;
	if (a->err != b->err)
		return a->err < b->err ? -1 : 1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

void eo_aggregate_sort(struct eo_aggregate *agg)
{
	if (agg->n)
		qsort(agg->items, agg->n, sizeof(*agg->items), eo_count_cmp);
}

void eo_aggregate_free(struct eo_aggregate *agg)
{
	free(agg->items);
	memset(agg, 0, sizeof(*agg));
}
