// SPDX-License-Identifier: GPL-2.0
/* The knowledge base: parsing, matching, the repository's own file. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "hints.h"
#include "tap.h"

void test_hints(void)
{
	const char *text =
		"# comment\n"
		"[a]\norigin = count_mounts\nerrno = ENOSPC\ncause = c\nlimit = l\n"
		"value = sysctl fs.mount-max\nfix = f\n"
		"[b]\nsyscall = perf_event_open\nerrno = EACCES,EPERM\ncause = c\nlimit = l\n"
		"value = sysctl kernel.perf_event_paranoid\nfix = f\n"
		"[c]\norigin = ipc_*\nsyscall = shmget\ncause = c\nlimit = l\nvalue = file /x\nfix = f\n";
	const struct eo_hint *out[4];
	struct eo_hints h = {};
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	ok(f && !eo_hints_parse(f, "mem", &h) && h.n == 3, "hints: three entries parsed");
	fclose(f);
	ok(eo_hints_match(&h, "count_mounts", "mount", 28, out, 4) == 1 && !strcmp(out[0]->id, "a"),
	   "hints: origin and errno match");
	ok(!eo_hints_match(&h, "count_mounts", "mount", 2, out, 4), "hints: another errno does not");
	ok(!eo_hints_match(&h, NULL, "mount", 28, out, 4), "hints: an origin entry needs an origin");
	ok(eo_hints_candidates(&h, "mount", 28, out, 4) == 1 && !strcmp(out[0]->id, "a") &&
	   !eo_hints_candidates(&h, "mount", 2, out, 4),
	   "hints: without an origin, the entries of the errno are candidates");
	{
		struct eo_hint_values full = { .value = "fs.mount-max = 9", .usage = "9" };
		struct eo_hint_values room = { .value = "fs.mount-max = 9", .usage = "8" };
		struct eo_hint_values none = { .value = "fs.mount-max = 9" };
		struct eo_hint_values odd = { .value = "RLIMIT_NOFILE of process 1 = unlimited",
					      .usage = "9" };

		ok(eo_hint_full(&full) && !eo_hint_full(&room) && !eo_hint_full(&none) &&
		   !eo_hint_full(&odd), "hints: full when the usage reaches the value, and only then");
	}
	ok(eo_hints_match(&h, "simfail_x [simfail]", "perf_event_open", 1, out, 4) == 1 &&
	   !strcmp(out[0]->id, "b"), "hints: a syscall entry matches without its origin");
	ok(eo_hints_match(&h, "ipc_addid", "shmget", 28, out, 4) == 1 &&
	   !eo_hints_match(&h, "ipc_addid", "msgget", 28, out, 4),
	   "hints: origin glob and syscall must both match");
	eo_hints_free(&h);

	f = fmemopen("[x]\norigin = f\ncause = c\n", 26, "r");
	ok(f && eo_hints_parse(f, "mem", &h) < 0, "hints: an entry without limit/value/fix is an error");
	fclose(f);
	eo_hints_free(&h);
	f = fmemopen("[x]\nwhatever = 1\n", 16, "r");
	ok(f && eo_hints_parse(f, "mem", &h) < 0, "hints: an unknown key is an error");
	fclose(f);
	eo_hints_free(&h);

	f = fopen("hints/limits.hints", "r");
	ok(f && !eo_hints_parse(f, "hints/limits.hints", &h) && h.n >= 15,
	   "hints: the repository's knowledge base parses, with at least 15 limits");
	if (f)
		fclose(f);
	ok(eo_hints_match(&h, "count_mounts", "mount", 28, out, 4) == 1 &&
	   !strcmp(out[0]->id, "fs.mount-max"), "hints: count_mounts ENOSPC is fs.mount-max");
	eo_hints_free(&h);
}

void test_prometheus(void)
{
	struct eo_count c = { .syscall_nr = 165, .err = 28, .count = 3 };
	char buf[512] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	snprintf(c.comm, sizeof(c.comm), "a\"b\\c");
	snprintf(c.origin, sizeof(c.origin), "count_mounts");
	eo_format_prom_count(f, &c);
	fclose(f);
	ok(!strcmp(buf, "errorigin_syscall_failures_total{syscall=\"mount\",errno=\"ENOSPC\",comm=\"a\\\"b\\\\c\",origin=\"count_mounts\"} 3\n"),
	   "prometheus: one sample per count, labels escaped");
}

void test_args(void)
{
	struct eo_event ev = { .syscall_nr = 165, .ret = -28, .nstrings = 3,
			       .args = { 1, 2, 3, 0x8000, 0, 0 } };

	snprintf(ev.comm, sizeof(ev.comm), "mount");
	ev.strings[0].index = 0;
	snprintf(ev.strings[0].value, sizeof(ev.strings[0].value), "none");
	ev.strings[1].index = 1;
	snprintf(ev.strings[1].value, sizeof(ev.strings[1].value), "/mnt/\"x\"");
	ev.strings[2].index = 2;
	ev.strings[2].flags = EO_ARGSTR_F_FAULT;
	ok(strstr(event_text(&ev), " mount(\"none\", \"/mnt/\\\"x\\\"\", 0x3, 0x8000, NULL) = -ENOSPC") != NULL,
	   "args: path arguments quoted in the text line, an unreadable one left raw, NULL data");
	ok(strstr(event_json(&ev), ",\"args_decoded\":[\"none\",\"/mnt/\\\"x\\\"\",3,32768,null],") != NULL,
	   "args: args_decoded in JSON, as many as the syscall takes");
}
