/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Knowledge-base arming: for a capture filtered by errno or syscall, the origin functions
 * that limits.hints names for them, and their callers on the way from the syscall, are
 * followed from the start. The first failure of a known limit then has its origin, its
 * chain and its hint, with nothing learned.
 */
#ifndef EO_KB_FUNCS_H
#define EO_KB_FUNCS_H

#include "filter.h"
#include "funcs.h"
#include "hints.h"

struct eo_kb_arming {
	size_t origins;		/* knowledge-base functions found on this kernel */
	size_t callers;		/* their callers on a path from the syscall */
	bool no_callgraph;	/* /proc/kcore unreadable: the origins alone */
	int callgraph_errno;
};

/* Whether the filter names errnos or syscalls the knowledge base has origins for. Pure. */
bool eo_kb_applies(const struct eo_hints *h, const struct eo_filter_spec *spec);
/*
 * Fills @set (empty when the filter names nothing the knowledge base knows, or the filter
 * is empty). -1 only when memory runs out.
 */
int eo_kb_funcs(const struct eo_hints *h, const struct eo_filter_spec *spec,
		struct eo_func_set *set, struct eo_kb_arming *how);

/*
 * For each entry of @h, whether a call path links syscall @nr (x86_64 table) to one of its
 * origins. -1 when the kernel's symbols or text cannot be read (not root, no /proc/kcore).
 */
int eo_kb_reachable(const struct eo_hints *h, int nr, bool *reached);
/* ", following N functions of the knowledge base (...)": what @n armed functions are. */
void eo_kb_describe(FILE *f, const struct eo_kb_arming *how, size_t n);

#endif
