// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "escape.h"
#include "format.h"
#include "hints.h"
#include "kb_funcs.h"
#include "names.h"
#include "subcommands.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s explain [-p PID] ORIGIN|SYSCALL|ERRNO [ERRNO]\n"
		   "Prints what the knowledge base says of a kernel function, a syscall or an errno,\n"
		   "before any failure: the candidate limits with the cause, each limit's value and\n"
		   "what is in use now (\"full\" when it is reached), and the fix. For a syscall, the\n"
		   "limits whose origins a call path links to it (as root: the kernel's text is\n"
		   "read from /proc/kcore). Needs no module.\n"
		   "  -p, --pid PID   read per-process limits, namespaces and cgroups of PID\n"
		   "                  (default: this process)\n",
		   prog);
}

enum eo_explain_kind { EO_EXPLAIN_ORIGIN, EO_EXPLAIN_SYSCALL, EO_EXPLAIN_ERRNO };

static bool eo_entry_has_errno(const struct eo_hint *e, int err)
{
	size_t k;

	if (!err || !e->nerrnos)
		return true;
	for (k = 0; k < e->nerrnos; k++)
		if (e->errnos[k] == err)
			return true;
	return false;
}

static bool eo_entry_names(const struct eo_hint *e, const char *what, bool syscall)
{
	size_t k;

	for (k = 0; !syscall && k < e->norigins; k++)
		if (!fnmatch(e->origins[k], what, 0))
			return true;
	for (k = 0; k < e->nsyscalls; k++)
		if (!strcmp(e->syscalls[k], what))
			return true;
	return false;
}

static void eo_explain_print(const struct eo_hint *e, uint32_t pid, bool first)
{
	struct eo_hint_values v;

	eo_hint_read(e, pid, 0, &v);
	printf("%s[%s]\n  cause: %s\n  limit: %s\n  now:   ", first ? "" : "\n", e->id, e->cause,
	       e->limit);
	/* read from /proc and cgroup files: escaped as in watch */
	eo_escape(stdout, v.value, EO_ESC_TEXT);
	if (v.usage[0]) {
		printf(", %s: ", e->usage_label ? e->usage_label : "in use");
		eo_escape(stdout, v.usage, EO_ESC_TEXT);
	}
	printf("%s\n  fix:   %s\n", eo_hint_full(&v) ? ", full" : "", e->fix);
}

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	enum eo_explain_kind kind = EO_EXPLAIN_ORIGIN;
	bool *reached = NULL, hit = false;
	struct eo_hints h;
	const char *what;
	unsigned long pid = getpid();
	size_t i;
	int opt, err = 0, nr = -1, ret = -1;

	while ((opt = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
		if (opt == 'p' && !eo_parse_positive("--pid", optarg, &pid))
			continue;
		if (opt == 'h') {
			usage(stdout);
			return 0;
		}
		if (opt != 'p')
			usage(stderr);
		return -1;
	}
	if (optind >= argc || argc - optind > 2) {
		usage(stderr);
		return -1;
	}
	what = argv[optind];
	if (kill(pid, 0) && errno == ESRCH)
		return eo_err("explain", "--pid %lu: no such process", pid);
	if (argc - optind == 2) {
		err = eo_errno_parse(argv[optind + 1]);
		if (err <= 0)
			return eo_err("explain", "unknown errno '%s'", argv[optind + 1]);
	} else if (isupper((unsigned char)what[0]) && eo_errno_parse(what) > 0) {
		kind = EO_EXPLAIN_ERRNO;
		err = eo_errno_parse(what);
	}
	if (kind != EO_EXPLAIN_ERRNO && (nr = eo_syscall_parse(what, false)) >= 0)
		kind = EO_EXPLAIN_SYSCALL;
	if (eo_hints_load(&h))
		return eo_err("explain", "no knowledge base found (limits.hints; set ERRORIGIN_HINTS)");
	eo_hints_check(&h, stderr, false);
	if (kind == EO_EXPLAIN_SYSCALL) {
		reached = calloc(h.n ? h.n : 1, sizeof(*reached));
		if (!reached)
			goto out;
		if (eo_kb_reachable(&h, nr, reached)) {
			fprintf(stderr, "errorigin: explain: which limits %s can reach is unknown (the kernel's symbols or /proc/kcore are not readable: run as root): listing every entry%s%s\n",
				what, err ? " of " : "", err ? eo_errno_name(err) : "");
			for (i = 0; i < h.n; i++)
				reached[i] = true;
		}
	}
	for (i = 0; i < h.n; i++) {
		const struct eo_hint *e = &h.items[i];
		bool wanted;

		switch (kind) {
		case EO_EXPLAIN_ERRNO:
			wanted = e->nerrnos > 0;
			break;
		case EO_EXPLAIN_SYSCALL:
			wanted = eo_entry_names(e, what, true) || (e->norigins && reached[i]);
			break;
		default:
			wanted = eo_entry_names(e, what, false);
		}
		if (!wanted || !eo_entry_has_errno(e, err))
			continue;
		eo_explain_print(e, pid, !hit);
		hit = true;
	}
	if (!hit)
		eo_err("explain", "no hint for %s%s%s in %s", what,
		       err && kind != EO_EXPLAIN_ERRNO ? " failing with " : "",
		       err && kind != EO_EXPLAIN_ERRNO ? argv[optind + 1] : "", h.path);
	ret = hit ? 0 : -1;
out:
	free(reached);
	eo_hints_free(&h);
	return ret;
}
