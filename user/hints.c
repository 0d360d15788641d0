// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cgroup.h"
#include "hints.h"
#include "names.h"
#include "util.h"

static char *eo_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && strchr(" \t\r\n", end[-1]))
		*--end = '\0';
	return s;
}

/* Splits "a,b, c" into a new array of strings. */
static int eo_split(const char *list, char ***out, size_t *n)
{
	char *copy = strdup(list), *save, *tok;
	size_t cap = *n;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok = eo_trim(tok);
		if (!*tok)
			continue;
		if (eo_grow(out, &cap, *n, sizeof(**out)) || !((*out)[*n] = strdup(tok))) {
			free(copy);
			return -1;
		}
		(*n)++;
	}
	free(copy);
	return 0;
}

static int eo_hint_key(struct eo_hint *e, const char *key, const char *val)
{
	char **texts[] = { &e->cause, &e->limit, &e->value, &e->usage, &e->usage_label, &e->fix };
	static const char *const names[] = { "cause", "limit", "value", "usage", "usage_label",
					     "fix" };
	char **errs = NULL;
	size_t i, n = 0, cap = 0;
	int err;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(key, names[i]))
			continue;
		free(*texts[i]);
		*texts[i] = strdup(val);
		return *texts[i] ? 0 : -1;
	}
	if (!strcmp(key, "origin"))
		return eo_split(val, &e->origins, &e->norigins);
	if (!strcmp(key, "syscall"))
		return eo_split(val, &e->syscalls, &e->nsyscalls);
	if (strcmp(key, "errno"))
		return -1;
	if (eo_split(val, &errs, &n))
		return -1;
	cap = e->nerrnos;
	for (i = 0, err = 0; i < n; i++) {
		int v = eo_errno_parse(errs[i]);

		if (v <= 0 || eo_grow(&e->errnos, &cap, e->nerrnos, sizeof(*e->errnos)))
			err = -1;
		else
			e->errnos[e->nerrnos++] = v;
		free(errs[i]);
	}
	free(errs);
	return err;
}

/* An entry must say what it matches and what it tells. */
static const char *eo_hint_incomplete(const struct eo_hint *e)
{
	if (!e->norigins && !e->nsyscalls)
		return "needs an origin or a syscall";
	if (!e->cause || !e->limit || !e->value || !e->fix)
		return "needs cause, limit, value and fix";
	if (strncmp(e->value, "sysctl ", 7) && strncmp(e->value, "rlimit ", 7) &&
	    strncmp(e->value, "cgroup ", 7) && strncmp(e->value, "file ", 5))
		return "value must be 'sysctl NAME', 'rlimit NAME', 'cgroup FILE' or 'file PATH'";
	return NULL;
}

int eo_hints_parse(FILE *f, const char *path, struct eo_hints *h)
{
	char line[1024], *p, *eq;
	unsigned int lineno = 0;
	struct eo_hint *cur = NULL;
	const char *why;

	while (fgets(line, sizeof(line), f)) {
		lineno++;
		p = eo_trim(line);
		if (!*p || *p == '#')
			continue;
		if (*p == '[') {
			if (cur && (why = eo_hint_incomplete(cur)))
				return eo_err("hints", "%s:%u: [%s] %s", path, cur->line, cur->id, why);
			p[strcspn(p, "]")] = '\0';
			if (eo_grow(&h->items, &h->cap, h->n, sizeof(*h->items)))
				return eo_err("hints", "out of memory");
			cur = &h->items[h->n++];
			memset(cur, 0, sizeof(*cur));
			cur->line = lineno;
			cur->id = strdup(p + 1);
			continue;
		}
		eq = strchr(p, '=');
		if (!cur || !eq)
			return eo_err("hints", "%s:%u: expected '[id]' or 'key = value'", path, lineno);
		*eq = '\0';
		if (eo_hint_key(cur, eo_trim(p), eo_trim(eq + 1)))
			return eo_err("hints", "%s:%u: unknown key '%s' or bad value", path, lineno,
				      eo_trim(p));
	}
	if (cur && (why = eo_hint_incomplete(cur)))
		return eo_err("hints", "%s:%u: [%s] %s", path, cur->line, cur->id, why);
	return 0;
}

int eo_hints_load(struct eo_hints *h)
{
	char exe[PATH_MAX], cand[5][PATH_MAX + 64];
	const char *env = getenv("ERRORIGIN_HINTS");
	ssize_t len;
	size_t i, n = 0;
	FILE *f;
	int ret;

	memset(h, 0, sizeof(*h));
	if (env && *env) {
		snprintf(cand[n++], sizeof(cand[0]), "%s", env);
	} else {
		len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (len > 0) {
			exe[len] = '\0';
			*strrchr(exe, '/') = '\0';
			snprintf(cand[n++], sizeof(cand[0]), "%s/../share/errorigin/limits.hints", exe);
			snprintf(cand[n++], sizeof(cand[0]), "%s/../hints/limits.hints", exe);
		}
		snprintf(cand[n++], sizeof(cand[0]), "/usr/local/share/errorigin/limits.hints");
		snprintf(cand[n++], sizeof(cand[0]), "/usr/share/errorigin/limits.hints");
	}
	for (i = 0; i < n; i++) {
		f = fopen(cand[i], "r");
		if (!f)
			continue;
		snprintf(h->path, sizeof(h->path), "%.500s", cand[i]);
		ret = eo_hints_parse(f, cand[i], h);
		fclose(f);
		if (ret)
			eo_hints_free(h);
		return ret;
	}
	return -1;
}

