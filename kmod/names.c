// SPDX-License-Identifier: GPL-2.0
/* errno and syscall names for module parameters, from tables generated at build time. */
#include <linux/errorigin.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "names.h"
#include "names_gen.h"

static int eo_name_lookup(const struct eo_name *t, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(t[i].name, s))
			return t[i].value;
	return -ENOENT;
}

int eo_errno_parse(const char *s)
{
	unsigned int v;

	if (!kstrtouint(s, 10, &v))
		return v >= 1 && v <= EO_MAX_ERRNO ? (int)v : -ERANGE;
	return eo_name_lookup(eo_errno_names, ARRAY_SIZE(eo_errno_names), s);
}

int eo_syscall_parse(const char *s, bool compat)
{
	unsigned int v;

	if (!kstrtouint(s, 10, &v))
		return v < EO_MAX_SYSCALLS ? (int)v : -ERANGE;
	if (compat)
		return eo_name_lookup(eo_syscall_names_32, ARRAY_SIZE(eo_syscall_names_32), s);
	return eo_name_lookup(eo_syscall_names_64, ARRAY_SIZE(eo_syscall_names_64), s);
}

static const char *eo_name_of(const struct eo_name *t, size_t n, int value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

const char *eo_syscall_name(unsigned int nr, bool compat)
{
	if (compat)
		return eo_name_of(eo_syscall_names_32, ARRAY_SIZE(eo_syscall_names_32), nr);
	return eo_name_of(eo_syscall_names_64, ARRAY_SIZE(eo_syscall_names_64), nr);
}
