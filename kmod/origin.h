/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The origin state machine: from the entries and returns of hooked functions during one
 * syscall, which function first produced the error and the chain it travelled outward
 * (retsnoop's semantics). Pure logic: no locks, no allocation, no kernel calls, so the same
 * file is compiled into the userspace unit tests.
 */
#ifndef _EO_ORIGIN_H
#define _EO_ORIGIN_H

#ifdef __KERNEL__
#include <linux/kprobes.h>
#include <linux/string.h>
#include <linux/types.h>
/* reached from probe handlers: never probed itself */
#define EO_NOKPROBE(fn) NOKPROBE_SYMBOL(fn)
#else
#define EO_NOKPROBE(fn)
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
#endif

#define EO_ORIGIN_MAX_DEPTH	64	/* hooked frames followed per syscall */
#define EO_ORIGIN_MAX_CHAIN	16	/* frames reported per event */

/* Completed failing frames at levels [lo, lo + len): lo is the outermost (the caller's child). */
struct eo_origin_chain {
	u16 lo;
	u16 len;
	bool stitched;
	u16 func[EO_ORIGIN_MAX_DEPTH];	/* indexed by level */
	s64 ret[EO_ORIGIN_MAX_DEPTH];
	u64 site[EO_ORIGIN_MAX_DEPTH];	/* where it returned to: the call site in its caller */
};

struct eo_origin {
	u16 depth;			/* open hooked frames */
	bool overflow;			/* went deeper than EO_ORIGIN_MAX_DEPTH */
	bool desync;			/* a return did not match the open frame */
	u16 open[EO_ORIGIN_MAX_DEPTH];	/* function of each open frame, by level */
	u64 outer_site;			/* where the outermost frame returns to, 0: not known */
	struct eo_origin_chain err;	/* the live error path */
	struct eo_origin_chain saved;	/* an error path set aside while clean-up code runs */
};

enum eo_origin_status {
	EO_ORIGIN_FOUND,	/* a recorded frame returned the syscall's errno */
	EO_ORIGIN_NONE,		/* no hooked function failed on the way out */
	EO_ORIGIN_MISMATCH,	/* hooked functions failed, but none with the syscall's errno */
	EO_ORIGIN_DESYNC,	/* entries and returns did not pair up (hooks changed mid-call) */
};

struct eo_origin_result {
	enum eo_origin_status status;
	u16 n;				/* frames in func/ret, origin first */
	bool stitched;			/* clean-up calls ran between the origin and the return */
	bool truncated;			/* deeper than EO_ORIGIN_MAX_DEPTH, or chain cut */
	u16 func[EO_ORIGIN_MAX_CHAIN];
	s64 ret[EO_ORIGIN_MAX_CHAIN];
	u64 site[EO_ORIGIN_MAX_CHAIN];
};

void eo_origin_init(struct eo_origin *o);
void eo_origin_enter(struct eo_origin *o, u16 func);
/* The same, with where the call returns to as its entry hook saw it (kept for level 0). */
void eo_origin_enter_site(struct eo_origin *o, u16 func, u64 site);
/*
 * @failed: @ret is an error for this function's return class. @site: the address it
 * returns to, which places the call in its caller (function+offset, file:line).
 */
void eo_origin_exit(struct eo_origin *o, u16 func, s64 ret, bool failed, u64 site);
void eo_origin_finish(const struct eo_origin *o, s64 sys_ret, struct eo_origin_result *r);
/* The function of the only open frame (the outermost, its callees returned), or -1. */
int eo_origin_alone(const struct eo_origin *o);
/* Whether @func's frame is the only one open. */
bool eo_origin_open_alone(const struct eo_origin *o, u16 func);
/* Whether @func's frame is all there is: entered first, nothing else recorded yet. */
bool eo_origin_just_entered(const struct eo_origin *o, u16 func);
/* Where the outermost frame returns to, as its entry hook saw it; 0: not known. */
u64 eo_origin_outer_site(const struct eo_origin *o);

#endif /* _EO_ORIGIN_H */
