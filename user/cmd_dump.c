// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cgroup.h"
#include "chain.h"
#include "dump_order.h"
#include "filter.h"
#include "format.h"
#include "nl.h"
#include "subcommands.h"
#include "util.h"

struct eo_dump {
	struct eo_filter_spec spec;
	struct eo_chain_resolver chain;
	bool json;
	int64_t wall_offset;
	struct eo_dump_item *items;
	size_t n, cap;
	bool nomem;
};

static uint64_t eo_dump_u64(const struct nlattr *ev, int type)
{
	const struct nlattr *a = nla_find(nla_data(ev), nla_len(ev), type);

	return a && nla_len(a) >= (int)sizeof(uint64_t) ? nla_get_u64((struct nlattr *)a) : 0;
}

/* The kernel sends the records CPU by CPU: kept (as attributes, not parsed) to be sorted. */
static int eo_dump_keep(struct nlattr **tb, void *arg)
{
	struct eo_dump *d = arg;
	const struct nlattr *ev = tb[EO_A_EVENT], *cpu;
	struct eo_dump_item *it;

	if (!ev || d->nomem)
		return 0;
	if (eo_grow(&d->items, &d->cap, d->n, sizeof(*d->items))) {
		d->nomem = true;
		return 0;
	}
	it = &d->items[d->n];
	it->attr = malloc(ev->nla_len);
	if (!it->attr) {
		d->nomem = true;
		return 0;
	}
	memcpy(it->attr, ev, ev->nla_len);
	it->time_ns = eo_dump_u64(ev, EO_EVENT_A_TIME_NS);
	it->seq = eo_dump_u64(ev, EO_EVENT_A_SEQ);
	cpu = nla_find(nla_data(ev), nla_len(ev), EO_EVENT_A_CPU);
	it->cpu = cpu ? nla_get_u32((struct nlattr *)cpu) : 0;
	d->n++;
	return 0;
}

static void eo_dump_print(struct eo_dump *d, struct nlattr *attr)
{
	static struct eo_event ev;

	if (eo_event_parse(attr, &ev) || !eo_filter_match_event(&d->spec, &ev))
		return;
	snprintf(ev.cgroup, sizeof(ev.cgroup), "%s", eo_cgroup_path(ev.cgroup_id));
	eo_chain_resolve(&d->chain, &ev, stderr);
	if (d->json)
		eo_format_event_json(stdout, &ev);
	else
		eo_format_event_text(stdout, &ev, d->wall_offset);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s dump [FILTERS] [-j|--json]\n"
		   "Prints the flight recorder, oldest first: the last failures the module\n"
		   "captured on each CPU, also while nobody was watching (size: module parameters\n"
		   "recorder_size, all CPUs together, and queue_size, a CPU at least).\n"
		   "FILTERS:\n" EO_FILTER_USAGE
		   "  -j, --json                    one JSON object per line\n", prog);
}

int cmd_dump(int argc, char **argv)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct eo_dump d;
	struct eo_nl *nl;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, EO_FILTER_OPTSTRING "jh", opts, NULL)) != -1) {
		if (opt == 'j') {
			d.json = true;
			continue;
		}
		if (opt == 'h') {
			usage(stdout);
			return 0;
		}
		ret = eo_filter_option(&d.spec, opt, optarg);
		if (ret <= 0) {
			if (!ret)
				usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return -1;
	}
	d.wall_offset = eo_wallclock_offset();
	nl = eo_nl_open("dump");
	if (!nl)
		return -1;
	ret = eo_nl_request(nl, "dump", EO_CMD_GET_RECENT, true, NULL, NULL, eo_dump_keep, &d);
	eo_nl_close(nl);
	if (d.nomem)
		ret = eo_err("dump", "%s", strerror(ENOMEM));
	if (!d.nomem && ret >= 0 && eo_dump_order(d.items, d.n))
		ret = eo_err("dump", "%s", strerror(ENOMEM));
	for (size_t i = 0; i < d.n; i++) {
		if (!d.nomem && ret >= 0)
			eo_dump_print(&d, d.items[i].attr);
		free(d.items[i].attr);
	}
	free(d.items);
	eo_chain_resolver_close(&d.chain);
	return ret;
}
