// SPDX-License-Identifier: GPL-2.0
/* Lost-event detection per CPU (user/seqgap.c): sequences are the module's, one per CPU. */
#include "seqgap.h"
#include "tap.h"

void test_seqgap(void)
{
	struct eo_seqgap g = {};

	ok(eo_seqgap_check(&g, 0, 41) == 0, "seqgap: a CPU's first event is no gap");
	ok(eo_seqgap_check(&g, 0, 42) == 0, "seqgap: the next number is no gap");
	ok(eo_seqgap_check(&g, 1, 7) == 0, "seqgap: another CPU's numbers are its own");
	ok(eo_seqgap_check(&g, 0, 45) == 2, "seqgap: 43 and 44 lost on CPU 0");
	ok(eo_seqgap_check(&g, 1, 8) == 0, "seqgap: CPU 1 still gap-free after CPU 0's gap");
	ok(eo_seqgap_check(&g, 0, 44) == 0 && eo_seqgap_check(&g, 0, 46) == 0,
	   "seqgap: an older number is no gap and does not move the last one back");
	ok(eo_seqgap_check(&g, 300, 5) == 0 && eo_seqgap_check(&g, 300, 9) == 3,
	   "seqgap: a high CPU number grows the table");
	ok(eo_seqgap_check(&g, 1 << 20, 1) == 0 && eo_seqgap_check(&g, 1 << 20, 9) == 0,
	   "seqgap: an absurd CPU number is not tracked");
	eo_seqgap_free(&g);
}
