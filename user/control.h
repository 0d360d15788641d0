/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_CONTROL_H
#define EO_CONTROL_H

#include "event.h"
#include "filter.h"
#include "funcs.h"
#include "nl.h"

/* @funcs may be NULL (capture only). */
int eo_control_start(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec,
		     const struct eo_func_set *funcs);
/* The same, telling the module which pairs the function set serves. */
int eo_control_start_pairs(struct eo_nl *nl, const char *what,
			   const struct eo_filter_spec *spec, const struct eo_func_set *funcs,
			   const struct eo_pair *pairs, size_t npairs);
int eo_control_stop(struct eo_nl *nl, const char *what);
/* What later STARTs ask for. */
enum eo_arming {
	EO_ARMING_KEPT,		/* an arming that stays until STOP (start) */
	EO_ARMING_OWNED,	/* one the kernel undoes when the socket closes (watch) */
	/*
	 * functions followed besides those of an arming made by someone else, whose filter
	 * and owner stay (watch learning under start); the filter given is not sent
	 */
	EO_ARMING_EXTEND,
};
void eo_control_arming(enum eo_arming how);
/* EO_ARMING_OWNED or EO_ARMING_KEPT. */
void eo_control_own_arming(bool owned);
/*
 * Leaves this process's own syscalls out of capture, whoever armed it, while @nl is open: a
 * watch's non-blocking reads fail with EAGAIN. -1 with the error printed.
 */
int eo_control_quiet(struct eo_nl *nl, const char *what);
/* Empties the module's counter tables (top --reset). */
int eo_control_reset_counts(struct eo_nl *nl, const char *what);
/* Adds @p as an EO_A_PAIR (with its function count when @with_funcs). */
int eo_pair_put(struct nl_msg *msg, const struct eo_pair *p, bool with_funcs);
/* CLOCK_MONOTONIC in milliseconds. */
double eo_now_ms(void);

/* -f LIST / -F FILE, shared by start and watch. */
struct eo_origin_opts {
	char **patterns;
	size_t n;
};

#define EO_ORIGIN_OPTSTRING "f:F:"
#define EO_ORIGIN_LONGOPTS \
	{ "functions", required_argument, NULL, 'f' }, \
	{ "functions-file", required_argument, NULL, 'F' }
#define EO_ORIGIN_USAGE \
	"  -f, --functions NAME[,NAME]   follow these kernel functions (globs allowed) and\n" \
	"                                report which one produced each failure's errno\n" \
	"  -F, --functions-file FILE     the same, one name or glob per line\n"

/* 1 when @opt was -f/-F, 0 when not, -1 on error (printed). */
int eo_origin_option(struct eo_origin_opts *o, int opt, const char *arg);
void eo_origin_opts_free(struct eo_origin_opts *o);

/*
 * Resolves the functions of @o (if any), arms with @spec, and reports on stderr what was
 * armed and how long it took.
 */
int eo_control_arm(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec,
		   const struct eo_origin_opts *o);

#endif
