// SPDX-License-Identifier: GPL-2.0
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "alloc.h"
#include "session.h"

#define EO_SESSION_PROBE 16

static struct task_struct **eo_session_task;	/* owner of each slot, NULL when free */
static struct eo_session *eo_sessions;
static unsigned int eo_session_mask;
static atomic_t eo_session_live;	/* claimed slots: 0 lets syscall hooks skip the lookup */
/* tasks refused a session lately, so that their failure says why it has no origin */
#define EO_SESSION_REFUSED 64
static struct task_struct *eo_session_refused[EO_SESSION_REFUSED];
static atomic_t eo_session_refused_next;
static DEFINE_PER_CPU(u64, eo_session_full);

/* The frame the syscall's exit closed last on this CPU, for its function hook's return. */
struct eo_session_closed {
	u32 slot, seq, id;
};
static DEFINE_PER_CPU(struct eo_session_closed, eo_session_closed) = { .slot = U32_MAX };

static inline unsigned int eo_session_slot(struct task_struct *t, unsigned int i)
{
	return (hash_ptr(t, 32) + i) & eo_session_mask;
}

notrace struct eo_session *eo_session_find(struct task_struct *t)
{
	unsigned int i, slot;

	for (i = 0; i < EO_SESSION_PROBE; i++) {
		slot = eo_session_slot(t, i);
		if (READ_ONCE(eo_session_task[slot]) == t)
			return &eo_sessions[slot];
	}
	return NULL;
}
NOKPROBE_SYMBOL(eo_session_find);

notrace struct eo_session *eo_session_begin(struct task_struct *t, u32 gen)
{
	struct eo_session *s = eo_session_find(t);
	unsigned int i, slot;

	for (i = 0; !s && i < EO_SESSION_PROBE; i++) {
		slot = eo_session_slot(t, i);
		if (!READ_ONCE(eo_session_task[slot]) &&
		    !cmpxchg(&eo_session_task[slot], NULL, t)) {
			s = &eo_sessions[slot];
			atomic_inc(&eo_session_live);
		}
	}
	if (!s) {
		this_cpu_inc(eo_session_full);
		i = atomic_inc_return(&eo_session_refused_next) % EO_SESSION_REFUSED;
		WRITE_ONCE(eo_session_refused[i], t);
		return NULL;
	}
	s->gen = gen;
	s->seq++;
	eo_origin_init(&s->o);
	return s;
}
NOKPROBE_SYMBOL(eo_session_begin);

void notrace eo_session_end(struct eo_session *s)
{
	atomic_dec(&eo_session_live);
	/* the slot's contents are done with before another task may claim it */
	smp_store_release(&eo_session_task[s - eo_sessions], NULL);
}
NOKPROBE_SYMBOL(eo_session_end);

/* Compared, never dereferenced: a stale entry can only mislabel, not crash. */
notrace bool eo_session_was_refused(struct task_struct *t)
{
	unsigned int i;

	if (!atomic_read(&eo_session_refused_next))
		return false;
	for (i = 0; i < EO_SESSION_REFUSED; i++)
		if (READ_ONCE(eo_session_refused[i]) == t) {
			WRITE_ONCE(eo_session_refused[i], NULL);
			return true;
		}
	return false;
}
NOKPROBE_SYMBOL(eo_session_was_refused);

bool notrace eo_session_any(void)
{
	return atomic_read(&eo_session_live) != 0;
}
NOKPROBE_SYMBOL(eo_session_any);

void notrace eo_session_drop(struct task_struct *t)
{
	struct eo_session *s = eo_session_find(t);

	if (s)
		eo_session_end(s);
}
NOKPROBE_SYMBOL(eo_session_drop);

void eo_session_reset(void)
{
	if (!eo_session_task)
		return;
	atomic_set(&eo_session_live, 0);
	memset(eo_session_task, 0, array_size(eo_session_mask + 1, sizeof(*eo_session_task)));
}

void eo_session_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		s->sessions_full += per_cpu(eo_session_full, cpu);
}

void notrace eo_session_note_closed(const struct eo_session *s, u32 id)
{
	struct eo_session_closed *c = this_cpu_ptr(&eo_session_closed);

	c->slot = s - eo_sessions;
	c->seq = s->seq;
	c->id = id;
}
NOKPROBE_SYMBOL(eo_session_note_closed);

bool notrace eo_session_closed_early(u32 slot, u32 seq, u32 id)
{
	struct eo_session_closed *c = this_cpu_ptr(&eo_session_closed);

	if (c->slot != slot || c->seq != seq || c->id != id)
		return false;
	c->slot = U32_MAX;	/* one late return per close */
	return true;
}
NOKPROBE_SYMBOL(eo_session_closed_early);

u32 notrace eo_session_slot_of(const struct eo_session *s)
{
	return s - eo_sessions;
}
NOKPROBE_SYMBOL(eo_session_slot_of);

notrace struct eo_session *eo_session_at(u32 slot, u32 gen, u32 seq)
{
	struct eo_session *s;

	if (!in_task() || slot > eo_session_mask ||
	    READ_ONCE(eo_session_task[slot]) != current)
		return NULL;
	s = &eo_sessions[slot];
	return s->gen == gen && s->seq == seq ? s : NULL;
}
NOKPROBE_SYMBOL(eo_session_at);

unsigned int eo_session_count(void)
{
	return eo_session_mask + 1;
}

void eo_session_init(unsigned int count)
{
	eo_session_mask = roundup_pow_of_two(clamp(count, 64U, 1U << 16)) - 1;
}

/* At the first arm with functions (origin mode), before any hook can look. */
int eo_session_alloc(void)
{
	unsigned int count = eo_session_mask + 1;

	if (eo_sessions)
		return 0;
	/* the owners apart from the sessions: hooks of other tasks read only those */
	eo_session_task = eo_vzalloc(array_size(count, sizeof(*eo_session_task)));
	eo_sessions = eo_vzalloc(array_size(count, sizeof(*eo_sessions)));
	if (!eo_session_task || !eo_sessions) {
		eo_session_uninit();
		return -ENOMEM;
	}
	return 0;
}

size_t eo_session_bytes(void)
{
	unsigned int count = eo_session_mask + 1;

	return eo_sessions ? array_size(count, sizeof(*eo_session_task) + sizeof(*eo_sessions)) :
			     0;
}

void eo_session_uninit(void)
{
	vfree(eo_session_task);
	vfree(eo_sessions);
	eo_session_task = NULL;
	eo_sessions = NULL;
}
