// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "names.h"
#include "profile.h"
#include "util.h"

static const char *const eo_class_names[] = {
	[EO_RET_LONG] = "long",
	[EO_RET_INT] = "int",
	[EO_RET_PTR] = "ptr",
};

const char *eo_class_name(uint8_t class)
{
	return class < __EO_RET_MAX ? eo_class_names[class] : "long";
}

int eo_class_parse(const char *s)
{
	int i;

	for (i = 0; i < __EO_RET_MAX; i++)
		if (!strcmp(s, eo_class_names[i]))
			return i;
	return -1;
}

int eo_profile_write(const char *path, const char *release, const struct eo_pair *pairs,
		     const struct eo_func_set *sets, size_t n)
{
	char tmp[4096];
	size_t i, j;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return eo_err("--save-profile", "%s: %s", tmp, strerror(errno));
	fprintf(f, "# errorigin profile: kernel functions to follow, learned from failing syscalls\n"
		   "release %s\n", release);
	for (i = 0; i < n; i++) {
		const char *e = eo_errno_name(pairs[i].err);
		char sc[64];

		eo_syscall_name(pairs[i].nr, pairs[i].abi, sc, sizeof(sc));
		fprintf(f, "pair %s %s ", eo_abi_name(pairs[i].abi), sc);
		if (e)
			fprintf(f, "%s\n", e);
		else
			fprintf(f, "%u\n", pairs[i].err);
		for (j = 0; j < sets[i].n; j++) {
			const struct eo_func *fn = &sets[i].items[j];

			fprintf(f, "%s %s%s%s\n", fn->name, eo_class_name(fn->class),
				fn->module ? " " : "", fn->module ? fn->module : "");
		}
	}
	if (fclose(f) || rename(tmp, path)) {
		remove(tmp);
		return eo_err("--save-profile", "%s: %s", path, strerror(errno));
	}
	return 0;
}

static int eo_profile_pair(struct eo_profile *p, char *abi, char *sc, char *err)
{
	struct eo_profile_pair *pp;
	int compat, nr, e;

	if (!abi || !sc || !err || p->npairs == EO_PROFILE_MAX_PAIRS)
		return -1;
	compat = !strcmp(abi, "ia32");
	if (!compat && strcmp(abi, "x86_64") && strcmp(abi, "native"))
		return -1;
	nr = eo_syscall_parse(sc, compat);
	e = eo_errno_parse(err);
	if (nr < 0 || e <= 0 || eo_grow(&p->pairs, &p->cap, p->npairs, sizeof(*p->pairs)))
		return -1;
	pp = &p->pairs[p->npairs++];
	memset(pp, 0, sizeof(*pp));
	pp->key.nr = nr;
	pp->key.abi = compat ? EO_ABI_COMPAT : EO_ABI_NATIVE;
	pp->key.err = e;
	return 0;
}

static int eo_profile_func(struct eo_profile *p, char *name, char *class)
{
	struct eo_profile_pair *pp;
	size_t cap;
	int c = EO_CLASS_UNKNOWN;

	if (!p->npairs || !name || (class && (c = eo_class_parse(class)) < 0))
		return -1;
	pp = &p->pairs[p->npairs - 1];
	cap = pp->n;
	if (eo_grow(&pp->names, &cap, pp->n, sizeof(*pp->names)))
		return -1;
	cap = pp->n;
	if (eo_grow(&pp->classes, &cap, pp->n, sizeof(*pp->classes)))
		return -1;
	pp->names[pp->n] = strdup(name);
	if (!pp->names[pp->n])
		return -1;
	pp->classes[pp->n++] = c;
	return 0;
}

int eo_profile_parse(FILE *f, const char *path, struct eo_profile *p)
{
	char line[512], *save, *w[4];
	unsigned int lineno = 0, i;
	int ret = 0;

	memset(p, 0, sizeof(*p));
	while (!ret && fgets(line, sizeof(line), f)) {
		lineno++;
		w[0] = strtok_r(line, " \t\r\n", &save);
		if (!w[0] || *w[0] == '#')
			continue;
		for (i = 1; i < 4; i++)
			w[i] = strtok_r(NULL, " \t\r\n", &save);
		if (!strcmp(w[0], "release"))
			ret = w[1] ? (snprintf(p->release, sizeof(p->release), "%s", w[1]), 0) : -1;
		else if (!strcmp(w[0], "pair"))
			ret = eo_profile_pair(p, w[1], w[2], w[3]);
		else
			ret = eo_profile_func(p, w[0], w[1]);
	}
	if (ret) {
		eo_profile_free(p);
		return eo_err("--profile", "%s:%u: expected 'release R', 'pair ABI SYSCALL ERRNO' or 'FUNCTION [long|int|ptr [MODULE]]' after a pair line",
			      path, lineno);
	}
	if (!p->npairs)
		return eo_err("--profile", "%s: no 'pair' section", path);
	return 0;
}

int eo_profile_read(const char *path, struct eo_profile *p)
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f)
		return eo_err("--profile", "%s: %s", path, strerror(errno));
	ret = eo_profile_parse(f, path, p);
	fclose(f);
	return ret;
}

void eo_profile_free(struct eo_profile *p)
{
	size_t i, j;

	for (i = 0; i < p->npairs; i++) {
		for (j = 0; j < p->pairs[i].n; j++)
			free(p->pairs[i].names[j]);
		free(p->pairs[i].names);
		free(p->pairs[i].classes);
	}
	free(p->pairs);
	memset(p, 0, sizeof(*p));
}
