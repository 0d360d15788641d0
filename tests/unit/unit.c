// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the CLI's pure logic: names, filters, decoding, formatting, aggregation. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "aggregate.h"
#include "event.h"
#include "filter.h"
#include "format.h"
#include "json.h"
#include "names.h"
#include "tap.h"

static int t_num, t_failed;

void ok(int cond, const char *what)
{
	t_num++;
	printf("%sok %d - %s\n", cond ? "" : "not ", t_num, what);
	if (!cond)
		t_failed++;
}

/* A memory stream over a cleared static buffer: what the formatter under test writes. */
static char outbuf[4096];
static FILE *mem_open(void)
{
	memset(outbuf, 0, sizeof(outbuf));
	return fmemopen(outbuf, sizeof(outbuf) - 1, "w");
}

const char *event_text(const struct eo_event *ev)
{
	FILE *f = mem_open();

	eo_format_event_text(f, ev, 0);
	fclose(f);
	return outbuf;
}

const char *event_json(const struct eo_event *ev)
{
	FILE *f = mem_open();

	eo_format_event_json(f, ev);
	fclose(f);
	return outbuf;
}

static void test_names(void)
{
	char buf[64];

	ok(eo_errno_parse("ENOSPC") == 28, "errno name ENOSPC is 28");
	ok(eo_errno_parse("enospc") == 28, "errno names are case-insensitive");
	ok(eo_errno_parse("24") == 24, "errno given as a number");
	ok(eo_errno_parse("0") == -1 && eo_errno_parse("4096") == -1, "errno numbers out of range");
	ok(eo_errno_parse("ENOTANERRNO") == -1, "unknown errno name");
	ok(!strcmp(eo_errno_name(2), "ENOENT"), "errno 2 is named ENOENT (glibc)");
	ok(!strcmp(eo_errno_name(512), "ERESTARTSYS"), "512 is the kernel-internal ERESTARTSYS");
	ok(!strcmp(eo_errno_name(516), "ERESTART_RESTARTBLOCK"), "516 is ERESTART_RESTARTBLOCK");
	ok(eo_errno_name(4000) == NULL, "unnamed errno");
	ok(eo_syscall_parse("mount", false) == 165, "x86_64 mount is 165 (libseccomp)");
	ok(eo_syscall_parse("mount", true) == 21, "ia32 mount is 21");
	ok(eo_syscall_parse("openat", false) == 257, "x86_64 openat is 257");
	ok(eo_syscall_parse("nosuchcall", false) == -1, "unknown syscall name");
	ok(!strcmp(eo_syscall_name(165, EO_ABI_NATIVE, buf, sizeof(buf)), "mount"), "165 names mount");
	ok(!strcmp(eo_syscall_name(5, EO_ABI_COMPAT, buf, sizeof(buf)), "open"), "ia32 5 names open");
	ok(!strcmp(eo_syscall_name(999, EO_ABI_NATIVE, buf, sizeof(buf)), "syscall_999"),
	   "a number the table lacks is shown as syscall_N");
}

static void test_filter(void)
{
	struct eo_filter_spec s = {};
	struct eo_event ev = { .pid = 10, .tid = 11, .syscall_nr = 165, .ret = -28 };

	strcpy(ev.comm, "dockerd");
	ok(eo_filter_option(&s, 'e', "ENOSPC,EMFILE") == 1 && s.errnos[28] && s.errnos[24] &&
	   s.any_errno, "-e ENOSPC,EMFILE");
	ok(eo_filter_option(&s, 's', "mount") == 1 && s.syscalls[165] && s.compat_syscalls[21],
	   "-s mount selects both ABIs");
	ok(eo_filter_option(&s, 'c', "dockerd") == 1 && s.has_comm, "-c dockerd");
	ok(eo_filter_match_event(&s, &ev), "matching event passes");
	ev.ret = -2;
	ok(!eo_filter_match_event(&s, &ev), "other errno is excluded");
	ev.ret = -28;
	ev.syscall_nr = 257;
	ok(!eo_filter_match_event(&s, &ev), "other syscall is excluded");
	ev.syscall_nr = 165;
	strcpy(ev.comm, "containerd");
	ok(!eo_filter_match_event(&s, &ev), "other comm is excluded");
	ok(eo_filter_option(&s, 'c', "a-name-of-sixteen") == -1, "comm longer than 15 is an error");
	ok(eo_filter_option(&s, 'p', "0") == -1 && eo_filter_option(&s, 'p', "x1") == -1,
	   "bad pid is an error");
	ok(eo_filter_option(&s, 'e', "EWHAT") == -1, "unknown errno in -e is an error");
	ok(eo_filter_option(&s, 'x', "") == 0, "non-filter option is left to the caller");
	ok(eo_filter_option(&s, 0x100, "/nonexistent-cgroup") == -1, "missing cgroup is an error");
}

