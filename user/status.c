// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "status.h"

static void eo_status_cpu(struct eo_status *st, struct nlattr *nest)
{
	struct nlattr *tb[EO_CPU_A_MAX + 1];

	if (st->ncpus >= EO_STATUS_MAX_CPUS ||
	    nla_parse_nested(tb, EO_CPU_A_MAX, nest, NULL) < 0 || !tb[EO_CPU_A_ID])
		return;
	st->cpus[st->ncpus].id = nla_get_u32(tb[EO_CPU_A_ID]);
	st->cpus[st->ncpus].queued = tb[EO_CPU_A_QUEUED] ? nla_get_u64(tb[EO_CPU_A_QUEUED]) : 0;
	st->cpus[st->ncpus].dropped = tb[EO_CPU_A_DROPPED] ? nla_get_u64(tb[EO_CPU_A_DROPPED]) : 0;
	st->ncpus++;
}

/* EO_A_PAIR repeats: the table keeps only the last, so walk the message. */
static void eo_status_pairs(struct eo_status *st, struct nlattr **tb)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, eo_nl_attrs(&rem), rem, rem)
		if (nla_type(a) == EO_A_PAIR && st->npairs < EO_LEARN_PAIRS &&
		    !eo_pair_parse(a, &st->pairs[st->npairs]))
			st->npairs++;
}

static int eo_status_reply(struct nlattr **tb, void *arg)
{
	struct eo_status *st = arg;
	struct nlattr *a, *cfg[EO_CONFIG_A_MAX + 1];
	int rem;

	st->armed = tb[EO_A_ARMED] && nla_get_u8(tb[EO_A_ARMED]);
	eo_status_pairs(st, tb);
	if (tb[EO_A_MECHANISM])
		nla_strlcpy(st->mechanism, tb[EO_A_MECHANISM], sizeof(st->mechanism));
	if (tb[EO_A_FILTER])
		eo_filter_from_attr(tb[EO_A_FILTER], &st->filter);
	if (tb[EO_A_FUNCS_ARMED])
		st->funcs_armed = nla_get_u32(tb[EO_A_FUNCS_ARMED]);
	if (tb[EO_A_FUNCS_REFUSED])
		st->funcs_refused = nla_get_u32(tb[EO_A_FUNCS_REFUSED]);
	if (tb[EO_A_FUNCS_MECHANISM])
		nla_strlcpy(st->funcs_mechanism, tb[EO_A_FUNCS_MECHANISM],
			    sizeof(st->funcs_mechanism));
	if (tb[EO_A_LEARN_HOOK])
		nla_strlcpy(st->learn_hook, tb[EO_A_LEARN_HOOK], sizeof(st->learn_hook));
	if (tb[EO_A_STATS]) {
		nla_for_each_nested(a, tb[EO_A_STATS], rem) {
			int type = nla_type(a);

			if (type == EO_STATS_A_CPU)
				eo_status_cpu(st, a);
			else if (type <= EO_STATS_A_MAX && nla_len(a) == 8)
				st->stats[type] = nla_get_u64(a);
		}
	}
	if (tb[EO_A_OWNER_PID])
		st->owner_pid = nla_get_u32(tb[EO_A_OWNER_PID]);
	if (tb[EO_A_QUIET_CLIENTS])
		st->quiet_clients = nla_get_u32(tb[EO_A_QUIET_CLIENTS]);
	if (tb[EO_A_CONFIG] && nla_parse_nested(cfg, EO_CONFIG_A_MAX, tb[EO_A_CONFIG], NULL) >= 0) {
		if (cfg[EO_CONFIG_A_QUEUE_SIZE])
			st->queue_size = nla_get_u32(cfg[EO_CONFIG_A_QUEUE_SIZE]);
		if (cfg[EO_CONFIG_A_RECORDER_SIZE])
			st->recorder_size = nla_get_u32(cfg[EO_CONFIG_A_RECORDER_SIZE]);
		if (cfg[EO_CONFIG_A_COUNTS_SIZE])
			st->counts_size = nla_get_u32(cfg[EO_CONFIG_A_COUNTS_SIZE]);
		if (cfg[EO_CONFIG_A_FUNCS_HOOK])
			nla_strlcpy(st->funcs_hook, cfg[EO_CONFIG_A_FUNCS_HOOK],
				    sizeof(st->funcs_hook));
		if (cfg[EO_CONFIG_A_FUNCS_MAX])
			st->funcs_max = nla_get_u32(cfg[EO_CONFIG_A_FUNCS_MAX]);
		if (cfg[EO_CONFIG_A_SESSIONS])
			st->sessions = nla_get_u32(cfg[EO_CONFIG_A_SESSIONS]);
		if (cfg[EO_CONFIG_A_ALWAYS_DRAINED])
			st->always_drained = nla_get_u8(cfg[EO_CONFIG_A_ALWAYS_DRAINED]);
		if (cfg[EO_CONFIG_A_CLOCK])
			nla_strlcpy(st->clock, cfg[EO_CONFIG_A_CLOCK], sizeof(st->clock));
		if (cfg[EO_CONFIG_A_MEMORY])
			st->memory = nla_get_u64(cfg[EO_CONFIG_A_MEMORY]);
	}
	return 0;
}

int eo_status_get(struct eo_nl *nl, const char *what, struct eo_status *st)
{
	memset(st, 0, sizeof(*st));
	return eo_nl_request(nl, what, EO_CMD_GET_STATUS, false, NULL, NULL, eo_status_reply, st);
}
