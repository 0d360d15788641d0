// SPDX-License-Identifier: GPL-2.0
/*
 * The errorigin generic netlink family: policies, command handlers and dumps. Commands and
 * events give strace-level access to every process and arm kernel probes: every command needs
 * CAP_SYS_ADMIN, or CAP_PERFMON with CAP_SYS_PTRACE, and the events group CAP_SYS_ADMIN.
 */
#include <linux/cpumask.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "alloc.h"
#include "capture.h"
#include "clock.h"
#include "control.h"
#include "counts.h"
#include "event.h"
#include "funcs.h"
#include "learn.h"
#include "learn_set.h"
#include "names.h"
#include "netlink.h"
#include "queue.h"
#include "session.h"

/*
 * Checked on the credentials that opened the socket and on the caller's (netlink_capable),
 * so that a privileged process cannot be tricked into sending a request for another.
 */
static bool eo_nl_permitted(const struct sk_buff *skb)
{
	return netlink_capable(skb, CAP_SYS_ADMIN) ||
	       (netlink_capable(skb, CAP_PERFMON) && netlink_capable(skb, CAP_SYS_PTRACE));
}

static int eo_nl_refuse(struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG_MOD(extack, "needs CAP_SYS_ADMIN, or CAP_PERFMON and CAP_SYS_PTRACE");
	return -EPERM;
}

static const struct nla_policy eo_filter_policy[EO_FILTER_A_MAX + 1] = {
	[EO_FILTER_A_ERRNO]		= NLA_POLICY_RANGE(NLA_U32, 1, EO_MAX_ERRNO),
	[EO_FILTER_A_SYSCALL]		= NLA_POLICY_MAX(NLA_U32, EO_MAX_SYSCALLS - 1),
	[EO_FILTER_A_COMPAT_SYSCALL]	= NLA_POLICY_MAX(NLA_U32, EO_MAX_SYSCALLS - 1),
	[EO_FILTER_A_PID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[EO_FILTER_A_TID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[EO_FILTER_A_COMM]		= { .type = NLA_NUL_STRING, .len = EO_COMM_LEN - 1 },
	[EO_FILTER_A_CGROUP_ID]		= { .type = NLA_U64 },
	[EO_FILTER_A_NO_ARGS]		= { .type = NLA_FLAG },
};

static const struct nla_policy eo_pair_policy[EO_PAIR_A_MAX + 1] = {
	[EO_PAIR_A_SYSCALL_NR]	= NLA_POLICY_MAX(NLA_U32, EO_MAX_SYSCALLS - 1),
	[EO_PAIR_A_ABI]		= NLA_POLICY_MAX(NLA_U8, EO_ABI_COMPAT),
	[EO_PAIR_A_ERRNO]	= NLA_POLICY_RANGE(NLA_U32, 1, EO_MAX_ERRNO),
	[EO_PAIR_A_FUNCS]	= NLA_POLICY_MAX(NLA_U32, EO_MAX_FUNCS),
};

/* u32 ranges beyond what a policy's s16 bounds hold */
static struct netlink_range_validation eo_learn_timeout_range = {
	.min = 100, .max = EO_LEARN_TIMEOUT_MAX_MS,
};
static struct netlink_range_validation eo_learn_max_range = {
	.min = 64, .max = EO_LEARN_MAX_LIMIT,
};

static const struct nla_policy eo_policy[EO_A_MAX + 1] = {
	[EO_A_FILTER]		= NLA_POLICY_NESTED(eo_filter_policy),
	[EO_A_PAIR]		= NLA_POLICY_NESTED(eo_pair_policy),
	[EO_A_LEARN_TIMEOUT_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &eo_learn_timeout_range),
	[EO_A_LEARN_MAX]	= NLA_POLICY_FULL_RANGE(NLA_U32, &eo_learn_max_range),
	[EO_A_LEARN_FUNCS]	= { .type = NLA_BINARY,
				    .len = EO_LEARN_FUNCS_PER_ATTR * sizeof(u64) },
	[EO_A_LEARN_CLASSES]	= { .type = NLA_BINARY, .len = EO_LEARN_CLASSES_PER_ATTR },
	[EO_A_FUNC_ADDRS]	= { .type = NLA_BINARY, .len = EO_MAX_FUNCS * sizeof(u64) },
	[EO_A_FUNC_CLASSES]	= { .type = NLA_BINARY, .len = EO_MAX_FUNCS },
	[EO_A_OWNED]		= { .type = NLA_FLAG },
	[EO_A_EXTEND]		= { .type = NLA_FLAG },
};

static int eo_nl_parse_filter(struct eo_filter *f, const struct nlattr *nest,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, err = 0;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case EO_FILTER_A_ERRNO:
			err = eo_filter_add_errno(f, nla_get_u32(a));
			break;
		case EO_FILTER_A_SYSCALL:
			err = eo_filter_add_syscall(f, nla_get_u32(a), false);
			break;
		case EO_FILTER_A_COMPAT_SYSCALL:
			err = eo_filter_add_syscall(f, nla_get_u32(a), true);
			break;
		case EO_FILTER_A_PID:
			eo_filter_set_pid(f, nla_get_u32(a));
			break;
		case EO_FILTER_A_TID:
			eo_filter_set_tid(f, nla_get_u32(a));
			break;
		case EO_FILTER_A_COMM:
			err = eo_filter_set_comm(f, nla_data(a));
			if (err)
				NL_SET_ERR_MSG_ATTR(extack, a, "comm filter must not be empty");
			break;
		case EO_FILTER_A_CGROUP_ID:
			eo_filter_set_cgroup(f, nla_get_u64(a));
			break;
		case EO_FILTER_A_NO_ARGS:
			f->no_args = true;
			break;
		}
		if (err) {
			NL_SET_BAD_ATTR(extack, a);
			return err;
		}
	}
	return 0;
}

