// SPDX-License-Identifier: GPL-2.0
/*
 * Arming: picks the cheapest hook that sees every failure the filter wants. A short syscall
 * filter gets per-syscall exit hooks, so every other syscall runs untouched; anything else
 * gets the sys_exit tracepoint. With functions to follow (origin mode) the syscall hooks
 * also open a session at entry, and the function hooks feed it.
 */
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include <net/sock.h>
#include "capture.h"
#include "control.h"
#include "funcs.h"
#include "counts.h"
#include "hooks.h"
#include "queue.h"
#include "quiet.h"
#include "session.h"

enum eo_hook_kind { EO_HOOK_NONE, EO_HOOK_TRACEPOINT, EO_HOOK_SYSRET };

static DEFINE_MUTEX(eo_control_lock);
static struct eo_filter *eo_control_filter;	/* non-NULL while armed */
static struct eo_funcs *eo_control_funcs;	/* non-NULL in origin mode */
static struct eo_func_hook *eo_control_func_hook;	/* its hook */
/*
 * Once a START extends the arming (EO_A_EXTEND), the functions the arming itself named
 * (NULL: none), kept apart from what is armed: the next extension replaces only its own.
 */
static bool eo_control_extended;
static struct eo_funcs *eo_control_base;
static u32 eo_control_refused;
static enum eo_hook_kind eo_control_hook;
static char eo_control_desc[512];
static bool eo_control_closed;		/* unloading: no request arms anything any more */
static pid_t eo_control_owner_pid;	/* 0: armed until STOP */
/*
 * The owning socket itself, held: its port id may be taken by another socket as soon as it
 * is unbound, while the socket is only dead (SOCK_DEAD) once it is released.
 */
static struct sock *eo_control_owner_sk;
static u32 eo_control_owner_portid;	/* read unlocked: which releases to look at */

/*
 * Hooks read filters and function sets with preemption disabled (RCU-sched) or under a
 * tracepoint's own RCU flavour; wait for all of them before freeing.
 */
static void eo_control_retire(struct eo_filter *old, struct eo_funcs *old_funcs)
{
	if (!old && !old_funcs)
		return;
	tracepoint_synchronize_unregister();	/* includes synchronize_rcu() */
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
		eo_hook_funcs_unregister(eo_control_func_hook);
		eo_control_func_hook = NULL;
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

static struct eo_func_hook *eo_control_register_funcs(struct eo_funcs *funcs,
						      struct netlink_ext_ack *extack)
{
	struct eo_func_hook *h = eo_hook_funcs_register(funcs, &eo_control_refused);

	if (IS_ERR(h))
		NL_SET_ERR_MSG_MOD(extack, "the kernel refused to hook these functions");
	return h;
}

static int eo_control_hook_funcs(struct eo_funcs *funcs, struct netlink_ext_ack *extack)
{
	struct eo_func_hook *h = eo_control_register_funcs(funcs, extack);
	int err;

	if (IS_ERR(h))
		return PTR_ERR(h);
	err = eo_hook_task_exit_register();
	if (err) {
		eo_hook_funcs_unregister(h);
		NL_SET_ERR_MSG_MOD(extack, "cannot register the sched_process_exit probe");
		return err;
	}
	eo_control_func_hook = h;
	return 0;
}

/* The data path's tables, at the first arm (and sessions at the first in origin mode). */
static int eo_control_alloc(bool sessions, struct netlink_ext_ack *extack)
{
	int err;

	err = eo_counts_alloc();
	if (!err)
		err = eo_queue_alloc();
	if (!err && sessions)
		err = eo_session_alloc();
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "no memory for the event queues, counters or sessions");
	return err;
}

size_t eo_control_bytes(void)
{
	return eo_queue_bytes() + eo_counts_bytes() + eo_session_bytes();
}

bool eo_control_owned_by(u32 portid)
{
	return READ_ONCE(eo_control_owner_sk) && READ_ONCE(eo_control_owner_portid) == portid;
}

static void eo_control_set_owner(const struct eo_control_owner *owner)
{
	struct sock *old = eo_control_owner_sk, *sk = owner ? owner->sk : NULL;

	if (sk)
		sock_hold(sk);
	eo_control_owner_pid = sk ? owner->pid : 0;
	WRITE_ONCE(eo_control_owner_portid, sk ? owner->portid : 0);
	WRITE_ONCE(eo_control_owner_sk, sk);
	if (old)
		sock_put(old);
}

/*
 * Whether arming @f needs the very syscall hooks that are registered now: the same kind on
 * the same syscalls (origin mode or not: that they switch in place).
 */
