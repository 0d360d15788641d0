// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aggregate.h"
#include "control.h"
#include "filter.h"
#include "format.h"
#include "nl.h"
#include "status.h"
#include "subcommands.h"
#include "util.h"

struct eo_top {
	struct eo_filter_spec spec;
	struct eo_aggregate agg;
	bool per_comm;		/* Prometheus: no pid label (one series per process would never end) */
};

static int eo_top_count(struct nlattr **tb, void *arg)
{
	struct eo_top *t = arg;
	struct eo_count c;

	if (eo_count_parse(tb[EO_A_COUNT], &c) || !eo_filter_match_count(&t->spec, &c))
		return 0;
	if (t->per_comm)
		c.pid = 0;
	return eo_aggregate_add(&t->agg, &c);
}

/* The failure counter, then what was lost and why: a scrape shows both. */
static int eo_top_prometheus(struct eo_nl *nl, struct eo_top *t, unsigned long lines)
{
	static const struct {
		int stat;
		const char *reason;
	} drops[] = {
		{ EO_STATS_A_DROP_QUEUE_FULL, "queue_full" },
		{ EO_STATS_A_DROP_NESTED, "nested" },
		{ EO_STATS_A_DROP_NOMEM, "no_memory" },
		{ EO_STATS_A_DROP_HOOK_MISSED, "hook_missed" },
		{ EO_STATS_A_SESSIONS_FULL, "sessions_full" },
		{ EO_STATS_A_FUNCS_MISSED, "function_returns_missed" },
	};
	const char *reasons[sizeof(drops) / sizeof(drops[0])], *what[] = { "captured" };
	uint64_t counts[sizeof(drops) / sizeof(drops[0])], captured, evicted = 0;
	struct eo_status *st = calloc(1, sizeof(*st));
	unsigned long i;

	if (!st || eo_status_get(nl, "top", st)) {
		free(st);
		return -1;
	}
	eo_format_prom_header(stdout);
	for (i = 0; i < t->agg.n && (!lines || i < lines); i++)
		eo_format_prom_count(stdout, &t->agg.items[i]);
	for (i = 0; i < t->agg.n; i++)
		if (t->agg.items[i].evicted)
			evicted += t->agg.items[i].count;
	eo_format_prom_evicted(stdout, evicted);
	for (i = 0; i < sizeof(drops) / sizeof(drops[0]); i++) {
		reasons[i] = drops[i].reason;
		counts[i] = st->stats[drops[i].stat];
	}
	eo_format_prom_family(stdout, "errorigin_dropped_total",
			      "Failures or events errorigin could not keep, by reason (see errorigin status).",
			      "reason", reasons, counts, i);
	captured = st->stats[EO_STATS_A_CAPTURED];
	eo_format_prom_family(stdout, "errorigin_events_total",
			      "Failures that passed errorigin's filters.", "kind", what, &captured, 1);
	free(st);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s top [FILTERS] [-j|--json|--prometheus] [-n|--lines N]\n"
		   "Failure counts per (syscall, errno, process), largest first, as counted by\n"
		   "the module since it was loaded (while armed). Exact: failures the event queue\n"
		   "dropped are counted too.\n"
		   "FILTERS:\n" EO_FILTER_USAGE
		   "  -j, --json                    one JSON object per line\n"
		   "      --prometheus              node_exporter textfile format, per (syscall,\n"
		   "                                errno, comm, origin), with the drop counters\n"
		   "  -n, --lines N                 only the N largest\n"
		   "      --reset                   then empty the module's counter tables\n"
		   "A full per-CPU table evicts its least counted key for a new one; what evicted\n"
		   "keys had counted is shown as one line, so the counts still add up.\n", prog);
}

int cmd_top(int argc, char **argv)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "lines", required_argument, NULL, 'n' },
		{ "prometheus", no_argument, NULL, 'P' },
		{ "reset", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_top *t = calloc(1, sizeof(*t));
	unsigned long lines = 0, i;
	struct eo_nl *nl = NULL;
	bool json = false, reset = false;
	int opt, ret = -1;

	if (!t)
		return eo_err("top", "out of memory");
	while ((opt = getopt_long(argc, argv, EO_FILTER_OPTSTRING "jn:h", opts, NULL)) != -1) {
		if (opt == 'j') {
			json = true;
		} else if (opt == 'P') {
			t->per_comm = true;
		} else if (opt == 'R') {
			reset = true;
		} else if (opt == 'n') {
			if (eo_parse_positive("--lines", optarg, &lines))
				goto out;
		} else if (opt == 'h') {
			usage(stdout);
			ret = 0;
			goto out;
		} else {
			ret = eo_filter_option(&t->spec, opt, optarg);
			if (ret <= 0) {
				if (!ret)
					usage(stderr);
				ret = -1;
				goto out;
			}
		}
		ret = -1;
	}
	if (optind < argc) {
		usage(stderr);
		goto out;
	}
	nl = eo_nl_open("top");
	if (!nl || eo_nl_request(nl, "top", EO_CMD_GET_COUNTS, true, NULL, NULL, eo_top_count, t))
		goto out;
	eo_aggregate_sort(&t->agg);
	if (t->per_comm) {
		ret = eo_top_prometheus(nl, t, lines);
	} else {
		if (!json)
			eo_format_count_header(stdout);
		for (i = 0; i < t->agg.n && (!lines || i < lines); i++)
			json ? eo_format_count_json(stdout, &t->agg.items[i]) :
			       eo_format_count_text(stdout, &t->agg.items[i]);
		ret = 0;
	}
	if (!ret && reset)
		ret = eo_control_reset_counts(nl, "top");
out:
	eo_nl_close(nl);
	eo_aggregate_free(&t->agg);
	free(t);
	return ret;
}
