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
