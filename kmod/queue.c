// SPDX-License-Identifier: GPL-2.0
/*
 * Single-producer single-consumer rings, one per CPU. The producer is the hook on that CPU
 * (preemption disabled); the consumer is one work item, which the workqueue never runs twice
 * at once. The producer wakes the consumer through irq_work, which is safe from any context.
 * The consumer runs a little later (EO_DRAIN_DELAY_MS) so that a burst costs one wake-up,
 * not one per event; a queue filling up past half asks for an immediate drain.
 * While nobody listens the rings are not drained at all (queue.h); the worker that finds
 * nobody listening any more ends the live mode.
 */
#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include "alloc.h"
#include "queue.h"

#define EO_DRAIN_BATCH 256
#define EO_DRAIN_DELAY_MS 2

DEFINE_PER_CPU_ALIGNED(struct eo_ring, eo_rings);
unsigned int eo_ring_mask;
unsigned int eo_queue_limit;
bool eo_queue_live __read_mostly = !EO_GENL_HAS_BIND;
/* the worker's passes and the switch to live mode: who writes the tails */
static DEFINE_MUTEX(eo_drain_mutex);
/* when a client last joined: it is a member of the group only after eo_queue_listen() */
static unsigned long eo_queue_joined;
/* allocated at the first arm, kept until unload */
static struct eo_record *eo_ring_mem;

static void eo_drain_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(eo_drain_work, eo_drain_work_fn);
static bool eo_drain_urgent;

static void eo_drain_kick_fn(struct irq_work *w)
{
	if (READ_ONCE(eo_drain_urgent)) {
		WRITE_ONCE(eo_drain_urgent, false);
		mod_delayed_work(system_unbound_wq, &eo_drain_work, 0);
	} else {
		queue_delayed_work(system_unbound_wq, &eo_drain_work,
				   msecs_to_jiffies(EO_DRAIN_DELAY_MS));
	}
}

static DEFINE_IRQ_WORK(eo_drain_kick, eo_drain_kick_fn);

/* The producer's slow part: the consumer asleep, or its queue half full. */
void notrace eo_queue_kick(struct eo_ring *r, unsigned long head)
{
	if (!READ_ONCE(r->kicked)) {
		WRITE_ONCE(r->kicked, true);
		irq_work_queue(&eo_drain_kick);
	} else if (head - READ_ONCE(r->tail) == eo_queue_limit / 2) {
		WRITE_ONCE(eo_drain_urgent, true);
		irq_work_queue(&eo_drain_kick);
	}
}
NOKPROBE_SYMBOL(eo_queue_kick);

/* Returns true when the ring still has records after a full batch. */
static bool eo_drain_cpu(unsigned int cpu, bool listened)
{
	struct eo_ring *r = per_cpu_ptr(&eo_rings, cpu);
	unsigned int n = 0;
	unsigned long tail, head;

	/* no write to a line the producer reads when there is nothing to clear */
	if (READ_ONCE(r->kicked))
		WRITE_ONCE(r->kicked, false);
	/* pairs with the barrier in eo_queue_commit(): see its record or get kicked again */
	smp_mb();
	tail = r->tail;
	/* acquire: pairs with the producer's release of head */
	head = smp_load_acquire(&r->head);
	if (tail == head)
		return false;
	if (!listened) {
		/* the records stay in their slots for dumps; the producer may reuse them */
		smp_store_release(&r->tail, head);
		return false;
	}
	while (tail != head && n++ < EO_DRAIN_BATCH) {
		/* the producer cannot reuse the slot before tail moves past it */
		struct eo_record *rec = &r->recs[tail & eo_ring_mask];

		rec->cpu = cpu;
		eo_deliver(rec);
		/* release: done with the slot before the producer may reuse it */
		smp_store_release(&r->tail, ++tail);
	}
	return tail != head;
}

static void eo_drain_work_fn(struct work_struct *work)
{
	bool listened, again = false;
	unsigned int cpu;

	mutex_lock(&eo_drain_mutex);
	listened = eo_deliver_listened();
	/* the last client left (one that is still joining has had a second to become a member) */
	if (EO_GENL_HAS_BIND && !listened && READ_ONCE(eo_queue_live) &&
	    time_after(jiffies, READ_ONCE(eo_queue_joined) + HZ))
		WRITE_ONCE(eo_queue_live, false);
	for_each_possible_cpu(cpu) {
		again |= eo_drain_cpu(cpu, listened);
		cond_resched();
	}
	mutex_unlock(&eo_drain_mutex);
	if (again)
		queue_delayed_work(system_unbound_wq, &eo_drain_work, 0);
}

