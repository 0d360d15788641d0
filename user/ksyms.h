/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's text symbols from /proc/kallsyms, by address and by name. */
#ifndef EO_KSYMS_H
#define EO_KSYMS_H

#include <stddef.h>
#include <stdint.h>

struct eo_ksym {
	uint64_t addr;
	uint64_t size;		/* to the next text symbol, as the kernel's "/0xsize" */
	const char *name;
	const char *module;	/* "" for vmlinux */
};

struct eo_ksyms {
	char *text;		/* the file; names point into it */
	struct eo_ksym *syms;	/* by address */
	struct eo_ksym **by_name;
	size_t n;
};

/*
 * Reads kallsyms' text symbols. Without CAP_SYSLOG (or with kptr_restrict=2) every
 * address reads 0: none is kept, and the caller says why. Free with eo_ksyms_free().
 */
int eo_ksyms_load(struct eo_ksyms *k);
void eo_ksyms_free(struct eo_ksyms *k);
/* by_name's order: name, then module */
int eo_ksyms_name_cmp(const void *a, const void *b);
/* The first of by_name named @name in @module ("" for vmlinux); k->n when there is none. */
size_t eo_ksyms_find(const struct eo_ksyms *k, const char *name, const char *module);
/* The symbol @addr lies in; NULL before the first. */
const struct eo_ksym *eo_ksyms_at(const struct eo_ksyms *k, uint64_t addr);

#endif
