/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The data path's entry: a hook reports a failing syscall here; capture applies the filter,
 * updates the counters and queues the event.
 */
#ifndef _EO_CAPTURE_H
#define _EO_CAPTURE_H

#include <linux/ptrace.h>
#include "filter.h"
#include "stats.h"

void eo_capture_failure(struct pt_regs *regs, long ret);
/* Publishes @f (NULL: capture nothing) and returns the previous filter for the caller to free
 * after a grace period. Serialised by the caller.
 */
struct eo_filter *eo_capture_set_filter(struct eo_filter *f);
void eo_capture_stats(struct eo_stats *s);

#endif /* _EO_CAPTURE_H */
