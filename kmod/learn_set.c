// SPDX-License-Identifier: GPL-2.0
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/log2.h>
#include <linux/vmalloc.h>
#include "alloc.h"
#include "learn_ret.h"
#include "learn_set.h"

/* linear probing in a table at most half full finds a place within a few loads */
#define EO_LEARN_PROBE 32

struct eo_learn_owners eo_learn_owner;
atomic_t eo_learn_busy ____cacheline_aligned_in_smp;
struct eo_learn_slot eo_learn_slots[EO_LEARN_SLOTS];
struct eo_learn_pair eo_learn_pairs[EO_LEARN_PAIRS];
static u32 eo_learn_max;
static unsigned int eo_learn_bits;
static struct irq_work eo_learn_kick;

void eo_learn_set_init(void (*kick)(struct irq_work *))
{
	init_irq_work(&eo_learn_kick, kick);
}

int eo_learn_set_alloc(u32 max)
{
	unsigned int i, bits = ilog2(roundup_pow_of_two(max)) + 1;

	if (eo_learn_slots[0].tab && bits == eo_learn_bits) {
		eo_learn_max = max;
		return 0;
	}
	eo_learn_set_free();
	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		eo_learn_slots[i].tab = eo_vzalloc(array_size(1UL << bits,
							      sizeof(struct eo_learn_entry)));
		if (!eo_learn_slots[i].tab) {
			eo_learn_set_free();
			return -ENOMEM;
		}
		eo_learn_slots[i].gen = 1;
	}
	atomic_set(&eo_learn_busy, 0);
	eo_learn_bits = bits;
	eo_learn_max = max;
	return 0;
}

void eo_learn_set_free(void)
{
	unsigned int i;

	irq_work_sync(&eo_learn_kick);
	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		vfree(eo_learn_slots[i].tab);
		memset(&eo_learn_slots[i], 0, sizeof(eo_learn_slots[i]));
		eo_learn_owner.task[i] = NULL;
	}
	atomic_set(&eo_learn_busy, 0);
	eo_learn_bits = 0;
}

void eo_learn_set_reset(void)
{
	unsigned int i;

	for (i = 0; i < EO_LEARN_SLOTS; i++)
		WRITE_ONCE(eo_learn_owner.task[i], NULL);
	atomic_set(&eo_learn_busy, 0);
}

/*
 * A learned pair hands over: until its narrowed set is armed, its calls are still followed
 * where returns are (their failures keep coming with their origin); entries alone would
 * record a set nobody takes.
 */
static __always_inline bool eo_learn_following(u8 phase)
{
	return phase == EO_PHASE_LEARNING || (eo_learn_ret_follows() && phase == EO_PHASE_LEARNED);
}

static bool notrace eo_learn_wanted(unsigned int nr, u8 abi)
{
	unsigned int i;

	for (i = 0; i < EO_LEARN_PAIRS; i++) {
		const struct eo_learn_pair *p = &eo_learn_pairs[i];

		/* pairs with eo_learn_start()'s release: the key is valid */
		if (eo_learn_following(smp_load_acquire(&p->phase)) && p->nr == nr &&
		    p->abi == abi)
			return true;
	}
	return false;
}
NOKPROBE_SYMBOL(eo_learn_wanted);

/*
 * A slot held past EO_LEARN_SLOT_HOLD, taken over. Its old owner finds no slot at its next
 * function or return and stops recording; if it is running meanwhile (a long call, not a
 * sleeper), a function it was recording just then may land in the new set: data, never
 * memory, since the table stays.
 */
static notrace struct eo_learn_slot *eo_learn_take_over(void)
{
	struct task_struct *old;
	unsigned int i;

	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		old = READ_ONCE(eo_learn_owner.task[i]);
		if (old && old != EO_LEARN_HELD &&
		    time_after(jiffies, READ_ONCE(eo_learn_owner.since[i]) + EO_LEARN_SLOT_HOLD) &&
		    cmpxchg(&eo_learn_owner.task[i], old, current) == old)
			return &eo_learn_slots[i];
	}
	return NULL;
}
NOKPROBE_SYMBOL(eo_learn_take_over);

