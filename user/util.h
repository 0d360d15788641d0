/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_UTIL_H
#define EO_UTIL_H

/* Prints "errorigin: WHAT: WHY" on stderr; returns -1 for "return eo_err(...)". */
int eo_err(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a positive decimal number for option @what; prints why and returns -1 if not. */
int eo_parse_positive(const char *what, const char *arg, unsigned long *out);

#include <stddef.h>

/*
 * Makes room for one more item in a growable array (*items holding n of *cap, each @size
 * bytes), doubling it; -1 when out of memory.
 */
int eo_grow(void *items, size_t *cap, size_t n, size_t size);

#endif
