// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <netlink/attr.h>
#include "escape.h"
#include "filter.h"
#include "names.h"
#include "util.h"

static int eo_filter_list(struct eo_filter_spec *spec, const char *list, bool syscalls)
{
	char *copy = strdup(list), *cur = copy, *item;
	int ret = 0;

	if (!copy)
		return eo_err("filter", "%s", strerror(errno));
	while ((item = strsep(&cur, ","))) {
		if (!*item)
			continue;
		if (syscalls) {
			int native = eo_syscall_parse(item, false);
			int compat = eo_syscall_parse(item, true);

			if (native < 0 && compat < 0) {
				ret = eo_err("--syscall", "unknown syscall '%s'", item);
				break;
			}
			if (native >= 0)
				spec->syscalls[native] = true;
			/* a name selects the syscall in both ABIs; a number only x86_64's */
			if (compat >= 0 && !(*item >= '0' && *item <= '9'))
				spec->compat_syscalls[compat] = true;
			spec->any_syscall = true;
		} else {
			int err = eo_errno_parse(item);

			if (err < 0) {
				ret = eo_err("--errno", "unknown errno '%s' (use a name like ENOSPC or a number 1-%d)",
					     item, EO_MAX_ERRNO);
				break;
			}
			spec->errnos[err] = true;
			spec->any_errno = true;
		}
	}
	free(copy);
	return ret;
}

static int eo_filter_id(const char *what, const char *arg, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || *end || !*arg || v == 0 || v > UINT32_MAX)
		return eo_err(what, "'%s' is not a valid id", arg);
	*out = v;
	return 0;
}

/* A cgroup v2 id is the inode number of the cgroup's directory. */
static int eo_filter_cgroup(struct eo_filter_spec *spec, const char *arg)
{
	char path[4096];
	struct statfs sfs;
	struct stat st;

	snprintf(path, sizeof(path), "%s", arg);
	if (stat(path, &st) && arg[0] != '/')
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s", arg);
	if (stat(path, &st))
		return eo_err("--cgroup", "%s: %s", arg, strerror(errno));
	if (statfs(path, &sfs) || sfs.f_type != CGROUP2_SUPER_MAGIC || !S_ISDIR(st.st_mode))
		return eo_err("--cgroup", "%s is not a cgroup v2 directory", path);
	spec->cgroup_id = st.st_ino;
	spec->has_cgroup = true;
	return 0;
}

int eo_filter_option(struct eo_filter_spec *spec, int opt, const char *arg)
{
	int ret;

	switch (opt) {
	case 'e':
		ret = eo_filter_list(spec, arg, false);
		break;
	case 's':
		ret = eo_filter_list(spec, arg, true);
		break;
	case 'p':
		ret = eo_filter_id("--pid", arg, &spec->pid);
		spec->has_pid = !ret;
		break;
	case 't':
		ret = eo_filter_id("--tid", arg, &spec->tid);
		spec->has_tid = !ret;
		break;
	case 'c':
		if (!*arg || strlen(arg) >= EO_COMM_LEN)
			return eo_err("--comm", "'%s': a task name has 1 to %d characters", arg,
				      EO_COMM_LEN - 1);
		snprintf(spec->comm, sizeof(spec->comm), "%s", arg);
		spec->has_comm = true;
		return 1;
	case EO_OPT_CGROUP:
		ret = eo_filter_cgroup(spec, arg);
		break;
	case EO_OPT_NO_ARGS:
		spec->no_args = true;
		return 1;
	default:
		return 0;
	}
	return ret < 0 ? -1 : 1;
}

bool eo_filter_empty(const struct eo_filter_spec *spec)
{
	return !spec->any_errno && !spec->any_syscall && !spec->has_pid && !spec->has_tid &&
	       !spec->has_comm && !spec->has_cgroup;
}

