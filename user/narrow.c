// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdlib.h>
#include "narrow.h"

#define EO_NARROW_MAX_DEPTH 64

struct eo_narrow_ctx {
	uint32_t max_hits;
};

/* The hot ones last; each group nearest the failure first. */
static int eo_narrow_cmp(const void *a, const void *b, void *arg)
{
	const struct eo_narrow_ctx *c = arg;
	const struct eo_func *x = a, *y = b;
	int xhot = x->hits > c->max_hits, yhot = y->hits > c->max_hits;

	if (xhot != yhot)
		return xhot - yhot;
	return x->last > y->last ? -1 : x->last < y->last;
}

static struct eo_func *eo_narrow_caller(struct eo_func *items, size_t n, const struct eo_func *f)
{
	size_t i;

	for (i = 0; f->parent_sym && i < n; i++)
		if (items[i].sym == f->parent_sym && &items[i] != f)
			return &items[i];
	return NULL;
}

void eo_narrow(struct eo_func *items, size_t n, const struct eo_narrow_limits *lim,
	       struct eo_narrow_result *res)
{
	struct eo_narrow_ctx c = { .max_hits = lim->max_hits ? lim->max_hits : UINT32_MAX };
	size_t i, ok = 0, depth, kept;
	struct eo_func *f, *sorted;
	bool *keep;

	/* rank: eligible ones nearest the failure first */
	qsort_r(items, n, sizeof(*items), eo_narrow_cmp, &c);
	for (i = 0; i < n; i++)
		if (items[i].hits <= c.max_hits)
			ok++;
	res->hot = n - ok;
	res->kept = lim->max_funcs && ok > lim->max_funcs ? lim->max_funcs : ok;
	res->capped = ok - res->kept;
	res->callers = 0;
	keep = calloc(n ? n : 1, sizeof(*keep));
	sorted = malloc((n ? n : 1) * sizeof(*sorted));
	if (!keep || !sorted) {
		free(keep);
		free(sorted);
		return;		/* the plain ranking stands */
	}
	for (i = 0; i < res->kept; i++)
		keep[i] = true;
	/* whole chains: callers of what is kept, if they are eligible */
	for (i = 0; i < res->kept; i++)
		for (f = &items[i], depth = 0; depth < EO_NARROW_MAX_DEPTH; depth++) {
			f = eo_narrow_caller(items, n, f);
			if (!f || f->hits > c.max_hits)
				break;
			if (!keep[f - items]) {
				keep[f - items] = true;
				res->callers++;
			}
		}
	/* kept first, keeping the ranking inside each group */
	for (i = kept = 0; i < n; i++)
		if (keep[i])
			sorted[kept++] = items[i];
	for (i = 0; i < n; i++)
		if (!keep[i])
			sorted[kept++] = items[i];
	for (i = 0; i < n; i++)
		items[i] = sorted[i];
	res->kept += res->callers;
	res->capped -= res->callers;
	free(keep);
	free(sorted);
}
