// SPDX-License-Identifier: GPL-2.0
#include "chain.h"

void eo_chain_resolve(struct eo_chain_resolver *r, struct eo_event *ev, FILE *notice)
{
	unsigned int i;

	if (!ev->nframes)
		return;
	if (!r->ready) {
		r->src = eo_srcline_open();
		eo_rethooks_load(&r->rethooks);
		r->ready = true;
	}
	eo_rethooks_fix(&r->rethooks, ev);
	for (i = 0; i < ev->nframes; i++) {
		struct eo_frame *fr = &ev->frames[i];
		char mod[64];

		/* "name [module]": the module the frame is in */
		eo_sym_module(fr->func, mod, sizeof(mod));
		eo_srcline_lookup(r->src, fr->addr, mod[0] ? mod : NULL, fr->src,
				  sizeof(fr->src), notice);
		/* a return address: its line is the call's, the byte before it */
		eo_sym_module(fr->site_sym, mod, sizeof(mod));
		if (fr->site && fr->site_sym[0])
			eo_srcline_lookup(r->src, fr->site - 1, mod[0] ? mod : NULL,
					  fr->site_src, sizeof(fr->site_src), notice);
	}
}

void eo_chain_resolver_close(struct eo_chain_resolver *r)
{
	eo_srcline_close(r->src);
	r->src = NULL;
	r->ready = false;
}
