// SPDX-License-Identifier: GPL-2.0
#include <asm/syscall.h>
#include <linux/cgroup.h>
#include <linux/compat.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>
#include "args.h"
#include "capture.h"
#include "clock.h"
#include "counts.h"
#include "learn_ret.h"
#include "queue.h"
#include "session.h"

struct eo_capture_cpu {
	unsigned int nest;
	/*
	 * Per CPU: gap-free unless failures were dropped on this CPU. Every failure that
	 * passed the filter takes one, and so does every nested one.
	 */
	u64 seq;
	u64 nested;
};

static DEFINE_PER_CPU(struct eo_capture_cpu, eo_capture_cpu);
static struct eo_filter __rcu *eo_capture_filter;
static struct eo_funcs __rcu *eo_capture_funcs;

struct eo_filter *eo_capture_set_filter(struct eo_filter *f)
{
	return rcu_replace_pointer(eo_capture_filter, f, true);
}

struct eo_funcs *eo_capture_set_funcs(struct eo_funcs *funcs)
{
	return rcu_replace_pointer(eo_capture_funcs, funcs, true);
}

/* x32 is told by the syscall number: what is left is whether the call came through ia32 */
#ifdef CONFIG_X86
#define eo_in_ia32_syscall() in_ia32_syscall()
#else
#define eo_in_ia32_syscall() in_compat_syscall()
#endif

/*
 * Which syscall this was. False for a return that belongs to no syscall: rt_sigreturn
 * restores the interrupted context with orig_ax = -1, and its "return value" is the
 * interrupted syscall's (already reported) result.
 */
static __always_inline bool eo_capture_syscall(struct pt_regs *regs, struct eo_failure *x)
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
	x->abi = eo_in_ia32_syscall() ? EO_ABI_COMPAT : EO_ABI_NATIVE;
	return true;
}

void notrace eo_capture_enter(unsigned long wrapper)
{
	const struct eo_funcs *funcs;
	struct eo_session *s;
	int id = -1;

	if (!eo_session_any())
		return;
	s = eo_session_find(current);
	if (!s)
		return;
	/*
	 * Kept if the function hooks began it at this very wrapper's entry, their hook having
	 * run first: the one this call's chain starts with.
	 */
	if (wrapper) {
		preempt_disable_notrace();
		funcs = rcu_dereference_sched(eo_capture_funcs);
		if (funcs && s->gen == funcs->gen)
			id = eo_funcs_lookup(funcs, wrapper);
		preempt_enable_notrace();
		if (id >= 0 && eo_origin_just_entered(&s->o, id))
			return;
	}
	eo_session_end(s);
}
NOKPROBE_SYMBOL(eo_capture_enter);

notrace struct eo_session *eo_capture_claim(const struct eo_funcs *funcs)
{
	struct eo_session *s = eo_session_current(funcs->gen);
	const struct eo_filter *f;
	struct eo_failure x = {};	/* no errno yet: the call's conditions only */

	if (s || (current->flags & PF_KTHREAD) || !in_task())
		return s;
	/* a set still being hooked (a re-arm) claims nothing: its chains would be partial */
	if (rcu_access_pointer(eo_capture_funcs) != funcs)
		return NULL;
	preempt_disable_notrace();
	f = rcu_dereference_sched(eo_capture_filter);
	/* the syscall being served is in the task's saved user registers */
	if (f && eo_capture_syscall(task_pt_regs(current), &x) && eo_filter_match_call(f, &x))
		s = eo_session_begin(current, funcs->gen);
	preempt_enable_notrace();
	return s;
}
NOKPROBE_SYMBOL(eo_capture_claim);

bool notrace eo_capture_wants(struct pt_regs *regs)
{
	const struct eo_filter *f;
	struct eo_failure x = {};	/* at entry: the call's conditions only */
	bool ret = false;

	preempt_disable_notrace();
	f = rcu_dereference_sched(eo_capture_filter);
	if (f && eo_capture_syscall(regs, &x))
		ret = eo_filter_match_call(f, &x);
	preempt_enable_notrace();
	return ret;
}
NOKPROBE_SYMBOL(eo_capture_wants);

static const u8 eo_origin_status_map[] = {
	[EO_ORIGIN_FOUND] = EO_ORIGIN_OK,
	[EO_ORIGIN_NONE] = EO_ORIGIN_NOT_ARMED,
	[EO_ORIGIN_MISMATCH] = EO_ORIGIN_ERRNO_DIFFERS,
	[EO_ORIGIN_DESYNC] = EO_ORIGIN_UNPAIRED,
};

/*
 * The chain of a session, into @rec; returns the origin function's address, 0 for none.
 * Kept apart from eo_capture_origin(): the kernel's zero-initialisation of stack variables
 * clears @r (300 bytes) at every call.
 */
