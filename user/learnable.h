/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry addresses the learning hook follows: what ftrace can hook and can fail, less the
 * deny list.
 */
#ifndef EO_LEARNABLE_H
#define EO_LEARNABLE_H

#include <stddef.h>
#include <stdint.h>

struct eo_learnable {
	uint64_t *addrs;
	/* per address: how its return says it failed (enum eo_ret_class) */
	uint8_t *classes;
	size_t n, cap, ccap;
	/*
	 * left out: denied, cannot fail (BTF: void, bool, unsigned; no origin and no caller
	 * in a chain), without a kallsyms address, namesakes, past EO_LEARN_FUNCS_MAX
	 */
	size_t denied, cannot_fail, no_address, ambiguous, over_limit;
};

/* Reads the running kernel's lists; prints why and returns -1 when none is left. */
int eo_learnable_load(struct eo_learnable *l);
void eo_learnable_free(struct eo_learnable *l);
struct nl_msg;
/* @l as LEARN's EO_A_LEARN_FUNCS and EO_A_LEARN_CLASSES attributes, as many as it takes. */
int eo_learnable_put(struct nl_msg *msg, const struct eo_learnable *l);

#endif
