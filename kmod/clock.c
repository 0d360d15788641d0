// SPDX-License-Identifier: GPL-2.0
/*
 * TSC stamps to CLOCK_MONOTONIC. A reader takes a reference pair (TSC, monotonic) and
 * converts a stamp by its distance from it, at the rate measured between the pair taken at
 * load and this one. That rate includes NTP's corrections on average, so what an old record's
 * time is off by is how much the correction changed over its age, not the calibration's error
 * (tens of ppm). Right after load, before the span says enough, the kernel's calibrated
 * tsc_khz is the rate. Should the kernel find the TSC unstable after load, stamps of other
 * CPUs may be off by their skew; records from before a suspend that reset the TSC come out
 * wrong (CLOCK_MONOTONIC itself does not count the suspend either).
 */
#include <linux/bitops.h>
#include <linux/irqflags.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include "clock.h"

DEFINE_STATIC_KEY_FALSE(eo_clock_tsc);

#ifdef CONFIG_X86
/* the measured rate once the reference pairs are this far apart */
#define EO_CLOCK_MIN_SPAN_NS (10 * NSEC_PER_MSEC)

struct eo_clock_pair {
	u64 cycles;
	u64 ns;
};

static struct eo_clock_pair eo_clock_load;

/* A TSC reading and the monotonic clock at the same moment, within a few tens of ns. */
static void eo_clock_pair(struct eo_clock_pair *p)
{
	unsigned long flags;
	u64 before, after;

	local_irq_save(flags);
	before = rdtsc_ordered();
	p->ns = ktime_get_mono_fast_ns();
	after = rdtsc_ordered();
	local_irq_restore(flags);
	p->cycles = before + (after - before) / 2;
}

/* Nanoseconds per cycle, times 2^32: the rate from @a to @b, or tsc_khz's. */
static u64 eo_clock_rate(const struct eo_clock_pair *a, const struct eo_clock_pair *b)
{
	u64 cycles = b->cycles - a->cycles, ns = b->ns - a->ns;
	unsigned int drop;

	if (b->cycles <= a->cycles || b->ns <= a->ns + EO_CLOCK_MIN_SPAN_NS)
		return div64_u64((u64)USEC_PER_SEC << 32, tsc_khz);
	/* both spans cut to 32 bits alike: the ratio keeps 31 of them */
	drop = max(fls64(cycles), fls64(ns));
	drop = drop > 32 ? drop - 32 : 0;
	cycles >>= drop;
	ns >>= drop;
	return cycles ? div64_u64(ns << 32, cycles) : 0;
}

u64 eo_clock_ns(u64 stamp)
{
	struct eo_clock_pair now;
	u64 rate;

	if (!static_branch_likely(&eo_clock_tsc))
		return stamp;
	eo_clock_pair(&now);
	rate = eo_clock_rate(&eo_clock_load, &now);
	/* a stamp taken on another CPU after the reference is ahead of it */
	if ((s64)(stamp - now.cycles) > 0)
		return now.ns + mul_u64_u64_shr(stamp - now.cycles, rate, 32);
	return now.ns - min(now.ns, mul_u64_u64_shr(now.cycles - stamp, rate, 32));
}

/*
 * Whether the timekeeper counts in TSC cycles: then the kernel itself trusts the TSC to be
 * constant and synchronised across CPUs. Told by value, the same on every kernel (the
 * clocksource IDs name the TSC only since 6.8): its counter read between two TSC readings
 * lies between them. Another counter's values (HPET's 32 bits, the ACPI timer's 24,
 * kvm-clock's nanoseconds) do not fall in that window of a few microseconds.
 */
static bool eo_clock_timekeeper_tsc(void)
{
	unsigned long flags;
	u64 before, cycles, after;

	local_irq_save(flags);
	before = rdtsc_ordered();
	cycles = eo_clocksource_cycles();
	after = rdtsc_ordered();
	local_irq_restore(flags);
	return before <= cycles && cycles <= after;
}

void eo_clock_init(void)
{
	if (!boot_cpu_has(X86_FEATURE_TSC) || check_tsc_unstable() || !tsc_khz ||
	    !eo_clock_timekeeper_tsc())
		return;
	eo_clock_pair(&eo_clock_load);
	static_branch_enable(&eo_clock_tsc);
}
#else
u64 eo_clock_ns(u64 stamp)
{
	return stamp;
}

void eo_clock_init(void)
{
}
#endif

const char *eo_clock_name(void)
{
	return static_branch_likely(&eo_clock_tsc) ? "tsc" : "monotonic";
}