int eo_filter_put(struct nl_msg *msg, const struct eo_filter_spec *spec)
{
	struct nlattr *nest;
	int i;

	if (eo_filter_empty(spec) && !spec->no_args)
		return 0;
	nest = nla_nest_start(msg, EO_A_FILTER);
	if (!nest)
		return -1;
	for (i = 1; i <= EO_MAX_ERRNO; i++)
		if (spec->errnos[i] && nla_put_u32(msg, EO_FILTER_A_ERRNO, i))
			return -1;
	for (i = 0; i < EO_MAX_SYSCALLS; i++) {
		if (spec->syscalls[i] && nla_put_u32(msg, EO_FILTER_A_SYSCALL, i))
			return -1;
		if (spec->compat_syscalls[i] && nla_put_u32(msg, EO_FILTER_A_COMPAT_SYSCALL, i))
			return -1;
	}
	if ((spec->has_pid && nla_put_u32(msg, EO_FILTER_A_PID, spec->pid)) ||
	    (spec->has_tid && nla_put_u32(msg, EO_FILTER_A_TID, spec->tid)) ||
	    (spec->has_comm && nla_put_string(msg, EO_FILTER_A_COMM, spec->comm)) ||
	    (spec->has_cgroup && nla_put_u64(msg, EO_FILTER_A_CGROUP_ID, spec->cgroup_id)) ||
	    (spec->no_args && nla_put_flag(msg, EO_FILTER_A_NO_ARGS)))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static bool eo_filter_match_sets(const struct eo_filter_spec *spec, int err, uint32_t nr,
				 int abi)
{
	if (spec->any_errno && (err < 1 || err > EO_MAX_ERRNO || !spec->errnos[err]))
		return false;
	if (spec->any_syscall) {
		const bool *set = abi == EO_ABI_COMPAT ? spec->compat_syscalls : spec->syscalls;

		if (nr >= EO_MAX_SYSCALLS || !set[nr])
			return false;
	}
	return true;
}

static bool eo_filter_match(const struct eo_filter_spec *spec, int err, uint32_t nr, int abi,
			    uint32_t pid, const char *comm)
{
	if (!eo_filter_match_sets(spec, err, nr, abi))
		return false;
	if (spec->has_pid && pid != spec->pid)
		return false;
	if (spec->has_comm && strcmp(comm, spec->comm))
		return false;
	return true;
}

void eo_filter_narrow_sets(struct eo_filter_spec *spec, const struct eo_filter_spec *armed)
{
	size_t i;

	if (armed->any_errno) {
		for (i = 0; i <= EO_MAX_ERRNO; i++)
			spec->errnos[i] = armed->errnos[i] && (spec->errnos[i] || !spec->any_errno);
		spec->any_errno = true;
	}
	if (armed->any_syscall) {
		for (i = 0; i < EO_MAX_SYSCALLS; i++) {
			spec->syscalls[i] = armed->syscalls[i] &&
					    (spec->syscalls[i] || !spec->any_syscall);
			spec->compat_syscalls[i] = armed->compat_syscalls[i] &&
						   (spec->compat_syscalls[i] || !spec->any_syscall);
		}
		spec->any_syscall = true;
	}
}

bool eo_filter_match_pair(const struct eo_filter_spec *spec, const struct eo_pair *p)
{
	return eo_filter_match_sets(spec, (int)p->err, p->nr, p->abi);
}

bool eo_filter_match_event(const struct eo_filter_spec *spec, const struct eo_event *ev)
{
	if (spec->has_tid && ev->tid != spec->tid)
		return false;
	if (spec->has_cgroup && ev->cgroup_id != spec->cgroup_id)
		return false;
	return eo_filter_match(spec, (int)-ev->ret, ev->syscall_nr, ev->abi, ev->pid, ev->comm);
}

/* Counters carry no thread or cgroup: those filters cannot narrow them. */
bool eo_filter_match_count(const struct eo_filter_spec *spec, const struct eo_count *c)
{
	return eo_filter_match(spec, c->err, c->syscall_nr, c->abi, c->pid, c->comm);
}

int eo_filter_from_attr(struct nlattr *nest, struct eo_filter_spec *spec)
{
	struct nlattr *a;
	int rem;
	uint32_t v;

	memset(spec, 0, sizeof(*spec));
	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EO_FILTER_A_ERRNO:
			v = nla_get_u32(a);
			if (v <= EO_MAX_ERRNO)
				spec->errnos[v] = spec->any_errno = true;
			break;
		case EO_FILTER_A_SYSCALL:
			v = nla_get_u32(a);
			if (v < EO_MAX_SYSCALLS)
				spec->syscalls[v] = spec->any_syscall = true;
			break;
		case EO_FILTER_A_COMPAT_SYSCALL:
			v = nla_get_u32(a);
			if (v < EO_MAX_SYSCALLS)
				spec->compat_syscalls[v] = spec->any_syscall = true;
			break;
		case EO_FILTER_A_PID:
			spec->pid = nla_get_u32(a);
			spec->has_pid = true;
			break;
		case EO_FILTER_A_TID:
			spec->tid = nla_get_u32(a);
			spec->has_tid = true;
			break;
		case EO_FILTER_A_COMM:
			nla_strlcpy(spec->comm, a, sizeof(spec->comm));
			spec->has_comm = true;
			break;
		case EO_FILTER_A_CGROUP_ID:
			spec->cgroup_id = nla_get_u64(a);
			spec->has_cgroup = true;
			break;
		case EO_FILTER_A_NO_ARGS:
			spec->no_args = true;
			break;
		}
	}
	return 0;
}

void eo_filter_describe(FILE *f, const struct eo_filter_spec *spec)
{
	const char *sep = "";
	char name[64];
	int i;

	if (eo_filter_empty(spec)) {
		fputs("none (every failing syscall)", f);
		if (spec->no_args)
			fputs(", path arguments not copied", f);
		return;
	}
	if (spec->any_errno) {
		fputs("errno=", f);
		for (i = 1; i <= EO_MAX_ERRNO; i++)
			if (spec->errnos[i]) {
				const char *n = eo_errno_name(i);

				fprintf(f, "%s", sep);
				n ? fputs(n, f) : fprintf(f, "%d", i);
				sep = ",";
			}
		sep = " ";
	}
	if (spec->any_syscall) {
		fprintf(f, "%ssyscall=", sep);
		sep = "";
		for (i = 0; i < EO_MAX_SYSCALLS; i++) {
			if (spec->syscalls[i]) {
				fprintf(f, "%s%s", sep, eo_syscall_name(i, EO_ABI_NATIVE, name, sizeof(name)));
				sep = ",";
			}
			if (spec->compat_syscalls[i]) {
				fprintf(f, "%sia32:%s", sep,
					eo_syscall_name(i, EO_ABI_COMPAT, name, sizeof(name)));
				sep = ",";
			}
		}
		sep = " ";
	}
	if (spec->has_pid)
		fprintf(f, "%spid=%u", sep, spec->pid), sep = " ";
	if (spec->has_tid)
		fprintf(f, "%stid=%u", sep, spec->tid), sep = " ";
	if (spec->has_comm) {
		/* as in event lines: a task name is any 15 bytes */
		fprintf(f, "%scomm=", sep);
		eo_escape(f, spec->comm, EO_ESC_TEXT);
		sep = " ";
	}
	if (spec->has_cgroup)
		fprintf(f, "%scgroup_id=%llu", sep, (unsigned long long)spec->cgroup_id);
	if (spec->no_args)
		fputs(", path arguments not copied", f);
}
