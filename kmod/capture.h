/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data path's entry: syscall hooks report entries (origin mode) and returns here;
 * capture applies the filter, opens and closes the task's origin session, updates the
 * counters and queues the event.
 */
#ifndef _EO_CAPTURE_H
#define _EO_CAPTURE_H

#include <linux/ptrace.h>
#include "filter.h"
#include "funcs.h"
#include "stats.h"

/* Syscall entry; only needed while functions are armed. */
void eo_capture_enter(struct pt_regs *regs);
/* Syscall return, with its value; failures are in [-MAX_ERRNO, -1]. */
void eo_capture_exit(struct pt_regs *regs, long ret);

/* Whether current's syscall (its user @regs) passes the filter but for the errno. */
bool eo_capture_wants(struct pt_regs *regs);

/*
 * Publish @f (NULL: capture nothing) / @funcs (NULL: no origin) and return the previous one
 * for the caller to free after a grace period. Serialised by the caller.
 */
struct eo_filter *eo_capture_set_filter(struct eo_filter *f);
struct eo_funcs *eo_capture_set_funcs(struct eo_funcs *funcs);
void eo_capture_stats(struct eo_stats *s);

#endif /* _EO_CAPTURE_H */