static bool eo_control_same_syscall_hooks(const struct eo_filter *f)
{
	const struct eo_filter *old = eo_control_filter;

	if (!old || eo_control_hook == EO_HOOK_NONE || ((old->flags ^ f->flags) & EO_F_SYSCALL))
		return false;
	if (!(f->flags & EO_F_SYSCALL))
		return true;	/* the tracepoint either way */
	return bitmap_equal(old->syscalls, f->syscalls, EO_MAX_SYSCALLS) &&
	       bitmap_equal(old->compat_syscalls, f->compat_syscalls, EO_MAX_SYSCALLS);
}

/* The syscall hooks open and close origin sessions, or stop; off returns synchronised. */
static int eo_control_sessions(bool on)
{
	int err = 0;

	if (eo_control_hook == EO_HOOK_SYSRET) {
		eo_hook_sysret_sessions(on);
		if (!on)
			synchronize_rcu();	/* kretprobe handlers run with preemption off */
	} else {
		err = eo_hook_syscall_sessions(on);
	}
	if (err)
		return err;
	if (on)
		return eo_hook_task_exit_register();
	eo_hook_task_exit_unregister();
	return 0;
}

/*
 * A re-arm that keeps the syscall hooks registered: the CLI narrows what it follows right
 * after learning, while the failing call may be retried, and a failure then must be seen
 * and judged by a whole set. Only the filter, the function hooks and the origin mode
 * change. The new set is hooked before it is published and the old one unhooked after, so
 * that a call is followed by one set or the other throughout; one that straddles the
 * publication keeps a session of the old set's generation and gets no origin
 * (EO_ORIGIN_UNPAIRED), or the new set's from the first function it enters after.
 * Sessions stay while origin mode does (the syscall hooks still close them). On failure the
 * previous arming stays as it was.
 */
static int eo_control_swap(struct eo_filter *f, struct eo_funcs *funcs,
			   struct netlink_ext_ack *extack)
{
	struct eo_func_hook *hook = NULL;
	bool was_origin = eo_control_funcs;
	u32 refused = eo_control_refused;
	int err = 0;

	/* on before any function hook claims a session */
	if (funcs && !was_origin) {
		err = eo_control_sessions(true);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "cannot hook syscall entries for origin mode");
			goto fail;
		}
	}
	if (funcs) {
		hook = eo_control_register_funcs(funcs, extack);
		if (IS_ERR(hook)) {
			err = PTR_ERR(hook);
			goto fail;
		}
	}
	eo_capture_set_filter(f);
	/* from here on the new set claims sessions, and the old one's frames are stale */
	eo_capture_set_funcs(funcs);
	eo_hook_funcs_unregister(eo_control_func_hook);
	eo_control_func_hook = hook;
	if (!funcs && was_origin) {
		/* no hook reads a session after this: the function set is gone (published) */
		eo_control_sessions(false);
		eo_session_reset();
	}
	eo_control_funcs = funcs;
	eo_control_filter = f;
	return 0;
fail:
	if (funcs && !was_origin) {
		eo_control_sessions(false);
		eo_session_reset();
	}
	eo_control_refused = refused;
	return err;
}

/*
 * Publishes @f and @funcs and hooks them. On failure nothing stays hooked or published; the
 * caller still owns both.
 */
static int eo_control_arm(struct eo_filter *f, struct eo_funcs *funcs,
			  struct netlink_ext_ack *extack)
{
	int err = 0;

	/* published before any hook can fire */
	eo_capture_set_filter(f);
	eo_capture_set_funcs(funcs);
	eo_control_refused = 0;
	if (funcs)
		err = eo_control_hook_funcs(funcs, extack);
	if (!err) {
		eo_control_funcs = funcs;
		err = eo_control_hook_syscalls(f, !!funcs, extack);
	}
	if (err) {
		eo_control_unhook();
		eo_control_funcs = NULL;
		eo_capture_set_filter(NULL);
		eo_capture_set_funcs(NULL);
		return err;
	}
	eo_control_filter = f;
	return 0;
}

static void eo_control_funcs_error(int err, struct netlink_ext_ack *extack)
{
	if (err == -EEXIST)
		NL_SET_ERR_MSG_MOD(extack, "a function address is repeated");
	else if (err == -ENOMEM)
		NL_SET_ERR_MSG_MOD(extack, "no memory for the function set");
	else if (err == -E2BIG)
		NL_SET_ERR_MSG_MOD(extack, "the arming and its extension name too many functions");
}

/*
 * An extension: the armed filter (a copy in *@f), and the functions of @fs together with
 * the arming's own in *@funcs. Called locked, with capture armed.
 */
static int eo_control_extend(struct eo_filter **f, const struct eo_control_funcs *fs,
			     struct eo_funcs **funcs, struct netlink_ext_ack *extack)
{
	const struct eo_funcs *base = eo_control_extended ? eo_control_base : eo_control_funcs;
	struct eo_filter *dup;
	int err = 0;

