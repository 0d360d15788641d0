// SPDX-License-Identifier: GPL-2.0
/* Function selection: the deny list, return classes from BTF kinds, -f list parsing. */
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include "funcs.h"
#include "tap.h"

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
	ok(eo_funcs_class_of(BTF_KIND_INT, 4, true, false) == EO_RET_INT, "int returns are class int");
	ok(eo_funcs_class_of(BTF_KIND_INT, 8, true, false) == EO_RET_LONG, "long returns are class long");
	ok(eo_funcs_class_of(BTF_KIND_PTR, 8, true, false) == EO_RET_PTR, "pointers are class pointer");
	ok(eo_funcs_class_of(BTF_KIND_INT, 1, false, true) < 0 &&
	   eo_funcs_class_of(BTF_KIND_INT, 8, false, false) < 0 &&
	   eo_funcs_class_of(BTF_KIND_INT, 2, true, false) < 0 &&
	   eo_funcs_class_of(0, 0, false, false) < 0, "bool, unsigned, small and void cannot fail");
	ok(eo_funcs_class_of(BTF_KIND_ENUM, 4, true, false) == EO_RET_INT, "enums are read as int");
	ok(!eo_funcs_add_list(&p, &n, "path_mount, *mnt* ,,count_mounts") && n == 3 &&
	   !strcmp(p[0], "path_mount") && !strcmp(p[1], "*mnt*") && !strcmp(p[2], "count_mounts"),
	   "-f list: commas, blanks and empty items");
	for (i = 0; i < n; i++)
		free(p[i]);
	free(p);
}