/* The function set: parallel arrays of addresses and return classes. */
static int eo_nl_parse_funcs(struct genl_info *info, struct eo_control_funcs *fs)
{
	const struct nlattr *addrs = info->attrs[EO_A_FUNC_ADDRS];
	const struct nlattr *classes = info->attrs[EO_A_FUNC_CLASSES];
	u32 i;

	if (!addrs && !classes)
		return 0;
	if (!addrs || !classes) {
		NL_SET_ERR_MSG_ATTR(info->extack, addrs ?: classes,
				    "function addresses and return classes go together");
		return -EINVAL;
	}
	if (!nla_len(addrs) || nla_len(addrs) % sizeof(u64) ||
	    nla_len(classes) != nla_len(addrs) / sizeof(u64)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addrs,
				    "need one u64 address per u8 return class, at least one");
		return -EINVAL;
	}
	fs->n = nla_len(classes);
	fs->addrs = nla_data(addrs);
	fs->classes = nla_data(classes);
	for (i = 0; i < fs->n; i++) {
		if (fs->classes[i] >= __EO_RET_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, classes, "unknown return class");
			return -EINVAL;
		}
		if (!fs->addrs[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, addrs, "function address 0");
			return -EINVAL;
		}
		/* probes on errorigin's own handlers would recurse */
		if (within_module(fs->addrs[i], THIS_MODULE)) {
			NL_SET_ERR_MSG_ATTR(info->extack, addrs, "a function of errorigin itself");
			return -EINVAL;
		}
	}
	return 0;
}

/* A pair's key; its syscall must exist in its ABI's table. */
static int eo_nl_parse_pair(const struct nlattr *nest, struct eo_pair_key *k, u32 *funcs,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[EO_PAIR_A_MAX + 1];
	int err;

	err = nla_parse_nested(tb, EO_PAIR_A_MAX, nest, eo_pair_policy, extack);
	if (err)
		return err;
	if (!tb[EO_PAIR_A_SYSCALL_NR] || !tb[EO_PAIR_A_ERRNO]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a pair needs a syscall number and an errno");
		return -EINVAL;
	}
	k->nr = nla_get_u32(tb[EO_PAIR_A_SYSCALL_NR]);
	k->err = nla_get_u32(tb[EO_PAIR_A_ERRNO]);
	k->abi = tb[EO_PAIR_A_ABI] ? nla_get_u8(tb[EO_PAIR_A_ABI]) : EO_ABI_NATIVE;
	if (!eo_syscall_name(k->nr, k->abi == EO_ABI_COMPAT)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[EO_PAIR_A_SYSCALL_NR], "no such syscall in this ABI");
		return -EINVAL;
	}
	if (funcs)
		*funcs = tb[EO_PAIR_A_FUNCS] ? nla_get_u32(tb[EO_PAIR_A_FUNCS]) : 0;
	return 0;
}