/* A watch under another's arming learns what both filters let through. */
static void test_filter_narrow(void)
{
	static struct eo_filter_spec w, armed, none;
	struct eo_pair mount_enospc = { .nr = 165, .abi = EO_ABI_NATIVE, .err = 28 };
	struct eo_pair mount_emfile = { .nr = 165, .abi = EO_ABI_NATIVE, .err = 24 };
	struct eo_pair open_enospc = { .nr = 2, .abi = EO_ABI_NATIVE, .err = 28 };

	eo_filter_option(&w, 'e', "ENOSPC,EMFILE");
	eo_filter_option(&armed, 'e', "ENOSPC,EACCES");
	eo_filter_option(&armed, 's', "mount");
	eo_filter_narrow_sets(&w, &armed);
	ok(w.errnos[28] && !w.errnos[24] && !w.errnos[13], "narrow: errnos of both only");
	ok(w.any_syscall && w.syscalls[165] && w.compat_syscalls[21] && !w.syscalls[2],
	   "narrow: the armed syscalls where the watch names none");
	ok(eo_filter_match_pair(&w, &mount_enospc) && !eo_filter_match_pair(&w, &mount_emfile) &&
	   !eo_filter_match_pair(&w, &open_enospc), "narrow: pairs pass both");
	eo_filter_narrow_sets(&w, &none);
	ok(w.errnos[28] && w.syscalls[165], "narrow: an armed capture-all leaves the watch's sets");
}

static void test_filter_roundtrip(void)
{
	struct eo_filter_spec s = {}, back;
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *tb[EO_A_MAX + 1];
	FILE *f;

	eo_filter_option(&s, 'e', "ENOSPC");
	eo_filter_option(&s, 's', "mount");
	eo_filter_option(&s, 'p', "42");
	eo_filter_option(&s, 'c', "dockerd");
	ok(msg && !eo_filter_put(msg, &s), "filter encodes");
	ok(nlmsg_parse(nlmsg_hdr(msg), 0, tb, EO_A_MAX, NULL) == 0 && tb[EO_A_FILTER],
	   "filter is one EO_A_FILTER nest");
	eo_filter_from_attr(tb[EO_A_FILTER], &back);
	ok(back.errnos[28] && back.syscalls[165] && back.compat_syscalls[21] && back.pid == 42 &&
	   !strcmp(back.comm, "dockerd"), "filter decodes to the same spec");
	f = mem_open();
	eo_filter_describe(f, &back);
	fclose(f);
	ok(!strcmp(outbuf, "errno=ENOSPC syscall=ia32:mount,mount pid=42 comm=dockerd"),
	   "filter description");
	nlmsg_free(msg);
}

