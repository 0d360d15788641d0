// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <netlink/attr.h>
#include "event.h"
#include "names.h"

static struct nla_policy eo_event_policy[EO_EVENT_A_MAX + 1] = {
	[EO_EVENT_A_SEQ]	= { .type = NLA_U64 },
	[EO_EVENT_A_TIME_NS]	= { .type = NLA_U64 },
	[EO_EVENT_A_PID]	= { .type = NLA_U32 },
	[EO_EVENT_A_TID]	= { .type = NLA_U32 },
	[EO_EVENT_A_COMM]	= { .type = NLA_STRING, .maxlen = EO_COMM_LEN },
	[EO_EVENT_A_UID]	= { .type = NLA_U32 },
	[EO_EVENT_A_CGROUP_ID]	= { .type = NLA_U64 },
	[EO_EVENT_A_SYSCALL_NR]	= { .type = NLA_U32 },
	[EO_EVENT_A_ABI]	= { .type = NLA_U8 },
	[EO_EVENT_A_RET]	= { .type = NLA_U64 },
	[EO_EVENT_A_ARGS]	= { .minlen = sizeof(uint64_t) * EO_NR_ARGS },
	[EO_EVENT_A_CPU]	= { .type = NLA_U32 },
	[EO_EVENT_A_ORIGIN_STATUS] = { .type = NLA_U8 },
	[EO_EVENT_A_ORIGIN_FLAGS] = { .type = NLA_U8 },
	[EO_EVENT_A_FRAME]	= { .type = NLA_NESTED },
};

static struct nla_policy eo_frame_policy[EO_FRAME_A_MAX + 1] = {
	[EO_FRAME_A_FUNC]	= { .type = NLA_STRING },
	[EO_FRAME_A_FUNC_SYM]	= { .type = NLA_STRING },
	[EO_FRAME_A_RET]	= { .type = NLA_U64 },
	[EO_FRAME_A_SITE_SYM]	= { .type = NLA_STRING },
};

static struct nla_policy eo_count_policy[EO_COUNT_A_MAX + 1] = {
	[EO_COUNT_A_SYSCALL_NR]	= { .type = NLA_U32 },
	[EO_COUNT_A_ABI]	= { .type = NLA_U8 },
	[EO_COUNT_A_ERRNO]	= { .type = NLA_U32 },
	[EO_COUNT_A_PID]	= { .type = NLA_U32 },
	[EO_COUNT_A_COMM]	= { .type = NLA_STRING, .maxlen = EO_COMM_LEN },
	[EO_COUNT_A_COUNT]	= { .type = NLA_U64 },
	[EO_COUNT_A_CPU]	= { .type = NLA_U32 },
	[EO_COUNT_A_ORIGIN]	= { .type = NLA_STRING },
	[EO_COUNT_A_EVICTED]	= { .type = NLA_FLAG },
};

/* Repeated EO_EVENT_A_FRAME nests, in order: the chain from the origin outward. */
static void eo_event_parse_frames(struct nlattr *nest, struct eo_event *ev)
{
	struct nlattr *a, *tb[EO_FRAME_A_MAX + 1];
	struct eo_frame *fr;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != EO_EVENT_A_FRAME || ev->nframes >= EO_EVENT_MAX_FRAMES ||
		    nla_parse_nested(tb, EO_FRAME_A_MAX, a, eo_frame_policy) < 0)
			continue;
		fr = &ev->frames[ev->nframes++];
		fr->ret = tb[EO_FRAME_A_RET] ? (int64_t)nla_get_u64(tb[EO_FRAME_A_RET]) : 0;
		snprintf(fr->func, sizeof(fr->func), "?");
		if (tb[EO_FRAME_A_FUNC])
			nla_strlcpy(fr->func, tb[EO_FRAME_A_FUNC], sizeof(fr->func));
		if (tb[EO_FRAME_A_FUNC_SYM])
			nla_strlcpy(fr->func_sym, tb[EO_FRAME_A_FUNC_SYM], sizeof(fr->func_sym));
		if (tb[EO_FRAME_A_SITE_SYM])
			nla_strlcpy(fr->site_sym, tb[EO_FRAME_A_SITE_SYM], sizeof(fr->site_sym));
	}
}

void eo_sym_module(const char *sym, char *mod, size_t len)
{
	const char *br = strchr(sym, '[');

	snprintf(mod, len, "%.*s", br ? (int)strcspn(br + 1, "]") : 0, br ? br + 1 : "");
}

int eo_sym_parse(const char *s, struct eo_sym *sym)
{
	unsigned long long off, size;
	int name, end = 0;

	memset(sym, 0, sizeof(*sym));
	name = strcspn(s, "+");
	if (!name || name >= (int)sizeof(sym->name) || s[name] != '+' ||
	    sscanf(s + name, "+%llx/%llx%n", &off, &size, &end) != 2)
		return -1;
	memcpy(sym->name, s, name);
	sym->off = off;
	sym->size = size;
	s += name + end;
	if (*s == ' ' && sscanf(s, " [%63[^]]]", sym->module) != 1)
		return -1;
	return 0;
}

