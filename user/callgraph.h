/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's direct calls, read from its text in /proc/kcore: for a function, the callers
 * that lead to it from a syscall's entry. Knowledge-base arming hooks an origin's callers
 * too, so that the very first failure shows the chain it propagated through. Indirect calls
 * (function pointers, retpolines) are not seen: a path through one is cut there.
 */
#ifndef EO_CALLGRAPH_H
#define EO_CALLGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ksyms.h"

struct eo_call {
	uint32_t caller, callee;	/* indexes into the symbols by address */
};

struct eo_callgraph {
	const struct eo_ksyms *k;
	struct eo_call *calls;		/* by callee */
	size_t n, cap;
	size_t *first;			/* calls of callee i: first[i] .. first[i + 1] */
};

/*
 * Finds the direct calls and jumps (x86-64: call, jmp and jcc with a 32-bit displacement)
 * in @len bytes of text mapped at @base whose target is a symbol's start (or lies within
 * its first bytes: an endbr64, a call thunk). Pure: the unit tests give it their bytes.
 */
int eo_callgraph_scan(struct eo_callgraph *g, const uint8_t *text, size_t len, uint64_t base);
/* Sorts the calls found by callee; call once after the scans. */
int eo_callgraph_index(struct eo_callgraph *g);
/*
 * Reads vmlinux's text from /proc/kcore and scans it. -1 with errno set when the kernel
 * gives no /proc/kcore or it cannot be read (CAP_SYS_RAWIO); the caller says so.
 */
int eo_callgraph_load(struct eo_callgraph *g, const struct eo_ksyms *k);
void eo_callgraph_free(struct eo_callgraph *g);

/*
 * Marks in @on (one per symbol) the functions on a path of at most @depth calls from a
 * root (a symbol @is_root accepts) down to symbol @target, @target and the root included.
 * Returns how many it marked; 0 when no root reaches @target by direct calls.
 */
size_t eo_callgraph_paths(const struct eo_callgraph *g, size_t target, unsigned int depth,
			  bool (*is_root)(const char *name, void *arg), void *arg, bool *on);

#endif