	dup = eo_filter_dup(eo_control_filter);
	if (!dup) {
		NL_SET_ERR_MSG_MOD(extack, "no memory for the new filter");
		return -ENOMEM;
	}
	if ((base && base->n) || fs->n) {
		*funcs = eo_funcs_union(base, fs->addrs, fs->classes, fs->n, &err);
		if (!*funcs) {
			eo_control_funcs_error(err, extack);
			eo_filter_free(dup);
			return err;
		}
	}
	eo_filter_free(*f);
	*f = dup;
	return 0;
}

/*
 * After a successful arm: which functions are the arming's own, and which its extension.
 * Returns a base no longer needed, for the caller to retire: a hook may read it yet.
 */
static struct eo_funcs *eo_control_set_base(bool extend, struct eo_funcs **old_funcs)
{
	struct eo_funcs *drop = NULL;

	if (extend && !eo_control_extended) {
		/* the arming's own set, replaced only now, is kept as the base */
		eo_control_base = *old_funcs;
		eo_control_extended = true;
		*old_funcs = NULL;
	} else if (!extend && eo_control_extended) {
		drop = eo_control_base;
		eo_control_base = NULL;
		eo_control_extended = false;
	}
	return drop;
}

int eo_control_start(struct eo_filter *f, const struct eo_control_funcs *fs, bool extend,
		     const struct eo_control_owner *owner, struct netlink_ext_ack *extack)
{
	struct eo_funcs *funcs = NULL, *old_funcs, *old_base = NULL;
	struct eo_filter *old;
	bool kept = false;
	int err = 0;

	if (fs->n && !extend) {
		funcs = eo_funcs_alloc(fs->addrs, fs->classes, fs->n, &err);
		if (!funcs) {
			eo_control_funcs_error(err, extack);
			eo_filter_free(f);
			return err;
		}
		err = 0;
	}
	mutex_lock(&eo_control_lock);
	if (eo_control_closed) {
		err = -ESHUTDOWN;
	} else if (extend && !eo_control_filter) {
		NL_SET_ERR_MSG_MOD(extack, "capture is not armed: an extension adds to an arming");
		err = -ENOTCONN;
	} else if (extend && eo_control_owner_sk) {
		/* its owner rearms it as it likes and takes it away on exit */
		NL_SET_ERR_MSG_MOD(extack, "the arming belongs to another client (a watch)");
		err = -EBUSY;
	} else if (extend) {
		err = eo_control_extend(&f, fs, &funcs, extack);
	}
	if (!err)
		err = eo_control_alloc(!!funcs, extack);
	if (err) {
		mutex_unlock(&eo_control_lock);
		eo_filter_free(f);
		eo_funcs_free(funcs);
		return err;
	}
	eo_quiet_apply(f);
	old = eo_control_filter;
	old_funcs = eo_control_funcs;
	if (eo_control_same_syscall_hooks(f)) {
		err = eo_control_swap(f, funcs, extack);
		kept = err;
	} else {
		/* unhook first, so that no failure is counted twice */
		eo_control_unhook();
		eo_control_filter = NULL;
		eo_control_funcs = NULL;
		err = eo_control_arm(f, funcs, extack);
	}
	if (!err) {
		old_base = eo_control_set_base(extend, &old_funcs);
		/* an extension leaves the arming its owner */
		if (!extend)
			eo_control_set_owner(owner);
		eo_learn_mark_armed(fs->pairs, fs->pair_funcs, fs->npairs, extend);
	} else if (kept || (old && !eo_control_arm(old, old_funcs, NULL))) {
		/* a change that failed does not stop monitoring: the previous arming is back */
		swap(old, f);
		swap(old_funcs, funcs);
	} else {
		/* disarmed: learning could make no progress, but its hook would cost everyone */
		eo_learn_stop();
		eo_control_set_owner(NULL);
		old_base = eo_control_set_base(false, NULL);
		mutex_unlock(&eo_control_lock);
		eo_control_retire(f, funcs);
		eo_control_retire(old, old_funcs);
		eo_control_retire(NULL, old_base);
		return err;
	}
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old, old_funcs);
	eo_control_retire(NULL, old_base);
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

