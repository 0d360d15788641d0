// SPDX-License-Identifier: GPL-2.0
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include "capture.h"
#include "control.h"
#include "hooks.h"

static DEFINE_MUTEX(eo_control_lock);
static struct eo_filter *eo_control_filter;	/* non-NULL while armed */

/* The hot path reads filters under RCU-sched (preemption disabled) or a tracepoint's own
 * RCU flavour; the tracepoint synchronisation waits for both.
 */
static void eo_control_retire(struct eo_filter *old)
{
	if (!old)
		return;
	synchronize_rcu();
	tracepoint_synchronize_unregister();
	eo_filter_free(old);
}

int eo_control_start(struct eo_filter *f, struct netlink_ext_ack *extack)
{
	struct eo_filter *old;
	int err = 0;

	mutex_lock(&eo_control_lock);
	old = eo_capture_set_filter(f);
	if (!eo_control_filter) {
		err = eo_hook_syscall_register();
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "cannot register the sys_exit tracepoint probe");
			eo_capture_set_filter(NULL);
			old = f;
			f = NULL;
		}
	}
	eo_control_filter = f;
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old);
	return err;
}

void eo_control_stop(void)
{
	struct eo_filter *old = NULL;

	mutex_lock(&eo_control_lock);
	if (eo_control_filter) {
		eo_hook_syscall_unregister();
		old = eo_capture_set_filter(NULL);
		eo_control_filter = NULL;
	}
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
	ret = fn(arg, eo_control_filter, eo_control_filter ? eo_hook_syscall_name : NULL);
	mutex_unlock(&eo_control_lock);
	return ret;
}
