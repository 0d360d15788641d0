/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Aggregated failure counters per (syscall, ABI, errno, process, comm), kept per CPU so the
 * hook updates them without atomics or locks. A full table counts an overflow.
 */
#ifndef _EO_COUNTS_H
#define _EO_COUNTS_H

#include "record.h"
#include "stats.h"

/* A slot of a CPU's table; a cache line each, so that slots are found by shifts. */
struct eo_count {
	struct eo_record_key key;
	u64 count;
	u32 seq;	/* 0: unused; odd: being rewritten */
} __aligned(64);

/* Sizes the tables; eo_counts_alloc() allocates them at the first arm. */
void eo_counts_init(unsigned int slots);
int eo_counts_alloc(void);
size_t eo_counts_bytes(void);
void eo_counts_uninit(void);
void eo_counts_add(const struct eo_record_key *k);
void eo_counts_stats(struct eo_stats *s);
unsigned int eo_counts_slots(void);
/* Copies slot @slot of @cpu's table into @out; false when that slot is unused. */
bool eo_counts_read(unsigned int cpu, unsigned int slot, struct eo_count *out);
/* Failures @cpu counted under keys that were since evicted from its full table. */
u64 eo_counts_evicted(unsigned int cpu);
/* Empties every table (and the evicted buckets); sleeps. */
int eo_counts_reset(void);

#endif /* _EO_COUNTS_H */
