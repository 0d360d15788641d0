// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <netlink/attr.h>
#include "control.h"
#include "funcs.h"
#include "learn.h"
#include "learnable.h"
#include "narrow.h"
#include "profile.h"
#include "status.h"
#include "stock_profiles.h"
#include "util.h"

/*
 * Each followed entry costs a hook round trip (about 1.5 us under TCG) and kretprobes (6.1)
 * register one by one; origins are entered just before the error propagates back, so a
 * few of the nearest functions, plus their callers for the chain, are enough.
 */
#define EO_LEARN_MAX_FUNCS		8
#define EO_LEARN_MAX_HITS		4

enum eo_learner_state {
	EO_LS_LEARNING,
	EO_LS_ARMED,
	EO_LS_GAVE_UP,
	EO_LS_TIMED_OUT,	/* learned again at its next failure */
};

struct eo_learner_pair {
	struct eo_pair key;
	enum eo_learner_state state;
	struct eo_func_set set;		/* armed functions (ARMED) */
	struct eo_func_set wide;	/* the narrowed set, while only the chain is armed */
	bool chain;			/* only the chain of an origin seen is armed */
	bool relearned;
	/* the chain the failure that ended learning came with, until its set is armed */
	char *seen[EO_EVENT_MAX_FRAMES];
	size_t nseen;
	char name[96];
};

struct eo_learner {
	struct eo_nl *ctl;
	const struct eo_filter_spec *spec;
	struct eo_learn_opts o;
	bool learn;
	bool full_told;
	struct eo_learner_pair pairs[EO_LEARN_PAIRS];
	size_t npairs;
	struct eo_func_set base;	/* followed whatever is learned: the knowledge base's */
	struct eo_learnable follow;	/* what the learning hook follows, read at its first use */
	double armed_ms;		/* CLOCK_MONOTONIC when the last arming was in place */
	char release[128];
};

int eo_learn_option(struct eo_learn_opts *o, int opt, const char *arg)
{
	unsigned long v;

	switch (opt) {
	case EO_OPT_LEARN:
		o->mode = 1;
		return 1;
	case EO_OPT_NO_LEARN:
		o->mode = -1;
		return 1;
	case EO_OPT_LEARN_TIMEOUT:
		if (eo_parse_positive("--learn-timeout", arg, &v))
			return -1;
		if (v > EO_LEARN_TIMEOUT_MAX_MS / 1000)
			return eo_err("--learn-timeout", "at most 600 seconds (the learning hook costs every task)");
		o->timeout_ms = v * 1000;
		return 1;
	case EO_OPT_LEARN_MAX:
		if (eo_parse_positive("--learn-max", arg, &v))
			return -1;
		if (v < 64 || v > EO_LEARN_MAX_LIMIT)
			return eo_err("--learn-max", "between 64 and %d", EO_LEARN_MAX_LIMIT);
		o->max = v;
		return 1;
	case EO_OPT_MAX_FUNCS:
		if (eo_parse_positive("--max-funcs", arg, &v))
			return -1;
		o->max_funcs = v > EO_MAX_FUNCS ? EO_MAX_FUNCS : v;
		return 1;
	case EO_OPT_MAX_HITS:
		if (eo_parse_positive("--max-hits", arg, &v))
			return -1;
		o->max_hits = v;
		return 1;
	case EO_OPT_SAVE_PROFILE:
		o->save_profile = arg;
		return 1;
	case EO_OPT_PROFILE:
		o->profile = arg;
		return 1;
	case EO_OPT_NO_KB:
		o->no_kb = true;
		return 1;
	case EO_OPT_NO_PROFILES:
		o->no_profiles = true;
		return 1;
	}
	return 0;
}

bool eo_learn_wanted(const struct eo_learn_opts *o, const struct eo_filter_spec *spec)
{
	if (o->mode)
		return o->mode > 0;
	return spec->any_errno || spec->any_syscall;	/* "any_": a set of them is given */
}

bool eo_profiles_wanted(const struct eo_learn_opts *o, const struct eo_filter_spec *spec)
{
	return !o->no_profiles && (spec->any_errno || spec->any_syscall);
}

static struct eo_learner_pair *eo_learner_find(struct eo_learner *l, const struct eo_pair *k)
{
	size_t i;

