// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include "args.h"
#include "escape.h"
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

/* Fields other users name (comm, cgroup, /proc values): see escape.c. */
static void eo_text(FILE *f, const char *s)
{
	eo_escape(f, s, EO_ESC_TEXT);
}

/* The same, left-aligned in @width columns as "%-*s" would be. */
static void eo_text_col(FILE *f, const char *s, int width)
{
	int n = (int)eo_escape(f, s, EO_ESC_TEXT);

	if (n < width)
		fprintf(f, "%*s", width - n, "");
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

static const char *const eo_origin_status_names[] = {
	[EO_ORIGIN_OFF] = "off",
	[EO_ORIGIN_OK] = "ok",
	[EO_ORIGIN_NOT_ARMED] = "not_in_armed_set",
	[EO_ORIGIN_ERRNO_DIFFERS] = "errno_differs",
	[EO_ORIGIN_UNPAIRED] = "unpaired",
	[EO_ORIGIN_NO_SESSION] = "no_session",
};

static const char *const eo_origin_status_text[] = {
	[EO_ORIGIN_NOT_ARMED] = "origin not in the armed set (no armed function failed)",
	[EO_ORIGIN_ERRNO_DIFFERS] = "origin not in the armed set (armed functions failed with other errors)",
	[EO_ORIGIN_UNPAIRED] = "origin unknown (the armed set changed during the call)",
	[EO_ORIGIN_NO_SESSION] = "origin unknown (too many calls inside followed functions at once: see sessions_full)",
};

static const char *eo_origin_status_name(unsigned int st)
{
	return st <= EO_ORIGIN_NO_SESSION ? eo_origin_status_names[st] : "unknown";
}

static void eo_format_ret(FILE *f, int64_t ret)
{
	const char *name = ret < 0 && ret >= -EO_MAX_ERRNO ? eo_errno_name((int)-ret) : NULL;

	if (name)
		fprintf(f, "-%s", name);
	else if (ret == 0)
		fputs("NULL", f);
	else
		fprintf(f, "%" PRId64, ret);
}

/* A call site line: "via" one not followed between two frames, "from" the outermost's. */
static void eo_format_site_text(FILE *f, const char *what, const struct eo_frame *fr)
{
	char site[sizeof(fr->site_sym)];

	eo_site_short(fr->site_sym, site, sizeof(site));
	fprintf(f, "      %s ", what);
	eo_text(f, site);
	fputs(fr->site_src[0] ? "   " : "", f);
	eo_text(f, fr->site_src);
	fputc('\n', f);
}

/*
 * retsnoop-like: the origin marked '!', stitched chains marked '~' on the outer frames. The
 * origin is shown by its entry, every caller at the call that received the error.
 */
static void eo_format_chain_text(FILE *f, const struct eo_event *ev)
{
	char pos[sizeof(ev->frames[0].site_sym)];
	const struct eo_frame *fr;
	const char *src;
	unsigned int i;

	if (ev->origin_status == EO_ORIGIN_OFF)
		return;
	if (ev->origin_status != EO_ORIGIN_OK) {
		fprintf(f, "    %s\n", ev->origin_status <= EO_ORIGIN_NO_SESSION &&
			eo_origin_status_text[ev->origin_status] ?
			eo_origin_status_text[ev->origin_status] : "origin unknown");
		return;
	}
	for (i = 0; i < ev->nframes; i++) {
		fr = &ev->frames[i];
		if (eo_frame_tail_call(ev, i)) {
			snprintf(pos, sizeof(pos), "%s (tail call)", fr->func);
			src = fr->src;
		} else if (!eo_frame_position(ev, i, pos, sizeof(pos), &src)) {
			if (i && ev->frames[i - 1].site_sym[0])
				eo_format_site_text(f, "via", &ev->frames[i - 1]);
			snprintf(pos, sizeof(pos), "%s", fr->func);
			src = fr->src;
		}
		fprintf(f, "    %s ", i == 0 ? "!" :
			(ev->origin_flags & EO_ORIGIN_F_STITCHED) && i == 1 ? "~" : " ");
		eo_text_col(f, pos, 40);
		fputc(' ', f);
		eo_format_ret(f, fr->ret);
		if (src[0]) {
			fputs("   ", f);
			eo_text(f, src);
		}
		fputs(i == 0 ? "   <- origin\n" : "\n", f);
	}
	if (ev->origin_flags & EO_ORIGIN_F_TRUNCATED)
		fputs("    ... (chain cut: deeper than followed)\n", f);
	else if (i && ev->frames[i - 1].site_sym[0])
		eo_format_site_text(f, "from", &ev->frames[i - 1]);
}

static const struct eo_arg_string *eo_arg_string(const struct eo_event *ev, int i)
{
	unsigned int k;

	for (k = 0; k < ev->nstrings; k++)
		if ((int)ev->strings[k].index == i)
			return &ev->strings[k];
	return NULL;
}

/* strace-like: see escape.c. */
static void eo_format_cstring(FILE *f, const char *s)
{
	fputc('"', f);
	eo_escape(f, s, EO_ESC_CSTR);
	fputc('"', f);
}

/* An ia32 call's arguments are 32-bit: the high half is not the caller's. */
static uint64_t eo_arg_value(const struct eo_event *ev, int i)
{
	return ev->abi == EO_ABI_COMPAT ? (uint32_t)ev->args[i] : ev->args[i];
}

/* One argument of a decoded call by its kind (see eo_args_shape()), strace-like. */
static void eo_format_arg_text(FILE *f, const struct eo_event *ev, int i, char kind)
{
	const struct eo_arg_string *s = kind == 's' ? eo_arg_string(ev, i) : NULL;
	uint64_t v = eo_arg_value(ev, i);
	char fd[16];

	switch (kind) {
	case 's':
		if (!s || (s->flags & EO_ARGSTR_F_FAULT))
			break;		/* not readable: the raw pointer */
		if (s->flags & EO_ARGSTR_F_NULL) {
			fputs("NULL", f);
		} else {
			eo_format_cstring(f, s->value);
			if (s->flags & EO_ARGSTR_F_TRUNCATED)
				fputs("...", f);
		}
		return;
	case 'p':
		if (!v) {
			fputs("NULL", f);
			return;
		}
		break;
	case 'o':
		fprintf(f, "%#" PRIo64, v);
		return;
	case 'd':
		eo_args_dirfd(v, fd, sizeof(fd));
		fputs(fd, f);
		return;
	case 'i':
		fprintf(f, "%d", (int)(uint32_t)v);
		return;
	case 'u':
		fprintf(f, "%" PRIu64, v);
		return;
	}
	fprintf(f, "%#" PRIx64, v);
}

/* mount("none", "/mnt/x", "tmpfs", 0x8000, NULL) when the paths were copied, else raw. */
static void eo_format_args_text(FILE *f, const struct eo_event *ev, const char *name)
{
	const char *shape = ev->nstrings ? eo_args_shape(name) : NULL;
	int i;

	for (i = 0; i < (shape ? (int)strlen(shape) : EO_NR_ARGS); i++) {
		fputs(i ? ", " : "", f);
		eo_format_arg_text(f, ev, i, shape ? shape[i] : 'x');
	}
}

void eo_format_event_text(FILE *f, const struct eo_event *ev, int64_t wall_offset)
{
	int64_t wall = (int64_t)ev->time_ns + wall_offset;
	time_t sec = wall / 1000000000LL;
	char name[64], stamp[16];
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
	fprintf(f, "%s.%06ld ", stamp, (long)(wall % 1000000000LL) / 1000);
	eo_text(f, ev->comm);
	fprintf(f, "[%u/%u] %s%s(", ev->pid, ev->tid,
		ev->abi == EO_ABI_NATIVE ? "" : ev->abi == EO_ABI_COMPAT ? "ia32:" : "x32:",
		eo_syscall_name(ev->syscall_nr, ev->abi, name, sizeof(name)));
	eo_format_args_text(f, ev, name);
	fputs(") = ", f);
	eo_format_errno(f, ev->ret);
	if (ev->cgroup[0] && strcmp(ev->cgroup, "/")) {
		fputs(" [cgroup ", f);
		eo_text(f, ev->cgroup);
		fputc(']', f);
	}
	fputc('\n', f);
	eo_format_chain_text(f, ev);
}

/*
 * "args_decoded": the paths as strings, NULL pointers as null, directory fds and ints
 * signed, the others as numbers.
 */
static void eo_format_args_json(FILE *f, const struct eo_event *ev, const char *name)
{
	const char *shape = ev->nstrings ? eo_args_shape(name) : NULL;
	const struct eo_arg_string *s;
	uint64_t v;
	int i;

	if (!shape)
		return;
	fputs(",\"args_decoded\":[", f);
	for (i = 0; shape[i]; i++) {
		fputs(i ? "," : "", f);
		s = shape[i] == 's' ? eo_arg_string(ev, i) : NULL;
		v = eo_arg_value(ev, i);
		if (s && (s->flags & EO_ARGSTR_F_NULL))
			fputs("null", f);
		else if (s && !(s->flags & EO_ARGSTR_F_FAULT))
			eo_json_string(f, s->value);
		else if (shape[i] == 'p' && !v)
			fputs("null", f);
		else if (shape[i] == 'd' || shape[i] == 'i')
			fprintf(f, "%d", (int)(uint32_t)v);
		else
			fprintf(f, "%" PRIu64, v);
	}
	fputc(']', f);
}

/*
 * Each frame: "offset" of the call that received the error, with its "src" (null and the
 * entry's line for the origin, after a tail call, or when the call came from a function not
 * followed), and "site", where the frame itself returned to.
 */
static void eo_format_frame_json(FILE *f, const struct eo_event *ev, unsigned int i)
{
	const struct eo_frame *fr = &ev->frames[i];
	char pos[sizeof(fr->site_sym)], site[sizeof(fr->site_sym)];
	const char *src = fr->src;
	bool known = eo_frame_position(ev, i, pos, sizeof(pos), &src);

	fputs("{\"func\":", f);
	eo_json_string(f, fr->func);
	fputs(",\"offset\":", f);
	if (known) {
		/* "name+0xoff [module]": the kernel's, but a string all the same */
		snprintf(site, sizeof(site), "%.*s", (int)strcspn(strchr(pos, '+') + 1, " "),
			 strchr(pos, '+') + 1);
		eo_json_string(f, site);
	} else {
		fputs("null", f);
	}
	if (src[0]) {
		fputs(",\"src\":", f);
		eo_json_string(f, src);
	}
	fprintf(f, ",\"ret\":%" PRId64, fr->ret);
	if (eo_frame_tail_call(ev, i))
		fputs(",\"tail_call\":true", f);
	if (fr->site_sym[0]) {
		eo_site_short(fr->site_sym, site, sizeof(site));
		fputs(",\"site\":", f);
		eo_json_string(f, site);
		if (fr->site_src[0]) {
			fputs(",\"site_src\":", f);
			eo_json_string(f, fr->site_src);
		}
	}
	fputc('}', f);
}

static void eo_format_chain_json(FILE *f, const struct eo_event *ev)
{
	unsigned int i;

	if (ev->origin_status == EO_ORIGIN_OFF)
		return;
	fprintf(f, ",\"origin_status\":\"%s\",\"origin\":", eo_origin_status_name(ev->origin_status));
	if (ev->origin_status == EO_ORIGIN_OK && ev->nframes)
		eo_format_frame_json(f, ev, 0);
	else
		fputs("null", f);
	fputs(",\"chain\":[", f);
	for (i = 0; ev->origin_status == EO_ORIGIN_OK && i < ev->nframes; i++) {
		fputs(i ? "," : "", f);
		eo_format_frame_json(f, ev, i);
	}
	fprintf(f, "],\"stitched\":%s,\"truncated\":%s",
		ev->origin_flags & EO_ORIGIN_F_STITCHED ? "true" : "false",
		ev->origin_flags & EO_ORIGIN_F_TRUNCATED ? "true" : "false");
}

static void eo_json_errno(FILE *f, int err)
{
	const char *name = eo_errno_name(err);

	if (name)
		eo_json_string(f, name);
	else
		fprintf(f, "\"E%d\"", err);
}

/* The values come from /proc and cgroup files, the rest from a file ERRORIGIN_HINTS may name. */
void eo_format_hint_text(FILE *f, const struct eo_hint *hint, const struct eo_hint_values *v)
{
	fputs(v->candidate ? "    candidate, full now: " : "    hint: ", f);
	eo_text(f, v->value);
	if (v->usage[0]) {
		fputs(" (", f);
		eo_text(f, hint->usage_label ? hint->usage_label : "in use");
		fputs(": ", f);
		eo_text(f, v->usage);
		fputc(')', f);
	}
	fputs(": ", f);
	eo_text(f, hint->cause);
	fputs("; ", f);
	eo_text(f, hint->fix);
	fputc('\n', f);
}

static void eo_format_hint_json(FILE *f, const struct eo_hint *hint,
				const struct eo_hint_values *v)
{
	fputs(",\"hint\":{\"id\":", f);
	eo_json_string(f, hint->id);
	fputs(",\"cause\":", f);
	eo_json_string(f, hint->cause);
	fputs(",\"limit\":", f);
	eo_json_string(f, hint->limit);
	fputs(",\"value\":", f);
	eo_json_string(f, v->value);
	fputs(",\"usage\":", f);
	if (v->usage[0])
		eo_json_string(f, v->usage);
	else
		fputs("null", f);
	fputs(",\"fix\":", f);
	eo_json_string(f, hint->fix);
	/* no origin: a limit of the errno that is full now, not the known cause */
	fprintf(f, ",\"candidate\":%s}", v->candidate ? "true" : "false");
}

void eo_format_event_json(FILE *f, const struct eo_event *ev)
{
	eo_format_event_json_hint(f, ev, NULL, NULL);
}

void eo_format_event_json_hint(FILE *f, const struct eo_event *ev, const struct eo_hint *hint,
			       const struct eo_hint_values *v)
{
	char name[64];
	int i;

	fprintf(f, "{\"seq\":%" PRIu64 ",\"time_ns\":%" PRIu64 ",\"pid\":%u,\"tid\":%u,\"comm\":",
		ev->seq, ev->time_ns, ev->pid, ev->tid);
	eo_json_string(f, ev->comm);
	fprintf(f, ",\"uid\":%u,\"cgroup_id\":%" PRIu64 ",\"cgroup\":", ev->uid, ev->cgroup_id);
	if (ev->cgroup[0])
		eo_json_string(f, ev->cgroup);
	else
		fputs("null", f);
	fputs(",\"syscall\":", f);
	eo_json_string(f, eo_syscall_name(ev->syscall_nr, ev->abi, name, sizeof(name)));
	fprintf(f, ",\"syscall_nr\":%u,\"abi\":\"%s\",\"errno\":", ev->syscall_nr,
		eo_abi_name(ev->abi));
	eo_json_errno(f, (int)-ev->ret);
	fprintf(f, ",\"ret\":%" PRId64 ",\"args\":[", ev->ret);
	for (i = 0; i < EO_NR_ARGS; i++)
		fprintf(f, "%s%" PRIu64, i ? "," : "", ev->args[i]);
	fputc(']', f);
	eo_format_args_json(f, ev, name);
	fprintf(f, ",\"cpu\":%u", ev->cpu);
	eo_format_chain_json(f, ev);
	if (hint)
		eo_format_hint_json(f, hint, v);
	fputs("}\n", f);
}

void eo_format_count_json(FILE *f, const struct eo_count *c)
{
	char name[64];

	if (c->evicted) {
		fprintf(f, "{\"evicted\":true,\"count\":%" PRIu64 "}\n", c->count);
		return;
	}
	fputs("{\"syscall\":", f);
	eo_json_string(f, eo_syscall_name(c->syscall_nr, c->abi, name, sizeof(name)));
	fputs(",\"errno\":", f);
	eo_json_errno(f, c->err);
	fprintf(f, ",\"pid\":%u,\"comm\":", c->pid);
	eo_json_string(f, c->comm);
	fprintf(f, ",\"count\":%" PRIu64, c->count);
	if (c->origin[0]) {
		fputs(",\"origin\":", f);
		eo_json_string(f, c->origin);
	}
	fputs("}\n", f);
}

void eo_format_count_header(FILE *f)
{
	fprintf(f, "%10s  %-20s %-16s %8s  %-16s %s\n", "COUNT", "SYSCALL", "ERRNO", "PID", "COMM",
		"ORIGIN");
}

void eo_format_count_text(FILE *f, const struct eo_count *c)
{
	const char *err = eo_errno_name(c->err);
	char name[64], num[16];

	if (c->evicted) {
		fprintf(f, "%10" PRIu64 "  (failures of keys evicted from full counter tables)\n",
			c->count);
		return;
	}
	if (!err) {
		snprintf(num, sizeof(num), "%u", c->err);
		err = num;
	}
	fprintf(f, "%10" PRIu64 "  %-20s %-16s %8u  ", c->count,
		eo_syscall_name(c->syscall_nr, c->abi, name, sizeof(name)), err, c->pid);
	eo_text_col(f, c->comm, 16);
	fputc(' ', f);
	eo_text(f, c->origin[0] ? c->origin : "-");
	fputc('\n', f);
}

/* Label values: \\, \" and \n escaped, and always UTF-8 (see escape.c). */
static void eo_prom_label(FILE *f, const char *name, const char *v, bool comma)
{
	fprintf(f, "%s%s=\"", comma ? "," : "", name);
	eo_escape(f, v, EO_ESC_PROM);
	fputc('"', f);
}

void eo_format_prom_header(FILE *f)
{
	fputs("# HELP errorigin_syscall_failures_total Failing syscalls counted by errorigin since its module was loaded, by syscall, errno, process name and origin function.\n"
	      "# TYPE errorigin_syscall_failures_total counter\n", f);
}

void eo_format_prom_count(FILE *f, const struct eo_count *c)
{
	char sc[64], err[32];
	const char *e = eo_errno_name(c->err);

	if (c->evicted)		/* a family of its own: eo_format_prom_evicted() */
		return;
	if (e)
		snprintf(err, sizeof(err), "%s", e);
	else
		snprintf(err, sizeof(err), "%u", c->err);
	fputs("errorigin_syscall_failures_total{", f);
	eo_prom_label(f, "syscall", eo_syscall_name(c->syscall_nr, c->abi, sc, sizeof(sc)), false);
	eo_prom_label(f, "errno", err, true);
	eo_prom_label(f, "comm", c->comm, true);
	eo_prom_label(f, "origin", c->origin, true);
	fprintf(f, "} %" PRIu64 "\n", c->count);
}

void eo_format_prom_evicted(FILE *f, uint64_t count)
{
	fprintf(f, "# HELP errorigin_syscall_failures_evicted_total Failures counted under keys "
		"that full counter tables evicted since.\n"
		"# TYPE errorigin_syscall_failures_evicted_total counter\n"
		"errorigin_syscall_failures_evicted_total %" PRIu64 "\n", count);
}

void eo_format_prom_family(FILE *f, const char *name, const char *help, const char *label,
			   const char *const *values, const uint64_t *counts, size_t n)
{
	size_t i;

	fprintf(f, "# HELP %s %s\n# TYPE %s counter\n", name, help, name);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s{", name);
		eo_prom_label(f, label, values[i], false);
		fprintf(f, "} %" PRIu64 "\n", counts[i]);
	}
}
