// SPDX-License-Identifier: GPL-2.0
#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/cgroup.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <asm/syscall.h>
#include "capture.h"
#include "counts.h"
#include "queue.h"

struct eo_capture_cpu {
	unsigned int nest;
	u64 captured;
	u64 nested;
};

static DEFINE_PER_CPU(struct eo_capture_cpu, eo_capture_cpu);
static struct eo_filter __rcu *eo_capture_filter;
static atomic64_t eo_capture_seq;

struct eo_filter *eo_capture_set_filter(struct eo_filter *f)
{
	return rcu_replace_pointer(eo_capture_filter, f, true);
}

/*
 * Which syscall this was. False for a return that belongs to no syscall: rt_sigreturn
 * restores the interrupted context with orig_ax = -1, and its "return value" is the
 * interrupted syscall's (already reported) result.
 */
static bool notrace eo_capture_syscall(struct pt_regs *regs, struct eo_failure *x)
{
	int raw = syscall_get_nr(current, regs);

	if (raw < 0)
		return false;
#ifdef __X32_SYSCALL_BIT
	if (raw & __X32_SYSCALL_BIT) {
		x->nr = raw & ~__X32_SYSCALL_BIT;
		x->abi = EO_ABI_X32;
		return true;
	}
#endif
	x->nr = raw;
	x->abi = in_compat_syscall() ? EO_ABI_COMPAT : EO_ABI_NATIVE;
	return true;
}

static void notrace eo_capture_fill(struct eo_record *rec, struct pt_regs *regs, long ret,
				    const struct eo_failure *x)
{
	struct task_struct *task = current;
	unsigned long args[EO_NR_ARGS];
	int i;

	rec->seq = atomic64_inc_return(&eo_capture_seq);
	rec->time_ns = ktime_get_mono_fast_ns();
	rec->tgid = task->tgid;
	rec->tid = task->pid;
	rec->uid = from_kuid_munged(&init_user_ns, current_uid());
	rec->cgroup_id = cgroup_id(task_dfl_cgroup(task));
	rec->cpu = smp_processor_id();
	rec->nr = x->nr;
	rec->abi = x->abi;
	rec->ret = ret;
	memcpy(rec->comm, task->comm, EO_COMM_LEN);
	rec->comm[EO_COMM_LEN - 1] = '\0';
	syscall_get_arguments(task, regs, args);
	for (i = 0; i < EO_NR_ARGS; i++)
		rec->args[i] = args[i];
}

/*
 * Called from syscall-exit hooks for a return value in [-MAX_ERRNO, -1]. The hook may run
 * preemptible (7.3's faultable syscall tracepoints), so pin the CPU for the per-CPU state.
 */
void notrace eo_capture_failure(struct pt_regs *regs, long ret)
{
	const struct eo_filter *f;
	struct eo_capture_cpu *c;
	struct eo_record *rec, tmp;
	struct eo_failure x;

	preempt_disable_notrace();
	f = rcu_dereference_sched(eo_capture_filter);
	if (unlikely(!f))
		goto out;
	c = this_cpu_ptr(&eo_capture_cpu);
	if (unlikely(c->nest++)) {
		c->nested++;
		goto out_nest;
	}
	x.err = -ret;
	x.task = current;
	if (!eo_capture_syscall(regs, &x) || !eo_filter_match(f, &x))
		goto out_nest;
	c->captured++;
	rec = eo_queue_reserve();
	eo_capture_fill(rec ?: &tmp, regs, ret, &x);
	eo_counts_add(rec ?: &tmp);
	if (rec)
		eo_queue_commit(rec);
out_nest:
	c->nest--;
out:
	preempt_enable_notrace();
}

void eo_capture_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct eo_capture_cpu *c = per_cpu_ptr(&eo_capture_cpu, cpu);

		s->captured += READ_ONCE(c->captured);
		s->drop_nested += READ_ONCE(c->nested);
	}
}
