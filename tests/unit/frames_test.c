// SPDX-License-Identifier: GPL-2.0
/*
 * Chains as the watch prints them: the origin by its entry, each caller at the call that
 * received the error (from the frame below's return address), a caller that is not followed
 * shown as "via", the outermost frame's own call site as "from".
 */
#include <stdio.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "event.h"
#include "format.h"
#include "rethooks.h"
#include "tap.h"

static const char *buf;

static void put_frame(struct nl_msg *msg, const char *func, int64_t ret, const char *site_sym)
{
	struct nlattr *fr = nla_nest_start(msg, EO_EVENT_A_FRAME);
	char sym[128];

	snprintf(sym, sizeof(sym), "%s+0x4/0x100", func);
	nla_put_string(msg, EO_FRAME_A_FUNC, func);
	nla_put_string(msg, EO_FRAME_A_FUNC_SYM, sym);
	nla_put_u64(msg, EO_FRAME_A_RET, (uint64_t)ret);
	nla_put_string(msg, EO_FRAME_A_SITE_SYM, site_sym);
	nla_nest_end(msg, fr);
}

static int decode(struct eo_event *ev)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *tb[EO_A_MAX + 1], *nest;
	int err;

	nest = nla_nest_start(msg, EO_A_EVENT);
	nla_put_u32(msg, EO_EVENT_A_PID, 7);
	nla_put_u32(msg, EO_EVENT_A_SYSCALL_NR, 165);
	nla_put_u64(msg, EO_EVENT_A_RET, (uint64_t)-28);
	nla_put_u8(msg, EO_EVENT_A_ORIGIN_STATUS, EO_ORIGIN_OK);
	put_frame(msg, "count_mounts", -28, "attach_recursive_mnt+0x2f5/0x410");
	put_frame(msg, "attach_recursive_mnt", -28, "graft_tree+0x4a/0x90");
	/* graft_tree returned into do_new_mount, which is not followed */
	put_frame(msg, "graft_tree", -28, "do_new_mount+0x1a/0x300");
	put_frame(msg, "path_mount", -28, "__x64_sys_mount+0x10c/0x150");
	nla_nest_end(msg, nest);
	nlmsg_parse(nlmsg_hdr(msg), 0, tb, EO_A_MAX, NULL);
	err = eo_event_parse(tb[EO_A_EVENT], ev);
	nlmsg_free(msg);
	return err;
}

static void test_module_frames(void)
{
	struct eo_event ev = { .nframes = 2, .origin_status = EO_ORIGIN_OK };
	char pos[160];
	const char *src;

	snprintf(ev.frames[0].func, sizeof(ev.frames[0].func), "simfail_plain_c [simfail]");
	snprintf(ev.frames[0].site_sym, sizeof(ev.frames[0].site_sym),
		 "simfail_plain_b+0x9/0x10 [simfail]");
	snprintf(ev.frames[0].site_src, sizeof(ev.frames[0].site_src), "simfail.c:21");
	snprintf(ev.frames[1].func, sizeof(ev.frames[1].func), "simfail_plain_b [simfail]");
	ok(eo_frame_position(&ev, 1, pos, sizeof(pos), &src) &&
	   !strcmp(pos, "simfail_plain_b+0x9 [simfail]") && !strcmp(src, "simfail.c:21"),
	   "frames: a module caller at its call site, module kept");
	snprintf(ev.frames[1].func, sizeof(ev.frames[1].func), "simfail_plain_b");
	ok(!eo_frame_position(&ev, 1, pos, sizeof(pos), &src),
	   "frames: a call site in another module is not this frame's");
	snprintf(ev.frames[1].func, sizeof(ev.frames[1].func), "simfail_plain [simfail]");
	ok(!eo_frame_position(&ev, 1, pos, sizeof(pos), &src) &&
	   !eo_frame_position(&ev, 0, pos, sizeof(pos), &src),
	   "frames: a name prefix is not a match; the origin has no call position");
}

