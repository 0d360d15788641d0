/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When a failure happened. The hook takes a stamp; readers turn it into CLOCK_MONOTONIC
 * nanoseconds. Where the timekeeper itself counts TSC cycles (so the kernel trusts the TSC
 * to be constant, non-stop and synchronised across CPUs), the stamp is the raw TSC: a few
 * instructions, where ktime_get_mono_fast_ns() costs about 50 (its clocksource call is
 * retpolined). Elsewhere the stamp is ktime_get_mono_fast_ns() itself.
 */
#ifndef _EO_CLOCK_H
#define _EO_CLOCK_H

#include <linux/jump_label.h>
#include <linux/timekeeping.h>
#include <linux/types.h>
#ifdef CONFIG_X86
#include <asm/tsc.h>
#endif

DECLARE_STATIC_KEY_FALSE(eo_clock_tsc);

/* Chooses the stamp, once, at load (before any hook can run). */
void eo_clock_init(void);
/* A stamp in CLOCK_MONOTONIC nanoseconds; process or softirq context. */
u64 eo_clock_ns(u64 stamp);
/* What stamps are: "tsc" or "monotonic". */
const char *eo_clock_name(void);

static __always_inline u64 eo_clock_stamp(void)
{
#ifdef CONFIG_X86
	/* unordered: a few cycles early at most, and the per-CPU sequence orders records */
	if (static_branch_likely(&eo_clock_tsc))
		return rdtsc();
#endif
	return ktime_get_mono_fast_ns();
}

#endif /* _EO_CLOCK_H */
