/* SPDX-License-Identifier: GPL-2.0 */
/* One captured failure, as it travels from the hook through the queue to the encoder. */
#ifndef _EO_RECORD_H
#define _EO_RECORD_H

#include <linux/compiler.h>
#include <linux/minmax.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/errorigin.h>
#include "origin.h"

struct eo_arg_string {
	u8 index;
	u8 flags;		/* EO_ARGSTR_F_* */
	u8 len;			/* of value, without its NUL */
	char value[EO_ARG_STR_LEN];
};

/*
 * Who failed how: what a failure is counted under. Whole words without padding, so that
 * the counters compare and copy it as five u64s.
 */
struct eo_record_key {
	u64 origin;		/* the origin function's address, 0 when none */
	u32 tgid;
	u32 nr;
	u32 err;		/* positive errno */
	u32 abi;		/* enum eo_abi */
	char comm[EO_COMM_LEN];
};

struct eo_record {
	struct eo_record_key key;
	unsigned long pos;	/* the ring position it was written at (queue.h) */
	u64 seq;
	u64 stamp;		/* when: clock.h */
	u64 cgroup_id;
	s64 ret;
	u64 args[EO_NR_ARGS];
	u32 tid;
	u32 uid;
	u32 cpu;		/* of its ring: set by the reader */
	u8 origin_status;	/* enum eo_origin_status_uapi */
	u8 origin_flags;	/* EO_ORIGIN_F_* */
	u8 chain_len;
	u8 nstrings;
	u64 chain_addr[EO_ORIGIN_MAX_CHAIN];	/* origin first */
	s64 chain_ret[EO_ORIGIN_MAX_CHAIN];
	u64 chain_site[EO_ORIGIN_MAX_CHAIN];	/* each frame's call site in its caller */
	struct eo_arg_string strings[EO_ARG_STRINGS];
};

/*
 * Copies what @src uses: the arrays hold chain_len and nstrings entries, the strings len.
 * @src may be rewritten meanwhile (the caller then drops the copy): every length is read
 * once and bounded, so that a torn copy is wrong but never overruns.
 */
static inline void eo_record_copy(struct eo_record *dst, const struct eo_record *src)
{
	unsigned int i, n;

	memcpy(dst, src, offsetof(struct eo_record, chain_addr));
	dst->chain_len = min_t(unsigned int, dst->chain_len, EO_ORIGIN_MAX_CHAIN);
	dst->nstrings = min_t(unsigned int, dst->nstrings, EO_ARG_STRINGS);
	n = dst->chain_len;
	if (n) {
		memcpy(dst->chain_addr, src->chain_addr, n * sizeof(src->chain_addr[0]));
		memcpy(dst->chain_ret, src->chain_ret, n * sizeof(src->chain_ret[0]));
		memcpy(dst->chain_site, src->chain_site, n * sizeof(src->chain_site[0]));
	}
	for (i = 0; i < dst->nstrings; i++) {
		n = min_t(unsigned int, READ_ONCE(src->strings[i].len), EO_ARG_STR_LEN - 1);
		memcpy(&dst->strings[i], &src->strings[i], offsetof(struct eo_arg_string, value) + n);
		dst->strings[i].len = n;
		dst->strings[i].value[n] = '\0';
	}
}

#endif /* _EO_RECORD_H */
