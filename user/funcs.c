// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/btf.h>
#include "btf_classes.h"
#include "event.h"
#include "funcs.h"
#include "ksyms.h"
#include "util.h"

/*
 * Never hooked: what the hooks themselves run on (locking, RCU, preemption, interrupts, the
 * scheduler), the tracing machinery, printk, netlink, the allocator's fast paths, and the
 * kernel calls the module's own handlers make. Hooking them recurses or deadlocks, or
 * swamps every session with noise.
 */
static const char *const eo_deny_globs[] = {
	"*spin_lock*", "*spin_unlock*", "*spin_trylock*", "*read_lock*", "*read_unlock*",
	"*write_lock*", "*write_unlock*", "mutex_*", "__mutex_*", "*rt_mutex*", "down_*",
	"up_*", "*rwsem*", "*seqlock*", "lock_*", "__lock_*", "lockdep_*", "*_lock_acquire*",
	"rcu_*", "__rcu_*", "*_rcu", "call_rcu*", "synchronize_rcu*", "srcu_*", "__srcu_*",
	"preempt_*", "__preempt_*", "*irq_save*", "*irq_restore*", "local_irq_*", "irq_*",
	"__irq_*", "arch_local_*", "*_nmi*", "nmi_*", "schedule*", "__schedule*", "sched_*",
	"__sched_*", "pick_next_*", "*_task_fair", "finish_task_switch*", "context_switch",
	"try_to_wake_up", "wake_up_*", "__wake_up*", "__cond_resched*", "_cond_resched",
	"ftrace_*", "__ftrace_*", "*fprobe*", "*kprobe*", "*kretprobe*", "rethook_*", "fgraph_*",
	"function_graph_*", "trace_*", "__trace_*", "tracing_*", "*tracepoint*", "perf_*",
	"__perf_*", "bpf_*", "__bpf_*", "*printk*", "console_*", "netlink_*", "__netlink_*",
	"genl_*", "genlmsg_*", "nla_*", "__nla_*", "nlmsg_*", "kmalloc*", "__kmalloc*",
	"kmem_cache_alloc*", "kmem_cache_free", "kfree*", "__kfree*", "kvfree*", "slab_*",
	"__slab_*", "___slab_*", "alloc_pages*", "__alloc_pages*", "get_page_from_freelist",
	"rmqueue*", "free_unref_*", "__free_pages*", "native_*", "do_syscall_*",
	"syscall_*", "entry_*", "exc_*", "asm_*", "idle*", "cpuidle_*", "default_idle*",
	"arch_cpu_idle*", "from_kuid*", "ktime_get*", "irq_work_*", "__irq_work_*", "mem*",
	"__mem*", "queue_work*", "__queue_work", "mod_delayed_work*", "hash_*", "in_lock_functions",
	"text_poke*", "__text_poke*", "stop_machine*", "smp_call_function*", "clockevents_*",
	"lapic_*", "tick_*",
};

#define EO_NDENY (sizeof(eo_deny_globs) / sizeof(eo_deny_globs[0]))

/*
 * The globs split once into name, prefix*, *suffix and *middle*: fnmatch() costs too much
 * for the tens of thousands of names a learning list goes through under emulation.
 */
struct eo_deny_glob {
	const char *core;	/* the glob without its leading and trailing '*' */
	size_t len;
	bool lead, trail;
	bool other;		/* another wildcard: fnmatch() after all */
};

static struct eo_deny_glob eo_deny[EO_NDENY];

static void eo_deny_split(void)
{
	static bool done;
	size_t i, len;

	if (done)
		return;
	for (i = 0; i < EO_NDENY; i++) {
		struct eo_deny_glob *g = &eo_deny[i];
		const char *s = eo_deny_globs[i];

		len = strlen(s);
		g->lead = s[0] == '*';
		g->trail = len > 1 && s[len - 1] == '*';
		g->core = s + g->lead;
		g->len = len - g->lead - g->trail;
		g->other = memchr(g->core, '*', g->len) || strpbrk(s, "?[\\");
	}
	done = true;
}

static bool eo_deny_match(const struct eo_deny_glob *g, const char *glob, const char *name,
			  size_t n)
{
	if (g->other)
		return !fnmatch(glob, name, 0);
	if (g->lead && g->trail)
		return memmem(name, n, g->core, g->len);
	if (g->lead)
		return n >= g->len && !memcmp(name + n - g->len, g->core, g->len);
	if (g->trail)
		return !strncmp(name, g->core, g->len);
	return n == g->len && !memcmp(name, g->core, n);
}