	for (i = 0; i < l->npairs; i++)
		if (l->pairs[i].key.nr == k->nr && l->pairs[i].key.abi == k->abi &&
		    l->pairs[i].key.err == k->err)
			return &l->pairs[i];
	return NULL;
}

static struct eo_learner_pair *eo_learner_add(struct eo_learner *l, const struct eo_pair *k,
					      enum eo_learner_state state)
{
	struct eo_learner_pair *lp;

	if (l->npairs == EO_LEARN_PAIRS)
		return NULL;
	lp = &l->pairs[l->npairs++];
	memset(lp, 0, sizeof(*lp));
	lp->key.nr = k->nr;
	lp->key.abi = k->abi;
	lp->key.err = k->err;
	lp->state = state;
	eo_pair_name(&lp->key, lp->name, sizeof(lp->name));
	return lp;
}

static int eo_addr_cmp(const void *a, const void *b)
{
	const struct eo_func *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Arms every armed pair's functions at once (one set, no address twice). */
static int eo_learner_arm_union(struct eo_learner *l, double *ms)
{
	struct eo_pair pairs[EO_LEARN_PAIRS];
	struct eo_func_set u = {};
	size_t i, j, np = 0, kept;
	double t0;
	int ret;

	for (j = 0; j < l->base.n && u.n < EO_MAX_FUNCS; j++) {
		if (eo_grow(&u.items, &u.cap, u.n, sizeof(*u.items))) {
			free(u.items);
			return eo_err("watch", "out of memory");
		}
		u.items[u.n++] = l->base.items[j];	/* borrowed names */
	}
	for (i = 0; i < l->npairs; i++) {
		struct eo_learner_pair *lp = &l->pairs[i];

		if (lp->state != EO_LS_ARMED || !lp->set.n)
			continue;
		pairs[np] = lp->key;
		pairs[np++].funcs = lp->set.n;
		for (j = 0; j < lp->set.n && u.n < EO_MAX_FUNCS; j++) {
			if (eo_grow(&u.items, &u.cap, u.n, sizeof(*u.items))) {
				free(u.items);
				return eo_err("watch", "out of memory");
			}
			u.items[u.n++] = lp->set.items[j];	/* borrowed names */
		}
	}
	if (u.n)
		qsort(u.items, u.n, sizeof(*u.items), eo_addr_cmp);
	for (i = kept = 0; i < u.n; i++)
		if (!kept || u.items[kept - 1].addr != u.items[i].addr)
			u.items[kept++] = u.items[i];
	u.n = kept;
	t0 = eo_now_ms();
	ret = eo_control_start_pairs(l->ctl, "watch", l->spec, u.n ? &u : NULL, pairs, np);
	*ms = eo_now_ms() - t0;
	if (!ret)
		l->armed_ms = t0 + *ms;
	free(u.items);
	return ret;
}

static void eo_learner_save(struct eo_learner *l)
{
	struct eo_func_set sets[EO_LEARN_PAIRS] = {};
	struct eo_pair keys[EO_LEARN_PAIRS] = {};
	size_t i, n = 0;

	if (!l->o.save_profile)
		return;
	for (i = 0; i < l->npairs; i++) {
		if (l->pairs[i].state != EO_LS_ARMED)
			continue;
		keys[n] = l->pairs[i].key;
		sets[n++] = l->pairs[i].set;
	}
	if (!eo_profile_write(l->o.save_profile, l->release, keys, sets, n))
		fprintf(stderr, "errorigin: saved %zu pair%s to the profile %s\n", n,
			n == 1 ? "" : "s", l->o.save_profile);
}

/*
 * Resolves a profile's pairs by name on this kernel. Named (--profile): every pair, and the
 * functions it misses are reported; found (@what: "stock", "user"): only the pairs the
 * filter lets through, and one line says what was armed.
 */
static int eo_learner_load_profile(struct eo_learner *l, const char *path, const char *what)
{
	size_t i, j, missing, pairs = 0, funcs = 0, misses = 0, full = 0;
	struct eo_profile prof;
	bool *seen;

	if (eo_profile_read(path, &prof))
		return -1;
	if (strcmp(prof.release, l->release) && !what)
		fprintf(stderr, "errorigin: profile %s was learned on %s; this kernel is %s: resolving its functions by name\n",
			path, prof.release[0] ? prof.release : "an unknown release",
			l->release);
	for (i = 0; i < prof.npairs; i++) {
		struct eo_profile_pair *pp = &prof.pairs[i];
		struct eo_learner_pair *lp = eo_learner_find(l, &pp->key);

		if (what && !eo_filter_match_pair(l->spec, &pp->key))
			continue;
		/* a pair two profiles have: the first one's set */
		if (what && lp)
			continue;
		if (!lp && !(lp = eo_learner_add(l, &pp->key, EO_LS_ARMED))) {
			full++;
			continue;
		}
		if (!pp->n)
			continue;
		seen = calloc(pp->n, sizeof(*seen));
		if (!seen || eo_funcs_resolve_seen(pp->names, pp->n, &lp->set, seen)) {
			free(seen);
			lp->state = EO_LS_GAVE_UP;
			continue;
		}
		for (j = missing = 0; j < pp->n; j++)
			missing += !seen[j];
		pairs++;
		funcs += lp->set.n;
		misses += missing;
		if (missing && !what) {
			fprintf(stderr, "errorigin: profile %s: %zu of %zu functions for %s are not traceable on this kernel:",
				l->o.profile, missing, pp->n, lp->name);
			for (j = 0; j < pp->n; j++)
				if (!seen[j])
					fprintf(stderr, " %s", pp->names[j]);
			fputc('\n', stderr);
		}
		free(seen);
	}
	if (what && pairs)
		fprintf(stderr, "errorigin: %s profile %s (%s): %zu pair%s, %zu functions%s\n",
			what, path, strcmp(prof.release, l->release) ?
			"of another release of this kernel line, resolved by name" :
			"this kernel's release", pairs, pairs == 1 ? "" : "s", funcs,
			misses ? ", some not traceable here" : "");
	if (full)
		fprintf(stderr, "errorigin: profile %s: %zu pair%s left out: at most %d pairs are followed at once (narrow it with -e or -s)\n",
			path, full, full == 1 ? "" : "s", EO_LEARN_PAIRS);
	eo_profile_free(&prof);
	return 0;
}

/* The user's profiles, then this kernel's stock one; a broken one is said and skipped. */
static void eo_learner_found_profiles(struct eo_learner *l)
{
	char path[PATH_MAX + 64], **user;
	size_t i, n;

	/* the user's first: learned on this very machine */
	if (!eo_user_profiles(&user, &n)) {
		for (i = 0; i < n; i++) {
			eo_learner_load_profile(l, user[i], "user");
			free(user[i]);
		}
		free(user);
	}
	if (eo_stock_profile_find(l->release, path, sizeof(path)) >= 0)
		eo_learner_load_profile(l, path, "stock");
}

struct eo_learner *eo_learner_new(struct eo_nl *ctl, const struct eo_filter_spec *spec,
				  const struct eo_learn_opts *o, bool learn)
{
	struct eo_learner *l = calloc(1, sizeof(*l));
	struct utsname u;

	if (!l) {
		eo_err("watch", "out of memory");
		return NULL;
	}
	l->ctl = ctl;
	l->spec = spec;
	l->o = *o;
	l->learn = learn;
	if (!l->o.timeout_ms)
		l->o.timeout_ms = EO_LEARN_TIMEOUT_DEFAULT_MS;
	if (!l->o.max)
		l->o.max = EO_LEARN_MAX_DEFAULT;
	if (!l->o.max_hits)
		l->o.max_hits = EO_LEARN_MAX_HITS;
	if (!uname(&u))
		snprintf(l->release, sizeof(l->release), "%s", u.release);
	if (!l->o.max_funcs)
		l->o.max_funcs = EO_LEARN_MAX_FUNCS;
	/*
	 * What the learning hook follows is read now, not at the first failure: reading
	 * ftrace's list and applying the deny list costs seconds under TCG, and a retry that
	 * comes meanwhile would find no hook.
	 */
	if (l->learn) {
		if (eo_learnable_load(&l->follow))
			l->learn = false;	/* said why; capture goes on */
		else
			eo_nl_set_max_request(l->ctl, l->follow.n * (sizeof(uint64_t) + 1) +
					      (l->follow.n / EO_LEARN_FUNCS_PER_ATTR + 1) * 4 +
					      (l->follow.n / EO_LEARN_CLASSES_PER_ATTR + 1) * 8 +
					      4096);
	}
	if (l->o.profile && eo_learner_load_profile(l, l->o.profile, NULL)) {
		eo_learner_free(l);
		return NULL;
	}
	if (eo_profiles_wanted(&l->o, spec))
		eo_learner_found_profiles(l);
	return l;
}

void eo_learner_set_base(struct eo_learner *l, struct eo_func_set *set)
{
	eo_funcs_free(&l->base);
	l->base = *set;
	memset(set, 0, sizeof(*set));
}

static void eo_learner_forget_seen(struct eo_learner_pair *lp)
{
	while (lp->nseen)
		free(lp->seen[--lp->nseen]);
}

void eo_learner_free(struct eo_learner *l)
{
	size_t i;

	if (!l)
		return;
	eo_funcs_free(&l->base);
	eo_learnable_free(&l->follow);
	for (i = 0; i < l->npairs; i++) {
		eo_funcs_free(&l->pairs[i].set);
		eo_funcs_free(&l->pairs[i].wide);
		eo_learner_forget_seen(&l->pairs[i]);
	}
	free(l);
}

/* The learning hook as the status has it: removed, still learning, or going. */
static const char *eo_learner_hook_state(const struct eo_status *st)
{
	unsigned int i;

	if (!st->learn_hook[0])
		return "the learning hook is removed";
	for (i = 0; i < st->npairs; i++)
		if (st->pairs[i].phase == EO_PHASE_LEARNING)
			return "still learning other pairs";
	/* the module unhooks once the learned pairs are armed, after this reply */
	return "the learning hook goes now";
}

/* Reports what is armed now, and whether the learning hook is still in place. */
static void eo_learner_report(struct eo_learner *l, const char *what, double ms)
{
	struct eo_status *st = calloc(1, sizeof(*st));

	if (!st || eo_status_get(l->ctl, "watch", st)) {
		free(st);
		return;
	}
	fprintf(stderr, "errorigin: %s: following %u function%s in all (%s, armed in %.0f ms); %s\n",
		what, st->funcs_armed, st->funcs_armed == 1 ? "" : "s",
		st->funcs_mechanism[0] ? st->funcs_mechanism : "none", ms,
		eo_learner_hook_state(st));
	free(st);
}

size_t eo_learner_armed_pairs(const struct eo_learner *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->npairs; i++)
		n += l->pairs[i].state == EO_LS_ARMED && l->pairs[i].set.n;
	return n;
}

