/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What to capture. A filter is immutable once published: control builds a new one and swaps
 * it in under RCU, so the hot path reads it without locks.
 */
#ifndef _EO_FILTER_H
#define _EO_FILTER_H

#include <linux/bitmap.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/errorigin.h>

enum eo_filter_flags {
	EO_F_ERRNO	= BIT(0),
	EO_F_SYSCALL	= BIT(1),
	EO_F_PID	= BIT(2),
	EO_F_TID	= BIT(3),
	EO_F_COMM	= BIT(4),
	EO_F_CGROUP	= BIT(5),
	EO_F_NOT_TGID	= BIT(6),	/* the client that armed: its own calls are not captured */
	EO_F_QUIET	= BIT(7),	/* neither are the quiet clients' (EO_CMD_QUIET) */
};

/*
 * What the hot path knows about one failure of the current task, in the order the checks
 * get more expensive. Small enough to pass in registers.
 */
struct eo_failure {
	int err;		/* positive errno */
	u32 nr;
	u32 abi;		/* enum eo_abi */
};

struct eo_filter {
	unsigned int flags;
	u32 tgid;
	u32 tid;
	u64 cgroup_id;
	u32 not_tgid;
	char comm[EO_COMM_LEN];
	DECLARE_BITMAP(errnos, EO_MAX_ERRNO + 1);
	DECLARE_BITMAP(syscalls, EO_MAX_SYSCALLS);		/* native and x32 */
	DECLARE_BITMAP(compat_syscalls, EO_MAX_SYSCALLS);	/* ia32 */
	bool no_args;		/* capture option: path strings are not copied */
	u32 nquiet;
	struct pid *quiet[EO_QUIET_MAX];	/* processes, held by quiet.c */
};

struct eo_filter *eo_filter_alloc(void);
/* A copy to change and publish in place of @f. */
struct eo_filter *eo_filter_dup(const struct eo_filter *f);
void eo_filter_free(struct eo_filter *f);
int eo_filter_add_errno(struct eo_filter *f, int err);
int eo_filter_add_syscall(struct eo_filter *f, int nr, bool compat);
void eo_filter_set_pid(struct eo_filter *f, u32 tgid);
void eo_filter_set_tid(struct eo_filter *f, u32 tid);
int eo_filter_set_comm(struct eo_filter *f, const char *comm);
void eo_filter_set_cgroup(struct eo_filter *f, u64 id);
void eo_filter_exclude_tgid(struct eo_filter *f, u32 tgid);
/* The syscall, process and cgroup conditions of eo_filter_match_call(). */
bool eo_filter_match_task(const struct eo_filter *f, struct eo_failure x);

/* Everything but the errno: decided at syscall entry too. Inline for capture-all's sake. */
static __always_inline bool eo_filter_match_call(const struct eo_filter *f,
						 const struct eo_failure *x)
{
	return !(f->flags & ~EO_F_ERRNO) || eo_filter_match_task(f, *x);
}
static inline bool eo_filter_match_errno(const struct eo_filter *f, int err)
{
	return !(f->flags & EO_F_ERRNO) || test_bit(err, f->errnos);
}

#endif /* _EO_FILTER_H */
