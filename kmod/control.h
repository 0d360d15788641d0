/* SPDX-License-Identifier: GPL-2.0 */
/* Arming and disarming capture; serialised by one mutex. */
#ifndef _EO_CONTROL_H
#define _EO_CONTROL_H

#include <linux/netlink.h>
#include "filter.h"
#include "learn.h"

/* Functions to follow for origins, as userspace sent them (n == 0: capture only). */
struct eo_control_funcs {
	const u64 *addrs;
	const u8 *classes;
	u32 n;
	/* the pairs this set was narrowed for, each with its share of functions */
	const struct eo_pair_key *pairs;
	const u32 *pair_funcs;
	u32 npairs;
};

struct eo_control_state {
	const struct eo_filter *filter;	/* NULL when disarmed */
	const char *hook;
	u32 funcs_armed;
	u32 funcs_refused;
	const char *funcs_hook;
};

/* Arms with @f, or replaces filter and functions when armed. Takes ownership of @f. */
int eo_control_start(struct eo_filter *f, const struct eo_control_funcs *fs,
		     struct netlink_ext_ack *extack);
void eo_control_stop(void);
/* Learns a pair's functions; capture must be armed. */
int eo_control_learn(const struct eo_learn_req *r, struct netlink_ext_ack *extack);
void eo_control_uninit(void);

/* Calls @fn with the current state, under the lock. */
int eo_control_describe(int (*fn)(void *arg, const struct eo_control_state *st), void *arg);

/* Returns the hooks could not follow: of watched syscalls, and of followed functions. */
void eo_control_missed(u64 *syscalls, u64 *funcs);

#endif /* _EO_CONTROL_H */
