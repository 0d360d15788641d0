// SPDX-License-Identifier: GPL-2.0
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "session.h"

#define EO_SESSION_PROBE 16

static struct task_struct **eo_session_task;	/* owner of each slot, NULL when free */
static struct eo_session *eo_sessions;
static unsigned int eo_session_mask;
static DEFINE_PER_CPU(u64, eo_session_full);

static inline unsigned int eo_session_slot(struct task_struct *t, unsigned int i)
{
	return (hash_ptr(t, 32) + i) & eo_session_mask;
}

struct eo_session *notrace eo_session_find(struct task_struct *t)
{
	unsigned int i, slot;

	for (i = 0; i < EO_SESSION_PROBE; i++) {
		slot = eo_session_slot(t, i);
		if (READ_ONCE(eo_session_task[slot]) == t)
			return &eo_sessions[slot];
	}
	return NULL;
}

struct eo_session *notrace eo_session_begin(struct task_struct *t, u32 gen)
{
	struct eo_session *s = eo_session_find(t);
	unsigned int i, slot;

	for (i = 0; !s && i < EO_SESSION_PROBE; i++) {
		slot = eo_session_slot(t, i);
		if (!READ_ONCE(eo_session_task[slot]) &&
		    !cmpxchg(&eo_session_task[slot], NULL, t))
			s = &eo_sessions[slot];
	}
	if (!s) {
		this_cpu_inc(eo_session_full);
		return NULL;
	}
	s->gen = gen;
	eo_origin_init(&s->o);
	return s;
}

void notrace eo_session_end(struct eo_session *s)
{
	/* the slot's contents are done with before another task may claim it */
	smp_store_release(&eo_session_task[s - eo_sessions], NULL);
}

void notrace eo_session_drop(struct task_struct *t)
{
	struct eo_session *s = eo_session_find(t);

	if (s)
		eo_session_end(s);
}

void eo_session_reset(void)
{
	memset(eo_session_task, 0, array_size(eo_session_mask + 1, sizeof(*eo_session_task)));
}

void eo_session_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		s->sessions_full += per_cpu(eo_session_full, cpu);
}

unsigned int eo_session_count(void)
{
	return eo_session_mask + 1;
}

int eo_session_init(unsigned int count)
{
	count = roundup_pow_of_two(clamp(count, 64U, 1U << 16));
	eo_session_task = vzalloc(array_size(count, sizeof(*eo_session_task)));
	eo_sessions = vzalloc(array_size(count, sizeof(*eo_sessions)));
	if (!eo_session_task || !eo_sessions) {
		eo_session_uninit();
		return -ENOMEM;
	}
	eo_session_mask = count - 1;
	return 0;
}

void eo_session_uninit(void)
{
	vfree(eo_session_task);
	vfree(eo_sessions);
	eo_session_task = NULL;
	eo_sessions = NULL;
}
