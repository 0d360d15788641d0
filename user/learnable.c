// SPDX-License-Identifier: GPL-2.0
/*
 * The functions the learning hook follows: every function ftrace can hook and whose BTF
 * return type can fail, but the deny list, by entry address. The kernel refuses the whole
 * list for one address ftrace cannot hook, so only addresses known to be ftrace's go in:
 * from available_filter_functions_addrs where the kernel has it (6.5 on); before, a name of
 * available_filter_functions gets its kallsyms addresses when kallsyms holds it as often as
 * ftrace lists it (static namesakes that ftrace lists fewer times cannot be told apart: left
 * out).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include "btf_classes.h"
#include "funcs.h"
#include "ksyms.h"
#include "learnable.h"
#include "util.h"

static int eo_learnable_push(struct eo_learnable *l, uint64_t addr, struct eo_btf_classes *c,
			     const char *name, const char *module)
{
	int class = eo_btf_classes_of(c, name, module);

	/*
	 * A function that cannot fail is neither an origin nor a link of a chain (each
	 * returns the error), and narrowing would leave it out: hooking it would only make
	 * every other task pay for its calls. Its callers are still named: by return address.
	 */
	if (class < 0) {
		l->cannot_fail++;
		return 0;
	}
	if (l->n == EO_LEARN_FUNCS_MAX) {
		l->over_limit++;
		return 0;
	}
	if (eo_grow(&l->addrs, &l->cap, l->n, sizeof(*l->addrs)) ||
	    eo_grow(&l->classes, &l->ccap, l->n, sizeof(*l->classes)))
		return -1;
	l->classes[l->n] = class;
	l->addrs[l->n++] = addr;
	return 0;
}

/* "name [module]" or "addr name [module]": the name, its module ("" for vmlinux) */
static int eo_learnable_line(char *line, bool with_addr, uint64_t *addr, char **name,
			     char **module)
{
	char *p = line, *end;

	*addr = 0;
	if (with_addr) {
		*addr = strtoull(p, &end, 16);
		if (end == p)
			return -1;
		p = end;
	}
	p += strspn(p, " \t");
	*name = p;
	p += strcspn(p, " \t\n");
	if (p == *name)
		return -1;
	*module = "";
	if (*p) {
		*p++ = '\0';
		p += strspn(p, " \t");
		if (*p == '[') {
			*module = p + 1;
			p[1 + strcspn(p + 1, "]\n")] = '\0';
		}
	}
	return 0;
}

struct eo_listed {
	char *name;
	char *module;
};

static int eo_listed_cmp(const void *a, const void *b)
{
	const struct eo_listed *x = a, *y = b;

	return strcmp(x->name, y->name) ?: strcmp(x->module, y->module);
}

/* Before 6.5: the listed names, sorted, walked along kallsyms' names. */
static int eo_learnable_by_name(struct eo_learnable *l, struct eo_listed *listed, size_t n,
				struct eo_btf_classes *c)
{
	struct eo_ksyms ks;
	size_t i = 0, j = 0, ni, nj;
	int cmp;

	if (eo_ksyms_load(&ks) || !ks.n) {
		eo_ksyms_free(&ks);
		return eo_err("learn", "/proc/kallsyms shows no addresses (kptr_restrict, or no CAP_SYSLOG): nothing to learn on");
	}
	qsort(listed, n, sizeof(*listed), eo_listed_cmp);
	while (i < n && j < ks.n) {
		struct eo_listed k = { (char *)ks.by_name[j]->name, (char *)ks.by_name[j]->module };

		cmp = eo_listed_cmp(&listed[i], &k);
		for (ni = 1; i + ni < n && !eo_listed_cmp(&listed[i], &listed[i + ni]); ni++)
			;
		if (cmp < 0) {
			l->no_address += ni;
			i += ni;
			continue;
		}
		for (nj = 1; j + nj < ks.n && !eo_ksyms_name_cmp(&ks.by_name[j],
								   &ks.by_name[j + nj]); nj++)
			;
		if (cmp > 0) {
			j += nj;
			continue;
		}
		if (ni == nj) {
			for (size_t m = 0; m < nj; m++)
				if (eo_learnable_push(l, ks.by_name[j + m]->addr, c,
						      listed[i].name, listed[i].module))
					goto nomem;
		} else {
			l->ambiguous += ni;
		}
		i += ni;
		j += nj;
	}
	l->no_address += n - i;
	eo_ksyms_free(&ks);
	return 0;
nomem:
	eo_ksyms_free(&ks);
	return eo_err("learn", "out of memory");
}

int eo_learnable_load(struct eo_learnable *l)
{
	struct eo_listed *listed = NULL;
	size_t nlisted = 0, cap = 0, i;
	char path[256], line[512], *name, *module;
	bool with_addr = true;
	struct eo_btf_classes classes;
	const char *file;
	uint64_t addr;
	int ret = 0;
	FILE *f;

	memset(l, 0, sizeof(*l));
	eo_btf_classes_init(&classes);
	file = eo_tracefs_file("available_filter_functions_addrs", path, sizeof(path));
	if (!file) {
		with_addr = false;
		file = eo_tracefs_file("available_filter_functions", path, sizeof(path));
	}
	f = file ? fopen(file, "r") : NULL;
	if (!f) {
		eo_btf_classes_free(&classes);
		return eo_err("learn", "cannot read available_filter_functions: is tracefs mounted on /sys/kernel/tracing?");
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		if (eo_learnable_line(line, with_addr, &addr, &name, &module))
			continue;
		if (eo_funcs_denied(name)) {
			l->denied++;
			continue;
		}
		if (with_addr) {
			ret = eo_learnable_push(l, addr, &classes, name, module);
			continue;
		}
		if (eo_grow(&listed, &cap, nlisted, sizeof(*listed)) ||
		    !(listed[nlisted].name = strdup(name)) ||
		    !(listed[nlisted].module = strdup(module))) {
			if (nlisted < cap && listed[nlisted].name)
				free(listed[nlisted].name);
			ret = -1;
			break;
		}
		nlisted++;
	}
	fclose(f);
	if (ret)
		ret = eo_err("learn", "out of memory");
	else if (!with_addr)
		ret = eo_learnable_by_name(l, listed, nlisted, &classes);
	eo_btf_classes_free(&classes);
	for (i = 0; i < nlisted; i++) {
		free(listed[i].name);
		free(listed[i].module);
	}
	free(listed);
	if (!ret && !l->n)
		ret = eo_err("learn", "no function to learn on: ftrace lists none that is not denied");
	if (ret)
		eo_learnable_free(l);
	return ret;
}

void eo_learnable_free(struct eo_learnable *l)
{
	free(l->addrs);
	free(l->classes);
	memset(l, 0, sizeof(*l));
}

int eo_learnable_put(struct nl_msg *msg, const struct eo_learnable *l)
{
	size_t i, n;

	for (i = 0; i < l->n; i += n) {
		n = l->n - i < EO_LEARN_FUNCS_PER_ATTR ? l->n - i : EO_LEARN_FUNCS_PER_ATTR;
		if (nla_put(msg, EO_A_LEARN_FUNCS, n * sizeof(uint64_t), l->addrs + i))
			return -1;
	}
	for (i = 0; i < l->n; i += n) {
		n = l->n - i < EO_LEARN_CLASSES_PER_ATTR ? l->n - i : EO_LEARN_CLASSES_PER_ATTR;
		if (nla_put(msg, EO_A_LEARN_CLASSES, n, l->classes + i))
			return -1;
	}
	return 0;
}
