// SPDX-License-Identifier: GPL-2.0
/*
 * Learning costs every traced function call of every task an ftrace trampoline round trip,
 * so the callback bails out on the first loads for anybody who is not a task inside a
 * learned syscall (interrupts included: their functions are not the syscall's).
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_recursion.h>
#include "capture.h"
#include "hook_learn.h"
#include "learn_set.h"
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
static bool eo_learn_ops_on;
static unsigned int eo_learn_nfuncs;
static char eo_learn_desc[256];

static void notrace eo_learn_func(unsigned long ip, unsigned long parent_ip,
				  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct eo_learn_slot *s;
	int bit;

	if (!in_task())
		return;
	s = eo_learn_slot_of(current);
	if (!s)
		return;
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0)
		return;
	eo_learn_record(s, ip, parent_ip);
	ftrace_test_recursion_unlock(bit);
}
NOKPROBE_SYMBOL(eo_learn_func);

static struct ftrace_ops eo_learn_ops = {
	.func = eo_learn_func,
};

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

int eo_hook_learn_follow(unsigned long *ips, unsigned int n)
{
	int err;

	if (eo_learn_ops_on)
		return -EBUSY;
	/* an empty filter would be every function: never registered so */
	if (!n)
		return -EINVAL;
	/*
	 * One pass over the ftrace records for the whole set (a notrace glob each would cost a
	 * pass with a kallsyms lookup per record: seconds for the CLI's hundred deny globs).
	 * Reset replaces the last learning's filter; refused, it leaves that one in place.
	 */
	err = ftrace_set_filter_ips(&eo_learn_ops, ips, n, 0, 1);
	if (err)
		return err;
	eo_learn_nfuncs = n;
	return 0;
}

int eo_hook_learn_register(void)
{
	int err;

	if (eo_learn_ops_on)
		return 0;
	err = register_ftrace_function(&eo_learn_ops);
	if (!err)
		eo_learn_ops_on = true;
	return err;
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
	if (eo_learn_ops_on)
		/* waits for every callback (RCU tasks) */
		unregister_ftrace_function(&eo_learn_ops);
	eo_learn_ops_on = false;
}

bool eo_hook_learn_registered(void)
{
	return eo_learn_ops_on;
}

void eo_hook_learn_uninit(void)
{
	eo_hook_learn_unregister();
	ftrace_free_filter(&eo_learn_ops);
}

const char *eo_hook_learn_name(void)
{
	size_t off;
	unsigned int i;

	off = scnprintf(eo_learn_desc, sizeof(eo_learn_desc), "ftrace:%u-functions",
			eo_learn_nfuncs);
	for (i = 0; i < eo_learn_nprobes; i++)
		off += scnprintf(eo_learn_desc + off, sizeof(eo_learn_desc) - off, "%skretprobe:%s",
				 i ? "," : "+", eo_learn_probes[i].symbol);
	return eo_learn_desc;
}
