// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "rethooks.h"

/* fgraph (fprobe on 7.x), rethook (kretprobe and fprobe on 6.x), older kretprobes */
static const char *const eo_rethook_names[] = {
	"return_to_handler", "arch_rethook_trampoline", "__kretprobe_trampoline",
	"kretprobe_trampoline",
};

bool eo_rethook_site(const char *site_sym)
{
	struct eo_sym s;
	size_t i;

	if (eo_sym_parse(site_sym, &s))
		return false;
	if (s.size && s.off == s.size)
		return true;
	for (i = 0; i < sizeof(eo_rethook_names) / sizeof(eo_rethook_names[0]); i++)
		if (!strcmp(s.name, eo_rethook_names[i]))
			return true;
	return false;
}

void eo_rethooks_fix(struct eo_event *ev)
{
	unsigned int i;

	if (ev->nframes < 2)
		return;
	/* outermost first: a trampoline site may take one that was put right just before */
	for (i = ev->nframes - 1; i-- > 0;) {
		struct eo_frame *fr = &ev->frames[i];

		if (!eo_rethook_site(fr->site_sym))
			continue;
		memcpy(fr->site_sym, ev->frames[i + 1].site_sym, sizeof(fr->site_sym));
	}
}
