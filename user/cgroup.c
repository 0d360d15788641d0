// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cgroup.h"

#define EO_CGROUP_ROOT "/sys/fs/cgroup"
#define EO_CGROUP_CACHE 64

static struct {
	uint64_t id;
	char path[256];
} eo_cg_cache[EO_CGROUP_CACHE];
static unsigned int eo_cg_next;

/* nftw has no argument for its callback */
static uint64_t eo_cg_want;
static char eo_cg_found[PATH_MAX];

static int eo_cg_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	if (type != FTW_D || (uint64_t)st->st_ino != eo_cg_want)
		return 0;
	snprintf(eo_cg_found, sizeof(eo_cg_found), "%s", path);
	return 1;
}

static const char *eo_cgroup_find(uint64_t id)
{
	eo_cg_want = id;
	eo_cg_found[0] = '\0';
	nftw(EO_CGROUP_ROOT, eo_cg_visit, 16, FTW_PHYS | FTW_MOUNT);
	return eo_cg_found[0] ? eo_cg_found : NULL;
}

const char *eo_cgroup_path(uint64_t id)
{
	const char *dir, *rel;
	unsigned int i;

	if (!id)
		return "";
	for (i = 0; i < EO_CGROUP_CACHE; i++)
		if (eo_cg_cache[i].id == id)
			return eo_cg_cache[i].path;
	dir = eo_cgroup_find(id);
	if (!dir)
		return "";	/* not cached: it may appear, or be another hierarchy's id */
	rel = dir + strlen(EO_CGROUP_ROOT);
	i = eo_cg_next++ % EO_CGROUP_CACHE;
	eo_cg_cache[i].id = id;
	snprintf(eo_cg_cache[i].path, sizeof(eo_cg_cache[i].path), "%.250s", *rel ? rel : "/");
	return eo_cg_cache[i].path;
}

int eo_cgroup_dir(uint32_t pid, uint64_t id, char *buf, size_t len)
{
	char path[64], line[PATH_MAX];
	const char *dir;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/cgroup", pid);
	f = pid ? fopen(path, "r") : NULL;
	if (f) {
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "0::", 3)) {
				line[strcspn(line, "\n")] = '\0';
				snprintf(buf, len, "%s%s", EO_CGROUP_ROOT, line + 3);
				fclose(f);
				return 0;
			}
		fclose(f);
	}
	dir = id ? eo_cgroup_find(id) : NULL;
	if (!dir)
		return -1;
	snprintf(buf, len, "%s", dir);
	return 0;
}