/* Disarms; @released: only if the arming's owner socket has been released. */
static void eo_control_disarm(bool released)
{
	struct eo_funcs *old_funcs, *old_base;
	struct eo_filter *old;

	mutex_lock(&eo_control_lock);
	if (released && !(eo_control_owner_sk && sock_flag(eo_control_owner_sk, SOCK_DEAD))) {
		mutex_unlock(&eo_control_lock);
		return;
	}
	eo_learn_stop();
	eo_control_unhook();
	old = eo_capture_set_filter(NULL);
	old_funcs = eo_capture_set_funcs(NULL);
	eo_control_filter = NULL;
	eo_control_funcs = NULL;
	eo_control_set_owner(NULL);
	old_base = eo_control_set_base(false, NULL);
	mutex_unlock(&eo_control_lock);
	eo_control_retire(old, old_funcs);
	eo_control_retire(NULL, old_base);
	eo_control_quiet_release();	/* what a failed allocation left listed */
}

void eo_control_stop(void)
{
	eo_control_disarm(false);
}

void eo_control_release(void)
{
	eo_control_disarm(true);
}

int eo_control_quiet(const struct eo_control_owner *client, struct netlink_ext_ack *extack)
{
	struct eo_filter *f = NULL, *old = NULL;
	int err = 0;

	/* a watch waits here while an arm patches every function: let it be interrupted */
	if (mutex_lock_killable(&eo_control_lock))
		return -EINTR;
	if (eo_control_closed) {
		NL_SET_ERR_MSG_MOD(extack, "the module is unloading");
		err = -ESHUTDOWN;
		goto out;
	}
	if (eo_control_filter) {
		f = eo_filter_dup(eo_control_filter);
		if (!f) {
			NL_SET_ERR_MSG_MOD(extack, "no memory for the new filter");
			err = -ENOMEM;
			goto out;
		}
	}
	err = eo_quiet_add(client->sk, client->portid, task_tgid(current));
	if (err == -ENOSPC)
		NL_SET_ERR_MSG_MOD(extack, "as many sockets as there may be are quiet already");
	if (err || !f)
		goto out;
	eo_quiet_apply(f);
	old = eo_capture_set_filter(f);
	eo_control_filter = f;
	f = NULL;
out:
	mutex_unlock(&eo_control_lock);
	eo_filter_free(f);
	eo_control_retire(old, NULL);
	return err > 0 ? 0 : err;
}

/*
 * Without the released quiet clients: the filter is published anew without them, and they
 * are forgotten once no reader can see a filter that lists them. Out of memory for the new
 * filter, they stay listed (their processes held) until the next release or disarm.
 */
void eo_control_quiet_release(void)
{
	struct eo_filter *f = NULL, *old = NULL;

	mutex_lock(&eo_control_lock);
	if (eo_control_filter) {
		f = eo_filter_dup(eo_control_filter);
		if (!f) {
			mutex_unlock(&eo_control_lock);
			return;
		}
	}
	if (!eo_quiet_leave(eo_control_closed)) {
		mutex_unlock(&eo_control_lock);
		eo_filter_free(f);
		return;
	}
	if (f) {
		eo_quiet_apply(f);
		old = eo_capture_set_filter(f);
		eo_control_filter = f;
	}
	mutex_unlock(&eo_control_lock);
	tracepoint_synchronize_unregister();
	eo_filter_free(old);
	mutex_lock(&eo_control_lock);
	eo_quiet_reap();
	mutex_unlock(&eo_control_lock);
}

/*
 * The readers below wait killably: an arm may hold the lock while ftrace patches every
 * function (a minute and more on a sanitizer kernel), and a status that waits for it must
 * neither look hung nor be unkillable.
 */
int eo_control_filter_entries(void)
{
	const struct eo_filter *f;
	int n = 0;

	if (mutex_lock_killable(&eo_control_lock))
		return -EINTR;
	f = eo_control_filter;
	if (f)
		n = bitmap_weight(f->errnos, EO_MAX_ERRNO + 1) +
		    bitmap_weight(f->syscalls, EO_MAX_SYSCALLS) +
		    bitmap_weight(f->compat_syscalls, EO_MAX_SYSCALLS);
	mutex_unlock(&eo_control_lock);
	return n;
}

int eo_control_reset_counts(struct netlink_ext_ack *extack)
{
	int err;

	mutex_lock(&eo_control_lock);
	err = eo_counts_reset();
	mutex_unlock(&eo_control_lock);
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "no memory for empty counter tables");
	return err;
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

	if (mutex_lock_killable(&eo_control_lock))
		return -EINTR;
	st.filter = eo_control_filter;
	st.owner_pid = eo_control_owner_pid;
	st.quiet_clients = eo_quiet_count();
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

int eo_control_missed(u64 *syscalls, u64 *funcs)
{
	if (mutex_lock_killable(&eo_control_lock))
		return -EINTR;
	*syscalls = eo_hook_sysret_missed();
	*funcs = eo_hook_funcs_missed(eo_control_func_hook);
	mutex_unlock(&eo_control_lock);
	return 0;
}
