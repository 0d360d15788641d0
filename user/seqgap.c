// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include "seqgap.h"

/* beyond any machine's CPU count: an event naming such a CPU is not tracked */
#define EO_SEQGAP_MAX_CPUS 65536

uint64_t eo_seqgap_check(struct eo_seqgap *g, unsigned int cpu, uint64_t seq)
{
	uint64_t lost = 0, *last;

	if (cpu >= EO_SEQGAP_MAX_CPUS)
		return 0;
	if (cpu >= g->n) {
		unsigned int n = cpu + 1 > 2 * g->n ? cpu + 1 : 2 * g->n;

		last = realloc(g->last, n * sizeof(*last));
		if (!last)
			return 0;
		memset(last + g->n, 0, (n - g->n) * sizeof(*last));
		g->last = last;
		g->n = n;
	}
	last = &g->last[cpu];
	if (*last && seq > *last + 1)
		lost = seq - *last - 1;
	if (seq > *last)
		*last = seq;
	return lost;
}

void eo_seqgap_free(struct eo_seqgap *g)
{
	free(g->last);
	g->last = NULL;
	g->n = 0;
}