int eo_learner_arm(struct eo_learner *l)
{
	double ms;
	size_t i, armed = 0;

	for (i = 0; i < l->npairs; i++)
		armed += l->pairs[i].state == EO_LS_ARMED;
	if (eo_learner_arm_union(l, &ms))
		return -1;
	if (armed)
		eo_learner_report(l, "profile", ms);
	return 0;
}

struct eo_learn_req {
	const struct eo_learner *l;
	const struct eo_pair *key;
};

static int eo_learn_fill(struct nl_msg *msg, void *arg)
{
	const struct eo_learn_req *r = arg;

	if (eo_pair_put(msg, r->key, false) ||
	    nla_put_u32(msg, EO_A_LEARN_TIMEOUT_MS, r->l->o.timeout_ms) ||
	    nla_put_u32(msg, EO_A_LEARN_MAX, r->l->o.max))
		return -1;
	/* the learning hook follows only what could be armed anyway: cheaper for everyone */
	return eo_learnable_put(msg, &r->l->follow);
}

static void eo_learner_learn(struct eo_learner *l, struct eo_learner_pair *lp)
{
	struct eo_learn_req req = { .l = l, .key = &lp->key };
	double t0 = eo_now_ms(), ms;
	struct eo_status *st;
	bool direct;

	if (!l->follow.n) {
		lp->state = EO_LS_GAVE_UP;
		return;
	}
	lp->state = EO_LS_LEARNING;
	if (eo_nl_request(l->ctl, "learn", EO_CMD_LEARN, false, eo_learn_fill, &req, NULL, NULL)) {
		lp->state = EO_LS_GAVE_UP;
		return;
	}
	ms = eo_now_ms() - t0;
	st = calloc(1, sizeof(*st));
	/* the trampoline follows returns too; ftrace's callback (other arches) entries only */
	direct = st && !eo_status_get(l->ctl, "learn", st) &&
		 !strncmp(st->learn_hook, "ftrace-direct:", 14);
	free(st);
	if (direct)
		fprintf(stderr, "errorigin: %s: learning which kernel functions this path enters and what they return, so that its next failure comes with its origin: %zu functions hooked in %.0f ms until it fails again (at most %lu s); every other task pays a call and a test per hooked function it runs\n",
			lp->name, l->follow.n, ms, l->o.timeout_ms / 1000);
	else
		fprintf(stderr, "errorigin: %s: learning which kernel functions this path enters, to name the origin from the failure after the next one: %zu functions hooked in %.0f ms until it fails again (at most %lu s); every other task pays an ftrace round trip per hooked function it runs\n",
			lp->name, l->follow.n, ms, l->o.timeout_ms / 1000);
}

