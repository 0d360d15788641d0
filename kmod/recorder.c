// SPDX-License-Identifier: GPL-2.0
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>
#include "recorder.h"

static DEFINE_MUTEX(eo_recorder_mutex);
/*
 * Slots point to record buffers; eo_recorder_keep() swaps a queue's buffer in. Which pool a
 * buffer came from does not matter: both are freed only at unload.
 */
static struct eo_record **eo_recorder_ring;
static struct eo_record *eo_recorder_mem;
static unsigned int eo_recorder_cap;
static u64 eo_recorder_next;	/* position of the next event written */
static unsigned int eo_recorder_at;	/* its slot: eo_recorder_next % eo_recorder_cap */

void eo_recorder_init(unsigned int size)
{
	eo_recorder_cap = clamp(size, 1U, 1U << 20);
}

/* At the first arm: nothing is recorded before. */
int eo_recorder_alloc(void)
{
	struct eo_record **ring, *mem;
	unsigned int i;

	if (READ_ONCE(eo_recorder_ring))
		return 0;
	mem = vzalloc(array_size(eo_recorder_cap, sizeof(*mem)));
	ring = vmalloc_array(eo_recorder_cap, sizeof(*ring));
	if (!mem || !ring) {
		vfree(mem);
		vfree(ring);
		return -ENOMEM;
	}
	for (i = 0; i < eo_recorder_cap; i++)
		ring[i] = &mem[i];
	mutex_lock(&eo_recorder_mutex);
	eo_recorder_mem = mem;
	eo_recorder_ring = ring;
	mutex_unlock(&eo_recorder_mutex);
	return 0;
}

size_t eo_recorder_bytes(void)
{
	return eo_recorder_ring ?
	       array_size(eo_recorder_cap, sizeof(struct eo_record) + sizeof(void *)) : 0;
}

void eo_recorder_uninit(void)
{
	vfree(eo_recorder_ring);
	vfree(eo_recorder_mem);
}

void eo_recorder_lock(void)
{
	mutex_lock(&eo_recorder_mutex);
}

void eo_recorder_unlock(void)
{
	mutex_unlock(&eo_recorder_mutex);
}

/* Worker context only: *@slot's record is kept, the oldest one's buffer goes back. */
void eo_recorder_keep(struct eo_record **slot)
{
	lockdep_assert_held(&eo_recorder_mutex);
	swap(*slot, eo_recorder_ring[eo_recorder_at]);
	eo_recorder_next++;
	if (++eo_recorder_at == eo_recorder_cap)
		eo_recorder_at = 0;
}

bool eo_recorder_read(u64 *pos, struct eo_record *out)
{
	bool found = false;
	u64 first;

	mutex_lock(&eo_recorder_mutex);
	if (!eo_recorder_ring) {
		mutex_unlock(&eo_recorder_mutex);
		return false;
	}
	first = eo_recorder_next > eo_recorder_cap ? eo_recorder_next - eo_recorder_cap : 0;
	if (*pos < first)
		*pos = first;
	if (*pos < eo_recorder_next) {
		eo_record_copy(out, eo_recorder_ring[*pos % eo_recorder_cap]);
		(*pos)++;
		found = true;
	}
	mutex_unlock(&eo_recorder_mutex);
	return found;
}

void eo_recorder_stats(struct eo_stats *s)
{
	mutex_lock(&eo_recorder_mutex);
	s->recorded = eo_recorder_next;
	mutex_unlock(&eo_recorder_mutex);
}

unsigned int eo_recorder_size(void)
{
	return eo_recorder_cap;
}
