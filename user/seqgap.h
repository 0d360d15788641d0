/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lost-event detection: the module numbers captured failures per CPU, gap-free unless some
 * were dropped on that CPU, and delivers CPU by CPU; so gaps are looked for per CPU.
 */
#ifndef EO_SEQGAP_H
#define EO_SEQGAP_H

#include <stdint.h>

struct eo_seqgap {
	uint64_t *last;		/* per CPU; 0: nothing seen from it yet */
	unsigned int n;
};

/* How many events of @cpu were lost before @seq (0 on a CPU's first event). */
uint64_t eo_seqgap_check(struct eo_seqgap *g, unsigned int cpu, uint64_t seq);
void eo_seqgap_free(struct eo_seqgap *g);

#endif
