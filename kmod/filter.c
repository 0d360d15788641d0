// SPDX-License-Identifier: GPL-2.0
#include <linux/cgroup.h>
#include <linux/kprobes.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "alloc.h"
#include "filter.h"

struct eo_filter *eo_filter_alloc(void)
{
	return kzalloc(sizeof(struct eo_filter), EO_GFP);
}

struct eo_filter *eo_filter_dup(const struct eo_filter *f)
{
	return kmemdup(f, sizeof(*f), EO_GFP);
}

void eo_filter_free(struct eo_filter *f)
{
	kfree(f);
}

int eo_filter_add_errno(struct eo_filter *f, int err)
{
	if (err < 1 || err > EO_MAX_ERRNO)
		return -ERANGE;
	__set_bit(err, f->errnos);
	f->flags |= EO_F_ERRNO;
	return 0;
}

int eo_filter_add_syscall(struct eo_filter *f, int nr, bool compat)
{
	if (nr < 0 || nr >= EO_MAX_SYSCALLS)
		return -ERANGE;
	__set_bit(nr, compat ? f->compat_syscalls : f->syscalls);
	f->flags |= EO_F_SYSCALL;
	return 0;
}

void eo_filter_set_pid(struct eo_filter *f, u32 tgid)
{
	f->tgid = tgid;
	f->flags |= EO_F_PID;
}

void eo_filter_set_tid(struct eo_filter *f, u32 tid)
{
	f->tid = tid;
	f->flags |= EO_F_TID;
}

int eo_filter_set_comm(struct eo_filter *f, const char *comm)
{
	if (!*comm || strscpy(f->comm, comm, sizeof(f->comm)) < 0)
		return -EINVAL;
	f->flags |= EO_F_COMM;
	return 0;
}

void eo_filter_set_cgroup(struct eo_filter *f, u64 id)
{
	f->cgroup_id = id;
	f->flags |= EO_F_CGROUP;
}

void eo_filter_exclude_tgid(struct eo_filter *f, u32 tgid)
{
	f->not_tgid = tgid;
	f->flags |= EO_F_NOT_TGID;
}

static bool notrace eo_filter_syscall_match(const struct eo_filter *f, struct eo_failure x)
{
	if (x.nr >= EO_MAX_SYSCALLS)
		return false;
	if (x.abi == EO_ABI_COMPAT)
		return test_bit(x.nr, f->compat_syscalls);
	return test_bit(x.nr, f->syscalls);
}
NOKPROBE_SYMBOL(eo_filter_syscall_match);

static bool notrace eo_filter_quiet(const struct eo_filter *f, struct task_struct *task)
{
	const struct pid *tgid = task_tgid(task);
	u32 i;

	for (i = 0; i < f->nquiet; i++)
		if (f->quiet[i] == tgid)
			return true;
	return false;
}
NOKPROBE_SYMBOL(eo_filter_quiet);

/* Runs in syscall hooks with preemption disabled, for the current task. */
bool notrace eo_filter_match_task(const struct eo_filter *f, struct eo_failure x)
{
	struct task_struct *task = current;
	unsigned int flags = f->flags;

	if ((flags & EO_F_SYSCALL) && !eo_filter_syscall_match(f, x))
		return false;
	if ((flags & EO_F_PID) && task->tgid != f->tgid)
		return false;
	if ((flags & EO_F_NOT_TGID) && task->tgid == f->not_tgid)
		return false;
	if ((flags & EO_F_QUIET) && eo_filter_quiet(f, task))
		return false;
	if ((flags & EO_F_TID) && task->pid != f->tid)
		return false;
	if ((flags & EO_F_COMM) && strncmp(task->comm, f->comm, EO_COMM_LEN))
		return false;
	if ((flags & EO_F_CGROUP) && cgroup_id(task_dfl_cgroup(task)) != f->cgroup_id)
		return false;
	return true;
}
NOKPROBE_SYMBOL(eo_filter_match_task);
