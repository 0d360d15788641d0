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
			   "FILTERS:\n" EO_FILTER_USAGE EO_ORIGIN_USAGE, prog);
	else
		fprintf(f, "Usage: %s stop\nDisarms capture; counters and the flight recorder are kept.\n",
			prog);
}

static int eo_start_stop(int argc, char **argv, bool start)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		EO_ORIGIN_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_origin_opts origin = {};
	struct eo_filter_spec spec = {};
	struct eo_nl *nl = NULL;
	int opt, ret = -1;

	while ((opt = getopt_long(argc, argv,
				  start ? EO_FILTER_OPTSTRING EO_ORIGIN_OPTSTRING "h" : "h", opts,
				  NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout, argv[0]);
			ret = 0;
			goto out;
		}
		ret = start ? eo_filter_option(&spec, opt, optarg) : 0;
		if (!ret && start)
			ret = eo_origin_option(&origin, opt, optarg);
		if (ret <= 0) {
			if (!ret)
				usage(stderr, argv[0]);
			ret = -1;
			goto out;
		}
		ret = -1;
	}
	if (optind < argc) {
		usage(stderr, argv[0]);
		goto out;
	}
	nl = eo_nl_open(argv[0]);
	if (nl)
		ret = start ? eo_control_arm(nl, "start", &spec, &origin) :
			      eo_control_stop(nl, "stop");
out:
	eo_nl_close(nl);
	eo_origin_opts_free(&origin);
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
