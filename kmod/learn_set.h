/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What learning records: the pairs being learned, and a few slots, each holding the set of
 * distinct functions one task entered during one call of a learned syscall. A slot belongs
 * to one task from syscall entry to exit; only that task writes it, so recording needs no
 * atomics. Hooks never allocate: tables are allocated when learning starts.
 *
 * Every traced call of every task reads who owns the slots while the learning hook is
 * registered, so the owners share one read-mostly line, apart from the slots, which their
 * owners write at every function they enter.
 */
#ifndef _EO_LEARN_SET_H
#define _EO_LEARN_SET_H

#include <linux/errorigin.h>
#include <linux/irq_work.h>
#include <linux/sched.h>
#include <linux/types.h>

#define EO_LEARN_SLOTS 4	/* tasks recorded at once */
/*
 * A call of the learned syscall that holds a slot this long (a blocking read, a FIFO open)
 * gives it up to the next call that finds none free: sleepers cannot keep learning from
 * ever seeing a failure.
 */
#define EO_LEARN_SLOT_HOLD (2 * HZ)

struct eo_learn_entry {
	unsigned long ip;
	unsigned long parent;	/* where the last entry came from */
	u32 gen;		/* valid when equal to the slot's gen */
	u32 last;
	u32 hits;
};

struct eo_learn_slot {
	u32 gen;
	u32 seq;		/* entries seen in this call */
	u32 n;			/* distinct functions */
	bool overflow;
	u8 pair;		/* pair the finished set belongs to */
	struct eo_learn_entry *tab;
} ____cacheline_aligned_in_smp;

struct eo_learn_owners {
	struct task_struct *task[EO_LEARN_SLOTS];	/* NULL: free; EO_LEARN_HELD: a set */
	unsigned long since[EO_LEARN_SLOTS];		/* jiffies of the claim */
} ____cacheline_aligned_in_smp;

#define EO_LEARN_HELD ((struct task_struct *)1UL)

/* One function of a learned set; its addresses never leave the module (event.c names them). */
struct eo_learned_func {
	unsigned long ip;	/* where ftrace saw it entered */
	unsigned long parent;	/* return address into its caller, at its last entry */
	u32 last;		/* order of its last entry: higher = nearer the failure */
	u32 hits;		/* entries during the call */
};

struct eo_learn_pair {
	u32 nr;
	u32 err;
	u8 abi;
	u8 phase;		/* enum eo_phase; LEARNING leaves it only by cmpxchg */
	u32 funcs;
	unsigned long started;	/* jiffies */
	unsigned long deadline;
	u8 notified;		/* phase last told userspace */
	u64 others_at_start;	/* the learning hook's entries by others when it began */
	u64 others;		/* ... while it learned, fixed when its learning ended */
	struct eo_learned_func *set;	/* copied out of the slot by the worker */
	u32 set_n;
};

extern struct eo_learn_owners eo_learn_owner;
/*
 * Slots not free: while it is 0 the learning hook returns at its first load (the x86
 * trampoline reads it by name). Changed only when a learned syscall begins or ends.
 */
extern atomic_t eo_learn_busy;
extern struct eo_learn_slot eo_learn_slots[EO_LEARN_SLOTS];

static inline struct task_struct **eo_learn_owner_of(const struct eo_learn_slot *s)
{
	return &eo_learn_owner.task[s - eo_learn_slots];
}
extern struct eo_learn_pair eo_learn_pairs[EO_LEARN_PAIRS];

/* Tables for every slot, for sets of at most @max functions; process context. */
int eo_learn_set_alloc(u32 max);
void eo_learn_set_free(void);
/* @kick runs (from irq_work) when a pair's learning ended in a hook. */
void eo_learn_set_init(void (*kick)(struct irq_work *));

/* Syscall entry: a slot for current when a pair learns (@nr, @abi); NULL otherwise. */
struct eo_learn_slot *eo_learn_begin(unsigned int nr, u8 abi);
/* Syscall exit: ends current's slot; completes a pair when @ret is its errno. */
void eo_learn_end(struct eo_learn_slot *s, unsigned int nr, u8 abi, long ret);
/* Worker: moves a held slot's set into @p->set and frees the slot; -ENOMEM leaves none. */
int eo_learn_take(struct eo_learn_slot *s, struct eo_learn_pair *p);
/* Forgets every slot: only once no hook can run. */
void eo_learn_set_reset(void);

static inline struct eo_learn_slot *eo_learn_slot_of(struct task_struct *t)
{
	unsigned int i;

	if (!atomic_read(&eo_learn_busy))
		return NULL;

	for (i = 0; i < EO_LEARN_SLOTS; i++)
		if (READ_ONCE(eo_learn_owner.task[i]) == t)
			return &eo_learn_slots[i];
	return NULL;
}

/* The learning hook's work: one function entry of the slot's task. */
void eo_learn_record(struct eo_learn_slot *s, unsigned long ip, unsigned long parent);

#endif /* _EO_LEARN_SET_H */
