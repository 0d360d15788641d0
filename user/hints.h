/* SPDX-License-Identifier: GPL-2.0 */
/*
 * From an origin to its cause: the knowledge base in hints/limits.hints, kept as data. An
 * entry names an origin function, syscall and errno, the limit behind them and how to read
 * its current value; watch prints the matching entries under each failure with the values
 * read at that moment, for the failing process and its cgroup.
 */
#ifndef EO_HINTS_H
#define EO_HINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct eo_hint {
	char *id, *cause, *limit, *value, *usage, *usage_label, *fix;
	char **origins;		/* fnmatch globs */
	size_t norigins;
	char **syscalls;
	size_t nsyscalls;
	int *errnos;
	size_t nerrnos;
	unsigned int line;
};

struct eo_hints {
	struct eo_hint *items;
	size_t n, cap;
	char path[512];
};

/* Parses @f (@path for messages); prints the line and returns -1 on an error. Pure. */
int eo_hints_parse(FILE *f, const char *path, struct eo_hints *h);
/*
 * Finds and parses the knowledge base: $ERRORIGIN_HINTS, else share/errorigin/limits.hints
 * beside the binary's directory or in /usr/local and /usr, else the source tree's hints/.
 * -1 when none is found (printed once by the caller, if it cares).
 */
int eo_hints_load(struct eo_hints *h);
void eo_hints_free(struct eo_hints *h);

/*
 * Entries whose every key matches: @origin ("name" or "name [module]", NULL when none),
 * @syscall name, @err. Fills up to @max into @out; returns how many matched. Pure.
 */
size_t eo_hints_match(const struct eo_hints *h, const char *origin, const char *syscall, int err,
		      const struct eo_hint **out, size_t max);

/* Entries with an origin that the failure's @syscall and @err match, its origin unknown. */
size_t eo_hints_candidates(const struct eo_hints *h, const char *syscall, int err,
			   const struct eo_hint **out, size_t max);

/* The values of @hint now, for process @pid (0: none) in cgroup @cgroup_id (0: unknown). */
struct eo_hint_values {
	char value[256];
	char usage[256];	/* "" without a usage key */
	bool candidate;		/* the failure has no origin: a limit of its errno, full now */
};
void eo_hint_read(const struct eo_hint *hint, uint32_t pid, uint64_t cgroup_id,
		  struct eo_hint_values *v);

/* Whether what is in use has reached the limit ("fs.mount-max = 9" with usage "9"). Pure. */
bool eo_hint_full(const struct eo_hint_values *v);

/*
 * Reports entries naming functions the running kernel cannot trace (renamed, inlined,
 * gone): they could never match an origin. Returns how many. @status_line: as a line of
 * 'status', else as a notice on stderr.
 */
size_t eo_hints_check(const struct eo_hints *h, FILE *f, bool status_line);

#endif