/* An origin's chain, function names without their " [module]", kept until it is armed. */
static void eo_learner_keep_seen(struct eo_learner_pair *lp, const struct eo_event *ev)
{
	unsigned int f;

	eo_learner_forget_seen(lp);
	for (f = 0; f < ev->nframes && lp->nseen < EO_EVENT_MAX_FRAMES; f++) {
		lp->seen[lp->nseen] = strndup(ev->frames[f].func, strcspn(ev->frames[f].func, " "));
		if (!lp->seen[lp->nseen])
			break;
		lp->nseen++;
	}
}

/*
 * Once an origin is seen, only its chain stays armed: the cheapest set that still finds it.
 * The chain's functions by name: a chain learning followed may hold some that narrowing
 * left out.
 */
static void eo_learner_shrink(struct eo_learner *l, struct eo_learner_pair *lp)
{
	struct eo_func_set chain = {};
	const char *origin;
	double ms;

	/* a pair the knowledge base's functions served has no set of its own to shrink */
	if (!lp->nseen || lp->chain || !lp->set.n) {
		eo_learner_forget_seen(lp);
		return;
	}
	if (eo_funcs_resolve_names(lp->seen, lp->nseen, &chain) || !chain.n) {
		eo_funcs_free(&chain);
		eo_learner_forget_seen(lp);
		return;
	}
	lp->wide = lp->set;
	lp->set = chain;
	lp->chain = true;
	if (eo_learner_arm_union(l, &ms)) {
		eo_funcs_free(&lp->set);
		lp->set = lp->wide;
		memset(&lp->wide, 0, sizeof(lp->wide));
		lp->chain = false;
		eo_learner_forget_seen(lp);
		return;
	}
	origin = lp->seen[0];
	fprintf(stderr, "errorigin: %s: origin %s; from now on following only its chain (%zu functions), and the %zu learned ones again if a failure comes without origin\n",
		lp->name, origin, lp->set.n, lp->wide.n);
	eo_learner_forget_seen(lp);
	eo_learner_report(l, lp->name, ms);
	eo_learner_save(l);
}

