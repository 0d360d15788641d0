// SPDX-License-Identifier: GPL-2.0
/*
 * Per-syscall exit hooks: kretprobes on the syscall wrappers (__x64_sys_NAME and the ia32
 * ones) of a short syscall filter. Unlike the sys_exit tracepoint, which sends every syscall
 * of every task through the slow exit path, only the watched syscalls pay anything.
 *
 * A syscall that seccomp denies (SECCOMP_RET_ERRNO: a container's EPERM from mount) never
 * reaches its wrapper: a kretprobe on seccomp's verdict function (compat.h) sees those, when
 * it says "skip the syscall" and the task's return value is an error.
 */
#include <asm/syscall.h>
#include <linux/kprobes.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "alloc.h"
#include "capture.h"
#include "hooks.h"
#include "syscall_probe.h"

/* Concurrent sleeping calls one probe can follow; beyond that the kernel counts a miss. */
#define EO_SYSRET_MAXACTIVE 1024

struct eo_sysret_probe {
	struct kretprobe rp;
	char symbol[KSYM_NAME_LEN];
};

static struct eo_sysret_probe *eo_sysret_probes;
static unsigned int eo_sysret_count;
static u64 eo_sysret_missed_before;	/* misses of probes already unregistered */
static bool eo_sysret_sessions;		/* origin mode: open and close sessions */
static struct kretprobe eo_sysret_seccomp;
static bool eo_sysret_seccomp_on;

/*
 * The kprobes return trampoline (not exported), found once: it is the return address a
 * kretprobed function of this module sees.
 */
static unsigned long eo_sysret_tramp;

static noinline unsigned long eo_sysret_tramp_target(void)
{
	unsigned long to = (unsigned long)__builtin_return_address(0);

	barrier();	/* neither inlined nor folded away */
	return to;
}

static bool eo_sysret_tramp_seen;

static int eo_sysret_tramp_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	WRITE_ONCE(eo_sysret_tramp_seen, true);
	return 0;
}

static void eo_sysret_find_tramp(void)
{
	struct kretprobe rp = {
		.kp.addr = (kprobe_opcode_t *)eo_sysret_tramp_target,
		.handler = eo_sysret_tramp_return,
		.maxactive = 1,
	};
	unsigned long to;

	if (eo_sysret_tramp || register_kretprobe(&rp))
		return;		/* without it, sites stay as the hooks saw them */
	eo_sysret_tramp_seen = false;
	to = eo_sysret_tramp_target();
	unregister_kretprobe(&rp);
	/* a probe that did not fire saw the real return: nothing learned then */
	if (READ_ONCE(eo_sysret_tramp_seen))
		eo_sysret_tramp = to;
}

/* The wrapper's only argument is the syscall's saved user registers. */
static int notrace eo_sysret_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct pt_regs *user_regs = (struct pt_regs *)regs->di;

	*(struct pt_regs **)ri->data = user_regs;
	if (READ_ONCE(eo_sysret_sessions))
		eo_capture_enter((unsigned long)get_kretprobe(ri)->kp.addr);
	return 0;
}
NOKPROBE_SYMBOL(eo_sysret_entry);

static int notrace eo_sysret_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	long ret = regs_return_value(regs);
	struct eo_capture_via via;

	if (IS_ERR_VALUE(ret) || READ_ONCE(eo_sysret_sessions)) {
		via.tramp = eo_sysret_tramp;
		/*
		 * Where the wrapper returns, all return hooks of the frame taken into account
		 * (its kretprobe instance holds the address it replaced, which may be another
		 * hook's trampoline): the kprobes layer sets it before calling handlers.
		 */
		via.to = instruction_pointer(regs);
		via.func = (unsigned long)get_kretprobe(ri)->kp.addr;
		eo_capture_exit(*(struct pt_regs **)ri->data, ret, &via);
	}
	return 0;
}
NOKPROBE_SYMBOL(eo_sysret_return);

/* -1: seccomp (or its tracer) decided the syscall does not run; the error is already set. */
static int notrace eo_sysret_seccomp_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct pt_regs *user_regs = task_pt_regs(current);
	long ret;

	if (!eo_seccomp_skipped(regs_return_value(regs)))
		return 0;
	ret = syscall_get_return_value(current, user_regs);
	if (IS_ERR_VALUE(ret))
		eo_capture_exit(user_regs, ret, NULL);
	return 0;
}
NOKPROBE_SYMBOL(eo_sysret_seccomp_return);

