// SPDX-License-Identifier: GPL-2.0
/*
 * Open-addressing tables, one per CPU, written only by the hook on that CPU with preemption
 * disabled. Each slot has a sequence (odd while its key is rewritten, 0 while unused) so that
 * readers on other CPUs take only consistent copies. A full probe window evicts its least
 * counted key; the evicted count moves to the CPU's evicted bucket, so the tables never
 * freeze and the totals stay exact. RESET_COUNTS swaps in empty tables.
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "alloc.h"
#include "counts.h"

#define EO_COUNTS_PROBE 16

struct eo_count __rcu *eo_counts_mem;
static unsigned int eo_counts_mask;
static unsigned int eo_counts_order;
DEFINE_PER_CPU(struct eo_counts_cpu, eo_counts_cpu);
/* what eo_counts_cpu.last points at before a CPU counted anything: matches no key */
static struct eo_count eo_counts_none;

static void notrace eo_count_write(struct eo_count *c, const struct eo_record_key *k)
{
	u32 seq = c->seq;

	WRITE_ONCE(c->seq, seq + 1);
	smp_wmb();	/* odd before the key changes: pairs with eo_counts_read() */
	c->key = *k;
	WRITE_ONCE(c->count, 1);
	smp_wmb();	/* the key complete before it is even again */
	WRITE_ONCE(c->seq, seq + 2);
}
NOKPROBE_SYMBOL(eo_count_write);

/*
 * A key other than the one this CPU counted last, or the first count into new tables: found,
 * added or evicting another.
 */
noinline void notrace eo_counts_insert(struct eo_count *mem, const struct eo_record_key *k)
{
	struct eo_counts_cpu *cc = this_cpu_ptr(&eo_counts_cpu);
	struct eo_count *table, *c, *victim = NULL;
	unsigned int i, slot;
	u32 h;

	if (unlikely(!mem))
		return;
	table = mem + ((size_t)smp_processor_id() << eo_counts_order);
	cc->mem = mem;

	h = hash_32(k->nr ^ (k->err << 10) ^ (k->abi << 22), 32) ^
	    hash_32(k->tgid, 32) ^ hash_64(k->origin, 32);
	for (i = 0; i < EO_COUNTS_PROBE; i++) {
		slot = (h + i) & eo_counts_mask;
		c = &table[slot];
		if (!c->seq) {
			eo_count_write(c, k);
			cc->last = c;
			return;
		}
		if (eo_count_key_eq(c, k)) {
			WRITE_ONCE(c->count, c->count + 1);
			cc->last = c;
			return;
		}
		if (!victim || c->count < victim->count)
			victim = c;
	}
	cc->evictions++;
	cc->evicted += victim->count;
	cc->last = victim;
	eo_count_write(victim, k);
}
NOKPROBE_SYMBOL(eo_counts_insert);

bool eo_counts_read(unsigned int cpu, unsigned int slot, struct eo_count *out)
{
	const struct eo_count *mem, *c;
	bool found = false;
	u32 seq;

	rcu_read_lock_sched();
	mem = rcu_dereference_sched(eo_counts_mem);
	if (!mem)
		goto out;
	c = mem + ((size_t)cpu << eo_counts_order) + slot;
	do {
		seq = READ_ONCE(c->seq);
		if (!seq)
			goto out;
		smp_rmb();	/* pairs with the writes in eo_count_write() */
		*out = *c;
		out->count = READ_ONCE(c->count);
		smp_rmb();
	} while ((seq & 1) || READ_ONCE(c->seq) != seq);
	found = true;
out:
	rcu_read_unlock_sched();
	return found;
}

u64 eo_counts_evicted(unsigned int cpu)
{
	return READ_ONCE(per_cpu_ptr(&eo_counts_cpu, cpu)->evicted);
}

unsigned int eo_counts_slots(void)
{
	return eo_counts_mask + 1;
}

void eo_counts_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		s->counts_overflow += READ_ONCE(per_cpu_ptr(&eo_counts_cpu, cpu)->evictions);
}

void eo_counts_init(unsigned int slots)
{
	unsigned int cpu;

	eo_counts_mask = roundup_pow_of_two(clamp(slots, 64U, 1U << 20)) - 1;
	eo_counts_order = ilog2(eo_counts_mask + 1);
	for_each_possible_cpu(cpu)
		per_cpu_ptr(&eo_counts_cpu, cpu)->last = &eo_counts_none;
}

/* indexed by smp_processor_id(), so sized by nr_cpu_ids */
static size_t eo_counts_mem_size(void)
{
	return array3_size(nr_cpu_ids, eo_counts_mask + 1, sizeof(struct eo_count));
}

int eo_counts_alloc(void)
{
	struct eo_count *mem;

	if (rcu_access_pointer(eo_counts_mem))
		return 0;
	mem = eo_vzalloc(eo_counts_mem_size());
	if (!mem)
		return -ENOMEM;
	rcu_assign_pointer(eo_counts_mem, mem);
	return 0;
}

/* Serialised with eo_counts_alloc() by the caller (control). */
int eo_counts_reset(void)
{
	struct eo_count *mem, *old;
	unsigned int cpu;

	if (!rcu_access_pointer(eo_counts_mem))
		return 0;
	mem = eo_vzalloc(eo_counts_mem_size());
	if (!mem)
		return -ENOMEM;
	old = rcu_replace_pointer(eo_counts_mem, mem, true);
	synchronize_rcu();	/* no hook or reader is in the old tables */
	vfree(old);
	/* a hook may add to a bucket while it is zeroed: counted in the old epoch, so be it */
	for_each_possible_cpu(cpu) {
		struct eo_counts_cpu *c = per_cpu_ptr(&eo_counts_cpu, cpu);

		WRITE_ONCE(c->evicted, 0);
		WRITE_ONCE(c->evictions, 0);
	}
	return 0;
}

size_t eo_counts_bytes(void)
{
	return rcu_access_pointer(eo_counts_mem) ? eo_counts_mem_size() : 0;
}

void eo_counts_uninit(void)
{
	vfree(rcu_access_pointer(eo_counts_mem));
}
