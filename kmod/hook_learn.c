// SPDX-License-Identifier: GPL-2.0
/*
 * Learning costs every traced function call of every task a hook round trip. On x86-64 the
 * hook is a trampoline ftrace calls directly from each fentry site (hook_learn_tramp.S):
 * while no task is inside a learned syscall it returns after one load. Elsewhere, or when
 * ftrace refuses the direct call (another direct user holds one of the functions), it is an
 * ftrace_ops callback, which costs the ops' ftrace_regs round trip first. Either way the
 * entries by anybody but a task inside a learned syscall (interrupts included: their
 * functions are not the syscall's) come back after a few loads, counted with one per-CPU
 * increment: what learning costs everyone else, told to userspace with each pair's end.
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_recursion.h>
#include "capture.h"
#include "hook_learn.h"
#include "learn_ret.h"
#include "learn_set.h"
#include "stats.h"
#include "syscall_probe.h"

#define EO_LEARN_SYSCALLS EO_LEARN_PAIRS
#define EO_LEARN_MAXACTIVE 256

struct eo_learn_probe {
	struct kretprobe rp;
	unsigned int nr;
	u8 abi;
	char symbol[KSYM_NAME_LEN];
};

static struct eo_learn_probe eo_learn_probes[EO_LEARN_SYSCALLS];
static unsigned int eo_learn_nprobes;
static struct ftrace_ops *eo_learn_on;	/* the ops registered, NULL when none */
static unsigned int eo_learn_nfuncs;
static char eo_learn_desc[256];
static DEFINE_PER_CPU(unsigned long, eo_learn_others);

/*
 * One entry of a followed function: @site is where ftrace knows it, @parent its return
 * address into its caller, held at @where on the stack (the trampoline's; NULL for the
 * callback, which cannot follow returns).
 */
static __always_inline void eo_learn_entered(unsigned long site, unsigned long parent,
					     unsigned long *where)
{
	struct eo_learn_slot *s;
	int bit;

	s = in_task() ? eo_learn_slot_of(current) : NULL;
	if (!s) {
		this_cpu_inc(eo_learn_others);
		return;
	}
	bit = ftrace_test_recursion_trylock(site, parent);
	if (bit < 0)
		return;
	eo_learn_record(s, site, parent);
	if (where)
		eo_learn_ret_enter(s - eo_learn_slots, s->gen, site, where, parent);
	ftrace_test_recursion_unlock(bit);
}

static void notrace eo_learn_func(unsigned long ip, unsigned long parent_ip,
				  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	eo_learn_entered(ip, parent_ip, NULL);
}
NOKPROBE_SYMBOL(eo_learn_func);

static struct ftrace_ops eo_learn_ops = {
	.func = eo_learn_func,
};

#ifdef EO_HAVE_LEARN_TRAMP

/* The trampoline's slow path: some task is inside a learned syscall. */
void notrace eo_learn_hit(unsigned long site, unsigned long *where)
{
	eo_learn_entered(site, READ_ONCE_NOCHECK(*where), where);
}
NOKPROBE_SYMBOL(eo_learn_hit);

static struct ftrace_ops eo_learn_direct;

static int eo_learn_register_direct(unsigned long *ips, unsigned int n)
{
	int err = ftrace_set_filter_ips(&eo_learn_direct, ips, n, 0, 1);

	if (!err)
		err = register_ftrace_direct(&eo_learn_direct, (unsigned long)eo_learn_tramp);
	if (!err)
		eo_learn_on = &eo_learn_direct;
	return err;
}

static void eo_learn_unregister_direct(void)
{
	/* waits until no task can be inside the trampoline (RCU tasks) */
	unregister_ftrace_direct(&eo_learn_direct, (unsigned long)eo_learn_tramp, false);
	/* then no return address is taken any more: those still taken go back */
	eo_learn_ret_restore();
}
#else
static int eo_learn_register_direct(unsigned long *ips, unsigned int n)
{
	return -EOPNOTSUPP;
}

static void eo_learn_unregister_direct(void)
{
}
#endif

static int notrace eo_learn_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct eo_learn_probe *p = container_of(get_kretprobe(ri), struct eo_learn_probe, rp);

	if (!eo_capture_wants((struct pt_regs *)regs->di))
		return 1;	/* no return hook either */
	return eo_learn_begin(p->nr, p->abi) ? 0 : 1;
}
NOKPROBE_SYMBOL(eo_learn_entry);

