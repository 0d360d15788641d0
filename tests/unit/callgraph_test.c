// SPDX-License-Identifier: GPL-2.0
/* The direct-call scan and the paths from a syscall's entry, on hand-made text. */
#include <stdbool.h>
#include <string.h>
#include "callgraph.h"
#include "tap.h"

#define BASE 0xffffffff81000000ULL

static struct eo_ksym syms[] = {
	{ BASE + 0x000, 0x40, "__x64_sys_foo", "" },
	{ BASE + 0x040, 0x40, "mid", "" },
	{ BASE + 0x080, 0x40, "leaf", "" },
	{ BASE + 0x0c0, 0x40, "other", "" },
	{ BASE + 0x100, 0x10, "__pfx_padded", "" },
	{ BASE + 0x110, 0xf0, "padded", "" },
};

static uint8_t text[0x200];

static void put_call(uint8_t op, uint64_t at, uint64_t to)
{
	int32_t rel = (int32_t)(to - (at + 5));

	text[at - BASE] = op;
	memcpy(&text[at - BASE + 1], &rel, 4);
}

static bool has_call(const struct eo_callgraph *g, const char *from, const char *to)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!strcmp(syms[g->calls[i].caller].name, from) &&
		    !strcmp(syms[g->calls[i].callee].name, to))
			return true;
	return false;
}

static bool is_entry(const char *name, void *arg)
{
	return !strncmp(name, "__x64_sys_", 10);
}

void test_callgraph(void)
{
	struct eo_ksyms k = { .syms = syms, .n = sizeof(syms) / sizeof(syms[0]) };
	struct eo_callgraph g = { .k = &k };
	bool on[sizeof(syms) / sizeof(syms[0])] = {};
	int32_t rel;

	memset(text, 0x90, sizeof(text));
	put_call(0xe8, BASE + 0x004, BASE + 0x040);	/* the entry calls mid */
	put_call(0xe8, BASE + 0x044, BASE + 0x084);	/* mid calls leaf past its endbr64 */
	put_call(0xe9, BASE + 0x050, BASE + 0x100);	/* mid tail-calls padded's padding */
	put_call(0xe8, BASE + 0x0c4, BASE + 0x080);	/* other calls leaf */
	put_call(0xe8, BASE + 0x0d0, BASE + 0x0a0);	/* into the middle of leaf: no call */
	put_call(0xe8, BASE + 0x0e0, BASE + 0x9000);	/* outside the text: no call */
	/* leaf: jne other (a conditional tail call) */
	text[0x88] = 0x0f;
	text[0x89] = 0x85;
	rel = (int32_t)((BASE + 0x0c0) - (BASE + 0x88 + 6));
	memcpy(&text[0x8a], &rel, 4);

	ok(!eo_callgraph_scan(&g, text, sizeof(text), BASE) && !eo_callgraph_index(&g),
	   "callgraph: the text scans");
	ok(has_call(&g, "__x64_sys_foo", "mid") && has_call(&g, "mid", "leaf") &&
	   has_call(&g, "other", "leaf"), "callgraph: direct calls found, past an endbr64 too");
	ok(has_call(&g, "mid", "padded"), "callgraph: a jump into __pfx_ padding is to its function");
	ok(has_call(&g, "leaf", "other"), "callgraph: a conditional tail call is found");
	ok(g.n == 5, "callgraph: a call into a function's middle or out of the text is none");
	ok(eo_callgraph_paths(&g, 2, 4, is_entry, NULL, on) == 3 && on[0] && on[1] && on[2] &&
	   !on[3], "callgraph: the path from the entry to leaf, without the caller off it");
	memset(on, 0, sizeof(on));
	ok(eo_callgraph_paths(&g, 2, 1, is_entry, NULL, on) == 0,
	   "callgraph: no path within the depth: nothing marked");
	memset(on, 0, sizeof(on));
	ok(eo_callgraph_paths(&g, 3, 8, is_entry, NULL, on) == 4 && on[3] && on[2],
	   "callgraph: through a conditional tail call as well");
	eo_callgraph_free(&g);
}
