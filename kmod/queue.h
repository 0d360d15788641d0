/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU rings between the hooks and the delivery worker, which are also the flight
 * recorder. Producers run in hook context with preemption disabled, never sleep and never
 * allocate. While a client listens ("live"), a ring is a queue: at most eo_queue_limit
 * records wait for the worker, which sends them; a full queue drops, counted. While nobody
 * does, the producers only write: no room check, no wake-up, no worker; each record stays
 * in its slot until the ring comes round to it again. Dumps read the slots in both modes.
 * Kernels whose generic netlink cannot tell when a client joins stay live.
 */
#ifndef _EO_QUEUE_H
#define _EO_QUEUE_H

#include <linux/percpu.h>
#include "record.h"
#include "stats.h"

/* The producer's fields and the consumer's on lines of their own. */
struct eo_ring {
	unsigned long head;	/* written by the producer: records committed, ever */
	u64 dropped;
	struct eo_record *recs;
	unsigned long tail ____cacheline_aligned_in_smp;	/* written by the consumer */
	bool kicked;		/* consumer wake-up pending */
	u64 skipped;		/* overwritten before a joining client got them (queue.c) */
};

DECLARE_PER_CPU_ALIGNED(struct eo_ring, eo_rings);
extern unsigned int eo_ring_mask;	/* slots of a ring, less one */
extern unsigned int eo_queue_limit;	/* records waiting for the worker, at most */
extern bool eo_queue_live;		/* a client listens: queue and wake the worker */
void eo_queue_kick(struct eo_ring *r, unsigned long head);

/*
 * Sizes the rings: @queue records may wait for the worker on each CPU, @history records
 * are kept in all (at least @queue a CPU). eo_queue_alloc() allocates them at the first arm.
 */
void eo_queue_init(unsigned int queue, unsigned int history);
int eo_queue_alloc(void);
size_t eo_queue_bytes(void);
/*
 * A client joins the events group (process context, before it is a member): makes the
 * rings live, from their heads on, and returns once every hook queues.
 */
void eo_queue_listen(void);
/* Stops the worker; call once no hook can produce any more. */
void eo_queue_stop(void);
/* Frees the rings; call once no reader (a dump) is left. */
void eo_queue_uninit(void);

/*
 * The producer, inline in the hook. First: whether this CPU's queue is full, a drop (counted);
 * only while a client listens.
 */
static __always_inline bool eo_queue_full(void)
{
	struct eo_ring *r = this_cpu_ptr(&eo_rings);

	/* acquire: the consumer is done with the slot before we overwrite it */
	if (READ_ONCE(eo_queue_live) &&
	    unlikely(r->head - smp_load_acquire(&r->tail) >= eo_queue_limit)) {
		r->dropped++;
		return true;
	}
	return false;
}

/*
 * Then, unless it was: the next record of the ring. The slot's position changes first, so
 * that a dump copying the record it held sees the change and drops its copy.
 */
static __always_inline struct eo_record *eo_queue_reserve(void)
{
	struct eo_ring *r = this_cpu_ptr(&eo_rings);
	unsigned long head = r->head;
	struct eo_record *rec = &r->recs[head & eo_ring_mask];

	WRITE_ONCE(rec->pos, head);
	smp_wmb();	/* pairs with eo_queue_read(): the new position before any field */
	return rec;
}

/* Publishes the record eo_queue_reserve() gave; wakes the consumer when it must. */
static __always_inline void eo_queue_commit(void)
{
	struct eo_ring *r = this_cpu_ptr(&eo_rings);
	unsigned long head = r->head + 1;

	/* release: the record is complete before the consumer or a dump can see it */
	smp_store_release(&r->head, head);
	if (!READ_ONCE(eo_queue_live))
		return;
	/* Pairs with the barrier in eo_drain_cpu(): either it sees the record or we kick. */
	smp_mb();
	if (unlikely(!READ_ONCE(r->kicked) ||
		     head - READ_ONCE(r->tail) == eo_queue_limit / 2))
		eo_queue_kick(r, head);
}

/*
 * A dump's read of @cpu's ring: copies the oldest record kept at position *@pos or later
 * into @out and sets *@pos past it; false when there is none. Records the producer
 * overwrites meanwhile are skipped. *@pos = 0 starts at the oldest kept.
 */
bool eo_queue_read(unsigned int cpu, unsigned long *pos, struct eo_record *out);
void eo_queue_stats(struct eo_stats *s);
void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s);
unsigned int eo_queue_size(void);
/* Records kept for dumps, in all rings together. */
unsigned int eo_queue_history(void);

/*
 * The sink, called by the worker while anybody listens: eo_deliver() for every queued
 * record, in capture order per CPU.
 */
bool eo_deliver_listened(void);
void eo_deliver(const struct eo_record *rec);

#endif /* _EO_QUEUE_H */
