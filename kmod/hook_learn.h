/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The learning hook: an ftrace entry callback on the functions userspace names (every
 * traceable one but its deny list), recording for tasks that hold a learning slot, and kretprobes on the learned
 * syscalls' entry points that open and close those slots. Registration sleeps.
 */
#ifndef _EO_HOOK_LEARN_H
#define _EO_HOOK_LEARN_H

#include <linux/types.h>

/*
 * Sets the functions the callback is attached to, entry addresses all ftrace can hook
 * (else -EINVAL, and none); only while unregistered.
 */
int eo_hook_learn_follow(unsigned long *ips, unsigned int n);
int eo_hook_learn_register(void);
/* Watches syscall @nr of @abi (once per syscall). */
int eo_hook_learn_add_syscall(unsigned int nr, u8 abi);
/* Returns once no callback or handler can still run. */
void eo_hook_learn_unregister(void);
bool eo_hook_learn_registered(void);
void eo_hook_learn_uninit(void);
/* "ftrace:41234-functions+kretprobe:__x64_sys_mount" */
const char *eo_hook_learn_name(void);

#endif /* _EO_HOOK_LEARN_H */