/* START's repeated EO_A_PAIR: which pairs the function set serves. */
static int eo_nl_parse_start_pairs(struct genl_info *info, struct eo_control_funcs *fs,
				   struct eo_pair_key *keys, u32 *funcs)
{
	const struct nlattr *a;
	int rem, err;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) != EO_A_PAIR)
			continue;
		if (fs->npairs == EO_LEARN_PAIRS) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "too many pairs");
			return -E2BIG;
		}
		err = eo_nl_parse_pair(a, &keys[fs->npairs], &funcs[fs->npairs], info->extack);
		if (err)
			return err;
		fs->npairs++;
	}
	fs->pairs = keys;
	fs->pair_funcs = funcs;
	return 0;
}

static int eo_nl_start(struct sk_buff *skb, struct genl_info *info)
{
	struct eo_pair_key keys[EO_LEARN_PAIRS];
	u32 pair_funcs[EO_LEARN_PAIRS];
	struct eo_control_funcs fs = {};
	struct nlattr *extend = info->attrs[EO_A_EXTEND];
	struct eo_control_owner owner;
	struct eo_filter *f;
	int err;

	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	if (extend && (info->attrs[EO_A_FILTER] || info->attrs[EO_A_OWNED])) {
		NL_SET_ERR_MSG_ATTR(info->extack, extend,
				    "an extension keeps the armed filter, and has no owner");
		return -EINVAL;
	}
	err = eo_nl_parse_funcs(info, &fs);
	if (!err)
		err = eo_nl_parse_start_pairs(info, &fs, keys, pair_funcs);
	if (err)
		return err;
	f = eo_filter_alloc();
	if (!f)
		return -ENOMEM;
	if (info->attrs[EO_A_FILTER]) {
		err = eo_nl_parse_filter(f, info->attrs[EO_A_FILTER], info->extack);
		if (err) {
			eo_filter_free(f);
			return err;
		}
	}
	owner.sk = NETLINK_CB(skb).sk;
	owner.portid = info->snd_portid;
	owner.pid = task_tgid_vnr(current);
	/*
	 * What a client arms for itself (watch) leaves out its own calls: its non-blocking
	 * reads fail with EAGAIN. The arming ends with its socket's release, before the tgid
	 * can be reused.
	 */
	if (info->attrs[EO_A_OWNED])
		eo_filter_exclude_tgid(f, current->tgid);
	return eo_control_start(f, &fs, !!extend, info->attrs[EO_A_OWNED] ? &owner : NULL,
				info->extack);
}

/*
 * LEARN's functions: every EO_A_LEARN_FUNCS of the message, in order, as one array. The
 * policy validated each; the parsed attributes only keep the last of a repeated type.
 */
static int eo_nl_parse_learn_funcs(const struct genl_info *info, struct eo_learn_req *r)
{
	const struct nlattr *a;
	unsigned int n = 0;
	u64 addr;
	int rem, off;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != EO_A_LEARN_FUNCS)
			continue;
		if (nla_len(a) % sizeof(u64)) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "not a whole number of u64 addresses");
			return -EINVAL;
		}
		n += nla_len(a) / sizeof(u64);
		if (n > EO_LEARN_FUNCS_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, a, "too many functions to learn on");
			return -E2BIG;
		}
	}
	if (!n) {
		NL_SET_ERR_MSG_MOD(info->extack, "which functions to learn on: EO_A_LEARN_FUNCS is missing");
		return -EINVAL;
	}
	r->ips = kvmalloc_array(n, sizeof(*r->ips), EO_GFP);
	if (!r->ips)
		return -ENOMEM;
	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != EO_A_LEARN_FUNCS)
			continue;
		for (off = 0; off < nla_len(a); off += sizeof(addr)) {
			memcpy(&addr, nla_data(a) + off, sizeof(addr));
			r->ips[r->nips++] = addr;
		}
	}
	return 0;
}