void eo_site_short(const char *sym, char *buf, size_t len)
{
	size_t name = strcspn(sym, "/ ");
	const char *mod = strchr(sym, ' ');

	snprintf(buf, len, "%.*s%s", (int)name, sym, mod ? mod : "");
}

bool eo_frame_tail_call(const struct eo_event *ev, unsigned int i)
{
	char pos[sizeof(ev->frames[0].site_sym)];
	const char *src;

	/* a recursive call returns where its caller will: same site, but inside the caller */
	return i && i < ev->nframes && ev->frames[i].site_sym[0] &&
	       !strcmp(ev->frames[i - 1].site_sym, ev->frames[i].site_sym) &&
	       !eo_frame_position(ev, i, pos, sizeof(pos), &src);
}

bool eo_frame_position(const struct eo_event *ev, unsigned int i, char *pos, size_t len,
		       const char **src)
{
	const struct eo_frame *fr = &ev->frames[i], *below;
	char mod_site[64], mod_fn[64];
	size_t n;

	if (!i || i >= ev->nframes)
		return false;
	below = &ev->frames[i - 1];
	n = strcspn(fr->func, " ");
	eo_sym_module(below->site_sym, mod_site, sizeof(mod_site));
	eo_sym_module(fr->func, mod_fn, sizeof(mod_fn));
	if (strncmp(below->site_sym, fr->func, n) || below->site_sym[n] != '+' ||
	    strcmp(mod_site, mod_fn))
		return false;
	eo_site_short(below->site_sym, pos, len);
	*src = below->site_src;
	return true;
}

static void eo_event_parse_strings(struct nlattr *nest, struct eo_event *ev)
{
	struct nlattr *a, *tb[EO_ARGSTR_A_MAX + 1];
	struct eo_arg_string *s;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != EO_EVENT_A_ARG_STRING || ev->nstrings >= EO_ARG_STRINGS ||
		    nla_parse_nested(tb, EO_ARGSTR_A_MAX, a, NULL) < 0 || !tb[EO_ARGSTR_A_INDEX])
			continue;
		s = &ev->strings[ev->nstrings];
		s->index = nla_get_u8(tb[EO_ARGSTR_A_INDEX]);
		if (s->index >= EO_NR_ARGS)
			continue;
		s->flags = tb[EO_ARGSTR_A_FLAGS] ? nla_get_u8(tb[EO_ARGSTR_A_FLAGS]) : 0;
		s->value[0] = '\0';
		if (tb[EO_ARGSTR_A_VALUE])
			nla_strlcpy(s->value, tb[EO_ARGSTR_A_VALUE], sizeof(s->value));
		ev->nstrings++;
	}
}

int eo_event_parse(struct nlattr *nest, struct eo_event *ev)
{
	struct nlattr *tb[EO_EVENT_A_MAX + 1];

	memset(ev, 0, sizeof(*ev));
	if (!nest || nla_parse_nested(tb, EO_EVENT_A_MAX, nest, eo_event_policy) < 0)
		return -1;
	if (!tb[EO_EVENT_A_PID] || !tb[EO_EVENT_A_SYSCALL_NR] || !tb[EO_EVENT_A_RET])
		return -1;
	if (tb[EO_EVENT_A_SEQ])
		ev->seq = nla_get_u64(tb[EO_EVENT_A_SEQ]);
	if (tb[EO_EVENT_A_TIME_NS])
		ev->time_ns = nla_get_u64(tb[EO_EVENT_A_TIME_NS]);
	ev->pid = nla_get_u32(tb[EO_EVENT_A_PID]);
	if (tb[EO_EVENT_A_TID])
		ev->tid = nla_get_u32(tb[EO_EVENT_A_TID]);
	if (tb[EO_EVENT_A_COMM])
		nla_strlcpy(ev->comm, tb[EO_EVENT_A_COMM], sizeof(ev->comm));
	if (tb[EO_EVENT_A_UID])
		ev->uid = nla_get_u32(tb[EO_EVENT_A_UID]);
	if (tb[EO_EVENT_A_CGROUP_ID])
		ev->cgroup_id = nla_get_u64(tb[EO_EVENT_A_CGROUP_ID]);
	ev->syscall_nr = nla_get_u32(tb[EO_EVENT_A_SYSCALL_NR]);
	if (tb[EO_EVENT_A_ABI])
		ev->abi = nla_get_u8(tb[EO_EVENT_A_ABI]);
	ev->ret = (int64_t)nla_get_u64(tb[EO_EVENT_A_RET]);
	if (tb[EO_EVENT_A_ARGS])
		memcpy(ev->args, nla_data(tb[EO_EVENT_A_ARGS]), sizeof(ev->args));
	if (tb[EO_EVENT_A_CPU])
		ev->cpu = nla_get_u32(tb[EO_EVENT_A_CPU]);
	if (tb[EO_EVENT_A_ORIGIN_STATUS])
		ev->origin_status = nla_get_u8(tb[EO_EVENT_A_ORIGIN_STATUS]);
	if (tb[EO_EVENT_A_ORIGIN_FLAGS])
		ev->origin_flags = nla_get_u8(tb[EO_EVENT_A_ORIGIN_FLAGS]);
	eo_event_parse_frames(nest, ev);
	eo_event_parse_strings(nest, ev);
	return 0;
}

