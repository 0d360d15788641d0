/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Profiles: learned function sets saved as plain text, to arm on the first failure next
 * time. One section per (syscall, errno) pair:
 *
 *   # errorigin profile
 *   release 6.12.95+deb12-amd64
 *   pair x86_64 mount ENOSPC
 *   count_mounts int
 *   simfail_leaf int simfail
 *
 * Function lines are "NAME CLASS [MODULE]", CLASS one of long, int, ptr, or a bare "NAME" of
 * vmlinux (the stock profiles: chains seen in the tests' events). Addresses are never saved
 * (KASLR moves them every boot): functions are resolved by name when loaded, and their
 * classes are read again from this kernel's BTF.
 */
#ifndef EO_PROFILE_H
#define EO_PROFILE_H

#include <stdio.h>
#include "event.h"
#include "funcs.h"

struct eo_profile_pair {
	struct eo_pair key;
	char **names;
	uint8_t *classes;
	size_t n;
};

/* a stock profile holds a pair per limit the tests trigger; a watch arms only what it filters */
#define EO_PROFILE_MAX_PAIRS 1024
#define EO_CLASS_UNKNOWN 0xff

struct eo_profile {
	char release[128];
	struct eo_profile_pair *pairs;
	size_t npairs, cap;
};

/* Writes @n pairs with their function sets; prints why and returns -1 on failure. */
int eo_profile_write(const char *path, const char *release, const struct eo_pair *pairs,
		     const struct eo_func_set *sets, size_t n);
/* Parses @f (named @path in messages); -1 with the line printed on a syntax error. */
int eo_profile_parse(FILE *f, const char *path, struct eo_profile *p);
int eo_profile_read(const char *path, struct eo_profile *p);
void eo_profile_free(struct eo_profile *p);

const char *eo_class_name(uint8_t class);
int eo_class_parse(const char *s);

#endif
