// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "rethooks.h"

/* fgraph (fprobe on 7.x), rethook (kretprobe and fprobe on 6.x), older kretprobes */
static const char *const eo_rethook_names[] = {
	"return_to_handler", "arch_rethook_trampoline", "__kretprobe_trampoline",
	"kretprobe_trampoline",
};

void eo_rethooks_load(struct eo_rethooks *r)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char name[128], type;
	uint64_t addr;
	size_t i;

	r->n = 0;
	while (f && r->n < EO_RETHOOKS_MAX &&
	       fscanf(f, "%" SCNx64 " %c %127s%*[^\n]", &addr, &type, name) == 3) {
		for (i = 0; addr && i < sizeof(eo_rethook_names) / sizeof(eo_rethook_names[0]); i++)
			if (!strcmp(name, eo_rethook_names[i]))
				r->addr[r->n++] = addr;
	}
	if (f)
		fclose(f);
}

static int eo_rethooks_has(const struct eo_rethooks *r, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->addr[i] == addr)
			return 1;
	return 0;
}

void eo_rethooks_fix(const struct eo_rethooks *r, struct eo_event *ev)
{
	unsigned int i;

	if (ev->nframes < 2)
		return;
	/* outermost first: a trampoline site may take one that was put right just before */
	for (i = ev->nframes - 1; i-- > 0;) {
		struct eo_frame *fr = &ev->frames[i];

		if (!fr->site || !eo_rethooks_has(r, fr->site))
			continue;
		fr->site = ev->frames[i + 1].site;
		memcpy(fr->site_sym, ev->frames[i + 1].site_sym, sizeof(fr->site_sym));
	}
}
