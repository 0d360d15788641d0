// SPDX-License-Identifier: GPL-2.0
/*
 * raw_syscalls:sys_exit probe. The tracepoint symbol is not exported, so it is found by name
 * with for_each_kernel_tracepoint(). Successful returns leave after one comparison.
 */
#include <linux/err.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "capture.h"
#include "hooks.h"

static struct tracepoint *eo_tp_sys_exit;

static void notrace eo_probe_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	if (!IS_ERR_VALUE(ret))
		return;
	eo_capture_failure(regs, ret);
}

const char *eo_hook_syscall_name(void)
{
	return "tracepoint:raw_syscalls/sys_exit";
}

static void eo_find_tracepoint(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sys_exit"))
		*(struct tracepoint **)priv = tp;
}

int eo_hook_syscall_register(void)
{
	if (!eo_tp_sys_exit)
		for_each_kernel_tracepoint(eo_find_tracepoint, &eo_tp_sys_exit);
	if (!eo_tp_sys_exit) {
		pr_err("raw_syscalls:sys_exit tracepoint not found (CONFIG_FTRACE_SYSCALLS?)\n");
		return -ENOENT;
	}
	return tracepoint_probe_register(eo_tp_sys_exit, eo_probe_sys_exit, NULL);
}

void eo_hook_syscall_unregister(void)
{
	tracepoint_probe_unregister(eo_tp_sys_exit, eo_probe_sys_exit, NULL);
	tracepoint_synchronize_unregister();
}
