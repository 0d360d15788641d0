/* SPDX-License-Identifier: GPL-2.0 */
/* Arming and disarming capture; serialised by one mutex. */
#ifndef _EO_CONTROL_H
#define _EO_CONTROL_H

#include <linux/netlink.h>
#include "filter.h"

/* Arms with @f, or swaps the filter when already armed. Takes ownership of @f. */
int eo_control_start(struct eo_filter *f, struct netlink_ext_ack *extack);
void eo_control_stop(void);
void eo_control_uninit(void);

/* Calls @fn with the active filter (NULL when disarmed) and the hook name, under the lock. */
int eo_control_describe(int (*fn)(void *arg, const struct eo_filter *f, const char *hook),
			void *arg);

/* Failures the current and past per-syscall hooks could not follow. */
u64 eo_control_hook_missed(void);

#endif /* _EO_CONTROL_H */
