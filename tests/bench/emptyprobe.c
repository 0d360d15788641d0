// SPDX-License-Identifier: GPL-2.0
/*
 * The floor of any capture on the raw_syscalls sys_exit tracepoint: a probe that does
 * nothing. Registering it sets TIF_SYSCALL_TRACEPOINT on every task, so each syscall
 * leaves through the slow exit path and calls the probe indirectly; what errorigin's
 * probe costs above this is its own work. Used by make bench only.
 */
#include <linux/module.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

static struct tracepoint *ep_tp;

static void notrace ep_probe(void *data, struct pt_regs *regs, long ret)
{
}

/* the tracepoint's symbol is not exported: found by name, as errorigin does */
static void ep_find(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sys_exit"))
		ep_tp = tp;
}

static int __init ep_init(void)
{
	for_each_kernel_tracepoint(ep_find, NULL);
	if (!ep_tp) {
		pr_err("emptyprobe: tracepoint sys_exit not found\n");
		return -ENOENT;
	}
	return tracepoint_probe_register(ep_tp, ep_probe, NULL);
}

static void __exit ep_exit(void)
{
	tracepoint_probe_unregister(ep_tp, ep_probe, NULL);
	tracepoint_synchronize_unregister();
}

module_init(ep_init);
module_exit(ep_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("bench: an empty probe on raw_syscalls:sys_exit");