/* A failure of an armed pair without its origin: widen again, or learn again (once). */
static void eo_learner_missed(struct eo_learner *l, struct eo_learner_pair *lp)
{
	double ms;

	if (lp->chain) {
		eo_funcs_free(&lp->set);
		lp->set = lp->wide;
		memset(&lp->wide, 0, sizeof(lp->wide));
		lp->chain = false;
		if (!eo_learner_arm_union(l, &ms)) {
			fprintf(stderr, "errorigin: %s: this failure took another path: following the %zu learned functions again\n",
				lp->name, lp->set.n);
			eo_learner_report(l, lp->name, ms);
		}
		return;
	}
	if (!l->learn || lp->relearned)
		return;
	lp->relearned = true;
	fprintf(stderr, "errorigin: %s: no followed function returned this failure's errno\n",
		lp->name);
	eo_learner_learn(l, lp);
}

void eo_learner_event(struct eo_learner *l, const struct eo_event *ev)
{
	struct eo_learner_pair *lp;
	struct eo_pair k = {
		.nr = ev->syscall_nr,
		.abi = ev->abi,
		.err = (uint32_t)-ev->ret,
	};

	if (ev->abi == EO_ABI_X32 || ev->ret >= 0 || ev->ret < -EO_MAX_ERRNO)
		return;
	lp = eo_learner_find(l, &k);
	if (lp && lp->state == EO_LS_TIMED_OUT) {
		if (l->learn && ev->origin_status != EO_ORIGIN_OK)
			eo_learner_learn(l, lp);
		return;
	}
	if (lp) {
		/* the failure learning learned from, with its origin: armed once its set is */
		if (lp->state == EO_LS_LEARNING && ev->origin_status == EO_ORIGIN_OK && ev->nframes)
			eo_learner_keep_seen(lp, ev);
		if (lp->state != EO_LS_ARMED)
			return;
		if (ev->origin_status == EO_ORIGIN_OK && !lp->chain && ev->nframes) {
			eo_learner_keep_seen(lp, ev);
			eo_learner_shrink(l, lp);
		}
		/*
		 * judged by what is armed now only if it came after that was in place: the
		 * learned failure itself may reach us after its set is armed
		 */
		else if ((ev->origin_status == EO_ORIGIN_NOT_ARMED ||
			  ev->origin_status == EO_ORIGIN_ERRNO_DIFFERS) &&
			 ev->time_ns / 1e6 >= l->armed_ms)
			eo_learner_missed(l, lp);
		return;
	}
	if (ev->origin_status == EO_ORIGIN_OK && ev->nframes) {
		/* the knowledge base's functions named it: nothing to learn */
		eo_learner_add(l, &k, EO_LS_ARMED);
		return;
	}
	if (!l->learn)
		return;
	lp = eo_learner_add(l, &k, EO_LS_LEARNING);
	if (!lp) {
		if (!l->full_told)
			fprintf(stderr, "errorigin: not learning more pairs: %d are learned or armed already\n",
				EO_LEARN_PAIRS);
		l->full_told = true;
		return;
	}
	eo_learner_learn(l, lp);
}

