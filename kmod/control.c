// SPDX-License-Identifier: GPL-2.0
/*
 * Arming: picks the cheapest hook that sees every failure the filter wants. A short syscall
 * filter gets per-syscall exit hooks, so every other syscall runs untouched; anything else
 * gets the sys_exit tracepoint. With functions to follow (origin mode) the syscall hooks
 * also open a session at entry, and the function hooks feed it.
 */
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include "capture.h"
#include "control.h"
#include "funcs.h"
#include "hooks.h"
#include "session.h"

enum eo_hook_kind { EO_HOOK_NONE, EO_HOOK_TRACEPOINT, EO_HOOK_SYSRET };

static DEFINE_MUTEX(eo_control_lock);
static struct eo_filter *eo_control_filter;	/* non-NULL while armed */
static struct eo_funcs *eo_control_funcs;	/* non-NULL in origin mode */
static u32 eo_control_refused;
static enum eo_hook_kind eo_control_hook;
static char eo_control_desc[512];
static bool eo_control_closed;		/* unloading: no request arms anything any more */

/*
 * Hooks read filters and function sets with preemption disabled (RCU-sched) or under a
 * tracepoint's own RCU flavour; wait for all of them before freeing.
 */
static void eo_control_retire(struct eo_filter *old, struct eo_funcs *old_funcs)
{
	if (!old && !old_funcs)
		return;
	synchronize_rcu();
	tracepoint_synchronize_unregister();
	eo_filter_free(old);
	eo_funcs_free(old_funcs);
}

static void eo_control_unhook(void)
{
	if (eo_control_hook == EO_HOOK_TRACEPOINT)
		eo_hook_syscall_unregister();
	else if (eo_control_hook == EO_HOOK_SYSRET)
		eo_hook_sysret_unregister();
	eo_control_hook = EO_HOOK_NONE;
	if (eo_control_funcs) {
		eo_hook_funcs_unregister();
		eo_hook_task_exit_unregister();
		/* every hook is gone and synchronised: no session can be in use */
		eo_session_reset();
	}
}

static int eo_control_hook_syscalls(const struct eo_filter *f, bool sessions,
				    struct netlink_ext_ack *extack)
{
	int err;

	if (!eo_hook_sysret_register(f, sessions, eo_control_desc, sizeof(eo_control_desc))) {
		eo_control_hook = EO_HOOK_SYSRET;
		return 0;
	}
	err = eo_hook_syscall_register(sessions);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot register the raw_syscalls tracepoint probes");
		return err;
	}
	strscpy(eo_control_desc, eo_hook_syscall_name(), sizeof(eo_control_desc));
	eo_control_hook = EO_HOOK_TRACEPOINT;
	return 0;
}

static int eo_control_hook_funcs(struct eo_funcs *funcs, struct netlink_ext_ack *extack)
{
	int err;

	err = eo_hook_funcs_register(funcs, &eo_control_refused);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "the kernel refused to hook these functions");
		return err;
	}
	err = eo_hook_task_exit_register();
	if (err) {
		eo_hook_funcs_unregister();
		NL_SET_ERR_MSG_MOD(extack, "cannot register the sched_process_exit probe");
	}
	return err;
}

int eo_control_start(struct eo_filter *f, const struct eo_control_funcs *fs,
		     struct netlink_ext_ack *extack)
{
	struct eo_funcs *funcs = NULL, *old_funcs;
	struct eo_filter *old;
	int err = 0;

	if (fs && fs->n) {
		funcs = eo_funcs_alloc(fs->addrs, fs->classes, fs->n, &err);
		if (!funcs) {
			if (err == -EEXIST)
				NL_SET_ERR_MSG_MOD(extack, "a function address is repeated");
			eo_filter_free(f);
			return err;
		}
	}
	mutex_lock(&eo_control_lock);
	if (eo_control_closed) {
		mutex_unlock(&eo_control_lock);
		eo_filter_free(f);
		eo_funcs_free(funcs);
		return -ESHUTDOWN;
	}
	/*
	 * Hooks change with the request: unhook first so that no failure is counted twice,
	 * then publish filter and functions before any new hook can fire.
	 */
	eo_control_unhook();
	old = eo_capture_set_filter(f);
	old_funcs = eo_capture_set_funcs(funcs);
	eo_control_funcs = NULL;
	eo_control_refused = 0;
	if (funcs) {
		err = eo_control_hook_funcs(funcs, extack);
		if (!err)
			eo_control_funcs = funcs;
	}
	if (!err) {
		err = eo_control_hook_syscalls(f, !!funcs, extack);
		if (err)
			eo_control_unhook();
	}
	if (err) {
		eo_control_funcs = NULL;
		eo_capture_set_filter(NULL);
		eo_capture_set_funcs(NULL);
		eo_control_retire(old, old_funcs);
		old = f;
		old_funcs = funcs;
		f = NULL;
	}
	eo_control_filter = f;
	if (!err && fs)
		eo_learn_mark_armed(fs->pairs, fs->pair_funcs, fs->npairs);
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old, old_funcs);
	return err;
}

int eo_control_learn(const struct eo_learn_req *r, struct netlink_ext_ack *extack)
{
	int err = -ENOTCONN;

	mutex_lock(&eo_control_lock);
	if (eo_control_filter && !eo_control_closed)
		err = eo_learn_start(r, extack);
	else
		NL_SET_ERR_MSG_MOD(extack, "capture is not armed: learning follows the armed filter");
	mutex_unlock(&eo_control_lock);
	return err;
}

void eo_control_stop(void)
{
	struct eo_funcs *old_funcs;
	struct eo_filter *old;

	mutex_lock(&eo_control_lock);
	eo_learn_stop();
	eo_control_unhook();
	old = eo_capture_set_filter(NULL);
	old_funcs = eo_capture_set_funcs(NULL);
	eo_control_filter = NULL;
	eo_control_funcs = NULL;
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old, old_funcs);
}

void eo_control_uninit(void)
{
	mutex_lock(&eo_control_lock);
	eo_control_closed = true;
	mutex_unlock(&eo_control_lock);
	eo_control_stop();
	eo_learn_uninit();
}

int eo_control_describe(int (*fn)(void *arg, const struct eo_control_state *st), void *arg)
{
	struct eo_control_state st = {};
	int ret;

	mutex_lock(&eo_control_lock);
	st.filter = eo_control_filter;
	if (eo_control_filter)
		st.hook = eo_control_desc;
	if (eo_control_funcs) {
		st.funcs_armed = eo_control_funcs->n - eo_control_refused;
		st.funcs_refused = eo_control_refused;
		st.funcs_hook = eo_hook_funcs_name();
	}
	ret = fn(arg, &st);
	mutex_unlock(&eo_control_lock);
	return ret;
}

void eo_control_missed(u64 *syscalls, u64 *funcs)
{
	mutex_lock(&eo_control_lock);
	*syscalls = eo_hook_sysret_missed();
	*funcs = eo_hook_funcs_missed();
	mutex_unlock(&eo_control_lock);
}
