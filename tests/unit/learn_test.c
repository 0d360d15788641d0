// SPDX-License-Identifier: GPL-2.0
/* Narrowing learned sets, and profiles: parsing, writing, reading back. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "narrow.h"
#include "profile.h"
#include "stock_profiles.h"
#include "tap.h"

static void test_narrow(void)
{
	struct eo_func f[] = {
		{ .name = "early", .last = 10, .hits = 1, .sym = 0x100 },
		{ .name = "hot", .last = 90, .hits = 40, .sym = 0x200, .parent_sym = 0x100 },
		{ .name = "origin", .last = 80, .hits = 1, .sym = 0x300, .parent_sym = 0x100 },
		{ .name = "cleanup", .last = 95, .hits = 2, .sym = 0x400 },
		{ .name = "middle", .last = 50, .hits = 3, .sym = 0x500 },
	};
	struct eo_narrow_limits lim = { .max_funcs = 3, .max_hits = 4 };
	struct eo_narrow_result r;

	eo_narrow(f, 5, &lim, &r);
	ok(r.kept == 4 && r.hot == 1 && !r.capped && r.callers == 1,
	   "narrow: 3 nearest and a caller kept, 1 entered too often");
	ok(!strcmp(f[0].name, "cleanup") && !strcmp(f[1].name, "origin") &&
	   !strcmp(f[2].name, "middle") && !strcmp(f[3].name, "early"),
	   "narrow: nearest the failure first (latest last entry), then the callers");
	ok(!strcmp(f[4].name, "hot"), "narrow: the hot one is left out, at the end");
	lim.max_funcs = 2;
	eo_narrow(f, 5, &lim, &r);
	ok(r.kept == 3 && r.callers == 1 && r.capped == 1 && !strcmp(f[2].name, "early") &&
	   !strcmp(f[3].name, "middle"), "narrow: the caller of a kept function is kept too, beyond the cap");
	lim.max_funcs = 0;
	lim.max_hits = 0;
	eo_narrow(f, 5, &lim, &r);
	ok(r.kept == 5 && !r.hot && !r.capped, "narrow: no limits keep everything");
}

static void test_profile(void)
{
	const char *text =
		"# errorigin profile\n"
		"release 6.12.95+deb12-amd64\n"
		"pair x86_64 mount ENOSPC\n"
		"count_mounts int\n"
		"lookup_mnt ptr\n"
		"pair ia32 openat EMFILE\n"
		"alloc_fd int\n"
		"simfail_plain_c int simfail\n";
	struct eo_func fa[] = { { .name = "count_mounts", .class = EO_RET_INT },
				{ .name = "simfail_leaf", .module = "simfail", .class = EO_RET_PTR } };
	struct eo_func_set set = { .items = fa, .n = 2 };
	struct eo_pair key = { .nr = 165, .abi = EO_ABI_NATIVE, .err = 28 };
	char path[] = "/tmp/eo-unit-profile-XXXXXX";
	struct eo_profile p;
	FILE *f;
	int fd;

	f = fmemopen((void *)text, strlen(text), "r");
	ok(f && !eo_profile_parse(f, "mem", &p), "profile: parses");
	ok(!strcmp(p.release, "6.12.95+deb12-amd64") && p.npairs == 2, "profile: release and 2 pairs");
	ok(p.pairs[0].key.nr == 165 && p.pairs[0].key.err == 28 &&
	   p.pairs[0].key.abi == EO_ABI_NATIVE && p.pairs[0].n == 2 &&
	   !strcmp(p.pairs[0].names[1], "lookup_mnt") && p.pairs[0].classes[1] == EO_RET_PTR,
	   "profile: first pair mount/ENOSPC with its functions and classes");
	ok(p.pairs[1].key.abi == EO_ABI_COMPAT && p.pairs[1].key.err == 24 && p.pairs[1].n == 2 &&
	   !strcmp(p.pairs[1].names[1], "simfail_plain_c"),
	   "profile: an ia32 pair, module functions by name");
	fclose(f);
	eo_profile_free(&p);

	f = fmemopen("count_mounts int\n", 17, "r");
	ok(f && eo_profile_parse(f, "mem", &p) < 0, "profile: a function before any pair is an error");
	fclose(f);
	eo_profile_free(&p);
	f = fmemopen("pair x86_64 mount ENOSPC\ncount_mounts short\n", 43, "r");
	ok(f && eo_profile_parse(f, "mem", &p) < 0, "profile: an unknown class is an error");
	fclose(f);
	eo_profile_free(&p);

	/* a stock profile: a pair per limit, more than a watch's 8, and bare vmlinux names */
	{
		char big[4096] = "release 6.12.95+deb12-amd64\n";
		size_t i, len = strlen(big);

		for (i = 0; i < 20; i++)
			len += snprintf(big + len, sizeof(big) - len,
					"pair x86_64 mount %s\ncount_mounts\ngraft_tree\n",
					i % 2 ? "ENOSPC" : "EPERM");
		f = fmemopen(big, len, "r");
		ok(f && !eo_profile_parse(f, "mem", &p) && p.npairs == 20 && p.pairs[19].n == 2 &&
		   !strcmp(p.pairs[19].names[1], "graft_tree") &&
		   p.pairs[19].classes[0] == EO_CLASS_UNKNOWN && p.pairs[19].key.err == 28,
		   "profile: 20 pairs of bare names (a stock profile), classes left to BTF");
		fclose(f);
		eo_profile_free(&p);
	}

	fd = mkstemp(path);
	close(fd);
	ok(!eo_profile_write(path, "7.3.4+deb13-amd64", &key, &set, 1) &&
	   !eo_profile_read(path, &p) && !strcmp(p.release, "7.3.4+deb13-amd64") &&
	   p.npairs == 1 && p.pairs[0].n == 2 && !strcmp(p.pairs[0].names[1], "simfail_leaf") &&
	   p.pairs[0].classes[1] == EO_RET_PTR, "profile: written and read back the same");
	eo_profile_free(&p);
	unlink(path);
}

/* The running kernel's stock profile: its release, else the newest of its line and flavour. */
static void test_profile_pick(void)
{
	char *names[] = {
		"6.1.0-57-amd64.profile", "6.12.9+deb12-amd64.profile",
		"6.12.95+deb12-amd64.profile", "6.12.96+deb12-arm64.profile",
		"7.3.4+deb13-amd64.profile", "6.12.99+deb12-amd64.txt", "README",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	bool exact;
	int i;

	i = eo_profile_pick(names, n, "6.12.95+deb12-amd64", &exact);
	ok(i == 2 && exact, "profile pick: the exact release first");
	i = eo_profile_pick(names, n, "6.12.97+deb12-amd64", &exact);
	ok(i == 2 && !exact, "profile pick: else the newest of the line (6.12.95 after 6.12.9)");
	i = eo_profile_pick(names, n, "6.12.97+deb12-arm64", &exact);
	ok(i == 3 && !exact, "profile pick: of the same flavour only");
	i = eo_profile_pick(names, n, "6.1.0-58-amd64", &exact);
	ok(i == 0 && !exact, "profile pick: 6.1 is not 6.12");
	i = eo_profile_pick(names, n, "7.4.1+deb13-amd64", &exact);
	ok(i == -1, "profile pick: none for another line");
	i = eo_profile_pick(names, n, "6.12.95-eodebug", &exact);
	ok(i == -1, "profile pick: none for another flavour of the line");
	i = eo_profile_pick(names, n, "weird", &exact);
	ok(i == -1, "profile pick: a release without a line matches nothing but itself");
}

void test_learn(void)
{
	test_narrow();
	test_profile();
	test_profile_pick();
}