/*
 * LEARN's return classes: one byte per function, in the order of EO_A_LEARN_FUNCS, over as
 * many EO_A_LEARN_CLASSES as it takes; none at all is fine (entries only).
 */
static int eo_nl_parse_learn_classes(const struct genl_info *info, struct eo_learn_req *r)
{
	const struct nlattr *a;
	unsigned int n = 0, i;
	int rem;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != EO_A_LEARN_CLASSES)
			continue;
		for (i = 0; i < nla_len(a); i++) {
			u8 c = ((const u8 *)nla_data(a))[i];

			if (c >= __EO_RET_MAX && c != EO_LEARN_RET_NONE) {
				NL_SET_ERR_MSG_ATTR(info->extack, a, "not a return class");
				return -EINVAL;
			}
		}
		n += nla_len(a);
		if (n > r->nips)
			break;
	}
	if (!n)
		return 0;
	if (n != r->nips) {
		NL_SET_ERR_MSG_MOD(info->extack, "EO_A_LEARN_CLASSES must give one class per function");
		return -EINVAL;
	}
	r->classes = kvmalloc(n, EO_GFP);
	if (!r->classes)
		return -ENOMEM;
	n = 0;
	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != EO_A_LEARN_CLASSES)
			continue;
		memcpy(r->classes + n, nla_data(a), nla_len(a));
		n += nla_len(a);
	}
	return 0;
}

static int eo_nl_learn(struct sk_buff *skb, struct genl_info *info)
{
	struct eo_learn_req r = {
		.timeout_ms = EO_LEARN_TIMEOUT_DEFAULT_MS,
		.max = EO_LEARN_MAX_DEFAULT,
	};
	int err;

	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	if (!info->attrs[EO_A_PAIR]) {
		NL_SET_ERR_MSG_MOD(info->extack, "which pair to learn: EO_A_PAIR is missing");
		return -EINVAL;
	}
	err = eo_nl_parse_pair(info->attrs[EO_A_PAIR], &r.key, NULL, info->extack);
	if (err)
		return err;
	if (info->attrs[EO_A_LEARN_TIMEOUT_MS])
		r.timeout_ms = nla_get_u32(info->attrs[EO_A_LEARN_TIMEOUT_MS]);
	if (info->attrs[EO_A_LEARN_MAX])
		r.max = nla_get_u32(info->attrs[EO_A_LEARN_MAX]);
	err = eo_nl_parse_learn_funcs(info, &r);
	if (!err)
		err = eo_nl_parse_learn_classes(info, &r);
	if (!err)
		err = eo_control_learn(&r, info->extack);
	kvfree(r.classes);
	kvfree(r.ips);
	return err;
}

static int eo_nl_reset_counts(struct sk_buff *skb, struct genl_info *info)
{
	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	return eo_control_reset_counts(info->extack);
}

static int eo_nl_stop(struct sk_buff *skb, struct genl_info *info)
{
	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	eo_control_stop();
	return 0;
}

static int eo_nl_quiet(struct sk_buff *skb, struct genl_info *info)
{
	struct eo_control_owner client = {
		.sk = NETLINK_CB(skb).sk,
		.portid = info->snd_portid,
		.pid = task_tgid_vnr(current),
	};

	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	return eo_control_quiet(&client, info->extack);
}

static int eo_nl_put_bitmap(struct sk_buff *skb, int type, const unsigned long *map,
			    unsigned int bits)
{
	unsigned int bit;

	for_each_set_bit(bit, map, bits)
		if (nla_put_u32(skb, type, bit))
			return -EMSGSIZE;
	return 0;
}

