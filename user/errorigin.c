// SPDX-License-Identifier: GPL-2.0
/* errorigin: see which syscalls fail, for whom, and (later) which kernel function said no. */
#include <stdio.h>
#include <string.h>
#include "subcommands.h"

#ifndef EO_VERSION
#define EO_VERSION "unknown"
#endif

const char *prog = "errorigin";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} subcommands[] = {
	{ "status", cmd_status, "show whether the module is loaded and armed, filters, counters" },
	{ "start", cmd_start, "arm capture for everyone (stays armed after exit)" },
	{ "stop", cmd_stop, "disarm capture" },
	{ "watch", cmd_watch, "stream failing syscalls as they happen" },
	{ "top", cmd_top, "failure counts per syscall, errno and process" },
	{ "dump", cmd_dump, "print the flight recorder: failures kept by the module" },
	{ "explain", cmd_explain, "the cause and limit behind a kernel function's failure" },
	{ "list", cmd_list, "errno or syscall names the filters accept" },
};

#define NSUB (sizeof(subcommands) / sizeof(subcommands[0]))

static void usage(FILE *f)
{
	unsigned int i;

	fprintf(f, "Usage: %s <command> [options]\n\nCommands:\n", prog);
	for (i = 0; i < NSUB; i++)
		fprintf(f, "  %-8s %s\n", subcommands[i].name, subcommands[i].help);
	fprintf(f, "\n'%s <command> --help' describes a command's options.\n"
		   "With no command, '%s status' runs.\n", prog, prog);
}

int main(int argc, char **argv)
{
	unsigned int i;

	if (argc < 2)
		return cmd_status(1, (char *[]){ "status", NULL }) ? 1 : 0;
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("errorigin %s\n", EO_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < NSUB; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1) ? 1 : 0;
	fprintf(stderr, "errorigin: %s: unknown command\n", argv[1]);
	usage(stderr);
	return 1;
}
