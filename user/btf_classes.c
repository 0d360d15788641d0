// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>
#include "btf_classes.h"
#include "funcs.h"

int eo_btf_return_class(const struct btf *btf, uint32_t func_id)
{
	const struct btf_type *t = btf__type_by_id(btf, func_id);	/* FUNC */
	int id, kind;

	t = t ? btf__type_by_id(btf, t->type) : NULL;			/* FUNC_PROTO */
	if (!t || !t->type)
		return -1;						/* void */
	id = btf__resolve_type(btf, t->type);
	t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	if (!t)
		return EO_RET_LONG;
	kind = btf_kind(t);
	if (kind == BTF_KIND_INT) {
		uint32_t enc = btf_int_encoding(t);

		return eo_funcs_class_of(kind, t->size, enc & BTF_INT_SIGNED, enc & BTF_INT_BOOL);
	}
	return eo_funcs_class_of(kind, kind == BTF_KIND_PTR ? 8 : t->size, true, false);
}

static int eo_class_cmp(const void *a, const void *b)
{
	return strcmp(((const struct eo_btf_class_of *)a)->name,
		      ((const struct eo_btf_class_of *)b)->name);
}

/* Every function type of @btf from @first on (a module's split BTF: its own types only). */
static struct eo_btf_class_of *eo_btf_index(const struct btf *btf, uint32_t first, size_t *n)
{
	uint32_t id, end = btf__type_cnt(btf);
	struct eo_btf_class_of *v = malloc((end - first + 1) * sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	for (id = first; id < end; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf_is_func(t))
			continue;
		v[*n].name = btf__name_by_offset(btf, t->name_off);
		v[*n].class = eo_btf_return_class(btf, id);
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), eo_class_cmp);
	return v;
}

void eo_btf_classes_init_from(struct eo_btf_classes *c, struct btf *vmlinux)
{
	memset(c, 0, sizeof(*c));
	c->vmlinux = vmlinux;
	if (c->vmlinux)
		c->v = eo_btf_index(c->vmlinux, 1, &c->nv);
}

void eo_btf_classes_init(struct eo_btf_classes *c)
{
	struct btf *btf = btf__load_vmlinux_btf();

	eo_btf_classes_init_from(c, libbpf_get_error(btf) ? NULL : btf);
}

static int eo_btf_lookup(const struct eo_btf_class_of *v, size_t n, const char *name)
{
	struct eo_btf_class_of key = { .name = name }, *hit;
	char base[256];

	hit = n ? bsearch(&key, v, n, sizeof(*v), eo_class_cmp) : NULL;
	if (!hit && strchr(name, '.')) {
		/* foo.isra.0, foo.constprop.0, foo.part.0: the compiler's clones of foo */
		snprintf(base, sizeof(base), "%.*s", (int)strcspn(name, "."), name);
		key.name = base;
		hit = n ? bsearch(&key, v, n, sizeof(*v), eo_class_cmp) : NULL;
	}
	/* no type: read as int, as funcs.c does */
	return hit ? hit->class : EO_RET_INT;
}

int eo_btf_classes_of(struct eo_btf_classes *c, const char *name, const char *module)
{
	if (!module || !*module)
		return c->v ? eo_btf_lookup(c->v, c->nv, name) : EO_RET_INT;
	if (strcmp(c->module, module)) {
		free(c->m);
		c->m = NULL;
		c->nm = 0;
		btf__free(c->mod);
		c->mod = c->vmlinux ? btf__load_module_btf(module, c->vmlinux) : NULL;
		if (libbpf_get_error(c->mod))
			c->mod = NULL;
		if (c->mod)
			c->m = eo_btf_index(c->mod, btf__type_cnt(c->vmlinux), &c->nm);
		snprintf(c->module, sizeof(c->module), "%s", module);
	}
	return c->m ? eo_btf_lookup(c->m, c->nm, name) : EO_RET_INT;
}

void eo_btf_classes_free(struct eo_btf_classes *c)
{
	free(c->v);
	free(c->m);
	btf__free(c->mod);
	btf__free(c->vmlinux);
	memset(c, 0, sizeof(*c));
}
