/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-task origin sessions, from syscall entry to syscall exit, for tasks that pass the
 * filters. Preallocated; a task finds its own session by its task_struct pointer in a
 * compact open-addressing table, so hooks in other tasks give up after a few loads.
 * Only the owning task begins, updates and ends its session.
 */
#ifndef _EO_SESSION_H
#define _EO_SESSION_H

#include <linux/preempt.h>
#include <linux/sched.h>
#include "origin.h"
#include "stats.h"

struct eo_session {
	u32 gen;		/* function set the frames refer to */
	struct eo_origin o;
};

int eo_session_init(unsigned int count);
void eo_session_uninit(void);
/* NULL when every slot in reach is taken (counted). */
struct eo_session *eo_session_begin(struct task_struct *t, u32 gen);
struct eo_session *eo_session_find(struct task_struct *t);
void eo_session_end(struct eo_session *s);
/*
 * Forgets every session: for when no hook can run any more (disarmed), so that sessions of
 * tasks that were inside a syscall then do not hold their slots.
 */
void eo_session_reset(void);
/* Closes @t's session, if any (@t is exiting). */
void eo_session_drop(struct task_struct *t);
void eo_session_stats(struct eo_stats *s);

/*
 * The session function hooks feed: the current task's, for the function set @gen, and only
 * in task context (an interrupt's functions are not the syscall's).
 */
static inline struct eo_session *eo_session_current(u32 gen)
{
	struct eo_session *s;

	if (!in_task())
		return NULL;
	s = eo_session_find(current);
	return s && s->gen == gen ? s : NULL;
}
unsigned int eo_session_count(void);

#endif /* _EO_SESSION_H */
