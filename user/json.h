/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal JSON writing helpers: one object per line, strings escaped per RFC 8259. */
#ifndef EO_JSON_H
#define EO_JSON_H

#include <stdio.h>

/* "@s": valid UTF-8 whatever @s holds, reversibly (see escape.c). */
void eo_json_string(FILE *f, const char *s);

#endif
