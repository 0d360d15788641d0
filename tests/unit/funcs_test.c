// SPDX-License-Identifier: GPL-2.0
/* Function selection: the deny list, return classes from BTF kinds, -f list parsing. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include "funcs.h"
#include "tap.h"

/* fnmatch() over every glob: what the split matcher must agree with */
static bool denied_by_fnmatch(const char *name)
{
	const char *const *g;
	size_t n, i;

	g = eo_funcs_deny_globs(&n);
	for (i = 0; i < n; i++)
		if (!fnmatch(g[i], name, 0))
			return true;
	return false;
}

/* Names made from each glob's core: alone, with text around it, and cut short. */
static void test_deny_matcher(void)
{
	static const char *const around[][2] = {
		{ "", "" }, { "x_", "" }, { "", "_y" }, { "__", "_slow" }, { "a", "b" },
	};
	const char *const *g;
	char core[160], name[200];
	size_t n, i, j, len, agree = 0, tried = 0;

	g = eo_funcs_deny_globs(&n);
	for (i = 0; i < n; i++) {
		len = strlen(g[i]);
		snprintf(core, sizeof(core), "%.*s", (int)(len - (g[i][0] == '*') -
			 (len > 1 && g[i][len - 1] == '*')), g[i] + (g[i][0] == '*'));
		for (j = 0; j < sizeof(around) / sizeof(around[0]); j++) {
			snprintf(name, sizeof(name), "%s%s%s", around[j][0], core, around[j][1]);
			agree += eo_funcs_denied(name) == denied_by_fnmatch(name);
			tried++;
			if (strlen(core) > 1) {
				snprintf(name, sizeof(name), "%s%.*s%s", around[j][0],
					 (int)strlen(core) - 1, core, around[j][1]);
				agree += eo_funcs_denied(name) == denied_by_fnmatch(name);
				tried++;
			}
		}
	}
	snprintf(name, sizeof(name), "deny list: the split matcher agrees with fnmatch on %zu names made from its globs (%zu)",
		 tried, agree);
	ok(agree == tried && tried > 500, name);
}

void test_funcs(void)
{
	char **p = NULL;
	size_t n = 0, i;

	ok(eo_funcs_denied("_raw_spin_lock") && eo_funcs_denied("mutex_lock") &&
	   eo_funcs_denied("rcu_read_unlock_strict") && eo_funcs_denied("__schedule") &&
	   eo_funcs_denied("kmalloc_trace") && eo_funcs_denied("netlink_broadcast") &&
	   eo_funcs_denied("vprintk_emit") && eo_funcs_denied("ftrace_ops_list_func") &&
	   eo_funcs_denied("from_kuid_munged"), "deny list: locking, RCU, scheduler, allocator, netlink, printk, tracing, our own callees");
	ok(!eo_funcs_denied("count_mounts") && !eo_funcs_denied("do_sys_openat2") &&
	   !eo_funcs_denied("path_mount") && !eo_funcs_denied("alloc_fd"),
	   "deny list keeps ordinary kernel functions");
	test_deny_matcher();
	ok(eo_funcs_class_of(BTF_KIND_INT, 4, true, false) == EO_RET_INT, "int returns are class int");
	ok(eo_funcs_class_of(BTF_KIND_INT, 8, true, false) == EO_RET_LONG, "long returns are class long");
	ok(eo_funcs_class_of(BTF_KIND_PTR, 8, true, false) == EO_RET_PTR, "pointers are class pointer");
	ok(eo_funcs_class_of(BTF_KIND_INT, 1, false, true) < 0 &&
	   eo_funcs_class_of(BTF_KIND_INT, 4, false, false) < 0 &&
	   eo_funcs_class_of(BTF_KIND_INT, 2, true, false) < 0 &&
	   eo_funcs_class_of(0, 0, false, false) < 0, "bool, unsigned int, small and void cannot fail");
	ok(eo_funcs_class_of(BTF_KIND_INT, 8, false, false) == EO_RET_LONG,
	   "unsigned long returns are class long (do_mmap's IS_ERR_VALUE)");
	ok(eo_funcs_class_of(BTF_KIND_ENUM, 4, true, false) == EO_RET_INT, "enums are read as int");
	ok(!eo_funcs_add_list(&p, &n, "path_mount, *mnt* ,,count_mounts") && n == 3 &&
	   !strcmp(p[0], "path_mount") && !strcmp(p[1], "*mnt*") && !strcmp(p[2], "count_mounts"),
	   "-f list: commas, blanks and empty items");
	for (i = 0; i < n; i++)
		free(p[i]);
	free(p);
}
