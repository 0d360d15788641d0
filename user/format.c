// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <time.h>
#include "format.h"
#include "json.h"
#include "names.h"

int64_t eo_wallclock_offset(void)
{
	struct timespec rt, mono;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return (rt.tv_sec - mono.tv_sec) * 1000000000LL + (rt.tv_nsec - mono.tv_nsec);
}

static void eo_format_errno(FILE *f, int64_t ret)
{
	int err = (int)-ret;
	const char *name = eo_errno_name(err);

	if (name)
		fprintf(f, "-%s (%s)", name, eo_errno_desc(err));
	else
		fprintf(f, "%" PRId64, ret);
}

void eo_format_event_text(FILE *f, const struct eo_event *ev, int64_t wall_offset)
{
	int64_t wall = (int64_t)ev->time_ns + wall_offset;
	time_t sec = wall / 1000000000LL;
	char name[64], stamp[16];
	struct tm tm;
	int i;

	localtime_r(&sec, &tm);
	strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
	fprintf(f, "%s.%06ld %s[%u/%u] %s%s(", stamp, (long)(wall % 1000000000LL) / 1000,
		ev->comm, ev->pid, ev->tid,
		ev->abi == EO_ABI_NATIVE ? "" : ev->abi == EO_ABI_COMPAT ? "ia32:" : "x32:",
		eo_syscall_name(ev->syscall_nr, ev->abi, name, sizeof(name)));
	for (i = 0; i < EO_NR_ARGS; i++)
		fprintf(f, "%s%#" PRIx64, i ? ", " : "", ev->args[i]);
	fputs(") = ", f);
	eo_format_errno(f, ev->ret);
	fputc('\n', f);
}

static void eo_json_errno(FILE *f, int err)
{
	const char *name = eo_errno_name(err);

	if (name)
		eo_json_string(f, name);
	else
		fprintf(f, "\"E%d\"", err);
}

void eo_format_event_json(FILE *f, const struct eo_event *ev)
{
	char name[64];
	int i;

	fprintf(f, "{\"seq\":%" PRIu64 ",\"time_ns\":%" PRIu64 ",\"pid\":%u,\"tid\":%u,\"comm\":",
		ev->seq, ev->time_ns, ev->pid, ev->tid);
	eo_json_string(f, ev->comm);
	fprintf(f, ",\"uid\":%u,\"cgroup_id\":%" PRIu64 ",\"syscall\":", ev->uid, ev->cgroup_id);
	eo_json_string(f, eo_syscall_name(ev->syscall_nr, ev->abi, name, sizeof(name)));
	fprintf(f, ",\"syscall_nr\":%u,\"abi\":\"%s\",\"errno\":", ev->syscall_nr,
		eo_abi_name(ev->abi));
	eo_json_errno(f, (int)-ev->ret);
	fprintf(f, ",\"ret\":%" PRId64 ",\"args\":[", ev->ret);
	for (i = 0; i < EO_NR_ARGS; i++)
		fprintf(f, "%s%" PRIu64, i ? "," : "", ev->args[i]);
	fprintf(f, "],\"cpu\":%u}\n", ev->cpu);
}

void eo_format_count_json(FILE *f, const struct eo_count *c)
{
	char name[64];

	fputs("{\"syscall\":", f);
	eo_json_string(f, eo_syscall_name(c->syscall_nr, c->abi, name, sizeof(name)));
	fputs(",\"errno\":", f);
	eo_json_errno(f, c->err);
	fprintf(f, ",\"pid\":%u,\"comm\":", c->pid);
	eo_json_string(f, c->comm);
	fprintf(f, ",\"count\":%" PRIu64 "}\n", c->count);
}

void eo_format_count_header(FILE *f)
{
	fprintf(f, "%10s  %-20s %-16s %8s  %s\n", "COUNT", "SYSCALL", "ERRNO", "PID", "COMM");
}

void eo_format_count_text(FILE *f, const struct eo_count *c)
{
	const char *err = eo_errno_name(c->err);
	char name[64], num[16];

	if (!err) {
		snprintf(num, sizeof(num), "%u", c->err);
		err = num;
	}
	fprintf(f, "%10" PRIu64 "  %-20s %-16s %8u  %s\n", c->count,
		eo_syscall_name(c->syscall_nr, c->abi, name, sizeof(name)), err, c->pid, c->comm);
}
