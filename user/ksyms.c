// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ksyms.h"
#include "util.h"

static int eo_ksym_cmp(const void *a, const void *b)
{
	const struct eo_ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int eo_ksyms_name_cmp(const void *a, const void *b)
{
	const struct eo_ksym *x = *(struct eo_ksym *const *)a, *y = *(struct eo_ksym *const *)b;

	return strcmp(x->name, y->name) ?: strcmp(x->module, y->module);
}

static char *eo_read_file(const char *path, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap), *grown;
	ssize_t r;
	FILE *f = fopen(path, "r");

	while (f && buf) {
		if (n + 1 >= cap) {
			grown = realloc(buf, cap *= 2);
			if (!grown)
				break;
			buf = grown;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		if (r <= 0) {
			buf[n] = '\0';
			fclose(f);
			*len = n;
			return buf;
		}
		n += r;
	}
	if (f)
		fclose(f);
	free(buf);
	return NULL;
}

void eo_ksyms_free(struct eo_ksyms *k)
{
	free(k->by_name);
	free(k->syms);
	free(k->text);
	memset(k, 0, sizeof(*k));
}

int eo_ksyms_load(struct eo_ksyms *k)
{
	size_t len, cap = 0, i;
	char *p, *end, *nl, *mod;

	memset(k, 0, sizeof(*k));
	k->text = eo_read_file("/proc/kallsyms", &len);
	if (!k->text)
		return -1;
	for (p = k->text, end = k->text + len; p < end; p = nl + 1) {
		uint64_t a;
		char type;

		nl = memchr(p, '\n', end - p);
		if (!nl)
			break;
		*nl = '\0';
		a = strtoull(p, &p, 16);
		type = p[1];
		if (!a || (type != 't' && type != 'T') || p[2] != ' ')
			continue;
		if (eo_grow(&k->syms, &cap, k->n, sizeof(*k->syms)))
			break;
		p += 3;
		mod = strchr(p, '[');
		p[strcspn(p, " \t")] = '\0';
		if (mod)
			mod[strcspn(mod, "]")] = '\0';
		k->syms[k->n++] = (struct eo_ksym){ a, 0, p, mod ? mod + 1 : "" };
	}
	qsort(k->syms, k->n, sizeof(*k->syms), eo_ksym_cmp);
	k->by_name = calloc(k->n ? k->n : 1, sizeof(*k->by_name));
	if (!k->by_name)
		return -1;
	for (i = 0; i < k->n; i++) {
		if (i + 1 < k->n)
			k->syms[i].size = k->syms[i + 1].addr - k->syms[i].addr;
		k->by_name[i] = &k->syms[i];
	}
	qsort(k->by_name, k->n, sizeof(*k->by_name), eo_ksyms_name_cmp);
	return 0;
}

size_t eo_ksyms_find(const struct eo_ksyms *k, const char *name, const char *module)
{
	struct eo_ksym key = { .name = name, .module = module }, *kp = &key;
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (eo_ksyms_name_cmp(&k->by_name[mid], &kp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == k->n || eo_ksyms_name_cmp(&k->by_name[lo], &kp))
		return k->n;
	return lo;
}

const struct eo_ksym *eo_ksyms_at(const struct eo_ksyms *k, uint64_t addr)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &k->syms[lo - 1] : NULL;
}
