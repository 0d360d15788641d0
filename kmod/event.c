// SPDX-License-Identifier: GPL-2.0
#include <linux/kallsyms.h>
#include <net/genetlink.h>
#include "alloc.h"
#include "clock.h"
#include "event.h"
#include "learn.h"
#include "learn_set.h"
#include "netlink.h"
#include "queue.h"

/* an event with EO_ORIGIN_MAX_CHAIN frames of the longest symbol names fits */
#define EO_EVENT_MAX_SIZE	(EO_ORIGIN_MAX_CHAIN * 2 * KSYM_SYMBOL_LEN + 4096)

static atomic64_t eo_event_delivered;
static atomic64_t eo_event_nomem;

/*
 * An address as "name+0xoff/0xsize [module]", in process context. "%pB" names a return
 * address by the call before it (a call that ends a function, to a function that does not
 * return, is not mistaken for the next function). vsprintf prints an address it finds no
 * symbol for as a number: that is sent as "?", since no raw address leaves the module.
 */
static int eo_event_put_sym(struct sk_buff *skb, int type, unsigned long addr, bool ret_addr)
{
	char sym[KSYM_SYMBOL_LEN];

	snprintf(sym, sizeof(sym), ret_addr ? "%pB" : "%pS", (void *)addr);
	if (!strncmp(sym, "0x", 2))
		strscpy(sym, "?", sizeof(sym));
	return nla_put_string(skb, type, sym);
}

/* "%ps" names a frame's function: "name" or "name [module]". */
static int eo_event_put_chain(struct sk_buff *skb, const struct eo_record *rec)
{
	char name[KSYM_SYMBOL_LEN];
	struct nlattr *frame;
	unsigned int i;

	for (i = 0; i < rec->chain_len; i++) {
		unsigned long func = rec->chain_addr[i];

		snprintf(name, sizeof(name), "%ps", (void *)func);
		if (!strncmp(name, "0x", 2))
			strscpy(name, "?", sizeof(name));
		frame = nla_nest_start(skb, EO_EVENT_A_FRAME);
		if (!frame ||
		    nla_put_string(skb, EO_FRAME_A_FUNC, name) ||
		    eo_event_put_sym(skb, EO_FRAME_A_FUNC_SYM, func, false) ||
		    nla_put_s64(skb, EO_FRAME_A_RET, rec->chain_ret[i], EO_FRAME_A_PAD) ||
		    eo_event_put_sym(skb, EO_FRAME_A_SITE_SYM, rec->chain_site[i], true))
			return -EMSGSIZE;
		nla_nest_end(skb, frame);
	}
	return 0;
}

