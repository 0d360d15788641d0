// SPDX-License-Identifier: GPL-2.0
/* Names the CLI accepts, one per line: for shell completion and for people. */
#include <stdio.h>
#include <string.h>
#include <linux/errorigin.h>
#include "names.h"
#include "subcommands.h"
#include "util.h"

int cmd_list(int argc, char **argv)
{
	char name[64];
	int i;

	if (argc == 2 && !strcmp(argv[1], "errnos")) {
		for (i = 1; i <= EO_MAX_ERRNO; i++)
			if (eo_errno_name(i))
				puts(eo_errno_name(i));
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "syscalls")) {
		for (i = 0; i < EO_MAX_SYSCALLS; i++)
			if (strncmp(eo_syscall_name(i, EO_ABI_NATIVE, name, sizeof(name)), "syscall_", 8))
				puts(name);
		return 0;
	}
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: %s list errnos|syscalls\nPrints the errno or x86_64 syscall names the filters accept, one per line.\n",
		       prog);
		return 0;
	}
	fprintf(stderr, "Usage: %s list errnos|syscalls\n", prog);
	return -1;
}
