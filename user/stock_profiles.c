// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stock_profiles.h"
#include "util.h"

#define EO_PROFILE_SUFFIX ".profile"

/* "6.12.95+deb12-amd64": line "6.12." (with its dot: 6.1 is not 6.12), flavour "amd64" */
static bool eo_release_split(const char *rel, size_t len, size_t *line, const char **flavour,
			     size_t *flen)
{
	const char *dot = memchr(rel, '.', len), *dash;

	dot = dot ? memchr(dot + 1, '.', len - (dot + 1 - rel)) : NULL;
	if (!dot)
		return false;
	*line = dot + 1 - rel;
	dash = memrchr(rel, '-', len);
	*flavour = dash ? dash + 1 : rel + len;
	*flen = rel + len - *flavour;
	return true;
}

int eo_profile_pick(char *const *names, size_t n, const char *release, bool *exact)
{
	size_t i, rlen = strlen(release), sl = strlen(EO_PROFILE_SUFFIX), line, fl, nline, nfl;
	const char *flavour, *nflavour;
	int best = -1;

	*exact = false;
	for (i = 0; i < n; i++)
		if (strlen(names[i]) == rlen + sl && !strncmp(names[i], release, rlen) &&
		    !strcmp(names[i] + rlen, EO_PROFILE_SUFFIX)) {
			*exact = true;
			return (int)i;
		}
	if (!eo_release_split(release, rlen, &line, &flavour, &fl))
		return -1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		if (len <= sl || strcmp(names[i] + len - sl, EO_PROFILE_SUFFIX))
			continue;
		len -= sl;
		if (!eo_release_split(names[i], len, &nline, &nflavour, &nfl) || nline != line ||
		    strncmp(names[i], release, line) || nfl != fl || strncmp(nflavour, flavour, fl))
			continue;
		/* "6.12.95" after "6.12.9": compared as versions */
		if (best < 0 || strverscmp(names[i], names[best]) > 0)
			best = (int)i;
	}
	return best;
}

/* The *.profile names of @dir, sorted; 0 with none when it cannot be read. */
static int eo_profiles_list(const char *dir, char ***names, size_t *n)
{
	struct dirent **ents;
	size_t sl = strlen(EO_PROFILE_SUFFIX), cap = 0;
	int i, m;

	*names = NULL;
	*n = 0;
	m = scandir(dir, &ents, NULL, alphasort);
	if (m < 0)
		return 0;
	for (i = 0; i < m; i++) {
		size_t len = strlen(ents[i]->d_name);

		char *name;

		if (len > sl && !strcmp(ents[i]->d_name + len - sl, EO_PROFILE_SUFFIX) &&
		    !eo_grow(names, &cap, *n, sizeof(**names)) && (name = strdup(ents[i]->d_name)))
			(*names)[(*n)++] = name;
		free(ents[i]);
	}
	free(ents);
	return 0;
}

static void eo_names_free(char **names, size_t n)
{
	while (n)
		free(names[--n]);
	free(names);
}

int eo_stock_profile_find(const char *release, char *path, size_t len)
{
	char exe[PATH_MAX], dirs[4][PATH_MAX + 64];
	const char *env = getenv("ERRORIGIN_PROFILES");
	size_t i, n = 0, nnames;
	char **names;
	ssize_t l;
	bool exact;
	int pick;

	if (env) {
		if (!*env)	/* set empty: no stock profiles */
			return -1;
		snprintf(dirs[n++], sizeof(dirs[0]), "%s", env);
	} else {
		l = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (l > 0) {
			exe[l] = '\0';
			*strrchr(exe, '/') = '\0';
			snprintf(dirs[n++], sizeof(dirs[0]), "%s/../share/errorigin/profiles", exe);
		}
		snprintf(dirs[n++], sizeof(dirs[0]), "/usr/local/share/errorigin/profiles");
		snprintf(dirs[n++], sizeof(dirs[0]), "/usr/share/errorigin/profiles");
	}
	/* the first directory that holds profiles at all is the installation's */
	for (i = 0; i < n; i++) {
		eo_profiles_list(dirs[i], &names, &nnames);
		if (!nnames) {
			free(names);
			continue;
		}
		pick = eo_profile_pick(names, nnames, release, &exact);
		if (pick >= 0)
			snprintf(path, len, "%s/%s", dirs[i], names[pick]);
		eo_names_free(names, nnames);
		return pick < 0 ? -1 : exact;
	}
	return -1;
}

int eo_user_profiles(char ***paths, size_t *n)
{
	const char *env = getenv("ERRORIGIN_USER_PROFILES");
	const char *dir = env ? env : "/etc/errorigin/profiles";
	char **names;
	size_t i;

	*paths = NULL;
	*n = 0;
	if (!*dir)
		return 0;
	eo_profiles_list(dir, &names, n);
	for (i = 0; i < *n; i++) {
		char *p;

		if (asprintf(&p, "%s/%s", dir, names[i]) < 0) {
			eo_names_free(names, *n);
			*n = 0;
			return eo_err("profiles", "out of memory");
		}
		free(names[i]);
		names[i] = p;
	}
	*paths = names;
	return 0;
}
