// SPDX-License-Identifier: GPL-2.0
/* Which syscalls take paths, and where: native (x86_64) and ia32 numbers differ. */
#include <asm/unistd.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/uaccess.h>
#include "args.h"

static u8 notrace eo_args_paths_native(unsigned int nr)
{
	switch (nr) {
	case __NR_open: case __NR_creat: case __NR_mkdir: case __NR_rmdir: case __NR_unlink:
	case __NR_stat: case __NR_lstat: case __NR_access: case __NR_execve: case __NR_chdir:
	case __NR_chroot: case __NR_readlink: case __NR_truncate: case __NR_chmod:
	case __NR_chown: case __NR_lchown: case __NR_umount2:
		return BIT(0);
	case __NR_openat: case __NR_openat2: case __NR_mkdirat: case __NR_unlinkat:
	case __NR_newfstatat: case __NR_statx: case __NR_faccessat: case __NR_faccessat2:
	case __NR_execveat: case __NR_inotify_add_watch: case __NR_readlinkat:
	case __NR_fchmodat: case __NR_fchownat: case __NR_utimensat:
		return BIT(1);
	case __NR_rename: case __NR_link: case __NR_symlink:
		return BIT(0) | BIT(1);
	case __NR_renameat: case __NR_renameat2: case __NR_linkat:
		return BIT(1) | BIT(3);
	case __NR_symlinkat:
		return BIT(0) | BIT(2);
	case __NR_mount:
		return BIT(0) | BIT(1) | BIT(2);
	}
	return 0;
}
NOKPROBE_SYMBOL(eo_args_paths_native);

/* 32-bit processes: the same calls, plus their 32-bit-only variants (stat64, chown32, ...) */
static u8 notrace eo_args_paths_ia32(unsigned int nr)
{
	switch (nr) {
	case __NR_ia32_open: case __NR_ia32_creat: case __NR_ia32_mkdir:
	case __NR_ia32_rmdir: case __NR_ia32_unlink: case __NR_ia32_stat:
	case __NR_ia32_lstat: case __NR_ia32_stat64: case __NR_ia32_lstat64:
	case __NR_ia32_access: case __NR_ia32_execve: case __NR_ia32_chdir:
	case __NR_ia32_chroot: case __NR_ia32_readlink: case __NR_ia32_truncate:
	case __NR_ia32_chmod: case __NR_ia32_chown: case __NR_ia32_lchown:
	case __NR_ia32_chown32: case __NR_ia32_lchown32: case __NR_ia32_umount:
	case __NR_ia32_umount2:
		return BIT(0);
	case __NR_ia32_openat: case __NR_ia32_openat2: case __NR_ia32_mkdirat:
	case __NR_ia32_unlinkat: case __NR_ia32_fstatat64: case __NR_ia32_statx:
	case __NR_ia32_faccessat: case __NR_ia32_faccessat2: case __NR_ia32_execveat:
	case __NR_ia32_inotify_add_watch: case __NR_ia32_readlinkat:
	case __NR_ia32_fchmodat: case __NR_ia32_fchownat: case __NR_ia32_utimensat:
		return BIT(1);
	case __NR_ia32_rename: case __NR_ia32_link: case __NR_ia32_symlink:
		return BIT(0) | BIT(1);
	case __NR_ia32_renameat: case __NR_ia32_renameat2: case __NR_ia32_linkat:
		return BIT(1) | BIT(3);
	case __NR_ia32_symlinkat:
		return BIT(0) | BIT(2);
	case __NR_ia32_mount:
		return BIT(0) | BIT(1) | BIT(2);
	}
	return 0;
}
NOKPROBE_SYMBOL(eo_args_paths_ia32);

static u8 notrace eo_args_paths(const struct eo_record *rec)
{
	switch (rec->abi) {
	case EO_ABI_NATIVE:
		return eo_args_paths_native(rec->nr);
	case EO_ABI_COMPAT:
		return eo_args_paths_ia32(rec->nr);
	}
	return 0;
}
NOKPROBE_SYMBOL(eo_args_paths);

void notrace eo_args_copy(struct eo_record *rec)
{
	unsigned long mask = eo_args_paths(rec);
	struct eo_arg_string *s;
	unsigned int i;
	u64 ptr;
	long n;

	rec->nstrings = 0;
	for_each_set_bit(i, &mask, EO_NR_ARGS) {
		if (rec->nstrings == EO_ARG_STRINGS)
			break;
		s = &rec->strings[rec->nstrings++];
		s->index = i;
		s->flags = 0;
		s->value[0] = '\0';
		/* an ia32 pointer is the low half: int 0x80 from 64-bit code may leave more */
		ptr = rec->abi == EO_ABI_COMPAT ? lower_32_bits(rec->args[i]) : rec->args[i];
		if (!ptr) {
			s->flags = EO_ARGSTR_F_NULL;
			continue;
		}
		/*
		 * Page faults disabled: a page that is not there is said, not waited for
		 * (strncpy_from_user_nofault() does this too, but is not exported).
		 */
		pagefault_disable();
		n = strncpy_from_user(s->value, (const char __user *)(unsigned long)ptr,
				      sizeof(s->value));
		pagefault_enable();
		if (n < 0) {
			s->value[0] = '\0';
			s->flags = EO_ARGSTR_F_FAULT;
		} else if (n == sizeof(s->value)) {
			s->value[sizeof(s->value) - 1] = '\0';
			s->flags = EO_ARGSTR_F_TRUNCATED;
		}
	}
}
NOKPROBE_SYMBOL(eo_args_copy);
