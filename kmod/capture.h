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

/*
 * Syscall entry, while functions are armed: a session the task still holds from outside a
 * syscall (a followed function hit on the way back to user mode) is dropped. @wrapper: the
 * entry of the syscall wrapper whose kretprobe calls this (0 for the tracepoint).
 */
void eo_capture_enter(unsigned long wrapper);
/*
 * From a followed function's entry hook: current's session for @funcs, claimed now if
 * current is a user task inside a syscall that passes the filter; NULL otherwise.
 */
struct eo_session *eo_capture_claim(const struct eo_funcs *funcs);
/*
 * How a kretprobe on the syscall's wrapper came back: a followed function hook that took
 * the wrapper's return address after the kretprobe did names the kprobes trampoline as the
 * call site of the chain's outermost frame; @to is where the wrapper really returns.
 */
struct eo_capture_via {
	unsigned long tramp;	/* the kprobes return trampoline, 0: not known */
	unsigned long to;
	unsigned long func;	/* the wrapper's entry */
};

/* Syscall return, with its value; failures are in [-MAX_ERRNO, -1]. @via may be NULL. */
void eo_capture_exit(struct pt_regs *regs, long ret, const struct eo_capture_via *via);
/*
 * The same for failures only, for the raw_syscalls:sys_exit tracepoint: with its probe's
 * signature, so that the tracepoint calls it with no wrapper in between (the capture-all
 * path, taken by every failing syscall).
 */
void eo_capture_sys_exit(void *data, struct pt_regs *regs, long ret);

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
