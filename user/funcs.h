/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning "-f path_mount,*mnt*" into the function set the module arms: names and globs are
 * matched against what ftrace can hook on the running kernel, the deny list is applied, each
 * function gets its return class from BTF, and its address from ftrace or kallsyms.
 */
#ifndef EO_FUNCS_H
#define EO_FUNCS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/errorigin.h>

struct eo_func {
	char *name;
	char *module;		/* NULL for vmlinux */
	uint64_t addr;
	uint8_t class;		/* enum eo_ret_class */
	uint32_t last, hits;	/* learned sets: recency of the last entry, entries per call */
	uint64_t sym;		/* learned sets: the symbol's address */
	uint64_t parent_sym;	/* learned sets: the caller's symbol (0: unknown) */
};

/* One function of a learned set, as the module names it (it sends no addresses). */
struct eo_learned {
	char sym[224];		/* where it was entered, "name+0xoff/0xsize [module]" */
	char caller[224];	/* the call it came from at its last entry, the same form */
	uint32_t last, hits;
};

struct eo_func_set {
	struct eo_func *items;
	size_t n, cap;
	/* why functions that matched were left out */
	size_t denied, cannot_fail, no_address, over_limit;
	bool no_btf;		/* classes guessed (long): no BTF for some functions */
};

/* Appends the patterns of a comma-separated list / of a file (one per line, # comments). */
int eo_funcs_add_list(char ***patterns, size_t *n, const char *list);
int eo_funcs_add_file(char ***patterns, size_t *n, const char *path);

/* Resolves @patterns on the running kernel; prints why and returns -1 when nothing is left. */
int eo_funcs_resolve(char **patterns, size_t npatterns, struct eo_func_set *set);
/* The same, marking in @seen (one per pattern, may be NULL) the patterns that matched. */
int eo_funcs_resolve_seen(char **patterns, size_t npatterns, struct eo_func_set *set,
			  bool *seen);
/* The same for exact names that may all be missing: 0 with an empty set, nothing printed. */
int eo_funcs_resolve_names(char **names, size_t n, struct eo_func_set *set);
/*
 * Names a learned set (kallsyms), leaving out denied functions and those that cannot fail;
 * items keep their recency and entry counts. The armed address is ftrace's own where the
 * kernel lists it, else the symbol's (kretprobes).
 */
int eo_funcs_from_learned(const struct eo_learned *lf, size_t n, struct eo_func_set *set);
void eo_funcs_free(struct eo_func_set *set);
/* One line for the user: what was armed and what was left out, and why. */
void eo_funcs_report(FILE *f, const struct eo_func_set *set, uint32_t armed, uint32_t refused,
		     const char *mechanism, double ms);

/* The path of tracefs file @name (in /sys/kernel/tracing or under debugfs), or NULL. */
const char *eo_tracefs_file(const char *name, char *buf, size_t len);
/* The deny list's globs (ftrace accepts them as they are). */
const char *const *eo_funcs_deny_globs(size_t *n);
/* The deny list: true for functions that must never be hooked. Pure. */
bool eo_funcs_denied(const char *name);
/* Return class from a BTF return type; -1 when the function cannot fail. Pure. */
int eo_funcs_class_of(int kind, unsigned int size, bool is_signed, bool is_bool);

#endif
