/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel symbols to file:line with elfutils' libdwfl: the running kernel's vmlinux debug
 * info from the standard places (or debuginfod, with DEBUGINFOD_URLS), and each loaded
 * module's own DWARF.
 */
#ifndef EO_SRCLINE_H
#define EO_SRCLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct eo_srcline;

/* NULL only when libdwfl cannot start at all. */
struct eo_srcline *eo_srcline_open(void);
void eo_srcline_close(struct eo_srcline *s);
/*
 * "file:line" of @symbol, "name+0xoff/0xsize [module]" as the module sends it, into @buf
 * (@ret_addr: a return address, whose line is the call's); -1 when no debug info covers it
 * (told once on @notice). Names, not addresses: the debug files' own symbol tables place
 * them, so neither kallsyms nor KASLR's offset is needed.
 */
int eo_srcline_lookup(struct eo_srcline *s, const char *symbol, bool ret_addr, char *buf,
		      size_t len, FILE *notice);

#endif