static int notrace eo_learn_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct eo_learn_probe *p = container_of(get_kretprobe(ri), struct eo_learn_probe, rp);
	struct eo_learn_slot *s = eo_learn_slot_of(current);

	if (s)
		eo_learn_end(s, p->nr, p->abi, regs_return_value(regs));
	return 0;
}
NOKPROBE_SYMBOL(eo_learn_return);

int eo_hook_learn_register(unsigned long *ips, const u8 *classes, unsigned int n)
{
	int err;

	if (eo_learn_on)
		return 0;
	/* an empty filter would be every function: never registered so */
	if (!n)
		return -EINVAL;
	/* returns are followed by the trampoline alone; no memory for it: entries only */
	eo_learn_ret_set(ips, classes, n);
	if (!eo_learn_register_direct(ips, n))
		goto on;
	eo_learn_ret_free();
	/*
	 * One pass over the ftrace records for the whole set (a notrace glob each would cost a
	 * pass with a kallsyms lookup per record: seconds for the CLI's hundred deny globs).
	 * Reset replaces the last learning's filter; refused, it leaves that one in place.
	 */
	err = ftrace_set_filter_ips(&eo_learn_ops, ips, n, 0, 1);
	if (err)
		return err;
	err = register_ftrace_function(&eo_learn_ops);
	if (err)
		return err;
	eo_learn_on = &eo_learn_ops;
on:
	eo_learn_nfuncs = n;
	return 0;
}

int eo_hook_learn_add_syscall(unsigned int nr, u8 abi)
{
	struct eo_learn_probe *p;
	unsigned int i;
	int err;

	for (i = 0; i < eo_learn_nprobes; i++)
		if (eo_learn_probes[i].nr == nr && eo_learn_probes[i].abi == abi)
			return 0;
	if (eo_learn_nprobes == EO_LEARN_SYSCALLS)
		return -ENOSPC;
	p = &eo_learn_probes[eo_learn_nprobes];
	memset(p, 0, sizeof(*p));
	p->nr = nr;
	p->abi = abi;
	p->rp.entry_handler = eo_learn_entry;
	p->rp.handler = eo_learn_return;
	p->rp.maxactive = EO_LEARN_MAXACTIVE;
	err = eo_syscall_kretprobe(&p->rp, p->symbol, sizeof(p->symbol), nr,
				   abi == EO_ABI_COMPAT);
	if (!err)
		eo_learn_nprobes++;
	return err;
}

void eo_hook_learn_unregister(void)
{
	struct kretprobe *rps[EO_LEARN_SYSCALLS];
	unsigned int i;

	for (i = 0; i < eo_learn_nprobes; i++)
		rps[i] = &eo_learn_probes[i].rp;
	if (eo_learn_nprobes)
		unregister_kretprobes(rps, eo_learn_nprobes);	/* one grace period */
	eo_learn_nprobes = 0;
	if (eo_learn_on == &eo_learn_ops)
		/* waits for every callback (RCU tasks) */
		unregister_ftrace_function(&eo_learn_ops);
	else if (eo_learn_on)
		eo_learn_unregister_direct();
	eo_learn_on = NULL;
}

u64 eo_hook_learn_others(void)
{
	return eo_percpu_sum(eo_learn_others);
}

bool eo_hook_learn_registered(void)
{
	return eo_learn_on;
}

void eo_hook_learn_uninit(void)
{
	eo_hook_learn_unregister();
	eo_learn_ret_free();
	ftrace_free_filter(&eo_learn_ops);
#ifdef EO_HAVE_LEARN_TRAMP
	ftrace_free_filter(&eo_learn_direct);
#endif
}

const char *eo_hook_learn_name(void)
{
	size_t off;
	unsigned int i;

	off = scnprintf(eo_learn_desc, sizeof(eo_learn_desc), "%s:%u-functions",
			eo_learn_on == &eo_learn_ops ? "ftrace" : "ftrace-direct", eo_learn_nfuncs);
	for (i = 0; i < eo_learn_nprobes; i++)
		off += scnprintf(eo_learn_desc + off, sizeof(eo_learn_desc) - off, "%skretprobe:%s",
				 i ? "," : "+", eo_learn_probes[i].symbol);
	return eo_learn_desc;
}
