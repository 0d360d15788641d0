/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The armed function set: addresses chosen by userspace, each with its return class, and
 * the hooks on their entries and returns that feed the tasks' origin sessions.
 */
#ifndef _EO_FUNCS_H
#define _EO_FUNCS_H

#include <linux/types.h>
#include <linux/errorigin.h>

struct eo_funcs {
	u32 n;
	u32 gen;
	unsigned long *addr;	/* sorted ascending; index = function id */
	u8 *class;		/* enum eo_ret_class */
	bool pinned;		/* a hook that could not be removed still reads it */
};

/* Builds a set from userspace arrays (sorted here); NULL with *err set on failure. */
struct eo_funcs *eo_funcs_alloc(const u64 *addrs, const u8 *classes, u32 n, int *err);
/*
 * @base's functions and @addrs' (NULL @base: none); an address in both keeps @base's class.
 * -E2BIG beyond EO_MAX_FUNCS, -EEXIST for an address repeated in @addrs.
 */
struct eo_funcs *eo_funcs_union(const struct eo_funcs *base, const u64 *addrs,
				const u8 *classes, u32 n, int *err);
void eo_funcs_free(struct eo_funcs *f);
/* Never freed: for a set a hook still reads after its removal failed. */
void eo_funcs_pin(struct eo_funcs *f);
/* Id of the function whose entry @ip is (its address or a few bytes past it), or -1. */
int eo_funcs_lookup(const struct eo_funcs *f, unsigned long ip);
/* Whether @raw is an error for @class; *val gets the value as the function meant it. */
bool eo_funcs_failed(u8 class, unsigned long raw, s64 *val);

/* Generations start at a random value at each load (hook_frame.h). */
void eo_funcs_init(void);
/* Function returns ignored: their entry was made for another set, session or load. */
void eo_funcs_count_stale(void);
u64 eo_funcs_stale(void);

/*
 * Hook backends (fprobe, or kretprobes where the kernel has no fprobe). Several hooks may
 * be registered at once, on the same functions too: a re-arm hooks the new set before it
 * unhooks the old, so that no call runs unfollowed. A hook claims sessions only for the
 * published set (eo_capture_claim()).
 */
struct eo_func_hook;
/* An ERR_PTR() on failure. */
struct eo_func_hook *eo_hook_funcs_register(struct eo_funcs *f, u32 *refused);
/* Returns once no handler of @h runs any more; NULL: nothing to do. */
void eo_hook_funcs_unregister(struct eo_func_hook *h);
/* Returns the kernel could not follow, of @h (may be NULL) and of every hook gone. */
u64 eo_hook_funcs_missed(const struct eo_func_hook *h);
const char *eo_hook_funcs_name(void);
/* Most functions one arming follows; the rest of a larger set is counted refused. */
u32 eo_hook_funcs_max(void);

#endif /* _EO_FUNCS_H */