static noinline u64 notrace eo_capture_chain(struct eo_record *rec,
					     const struct eo_funcs *funcs,
					     const struct eo_session *s, long ret)
{
	struct eo_origin_result r;
	unsigned int i;

	eo_origin_finish(&s->o, ret, &r);
	rec->origin_status = eo_origin_status_map[r.status];
	rec->origin_flags = (r.stitched ? EO_ORIGIN_F_STITCHED : 0) |
			    (r.truncated ? EO_ORIGIN_F_TRUNCATED : 0);
	for (i = 0; i < r.n; i++) {
		rec->chain_addr[i] = r.func[i] < funcs->n ? funcs->addr[r.func[i]] : 0;
		rec->chain_ret[i] = r.ret[i];
		rec->chain_site[i] = r.site[i];
	}
	rec->chain_len = r.n;
	return rec->origin_status == EO_ORIGIN_OK ? rec->chain_addr[0] : 0;
}
NOKPROBE_SYMBOL(eo_capture_chain);

/* The origin of @rec, with its status; returns the origin function's address, 0 for none. */
static __always_inline u64 eo_capture_origin(struct eo_record *rec,
					     const struct eo_funcs *funcs,
					     const struct eo_session *s, long ret)
{
	rec->chain_len = 0;
	rec->origin_flags = 0;
	if (!funcs) {
		rec->origin_status = EO_ORIGIN_OFF;
		return 0;
	}
	if (!s) {
		/* no followed function was entered, or no session was free when one was */
		rec->origin_status = eo_session_was_refused(current) ? EO_ORIGIN_NO_SESSION :
								       EO_ORIGIN_NOT_ARMED;
		return 0;
	}
	if (s->gen != funcs->gen) {
		/* the call began under the set armed before: its chain is not this set's */
		rec->origin_status = EO_ORIGIN_UNPAIRED;
		return 0;
	}
	return eo_capture_chain(rec, funcs, s, ret);
}

/* The record's key, also what the counters count it under (its origin set apart). */
static __always_inline void eo_capture_key(struct eo_record_key *k, const struct eo_failure *x)
{
	k->tgid = current->tgid;
	k->nr = x->nr;
	k->err = x->err;
	k->abi = x->abi;
	memcpy(k->comm, current->comm, EO_COMM_LEN);
	k->comm[EO_COMM_LEN - 1] = '\0';
}

static __always_inline void eo_capture_fill(struct eo_record *rec, struct pt_regs *regs,
					    long ret, const struct eo_failure *x, bool copy_args)
{
	struct task_struct *task = current;

	rec->seq = this_cpu_inc_return(eo_capture_cpu.seq);
	rec->stamp = eo_clock_stamp();
	eo_capture_key(&rec->key, x);
	rec->tid = task->pid;
	/* init_user_ns maps every uid to itself: from_kuid() into it is the identity */
	rec->uid = __kuid_val(current_uid());
	rec->cgroup_id = cgroup_id(task_dfl_cgroup(task));
	/* (rec->cpu: the ring's, filled in where the record is read) */
	rec->ret = ret;
	BUILD_BUG_ON(sizeof(rec->args[0]) != sizeof(unsigned long));
	syscall_get_arguments(task, regs, (unsigned long *)rec->args);
	if (copy_args)
		eo_args_copy(rec);
	else
		rec->nstrings = 0;
}

/* A failure the queue had no room for: counted all the same. */
static noinline void notrace eo_capture_count(struct eo_failure x)
{
	struct eo_record_key k = {};

	eo_capture_key(&k, &x);
	eo_counts_add(&k);
}
NOKPROBE_SYMBOL(eo_capture_count);

/*
 * The wrapper's own frame, when the function hooks follow it too but their return hook runs
 * after the capture's (a set hooked after the syscall's kretprobe, as every re-arm that
 * keeps it does): closed here with the syscall's return, so that the chain does not depend
 * on the order the hooks were registered in. Its call site is what the function hook saw
 * at entry (it ran first then): where the kretprobe returns to may be the function hook's
 * trampoline (fgraph's, 6.14 on).
 */
static __always_inline void eo_capture_close_wrapper(struct eo_session *s,
						     const struct eo_funcs *funcs, long ret,
						     const struct eo_capture_via *via)
{
	int id = eo_origin_alone(&s->o);	/* cheap: usually the wrapper has returned */
	bool failed;
	s64 val;

	if (id < 0 || eo_funcs_lookup(funcs, via->func) != id)
		return;
	failed = eo_funcs_failed(funcs->class[id], ret, &val);
	eo_origin_exit(&s->o, id, val, failed, eo_origin_outer_site(&s->o) ?: via->to);
	eo_session_note_closed(s, id);
}