notrace struct eo_learn_slot *eo_learn_begin(unsigned int nr, u8 abi)
{
	struct eo_learn_slot *s;
	unsigned int i;

	if (!eo_learn_wanted(nr, abi))
		return NULL;
	/* a return the hook never saw (unregistered meanwhile) left current's slot taken */
	s = eo_learn_slot_of(current);
	for (i = 0; !s && i < EO_LEARN_SLOTS; i++)
		if (!READ_ONCE(eo_learn_owner.task[i]) &&
		    !cmpxchg(&eo_learn_owner.task[i], NULL, current)) {
			/* before the first function this task enters from here on */
			atomic_inc(&eo_learn_busy);
			s = &eo_learn_slots[i];
		}
	if (!s)
		s = eo_learn_take_over();
	if (!s)
		return NULL;
	WRITE_ONCE(eo_learn_owner.since[s - eo_learn_slots], jiffies);
	s->gen++;
	s->seq = 0;
	s->n = 0;
	s->overflow = false;
	eo_learn_ret_begin(s - eo_learn_slots, s->gen);
	return s;
}
NOKPROBE_SYMBOL(eo_learn_begin);

void notrace eo_learn_record(struct eo_learn_slot *s, unsigned long ip, unsigned long parent)
{
	unsigned int mask = (1U << eo_learn_bits) - 1, h = hash_long(ip, eo_learn_bits), i;
	struct eo_learn_entry *e;

	s->seq++;
	for (i = 0; i < EO_LEARN_PROBE; i++) {
		e = &s->tab[(h + i) & mask];
		if (e->gen == s->gen && e->ip == ip) {
			e->hits++;
			e->last = s->seq;
			e->parent = parent;
			return;
		}
		if (e->gen != s->gen)
			break;
	}
	if (i == EO_LEARN_PROBE || s->n >= eo_learn_max) {
		s->overflow = true;
		return;
	}
	e->ip = ip;
	e->parent = parent;
	e->gen = s->gen;
	e->hits = 1;
	e->last = s->seq;
	s->n++;
}
NOKPROBE_SYMBOL(eo_learn_record);

void notrace eo_learn_end(struct eo_learn_slot *s, unsigned int nr, u8 abi, long ret)
{
	unsigned int i;

	for (i = 0; IS_ERR_VALUE(ret) && i < EO_LEARN_PAIRS; i++) {
		struct eo_learn_pair *p = &eo_learn_pairs[i];
		/* pairs with eo_learn_start()'s release, as in eo_learn_wanted() */
		u8 phase = smp_load_acquire(&p->phase);

		if (!eo_learn_following(phase) || p->nr != nr || p->abi != abi || p->err != -ret)
			continue;
		/* its origin, for the capture at this syscall's exit */
		eo_learn_ret_end(s - eo_learn_slots, s->gen, ret, p->err);
		/* handing over: the set was taken from an earlier failure */
		if (phase != EO_PHASE_LEARNING)
			break;
		if (s->overflow) {
			if (cmpxchg(&p->phase, EO_PHASE_LEARNING, EO_PHASE_OVERFLOW) ==
			    EO_PHASE_LEARNING)
				irq_work_queue(&eo_learn_kick);
			break;
		}
		if (cmpxchg(&p->phase, EO_PHASE_LEARNING, EO_PHASE_LEARNED) != EO_PHASE_LEARNING)
			break;
		/* the set stays in the slot until the worker copies it out */
		s->pair = i;
		/* the worker's acquire sees the whole set and s->pair */
		smp_store_release(eo_learn_owner_of(s), EO_LEARN_HELD);
		irq_work_queue(&eo_learn_kick);
		return;
	}
	eo_learn_ret_end(s - eo_learn_slots, s->gen, ret, 0);
	/* done with the slot's contents before another task may claim it */
	smp_store_release(eo_learn_owner_of(s), NULL);
	atomic_dec(&eo_learn_busy);
}
NOKPROBE_SYMBOL(eo_learn_end);

/* Worker: copies a held set into @p->set (kvmalloc'd) and frees the slot. */
int eo_learn_take(struct eo_learn_slot *s, struct eo_learn_pair *p)
{
	unsigned int i, n = 0;

	p->set = kvmalloc_array(max(s->n, 1U), sizeof(*p->set), EO_GFP);
	if (p->set) {
		for (i = 0; i < (1U << eo_learn_bits) && n < s->n; i++) {
			const struct eo_learn_entry *e = &s->tab[i];

			if (e->gen != s->gen)
				continue;
			p->set[n].ip = e->ip;
			p->set[n].last = e->last;
			p->set[n].hits = e->hits;
			p->set[n].parent = e->parent;
			n++;
		}
	}
	p->set_n = n;
	p->funcs = n;
	/* copied out before another task may claim the slot */
	smp_store_release(eo_learn_owner_of(s), NULL);
	atomic_dec(&eo_learn_busy);
	return p->set ? 0 : -ENOMEM;
}
