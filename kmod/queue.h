/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU event queues between the hooks and the delivery worker. Producers run in hook
 * context with preemption disabled, never sleep and never allocate; a full queue counts a
 * drop. A worker drains every CPU's queue in process context.
 */
#ifndef _EO_QUEUE_H
#define _EO_QUEUE_H

#include <linux/percpu.h>
#include "record.h"
#include "stats.h"

/* The producer's fields and the consumer's on lines of their own. */
struct eo_ring {
	u32 head;		/* written by the producer */
	u64 queued;
	u64 dropped;
	struct eo_record **slots;
	u32 tail ____cacheline_aligned_in_smp;	/* written by the consumer */
	bool kicked;		/* consumer wake-up pending */
};

DECLARE_PER_CPU_ALIGNED(struct eo_ring, eo_rings);
extern unsigned int eo_ring_mask;
void eo_queue_kick(struct eo_ring *r, u32 head);

/* Sizes the rings; they are allocated by eo_queue_alloc() at the first arm. */
void eo_queue_init(unsigned int size);
int eo_queue_alloc(void);
size_t eo_queue_bytes(void);
/* Stops the worker; call once no hook can produce any more. */
void eo_queue_stop(void);
/* Frees the record buffers; call once no reader (the recorder's dumps) is left. */
void eo_queue_uninit(void);

/*
 * The producer, inline in the hook: the next free record of this CPU's ring, or NULL (a
 * drop, counted) when the consumer has not freed one yet.
 */
static __always_inline struct eo_record *eo_queue_reserve(void)
{
	struct eo_ring *r = this_cpu_ptr(&eo_rings);
	u32 head = r->head;

	/* acquire: the consumer is done with the slot before we overwrite it */
	if (head - smp_load_acquire(&r->tail) > eo_ring_mask) {
		r->dropped++;
		return NULL;
	}
	return r->slots[head & eo_ring_mask];
}

/* Publishes the record eo_queue_reserve() gave; wakes the consumer when it must. */
static __always_inline void eo_queue_commit(void)
{
	struct eo_ring *r = this_cpu_ptr(&eo_rings);
	u32 head = r->head + 1;

	r->queued++;
	/* release: the record is complete before the consumer can see it */
	smp_store_release(&r->head, head);
	/* Pairs with the barrier in eo_drain_cpu(): either it sees the record or we kick. */
	smp_mb();
	if (unlikely(!READ_ONCE(r->kicked) ||
		     head - READ_ONCE(r->tail) == (eo_ring_mask + 1) / 2))
		eo_queue_kick(r, head);
}
void eo_queue_stats(struct eo_stats *s);
void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s);
unsigned int eo_queue_size(void);

/*
 * The sink, called by the worker: eo_deliver() for every drained record, in capture order
 * per CPU, with what eo_deliver_listened() said once for the whole pass, a batch of them
 * between eo_deliver_begin() and eo_deliver_end(). The sink may keep *@slot's buffer by
 * putting another one of the same size in its place.
 */
bool eo_deliver_listened(void);
void eo_deliver_begin(void);
void eo_deliver(struct eo_record **slot, bool listened);
void eo_deliver_end(void);

#endif /* _EO_QUEUE_H */
