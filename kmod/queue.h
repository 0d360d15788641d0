/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU event queues between the hooks and the delivery worker. Producers run in hook
 * context with preemption disabled, never sleep and never allocate; a full queue counts a
 * drop. A worker drains every CPU's queue in process context.
 */
#ifndef _EO_QUEUE_H
#define _EO_QUEUE_H

#include "record.h"
#include "stats.h"

/* Sizes the rings; they are allocated by eo_queue_alloc() at the first arm. */
void eo_queue_init(unsigned int size);
int eo_queue_alloc(void);
size_t eo_queue_bytes(void);
void eo_queue_uninit(void);
struct eo_record *eo_queue_reserve(void);
void eo_queue_commit(struct eo_record *rec);
void eo_queue_stats(struct eo_stats *s);
void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s);
unsigned int eo_queue_size(void);

/* Called by the worker for every drained record, in capture order per CPU. */
void eo_deliver(const struct eo_record *rec);

#endif /* _EO_QUEUE_H */
