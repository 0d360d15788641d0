/* SPDX-License-Identifier: GPL-2.0 */
/* Counters reported by EO_CMD_GET_STATUS; each part of the data path fills in its own. */
#ifndef _EO_STATS_H
#define _EO_STATS_H

#include <linux/types.h>

struct eo_stats {
	u64 captured;
	u64 queued;
	u64 drop_queue_full;
	u64 drop_nested;
	u64 delivered;
	u64 drop_nomem;
	u64 counts_overflow;
	u64 recorded;
	u64 drop_hook_missed;
	u64 sessions_full;
	u64 funcs_missed;
	u64 funcs_stale;
};

struct eo_cpu_stats {
	u64 queued;
	u64 dropped;
};

#endif /* _EO_STATS_H */
