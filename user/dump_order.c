// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include "dump_order.h"

static int eo_dump_cpu_seq_cmp(const void *a, const void *b)
{
	const struct eo_dump_item *x = a, *y = b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int eo_dump_order(struct eo_dump_item *items, size_t n)
{
	size_t runs = 0, i, r, best, *at, *end;
	struct eo_dump_item *out;

	qsort(items, n, sizeof(*items), eo_dump_cpu_seq_cmp);
	for (i = 0; i < n; i++)
		runs += !i || items[i].cpu != items[i - 1].cpu;
	at = calloc(runs + 1, sizeof(*at));
	end = calloc(runs + 1, sizeof(*end));
	out = calloc(n + 1, sizeof(*out));
	if (!at || !end || !out) {
		free(at);
		free(end);
		free(out);
		return -1;
	}
	for (i = 0, r = 0; i < n; i++) {
		if (i && items[i].cpu != items[i - 1].cpu)
			at[++r] = i;
		end[r] = i + 1;
	}
	/* a few CPUs' heads: the oldest of them next */
	for (i = 0; i < n; i++) {
		best = runs;
		for (r = 0; r < runs; r++)
			if (at[r] < end[r] &&
			    (best == runs || items[at[r]].time_ns < items[at[best]].time_ns))
				best = r;
		out[i] = items[at[best]++];
	}
	memcpy(items, out, n * sizeof(*items));
	free(at);
	free(end);
	free(out);
	return 0;
}
