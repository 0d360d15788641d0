// SPDX-License-Identifier: GPL-2.0
/* Return classes of many functions at once, from one pass over a BTF built here. */
#include <bpf/btf.h>
#include <linux/btf.h>
#include <linux/errorigin.h>
#include "btf_classes.h"
#include "tap.h"

static void add_func(struct btf *btf, const char *name, int ret_type)
{
	int proto = btf__add_func_proto(btf, ret_type);

	btf__add_func(btf, name, BTF_FUNC_GLOBAL, proto);
}

void test_btf_classes(void)
{
	struct btf *btf = btf__new_empty();
	struct eo_btf_classes c;
	int i32, u32, i64, u64, boolean, ptr, tdef;

	i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	u32 = btf__add_int(btf, "unsigned int", 4, 0);
	i64 = btf__add_int(btf, "long", 8, BTF_INT_SIGNED);
	u64 = btf__add_int(btf, "unsigned long", 8, 0);
	boolean = btf__add_int(btf, "_Bool", 1, BTF_INT_BOOL);
	ptr = btf__add_ptr(btf, i32);
	tdef = btf__add_typedef(btf, "ssize_t", i64);
	add_func(btf, "count_mounts", i32);
	add_func(btf, "ksys_write", tdef);
	add_func(btf, "do_mmap", u64);
	add_func(btf, "kmalloc_like", ptr);
	add_func(btf, "sweep", 0);
	add_func(btf, "is_ok", boolean);
	add_func(btf, "hash_of", u32);
	add_func(btf, "attach_recursive_mnt", i32);
	eo_btf_classes_init_from(&c, btf);
	ok(c.nv == 8, "btf classes: every function type indexed in one pass");
	ok(eo_btf_classes_of(&c, "count_mounts", NULL) == EO_RET_INT, "btf classes: int");
	ok(eo_btf_classes_of(&c, "ksys_write", "") == EO_RET_LONG,
	   "btf classes: a typedef of long is long");
	ok(eo_btf_classes_of(&c, "do_mmap", NULL) == EO_RET_LONG,
	   "btf classes: unsigned long can fail (IS_ERR_VALUE addresses)");
	ok(eo_btf_classes_of(&c, "kmalloc_like", NULL) == EO_RET_PTR, "btf classes: pointer");
	ok(eo_btf_classes_of(&c, "sweep", NULL) < 0 && eo_btf_classes_of(&c, "is_ok", NULL) < 0 &&
	   eo_btf_classes_of(&c, "hash_of", NULL) < 0,
	   "btf classes: void, bool and unsigned int cannot fail");
	ok(eo_btf_classes_of(&c, "attach_recursive_mnt.isra.0", NULL) == EO_RET_INT,
	   "btf classes: a compiler clone takes its original's class");
	ok(eo_btf_classes_of(&c, "not_in_btf", NULL) == EO_RET_INT,
	   "btf classes: a function without type reads as int");
	eo_btf_classes_free(&c);
}
