/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _EO_NAMES_H
#define _EO_NAMES_H

#include <linux/types.h>

struct eo_name {
	const char *name;
	int value;
};

/* Name (ENOSPC) or decimal number; -EINVAL when neither. */
int eo_errno_parse(const char *s);
/* Native (x86_64) or ia32 syscall number of a name or a decimal number; -ENOENT if the ABI lacks it. */
int eo_syscall_parse(const char *s, bool compat);

/* Name of native or ia32 syscall @nr, NULL when the table has none. */
const char *eo_syscall_name(unsigned int nr, bool compat);

#endif /* _EO_NAMES_H */
