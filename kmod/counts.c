// SPDX-License-Identifier: GPL-2.0
/*
 * Open-addressing tables, one per CPU, written only by the hook on that CPU with preemption
 * disabled. A slot is published with a release store of 'used' after its key is written, so
 * a concurrent reader sees a complete key; counts are read as whole u64s.
 */
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "counts.h"

#define EO_COUNTS_PROBE 16

static struct eo_count *eo_counts_mem;
static unsigned int eo_counts_mask;
static DEFINE_PER_CPU(u64, eo_counts_overflow);

static inline bool eo_count_key_eq(const struct eo_count *c, const struct eo_count_key *k)
{
	return c->nr == k->nr && c->err == k->err && c->tgid == k->tgid && c->abi == k->abi &&
	       c->origin == k->origin && !memcmp(c->comm, k->comm, EO_COMM_LEN);
}

void notrace eo_counts_add(const struct eo_count_key *k)
{
	struct eo_count *table = eo_counts_mem +
				 (size_t)smp_processor_id() * (eo_counts_mask + 1);
	u32 h = hash_32(k->nr ^ ((u32)k->err << 10) ^ (k->abi << 22), 32) ^
		hash_32(k->tgid, 32) ^ hash_64(k->origin, 32);
	unsigned int i;

	for (i = 0; i < EO_COUNTS_PROBE; i++) {
		struct eo_count *c = &table[(h + i) & eo_counts_mask];

		if (!c->used) {
			c->nr = k->nr;
			c->err = k->err;
			c->tgid = k->tgid;
			c->abi = k->abi;
			c->origin = k->origin;
			memcpy(c->comm, k->comm, EO_COMM_LEN);
			WRITE_ONCE(c->count, 1);
			/* publish the key: pairs with the acquire in eo_counts_read() */
			smp_store_release(&c->used, 1);
			return;
		}
		if (eo_count_key_eq(c, k)) {
			WRITE_ONCE(c->count, c->count + 1);
			return;
		}
	}
	this_cpu_inc(eo_counts_overflow);
}

bool eo_counts_read(unsigned int cpu, unsigned int slot, struct eo_count *out)
{
	const struct eo_count *c = eo_counts_mem + (size_t)cpu * (eo_counts_mask + 1) + slot;

	/* pairs with the release in eo_counts_add(): the key is complete */
	if (!smp_load_acquire(&c->used))
		return false;
	*out = *c;
	out->count = READ_ONCE(c->count);
	return true;
}

unsigned int eo_counts_slots(void)
{
	return eo_counts_mask + 1;
}

void eo_counts_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		s->counts_overflow += per_cpu(eo_counts_overflow, cpu);
}

int eo_counts_init(unsigned int slots)
{
	slots = roundup_pow_of_two(clamp(slots, 64U, 1U << 20));
	/* indexed by smp_processor_id(), so sized by nr_cpu_ids */
	eo_counts_mem = vzalloc(array3_size(nr_cpu_ids, slots, sizeof(struct eo_count)));
	if (!eo_counts_mem)
		return -ENOMEM;
	eo_counts_mask = slots - 1;
	return 0;
}

void eo_counts_uninit(void)
{
	vfree(eo_counts_mem);
}
