/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Aggregated failure counters per (syscall, ABI, errno, process, comm), kept per CPU so the
 * hook updates them without atomics or locks. A full table counts an overflow.
 */
#ifndef _EO_COUNTS_H
#define _EO_COUNTS_H

#include <linux/percpu.h>
#include <linux/rcupdate.h>
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
void eo_counts_stats(struct eo_stats *s);
unsigned int eo_counts_slots(void);
/* Copies slot @slot of @cpu's table into @out; false when that slot is unused. */
bool eo_counts_read(unsigned int cpu, unsigned int slot, struct eo_count *out);
/* Failures @cpu counted under keys that were since evicted from its full table. */
u64 eo_counts_evicted(unsigned int cpu);
/* Empties every table (and the evicted buckets); sleeps. */
int eo_counts_reset(void);

/* What the hook's inline fast path below needs of counts.c */
struct eo_counts_cpu {
	/*
	 * The slot counted last (a storm repeats its key), valid while @mem is still the
	 * tables' address. After a reset it points into freed tables, but is then never
	 * read: @mem no longer matches. Tables are all of one size, so a later allocation at
	 * the same address still holds @last within this CPU's table.
	 */
	struct eo_count *last;
	struct eo_count *mem;
	u64 evictions;
	u64 evicted;		/* failures counted under keys since evicted */
};
DECLARE_PER_CPU(struct eo_counts_cpu, eo_counts_cpu);
extern struct eo_count __rcu *eo_counts_mem;	/* nr_cpu_ids tables, one after another */
void eo_counts_insert(struct eo_count *mem, const struct eo_record_key *k);

/* A storm repeats one key: compared as words, without branches or a byte loop. */
static __always_inline bool eo_count_key_eq(const struct eo_count *c,
					    const struct eo_record_key *k)
{
	const u64 *a = (const u64 *)&c->key, *b = (const u64 *)k;

	BUILD_BUG_ON(sizeof(*k) != 5 * sizeof(u64));
	return !((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) | (a[4] ^ b[4]));
}

/*
 * Counts one failure under @k, in the hook (preemption disabled: the RCU-sched read side of
 * the table pointer). Inline: most failures repeat the key this CPU counted last. An unused
 * slot (zeroed) never matches: a key's tgid is never 0.
 */
static __always_inline void eo_counts_add(const struct eo_record_key *k)
{
	struct eo_count *mem = rcu_dereference_sched(eo_counts_mem);
	struct eo_count *c = this_cpu_read(eo_counts_cpu.last);

	if (likely(this_cpu_read(eo_counts_cpu.mem) == mem && eo_count_key_eq(c, k))) {
		WRITE_ONCE(c->count, c->count + 1);
		return;
	}
	eo_counts_insert(mem, k);
}

#endif /* _EO_COUNTS_H */
