/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FILTERS options shared by start, watch, top and dump: parsed once, sent to the module
 * as EO_A_FILTER, and applied again in userspace to what comes back (dumps and watches of a
 * capture someone else armed).
 */
#ifndef EO_FILTER_H
#define EO_FILTER_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <netlink/msg.h>
#include <linux/errorigin.h>
#include "event.h"

struct eo_filter_spec {
	bool any_errno, any_syscall, has_pid, has_tid, has_comm, has_cgroup;
	bool errnos[EO_MAX_ERRNO + 1];
	bool syscalls[EO_MAX_SYSCALLS];
	bool compat_syscalls[EO_MAX_SYSCALLS];
	uint32_t pid, tid;
	uint64_t cgroup_id;
	char comm[EO_COMM_LEN];
	bool no_args;		/* a capture option, not a filter: path strings not copied */
};

#define EO_FILTER_OPTSTRING "e:s:p:t:c:"
#define EO_OPT_CGROUP 0x100
#define EO_FILTER_LONGOPTS \
	{ "errno", required_argument, NULL, 'e' }, \
	{ "syscall", required_argument, NULL, 's' }, \
	{ "pid", required_argument, NULL, 'p' }, \
	{ "tid", required_argument, NULL, 't' }, \
	{ "comm", required_argument, NULL, 'c' }, \
	{ "cgroup", required_argument, NULL, EO_OPT_CGROUP }

/* start and watch only: how the module captures */
#define EO_OPT_NO_ARGS 0x101
#define EO_CAPTURE_LONGOPTS \
	{ "no-args", no_argument, NULL, EO_OPT_NO_ARGS }
#define EO_CAPTURE_USAGE \
	"      --no-args                 do not copy path arguments (the lowest cost)\n"

#define EO_FILTER_USAGE \
	"  -e, --errno ERRNO[,ERRNO]     only these errors (ENOSPC or 28)\n" \
	"  -s, --syscall NAME[,NAME]     only these syscalls (mount, openat, ...)\n" \
	"  -p, --pid PID                 only this process (thread-group id)\n" \
	"  -t, --tid TID                 only this thread\n" \
	"  -c, --comm COMM               only tasks with this exact name\n" \
	"      --cgroup PATH             only tasks in this cgroup v2 directory\n"

/*
 * Handles one getopt result. Returns 1 when @opt was a filter option, 0 when it is not one,
 * -1 (after printing the error) when its value is invalid.
 */
int eo_filter_option(struct eo_filter_spec *spec, int opt, const char *arg);
bool eo_filter_empty(const struct eo_filter_spec *spec);
int eo_filter_put(struct nl_msg *msg, const struct eo_filter_spec *spec);
bool eo_filter_match_event(const struct eo_filter_spec *spec, const struct eo_event *ev);
/* Narrows @spec's errno and syscall sets to what @armed's let through too. */
void eo_filter_narrow_sets(struct eo_filter_spec *spec, const struct eo_filter_spec *armed);
/* Whether a (syscall, ABI, errno) pair passes the errno and syscall filters. */
bool eo_filter_match_pair(const struct eo_filter_spec *spec, const struct eo_pair *p);
bool eo_filter_match_count(const struct eo_filter_spec *spec, const struct eo_count *c);
/* Decodes an EO_A_FILTER nest (as reported by status) into @spec. */
int eo_filter_from_attr(struct nlattr *nest, struct eo_filter_spec *spec);
/* "errno=ENOSPC,EMFILE syscall=mount pid=1" or "none". */
void eo_filter_describe(FILE *f, const struct eo_filter_spec *spec);

#endif
