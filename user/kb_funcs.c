// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "callgraph.h"
#include "kb_funcs.h"
#include "ksyms.h"
#include "names.h"
#include "util.h"

/* mount's entry is 9-10 calls above count_mounts in Debian's kernels */
#define EO_KB_DEPTH		14
/* more callers than that: an origin on a common path (alloc_fd), only the nearest kept */
#define EO_KB_MAX_CALLERS	48

/* the syscalls' entry points, and the table each one's name is in */
static const struct {
	const char *prefix;
	bool compat;
} eo_entries[] = {
	{ "__x64_sys_", false }, { "__x64_compat_sys_", false },	/* native, x32 */
	{ "__ia32_sys_", true }, { "__ia32_compat_sys_", true },
};

/* a syscall's entry, and one the filter lets through */
static bool eo_kb_is_root(const char *name, void *arg)
{
	const struct eo_filter_spec *spec = arg;
	size_t i, len;
	int nr;

	for (i = 0; i < sizeof(eo_entries) / sizeof(eo_entries[0]); i++) {
		len = strlen(eo_entries[i].prefix);
		if (strncmp(name, eo_entries[i].prefix, len))
			continue;
		if (!spec->any_syscall)
			return true;
		nr = eo_syscall_parse(name + len, eo_entries[i].compat);
		if (nr < 0 || nr >= EO_MAX_SYSCALLS)
			return false;
		return eo_entries[i].compat ? spec->compat_syscalls[nr] : spec->syscalls[nr];
	}
	return false;
}

static bool eo_kb_entry_wanted(const struct eo_hint *e, const struct eo_filter_spec *spec)
{
	size_t i;

	if (!e->norigins)
		return false;	/* a limit checked where no hook can follow */
	if (!spec->any_errno)
		return true;	/* syscalls only: the paths from them decide */
	for (i = 0; i < e->nerrnos; i++)
		if (e->errnos[i] > 0 && e->errnos[i] <= EO_MAX_ERRNO && spec->errnos[e->errnos[i]])
			return true;
	return false;
}

bool eo_kb_applies(const struct eo_hints *h, const struct eo_filter_spec *spec)
{
	size_t i;

	if (!spec->any_errno && !spec->any_syscall)
		return false;
	for (i = 0; i < h->n; i++)
		if (eo_kb_entry_wanted(&h->items[i], spec))
			return true;
	return false;
}

/* Marks in @mark the vmlinux symbols an entry names as origins (names, or globs). */
static void eo_kb_mark_origins(const struct eo_ksyms *k, const struct eo_hint *e, bool *mark)
{
	size_t i, j, first;

	for (j = 0; j < e->norigins; j++) {
		const char *o = e->origins[j];

		if (!strpbrk(o, "*?[")) {
			first = eo_ksyms_find(k, o, "");
			for (i = first; i < k->n && !strcmp(k->by_name[i]->name, o) &&
			     !k->by_name[i]->module[0]; i++)
				mark[k->by_name[i] - k->syms] = true;
			continue;
		}
		for (i = 0; i < k->n; i++)
			if (!k->syms[i].module[0] && !fnmatch(o, k->syms[i].name, 0))
				mark[i] = true;
	}
}

/* Marks the callers of @target on paths from the filter's syscalls, at most the nearest few. */
static size_t eo_kb_callers(const struct eo_callgraph *g, size_t target,
			    const struct eo_filter_spec *spec, bool *on, bool *scratch)
{
	unsigned int depth;
	size_t n = 0;

	for (depth = EO_KB_DEPTH; depth > 0; depth--) {
		memset(scratch, 0, g->k->n * sizeof(*scratch));
		n = eo_callgraph_paths(g, target, depth, eo_kb_is_root, (void *)spec, scratch);
		if (n <= EO_KB_MAX_CALLERS + 1)
			break;
	}
	if (!n || n > EO_KB_MAX_CALLERS + 1)
		return 0;
	for (size_t i = 0; i < g->k->n; i++)
		on[i] |= scratch[i];
	return n - 1;
}

