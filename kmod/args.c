// SPDX-License-Identifier: GPL-2.0
/* Which syscalls take paths, and where: native (x86_64) and ia32 numbers differ. */
#include <asm/unistd.h>
#include <asm/word-at-a-time.h>
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
static u8 eo_args_paths_of[2][EO_MAX_SYSCALLS] __ro_after_init;

void __init eo_args_init(void)
{
	unsigned int nr;

	BUILD_BUG_ON(EO_ABI_NATIVE != 0 || EO_ABI_COMPAT != 1);
	for (nr = 0; nr < EO_MAX_SYSCALLS; nr++) {
		eo_args_paths_of[EO_ABI_NATIVE][nr] = eo_args_paths_native(nr);
		eo_args_paths_of[EO_ABI_COMPAT][nr] = eo_args_paths_ia32(nr);
	}
}

static __always_inline u8 eo_args_paths(const struct eo_record *rec)
{
	/* x32 calls are not looked at */
	if (rec->key.abi > EO_ABI_COMPAT || rec->key.nr >= EO_MAX_SYSCALLS)
		return 0;
	return eo_args_paths_of[rec->key.abi][rec->key.nr];
}

/*
 * strncpy_from_user() without page faults and without its hardened-usercopy check of the
 * destination: that check walks the page and vmalloc metadata of a buffer that is our own
 * fixed-size field (about 100 instructions a string, half the cost of a captured failure).
 * A word at a time, as the kernel's own copy does; the bytes near a fault one by one, so a
 * string that ends just before an unmapped page is still copied. Returns the length copied
 * without the NUL, @count when there was no NUL within @count bytes, or -EFAULT.
 */
static __always_inline long eo_args_strcpy(char *dst, const char __user *src, long count)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	unsigned long limit = TASK_SIZE_MAX - (unsigned long)src;
	long res = 0;

	if ((unsigned long)src >= TASK_SIZE_MAX)
		return -EFAULT;
	if (limit < count)
		count = limit;
	if (!user_access_begin(src, count))
		return -EFAULT;
	while (IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS) &&
	       count - res >= (long)sizeof(unsigned long)) {
		unsigned long c, data;

		unsafe_get_user(c, (const unsigned long __user *)(src + res), byte_at_a_time);
		memcpy(dst + res, &c, sizeof(c));	/* one unaligned store */
		if (has_zero(c, &data, &constants)) {
			data = prep_zero_mask(c, data, &constants);
			data = create_zero_mask(data);
			user_access_end();
			return res + find_zero(data);
		}
		res += sizeof(unsigned long);
	}
byte_at_a_time:
	while (res < count) {
		char c;

		unsafe_get_user(c, src + res, efault);
		dst[res] = c;
		if (!c) {
			user_access_end();
			return res;
		}
		res++;
	}
	user_access_end();
	return res;
efault:
	user_access_end();
	return -EFAULT;
}

static __always_inline void eo_args_string(struct eo_arg_string *s, unsigned int i,
					    const struct eo_record *rec)
{
	/* an ia32 pointer is the low half: int 0x80 from 64-bit code may leave more */
	u64 ptr = rec->key.abi == EO_ABI_COMPAT ? lower_32_bits(rec->args[i]) : rec->args[i];
	long n;

	s->index = i;
	s->flags = 0;
	s->len = 0;
	s->value[0] = '\0';
	if (!ptr) {
		s->flags = EO_ARGSTR_F_NULL;
		return;
	}
	n = eo_args_strcpy(s->value, (const char __user *)(unsigned long)ptr, sizeof(s->value));
	if (n < 0) {
		s->value[0] = '\0';
		s->flags = EO_ARGSTR_F_FAULT;
	} else if (n == sizeof(s->value)) {
		s->value[sizeof(s->value) - 1] = '\0';
		s->len = sizeof(s->value) - 1;
		s->flags = EO_ARGSTR_F_TRUNCATED;
	} else {
		s->len = n;
	}
}

void notrace eo_args_copy(struct eo_record *rec)
{
	unsigned int mask = eo_args_paths(rec), i;

	rec->nstrings = 0;
	if (!mask)
		return;
	/* a page that is not there is said, not waited for */
	pagefault_disable();
	for (i = 0; mask && rec->nstrings < EO_ARG_STRINGS; i++, mask >>= 1)
		if (mask & 1)
			eo_args_string(&rec->strings[rec->nstrings++], i, rec);
	pagefault_enable();
}
NOKPROBE_SYMBOL(eo_args_copy);
