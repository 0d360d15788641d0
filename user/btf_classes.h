/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Return classes of many functions at once: one pass over a BTF's function types, then a
 * lookup by name. btf__find_by_name_kind() walks every type per name, which for the learning
 * hook's forty thousand functions would take minutes.
 */
#ifndef EO_BTF_CLASSES_H
#define EO_BTF_CLASSES_H

#include <stddef.h>
#include <stdint.h>

struct btf;

struct eo_btf_class_of {
	const char *name;	/* in the BTF's string section */
	int8_t class;		/* enum eo_ret_class, -1: cannot fail */
};

struct eo_btf_classes {
	struct btf *vmlinux;
	struct btf *mod;	/* the module last asked for */
	char module[64];
	struct eo_btf_class_of *v, *m;	/* by name */
	size_t nv, nm;
};

/* Loads vmlinux's BTF; without it every class reads as int (see funcs.c). */
void eo_btf_classes_init(struct eo_btf_classes *c);
/* The same over @vmlinux, which @c then owns (the unit tests build one). */
void eo_btf_classes_init_from(struct eo_btf_classes *c, struct btf *vmlinux);
/*
 * The class of function @name of @module (NULL or "" for vmlinux): enum eo_ret_class, -1
 * when it cannot fail (void, bool, unsigned int), EO_RET_INT when no BTF names it.
 */
int eo_btf_classes_of(struct eo_btf_classes *c, const char *name, const char *module);
void eo_btf_classes_free(struct eo_btf_classes *c);

/* The class a BTF return type gives: as above. */
int eo_btf_return_class(const struct btf *btf, uint32_t func_id);

#endif
