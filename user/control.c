// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <time.h>
#include <netlink/attr.h>
#include "control.h"
#include "status.h"

/* watch's armings belong to its socket: the kernel undoes them however it ends */
static enum eo_arming eo_control_how;

void eo_control_arming(enum eo_arming how)
{
	eo_control_how = how;
}

void eo_control_own_arming(bool owned)
{
	eo_control_arming(owned ? EO_ARMING_OWNED : EO_ARMING_KEPT);
}

struct eo_start_req {
	const struct eo_filter_spec *spec;
	const struct eo_func_set *funcs;
	const struct eo_pair *pairs;
	size_t npairs;
};

int eo_pair_put(struct nl_msg *msg, const struct eo_pair *p, bool with_funcs)
{
	struct nlattr *nest = nla_nest_start(msg, EO_A_PAIR);

	if (!nest || nla_put_u32(msg, EO_PAIR_A_SYSCALL_NR, p->nr) ||
	    nla_put_u8(msg, EO_PAIR_A_ABI, p->abi) ||
	    nla_put_u32(msg, EO_PAIR_A_ERRNO, p->err) ||
	    (with_funcs && nla_put_u32(msg, EO_PAIR_A_FUNCS, p->funcs)))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int eo_control_fill(struct nl_msg *msg, void *arg)
{
	const struct eo_start_req *req = arg;
	const struct eo_func_set *fs = req->funcs;
	uint64_t *addrs;
	uint8_t *classes;
	size_t i;
	int ret;

	if (eo_control_how == EO_ARMING_EXTEND) {
		if (nla_put_flag(msg, EO_A_EXTEND))
			return -1;
	} else if (eo_filter_put(msg, req->spec) ||
		   (eo_control_how == EO_ARMING_OWNED && nla_put_flag(msg, EO_A_OWNED))) {
		return -1;
	}
	for (i = 0; i < req->npairs; i++)
		if (eo_pair_put(msg, &req->pairs[i], true))
			return -1;
	if (!fs || !fs->n)
		return 0;
	addrs = calloc(fs->n, sizeof(*addrs));
	classes = calloc(fs->n, sizeof(*classes));
	ret = -1;
	if (addrs && classes) {
		for (i = 0; i < fs->n; i++) {
			addrs[i] = fs->items[i].addr;
			classes[i] = fs->items[i].class;
		}
		ret = nla_put(msg, EO_A_FUNC_ADDRS, fs->n * sizeof(*addrs), addrs) ||
		      nla_put(msg, EO_A_FUNC_CLASSES, fs->n, classes) ? -1 : 0;
	}
	free(addrs);
	free(classes);
	return ret;
}

int eo_control_start(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec,
		     const struct eo_func_set *funcs)
{
	return eo_control_start_pairs(nl, what, spec, funcs, NULL, 0);
}

int eo_control_start_pairs(struct eo_nl *nl, const char *what,
			   const struct eo_filter_spec *spec, const struct eo_func_set *funcs,
			   const struct eo_pair *pairs, size_t npairs)
{
	struct eo_start_req req = { spec, funcs, pairs, npairs };

	return eo_nl_request(nl, what, EO_CMD_START, false, eo_control_fill, &req, NULL, NULL);
}

int eo_control_stop(struct eo_nl *nl, const char *what)
{
	return eo_nl_request(nl, what, EO_CMD_STOP, false, NULL, NULL, NULL, NULL);
}

int eo_control_quiet(struct eo_nl *nl, const char *what)
{
	return eo_nl_request(nl, what, EO_CMD_QUIET, false, NULL, NULL, NULL, NULL);
}

int eo_control_reset_counts(struct eo_nl *nl, const char *what)
{
	return eo_nl_request(nl, what, EO_CMD_RESET_COUNTS, false, NULL, NULL, NULL, NULL);
}

int eo_origin_option(struct eo_origin_opts *o, int opt, const char *arg)
{
	if (opt == 'f')
		return eo_funcs_add_list(&o->patterns, &o->n, arg) ? -1 : 1;
	if (opt == 'F')
		return eo_funcs_add_file(&o->patterns, &o->n, arg) ? -1 : 1;
	return 0;
}

void eo_origin_opts_free(struct eo_origin_opts *o)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		free(o->patterns[i]);
	free(o->patterns);
	o->patterns = NULL;
	o->n = 0;
}

double eo_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int eo_control_arm(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec,
		   const struct eo_origin_opts *o)
{
	struct eo_func_set set = {};
	struct eo_status *st;
	double t0;
	int ret;

	if (!o || !o->n)
		return eo_control_start(nl, what, spec, NULL);
	if (eo_funcs_resolve(o->patterns, o->n, &set))
		return -1;
	t0 = eo_now_ms();
	ret = eo_control_start(nl, what, spec, &set);
	st = calloc(1, sizeof(*st));
	if (!ret && st && !eo_status_get(nl, what, st))
		eo_funcs_report(stderr, &set, st->funcs_armed, st->funcs_refused,
				st->funcs_mechanism, eo_now_ms() - t0);
	free(st);
	eo_funcs_free(&set);
	return ret;
}
