// SPDX-License-Identifier: GPL-2.0
#include "chain.h"

void eo_chain_resolve(struct eo_chain_resolver *r, struct eo_event *ev, FILE *notice)
{
	unsigned int i;

	if (!ev->nframes)
		return;
	if (!r->ready) {
		r->src = eo_srcline_open();
		r->ready = true;
	}
	eo_rethooks_fix(ev);
	for (i = 0; i < ev->nframes; i++) {
		struct eo_frame *fr = &ev->frames[i];

		eo_srcline_lookup(r->src, fr->func_sym, false, fr->src, sizeof(fr->src), notice);
		if (fr->site_sym[0])
			eo_srcline_lookup(r->src, fr->site_sym, true, fr->site_src,
					  sizeof(fr->site_src), notice);
	}
}

void eo_chain_resolver_close(struct eo_chain_resolver *r)
{
	eo_srcline_close(r->src);
	r->src = NULL;
	r->ready = false;
}
