// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aggregate.h"
#include "filter.h"
#include "format.h"
#include "nl.h"
#include "subcommands.h"
#include "util.h"

struct eo_top {
	struct eo_filter_spec spec;
	struct eo_aggregate agg;
};

static int eo_top_count(struct nlattr **tb, void *arg)
{
	struct eo_top *t = arg;
	struct eo_count c;

	if (eo_count_parse(tb[EO_A_COUNT], &c) || !eo_filter_match_count(&t->spec, &c))
		return 0;
	return eo_aggregate_add(&t->agg, &c);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s top [FILTERS] [-j|--json] [-n|--lines N]\n"
		   "Failure counts per (syscall, errno, process), largest first, as counted by\n"
		   "the module since it was loaded (while armed). Exact: failures the event queue\n"
		   "dropped are counted too.\n"
		   "FILTERS:\n" EO_FILTER_USAGE
		   "  -j, --json                    one JSON object per line\n"
		   "  -n, --lines N                 only the N largest\n", prog);
}

int cmd_top(int argc, char **argv)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "lines", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_top *t = calloc(1, sizeof(*t));
	unsigned long lines = 0, i;
	struct eo_nl *nl = NULL;
	bool json = false;
	int opt, ret = -1;

	if (!t)
		return eo_err("top", "out of memory");
	while ((opt = getopt_long(argc, argv, EO_FILTER_OPTSTRING "jn:h", opts, NULL)) != -1) {
		if (opt == 'j') {
			json = true;
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
	if (!json)
		eo_format_count_header(stdout);
	for (i = 0; i < t->agg.n && (!lines || i < lines); i++)
		json ? eo_format_count_json(stdout, &t->agg.items[i]) :
		       eo_format_count_text(stdout, &t->agg.items[i]);
	ret = 0;
out:
	eo_nl_close(nl);
	eo_aggregate_free(&t->agg);
	free(t);
	return ret;
}