/*
 * Ends current's session at its syscall's exit. A frame still open in it is the wrapper's,
 * whose function hook returns after the syscall's kretprobe: that return is expected then.
 */
static __always_inline void eo_capture_end_session(struct eo_session *s)
{
	int id = eo_origin_alone(&s->o);

	if (id >= 0)
		eo_session_note_closed(s, id);
	eo_session_end(s);
}

/*
 * A failure that passed the filter: count it, queue it (or count the drop). The origin is
 * taken first and the session closed before anything traceable runs, so that the capture
 * path's own calls (strncpy_from_user, ...) cannot enter the chain it reports.
 */
static __always_inline void eo_capture_failure(struct pt_regs *regs, long ret,
					       const struct eo_failure *x,
					       struct eo_session **s, const struct eo_filter *f,
					       bool origin, const struct eo_capture_via *via)
{
	const struct eo_funcs *funcs = origin ? rcu_dereference_sched(eo_capture_funcs) : NULL;
	struct eo_record *rec;

	if (eo_queue_full()) {
		/* queue full: the counters still see it, this CPU's sequence gap shows the drop */
		this_cpu_inc(eo_capture_cpu.seq);
		eo_capture_count(*x);
		return;
	}
	rec = eo_queue_reserve();
	if (via && funcs && *s && (*s)->gen == funcs->gen)
		eo_capture_close_wrapper(*s, funcs, ret, via);
	rec->key.origin = eo_capture_origin(rec, funcs, *s, ret);
	/* a call learning followed: its origin came with it (learn_ret.h) */
	if (eo_learn_ret_take(rec, ret))
		rec->key.origin = rec->chain_addr[0];
	if (via && via->tramp && rec->chain_len &&
	    rec->chain_site[rec->chain_len - 1] == via->tramp)
		rec->chain_site[rec->chain_len - 1] = via->to;
	if (*s) {
		eo_capture_end_session(*s);
		*s = NULL;
	}
	eo_capture_fill(rec, regs, ret, x, !f->no_args);
	eo_counts_add(&rec->key);
	eo_queue_commit();
}

/*
 * Both exits below. The hook may run preemptible (7.3's faultable syscall tracepoints), so
 * pin the CPU for the per-CPU state. Without @origin no function is armed: no session, and
 * @ret is known to be an error.
 */
static __always_inline void eo_capture_exit_common(struct pt_regs *regs, long ret, bool origin,
						   const struct eo_capture_via *via)
{
	const struct eo_filter *f;
	struct eo_session *s = NULL;
	struct eo_failure x;

	preempt_disable_notrace();
	if (origin && rcu_access_pointer(eo_capture_funcs) && eo_session_any())
		s = eo_session_find(current);
	f = rcu_dereference_sched(eo_capture_filter);
	if (!f || (origin && !IS_ERR_VALUE(ret)))
		goto out;
	/* no syscall-exit hook runs inside another on one CPU; should one ever, it drops */
	if (unlikely(this_cpu_inc_return(eo_capture_cpu.nest) != 1)) {
		this_cpu_inc(eo_capture_cpu.nested);
		this_cpu_inc(eo_capture_cpu.seq);	/* a drop like any other */
		goto out_nest;
	}
	x.err = -ret;
	/* the cheapest test first: an errno filter rejects most failures */
	if (eo_filter_match_errno(f, x.err) && eo_capture_syscall(regs, &x) &&
	    eo_filter_match_call(f, &x))
		eo_capture_failure(regs, ret, &x, &s, f, origin, via);
out_nest:
	this_cpu_dec(eo_capture_cpu.nest);
out:
	if (origin && s)
		eo_capture_end_session(s);
	preempt_enable_notrace();
}

void notrace eo_capture_exit(struct pt_regs *regs, long ret, const struct eo_capture_via *via)
{
	eo_capture_exit_common(regs, ret, true, via);
}
NOKPROBE_SYMBOL(eo_capture_exit);

void notrace eo_capture_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	if (!IS_ERR_VALUE(ret))
		return;
	if (rcu_access_pointer(eo_capture_funcs))
		eo_capture_exit_common(regs, ret, true, NULL);
	else
		eo_capture_exit_common(regs, ret, false, NULL);
}
NOKPROBE_SYMBOL(eo_capture_sys_exit);

void eo_capture_stats(struct eo_stats *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct eo_capture_cpu *c = per_cpu_ptr(&eo_capture_cpu, cpu);
		u64 nested = READ_ONCE(c->nested);

		/* every failure that passed the filter took a sequence number */
		s->captured += READ_ONCE(c->seq) - nested;
		s->drop_nested += nested;
	}
}
