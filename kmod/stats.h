/* SPDX-License-Identifier: GPL-2.0 */
/* Counters reported by EO_CMD_GET_STATUS; each part of the data path fills in its own. */
#ifndef _EO_STATS_H
#define _EO_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

/* A per-CPU counter summed over every possible CPU (torn reads are fine: a statistic). */
#define eo_percpu_sum(var) ({					\
	unsigned int __cpu;					\
	u64 __sum = 0;						\
								\
	for_each_possible_cpu(__cpu)				\
		__sum += per_cpu(var, __cpu);			\
	__sum;							\
})

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
