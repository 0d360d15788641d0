/* SPDX-License-Identifier: GPL-2.0 */
/* The flight recorder: the last N delivered events, kept for later dumps. */
#ifndef _EO_RECORDER_H
#define _EO_RECORDER_H

#include "record.h"
#include "stats.h"

/* Sizes the recorder; eo_recorder_alloc() allocates it at the first arm. */
void eo_recorder_init(unsigned int size);
int eo_recorder_alloc(void);
size_t eo_recorder_bytes(void);
void eo_recorder_uninit(void);
/*
 * Keeps the record *@slot points to, and puts the buffer of the oldest kept one (its record
 * forgotten) in its place: no copy. Worker context, between eo_recorder_lock() and
 * eo_recorder_unlock(), which a batch of records takes once.
 */
void eo_recorder_lock(void);
void eo_recorder_unlock(void);
void eo_recorder_keep(struct eo_record **slot);
/*
 * Copies the oldest kept event with position >= *pos into @out and sets *pos past it.
 * Positions only grow, so a dump resumes where it stopped even if the ring moved on.
 */
bool eo_recorder_read(u64 *pos, struct eo_record *out);
void eo_recorder_stats(struct eo_stats *s);
unsigned int eo_recorder_size(void);

#endif /* _EO_RECORDER_H */
