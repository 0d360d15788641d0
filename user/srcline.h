/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel addresses to file:line with elfutils' libdwfl: the running kernel's vmlinux debug
 * info from the standard places (or debuginfod, with DEBUGINFOD_URLS), and each loaded
 * module's own DWARF.
 */
#ifndef EO_SRCLINE_H
#define EO_SRCLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct eo_srcline;

/* NULL only when libdwfl cannot start at all. */
struct eo_srcline *eo_srcline_open(void);
void eo_srcline_close(struct eo_srcline *s);
/*
 * "file:line" of @addr, in @module (NULL: vmlinux), into @buf; -1 when no debug info covers
 * it (told once on @notice).
 */
int eo_srcline_lookup(struct eo_srcline *s, uint64_t addr, const char *module, char *buf,
		      size_t len, FILE *notice);

#endif
