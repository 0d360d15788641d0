/* SPDX-License-Identifier: GPL-2.0 */
/* One captured failure, as it travels from the hook through the queue to the encoder. */
#ifndef _EO_RECORD_H
#define _EO_RECORD_H

#include <linux/types.h>
#include <linux/errorigin.h>

struct eo_record {
	u64 seq;
	u64 time_ns;
	u64 cgroup_id;
	s64 ret;
	u64 args[EO_NR_ARGS];
	u32 tgid;
	u32 tid;
	u32 uid;
	u32 cpu;
	u32 nr;
	u8 abi;
	char comm[EO_COMM_LEN];
};

#endif /* _EO_RECORD_H */
