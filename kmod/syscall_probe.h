/* SPDX-License-Identifier: GPL-2.0 */
/* Kretprobes on one syscall's entry point (its __x64_sys_ or ia32 wrapper). */
#ifndef _EO_SYSCALL_PROBE_H
#define _EO_SYSCALL_PROBE_H

#include <linux/kprobes.h>

/*
 * Registers @rp (handlers and sizes already set) on the wrapper of native or ia32 syscall
 * @nr, writing the symbol it chose into @symbol. The wrapper's only argument (di) is the
 * syscall's saved user registers.
 */
int eo_syscall_kretprobe(struct kretprobe *rp, char *symbol, size_t len, unsigned int nr,
			 bool compat);

#endif /* _EO_SYSCALL_PROBE_H */
