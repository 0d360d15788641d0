/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-task origin sessions for tasks that pass the filters, claimed lazily: at the task's
 * first entry into a followed function inside a syscall, ended when that syscall returns.
 * So the table holds tasks inside followed functions, not every task asleep in a syscall.
 * Preallocated; a task finds its own session by its task_struct pointer in a compact
 * open-addressing table (owners apart from the sessions' contents), so hooks in other tasks
 * give up after a few loads, and syscall hooks skip even that while no session is live.
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
	u32 seq;		/* bumped at every begin: tells frames of earlier calls apart */
	struct eo_origin o;
};

/* Sizes the table; eo_session_alloc() allocates it at the first arm in origin mode. */
void eo_session_init(unsigned int count);
int eo_session_alloc(void);
size_t eo_session_bytes(void);
void eo_session_uninit(void);
/* NULL when every slot in reach is taken (counted). */
struct eo_session *eo_session_begin(struct task_struct *t, u32 gen);
struct eo_session *eo_session_find(struct task_struct *t);
void eo_session_end(struct eo_session *s);
/* Whether @t was refused a session (the table was full) since it last asked; clears it. */
bool eo_session_was_refused(struct task_struct *t);
/* Whether any session is claimed (one shared load). */
bool eo_session_any(void);
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
/*
 * The syscall's exit closed function @id's frame in @s (the wrapper, whose function hook
 * returns after the syscall's kretprobe): that hook's late return is expected, not stale.
 */
void eo_session_note_closed(const struct eo_session *s, u32 id);
/* Whether a return's frame is the one noted last on this CPU; forgets it then. */
bool eo_session_closed_early(u32 slot, u32 seq, u32 id);

/* The slot index of @s, for hooks that must not keep pointers (hook_frame.h). */
u32 eo_session_slot_of(const struct eo_session *s);
/*
 * The session in @slot if current owns it for function set @gen and its begin was @seq:
 * the return hook's check of a frame, without searching the table again.
 */
struct eo_session *eo_session_at(u32 slot, u32 gen, u32 seq);

#endif /* _EO_SESSION_H */