static void eo_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void eo_hints_free(struct eo_hints *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		struct eo_hint *e = &h->items[i];

		free(e->id);
		free(e->cause);
		free(e->limit);
		free(e->value);
		free(e->usage);
		free(e->usage_label);
		free(e->fix);
		eo_strv_free(e->origins, e->norigins);
		eo_strv_free(e->syscalls, e->nsyscalls);
		free(e->errnos);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

static bool eo_hint_matches(const struct eo_hint *e, const char *origin, const char *syscall,
			    int err, bool any_origin)
{
	char name[256];
	size_t i;
	bool ok;

	if (e->norigins && !any_origin) {
		if (!origin)
			return false;
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(origin, " "), origin);
		for (i = 0, ok = false; i < e->norigins && !ok; i++)
			ok = !fnmatch(e->origins[i], name, 0);
		if (!ok)
			return false;
	}
	if (e->nsyscalls) {
		for (i = 0, ok = false; syscall && i < e->nsyscalls && !ok; i++)
			ok = !strcmp(e->syscalls[i], syscall);
		if (!ok)
			return false;
	}
	if (e->nerrnos) {
		for (i = 0, ok = false; i < e->nerrnos && !ok; i++)
			ok = e->errnos[i] == err;
		if (!ok)
			return false;
	}
	return true;
}

size_t eo_hints_match(const struct eo_hints *h, const char *origin, const char *syscall, int err,
		      const struct eo_hint **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < h->n; i++)
		if (eo_hint_matches(&h->items[i], origin, syscall, err, false) && n < max)
			out[n++] = &h->items[i];
	return n;
}

size_t eo_hints_candidates(const struct eo_hints *h, const char *syscall, int err,
			   const struct eo_hint **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < h->n; i++)
		if (h->items[i].norigins && h->items[i].nerrnos &&
		    eo_hint_matches(&h->items[i], NULL, syscall, err, true) && n < max)
			out[n++] = &h->items[i];
	return n;
}

/* "/proc/PID/x" with the failing process's pid */
static void eo_hint_path(const char *tmpl, uint32_t pid, char *buf, size_t len)
{
	const char *at = strstr(tmpl, "PID");

	if (at)
		snprintf(buf, len, "%.*s%u%s", (int)(at - tmpl), tmpl, pid, at + 3);
	else
		snprintf(buf, len, "%s", tmpl);
}

static int eo_first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	char *p;

	if (!f)
		return -1;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	p = eo_trim(buf);
	memmove(buf, p, strlen(p) + 1);
	for (p = buf; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return 0;
}

/* Lines of a file, or entries of a directory. */
static long eo_count(const char *path)
{
	struct dirent *d;
	long n = 0;
	DIR *dir = opendir(path);
	FILE *f;
	int c;

	if (dir) {
		while ((d = readdir(dir)))
			n += d->d_name[0] != '.';
		closedir(dir);
		return n;
	}
	f = fopen(path, "r");
	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static const struct {
	const char *name, *label;
} eo_rlimits[] = {
	{ "NOFILE", "Max open files" }, { "NPROC", "Max processes" },
	{ "MEMLOCK", "Max locked memory" }, { "AS", "Max address space" },
	{ "STACK", "Max stack size" }, { "FSIZE", "Max file size" },
	{ "MSGQUEUE", "Max msgqueue size" }, { "SIGPENDING", "Max pending signals" },
};

static void eo_read_rlimit(const char *name, uint32_t pid, char *buf, size_t len)
{
	char path[64], line[256], soft[32], hard[32];
	const char *label = NULL;
	size_t i;
	FILE *f;

	for (i = 0; i < sizeof(eo_rlimits) / sizeof(eo_rlimits[0]); i++)
		if (!strcmp(eo_rlimits[i].name, name))
			label = eo_rlimits[i].label;
	snprintf(path, sizeof(path), "/proc/%u/limits", pid);
	f = pid && label ? fopen(path, "r") : NULL;
	if (!f) {
		snprintf(buf, len, "RLIMIT_%s of process %u: unknown (it has exited)", name, pid);
		return;
	}
	snprintf(buf, len, "RLIMIT_%s of process %u: not listed", name, pid);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, label, strlen(label)) &&
		    sscanf(line + strlen(label), "%31s %31s", soft, hard) == 2) {
			snprintf(buf, len, "RLIMIT_%s of process %u = %s (hard %s)", name, pid, soft,
				 hard);
			break;
		}
	fclose(f);
}