int eo_count_parse(struct nlattr *nest, struct eo_count *c)
{
	struct nlattr *tb[EO_COUNT_A_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (!nest || nla_parse_nested(tb, EO_COUNT_A_MAX, nest, eo_count_policy) < 0)
		return -1;
	if (!tb[EO_COUNT_A_SYSCALL_NR] || !tb[EO_COUNT_A_ERRNO] || !tb[EO_COUNT_A_COUNT])
		return -1;
	c->syscall_nr = nla_get_u32(tb[EO_COUNT_A_SYSCALL_NR]);
	if (tb[EO_COUNT_A_ABI])
		c->abi = nla_get_u8(tb[EO_COUNT_A_ABI]);
	c->err = nla_get_u32(tb[EO_COUNT_A_ERRNO]);
	if (tb[EO_COUNT_A_PID])
		c->pid = nla_get_u32(tb[EO_COUNT_A_PID]);
	if (tb[EO_COUNT_A_COMM])
		nla_strlcpy(c->comm, tb[EO_COUNT_A_COMM], sizeof(c->comm));
	c->count = nla_get_u64(tb[EO_COUNT_A_COUNT]);
	if (tb[EO_COUNT_A_ORIGIN])
		nla_strlcpy(c->origin, tb[EO_COUNT_A_ORIGIN], sizeof(c->origin));
	c->evicted = !!tb[EO_COUNT_A_EVICTED];
	return 0;
}

int eo_pair_parse(struct nlattr *nest, struct eo_pair *p)
{
	struct nlattr *tb[EO_PAIR_A_MAX + 1];

	memset(p, 0, sizeof(*p));
	if (!nest || nla_parse_nested(tb, EO_PAIR_A_MAX, nest, NULL) < 0 ||
	    !tb[EO_PAIR_A_SYSCALL_NR] || !tb[EO_PAIR_A_ERRNO])
		return -1;
	p->nr = nla_get_u32(tb[EO_PAIR_A_SYSCALL_NR]);
	p->err = nla_get_u32(tb[EO_PAIR_A_ERRNO]);
	p->abi = tb[EO_PAIR_A_ABI] ? nla_get_u8(tb[EO_PAIR_A_ABI]) : EO_ABI_NATIVE;
	p->phase = tb[EO_PAIR_A_PHASE] ? nla_get_u8(tb[EO_PAIR_A_PHASE]) : EO_PHASE_NONE;
	p->funcs = tb[EO_PAIR_A_FUNCS] ? nla_get_u32(tb[EO_PAIR_A_FUNCS]) : 0;
	p->elapsed_ms = tb[EO_PAIR_A_ELAPSED_MS] ? nla_get_u32(tb[EO_PAIR_A_ELAPSED_MS]) : 0;
	p->others = tb[EO_PAIR_A_OTHERS] && nla_len(tb[EO_PAIR_A_OTHERS]) == 8 ?
		    nla_get_u64(tb[EO_PAIR_A_OTHERS]) : 0;
	return 0;
}

const char *eo_phase_name(uint8_t phase)
{
	static const char *const names[] = {
		[EO_PHASE_NONE] = "capturing",
		[EO_PHASE_LEARNING] = "learning",
		[EO_PHASE_LEARNED] = "learned",
		[EO_PHASE_TIMED_OUT] = "capturing (learning timed out)",
		[EO_PHASE_OVERFLOW] = "capturing (learning overflowed)",
		[EO_PHASE_ARMED] = "armed",
	};

	return phase < sizeof(names) / sizeof(names[0]) ? names[phase] : "unknown";
}

void eo_pair_name(const struct eo_pair *p, char *buf, size_t len)
{
	const char *e = eo_errno_name(p->err);
	char sc[64];

	eo_syscall_name(p->nr, p->abi, sc, sizeof(sc));
	if (e)
		snprintf(buf, len, "%s%s/%s", p->abi == EO_ABI_COMPAT ? "ia32:" : "", sc, e);
	else
		snprintf(buf, len, "%s%s/%u", p->abi == EO_ABI_COMPAT ? "ia32:" : "", sc, p->err);
}
