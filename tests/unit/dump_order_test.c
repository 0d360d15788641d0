// SPDX-License-Identifier: GPL-2.0
/* The flight recorder's order: each CPU's records by sequence, the CPUs merged by time. */
#include <stdbool.h>
#include "dump_order.h"
#include "tap.h"

void test_dump_order(void)
{
	/*
	 * As the kernel sends them, CPU by CPU. CPU 0's seq 6 was read with a time 3 ns before
	 * seq 5's (each record's time is converted at read time), as CI saw once.
	 */
	struct eo_dump_item it[] = {
		{ 1000, 0, 4, NULL }, { 1203, 0, 5, NULL }, { 1200, 0, 6, NULL },
		{ 1300, 0, 7, NULL }, { 1100, 1, 9, NULL }, { 1250, 1, 10, NULL },
		{ 1400, 1, 11, NULL },
	};
	static const unsigned int cpu[] = { 0, 1, 0, 0, 1, 0, 1 };
	static const unsigned int seq[] = { 4, 9, 5, 6, 10, 7, 11 };
	bool good = true;
	size_t i;

	ok(!eo_dump_order(it, sizeof(it) / sizeof(it[0])), "dump order: sorted");
	for (i = 0; i < sizeof(it) / sizeof(it[0]); i++)
		good &= it[i].cpu == cpu[i] && it[i].seq == seq[i];
	ok(good, "dump order: a CPU's records in sequence order even when their times cross, the CPUs merged by time");
	ok(!eo_dump_order(it, 0), "dump order: nothing to sort");
}
