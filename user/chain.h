/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An event's chain made readable: call sites put right after tail calls, frames and call
 * sites resolved to file:line. For every command that prints events.
 */
#ifndef EO_CHAIN_H
#define EO_CHAIN_H

#include <stdbool.h>
#include <stdio.h>
#include "event.h"
#include "rethooks.h"
#include "srcline.h"

struct eo_chain_resolver {
	bool ready;			/* set up at the first chain */
	struct eo_srcline *src;
};

/* A missing debug info is told once on @notice. */
void eo_chain_resolve(struct eo_chain_resolver *r, struct eo_event *ev, FILE *notice);
void eo_chain_resolver_close(struct eo_chain_resolver *r);

#endif
