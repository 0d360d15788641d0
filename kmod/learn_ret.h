/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the learning task's functions return, where the learning hook is the x86-64
 * trampoline: at a followed function's entry inside a learning slot, its return address is
 * swapped for eo_learn_ret_tramp's and kept here; the return comes back through it, feeds
 * the slot's origin state machine, and goes on to where it was headed. When the learned
 * call fails with the pair's errno, its origin and chain wait for the syscall-exit capture,
 * so that the failure learning learns from is reported with its origin.
 *
 * Only learning tasks pay: everybody else never reaches this file. The kept returns are a
 * fixed table (no allocation in a hook); a return is found by its task and stack address.
 * Unhooking puts every return address still kept back on its stack before the module may
 * go (eo_learn_ret_restore()).
 */
#ifndef _EO_LEARN_RET_H
#define _EO_LEARN_RET_H

#include <linux/atomic.h>
#include <linux/types.h>
#include "learn_set.h"

struct eo_record;

#ifdef EO_HAVE_LEARN_TRAMP
static inline bool eo_learn_ret_follows(void) { return true; }
/*
 * The followed functions (entry addresses) and their return classes, sorted by address, for
 * the next registration; process context, while unhooked. -ENOMEM leaves returns unfollowed.
 */
int eo_learn_ret_set(const unsigned long *ips, const u8 *classes, unsigned int n);
void eo_learn_ret_free(void);

/* The slot's call begins (its origin state is reset). */
void eo_learn_ret_begin(unsigned int slot, u32 gen);
/*
 * A followed function entered in the slot's call: @where is the stack word holding its
 * return address @to; swapped for the trampoline's when its return says anything.
 */
void eo_learn_ret_enter(unsigned int slot, u32 gen, unsigned long site, unsigned long *where,
			unsigned long to);
/* The slot's call ends with @ret: its origin, when it failed with @err, waits for capture. */
void eo_learn_ret_end(unsigned int slot, u32 gen, long ret, u32 err);
/* In hook_learn_tramp.S: where a followed function returns to, never called. */
void eo_learn_ret_tramp(void);
/* Called by eo_learn_ret_tramp with what the function returned and the stack word. */
unsigned long eo_learn_ret_exit(unsigned long rax, unsigned long *where);

/* origins waiting for their syscall exit: 0 keeps capture's test to one load */
extern atomic_t eo_learn_found_pending;
bool __eo_learn_ret_take(struct eo_record *rec, long ret);

/*
 * Syscall-exit capture of a call that returned @ret: takes current's origin from learning,
 * if one waits, so that no later call finds it; true when it went into @rec, which had none.
 */
static __always_inline bool eo_learn_ret_take(struct eo_record *rec, long ret)
{
	return unlikely(atomic_read(&eo_learn_found_pending) || atomic_read(&eo_learn_busy)) &&
	       __eo_learn_ret_take(rec, ret);
}
/* Once the hook is gone: every kept return address back where it was; may sleep. */
void eo_learn_ret_restore(void);

#else	/* the callback follows entries only */
static inline bool eo_learn_ret_follows(void) { return false; }
static inline int eo_learn_ret_set(const unsigned long *ips, const u8 *classes, unsigned int n)
{
	return 0;
}
static inline void eo_learn_ret_free(void) { }
static inline void eo_learn_ret_begin(unsigned int slot, u32 gen) { }
static inline void eo_learn_ret_enter(unsigned int slot, u32 gen, unsigned long site,
				      unsigned long *where, unsigned long to) { }
static inline void eo_learn_ret_end(unsigned int slot, u32 gen, long ret, u32 err) { }
static inline bool eo_learn_ret_take(struct eo_record *rec, long ret) { return false; }
static inline void eo_learn_ret_restore(void) { }
#endif

#endif /* _EO_LEARN_RET_H */
