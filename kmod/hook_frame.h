/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a function's entry hook hands its return hook. Never a pointer: on fgraph-based
 * fprobe (6.14+) a return can run for an entry made by an earlier registration, or by an
 * earlier load of this module at the same address, so the return hook takes the frame as
 * untrusted and checks it against what is armed now. The function set's generation starts
 * at a random value per load; the session's sequence changes at every begin.
 */
#ifndef _EO_HOOK_FRAME_H
#define _EO_HOOK_FRAME_H

#include "funcs.h"
#include "session.h"

struct eo_hook_frame {
	u32 gen;	/* function set */
	u32 id;		/* function in it */
	u32 slot;	/* session */
	u32 seq;	/* the session's begin */
};

/* At entry, for the current task's session @s (eo_session_current(f->gen)). */
static __always_inline void eo_hook_frame_set(struct eo_hook_frame *fr, const struct eo_funcs *f,
					      u32 id, const struct eo_session *s)
{
	fr->gen = f->gen;
	fr->id = id;
	fr->slot = eo_session_slot_of(s);
	fr->seq = s->seq;
}

/*
 * At return: the session @fr was made for, or NULL for a stale frame (counted, unless the
 * syscall's exit closed it already).
 */
static __always_inline struct eo_session *eo_hook_frame_exit(const struct eo_hook_frame *fr,
							      const struct eo_funcs *f)
{
	struct eo_session *s;

	if (unlikely(!f || fr->gen != f->gen || fr->id >= f->n))
		goto stale;
	s = eo_session_at(fr->slot, f->gen, fr->seq);
	if (likely(s))
		return s;
	if (eo_session_closed_early(fr->slot, fr->seq, fr->id))
		return NULL;
stale:
	eo_funcs_count_stale();
	return NULL;
}

#endif /* _EO_HOOK_FRAME_H */