void eo_queue_listen(void)
{
	struct eo_ring *r;
	unsigned long head;
	unsigned int cpu;

	mutex_lock(&eo_drain_mutex);
	WRITE_ONCE(eo_queue_joined, jiffies);
	if (READ_ONCE(eo_queue_live))
		goto out;
	/* what the rings hold is older than the client: it gets what comes next */
	for_each_possible_cpu(cpu) {
		r = per_cpu_ptr(&eo_rings, cpu);
		smp_store_release(&r->tail, READ_ONCE(r->head));
	}
	WRITE_ONCE(eo_queue_live, true);
	/* every hook running now ends: all later ones check for room and wake the worker */
	synchronize_rcu();
	/*
	 * Hooks that had not seen it yet wrote without checking for room: more than a ring
	 * (a storm during the wait) overwrote the oldest of what the client should get. The
	 * queue resumes past them; they count as dropped, not as queued.
	 */
	for_each_possible_cpu(cpu) {
		r = per_cpu_ptr(&eo_rings, cpu);
		head = smp_load_acquire(&r->head);
		if (head - r->tail > eo_ring_mask + 1) {
			WRITE_ONCE(r->skipped, r->skipped + head - (eo_ring_mask + 1) - r->tail);
			smp_store_release(&r->tail, head - (eo_ring_mask + 1));
		}
	}
out:
	mutex_unlock(&eo_drain_mutex);
}

void eo_queue_init(unsigned int queue, unsigned int history)
{
	unsigned int cpus = num_possible_cpus(), slots;

	eo_queue_limit = roundup_pow_of_two(clamp(queue, 16U, 1U << 20));
	slots = clamp(DIV_ROUND_UP(clamp(history, 1U, 1U << 24), cpus), eo_queue_limit, 1U << 20);
	eo_ring_mask = roundup_pow_of_two(slots) - 1;
}

static size_t eo_queue_nr_slots(void)
{
	return array_size(num_possible_cpus(), eo_ring_mask + 1);
}

int eo_queue_alloc(void)
{
	struct eo_record *mem;
	unsigned int cpu, k = 0;

	if (eo_ring_mem)
		return 0;
	mem = eo_vzalloc(array_size(eo_queue_nr_slots(), sizeof(*mem)));
	if (!mem)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		per_cpu_ptr(&eo_rings, cpu)->recs = mem + (size_t)(eo_ring_mask + 1) * k++;
	/* dumps look for the rings only once they are in place */
	smp_store_release(&eo_ring_mem, mem);
	return 0;
}

size_t eo_queue_bytes(void)
{
	return eo_ring_mem ? eo_queue_nr_slots() * sizeof(struct eo_record) : 0;
}

/* Call only once no hook can produce any more. */
void eo_queue_stop(void)
{
	irq_work_sync(&eo_drain_kick);
	cancel_delayed_work_sync(&eo_drain_work);
}

/* Call only once nothing reads a record any more. */
void eo_queue_uninit(void)
{
	vfree(eo_ring_mem);
}

bool eo_queue_read(unsigned int cpu, unsigned long *pos, struct eo_record *out)
{
	struct eo_ring *r = per_cpu_ptr(&eo_rings, cpu);
	unsigned long head, first, at;
	const struct eo_record *rec;

	if (!smp_load_acquire(&eo_ring_mem))
		return false;
	/* acquire: pairs with the producer's release: the records before head are complete */
	head = smp_load_acquire(&r->head);
	first = head > eo_ring_mask + 1 ? head - (eo_ring_mask + 1) : 0;
	for (at = max(*pos, first); at < head; at++) {
		rec = &r->recs[at & eo_ring_mask];
		if (READ_ONCE(rec->pos) != at)
			continue;	/* already overwritten */
		smp_rmb();	/* pairs with eo_queue_reserve(): the position before the fields */
		eo_record_copy(out, rec);
		smp_rmb();
		if (READ_ONCE(rec->pos) != at)
			continue;	/* overwritten while we copied */
		out->cpu = cpu;
		*pos = at + 1;
		return true;
	}
	*pos = head;
	return false;
}

unsigned int eo_queue_size(void)
{
	return eo_queue_limit;
}

unsigned int eo_queue_history(void)
{
	return eo_queue_nr_slots();
}

void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s)
{
	struct eo_ring *r = per_cpu_ptr(&eo_rings, cpu);
	u64 skipped = READ_ONCE(r->skipped);

	s->queued = READ_ONCE(r->head) - skipped;
	s->dropped = READ_ONCE(r->dropped) + skipped;
}

void eo_queue_stats(struct eo_stats *s)
{
	struct eo_cpu_stats c;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		eo_queue_cpu_stats(cpu, &c);
		s->queued += c.queued;
		s->drop_queue_full += c.dropped;
		/* every record written is kept until the ring comes round to it */
		s->recorded += READ_ONCE(per_cpu_ptr(&eo_rings, cpu)->head);
	}
}