static void test_event_decode_and_json(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	uint64_t args[EO_NR_ARGS] = { 1, 2, 3, 4, 5, 6 };
	struct nlattr *tb[EO_A_MAX + 1], *nest;
	struct eo_event ev;
	FILE *f;

	nest = nla_nest_start(msg, EO_A_EVENT);
	nla_put_u64(msg, EO_EVENT_A_SEQ, 7);
	nla_put_u64(msg, EO_EVENT_A_TIME_NS, 123456789);
	nla_put_u32(msg, EO_EVENT_A_PID, 100);
	nla_put_u32(msg, EO_EVENT_A_TID, 101);
	nla_put_string(msg, EO_EVENT_A_COMM, "dock\"er\n");
	nla_put_u32(msg, EO_EVENT_A_UID, 0);
	nla_put_u64(msg, EO_EVENT_A_CGROUP_ID, 9);
	nla_put_u32(msg, EO_EVENT_A_SYSCALL_NR, 165);
	nla_put_u8(msg, EO_EVENT_A_ABI, EO_ABI_NATIVE);
	nla_put_u64(msg, EO_EVENT_A_RET, (uint64_t)-28);
	nla_put(msg, EO_EVENT_A_ARGS, sizeof(args), args);
	nla_put_u32(msg, EO_EVENT_A_CPU, 1);
	nla_nest_end(msg, nest);
	nlmsg_parse(nlmsg_hdr(msg), 0, tb, EO_A_MAX, NULL);
	ok(!eo_event_parse(tb[EO_A_EVENT], &ev) && ev.pid == 100 && ev.ret == -28 &&
	   ev.args[5] == 6 && ev.seq == 7, "event decodes");
	f = mem_open();
	eo_format_event_json(f, &ev);
	fclose(f);
	ok(!strcmp(outbuf, "{\"seq\":7,\"time_ns\":123456789,\"pid\":100,\"tid\":101,"
		   "\"comm\":\"dock\\\"er\\n\",\"uid\":0,\"cgroup_id\":9,\"cgroup\":null,\"syscall\":\"mount\","
		   "\"syscall_nr\":165,\"abi\":\"x86_64\",\"errno\":\"ENOSPC\",\"ret\":-28,"
		   "\"args\":[1,2,3,4,5,6],\"cpu\":1}\n"), "event JSON has the documented fields");
	f = mem_open();
	eo_format_event_text(f, &ev, 0);
	fclose(f);
	ok(strstr(outbuf, " dock\"er\\n[100/101] mount(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -ENOSPC (No space left on device)\n") != NULL,
	   "event text line, the newline in comm escaped");
	ok(eo_event_parse(NULL, &ev) == -1, "missing event nest is rejected");
	nlmsg_free(msg);
}

static void test_json_escape(void)
{
	FILE *f = mem_open();

	eo_json_string(f, "a\\b\"c\x01\xff");
	fclose(f);
	ok(!strcmp(outbuf, "\"a\\\\b\\\"c\\u0001\xef\xbf\xbd" "ff\""),
	   "JSON escapes controls, a byte that is not UTF-8 as U+FFFD and its hex");
}

static void test_aggregate(void)
{
	struct eo_aggregate agg = {};
	struct eo_count a = { .syscall_nr = 3, .err = 9, .pid = 5, .count = 600, .comm = "x" };
	struct eo_count b = a, c = a;
	FILE *f;

	b.count = 400;		/* the same key from another CPU */
	c.syscall_nr = 257;
	c.err = 2;
	c.count = 700;
	eo_aggregate_add(&agg, &a);
	eo_aggregate_add(&agg, &c);
	eo_aggregate_add(&agg, &b);
	eo_aggregate_sort(&agg);
	ok(agg.n == 2 && agg.items[0].count == 1000 && agg.items[1].count == 700,
	   "per-CPU counts of one key are added, largest first");
	f = mem_open();
	eo_format_count_json(f, &agg.items[0]);
	fclose(f);
	ok(!strcmp(outbuf, "{\"syscall\":\"close\",\"errno\":\"EBADF\",\"pid\":5,\"comm\":\"x\",\"count\":1000}\n"),
	   "top JSON line");
	eo_aggregate_free(&agg);
}

int main(void)
{
	test_names();
	test_filter();
	test_filter_narrow();
	test_filter_roundtrip();
	test_event_decode_and_json();
	test_json_escape();
	test_aggregate();
	test_origin();
	test_funcs();
	test_learn();
	test_hints();
	test_prometheus();
	test_args();
	test_args_ia32();
	test_frames();
	test_escape();
	test_seqgap();
	test_dump_order();
	test_callgraph();
	test_btf_classes();
	printf("# unit: %d tests, %d failed\n", t_num, t_failed);
	return t_failed != 0;
}
