/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's return-hook trampolines. A function jumped to by a hooked function (a tail
 * call) returns into the trampoline that replaced its caller's return address, so the module
 * reports that trampoline as its call site; such sites are put right from the chain.
 */
#ifndef EO_RETHOOKS_H
#define EO_RETHOOKS_H

#include <stdint.h>
#include "event.h"

#define EO_RETHOOKS_MAX 4

struct eo_rethooks {
	unsigned int n;
	uint64_t addr[EO_RETHOOKS_MAX];
};

/* From /proc/kallsyms; none found (no permission, other kernel) leaves n at 0. */
void eo_rethooks_load(struct eo_rethooks *r);
/*
 * A frame that returned into a trampoline returned where the next frame (the hooked function
 * that jumped to it) returns: its site becomes that one, which marks the tail call (pure).
 */
void eo_rethooks_fix(const struct eo_rethooks *r, struct eo_event *ev);

#endif
