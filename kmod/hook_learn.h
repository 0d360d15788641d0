/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The learning hook: an entry hook on the functions userspace names (every traceable one
 * but its deny list), recording for tasks that hold a learning slot, and kretprobes on the
 * learned syscalls' entry points that open and close those slots. Registration sleeps.
 */
#ifndef _EO_HOOK_LEARN_H
#define _EO_HOOK_LEARN_H

#include <linux/types.h>

/* hook_learn_tramp.S: what ftrace calls directly, and its slow path into C */
void eo_learn_tramp(void);
void eo_learn_hit(unsigned long site, unsigned long *where);

/*
 * Hooks the functions at @ips, entry addresses all ftrace can hook (else -EINVAL, and
 * none); nothing when already registered. With @classes (one per address, or NULL) the
 * learning task's returns are followed too, where the hook can (learn_ret.h).
 */
int eo_hook_learn_register(unsigned long *ips, const u8 *classes, unsigned int n);
/* Watches syscall @nr of @abi (once per syscall). */
int eo_hook_learn_add_syscall(unsigned int nr, u8 abi);
/* Returns once no callback or handler can still run. */
void eo_hook_learn_unregister(void);
bool eo_hook_learn_registered(void);
/* Entries of the hook by tasks it does not record, since the module was loaded. */
u64 eo_hook_learn_others(void);
void eo_hook_learn_uninit(void);
/* "ftrace-direct:41234-functions+kretprobe:__x64_sys_mount" ("ftrace:" for the callback) */
const char *eo_hook_learn_name(void);

#endif /* _EO_HOOK_LEARN_H */