struct eo_learned_read {
	const struct eo_pair *key;
	struct eo_learned *funcs;
	size_t n, cap;
	int error;
};

static struct nla_policy eo_lfunc_policy[EO_LFUNC_A_MAX + 1] = {
	[EO_LFUNC_A_SYM]	= { .type = NLA_STRING },
	[EO_LFUNC_A_CALLER]	= { .type = NLA_STRING },
	[EO_LFUNC_A_LAST]	= { .type = NLA_U32 },
	[EO_LFUNC_A_HITS]	= { .type = NLA_U32 },
};

/* A part of the set: EO_A_LEARNED holds EO_LEARNED_A_FUNC nests. */
static int eo_learned_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *a, *ft[EO_LFUNC_A_MAX + 1];
	struct eo_learned_read *r = arg;
	struct eo_learned *f;
	struct eo_pair p;
	int rem;

	if (!tb[EO_A_LEARNED] || eo_pair_parse(tb[EO_A_PAIR], &p) || p.nr != r->key->nr ||
	    p.abi != r->key->abi || p.err != r->key->err)
		return 0;
	nla_for_each_nested(a, tb[EO_A_LEARNED], rem) {
		if (nla_type(a) != EO_LEARNED_A_FUNC ||
		    nla_parse_nested(ft, EO_LFUNC_A_MAX, a, eo_lfunc_policy) < 0 ||
		    !ft[EO_LFUNC_A_SYM])
			continue;
		if (eo_grow(&r->funcs, &r->cap, r->n, sizeof(*r->funcs))) {
			r->error = ENOMEM;
			return -1;
		}
		f = &r->funcs[r->n++];
		memset(f, 0, sizeof(*f));
		nla_strlcpy(f->sym, ft[EO_LFUNC_A_SYM], sizeof(f->sym));
		if (ft[EO_LFUNC_A_CALLER])
			nla_strlcpy(f->caller, ft[EO_LFUNC_A_CALLER], sizeof(f->caller));
		f->last = ft[EO_LFUNC_A_LAST] ? nla_get_u32(ft[EO_LFUNC_A_LAST]) : 0;
		f->hits = ft[EO_LFUNC_A_HITS] ? nla_get_u32(ft[EO_LFUNC_A_HITS]) : 0;
	}
	return 0;
}

static int eo_learned_fill(struct nl_msg *msg, void *arg)
{
	return eo_pair_put(msg, arg, false);
}

/*
 * The pair's learned set, dumped again (up to 3 times) when another set changed while
 * it was read.
 */
