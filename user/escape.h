/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Escaping of the strings other users control (task names, paths, cgroup names, values read
 * from /proc) for each output, so that none can forge a line, move a terminal or break a
 * parser. Pure: no libnl. The rules are in escape.c.
 */
#ifndef EO_ESCAPE_H
#define EO_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum eo_esc {
	EO_ESC_TEXT,	/* an unquoted field of a text line: comm, cgroup, hint values */
	EO_ESC_CSTR,	/* the inside of a "quoted" text string (also escapes '"') */
	EO_ESC_JSON,	/* the inside of a JSON string */
	EO_ESC_PROM,	/* the inside of a Prometheus label value */
};

/* Writes @s escaped for @how (without quotes); returns the bytes written. */
size_t eo_escape(FILE *f, const char *s, enum eo_esc how);
/* Length of the well-formed UTF-8 sequence @s starts with (1-4), 0 when it is ill-formed. */
size_t eo_utf8_len(const char *s);

#endif