const char *const *eo_funcs_deny_globs(size_t *n)
{
	*n = EO_NDENY;
	return eo_deny_globs;
}

bool eo_funcs_denied(const char *name)
{
	size_t i, n = strlen(name);

	eo_deny_split();
	for (i = 0; i < EO_NDENY; i++)
		if (eo_deny_match(&eo_deny[i], eo_deny_globs[i], name, n))
			return true;
	return false;
}

int eo_funcs_class_of(int kind, unsigned int size, bool is_signed, bool is_bool)
{
	switch (kind) {
	case BTF_KIND_PTR:
		return EO_RET_PTR;
	case BTF_KIND_ENUM:
		return size == 8 ? EO_RET_LONG : size == 4 ? EO_RET_INT : -1;
	case BTF_KIND_INT:
		/*
		 * An unsigned long can fail: the mm returns addresses with -errno in the
		 * IS_ERR_VALUE range (do_mmap, mmap_region, get_unmapped_area).
		 */
		if (size == 8 && !is_bool)
			return EO_RET_LONG;
		if (is_bool || !is_signed || size < 4)
			return -1;
		return EO_RET_INT;
	default:	/* void (type 0), structs, floats */
		return -1;
	}
}

static int eo_push_pattern(char ***patterns, size_t *n, const char *p, size_t len)
{
	char **grown;

	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	while (len && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	if (!len || *p == '#')
		return 0;
	grown = realloc(*patterns, (*n + 1) * sizeof(**patterns));
	if (!grown || !(grown[*n] = strndup(p, len)))
		return eo_err("-f", "out of memory");
	*patterns = grown;
	(*n)++;
	return 0;
}

int eo_funcs_add_list(char ***patterns, size_t *n, const char *list)
{
	const char *p = list, *comma;

	for (;;) {
		comma = strchr(p, ',');
		if (eo_push_pattern(patterns, n, p, comma ? (size_t)(comma - p) : strlen(p)))
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

int eo_funcs_add_file(char ***patterns, size_t *n, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int ret = 0;

	if (!f)
		return eo_err("-F", "%s: %s", path, strerror(errno));
	while (!ret && fgets(line, sizeof(line), f))
		ret = eo_push_pattern(patterns, n, line, strcspn(line, "\n"));
	fclose(f);
	return ret;
}

const char *eo_tracefs_file(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "/sys/kernel/tracing/%s", name);
	if (!access(buf, R_OK))
		return buf;
	snprintf(buf, len, "/sys/kernel/debug/tracing/%s", name);
	return access(buf, R_OK) ? NULL : buf;
}

/* Patterns split once: exact names are looked up by bsearch, only globs go through fnmatch. */
struct eo_patterns {
	char **exact;		/* sorted */
	size_t nexact;
	size_t *exact_idx;	/* each exact name's index in the caller's list */
	char **globs;
	size_t *glob_idx;
	size_t nglobs;
	bool *seen;
};

static int eo_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int eo_patterns_split(struct eo_patterns *p, char **patterns, size_t n, bool *seen)
{
	size_t i, j;

	memset(p, 0, sizeof(*p));
	p->exact = calloc(n + 1, sizeof(*p->exact));
	p->exact_idx = calloc(n + 1, sizeof(*p->exact_idx));
	p->globs = calloc(n + 1, sizeof(*p->globs));
	p->glob_idx = calloc(n + 1, sizeof(*p->glob_idx));
	if (!p->exact || !p->exact_idx || !p->globs || !p->glob_idx)
		return eo_err("-f", "out of memory");
	p->seen = seen;
	for (i = 0; i < n; i++) {
		if (strpbrk(patterns[i], "*?[\\")) {
			p->glob_idx[p->nglobs] = i;
			p->globs[p->nglobs++] = patterns[i];
		} else {
			p->exact[p->nexact++] = patterns[i];
		}
	}
	qsort(p->exact, p->nexact, sizeof(*p->exact), eo_str_cmp);
	/* the caller's index of each sorted exact name, for @seen */
	for (i = 0; seen && i < p->nexact; i++)
		for (j = 0; j < n; j++)
			if (patterns[j] == p->exact[i])
				p->exact_idx[i] = j;
	return 0;
}

static void eo_patterns_free(struct eo_patterns *p)
{
	free(p->exact);
	free(p->exact_idx);
	free(p->globs);
	free(p->glob_idx);
}

static bool eo_matches(struct eo_patterns *p, const char *name)
{
	char **hit = bsearch(&name, p->exact, p->nexact, sizeof(*p->exact), eo_str_cmp);
	bool any = false;
	size_t i;

	if (hit) {
		if (!p->seen)
			return true;
		p->seen[p->exact_idx[hit - p->exact]] = true;
		any = true;
	}
	for (i = 0; i < p->nglobs; i++) {
		if (fnmatch(p->globs[i], name, 0))
			continue;
		if (!p->seen)
			return true;
		p->seen[p->glob_idx[i]] = true;
		any = true;
	}
	return any;
}

/* The BTF of vmlinux or of one module, loaded once each. */
struct eo_btf_cache {
	struct btf *vmlinux;
	char module[64];
	struct btf *mod;
};

static int eo_btf_class(struct eo_btf_cache *c, const char *name, const char *module,
			bool *found)
{
	struct btf *btf = c->vmlinux;
	int id;

	*found = false;
	if (module) {
		if (strcmp(c->module, module)) {
			btf__free(c->mod);
			c->mod = c->vmlinux ? btf__load_module_btf(module, c->vmlinux) : NULL;
			if (!c->mod || libbpf_get_error(c->mod))
				c->mod = NULL;
			snprintf(c->module, sizeof(c->module), "%s", module);
		}
		btf = c->mod;
	}
	/*
	 * Without a type, read the low 32 bits: an int's errno is only there (rax's upper half
	 * is undefined), a long's or ERR_PTR's is there too, and a valid pointer's low half
	 * is almost never in [-4095, -1].
	 */
	if (!btf)
		return EO_RET_INT;
	id = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	if (id <= 0 && strchr(name, '.')) {
		/* foo.isra.0, foo.constprop.0, foo.part.0: the compiler's clones of foo */
		char base[256];

		snprintf(base, sizeof(base), "%.*s", (int)strcspn(name, "."), name);
		id = btf__find_by_name_kind(btf, base, BTF_KIND_FUNC);
	}
	if (id <= 0)
		return EO_RET_INT;
	*found = true;
	return eo_btf_return_class(btf, id);
}

static int eo_set_push(struct eo_func_set *set, const char *name, const char *module,
		       uint64_t addr, int class)
{
	struct eo_func *fn;

	if (eo_grow(&set->items, &set->cap, set->n, sizeof(*set->items)))
		return eo_err("-f", "out of memory");
	fn = &set->items[set->n++];
	fn->name = strdup(name);
	fn->module = module ? strdup(module) : NULL;
	fn->addr = addr;
	fn->class = class;
	return 0;
}

/* "name [module]" or "addr name [module]" */
static int eo_parse_line(char *line, bool with_addr, uint64_t *addr, char **name, char **module)
{
	char *save, *tok;

	*module = NULL;
	*addr = 0;
	if (with_addr) {
		tok = strtok_r(line, " \t\n", &save);
		if (!tok)
			return -1;
		*addr = strtoull(tok, NULL, 16);
		tok = strtok_r(NULL, " \t\n", &save);
	} else {
		tok = strtok_r(line, " \t\n", &save);
	}
	if (!tok)
		return -1;
	*name = tok;
	tok = strtok_r(NULL, " \t\n", &save);
	if (tok && *tok == '[') {
		tok[strcspn(tok, "]")] = '\0';
		*module = tok + 1;
	}
	return 0;
}

static int eo_func_name_cmp(const void *a, const void *b)
{
	const struct eo_func *x = *(const struct eo_func *const *)a;
	const struct eo_func *y = *(const struct eo_func *const *)b;

	return strcmp(x->name, y->name);
}

/*
 * 6.1 has no available_filter_functions_addrs: take text addresses from kallsyms, in one
 * pass, giving a name listed N times its first N text symbols of the same module.
 */
static void eo_kallsyms_addrs(struct eo_func_set *set)
{
	struct eo_func **idx = calloc(set->n, sizeof(*idx)), key, *keyp = &key, **hit;
	char line[512], type, sym[256], mod[80];
	unsigned long long a;
	size_t i;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!idx || !f)
		goto out;
	for (i = 0; i < set->n; i++)
		idx[i] = &set->items[i];
	qsort(idx, set->n, sizeof(*idx), eo_func_name_cmp);
	key.name = sym;
	while (fgets(line, sizeof(line), f)) {
		mod[0] = '\0';
		if (sscanf(line, "%llx %c %255s [%79[^]]]", &a, &type, sym, mod) < 3 || !a ||
		    (type != 't' && type != 'T'))
			continue;
		hit = bsearch(&keyp, idx, set->n, sizeof(*idx), eo_func_name_cmp);
		if (!hit)
			continue;
		while (hit > idx && !strcmp(hit[-1]->name, sym))
			hit--;
		for (; hit < idx + set->n && !strcmp((*hit)->name, sym); hit++) {
			const char *want = (*hit)->module ? (*hit)->module : "";

			if (!(*hit)->addr && !strcmp(want, mod)) {
				(*hit)->addr = a;
				break;
			}
		}
	}
out:
	if (f)
		fclose(f);
	free(idx);
}

int eo_funcs_resolve(char **patterns, size_t npatterns, struct eo_func_set *set)
{
	return eo_funcs_resolve_seen(patterns, npatterns, set, NULL);
}

static int eo_funcs_resolve_in(char **patterns, size_t npatterns, struct eo_func_set *set,
			       bool *seen, bool quiet);

int eo_funcs_resolve_seen(char **patterns, size_t npatterns, struct eo_func_set *set,
			  bool *seen)
{
	return eo_funcs_resolve_in(patterns, npatterns, set, seen, false);
}

int eo_funcs_resolve_names(char **names, size_t n, struct eo_func_set *set)
{
	return eo_funcs_resolve_in(names, n, set, NULL, true);
}

static int eo_funcs_resolve_in(char **patterns, size_t npatterns, struct eo_func_set *set,
			       bool *seen, bool quiet)
{
	struct eo_btf_cache btf = {};
	struct eo_patterns pat;
	char path[256], line[512], *name, *module;
	const char *file;
	bool with_addr = true, found;
	uint64_t addr;
	size_t i, kept;
	FILE *f;
	int class;

	memset(set, 0, sizeof(*set));
	file = eo_tracefs_file("available_filter_functions_addrs", path, sizeof(path));
	if (!file) {
		with_addr = false;
		file = eo_tracefs_file("available_filter_functions", path, sizeof(path));
	}
	if (!file)
		return eo_err("-f", "cannot read available_filter_functions: is tracefs mounted on /sys/kernel/tracing?");
	if (eo_patterns_split(&pat, patterns, npatterns, seen)) {
		eo_patterns_free(&pat);
		return -1;
	}
	f = fopen(file, "r");
	if (!f) {
		eo_patterns_free(&pat);
		return eo_err("-f", "%s: %s", file, strerror(errno));
	}
	btf.vmlinux = btf__load_vmlinux_btf();
	if (libbpf_get_error(btf.vmlinux))
		btf.vmlinux = NULL;
	while (fgets(line, sizeof(line), f)) {
		if (eo_parse_line(line, with_addr, &addr, &name, &module) ||
		    !eo_matches(&pat, name))
			continue;
		if (eo_funcs_denied(name)) {
			set->denied++;
			continue;
		}
		class = eo_btf_class(&btf, name, module, &found);
		if (!found)
			set->no_btf = true;
		if (class < 0) {
			set->cannot_fail++;
			continue;
		}
		if (set->n >= EO_MAX_FUNCS) {
			set->over_limit++;
			continue;
		}
		if (eo_set_push(set, name, module, addr, class))
			break;
	}
	fclose(f);
	eo_patterns_free(&pat);
	btf__free(btf.mod);
	btf__free(btf.vmlinux);
	if (!with_addr)
		eo_kallsyms_addrs(set);
	for (i = kept = 0; i < set->n; i++) {
		if (set->items[i].addr) {
			set->items[kept++] = set->items[i];
			continue;
		}
		set->no_address++;
		free(set->items[i].name);
		free(set->items[i].module);
	}
	set->n = kept;
	if (!set->n && !quiet)
		return eo_err("-f", "no function to arm: the patterns matched none that ftrace can hook, or all were left out (denied %zu, cannot fail %zu, no address %zu)",
			      set->denied, set->cannot_fail, set->no_address);
	return 0;
}

/*
 * The symbol the module named "name+0xoff/0xsize [module]": static functions may share a
 * name, the size tells them apart (else the first).
 */
static const struct eo_ksym *eo_ksym_named(const struct eo_ksyms *k, const struct eo_sym *s)
{
	size_t first = eo_ksyms_find(k, s->name, s->module), i;

	if (first == k->n)
		return NULL;
	for (i = first; i < k->n && !eo_ksyms_name_cmp(&k->by_name[i], &k->by_name[first]); i++)
		if (k->by_name[i]->size == s->size)
			return k->by_name[i];
	return k->by_name[first];
}

int eo_funcs_from_learned(const struct eo_learned *lf, size_t n, struct eo_func_set *set)
{
	struct eo_btf_cache btf = {};
	const struct eo_ksym *k, *caller;
	struct eo_sym sym, csym;
	struct eo_ksyms ks;
	char path[256];
	bool ftrace_addrs, found;
	int class, ret = 0;
	size_t i;

	memset(set, 0, sizeof(*set));
	if (eo_ksyms_load(&ks)) {
		eo_ksyms_free(&ks);
		return eo_err("learn", "cannot read /proc/kallsyms: %s", strerror(errno));
	}
	if (!ks.n) {
		eo_ksyms_free(&ks);
		return eo_err("learn", "/proc/kallsyms shows no addresses (kptr_restrict, or no CAP_SYSLOG): the learned functions cannot be armed");
	}
	ftrace_addrs = eo_tracefs_file("available_filter_functions_addrs", path, sizeof(path));
	btf.vmlinux = btf__load_vmlinux_btf();
	if (libbpf_get_error(btf.vmlinux))
		btf.vmlinux = NULL;
	for (i = 0; i < n && !ret; i++) {
		k = eo_sym_parse(lf[i].sym, &sym) ? NULL : eo_ksym_named(&ks, &sym);
		if (!k) {
			set->no_address++;
			continue;
		}
		if (eo_funcs_denied(k->name)) {
			set->denied++;
			continue;
		}
		class = eo_btf_class(&btf, k->name, k->module[0] ? k->module : NULL, &found);
		if (!found)
			set->no_btf = true;
		if (class < 0) {
			set->cannot_fail++;
			continue;
		}
		/* where ftrace saw it entered, past an ENDBR; kretprobes take the symbol */
		ret = eo_set_push(set, k->name, k->module[0] ? k->module : NULL,
				  ftrace_addrs ? k->addr + sym.off : k->addr, class);
		if (!ret) {
			struct eo_func *fn = &set->items[set->n - 1];

			caller = eo_sym_parse(lf[i].caller, &csym) ? NULL : eo_ksym_named(&ks, &csym);
			fn->last = lf[i].last;
			fn->hits = lf[i].hits;
			fn->sym = k->addr;
			fn->parent_sym = caller ? caller->addr : 0;
		}
	}
	btf__free(btf.mod);
	btf__free(btf.vmlinux);
	eo_ksyms_free(&ks);
	return ret;
}

void eo_funcs_free(struct eo_func_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->items[i].name);
		free(set->items[i].module);
	}
	free(set->items);
	memset(set, 0, sizeof(*set));
}

void eo_funcs_report(FILE *f, const struct eo_func_set *set, uint32_t armed, uint32_t refused,
		     const char *mechanism, double ms)
{
	fprintf(f, "errorigin: armed %u function%s (%s) in %.0f ms", armed, armed == 1 ? "" : "s",
		mechanism, ms);
	if (refused || set->denied || set->cannot_fail || set->no_address || set->over_limit)
		fprintf(f, "; left out: %zu denied (locking, tracing, scheduler, allocator internals), %zu cannot fail (void, bool, unsigned int), %zu without address, %zu over the limit of %d, %u refused by the kernel",
			set->denied, set->cannot_fail, set->no_address, set->over_limit,
			EO_MAX_FUNCS, refused);
	fputc('\n', f);
	if (set->no_btf)
		fprintf(f, "errorigin: note: no BTF for some functions: their return values are read as int (the low 32 bits)\n");
}
