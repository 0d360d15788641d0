// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include "args.h"

/* the syscalls kmod/args.c copies path arguments of (its native and ia32 tables) */
static const struct {
	const char *name;
	const char *shape;
} eo_args_table[] = {
	{ "open", "sxo" }, { "openat", "dsxo" }, { "openat2", "dspu" }, { "creat", "so" },
	{ "mount", "sssxp" }, { "umount", "s" }, { "umount2", "sx" }, { "mkdir", "so" },
	{ "mkdirat", "dso" }, { "rmdir", "s" }, { "unlink", "s" }, { "unlinkat", "dsx" },
	{ "rename", "ss" }, { "renameat", "dsds" }, { "renameat2", "dsdsx" },
	{ "stat", "sp" }, { "lstat", "sp" }, { "stat64", "sp" }, { "lstat64", "sp" },
	{ "newfstatat", "dspx" }, { "fstatat64", "dspx" }, { "statx", "dsxxp" },
	{ "access", "si" }, { "faccessat", "dsi" }, { "faccessat2", "dsix" },
	{ "execve", "spp" }, { "execveat", "dsppx" }, { "chdir", "s" }, { "chroot", "s" },
	{ "inotify_add_watch", "isx" }, { "link", "ss" }, { "linkat", "dsdsx" },
	{ "symlink", "ss" }, { "symlinkat", "sds" }, { "readlink", "spu" },
	{ "readlinkat", "dspu" }, { "truncate", "si" }, { "chmod", "so" },
	{ "fchmodat", "dso" }, { "chown", "sii" }, { "lchown", "sii" }, { "chown32", "sii" },
	{ "lchown32", "sii" }, { "fchownat", "dsiix" }, { "utimensat", "dspx" },
};

const char *eo_args_shape(const char *syscall)
{
	size_t i;

	for (i = 0; i < sizeof(eo_args_table) / sizeof(eo_args_table[0]); i++)
		if (!strcmp(eo_args_table[i].name, syscall))
			return eo_args_table[i].shape;
	return NULL;
}

int eo_args_count(const char *syscall)
{
	const char *shape = eo_args_shape(syscall);

	return shape ? (int)strlen(shape) : 0;
}

int eo_args_dirfd(uint64_t arg, char *buf, int len)
{
	int fd = (int)(uint32_t)arg;

	return fd == AT_FDCWD ? snprintf(buf, len, "AT_FDCWD") : snprintf(buf, len, "%d", fd);
}
