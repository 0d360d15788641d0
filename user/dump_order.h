/* SPDX-License-Identifier: GPL-2.0 */
/* The flight recorder's records in time order, each CPU's in capture order. Pure. */
#ifndef EO_DUMP_ORDER_H
#define EO_DUMP_ORDER_H

#include <stddef.h>
#include <stdint.h>

struct eo_dump_item {
	uint64_t time_ns;
	uint32_t cpu;
	uint64_t seq;
	void *attr;		/* the caller's */
};

/*
 * Sorts @items oldest first. Each record's time is converted when it is read, against a
 * reference taken then, so two close records of one CPU may come out a few ns out of
 * order: within a CPU the sequence decides, and the CPUs' runs are merged by time.
 * Returns 0, or -1 without memory (then @items are sorted by CPU and sequence only).
 */
int eo_dump_order(struct eo_dump_item *items, size_t n);

#endif
