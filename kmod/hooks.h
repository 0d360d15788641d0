/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where failing syscalls are caught. Registration sleeps: process context only, serialised
 * by the caller (control).
 */
#ifndef _EO_HOOKS_H
#define _EO_HOOKS_H

#include "filter.h"

/*
 * The raw_syscalls:sys_exit tracepoint (and sys_enter when @sessions: origin mode): every
 * syscall of every task passes through them.
 */
int eo_hook_syscall_register(bool sessions);
/* Origin mode on or off with the tracepoint probes registered; off returns synchronised. */
int eo_hook_syscall_sessions(bool sessions);
/* Returns once no CPU can still be running the probe. */
void eo_hook_syscall_unregister(void);
const char *eo_hook_syscall_name(void);

/* sched_process_exit: closes the sessions of tasks that exit inside a syscall. */
int eo_hook_task_exit_register(void);
void eo_hook_task_exit_unregister(void);

/* Watch at most this many syscalls with per-syscall exit hooks; more use the tracepoint. */
#define EO_SYSRET_MAX_SYSCALLS 16

/*
 * Kretprobes on the exits of @f's syscalls only (opening and closing origin sessions when
 * @sessions); writes "kretprobe:SYMBOL,..." into @desc.
 * -EOPNOTSUPP/-E2BIG when @f has no syscall set or too large a one, or a probe's error.
 */
int eo_hook_sysret_register(const struct eo_filter *f, bool sessions, char *desc, size_t len);
/* Origin mode on or off with the probes registered (their handlers run unsynchronised). */
void eo_hook_sysret_sessions(bool sessions);
void eo_hook_sysret_unregister(void);
/* Returns of watched syscalls the kprobes layer could not follow (instances exhausted). */
u64 eo_hook_sysret_missed(void);

#endif /* _EO_HOOKS_H */
