// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdio.h>
#include "control.h"
#include "filter.h"
#include "nl.h"
#include "subcommands.h"

static void usage(FILE *f, const char *cmd)
{
	if (cmd[2] == 'a')	/* start */
		fprintf(f, "Usage: %s start [FILTERS]\n"
			   "Arms capture for everyone until 'errorigin stop'. Without filters every\n"
			   "failing syscall is captured; when already armed the filters are replaced.\n"
			   "FILTERS:\n" EO_FILTER_USAGE, prog);
	else
		fprintf(f, "Usage: %s stop\nDisarms capture; counters and the flight recorder are kept.\n",
			prog);
}

static int eo_start_stop(int argc, char **argv, bool start)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_filter_spec spec = {};
	struct eo_nl *nl;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, start ? EO_FILTER_OPTSTRING "h" : "h", opts,
				  NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout, argv[0]);
			return 0;
		}
		ret = start ? eo_filter_option(&spec, opt, optarg) : 0;
		if (ret < 0)
			return -1;
		if (!ret) {
			usage(stderr, argv[0]);
			return -1;
		}
	}
	if (optind < argc) {
		usage(stderr, argv[0]);
		return -1;
	}
	nl = eo_nl_open(argv[0]);
	if (!nl)
		return -1;
	ret = start ? eo_control_start(nl, "start", &spec) : eo_control_stop(nl, "stop");
	eo_nl_close(nl);
	return ret;
}

int cmd_start(int argc, char **argv)
{
	return eo_start_stop(argc, argv, true);
}

int cmd_stop(int argc, char **argv)
{
	return eo_start_stop(argc, argv, false);
}
