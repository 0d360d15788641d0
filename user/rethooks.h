/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's return-hook trampolines. A function jumped to by a hooked function (a tail
 * call) returns into the trampoline that replaced its caller's return address, so the module
 * reports that trampoline as its call site; such sites are put right from the chain.
 */
#ifndef EO_RETHOOKS_H
#define EO_RETHOOKS_H

#include <stdbool.h>
#include "event.h"

/*
 * A call site that is a trampoline: by name, or, as "%pB" names an address at the start of
 * a symbol (where no call returns to) by the end of the symbol before it, offset == size.
 * Pure.
 */
bool eo_rethook_site(const char *site_sym);
/*
 * A frame that returned into a trampoline returned where the next frame (the hooked function
 * that jumped to it) returns: its site becomes that one, which marks the tail call (pure).
 */
void eo_rethooks_fix(struct eo_event *ev);

#endif
