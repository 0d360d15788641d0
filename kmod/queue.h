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
/* Stops the worker; call once no hook can produce any more. */
void eo_queue_stop(void);
/* Frees the record buffers; call once no reader (the recorder's dumps) is left. */
void eo_queue_uninit(void);
struct eo_record *eo_queue_reserve(void);
void eo_queue_commit(struct eo_record *rec);
void eo_queue_stats(struct eo_stats *s);
void eo_queue_cpu_stats(unsigned int cpu, struct eo_cpu_stats *s);
unsigned int eo_queue_size(void);

/*
 * The sink, called by the worker: eo_deliver() for every drained record, in capture order
 * per CPU, with what eo_deliver_listened() said once for the whole pass. The sink may keep
 * *@slot's buffer by putting another one of the same size in its place.
 */
bool eo_deliver_listened(void);
void eo_deliver(struct eo_record **slot, bool listened);

#endif /* _EO_QUEUE_H */
