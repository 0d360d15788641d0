// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
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
