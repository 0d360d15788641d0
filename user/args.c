// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "args.h"

/* the native syscalls kmod/args.c copies path arguments of */
static const struct {
	const char *name;
	int nargs;
} eo_args_table[] = {
	{ "open", 3 }, { "openat", 4 }, { "openat2", 4 }, { "creat", 2 }, { "mount", 5 },
	{ "umount2", 2 }, { "mkdir", 2 }, { "mkdirat", 3 }, { "rmdir", 1 }, { "unlink", 1 },
	{ "unlinkat", 3 }, { "rename", 2 }, { "renameat", 4 }, { "renameat2", 5 },
	{ "stat", 2 }, { "lstat", 2 }, { "newfstatat", 4 }, { "statx", 5 }, { "access", 2 },
	{ "faccessat", 3 }, { "faccessat2", 4 }, { "execve", 3 }, { "execveat", 5 },
	{ "chdir", 1 }, { "chroot", 1 }, { "inotify_add_watch", 3 }, { "link", 2 },
	{ "linkat", 5 }, { "symlink", 2 }, { "symlinkat", 3 }, { "readlink", 3 },
	{ "readlinkat", 4 }, { "truncate", 2 }, { "chmod", 2 }, { "fchmodat", 3 },
	{ "chown", 3 }, { "lchown", 3 }, { "fchownat", 5 }, { "utimensat", 4 },
};

int eo_args_count(const char *syscall)
{
	size_t i;

	for (i = 0; i < sizeof(eo_args_table) / sizeof(eo_args_table[0]); i++)
		if (!strcmp(eo_args_table[i].name, syscall))
			return eo_args_table[i].nargs;
	return 0;
}
