/* SPDX-License-Identifier: GPL-2.0 */
/* errno and syscall names: glibc for errnos, libseccomp for syscall tables. */
#ifndef EO_NAMES_H
#define EO_NAMES_H

#include <stdbool.h>

/* "ENOSPC", a kernel-internal name such as "ERESTARTSYS", or NULL when unnamed. */
const char *eo_errno_name(int err);
/* Human description; kernel-internal codes get their meaning. Never NULL. */
const char *eo_errno_desc(int err);
/* Parses "ENOSPC", "enospc" or "28"; -1 when unknown. */
int eo_errno_parse(const char *s);

/* @abi: enum eo_abi. Writes the syscall's name (or "syscall_<nr>" when the table lacks it) into buf. */
const char *eo_syscall_name(int nr, int abi, char *buf, unsigned int len);
/* Number of @name in the x86_64 (compat=false) or ia32 table; -1 when absent. */
int eo_syscall_parse(const char *name, bool compat);
const char *eo_abi_name(int abi);

#endif