static int eo_nl_put_filter(struct sk_buff *skb, const struct eo_filter *f)
{
	struct nlattr *nest = nla_nest_start(skb, EO_A_FILTER);

	if (!nest ||
	    eo_nl_put_bitmap(skb, EO_FILTER_A_ERRNO, f->errnos, EO_MAX_ERRNO + 1) ||
	    eo_nl_put_bitmap(skb, EO_FILTER_A_SYSCALL, f->syscalls, EO_MAX_SYSCALLS) ||
	    eo_nl_put_bitmap(skb, EO_FILTER_A_COMPAT_SYSCALL, f->compat_syscalls,
			     EO_MAX_SYSCALLS) ||
	    ((f->flags & EO_F_PID) && nla_put_u32(skb, EO_FILTER_A_PID, f->tgid)) ||
	    ((f->flags & EO_F_TID) && nla_put_u32(skb, EO_FILTER_A_TID, f->tid)) ||
	    ((f->flags & EO_F_COMM) && nla_put_string(skb, EO_FILTER_A_COMM, f->comm)) ||
	    ((f->flags & EO_F_CGROUP) &&
	     nla_put_u64_64bit(skb, EO_FILTER_A_CGROUP_ID, f->cgroup_id, EO_FILTER_A_PAD)) ||
	    (f->no_args && nla_put_flag(skb, EO_FILTER_A_NO_ARGS)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int eo_nl_put_control(void *arg, const struct eo_control_state *st)
{
	struct sk_buff *skb = arg;

	if (nla_put_u8(skb, EO_A_ARMED, !!st->filter) ||
	    nla_put_u32(skb, EO_A_QUIET_CLIENTS, st->quiet_clients))
		return -EMSGSIZE;
	if (!st->filter)
		return 0;
	if (nla_put_string(skb, EO_A_MECHANISM, st->hook) ||
	    (st->owner_pid && nla_put_u32(skb, EO_A_OWNER_PID, st->owner_pid)))
		return -EMSGSIZE;
	if (st->funcs_hook &&
	    (nla_put_u32(skb, EO_A_FUNCS_ARMED, st->funcs_armed) ||
	     nla_put_u32(skb, EO_A_FUNCS_REFUSED, st->funcs_refused) ||
	     nla_put_string(skb, EO_A_FUNCS_MECHANISM, st->funcs_hook)))
		return -EMSGSIZE;
	return eo_nl_put_filter(skb, st->filter);
}

static int eo_nl_put_cpu_stats(struct sk_buff *skb)
{
	struct eo_cpu_stats c;
	struct nlattr *nest;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		eo_queue_cpu_stats(cpu, &c);
		nest = nla_nest_start(skb, EO_STATS_A_CPU);
		if (!nest ||
		    nla_put_u32(skb, EO_CPU_A_ID, cpu) ||
		    nla_put_u64_64bit(skb, EO_CPU_A_QUEUED, c.queued, EO_CPU_A_PAD) ||
		    nla_put_u64_64bit(skb, EO_CPU_A_DROPPED, c.dropped, EO_CPU_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int eo_nl_put_stats(struct sk_buff *skb)
{
	struct eo_stats s = {};
	struct nlattr *nest;
	int err;

	eo_capture_stats(&s);
	eo_queue_stats(&s);
	eo_event_stats(&s);
	eo_counts_stats(&s);
	eo_session_stats(&s);
	err = eo_control_missed(&s.drop_hook_missed, &s.funcs_missed);
	if (err)
		return err;
	nest = nla_nest_start(skb, EO_A_STATS);
	if (!nest ||
	    nla_put_u64_64bit(skb, EO_STATS_A_CAPTURED, s.captured, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_QUEUED, s.queued, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_DROP_QUEUE_FULL, s.drop_queue_full,
			      EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_DROP_NESTED, s.drop_nested, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_DELIVERED, s.delivered, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_DROP_NOMEM, s.drop_nomem, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_COUNTS_OVERFLOW, s.counts_overflow,
			      EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_RECORDED, s.recorded, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_DROP_HOOK_MISSED, s.drop_hook_missed,
			      EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_SESSIONS_FULL, s.sessions_full, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_FUNCS_MISSED, s.funcs_missed, EO_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, EO_STATS_A_FUNCS_STALE, eo_funcs_stale(), EO_STATS_A_PAD) ||
	    eo_nl_put_cpu_stats(skb))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, EO_A_CONFIG);
	if (!nest ||
	    nla_put_u32(skb, EO_CONFIG_A_QUEUE_SIZE, eo_queue_size()) ||
	    nla_put_u32(skb, EO_CONFIG_A_RECORDER_SIZE, eo_queue_history()) ||
	    nla_put_u32(skb, EO_CONFIG_A_COUNTS_SIZE, eo_counts_slots()) ||
	    nla_put_u32(skb, EO_CONFIG_A_SESSIONS, eo_session_count()) ||
	    nla_put_string(skb, EO_CONFIG_A_FUNCS_HOOK, eo_hook_funcs_name()) ||
	    nla_put_u32(skb, EO_CONFIG_A_FUNCS_MAX, eo_hook_funcs_max()) ||
	    nla_put_u8(skb, EO_CONFIG_A_ALWAYS_DRAINED, !EO_GENL_HAS_BIND) ||
	    nla_put_string(skb, EO_CONFIG_A_CLOCK, eo_clock_name()) ||
	    nla_put_u64_64bit(skb, EO_CONFIG_A_MEMORY, eo_control_bytes(), EO_CONFIG_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int eo_nl_put_pair(void *arg, const struct eo_pair_info *p, const char *hook)
{
	struct sk_buff *skb = arg;

	if (p)
		return eo_event_put_pair(skb, p);
	return hook && nla_put_string(skb, EO_A_LEARN_HOOK, hook) ? -EMSGSIZE : 0;
}

static int eo_nl_status_reply(struct genl_info *info, unsigned int entries);

static int eo_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (!eo_nl_permitted(skb))
		return eo_nl_refuse(info->extack);
	/*
	 * Sized for what the filter lists now, not for every errno and syscall (an order-4
	 * allocation each time); if a START grew it meanwhile, once more for the worst case.
	 */
	err = eo_control_filter_entries();
	if (err >= 0)
		err = eo_nl_status_reply(info, err);
	if (err == -EMSGSIZE)
		err = eo_nl_status_reply(info, EO_MAX_ERRNO + 2 * EO_MAX_SYSCALLS);
	return err;
}

static int eo_nl_status_reply(struct genl_info *info, unsigned int entries)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE + entries * nla_total_size(4) +
			  nr_cpu_ids * nla_total_size(3 * nla_total_size_64bit(8)), EO_GFP);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &eo_genl_family, 0, EO_CMD_GET_STATUS);
	err = -EMSGSIZE;
	if (!hdr)
		goto fail;
	err = eo_control_describe(eo_nl_put_control, msg);
	if (!err)
		err = eo_learn_describe(eo_nl_put_pair, msg);
	if (!err)
		err = eo_nl_put_stats(msg);
	if (err)
		goto fail;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
fail:
	nlmsg_free(msg);
	return err;
}

static int eo_nl_put_symbol(struct sk_buff *skb, int type, u64 addr)
{
	char name[KSYM_SYMBOL_LEN];

	snprintf(name, sizeof(name), "%ps", (void *)(unsigned long)addr);
	return nla_put_string(skb, type, name);
}

/* @c NULL: the CPU's evicted bucket, @evicted failures under keys no longer in the table */
static int eo_nl_put_count(struct sk_buff *skb, struct netlink_callback *cb,
			   unsigned int cpu, const struct eo_count *c, u64 evicted)
{
	static const struct eo_count bucket = {};
	const struct eo_count *k = c ?: &bucket;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &eo_genl_family, NLM_F_MULTI, EO_CMD_GET_COUNTS);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, EO_A_COUNT);
	if (!nest ||
	    nla_put_u32(skb, EO_COUNT_A_SYSCALL_NR, k->key.nr) ||
	    nla_put_u8(skb, EO_COUNT_A_ABI, k->key.abi) ||
	    nla_put_u32(skb, EO_COUNT_A_ERRNO, k->key.err) ||
	    nla_put_u32(skb, EO_COUNT_A_PID, k->key.tgid) ||
	    nla_put_string(skb, EO_COUNT_A_COMM, k->key.comm) ||
	    nla_put_u64_64bit(skb, EO_COUNT_A_COUNT, c ? c->count : evicted, EO_COUNT_A_PAD) ||
	    nla_put_u32(skb, EO_COUNT_A_CPU, cpu) ||
	    (!c && nla_put_flag(skb, EO_COUNT_A_EVICTED)) ||
	    (k->key.origin && eo_nl_put_symbol(skb, EO_COUNT_A_ORIGIN, k->key.origin))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: CPU, cb->args[1]: next slot in that CPU's table */
static int eo_nl_dump_counts(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned int cpu, slot, slots = eo_counts_slots();
	struct eo_count c;

	for (cpu = cb->args[0]; cpu < nr_cpu_ids; cpu++, cb->args[1] = 0) {
		if (!cpu_possible(cpu))
			continue;
		/* the slots, then the evicted bucket (as slot number 'slots') */
		for (slot = cb->args[1]; slot <= slots; slot++) {
			u64 evicted = slot == slots ? eo_counts_evicted(cpu) : 0;

			if (slot == slots ? !evicted : !eo_counts_read(cpu, slot, &c))
				continue;
			if (eo_nl_put_count(skb, cb, cpu, slot == slots ? NULL : &c, evicted)) {
				cb->args[0] = cpu;
				cb->args[1] = slot;
				return skb->len;
			}
		}
	}
	cb->args[0] = cpu;
	return skb->len;
}

/*
 * The flight recorder, CPU by CPU: cb->args[0] is the CPU, [1] the ring position of the
 * next record to send there. The CLI puts the CPUs' records in time order.
 */
static int eo_nl_dump_recent(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long pos = cb->args[1], at;
	unsigned int cpu = cb->args[0];
	struct eo_record rec;
	void *hdr;

	for (; cpu < nr_cpu_ids; cpu++, pos = 0) {
		if (!cpu_possible(cpu))
			continue;
		for (;;) {
			at = pos;
			if (!eo_queue_read(cpu, &pos, &rec))
				break;
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
					  &eo_genl_family, NLM_F_MULTI, EO_CMD_GET_RECENT);
			if (!hdr || eo_event_put(skb, &rec)) {
				if (hdr)
					genlmsg_cancel(skb, hdr);
				/*
				 * Not even alone in a message: an error, not an end that would
				 * skip every later event in silence.
				 */
				if (!skb->len) {
					NL_SET_ERR_MSG_MOD(cb->extack,
							   "an event does not fit the reader's buffer");
					return -EMSGSIZE;
				}
				/* resend this one in the next message */
				cb->args[0] = cpu;
				cb->args[1] = at;
				return skb->len;
			}
			genlmsg_end(skb, hdr);
		}
	}
	cb->args[0] = cpu;
	cb->args[1] = 0;
	return skb->len;
}

/* A learned set in parts: this many functions are copied out of the lock at a time. */
#define EO_NL_LEARNED_CHUNK 16

/*
 * cb->args[0]: pair index, [1]: next function of its set, [2]: 1 when the request named a
 * pair, [3..5]: its syscall, errno and ABI. Each message carries the pair it belongs to;
 * cb->seq is the sets' generation, so a set changed between parts marks NLM_F_DUMP_INTR.
 */
static int eo_nl_dump_learned(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct eo_pair_key only = { cb->args[3], cb->args[4], cb->args[5] };
	struct eo_learned_func lf[EO_NL_LEARNED_CHUNK];
	unsigned int idx = cb->args[0];
	struct eo_pair_info info;
	u32 pos = cb->args[1], gen;
	struct nlattr *set;
	int i, n;
	void *hdr;

	for (;;) {
		n = eo_learn_read(&idx, pos, cb->args[2] ? &only : NULL, lf, ARRAY_SIZE(lf),
				  &info, &gen);
		if (n == -EINTR && !skb->len)
			return n;	/* killed while an arm held the lock */
		if (n < 0)
			break;
		if (!n) {
			idx++;		/* this pair's set is sent */
			pos = 0;
			continue;
		}
		cb->seq = gen;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &eo_genl_family, NLM_F_MULTI, EO_CMD_GET_LEARNED);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		set = eo_event_put_pair(skb, &info) ? NULL : nla_nest_start(skb, EO_A_LEARNED);
		for (i = 0; set && i < n; i++)
			if (eo_event_put_learned(skb, &lf[i]))
				break;
		if (!set || !i) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		nla_nest_end(skb, set);
		genlmsg_end(skb, hdr);
		pos += i;
		if (i < n)
			break;		/* the message is full: the rest in the next one */
	}
	cb->args[0] = idx;
	cb->args[1] = pos;
	return skb->len;
}

static int eo_nl_dump_learned_start(struct netlink_callback *cb)
{
	const struct nlattr *pair = eo_dump_attrs(cb)[EO_A_PAIR];
	struct eo_pair_key k;
	int err;

	if (!eo_nl_permitted(cb->skb))
		return eo_nl_refuse(cb->extack);
	if (!pair)
		return 0;
	err = eo_nl_parse_pair(pair, &k, NULL, cb->extack);
	if (err)
		return err;
	cb->args[2] = 1;
	cb->args[3] = k.nr;
	cb->args[4] = k.err;
	cb->args[5] = k.abi;
	return 0;
}

/*
 * No GENL_ADMIN_PERM (the network admin capability is not enough): doits check
 * eo_nl_permitted() themselves, dumps in their start callback, which answers with an error
 * (a dumpit's error would only end the dump).
 */
static int eo_nl_dump_start(struct netlink_callback *cb)
{
	return eo_nl_permitted(cb->skb) ? 0 : eo_nl_refuse(cb->extack);
}

static const struct genl_small_ops eo_genl_small_ops[] = {
	{
		.cmd = EO_CMD_GET_STATUS,
		.doit = eo_nl_get_status,
	},
	{
		.cmd = EO_CMD_START,
		.doit = eo_nl_start,
	},
	{
		.cmd = EO_CMD_STOP,
		.doit = eo_nl_stop,
	},
	{
		.cmd = EO_CMD_LEARN,
		.doit = eo_nl_learn,
	},
	{
		.cmd = EO_CMD_RESET_COUNTS,
		.doit = eo_nl_reset_counts,
	},
	{
		.cmd = EO_CMD_QUIET,
		.doit = eo_nl_quiet,
	},
};

static const struct genl_ops eo_genl_dump_ops[] = {
	{
		.cmd = EO_CMD_GET_COUNTS,
		.start = eo_nl_dump_start,
		.dumpit = eo_nl_dump_counts,
	},
	{
		.cmd = EO_CMD_GET_RECENT,
		.start = eo_nl_dump_start,
		.dumpit = eo_nl_dump_recent,
	},
	{
		.cmd = EO_CMD_GET_LEARNED,
		.start = eo_nl_dump_learned_start,
		.dumpit = eo_nl_dump_learned,
	},
};

static const struct genl_multicast_group eo_genl_mcgrps[] = {
	[EO_MCGRP_EVENTS] = {
		.name = EO_GENL_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_SYS_ADMIN,
	},
};

/* A socket joins a group, before it is a member: events must reach it from now on. */
static int __maybe_unused eo_nl_bind(int group)
{
	if (group == EO_MCGRP_EVENTS)
		eo_queue_listen();
	return 0;
}

struct genl_family eo_genl_family __ro_after_init = {
	.name		= EO_GENL_NAME,
	.version	= EO_GENL_VERSION,
	.maxattr	= EO_A_MAX,
	.policy		= eo_policy,
	.module		= THIS_MODULE,
	.ops		= eo_genl_dump_ops,
	.n_ops		= ARRAY_SIZE(eo_genl_dump_ops),
	.small_ops	= eo_genl_small_ops,
	.n_small_ops	= ARRAY_SIZE(eo_genl_small_ops),
	.mcgrps		= eo_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(eo_genl_mcgrps),
	EO_GENL_BIND_OP(eo_nl_bind)
	/* resv_start_op 0: strict validation for every command */
	/* eo_control_lock and eo_learn_lock serialise what must be; dumps read locklessly */
	.parallel_ops	= true,
};

int eo_genl_init(void)
{
	return genl_register_family(&eo_genl_family);
}

void eo_genl_uninit(void)
{
	genl_unregister_family(&eo_genl_family);
}
