// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include "cgroup.h"
#include "chain.h"
#include "filter.h"
#include "format.h"
#include "nl.h"
#include "subcommands.h"

struct eo_dump {
	struct eo_filter_spec spec;
	struct eo_chain_resolver chain;
	bool json;
	int64_t wall_offset;
};

static int eo_dump_event(struct nlattr **tb, void *arg)
{
	struct eo_dump *d = arg;
	struct eo_event ev;

	if (eo_event_parse(tb[EO_A_EVENT], &ev) || !eo_filter_match_event(&d->spec, &ev))
		return 0;
	snprintf(ev.cgroup, sizeof(ev.cgroup), "%s", eo_cgroup_path(ev.cgroup_id));
	eo_chain_resolve(&d->chain, &ev, stderr);
	if (d->json)
		eo_format_event_json(stdout, &ev);
	else
		eo_format_event_text(stdout, &ev, d->wall_offset);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s dump [FILTERS] [-j|--json]\n"
		   "Prints the flight recorder, oldest first: the last failures the module\n"
		   "captured, also while nobody was watching (size: module parameter recorder_size).\n"
		   "FILTERS:\n" EO_FILTER_USAGE
		   "  -j, --json                    one JSON object per line\n", prog);
}

int cmd_dump(int argc, char **argv)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct eo_dump d;
	struct eo_nl *nl;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, EO_FILTER_OPTSTRING "jh", opts, NULL)) != -1) {
		if (opt == 'j') {
			d.json = true;
			continue;
		}
		if (opt == 'h') {
			usage(stdout);
			return 0;
		}
		ret = eo_filter_option(&d.spec, opt, optarg);
		if (ret <= 0) {
			if (!ret)
				usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return -1;
	}
	d.wall_offset = eo_wallclock_offset();
	nl = eo_nl_open("dump");
	if (!nl)
		return -1;
	ret = eo_nl_request(nl, "dump", EO_CMD_GET_RECENT, true, NULL, NULL, eo_dump_event, &d);
	eo_chain_resolver_close(&d.chain);
	eo_nl_close(nl);
	return ret;
}
