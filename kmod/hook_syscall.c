// SPDX-License-Identifier: GPL-2.0
/*
 * The raw_syscalls tracepoints (and sched_process_exit, to close the sessions of tasks that
 * leave through exit_group and never return). Their symbols are not exported, so they are
 * found by name with for_each_kernel_tracepoint(). Successful returns leave after one
 * comparison unless origin sessions must be closed.
 */
#include <linux/err.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "capture.h"
#include "hooks.h"
#include "session.h"

struct eo_tp {
	const char *name;
	struct tracepoint *tp;
	void *probe;
	bool registered;
};

/* Origin mode: a successful return closes the task's session (failures: the capture probe). */
static void notrace eo_probe_sys_exit_close(void *data, struct pt_regs *regs, long ret)
{
	if (!IS_ERR_VALUE(ret))
		eo_capture_exit(regs, ret, NULL);
}
NOKPROBE_SYMBOL(eo_probe_sys_exit_close);

static void notrace eo_probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	eo_capture_enter(0);
}
NOKPROBE_SYMBOL(eo_probe_sys_enter);

static void notrace eo_probe_task_exit(EO_SCHED_EXIT_PROBE_ARGS)
{
	eo_session_drop(p);
}
NOKPROBE_SYMBOL(eo_probe_task_exit);

/*
 * Failures: eo_capture_sys_exit() itself (successful returns leave after one comparison),
 * registered as long as capture is armed, origin mode or not, so that a change of mode
 * leaves no moment without it (and none with two).
 */
static struct eo_tp eo_tp_sys_exit = { "sys_exit", NULL, eo_capture_sys_exit };
static struct eo_tp eo_tp_sys_exit_close = { "sys_exit", NULL, eo_probe_sys_exit_close };
static struct eo_tp eo_tp_sys_enter = { "sys_enter", NULL, eo_probe_sys_enter };
static struct eo_tp eo_tp_task_exit = { "sched_process_exit", NULL, eo_probe_task_exit };

const char *eo_hook_syscall_name(void)
{
	return "tracepoint:raw_syscalls/sys_exit";
}

static void eo_find_tracepoint(struct tracepoint *tp, void *priv)
{
	struct eo_tp *t = priv;

	if (!strcmp(tp->name, t->name))
		t->tp = tp;
}

static int eo_tp_register(struct eo_tp *t)
{
	int err;

	if (!t->tp)
		for_each_kernel_tracepoint(eo_find_tracepoint, t);
	if (!t->tp) {
		pr_err("tracepoint %s not found (CONFIG_FTRACE_SYSCALLS?)\n", t->name);
		return -ENOENT;
	}
	err = tracepoint_probe_register(t->tp, t->probe, NULL);
	t->registered = !err;
	return err;
}

static void eo_tp_unregister(struct eo_tp *t)
{
	if (t->registered)
		tracepoint_probe_unregister(t->tp, t->probe, NULL);
	t->registered = false;
}

int eo_hook_syscall_sessions(bool sessions)
{
	int err;

	if (!sessions) {
		eo_tp_unregister(&eo_tp_sys_enter);
		eo_tp_unregister(&eo_tp_sys_exit_close);
		tracepoint_synchronize_unregister();
		return 0;
	}
	if (eo_tp_sys_enter.registered)
		return 0;
	/* closing first: every session a function hook claims from now on gets closed */
	err = eo_tp_register(&eo_tp_sys_exit_close);
	if (!err)
		err = eo_tp_register(&eo_tp_sys_enter);
	if (err)
		eo_hook_syscall_sessions(false);
	return err;
}

int eo_hook_syscall_register(bool sessions)
{
	int err;

	err = eo_tp_register(&eo_tp_sys_exit);
	if (!err)
		err = eo_hook_syscall_sessions(sessions);
	if (err)
		eo_hook_syscall_unregister();
	return err;
}

void eo_hook_syscall_unregister(void)
{
	eo_tp_unregister(&eo_tp_sys_enter);
	eo_tp_unregister(&eo_tp_sys_exit_close);
	eo_tp_unregister(&eo_tp_sys_exit);
	tracepoint_synchronize_unregister();
}

int eo_hook_task_exit_register(void)
{
	return eo_tp_register(&eo_tp_task_exit);
}

void eo_hook_task_exit_unregister(void)
{
	eo_tp_unregister(&eo_tp_task_exit);
	tracepoint_synchronize_unregister();
}