/* graft_tree jumped to attach_recursive_mnt: both return into path_mount */
static void test_tail_call(void)
{
	struct eo_event ev = { .nframes = 3, .origin_status = EO_ORIGIN_OK };
	const char *names[] = { "attach_recursive_mnt", "graft_tree", "path_mount" };
	const char *sites[] = { "path_mount+0xa01/0xb90", "path_mount+0xa01/0xb90",
				"__x64_sys_mount+0x116/0x150" };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(ev.frames[i].func, sizeof(ev.frames[i].func), "%s", names[i]);
		snprintf(ev.frames[i].site_sym, sizeof(ev.frames[i].site_sym), "%s", sites[i]);
		ev.frames[i].ret = -28;
	}
	buf = event_text(&ev);
	ok(strstr(buf, "      graft_tree (tail call)                   -ENOSPC\n"
		       "      path_mount+0xa01                         -ENOSPC\n") && !strstr(buf, "via"),
	   "frames: a tail call is said, not shown as a caller not followed");
	buf = event_json(&ev);
	ok(strstr(buf, "{\"func\":\"graft_tree\",\"offset\":null,\"ret\":-28,\"tail_call\":true,") != NULL,
	   "frames: JSON tail_call");
}

/*
 * 7.3 (fgraph): graft_tree returned into return_to_handler, do_add_mount had jumped to it;
 * "%pB" names that trampoline's first byte by the end of the symbol before it
 */
static void test_rethook_site(void)
{
	struct eo_event ev = { .nframes = 3, .origin_status = EO_ORIGIN_OK };
	const char *names[] = { "graft_tree", "do_add_mount", "path_mount" };
	const char *syms[] = { "ftrace_stub_direct_tramp+0x10/0x10", "path_mount+0x3dd/0xb90",
			       "__x64_sys_mount+0x121/0x150" };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(ev.frames[i].func, sizeof(ev.frames[i].func), "%s", names[i]);
		snprintf(ev.frames[i].site_sym, sizeof(ev.frames[i].site_sym), "%s", syms[i]);
	}
	eo_rethooks_fix(&ev);
	ok(!strcmp(ev.frames[0].site_sym, syms[1]) && eo_frame_tail_call(&ev, 1) &&
	   !eo_frame_tail_call(&ev, 2) && !strcmp(ev.frames[2].site_sym, syms[2]),
	   "frames: a return into a trampoline is a tail call");
	/* the outermost frame has no next frame to take a site from: left as reported */
	ev.nframes = 1;
	snprintf(ev.frames[0].site_sym, sizeof(ev.frames[0].site_sym), "%s", syms[0]);
	eo_rethooks_fix(&ev);
	ok(!strcmp(ev.frames[0].site_sym, syms[0]), "frames: an outermost trampoline site stays");
	ok(eo_rethook_site("arch_rethook_trampoline+0x0/0x50") &&
	   eo_rethook_site("return_to_handler+0x0/0x40") &&
	   !eo_rethook_site("path_mount+0x3dd/0xb90") && !eo_rethook_site("?") &&
	   !eo_rethook_site("simfail_run+0x9/0x90 [simfail]"),
	   "frames: trampolines by name or by a site at a symbol's end");
}

static void test_sym_parse(void)
{
	struct eo_sym s;

	ok(!eo_sym_parse("count_mounts+0x4/0x90", &s) && !strcmp(s.name, "count_mounts") &&
	   s.off == 4 && s.size == 0x90 && !s.module[0], "symbols: vmlinux name+off/size");
	ok(!eo_sym_parse("simfail_run.isra.0+0x1a/0x40 [simfail]", &s) &&
	   !strcmp(s.name, "simfail_run.isra.0") && s.off == 0x1a && s.size == 0x40 &&
	   !strcmp(s.module, "simfail"), "symbols: a module's, suffixes kept");
	ok(eo_sym_parse("?", &s) && eo_sym_parse("count_mounts", &s) &&
	   eo_sym_parse("+0x4/0x10", &s) && eo_sym_parse("x+0x4", &s),
	   "symbols: no symbol, no offset, no name: refused");
}