static int eo_learned_get(struct eo_learner *l, struct eo_learned_read *r)
{
	int tries, ret = EO_NL_INTERRUPTED;

	for (tries = 0; tries < 3 && ret == EO_NL_INTERRUPTED; tries++) {
		r->n = 0;
		ret = eo_nl_request(l->ctl, "learn", EO_CMD_GET_LEARNED, true, eo_learned_fill,
				    (void *)r->key, eo_learned_reply, r);
	}
	if (ret == EO_NL_INTERRUPTED)
		return eo_err("learn", "the learned sets kept changing while they were read");
	return ret;
}

/* What the learning hook cost the tasks it did not record, while the pair learned. */
static void eo_learner_others(const struct eo_learner_pair *lp, const struct eo_pair *p)
{
	fprintf(stderr, "errorigin: %s: the learning hook was live %.1f s; other tasks entered it %" PRIu64 " times meanwhile (%.0f a second)\n",
		lp->name, p->elapsed_ms / 1000.0, p->others,
		p->elapsed_ms ? p->others * 1000.0 / p->elapsed_ms : 0.0);
}

/* The learned set: named, narrowed, armed with the other pairs' sets. */
static void eo_learner_learned(struct eo_learner *l, struct eo_learner_pair *lp,
			       const struct eo_pair *p)
{
	uint32_t total = p->funcs;
	struct eo_learned_read r = { .key = &lp->key };
	struct eo_narrow_limits lim = { l->o.max_funcs, l->o.max_hits };
	struct eo_narrow_result res;
	size_t i;
	double ms;

	lp->state = EO_LS_GAVE_UP;
	eo_funcs_free(&lp->set);
	eo_funcs_free(&lp->wide);
	lp->chain = false;
	if (eo_learned_get(l, &r) || !r.n) {
		if (!r.n)
			eo_err("learn", "%s: the module kept no learned set", lp->name);
		free(r.funcs);
		return;
	}
	if (eo_funcs_from_learned(r.funcs, r.n, &lp->set)) {
		free(r.funcs);
		return;
	}
	free(r.funcs);
	eo_narrow(lp->set.items, lp->set.n, &lim, &res);
	for (i = res.kept; i < lp->set.n; i++) {
		free(lp->set.items[i].name);
		free(lp->set.items[i].module);
	}
	lp->set.n = res.kept;
	eo_learner_others(lp, p);
	fprintf(stderr, "errorigin: %s: the failing call entered %u functions; following the %zu nearest the failure and %zu of their callers; left out %zu that cannot fail (BTF), %zu denied, %zu entered more than %lu times, %zu beyond --max-funcs %lu\n",
		lp->name, total, res.kept - res.callers, res.callers, lp->set.cannot_fail,
		lp->set.denied, res.hot, l->o.max_hits, res.capped, l->o.max_funcs);
	if (!res.kept)
		return;
	lp->state = EO_LS_ARMED;
	if (eo_learner_arm_union(l, &ms)) {
		lp->state = EO_LS_GAVE_UP;
		return;
	}
	eo_learner_report(l, lp->name, ms);
	eo_learner_save(l);
	/* the failure that ended learning came with its origin: only that chain stays */
	eo_learner_shrink(l, lp);
}

void eo_learner_pair(struct eo_learner *l, const struct eo_pair *p)
{
	struct eo_learner_pair *lp = eo_learner_find(l, p);

	if (!lp || lp->state != EO_LS_LEARNING)
		return;
	switch (p->phase) {
	case EO_PHASE_LEARNED:
		eo_learner_learned(l, lp, p);
		return;
	case EO_PHASE_TIMED_OUT:
		lp->state = EO_LS_TIMED_OUT;
		eo_learner_others(lp, p);
		fprintf(stderr, "errorigin: %s: learning stopped after %.1f s: it did not fail again (--learn-timeout); capture goes on without its origin, and its next failure starts learning again\n",
			lp->name, p->elapsed_ms / 1000.0);
		return;
	case EO_PHASE_OVERFLOW:
		lp->state = EO_LS_GAVE_UP;
		fprintf(stderr, "errorigin: %s: learning stopped: the failing call entered more than %lu functions (raise --learn-max)\n",
			lp->name, l->o.max);
		return;
	}
}
