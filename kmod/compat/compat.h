/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included into every errorigin object: the one place where kernel API differences
 * between the supported kernels (Debian 6.1, 6.12, 7.3) are absorbed. Logic files never test
 * kernel versions; each changed API gets one wrapper here, detected by feature, not version.
 */
#ifndef _EO_COMPAT_H
#define _EO_COMPAT_H

#include <linux/version.h>
#include <net/genetlink.h>

/*
 * Multicast group capability flags (backported to 6.1.y stable). Without them any user could
 * subscribe to the events, which carry other users' activity: refuse to build.
 */
#ifndef GENL_MCAST_CAP_NET_ADMIN
#error "this kernel lacks GENL_MCAST_CAP_NET_ADMIN: errorigin needs 6.1.y stable or later"
#endif

/* sched_process_exit gained a group_dead argument in 6.16 (detected by Kbuild). */
#ifdef EO_HAVE_SCHED_EXIT_GROUP_DEAD
#define EO_SCHED_EXIT_PROBE_ARGS void *data, struct task_struct *p, bool group_dead
#else
#define EO_SCHED_EXIT_PROBE_ARGS void *data, struct task_struct *p
#endif

#endif /* _EO_COMPAT_H */
