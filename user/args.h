/* SPDX-License-Identifier: GPL-2.0 */
/* The arguments of the syscalls whose paths the module copies, by kind (pure). */
#ifndef EO_ARGS_H
#define EO_ARGS_H

#include <stdint.h>

/*
 * One letter per argument of @syscall (native or ia32 name), NULL when its paths are not
 * copied: 's' a path (the copied string), 'p' a pointer, 'x' flags, 'o' a mode, 'd' a
 * directory fd, 'i' an int, 'u' a size.
 */
const char *eo_args_shape(const char *syscall);
/* The argument count of @syscall when the module decodes its paths, else 0. */
int eo_args_count(const char *syscall);
/* A directory fd argument: AT_FDCWD by name, else the int. */
int eo_args_dirfd(uint64_t arg, char *buf, int len);

#endif
