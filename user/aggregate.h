/* SPDX-License-Identifier: GPL-2.0 */
/* Merges the module's per-CPU counters into one count per key and sorts them (pure). */
#ifndef EO_AGGREGATE_H
#define EO_AGGREGATE_H

#include <stddef.h>
#include "event.h"

struct eo_aggregate {
	struct eo_count *items;
	size_t n, cap;
};

int eo_aggregate_add(struct eo_aggregate *agg, const struct eo_count *c);
/* Largest count first; ties by syscall number, errno, pid. */
void eo_aggregate_sort(struct eo_aggregate *agg);
void eo_aggregate_free(struct eo_aggregate *agg);

#endif
