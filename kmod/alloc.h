/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_ALLOC_H
#define EO_ALLOC_H

#include <linux/gfp.h>
#include <linux/vmalloc.h>

/*
 * Every allocation the module makes is for a request that reports its failure itself
 * (an errno and an extack message to the caller): no allocation-failure splat in dmesg.
 */
#define EO_GFP (GFP_KERNEL | __GFP_NOWARN)

static inline void *eo_vzalloc(unsigned long size)
{
	return __vmalloc(size, EO_GFP | __GFP_ZERO);
}

#endif
