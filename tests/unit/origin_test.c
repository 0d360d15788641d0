// SPDX-License-Identifier: GPL-2.0
/*
 * The origin state machine (kmod/origin.c, compiled here unchanged) against the scenarios
 * the engine must get right. Functions are small integers; E/X record entry and return.
 */
#include <stdio.h>
#include "origin.h"
#include "tap.h"

#define ENOENT 2
#define ENOMEM 12
#define EINVAL 22
#define ENOSPC 28

static struct eo_origin o;
static struct eo_origin_result r;

static void E(u16 f) { eo_origin_enter(&o, f); }
/* each function returns to its own call site, SITE(f): frames must keep theirs */
#define SITE(f) (0xffffffff81000000ULL + 0x100 * (f))
static void X(u16 f, s64 ret) { eo_origin_exit(&o, f, ret, ret < 0, SITE(f)); }
static void XNULL(u16 f) { eo_origin_exit(&o, f, 0, true, SITE(f)); }	/* pointer class: NULL */

static void finish(s64 sys_ret) { eo_origin_finish(&o, sys_ret, &r); }

/* chain_is(n, f0, r0, f1, r1, ...) */
static int chain_is(int n, const int *fr)
{
	int i;

	if (r.status != EO_ORIGIN_FOUND || r.n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (r.func[i] != fr[2 * i] || r.ret[i] != fr[2 * i + 1] ||
		    r.site[i] != SITE(r.func[i]))
			return 0;
	return 1;
}

void test_origin(void)
{
	int i;

	/* plain propagation through 3 levels: path_mount > do_add_mount > count_mounts */
	eo_origin_init(&o);
	E(1); E(2); E(3); X(3, -ENOSPC); X(2, -ENOSPC); X(1, -ENOSPC);
	finish(-ENOSPC);
	ok(chain_is(3, (int[]){ 3, -ENOSPC, 2, -ENOSPC, 1, -ENOSPC }) && !r.stitched &&
	   !r.truncated, "origin: plain propagation, deepest failing return is the origin");

	/* errno translation: ENOENT becomes EINVAL on the way out */
	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOENT); X(1, -EINVAL);
	finish(-EINVAL);
	ok(chain_is(2, (int[]){ 2, -ENOENT, 1, -EINVAL }), "origin: errno translation visible in the chain");

	/* NULL pointer origin: an allocation fails, the caller returns -ENOMEM */
	eo_origin_init(&o);
	E(1); E(2); XNULL(2); X(1, -ENOMEM);
	finish(-ENOMEM);
	ok(chain_is(2, (int[]){ 2, 0, 1, -ENOMEM }), "origin: NULL return of a pointer function is the origin");

	/* ERR_PTR origin: returned as a pointer, passed up as an errno */
	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOENT); X(1, -ENOENT);
	finish(-ENOENT);
	ok(chain_is(2, (int[]){ 2, -ENOENT, 1, -ENOENT }), "origin: ERR_PTR origin");

	/* stitching: a successful clean-up call after the error must not hide the origin */
	eo_origin_init(&o);
	E(1); E(2); E(3); X(3, -ENOSPC); X(2, -ENOSPC);
	E(4); X(4, 0);		/* e.g. an unlock that returns 0 */
	X(1, -ENOSPC);
	finish(-ENOSPC);
	ok(chain_is(3, (int[]){ 3, -ENOSPC, 2, -ENOSPC, 1, -ENOSPC }) && r.stitched,
	   "origin: clean-up after the error is stitched over");

	/* clean-up at the top level, then the syscall returns the error itself */
	eo_origin_init(&o);
	E(1); X(1, -ENOENT); E(4); X(4, 0);
	finish(-ENOENT);
	ok(chain_is(1, (int[]){ 1, -ENOENT }) && r.stitched, "origin: top-level clean-up stitched");

	/* handled error followed by a different real failure: no stale origin */
	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOENT); E(5); X(5, -ENOSPC); X(1, -ENOSPC);
	finish(-ENOSPC);
	ok(chain_is(2, (int[]){ 5, -ENOSPC, 1, -ENOSPC }), "origin: a later failure supersedes a handled one");

	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOENT); X(1, 0); E(6); X(6, -EINVAL);
	finish(-EINVAL);
	ok(chain_is(1, (int[]){ 6, -EINVAL }), "origin: error handled by a successful parent is forgotten");

	/* a handled error and nothing else: the syscall's error came from unhooked code */
	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOENT); X(1, 0);
	finish(-EINVAL);
	ok(r.status == EO_ORIGIN_NONE && r.n == 0, "origin: nothing hooked failed on the way out");

	/* recorded errors that differ from the syscall's: no guess */
	eo_origin_init(&o);
	E(1); X(1, -ENOENT);
	finish(-EINVAL);
	ok(r.status == EO_ORIGIN_MISMATCH && r.n == 0, "origin: errno differs from every frame");

	/* recursion: the same function nested three times */
	eo_origin_init(&o);
	E(7); E(7); E(7); X(7, -ENOENT); X(7, -ENOENT); X(7, -ENOENT);
	finish(-ENOENT);
	ok(chain_is(3, (int[]){ 7, -ENOENT, 7, -ENOENT, 7, -ENOENT }), "origin: recursion");

	/* repeated calls: the first fails and is retried successfully, the second call fails */
	eo_origin_init(&o);
	E(1); E(8); X(8, -ENOMEM); E(8); X(8, 0); E(9); X(9, -ENOSPC); X(1, -ENOSPC);
	finish(-ENOSPC);
	ok(chain_is(2, (int[]){ 9, -ENOSPC, 1, -ENOSPC }), "origin: repeated calls");

	/* deeper than the limit: counted, the chain is cut and says so */
	eo_origin_init(&o);
	for (i = 0; i < EO_ORIGIN_MAX_DEPTH + 6; i++)
		E(10);
	for (i = 0; i < EO_ORIGIN_MAX_DEPTH + 6; i++)
		X(10, -ENOENT);
	finish(-ENOENT);
	ok(r.status == EO_ORIGIN_FOUND && r.n == EO_ORIGIN_MAX_CHAIN && r.truncated,
	   "origin: depth overflow is reported as truncated");

	/* a return that does not match the open frame (hooks changed mid-syscall) */
	eo_origin_init(&o);
	E(1); X(2, -ENOENT);
	finish(-ENOENT);
	ok(r.status == EO_ORIGIN_DESYNC, "origin: unpaired return is reported, not guessed");

	/* a failure deep inside a clean-up sibling that the sibling handles */
	eo_origin_init(&o);
	E(1); E(2); X(2, -ENOSPC); E(3); E(11); X(11, -EINVAL); X(3, 0); X(1, -ENOSPC);
	finish(-ENOSPC);
	ok(chain_is(2, (int[]){ 2, -ENOSPC, 1, -ENOSPC }) && r.stitched,
	   "origin: an error handled inside a clean-up sibling does not replace the origin");

	/* the wrapper's frame, closed by the capture when its own return hook comes later */
	eo_origin_init(&o);
	eo_origin_enter_site(&o, 1, 0x1234);
	E(3); X(3, 0);
	ok(eo_origin_outer_site(&o) == 0x1234, "origin: the outermost frame's site is kept");
	E(3);
	ok(!eo_origin_open_alone(&o, 1), "origin: not alone while a callee is open");
	X(3, 0); X(1, 0);
	ok(eo_origin_outer_site(&o) == 0, "origin: no outermost site once it returned");
	eo_origin_init(&o);
	E(1);
	ok(eo_origin_just_entered(&o, 1) && !eo_origin_just_entered(&o, 2),
	   "origin: a call just entered is told");
	E(2);
	ok(!eo_origin_just_entered(&o, 1), "origin: nor once it went deeper");
	X(2, -ENOSPC);
	ok(!eo_origin_just_entered(&o, 1), "origin: nor once something returned");
	ok(eo_origin_open_alone(&o, 1) && !eo_origin_open_alone(&o, 2),
	   "origin: the only open frame is told");
	X(1, -ENOSPC);
	ok(!eo_origin_open_alone(&o, 1), "origin: no frame is open after the last return");
	ok(!eo_origin_just_entered(&o, 1), "origin: a finished call is not one just entered");
	finish(-ENOSPC);
	ok(chain_is(2, (int[]){ 2, -ENOSPC, 1, -ENOSPC }), "origin: a frame closed so is in the chain");
}
