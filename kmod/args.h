/* SPDX-License-Identifier: GPL-2.0 */
/* The path arguments of a failing syscall, copied at its exit for the event. */
#ifndef _EO_ARGS_H
#define _EO_ARGS_H

#include <asm/word-at-a-time.h>
#include <linux/bitops.h>
#include <linux/uaccess.h>
#include "record.h"

/* Which arguments of which syscalls are paths: tables filled once at load. */
void eo_args_init(void);
extern u8 eo_args_paths_of[2][EO_MAX_SYSCALLS];
/* eo_args_strcpy() byte by byte from @res on: near the end of user space or a fault */
long eo_args_strcpy_bytes(char *dst, unsigned long src, long res, long count);

/* What follows is inline in the capture hook, which copies strings for most failures. */
static __always_inline u8 eo_args_paths(const struct eo_record *rec)
{
	/* x32 calls are not looked at */
	if (rec->key.abi > EO_ABI_COMPAT || rec->key.nr >= EO_MAX_SYSCALLS)
		return 0;
	/* through a pointer: bounds just checked, which UBSAN_BOUNDS kernels would do again */
	return *(&eo_args_paths_of[0][0] + rec->key.abi * EO_MAX_SYSCALLS + rec->key.nr);
}

/*
 * strncpy_from_user() without page faults and without its hardened-usercopy check of the
 * destination: that check walks the page and vmalloc metadata of a buffer that is our own
 * fixed-size field (about 100 instructions a string, half the cost of a captured failure).
 * A word at a time, as the kernel's own copy does; the bytes near a fault one by one, so a
 * string that ends just before an unmapped page is still copied. Returns the length copied
 * without the NUL, EO_ARG_STR_LEN when there was no NUL within as many bytes, or -EFAULT.
 */
static __always_inline long eo_args_strcpy(char *dst, unsigned long src)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	long res = 0;

	if (!IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS) ||
	    unlikely(src >= TASK_SIZE_MAX - EO_ARG_STR_LEN))
		return eo_args_strcpy_bytes(dst, src, 0, EO_ARG_STR_LEN);
	if (!user_access_begin((const char __user *)src, EO_ARG_STR_LEN))
		return -EFAULT;
	BUILD_BUG_ON(EO_ARG_STR_LEN % sizeof(unsigned long));
	for (; res < EO_ARG_STR_LEN; res += sizeof(unsigned long)) {
		unsigned long c, data;

		unsafe_get_user(c, (const unsigned long __user *)(src + res), byte_at_a_time);
		/* one unaligned store, as lib/string.c does (memcpy would be fortified) */
		*(unsigned long *)(dst + res) = c;
		if (has_zero(c, &data, &constants)) {
			data = prep_zero_mask(c, data, &constants);
			data = create_zero_mask(data);
			user_access_end();
			return res + find_zero(data);
		}
	}
	user_access_end();
	return EO_ARG_STR_LEN;
byte_at_a_time:
	/* a word ran into a fault: the bytes before it may still end the string */
	user_access_end();
	return eo_args_strcpy_bytes(dst, src, res, EO_ARG_STR_LEN);
}

static __always_inline void eo_args_string(struct eo_arg_string *s, unsigned int i, u64 ptr)
{
	long n;

	s->index = i;
	if (unlikely(!ptr)) {
		s->flags = EO_ARGSTR_F_NULL;
		s->len = 0;
		s->value[0] = '\0';
		return;
	}
	BUILD_BUG_ON(sizeof(s->value) != EO_ARG_STR_LEN);
	n = eo_args_strcpy(s->value, ptr);
	if (likely(n >= 0 && n < (long)sizeof(s->value))) {
		s->flags = 0;
		s->len = n;
	} else if (n < 0) {
		s->value[0] = '\0';
		s->flags = EO_ARGSTR_F_FAULT;
		s->len = 0;
	} else {
		s->value[sizeof(s->value) - 1] = '\0';
		s->len = sizeof(s->value) - 1;
		s->flags = EO_ARGSTR_F_TRUNCATED;
	}
}

/*
 * Copies @rec's string arguments (by its syscall and ABI) into rec->strings, without
 * faulting: callable with preemption disabled. Sets rec->nstrings.
 */
static __always_inline void eo_args_copy(struct eo_record *rec)
{
	unsigned int mask = eo_args_paths(rec), i;
	/* an ia32 pointer is the low half: int 0x80 from 64-bit code may leave more */
	u64 ptr_mask = rec->key.abi == EO_ABI_COMPAT ? U32_MAX : U64_MAX;
	/*
	 * Pointers, not indexes: the table marks at most EO_ARG_STRINGS of the EO_NR_ARGS
	 * arguments (args.c), which UBSAN_BOUNDS kernels would check at every string.
	 */
	struct eo_arg_string *s = rec->strings;
	const u64 *args = rec->args;

	if (mask) {
		/* a page that is not there is said, not waited for */
		pagefault_disable();
		do {
			i = __ffs(mask);
			eo_args_string(s++, i, args[i] & ptr_mask);
			mask &= mask - 1;
		} while (mask);
		pagefault_enable();
	}
	rec->nstrings = s - rec->strings;
}

#endif /* _EO_ARGS_H */
