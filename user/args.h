/* SPDX-License-Identifier: GPL-2.0 */
/* How many arguments the syscalls whose paths the module copies take (pure). */
#ifndef EO_ARGS_H
#define EO_ARGS_H

/* The argument count of @syscall when the module decodes its paths, else 0. */
int eo_args_count(const char *syscall);

#endif