int eo_event_put_learned(struct sk_buff *skb, const struct eo_learned_func *f)
{
	struct nlattr *nest = nla_nest_start(skb, EO_LEARNED_A_FUNC);

	if (!nest)
		return -EMSGSIZE;
	if (eo_event_put_sym(skb, EO_LFUNC_A_SYM, f->ip, false) ||
	    eo_event_put_sym(skb, EO_LFUNC_A_CALLER, f->parent, true) ||
	    nla_put_u32(skb, EO_LFUNC_A_LAST, f->last) ||
	    nla_put_u32(skb, EO_LFUNC_A_HITS, f->hits)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int eo_event_put_strings(struct sk_buff *skb, const struct eo_record *rec)
{
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < rec->nstrings; i++) {
		const struct eo_arg_string *s = &rec->strings[i];

		nest = nla_nest_start(skb, EO_EVENT_A_ARG_STRING);
		if (!nest || nla_put_u8(skb, EO_ARGSTR_A_INDEX, s->index) ||
		    nla_put_string(skb, EO_ARGSTR_A_VALUE, s->value) ||
		    nla_put_u8(skb, EO_ARGSTR_A_FLAGS, s->flags))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

int eo_event_put(struct sk_buff *skb, const struct eo_record *rec)
{
	struct nlattr *nest = nla_nest_start(skb, EO_A_EVENT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, EO_EVENT_A_SEQ, rec->seq, EO_EVENT_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_EVENT_A_TIME_NS, eo_clock_ns(rec->stamp),
			      EO_EVENT_A_PAD) ||
	    nla_put_u32(skb, EO_EVENT_A_PID, rec->key.tgid) ||
	    nla_put_u32(skb, EO_EVENT_A_TID, rec->tid) ||
	    nla_put_string(skb, EO_EVENT_A_COMM, rec->key.comm) ||
	    nla_put_u32(skb, EO_EVENT_A_UID, rec->uid) ||
	    nla_put_u64_64bit(skb, EO_EVENT_A_CGROUP_ID, rec->cgroup_id, EO_EVENT_A_PAD) ||
	    nla_put_u32(skb, EO_EVENT_A_SYSCALL_NR, rec->key.nr) ||
	    nla_put_u8(skb, EO_EVENT_A_ABI, rec->key.abi) ||
	    nla_put_s64(skb, EO_EVENT_A_RET, rec->ret, EO_EVENT_A_PAD) ||
	    nla_put(skb, EO_EVENT_A_ARGS, sizeof(rec->args), rec->args) ||
	    nla_put_u32(skb, EO_EVENT_A_CPU, rec->cpu) ||
	    nla_put_u8(skb, EO_EVENT_A_ORIGIN_STATUS, rec->origin_status) ||
	    nla_put_u8(skb, EO_EVENT_A_ORIGIN_FLAGS, rec->origin_flags) ||
	    eo_event_put_chain(skb, rec) || eo_event_put_strings(skb, rec)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * One message of @cmd filled by @put, to the events group; a failure is counted. Most fit in
 * a page; long symbol names in a deep chain may not, and get a second, larger try.
 */
static bool eo_event_send(u8 cmd, int (*put)(struct sk_buff *, const void *), const void *arg)
{
	static const size_t sizes[] = { NLMSG_GOODSIZE, EO_EVENT_MAX_SIZE };
	struct sk_buff *skb;
	unsigned int i;
	void *hdr;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		skb = genlmsg_new(sizes[i], EO_GFP);
		if (!skb)
			break;
		hdr = genlmsg_put(skb, 0, 0, &eo_genl_family, 0, cmd);
		if (hdr && !put(skb, arg)) {
			genlmsg_end(skb, hdr);
			/* -ESRCH: the last listener left; overruns are reported to that socket */
			genlmsg_multicast(&eo_genl_family, skb, 0, EO_MCGRP_EVENTS, GFP_KERNEL);
			return true;
		}
		nlmsg_free(skb);
	}
	atomic64_inc(&eo_event_nomem);
	return false;
}

static int eo_event_put_record(struct sk_buff *skb, const void *rec)
{
	return eo_event_put(skb, rec);
}

int eo_event_put_pair(struct sk_buff *skb, const struct eo_pair_info *p)
{
	struct nlattr *nest = nla_nest_start(skb, EO_A_PAIR);

	if (!nest ||
	    nla_put_u32(skb, EO_PAIR_A_SYSCALL_NR, p->key.nr) ||
	    nla_put_u8(skb, EO_PAIR_A_ABI, p->key.abi) ||
	    nla_put_u32(skb, EO_PAIR_A_ERRNO, p->key.err) ||
	    nla_put_u8(skb, EO_PAIR_A_PHASE, p->phase) ||
	    nla_put_u32(skb, EO_PAIR_A_FUNCS, p->funcs) ||
	    nla_put_u32(skb, EO_PAIR_A_ELAPSED_MS, p->elapsed_ms) ||
	    (p->others && nla_put_u64_64bit(skb, EO_PAIR_A_OTHERS, p->others, EO_PAIR_A_PAD)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int eo_event_put_pair_msg(struct sk_buff *skb, const void *p)
{
	return eo_event_put_pair(skb, p);
}

void eo_event_pair(const struct eo_pair_info *p)
{
	if (genl_has_listeners(&eo_genl_family, &init_net, EO_MCGRP_EVENTS))
		eo_event_send(EO_CMD_LEARNED, eo_event_put_pair_msg, p);
}

/* Asked once a drain pass: a listener that joins during it gets the next pass. */
bool eo_deliver_listened(void)
{
	return genl_has_listeners(&eo_genl_family, &init_net, EO_MCGRP_EVENTS);
}

/* The queue worker's sink while anybody listens. */
void eo_deliver(const struct eo_record *rec)
{
	if (eo_event_send(EO_CMD_EVENT, eo_event_put_record, rec))
		atomic64_inc(&eo_event_delivered);
}

void eo_event_stats(struct eo_stats *s)
{
	s->delivered = atomic64_read(&eo_event_delivered);
	s->drop_nomem = atomic64_read(&eo_event_nomem);
}
