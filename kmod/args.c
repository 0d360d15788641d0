// SPDX-License-Identifier: GPL-2.0
/* Which syscalls take paths, and where: native (x86_64) and ia32 numbers differ. */
#include <asm/unistd.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "args.h"

static u8 __init eo_args_paths_native(unsigned int nr)
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

/* 32-bit processes: the same calls, plus their 32-bit-only variants (stat64, chown32, ...) */
static u8 __init eo_args_paths_ia32(unsigned int nr)
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

/* The two switches above as tables, one load in the hook: [EO_ABI_NATIVE or _COMPAT][nr] */
u8 eo_args_paths_of[2][EO_MAX_SYSCALLS] __ro_after_init;

void __init eo_args_init(void)
{
	unsigned int nr;

	BUILD_BUG_ON(EO_ABI_NATIVE != 0 || EO_ABI_COMPAT != 1);
	for (nr = 0; nr < EO_MAX_SYSCALLS; nr++) {
		eo_args_paths_of[EO_ABI_NATIVE][nr] = eo_args_paths_native(nr);
		eo_args_paths_of[EO_ABI_COMPAT][nr] = eo_args_paths_ia32(nr);
	}
	/* the hook copies every marked argument: no more than an event carries */
	BUILD_BUG_ON(EO_ARG_STRINGS < 3);
}

/*
 * The slow part of eo_args_strcpy(): bytes @res up to @count (or the end of user space, past
 * which a word read would touch a non-canonical address, no page fault) one by one, for a
 * string near the end of user space or near an unmapped page. Returns as eo_args_strcpy().
 */
noinline long notrace eo_args_strcpy_bytes(char *dst, unsigned long src, long res, long count)
{
	if (src >= TASK_SIZE_MAX)
		return -EFAULT;
	count = min_t(long, count, TASK_SIZE_MAX - src);
	if (!user_access_begin((const char __user *)src, count))
		return -EFAULT;
	for (; res < count; res++) {
		char c;

		unsafe_get_user(c, (const char __user *)(src + res), efault);
		dst[res] = c;
		if (!c)
			break;
	}
	user_access_end();
	return res;
efault:
	user_access_end();
	return -EFAULT;
}
NOKPROBE_SYMBOL(eo_args_strcpy_bytes);

