// SPDX-License-Identifier: GPL-2.0
/*
 * Single-producer single-consumer rings, one per CPU. The producer is the hook on that CPU
 * (preemption disabled); the consumer is one work item, which the workqueue never runs twice
 * at once. The producer wakes the consumer through irq_work, which is safe from any context.
 * The consumer runs a little later (EO_DRAIN_DELAY_MS) so that a burst costs one wake-up,
 * not one per event; a ring filling up past half asks for an immediate drain.
 * A ring slot points to a record buffer: the sink may keep a drained record by handing back
 * another buffer in its place (the recorder does), so that no record is copied.
 */
#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include "queue.h"

#define EO_DRAIN_BATCH 256
#define EO_DRAIN_DELAY_MS 2

DEFINE_PER_CPU_ALIGNED(struct eo_ring, eo_rings);
unsigned int eo_ring_mask;
/* allocated at the first arm, kept until unload */
static struct eo_record *eo_ring_mem;
static struct eo_record **eo_ring_slots;

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

/* The producer's slow part: the consumer asleep, or its ring half full. */
void notrace eo_queue_kick(struct eo_ring *r, u32 head)
{
	if (!READ_ONCE(r->kicked)) {
		WRITE_ONCE(r->kicked, true);
		irq_work_queue(&eo_drain_kick);
	} else if (head - READ_ONCE(r->tail) == (eo_ring_mask + 1) / 2) {
		WRITE_ONCE(eo_drain_urgent, true);
		irq_work_queue(&eo_drain_kick);
	}
}
NOKPROBE_SYMBOL(eo_queue_kick);

/* Returns true when the ring still has records after a full batch. */
static bool eo_drain_cpu(struct eo_ring *r, bool listened)
{
	unsigned int n = 0;
	u32 tail, head;

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
	eo_deliver_begin();
	while (tail != head && n++ < EO_DRAIN_BATCH) {
		/*
		 * Delivered in place: the producer cannot reuse the slot before tail moves,
		 * and sees a buffer the sink put in it by the release below.
		 */
		eo_deliver(&r->slots[tail & eo_ring_mask], listened);
		/* release: done with the slot before the producer may reuse it */
		smp_store_release(&r->tail, ++tail);
	}
	eo_deliver_end();
	return tail != head;
}

static void eo_drain_work_fn(struct work_struct *work)
{
	bool listened = eo_deliver_listened();
	bool again = false;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		again |= eo_drain_cpu(per_cpu_ptr(&eo_rings, cpu), listened);
		cond_resched();
	}
	if (again)
		queue_delayed_work(system_unbound_wq, &eo_drain_work, 0);
}

void eo_queue_init(unsigned int size)
{
	eo_ring_mask = roundup_pow_of_two(clamp(size, 16U, 1U << 20)) - 1;
}

static size_t eo_queue_nr_slots(void)
{
	return array_size(num_possible_cpus(), eo_ring_mask + 1);
}

int eo_queue_alloc(void)
{
	size_t n = eo_queue_nr_slots(), i;
	struct eo_record *mem, **slots;
	unsigned int cpu, k = 0;

	if (eo_ring_mem)
		return 0;
	mem = vzalloc(array_size(n, sizeof(*mem)));
	slots = vmalloc_array(n, sizeof(*slots));
	if (!mem || !slots) {
		vfree(mem);
		vfree(slots);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		slots[i] = &mem[i];
	for_each_possible_cpu(cpu)
		per_cpu_ptr(&eo_rings, cpu)->slots = slots + (size_t)(eo_ring_mask + 1) * k++;
	eo_ring_slots = slots;
	eo_ring_mem = mem;
	return 0;
}

size_t eo_queue_bytes(void)
{
	return eo_ring_mem ? eo_queue_nr_slots() * (sizeof(struct eo_record) + sizeof(void *)) : 0;
}

/* Call only once no hook can produce any more. */
void eo_queue_stop(void)
{
	irq_work_sync(&eo_drain_kick);
	cancel_delayed_work_sync(&eo_drain_work);
}

/* Call only once nothing reads a record any more: the recorder keeps some of these buffers. */
void eo_queue_uninit(void)
{
	vfree(eo_ring_slots);
	vfree(eo_ring_mem);
}

unsigned int eo_queue_size(void)
{
	return eo_ring_mask + 1;
}

void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s)
{
	struct eo_ring *r = per_cpu_ptr(&eo_rings, cpu);

	s->queued = READ_ONCE(r->queued);
	s->dropped = READ_ONCE(r->dropped);
}

void eo_queue_stats(struct eo_stats *s)
{
	struct eo_cpu_stats c;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		eo_queue_cpu_stats(cpu, &c);
		s->queued += c.queued;
		s->drop_queue_full += c.dropped;
	}
}
