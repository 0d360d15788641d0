// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <stdlib.h>
#include "narrow.h"

/* Kept before left out; then nearest the failure (latest last entry) first. */
static int eo_narrow_cmp(const void *a, const void *b, void *arg)
{
	const struct eo_func *x = a, *y = b;
	uint32_t max_hits = *(const uint32_t *)arg;
	int xhot = x->hits > max_hits, yhot = y->hits > max_hits;

	if (xhot != yhot)
		return xhot - yhot;
	return x->last > y->last ? -1 : x->last < y->last;
}

void eo_narrow(struct eo_func *items, size_t n, const struct eo_narrow_limits *lim,
	       struct eo_narrow_result *res)
{
	uint32_t max_hits = lim->max_hits ? lim->max_hits : UINT32_MAX;
	size_t i, ok = 0;

	qsort_r(items, n, sizeof(*items), eo_narrow_cmp, &max_hits);
	for (i = 0; i < n; i++)
		if (items[i].hits <= max_hits)
			ok++;
	res->hot = n - ok;
	res->kept = lim->max_funcs && ok > lim->max_funcs ? lim->max_funcs : ok;
	res->capped = ok - res->kept;
}
