// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "util.h"

int eo_err(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "errorigin: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

int eo_parse_positive(const char *what, const char *arg, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(arg, &end, 10);
	if (errno || *end || !*arg || !*out || *arg == '-')
		return eo_err(what, "'%s' is not a positive number", arg);
	return 0;
}

int eo_grow(void *items, size_t *cap, size_t n, size_t size)
{
	void **p = items;
	size_t grown;
	void *q;

	if (n < *cap)
		return 0;
	grown = *cap ? *cap * 2 : 64;
	q = realloc(*p, grown * size);
	if (!q)
		return -1;
	*p = q;
	*cap = grown;
	return 0;
}
