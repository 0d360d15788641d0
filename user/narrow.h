/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Narrowing a learned set to the functions worth following (pure: no I/O). The origin of an
 * errno is entered late in the failing call, shortly before the error starts propagating
 * back, so functions are ranked by the recency of their last entry; each followed entry
 * costs a hook round trip, so functions the call entered many times are left out (they are
 * allocators and lookups, not where an errno is born), and the set is capped. The callers
 * of what is kept, up to the syscall, are added back so that the chain is whole: they run
 * once each, and the errno travels through them.
 */
#ifndef EO_NARROW_H
#define EO_NARROW_H

#include <stddef.h>
#include <stdint.h>
#include "funcs.h"

struct eo_narrow_limits {
	size_t max_funcs;	/* at most this many functions */
	uint32_t max_hits;	/* leave out functions entered more often in the learned call */
};

struct eo_narrow_result {
	size_t kept;
	size_t hot;		/* left out: entered more than max_hits times */
	size_t capped;		/* left out: beyond max_funcs */
	size_t callers;		/* kept beyond max_funcs: callers of kept functions */
};

/*
 * Reorders @items so that the kept ones come first, nearest the failure first, and
 * returns how many were kept and why the others were not. Callers are found through
 * parent_sym == sym. Frees nothing.
 */
void eo_narrow(struct eo_func *items, size_t n, const struct eo_narrow_limits *lim,
	       struct eo_narrow_result *res);

#endif
