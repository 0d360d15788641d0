/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included into every errorigin object: the one place where kernel API differences
 * between the supported kernels (Debian 6.1, 6.12, 7.x) are absorbed. Logic files never test
 * kernel versions; each changed API gets one wrapper here, detected by feature, not version.
 */
#ifndef _EO_COMPAT_H
#define _EO_COMPAT_H

#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

/*
 * Multicast group capability flags (backported to 6.1.y stable). Without them any user could
 * subscribe to the events, which carry other users' activity: refuse to build.
 */
#ifndef GENL_MCAST_CAP_SYS_ADMIN
#error "this kernel lacks GENL_MCAST_CAP_SYS_ADMIN: errorigin needs 6.1.y stable or later"
#endif

/* sched_process_exit gained a group_dead argument in 6.16 (detected by Kbuild). */
#ifdef EO_HAVE_SCHED_EXIT_GROUP_DEAD
#define EO_SCHED_EXIT_PROBE_ARGS void *data, struct task_struct *p, bool group_dead
#else
#define EO_SCHED_EXIT_PROBE_ARGS void *data, struct task_struct *p
#endif

/*
 * seccomp's verdict at syscall entry, for a kretprobe: "skip the syscall" was
 * __secure_computing() returning -1 (an int); 7.x has bool __seccomp_permit_syscall().
 */
#ifdef EO_HAVE_SECCOMP_PERMIT
#define EO_SECCOMP_VERDICT_SYMBOL "__seccomp_permit_syscall"
#define eo_seccomp_skipped(ret) (!(u8)(ret))
#else
#define EO_SECCOMP_VERDICT_SYMBOL "__secure_computing"
#define eo_seccomp_skipped(ret) ((int)(ret) == -1)
#endif

/*
 * A dump request's parsed attributes: in struct genl_info since 6.2 (genl_info_dump(),
 * detected by Kbuild), in struct genl_dumpit_info itself before.
 */
static inline struct nlattr **eo_dump_attrs(struct netlink_callback *cb)
{
#ifdef EO_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * A family callback when a socket joins one of its multicast groups (detected by Kbuild):
 * the event rings need no drain while nobody listens. Without it they are drained as if
 * somebody always did.
 */
#ifdef EO_HAVE_GENL_BIND
#define EO_GENL_HAS_BIND	true
#define EO_GENL_BIND_OP(fn)	.bind = (fn),
#else
#define EO_GENL_HAS_BIND	false
#define EO_GENL_BIND_OP(fn)
#endif

/*
 * The timekeeper's clocksource counter with CLOCK_MONOTONIC_RAW, read together: 7.x takes
 * the clock to pair it with (ktime_get_snapshot_id(), detected by Kbuild).
 */
static inline u64 eo_clocksource_cycles(void)
{
	struct system_time_snapshot snap;

#ifdef EO_HAVE_KTIME_GET_SNAPSHOT_ID
	ktime_get_snapshot_id(CLOCK_MONOTONIC, &snap);
#else
	ktime_get_snapshot(&snap);
#endif
	return snap.cycles;
}

#endif /* _EO_COMPAT_H */