/* One "KIND ARG" reading: the value as "NAME = VALUE", or the usage as a plain value. */
static void eo_hint_source(const char *src, bool named, uint32_t pid, uint64_t cgroup_id,
			   char *buf, size_t len)
{
	char path[PATH_MAX + 64], val[192], dir[PATH_MAX];
	const char *arg = strchr(src, ' ');
	long n;

	arg = arg ? eo_trim((char *)arg) : "";
	val[0] = '\0';
	if (!strncmp(src, "sysctl ", 7)) {
		char *p;

		snprintf(path, sizeof(path), "/proc/sys/%s", arg);
		for (p = path + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		if (eo_first_line(path, val, sizeof(val)))
			snprintf(val, sizeof(val), "unreadable (%s)", strerror(errno));
		snprintf(buf, len, named ? "%s = %s" : "%s%s", named ? arg : "", val);
	} else if (!strncmp(src, "rlimit ", 7)) {
		eo_read_rlimit(arg, pid, buf, len);
	} else if (!strncmp(src, "cgroup ", 7)) {
		if (eo_cgroup_dir(pid, cgroup_id, dir, sizeof(dir))) {
			snprintf(buf, len, "%s: the task's cgroup is gone", arg);
			return;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, arg);
		if (eo_first_line(path, val, sizeof(val)))
			snprintf(val, sizeof(val), "unreadable (%s)", strerror(errno));
		if (named) {
			const char *rel = dir + strlen("/sys/fs/cgroup");

			snprintf(buf, len, "%s of %.150s = %s", arg, *rel ? rel : "/", val);
		} else
			snprintf(buf, len, "%s", val);
	} else if (!strncmp(src, "lines ", 6)) {
		eo_hint_path(arg, pid, path, sizeof(path));
		n = eo_count(path);
		if (n >= 0) {
			snprintf(buf, len, "%ld", n);
			return;
		}
		/* the process is gone: what errorigin itself sees, and said so */
		eo_hint_path(arg, getpid(), path, sizeof(path));
		n = strstr(arg, "PID") ? eo_count(path) : -1;
		if (n >= 0)
			snprintf(buf, len, "%ld as errorigin sees it, process %u has exited", n, pid);
		else
			snprintf(buf, len, "unknown (%.150s: %s)", path, strerror(errno));
	} else {	/* file PATH */
		eo_hint_path(arg, pid, path, sizeof(path));
		if (eo_first_line(path, val, sizeof(val)))
			snprintf(val, sizeof(val), "unreadable (%s)", strerror(errno));
		snprintf(buf, len, named ? "%s = %s" : "%s%s", named ? path : "", val);
	}
}

void eo_hint_read(const struct eo_hint *hint, uint32_t pid, uint64_t cgroup_id,
		  struct eo_hint_values *v)
{
	eo_hint_source(hint->value, true, pid, cgroup_id, v->value, sizeof(v->value));
	v->usage[0] = '\0';
	v->candidate = false;
	if (hint->usage)
		eo_hint_source(hint->usage, false, pid, cgroup_id, v->usage, sizeof(v->usage));
}

bool eo_hint_full(const struct eo_hint_values *v)
{
	const char *eq = strstr(v->value, " = ");
	char *end;
	long limit, used;

	if (!eq || !v->usage[0])
		return false;
	limit = strtol(eq + 3, &end, 10);
	if (end == eq + 3)
		return false;
	used = strtol(v->usage, &end, 10);
	return end != v->usage && used >= limit;
}

static int eo_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t eo_hints_check(const struct eo_hints *h, FILE *out, bool status_line)
{
	char line[512], **names = NULL, *key;
	size_t i, j, n = 0, cap = 0, stale = 0;
	FILE *f = fopen("/sys/kernel/tracing/available_filter_functions", "r");

	if (!f)
		f = fopen("/sys/kernel/debug/tracing/available_filter_functions", "r");
	if (!f)
		return 0;	/* nothing to check against: say nothing rather than guess */
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \n")] = '\0';
		if (eo_grow(&names, &cap, n, sizeof(*names)) || !(names[n] = strdup(line)))
			break;
		n++;
	}
	fclose(f);
	qsort(names, n, sizeof(*names), eo_name_cmp);
	for (i = 0; i < h->n; i++) {
		const struct eo_hint *e = &h->items[i];

		for (j = 0; j < e->norigins; j++) {
			key = e->origins[j];
			if (strpbrk(key, "*?[") ||
			    bsearch(&key, names, n, sizeof(*names), eo_name_cmp))
				continue;
			if (!stale++)
				fprintf(out, status_line ?
					"hints:     %s: not traceable here (inlined, renamed or gone), never an origin:" :
					"errorigin: hints: %s names functions this kernel cannot trace (inlined, renamed or gone), so they never match an origin:",
					h->path);
			fprintf(out, " %s (%s)", key, e->id);
		}
	}
	if (stale)
		fputc('\n', out);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return stale;
}
