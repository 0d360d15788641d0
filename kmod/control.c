// SPDX-License-Identifier: GPL-2.0
/*
 * Arming: picks the cheapest hook that sees every failure the filter wants. A short syscall
 * filter gets per-syscall exit hooks, so every other syscall runs untouched; anything else
 * gets the sys_exit tracepoint.
 */
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include "capture.h"
#include "control.h"
#include "hooks.h"

enum eo_hook_kind { EO_HOOK_NONE, EO_HOOK_TRACEPOINT, EO_HOOK_SYSRET };

static DEFINE_MUTEX(eo_control_lock);
static struct eo_filter *eo_control_filter;	/* non-NULL while armed */
static enum eo_hook_kind eo_control_hook;
static char eo_control_desc[512];

/*
 * The hot path reads filters with preemption disabled (RCU-sched) inside hooks that each
 * have their own RCU flavour; wait for all of them before freeing.
 */
static void eo_control_retire(struct eo_filter *old)
{
	if (!old)
		return;
	synchronize_rcu();
	tracepoint_synchronize_unregister();
	eo_filter_free(old);
}

static void eo_control_unhook(void)
{
	if (eo_control_hook == EO_HOOK_TRACEPOINT)
		eo_hook_syscall_unregister();
	else if (eo_control_hook == EO_HOOK_SYSRET)
		eo_hook_sysret_unregister();
	eo_control_hook = EO_HOOK_NONE;
}

static int eo_control_hook_for(const struct eo_filter *f, struct netlink_ext_ack *extack)
{
	int err;

	if (!eo_hook_sysret_register(f, eo_control_desc, sizeof(eo_control_desc))) {
		eo_control_hook = EO_HOOK_SYSRET;
		return 0;
	}
	err = eo_hook_syscall_register();
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot register the sys_exit tracepoint probe");
		return err;
	}
	strscpy(eo_control_desc, eo_hook_syscall_name(), sizeof(eo_control_desc));
	eo_control_hook = EO_HOOK_TRACEPOINT;
	return 0;
}

int eo_control_start(struct eo_filter *f, struct netlink_ext_ack *extack)
{
	struct eo_filter *old;
	int err;

	mutex_lock(&eo_control_lock);
	/*
	 * The hook may change with the filter: unhook first so that no failure is counted
	 * twice, then publish the filter before the new hook can fire.
	 */
	eo_control_unhook();
	old = eo_capture_set_filter(f);
	err = eo_control_hook_for(f, extack);
	if (err) {
		eo_capture_set_filter(NULL);
		eo_filter_free(old);
		old = f;
		f = NULL;
	}
	eo_control_filter = f;
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old);
	return err;
}

void eo_control_stop(void)
{
	struct eo_filter *old;

	mutex_lock(&eo_control_lock);
	eo_control_unhook();
	old = eo_capture_set_filter(NULL);
	eo_control_filter = NULL;
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old);
}

void eo_control_uninit(void)
{
	eo_control_stop();
}

int eo_control_describe(int (*fn)(void *arg, const struct eo_filter *f, const char *hook),
			void *arg)
{
	int ret;

	mutex_lock(&eo_control_lock);
	ret = fn(arg, eo_control_filter, eo_control_filter ? eo_control_desc : NULL);
	mutex_unlock(&eo_control_lock);
	return ret;
}

u64 eo_control_hook_missed(void)
{
	u64 missed;

	mutex_lock(&eo_control_lock);
	missed = eo_hook_sysret_missed();
	mutex_unlock(&eo_control_lock);
	return missed;
}
