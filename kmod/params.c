// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters. The filter parameters arm capture at load time, for lab machines where
 * nobody runs the CLI; they are read-only afterwards (the CLI changes the live filter).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "alloc.h"
#include "control.h"
#include "filter.h"
#include "names.h"
#include "params.h"

unsigned int eo_param_queue_size = 1024;
module_param_named(queue_size, eo_param_queue_size, uint, 0400);
MODULE_PARM_DESC(queue_size, "Events each CPU's queue holds before dropping (power of two, default 1024)");

unsigned int eo_param_recorder_size = 4096;
module_param_named(recorder_size, eo_param_recorder_size, uint, 0400);
MODULE_PARM_DESC(recorder_size, "Events the flight recorder keeps for 'errorigin dump', all CPUs together, at least queue_size a CPU (default 4096)");

unsigned int eo_param_counts_size = 1024;
module_param_named(counts_size, eo_param_counts_size, uint, 0400);
MODULE_PARM_DESC(counts_size, "Aggregated counter slots per CPU (power of two, default 1024)");

unsigned int eo_param_sessions = 1024;
module_param_named(sessions, eo_param_sessions, uint, 0400);
MODULE_PARM_DESC(sessions, "Syscalls followed at once for origins (power of two, default 1024)");

static bool eo_param_arm;
module_param_named(arm, eo_param_arm, bool, 0400);
MODULE_PARM_DESC(arm, "Arm capture of every failing syscall at load (implied by any filter parameter)");

static char *eo_param_errno;
module_param_named(errno, eo_param_errno, charp, 0400);
MODULE_PARM_DESC(errno, "Arm at load, capturing only these errnos: names or numbers, comma-separated (errno=ENOSPC,EMFILE)");

static char *eo_param_syscalls;
module_param_named(syscalls, eo_param_syscalls, charp, 0400);
MODULE_PARM_DESC(syscalls, "Arm at load, capturing only these syscalls: names or x86_64 numbers, comma-separated (syscalls=mount,openat)");

static char *eo_param_comm;
module_param_named(comm, eo_param_comm, charp, 0400);
MODULE_PARM_DESC(comm, "Arm at load, capturing only tasks with this exact name (comm=dockerd)");

static unsigned int eo_param_pid;
module_param_named(pid, eo_param_pid, uint, 0400);
MODULE_PARM_DESC(pid, "Arm at load, capturing only this process (thread-group id)");

static unsigned long long eo_param_cgroup;
module_param_named(cgroup_id, eo_param_cgroup, ullong, 0400);
MODULE_PARM_DESC(cgroup_id, "Arm at load, capturing only this cgroup v2 id (inode of its directory)");

static bool eo_param_args = true;
module_param_named(args, eo_param_args, bool, 0400);
MODULE_PARM_DESC(args, "When armed at load: copy the path arguments of failing calls (default Y; N costs least)");

/* Applies @add to each comma-separated item of @list. */
static int eo_params_each(const char *what, const char *list, struct eo_filter *f,
			  int (*add)(struct eo_filter *f, const char *item))
{
	char *copy, *cur, *item;
	int err = 0;

	copy = kstrdup(list, EO_GFP);
	if (!copy)
		return -ENOMEM;
	cur = copy;
	while (!err && (item = strsep(&cur, ",")))
		if (*item) {
			err = add(f, strim(item));
			if (err)
				pr_err("%s: '%s' is not known (%d)\n", what, item, err);
		}
	kfree(copy);
	return err;
}

static int eo_params_add_errno(struct eo_filter *f, const char *item)
{
	int err = eo_errno_parse(item);

	return err < 0 ? err : eo_filter_add_errno(f, err);
}

/* A name selects the syscall in both ABIs where it exists; a number is x86_64. */
static int eo_params_add_syscall(struct eo_filter *f, const char *item)
{
	int native = eo_syscall_parse(item, false);
	int compat = eo_syscall_parse(item, true);

	if (native >= 0)
		eo_filter_add_syscall(f, native, false);
	if (compat >= 0 && !isdigit(*item))
		eo_filter_add_syscall(f, compat, true);
	return native >= 0 || compat >= 0 ? 0 : native;
}

int eo_params_arm(void)
{
	static const struct eo_control_funcs none;
	struct eo_filter *f;
	int err = 0;

	if (!eo_param_arm && !eo_param_errno && !eo_param_syscalls && !eo_param_comm &&
	    !eo_param_pid && !eo_param_cgroup)
		return 0;
	f = eo_filter_alloc();
	if (!f)
		return -ENOMEM;
	if (eo_param_errno)
		err = eo_params_each("errno", eo_param_errno, f, eo_params_add_errno);
	if (!err && eo_param_syscalls)
		err = eo_params_each("syscalls", eo_param_syscalls, f, eo_params_add_syscall);
	if (!err && eo_param_comm) {
		err = eo_filter_set_comm(f, eo_param_comm);
		if (err)
			pr_err("comm: must be 1 to 15 characters\n");
	}
	if (eo_param_pid)
		eo_filter_set_pid(f, eo_param_pid);
	if (eo_param_cgroup)
		eo_filter_set_cgroup(f, eo_param_cgroup);
	f->no_args = !eo_param_args;
	if (err) {
		eo_filter_free(f);
		return err;
	}
	err = eo_control_start(f, &none, false, NULL, NULL);
	if (!err)
		pr_info("armed at load by module parameters\n");
	return err;
}