int eo_kb_funcs(const struct eo_hints *h, const struct eo_filter_spec *spec,
		struct eo_func_set *set, struct eo_kb_arming *how)
{
	struct eo_callgraph g = {};
	struct eo_ksyms k;
	bool *origin = NULL, *on = NULL, *scratch = NULL, graph;
	char **names = NULL;
	size_t i, n = 0, cap = 0;
	int ret = -1;

	memset(set, 0, sizeof(*set));
	memset(how, 0, sizeof(*how));
	if (!eo_kb_applies(h, spec))
		return 0;
	if (eo_ksyms_load(&k) || !k.n) {
		eo_ksyms_free(&k);
		return 0;	/* no addresses: nothing can be armed, said when arming fails */
	}
	origin = calloc(k.n, sizeof(*origin));
	on = calloc(k.n, sizeof(*on));
	scratch = calloc(k.n, sizeof(*scratch));
	if (!origin || !on || !scratch)
		goto out;
	for (i = 0; i < h->n; i++)
		if (eo_kb_entry_wanted(&h->items[i], spec))
			eo_kb_mark_origins(&k, &h->items[i], origin);
	for (i = 0; i < k.n; i++)
		on[i] = origin[i];
	graph = !eo_callgraph_load(&g, &k);
	if (!graph) {
		how->no_callgraph = true;
		how->callgraph_errno = errno;
	}
	for (i = 0; i < k.n; i++) {
		size_t callers = 0;

		if (!origin[i])
			continue;
		if (graph)
			callers = eo_kb_callers(&g, i, spec, on, scratch);
		/* by syscall alone, an origin no call path links to the syscall is not its */
		if (graph && !callers && !spec->any_errno) {
			on[i] = false;
			continue;
		}
		how->origins++;
		how->callers += callers;
	}
	for (i = 0; i < k.n; i++) {
		if (!on[i])
			continue;
		if (eo_grow(&names, &cap, n, sizeof(*names)))
			goto out;
		names[n++] = (char *)k.syms[i].name;	/* borrowed until resolved */
	}
	ret = n ? eo_funcs_resolve_names(names, n, set) : 0;
	goto done;
out:
	eo_err("knowledge base", "out of memory");
done:
	free(names);
	free(scratch);
	free(on);
	free(origin);
	eo_callgraph_free(&g);
	eo_ksyms_free(&k);
	return ret;
}

void eo_kb_describe(FILE *f, const struct eo_kb_arming *how, size_t n)
{
	fprintf(f, ", following %zu function%s from the start: the knowledge base's origins for this filter",
		n, n == 1 ? "" : "s");
	if (how->no_callgraph)
		fprintf(f, " (not their callers: /proc/kcore: %s)", strerror(how->callgraph_errno));
	else
		fprintf(f, " and their callers");
}

int eo_kb_reachable(const struct eo_hints *h, int nr, bool *reached)
{
	struct eo_filter_spec spec = { .any_syscall = true };
	struct eo_callgraph g = {};
	struct eo_ksyms k;
	bool *on = NULL, *origin = NULL;
	size_t i, s;
	int ret = -1;

	if (nr < 0 || nr >= EO_MAX_SYSCALLS)
		return -1;
	spec.syscalls[nr] = true;
	if (eo_ksyms_load(&k) || !k.n || eo_callgraph_load(&g, &k))
		goto out;
	on = calloc(k.n, sizeof(*on));
	origin = calloc(k.n, sizeof(*origin));
	if (!on || !origin)
		goto out;
	for (i = 0; i < h->n; i++) {
		memset(origin, 0, k.n * sizeof(*origin));
		eo_kb_mark_origins(&k, &h->items[i], origin);
		reached[i] = false;
		for (s = 0; s < k.n && !reached[i]; s++) {
			if (!origin[s])
				continue;
			memset(on, 0, k.n * sizeof(*on));
			reached[i] = eo_callgraph_paths(&g, s, EO_KB_DEPTH, eo_kb_is_root, &spec,
							on) > 0;
		}
	}
	ret = 0;
out:
	free(origin);
	free(on);
	eo_callgraph_free(&g);
	eo_ksyms_free(&k);
	return ret;
}