static void eo_sysret_seccomp_register(void)
{
	memset(&eo_sysret_seccomp, 0, sizeof(eo_sysret_seccomp));
	eo_sysret_seccomp.kp.symbol_name = EO_SECCOMP_VERDICT_SYMBOL;
	eo_sysret_seccomp.handler = eo_sysret_seccomp_return;
	eo_sysret_seccomp.maxactive = EO_SYSRET_MAXACTIVE;
	/* without seccomp in the kernel there is nothing to miss */
	eo_sysret_seccomp_on = !register_kretprobe(&eo_sysret_seccomp);
}

static int eo_sysret_add_syscall(unsigned int nr, bool compat)
{
	struct eo_sysret_probe *p = &eo_sysret_probes[eo_sysret_count];
	int err;

	memset(&p->rp, 0, sizeof(p->rp));
	p->rp.entry_handler = eo_sysret_entry;
	p->rp.handler = eo_sysret_return;
	p->rp.data_size = sizeof(struct pt_regs *);
	p->rp.maxactive = EO_SYSRET_MAXACTIVE;
	err = eo_syscall_kretprobe(&p->rp, p->symbol, sizeof(p->symbol), nr, compat);
	if (!err)
		eo_sysret_count++;
	return err;
}

int eo_hook_sysret_register(const struct eo_filter *f, bool sessions, char *desc, size_t len)
{
	unsigned int n, nr, i;
	size_t off = 0;
	int err = 0;

	if (!(f->flags & EO_F_SYSCALL))
		return -EOPNOTSUPP;
	n = bitmap_weight(f->syscalls, EO_MAX_SYSCALLS) +
	    bitmap_weight(f->compat_syscalls, EO_MAX_SYSCALLS);
	if (!n || n > EO_SYSRET_MAX_SYSCALLS)
		return -E2BIG;
	eo_sysret_find_tramp();
	eo_sysret_sessions = sessions;
	eo_sysret_probes = kcalloc(n, sizeof(*eo_sysret_probes), EO_GFP);
	if (!eo_sysret_probes)
		return -ENOMEM;
	eo_sysret_count = 0;
	for_each_set_bit(nr, f->syscalls, EO_MAX_SYSCALLS) {
		err = eo_sysret_add_syscall(nr, false);
		if (err)
			goto fail;
	}
	for_each_set_bit(nr, f->compat_syscalls, EO_MAX_SYSCALLS) {
		err = eo_sysret_add_syscall(nr, true);
		if (err)
			goto fail;
	}
	eo_sysret_seccomp_register();
	off = scnprintf(desc, len, "kretprobe:");
	for (i = 0; i < eo_sysret_count; i++)
		off += scnprintf(desc + off, len - off, "%s%s", i ? "," : "",
				 eo_sysret_probes[i].symbol);
	scnprintf(desc + off, len - off, eo_sysret_seccomp_on ? ",%s" :
		  " (seccomp denials not seen: no probe on %s)", EO_SECCOMP_VERDICT_SYMBOL);
	return 0;
fail:
	eo_hook_sysret_unregister();
	return err;
}

void eo_hook_sysret_unregister(void)
{
	struct kretprobe *rps[EO_SYSRET_MAX_SYSCALLS + 1];
	unsigned int i, n = 0;

	for (i = 0; i < eo_sysret_count; i++)
		rps[n++] = &eo_sysret_probes[i].rp;
	if (eo_sysret_seccomp_on)
		rps[n++] = &eo_sysret_seccomp;
	/*
	 * One grace period for all; it waits for running handlers, and instances still out
	 * return through the trampoline.
	 */
	if (n)
		unregister_kretprobes(rps, n);
	for (i = 0; i < eo_sysret_count; i++)
		eo_sysret_missed_before += eo_sysret_probes[i].rp.nmissed +
					   eo_sysret_probes[i].rp.kp.nmissed;
	if (eo_sysret_seccomp_on)
		eo_sysret_missed_before += eo_sysret_seccomp.nmissed;
	eo_sysret_seccomp_on = false;
	kfree(eo_sysret_probes);
	eo_sysret_probes = NULL;
	eo_sysret_count = 0;
}

void eo_hook_sysret_sessions(bool sessions)
{
	WRITE_ONCE(eo_sysret_sessions, sessions);
}

/* Control lock held. */
u64 eo_hook_sysret_missed(void)
{
	u64 missed = eo_sysret_missed_before;
	unsigned int i;

	for (i = 0; i < eo_sysret_count; i++)
		missed += READ_ONCE(eo_sysret_probes[i].rp.nmissed) +
			  READ_ONCE(eo_sysret_probes[i].rp.kp.nmissed);
	if (eo_sysret_seccomp_on)
		missed += READ_ONCE(eo_sysret_seccomp.nmissed);
	return missed;
}
