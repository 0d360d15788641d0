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
	pid_t owner_pid;		/* 0: armed until STOP */
	u32 quiet_clients;
};

/* Who an arming belongs to: the netlink socket of a client such as watch. */
struct eo_control_owner {
	struct sock *sk;
	u32 portid;
	pid_t pid;
};

/*
 * Arms with @f and @fs, or replaces filter and functions when armed. Takes ownership of @f.
 * With @owner the arming is undone when that socket closes (eo_control_release()); without,
 * it stays until STOP. With @extend (capture armed, else -ENOTCONN, by
 * nobody's client, else -EBUSY) the filter and the armed pairs stay, @f is dropped, and @fs's
 * functions are followed besides the arming's own, replacing those of an earlier extension;
 * the next plain START or STOP ends the extension.
 */
int eo_control_start(struct eo_filter *f, const struct eo_control_funcs *fs, bool extend,
		     const struct eo_control_owner *owner, struct netlink_ext_ack *extack);
/* Whether a socket with @portid owns the arming; a hint, read without the lock. */
bool eo_control_owned_by(u32 portid);
/* Disarms if the arming's owner socket has been released; may sleep. */
void eo_control_release(void);
void eo_control_stop(void);
/* Leaves @client's process out of capture while its socket lives (EO_CMD_QUIET). */
int eo_control_quiet(const struct eo_control_owner *client, struct netlink_ext_ack *extack);
/* Forgets the quiet clients whose socket was released (all of them once unloading). */
void eo_control_quiet_release(void);
/* Learns a pair's functions; capture must be armed. */
int eo_control_learn(const struct eo_learn_req *r, struct netlink_ext_ack *extack);
void eo_control_uninit(void);

/* Calls @fn with the current state, under the lock. */
int eo_control_describe(int (*fn)(void *arg, const struct eo_control_state *st), void *arg);

/* Returns the hooks could not follow: of watched syscalls, and of followed functions. */
int eo_control_missed(u64 *syscalls, u64 *funcs);
/* Memory the data path's tables take (none before the first arm). */
size_t eo_control_bytes(void);
int eo_control_reset_counts(struct netlink_ext_ack *extack);
/* How many errnos and syscalls the armed filter lists (to size a status reply). */
int eo_control_filter_entries(void);

#endif /* _EO_CONTROL_H */