/* simfail_recurse(2) > (1) > (0): every level returns to the same call in its caller */
static void test_recursion(void)
{
	struct eo_event ev = { .nframes = 3, .origin_status = EO_ORIGIN_OK };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		snprintf(ev.frames[i].func, sizeof(ev.frames[i].func), "simfail_recurse [simfail]");
		snprintf(ev.frames[i].site_sym, sizeof(ev.frames[i].site_sym), "%s",
			 i < 2 ? "simfail_recurse+0x1a/0x40 [simfail]" : "simfail_run+0x9/0x90 [simfail]");
		ev.frames[i].ret = -40;
	}
	buf = event_text(&ev);
	ok(!eo_frame_tail_call(&ev, 1) && !eo_frame_tail_call(&ev, 2) &&
	   strstr(buf, "      simfail_recurse+0x1a [simfail]           -ELOOP\n"
		       "      simfail_recurse+0x1a [simfail]           -ELOOP\n") != NULL,
	   "frames: recursion is not a tail call: each level at its call");
}

void test_frames(void)
{
	struct eo_event ev;

	ok(!decode(&ev) && ev.nframes == 4 &&
	   !strcmp(ev.frames[0].func_sym, "count_mounts+0x4/0x100") &&
	   !strcmp(ev.frames[3].site_sym, "__x64_sys_mount+0x10c/0x150"),
	   "frames: call sites decode");
	snprintf(ev.frames[0].src, sizeof(ev.frames[0].src), "fs/namespace.c:2170");
	snprintf(ev.frames[0].site_src, sizeof(ev.frames[0].site_src), "fs/namespace.c:2265");
	snprintf(ev.frames[3].src, sizeof(ev.frames[3].src), "fs/namespace.c:3600");
	buf = event_text(&ev);
	ok(strstr(buf, "\n    ! count_mounts                             -ENOSPC   fs/namespace.c:2170   <- origin\n"
		       "      attach_recursive_mnt+0x2f5               -ENOSPC   fs/namespace.c:2265\n"
		       "      graft_tree+0x4a                          -ENOSPC\n"
		       "      via do_new_mount+0x1a\n"
		       "      path_mount                               -ENOSPC   fs/namespace.c:3600\n"
		       "      from __x64_sys_mount+0x10c\n") != NULL,
	   "frames: text shows callers at their call sites, via and from");
	buf = event_json(&ev);
	ok(strstr(buf, "\"origin\":{\"func\":\"count_mounts\",\"offset\":null,\"src\":\"fs/namespace.c:2170\","
		       "\"ret\":-28,\"site\":\"attach_recursive_mnt+0x2f5\",\"site_src\":\"fs/namespace.c:2265\"}") &&
	   strstr(buf, "{\"func\":\"attach_recursive_mnt\",\"offset\":\"0x2f5\",\"src\":\"fs/namespace.c:2265\","
		       "\"ret\":-28,\"site\":\"graft_tree+0x4a\"}") &&
	   strstr(buf, "{\"func\":\"path_mount\",\"offset\":null,\"src\":\"fs/namespace.c:3600\","
		       "\"ret\":-28,\"site\":\"__x64_sys_mount+0x10c\"}"),
	   "frames: JSON offset of each caller, null for the origin and after a gap");
	test_module_frames();
	test_tail_call();
	test_rethook_site();
	test_recursion();
	test_sym_parse();
}

/* A 32-bit process's openat: ia32 names, 32-bit values (a 64-bit int 0x80 caller's high bits) */
void test_args_ia32(void)
{
	struct eo_event ev = { .syscall_nr = 295, .abi = EO_ABI_COMPAT, .ret = -2, .nstrings = 1,
			       .args = { 0xdeadbeefffffff9cULL, 0x8049000, 0x80000, 0644 } };

	snprintf(ev.comm, sizeof(ev.comm), "eo-fail32");
	ev.strings[0].index = 1;
	snprintf(ev.strings[0].value, sizeof(ev.strings[0].value), "/nonexistent");
	buf = event_text(&ev);
	ok(strstr(buf, " ia32:openat(AT_FDCWD, \"/nonexistent\", 0x80000, 0644) = -ENOENT") != NULL,
	   "args: an ia32 openat decoded, AT_FDCWD named");
	buf = event_json(&ev);
	ok(strstr(buf, ",\"args_decoded\":[-100,\"/nonexistent\",524288,420]") != NULL,
	   "args: ia32 args_decoded, the directory fd signed");
}
