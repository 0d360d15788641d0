// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdio.h>
#include "control.h"
#include "filter.h"
#include "hints.h"
#include "kb_funcs.h"
#include "learn.h"
#include "util.h"
#include "nl.h"
#include "subcommands.h"

static void usage(FILE *f, const char *cmd)
{
	if (cmd[2] == 'a')	/* start */
		fprintf(f, "Usage: %s start [FILTERS]\n"
			   "Arms capture for everyone until 'errorigin stop'. Without filters every\n"
			   "failing syscall is captured; when already armed the filters are replaced.\n"
			   "FILTERS:\n" EO_FILTER_USAGE EO_ORIGIN_USAGE EO_CAPTURE_USAGE
			   "      --profile FILE            follow the functions of a saved profile\n"
			   "                                (errorigin watch --save-profile); learning\n"
			   "                                needs watch\n"
			   "      --no-kb                   do not follow the knowledge base's origins\n"
			   "                                of the filter's errnos and syscalls\n"
			   "      --no-profiles             do not arm this kernel's stock profile and\n"
			   "                                those of /etc/errorigin/profiles\n", prog);
	else
		fprintf(f, "Usage: %s stop\nDisarms capture; counters and the flight recorder are kept.\n",
			prog);
}

static int eo_start_stop(int argc, char **argv, bool start)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		EO_CAPTURE_LONGOPTS,
		EO_ORIGIN_LONGOPTS,
		{ "profile", required_argument, NULL, EO_OPT_PROFILE },
		{ "no-kb", no_argument, NULL, EO_OPT_NO_KB },
		{ "no-profiles", no_argument, NULL, EO_OPT_NO_PROFILES },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_origin_opts origin = {};
	struct eo_learn_opts learn = {};
	struct eo_learner *l = NULL;
	struct eo_filter_spec spec = {};
	struct eo_nl *nl = NULL;
	struct eo_hints hints = {};
	struct eo_func_set kb = {};
	struct eo_kb_arming kb_how;
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
		if (!ret && start)
			ret = eo_learn_option(&learn, opt, optarg);
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
	if (learn.profile && origin.n) {
		eo_err("start", "-f/-F and --profile both name functions: use one");
		goto out;
	}
	nl = eo_nl_open(argv[0]);
	if (!nl)
		goto out;
	/* an always-on capture by errno or syscall finds known limits' origins from the start */
	if (start && !origin.n && !learn.no_kb && !eo_hints_load(&hints) &&
	    eo_kb_funcs(&hints, &spec, &kb, &kb_how))
		goto out;
	if (!start) {
		ret = eo_control_stop(nl, "stop");
	} else if (!origin.n && (learn.profile || kb.n || eo_profiles_wanted(&learn, &spec))) {
		size_t n = kb.n;

		l = eo_learner_new(nl, &spec, &learn, false);
		if (l)
			eo_learner_set_base(l, &kb);
		ret = l ? eo_learner_arm(l) : -1;
		if (!ret && n) {
			fprintf(stderr, "errorigin: start: armed");
			eo_kb_describe(stderr, &kb_how, n);
			fputc('\n', stderr);
		}
	} else {
		ret = eo_control_arm(nl, "start", &spec, &origin);
	}
out:
	eo_learner_free(l);
	eo_funcs_free(&kb);
	eo_hints_free(&hints);
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
