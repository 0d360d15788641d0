// SPDX-License-Identifier: GPL-2.0
#include <fnmatch.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "escape.h"
#include "format.h"
#include "hints.h"
#include "names.h"
#include "subcommands.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s explain ORIGIN|SYSCALL [ERRNO]\n"
		   "Prints what the knowledge base says of a kernel function (or syscall) failing,\n"
		   "optionally with one errno: the cause, the limit behind it with its current\n"
		   "value (per-process limits: this process's), and the fix. Needs no module.\n",
		   prog);
}

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct eo_hint *hits[64];
	struct eo_hint_values v;
	struct eo_hints h;
	size_t i, n = 0;
	int opt, err = 0;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			return 0;
		}
		usage(stderr);
		return -1;
	}
	if (optind >= argc || argc - optind > 2) {
		usage(stderr);
		return -1;
	}
	if (argc - optind == 2) {
		err = eo_errno_parse(argv[optind + 1]);
		if (err <= 0)
			return eo_err("explain", "unknown errno '%s'", argv[optind + 1]);
	}
	if (eo_hints_load(&h))
		return eo_err("explain", "no knowledge base found (limits.hints; set ERRORIGIN_HINTS)");
	eo_hints_check(&h, stderr);
	/* entries naming it as an origin or as a syscall, with that errno if one is given */
	for (i = 0; i < h.n && n < sizeof(hits) / sizeof(hits[0]); i++) {
		const struct eo_hint *e = &h.items[i];
		bool named = false, errno_ok = !err || !e->nerrnos;
		size_t k;

		for (k = 0; k < e->norigins; k++)
			named |= !fnmatch(e->origins[k], argv[optind], 0);
		for (k = 0; k < e->nsyscalls; k++)
			named |= !strcmp(e->syscalls[k], argv[optind]);
		for (k = 0; !errno_ok && k < e->nerrnos; k++)
			errno_ok = e->errnos[k] == err;
		if (named && errno_ok)
			hits[n++] = e;
	}
	if (!n) {
		eo_err("explain", "no hint for %s%s%s in %s", argv[optind],
		       err ? " failing with " : "", err ? argv[optind + 1] : "", h.path);
		eo_hints_free(&h);
		return -1;
	}
	for (i = 0; i < n; i++) {
		eo_hint_read(hits[i], getpid(), 0, &v);
		printf("%s[%s]\n  cause: %s\n  limit: %s\n  now:   ", i ? "\n" : "", hits[i]->id,
		       hits[i]->cause, hits[i]->limit);
		/* read from /proc and cgroup files: escaped as in watch */
		eo_escape(stdout, v.value, EO_ESC_TEXT);
		if (v.usage[0]) {
			printf(" (%s: ", hits[i]->usage_label ? hits[i]->usage_label : "in use");
			eo_escape(stdout, v.usage, EO_ESC_TEXT);
			putchar(')');
		}
		printf("\n  fix:   %s\n", hits[i]->fix);
	}
	eo_hints_free(&h);
	return 0;
}
