/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Profiles found without being named: the stock ones shipped for the kernels the project is
 * tested on (share/errorigin/profiles/RELEASE.profile), of which the running kernel's is
 * picked, and the user's own (profiles saved into /etc/errorigin/profiles), all merged.
 */
#ifndef EO_STOCK_PROFILES_H
#define EO_STOCK_PROFILES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Which of @n file names serves kernel @release: "RELEASE.profile" itself, else the newest of
 * the same line (major.minor) and flavour (what follows the last '-'), whose functions are
 * then resolved by name. Its index, or -1; *@exact tells which. Pure: unit-tested.
 */
int eo_profile_pick(char *const *names, size_t n, const char *release, bool *exact);
/*
 * The stock profile for @release into @path: 1 for its exact release, 0 for one of the same
 * line, -1 when there is none. ERRORIGIN_PROFILES names the directory, else it is looked
 * for beside the binary (../share/errorigin/profiles) and under /usr/local/share and
 * /usr/share.
 */
int eo_stock_profile_find(const char *release, char *path, size_t len);
/*
 * The user's profiles (every *.profile of ERRORIGIN_USER_PROFILES, else of
 * /etc/errorigin/profiles), sorted; the caller frees each path and the array.
 */
int eo_user_profiles(char ***paths, size_t *n);

#endif
