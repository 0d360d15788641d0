/* SPDX-License-Identifier: GPL-2.0 */
/* Where failing syscalls are caught. Registration sleeps; call from process context only. */
#ifndef _EO_HOOKS_H
#define _EO_HOOKS_H

/* The raw_syscalls:sys_exit tracepoint: every syscall of every task passes through it. */
int eo_hook_syscall_register(void);
/* Returns once no CPU can still be running the probe. */
void eo_hook_syscall_unregister(void);
extern const char eo_hook_syscall_name[];

#endif /* _EO_HOOKS_H */
