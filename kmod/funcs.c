// SPDX-License-Identifier: GPL-2.0
#include <linux/err.h>
#include <linux/kprobes.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include "alloc.h"
#include "funcs.h"
#include "stats.h"

/* Hooks may report a function's entry a few bytes off its address (ENDBR on IBT). */
#define EO_FUNCS_ENTRY_SLACK 16

static atomic_t eo_funcs_gen;
static DEFINE_PER_CPU(u64, eo_funcs_stale_count);

void eo_funcs_init(void)
{
	atomic_set(&eo_funcs_gen, get_random_u32());
}

void notrace eo_funcs_count_stale(void)
{
	this_cpu_inc(eo_funcs_stale_count);
}
NOKPROBE_SYMBOL(eo_funcs_count_stale);

u64 eo_funcs_stale(void)
{
	return eo_percpu_sum(eo_funcs_stale_count);
}

struct eo_funcs_pair {
	unsigned long addr;
	u8 class;
};

static int eo_funcs_cmp(const void *a, const void *b)
{
	const struct eo_funcs_pair *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

struct eo_funcs *eo_funcs_alloc(const u64 *addrs, const u8 *classes, u32 n, int *err)
{
	struct eo_funcs_pair *pairs;
	struct eo_funcs *f;
	u32 i;

	*err = -ENOMEM;
	f = kzalloc(sizeof(*f), EO_GFP);
	pairs = kvcalloc(n, sizeof(*pairs), EO_GFP);
	if (!f || !pairs)
		goto fail;
	f->addr = kvcalloc(n, sizeof(*f->addr), EO_GFP);
	f->class = kvcalloc(n, sizeof(*f->class), EO_GFP);
	if (!f->addr || !f->class)
		goto fail;
	for (i = 0; i < n; i++) {
		pairs[i].addr = addrs[i];
		pairs[i].class = classes[i];
	}
	sort(pairs, n, sizeof(*pairs), eo_funcs_cmp, NULL);
	for (i = 0; i < n; i++) {
		if (i && pairs[i].addr == pairs[i - 1].addr) {
			*err = -EEXIST;
			goto fail;
		}
		f->addr[i] = pairs[i].addr;
		f->class[i] = pairs[i].class;
	}
	f->n = n;
	f->gen = atomic_inc_return(&eo_funcs_gen);
	kvfree(pairs);
	return f;
fail:
	kvfree(pairs);
	eo_funcs_free(f);
	return NULL;
}

struct eo_funcs *eo_funcs_union(const struct eo_funcs *base, const u64 *addrs,
				const u8 *classes, u32 n, int *err)
{
	u32 i, total = base ? base->n : 0;
	struct eo_funcs *f = NULL;
	u64 *a;
	u8 *c;
	int id;

	*err = -ENOMEM;
	a = kvcalloc(total + n, sizeof(*a), EO_GFP);
	c = kvcalloc(total + n, sizeof(*c), EO_GFP);
	if (!a || !c)
		goto out;
	for (i = 0; i < total; i++) {
		a[i] = base->addr[i];
		c[i] = base->class[i];
	}
	for (i = 0; i < n; i++) {
		id = base ? eo_funcs_lookup(base, addrs[i]) : -1;
		if (id >= 0 && base->addr[id] == addrs[i])
			continue;	/* followed already: the base's class stays */
		a[total] = addrs[i];
		c[total++] = classes[i];
	}
	if (total > EO_MAX_FUNCS)
		*err = -E2BIG;
	else
		f = eo_funcs_alloc(a, c, total, err);
out:
	kvfree(a);
	kvfree(c);
	return f;
}

void eo_funcs_pin(struct eo_funcs *f)
{
	f->pinned = true;
}

void eo_funcs_free(struct eo_funcs *f)
{
	if (!f || f->pinned)
		return;
	kvfree(f->addr);
	kvfree(f->class);
	kfree(f);
}

int notrace eo_funcs_lookup(const struct eo_funcs *f, unsigned long ip)
{
	int lo = 0, hi = (int)f->n - 1, mid;

	/* greatest address <= ip */
	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (f->addr[mid] <= ip)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	/* the handler's ip and the armed address may differ by an ENDBR either way */
	if (hi >= 0 && ip - f->addr[hi] <= EO_FUNCS_ENTRY_SLACK)
		return hi;
	if (hi + 1 < (int)f->n && f->addr[hi + 1] - ip <= EO_FUNCS_ENTRY_SLACK)
		return hi + 1;
	return -1;
}
NOKPROBE_SYMBOL(eo_funcs_lookup);

bool notrace eo_funcs_failed(u8 class, unsigned long raw, s64 *val)
{
	switch (class) {
	case EO_RET_INT:
		/* only the low half is defined for an int: rax's upper half can be anything */
		*val = (int)raw;
		return IS_ERR_VALUE((unsigned long)*val);
	case EO_RET_PTR:
		*val = (long)raw;
		return !raw || IS_ERR_VALUE(raw);
	default:
		*val = (long)raw;
		return IS_ERR_VALUE(raw);
	}
}
NOKPROBE_SYMBOL(eo_funcs_failed);
