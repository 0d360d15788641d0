// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include "cgroup.h"
#include "control.h"
#include "filter.h"
#include "format.h"
#include "hints.h"
#include "names.h"
#include "kb_funcs.h"
#include "learn.h"
#include "nl.h"
#include "chain.h"
#include "seqgap.h"
#include "status.h"
#include "subcommands.h"
#include "util.h"

struct eo_watch {
	struct eo_filter_spec spec;
	struct eo_filter_spec by;	/* what learning goes by under another's arming */
	bool json;
	unsigned long max_events;	/* 0: until interrupted */
	unsigned long shown;
	struct eo_seqgap seq;		/* per CPU */
	uint64_t gap_events;
	int64_t wall_offset;
	struct eo_learner *learner;	/* NULL: no learning, no profile */
	struct eo_hints hints;		/* empty without a knowledge base */
	struct eo_chain_resolver chain;
	uint32_t self;			/* getpid() */
};

#define EO_WATCH_MAX_HINTS 4
#define EO_WATCH_MAX_CANDIDATES 64

/* The failure's hints, with values read now (the failing process may be gone soon). */
static size_t eo_watch_hints(struct eo_watch *w, const struct eo_event *ev,
			     const struct eo_hint **hints, struct eo_hint_values *v)
{
	const char *origin = ev->origin_status == EO_ORIGIN_OK && ev->nframes ?
			     ev->frames[0].func : NULL;
	const struct eo_hint *cand[EO_WATCH_MAX_CANDIDATES];
	char sc[64];
	size_t i, n, c;

	eo_syscall_name(ev->syscall_nr, ev->abi, sc, sizeof(sc));
	n = eo_hints_match(&w->hints, origin, sc, (int)-ev->ret, hints, EO_WATCH_MAX_HINTS);
	for (i = 0; i < n; i++)
		eo_hint_read(hints[i], ev->pid, ev->cgroup_id, &v[i]);
	if (n || origin)
		return n;
	/* no origin (yet): the limits of this errno that are full at this moment */
	c = eo_hints_candidates(&w->hints, sc, (int)-ev->ret, cand, EO_WATCH_MAX_CANDIDATES);
	for (i = 0; i < c && n < EO_WATCH_MAX_HINTS; i++) {
		eo_hint_read(cand[i], ev->pid, ev->cgroup_id, &v[n]);
		if (!eo_hint_full(&v[n]))
			continue;
		v[n].candidate = true;
		hints[n++] = cand[i];
	}
	return n;
}

static volatile sig_atomic_t eo_watch_stop;

static void eo_watch_signal(int sig)
{
	eo_watch_stop = 1;
}

static int eo_watch_event(struct nlattr **tb, void *arg)
{
	struct eo_hint_values values[EO_WATCH_MAX_HINTS];
	const struct eo_hint *hints[EO_WATCH_MAX_HINTS];
	struct eo_watch *w = arg;
	struct eo_event ev;
	struct eo_pair p;
	size_t i, nhints;
	uint64_t lost;

	if (!tb[EO_A_EVENT] && tb[EO_A_PAIR]) {
		if (w->learner && !eo_pair_parse(tb[EO_A_PAIR], &p))
			eo_learner_pair(w->learner, &p);
		return 0;
	}
	if (eo_event_parse(tb[EO_A_EVENT], &ev) || (w->max_events && w->shown >= w->max_events))
		return 0;
	/* sequence numbers are gap-free per CPU unless the kernel dropped events there */
	lost = eo_seqgap_check(&w->seq, ev.cpu, ev.seq);
	if (lost) {
		w->gap_events += lost;
		fprintf(stderr, "errorigin: watch: %" PRIu64 " events lost before this one "
			"(CPU %u's kernel queue was full; see 'errorigin status')\n", lost, ev.cpu);
	}
	/* its own calls: the kernel leaves them out, but for a full quiet table */
	if (!eo_filter_match_event(&w->spec, &ev) || ev.pid == w->self)
		return 0;
	/* the limits first: the failing process may exit while debug info loads */
	nhints = eo_watch_hints(w, &ev, hints, values);
	snprintf(ev.cgroup, sizeof(ev.cgroup), "%s", eo_cgroup_path(ev.cgroup_id));
	eo_chain_resolve(&w->chain, &ev, stderr);
	if (w->json) {
		eo_format_event_json_hint(stdout, &ev, nhints ? hints[0] : NULL, values);
	} else {
		eo_format_event_text(stdout, &ev, w->wall_offset);
		for (i = 0; i < nhints; i++)
			eo_format_hint_text(stdout, hints[i], &values[i]);
	}
	if (w->learner)
		eo_learner_event(w->learner, &ev);
	if (w->max_events && ++w->shown >= w->max_events)
		eo_watch_stop = 1;
	return 0;
}

/*
 * Capture armed by someone else (errorigin start): what watch follows and learns is added
 * to that arming, whose filter, owner and functions stay. The filter that picks the
 * pairs to learn is watch's own when it names errnos or syscalls (as far as the armed one
 * lets them through), else the armed one. Only a watch that names some adds the knowledge
 * base's functions and the profiles found for them: a plain watch, run to look, changes the
 * arming only once it has learned a pair.
 */
static int eo_watch_extend(struct eo_watch *w, struct eo_nl *ctl, const struct eo_status *st,
			   const struct eo_learn_opts *learn, struct eo_func_set *kb,
			   struct eo_kb_arming *kb_how, size_t *kb_armed)
{
	bool named = w->spec.any_errno || w->spec.any_syscall, learning;
	struct eo_learn_opts o = *learn;

	w->by = named ? w->spec : st->filter;
	if (named)
		eo_filter_narrow_sets(&w->by, &st->filter);
	learning = eo_learn_wanted(learn, &w->by);
	o.no_profiles |= !named;
	if (named && !learn->no_kb && eo_kb_applies(&w->hints, &w->by) &&
	    eo_kb_funcs(&w->hints, &w->by, kb, kb_how))
		return -1;
	*kb_armed = kb->n;
	if (!learning && !learn->profile && !kb->n && !eo_profiles_wanted(&o, &w->by))
		return 0;
	eo_control_arming(EO_ARMING_EXTEND);
	w->learner = eo_learner_new(ctl, &w->by, &o, learning);
	if (!w->learner)
		return -1;
	eo_learner_set_base(w->learner, kb);
	/* nothing to add yet: the arming stays as it is until a pair is learned */
	if (!*kb_armed && !eo_learner_armed_pairs(w->learner))
		return 0;
	return eo_learner_arm(w->learner);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s watch [FILTERS] [-j|--json] [-n|--count N] [-T|--timeout SECONDS]\n"
		   "Prints failing syscalls as they happen, one per line, until interrupted.\n"
		   "When capture is idle, watch arms it with FILTERS and disarms it on exit; when\n"
		   "it is already armed, the armed filters stay and FILTERS select what is shown,\n"
		   "and the functions watch learns or arms are followed by that capture besides\n"
		   "its own until the next 'errorigin start' or 'stop'.\n"
		   "FILTERS:\n" EO_FILTER_USAGE EO_ORIGIN_USAGE EO_CAPTURE_USAGE EO_LEARN_USAGE
		   "  -j, --json                    one JSON object per line\n"
		   "  -n, --count N                 exit after N events\n"
		   "  -T, --timeout SECONDS         exit after SECONDS\n"
		   "  -v, --verbose                 also say which knowledge-base functions this\n"
		   "                                kernel cannot trace ('status' says it too)\n", prog);
}

static int eo_watch_loop(struct eo_nl *nl, struct eo_watch *w, double timeout)
{
	struct pollfd pfd = { .fd = eo_nl_fd(nl), .events = POLLIN };
	struct timespec start, now;
	int ret, lost;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!eo_watch_stop) {
		int wait_ms = 1000;

		if (timeout > 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			double left = timeout - (now.tv_sec - start.tv_sec) -
				      (now.tv_nsec - start.tv_nsec) / 1e9;
			if (left <= 0)
				break;
			if (left * 1000 < wait_ms)
				wait_ms = (int)(left * 1000) + 1;
		}
		ret = poll(&pfd, 1, wait_ms);
		if (ret < 0 && errno != EINTR)
			return eo_err("watch", "poll: %s", strerror(errno));
		if (ret <= 0)
			continue;
		lost = eo_nl_receive(nl, eo_watch_event, w);
		if (lost < 0)
			return -1;
		if (lost)
			fprintf(stderr, "errorigin: watch: events lost: the socket receive buffer "
				"overran %d time(s); this reader is too slow\n", lost);
	}
	return 0;
}

/* Failures the kernel captured but could not queue, so far. */
static uint64_t eo_watch_drops(struct eo_nl *ctl)
{
	struct eo_status *st = calloc(1, sizeof(*st));
	uint64_t drops = 0;

	if (st && !eo_status_get(ctl, "watch", st))
		drops = st->stats[EO_STATS_A_DROP_QUEUE_FULL] + st->stats[EO_STATS_A_DROP_NESTED];
	free(st);
	return drops;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option opts[] = {
		EO_FILTER_LONGOPTS,
		EO_CAPTURE_LONGOPTS,
		EO_ORIGIN_LONGOPTS,
		EO_LEARN_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_watch *w = calloc(1, sizeof(*w));
	struct sigaction sa = { .sa_handler = eo_watch_signal };
	struct eo_func_set kb = {};
	struct eo_kb_arming kb_how;
	size_t kb_armed = 0;
	struct eo_status *st = calloc(1, sizeof(*st));
	struct eo_nl *nl = NULL, *ctl = NULL;
	struct eo_origin_opts origin = {};
	struct eo_learn_opts learn = {};
	bool armed_here = false, verbose = false;
	const char *extack;
	uint64_t drops;
	double timeout = 0;
	int opt, err, ret = -1;
	char *end;

	if (!w || !st)
		return eo_err("watch", "out of memory");
	w->self = getpid();
	while ((opt = getopt_long(argc, argv, EO_FILTER_OPTSTRING EO_ORIGIN_OPTSTRING
				  EO_LEARN_OPTSTRING "jn:T:vh", opts,
				  NULL)) != -1) {
		switch (opt) {
		case 'j':
			w->json = true;
			continue;
		case 'n':
			if (eo_parse_positive("--count", optarg, &w->max_events))
				goto out;
			continue;
		case 'T':
			timeout = strtod(optarg, &end);
			if (*end || timeout <= 0) {
				eo_err("--timeout", "'%s' is not a positive number of seconds", optarg);
				goto out;
			}
			continue;
		case 'v':
			verbose = true;
			continue;
		case 'h':
			usage(stdout);
			ret = 0;
			goto out;
		}
		ret = eo_filter_option(&w->spec, opt, optarg);
		if (!ret)
			ret = eo_origin_option(&origin, opt, optarg);
		if (!ret)
			ret = eo_learn_option(&learn, opt, optarg);
		if (ret <= 0) {
			if (!ret)
				usage(stderr);
			ret = -1;
			goto out;
		}
		ret = -1;
	}
	if (optind < argc) {
		usage(stderr);
		goto out;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (eo_hints_load(&w->hints))
		fprintf(stderr, "errorigin: hints: no knowledge base found (limits.hints; set ERRORIGIN_HINTS): failures are shown without hints\n");
	else if (verbose)
		eo_hints_check(&w->hints, stderr, false);
	w->wall_offset = eo_wallclock_offset();
	nl = eo_nl_open("watch");
	ctl = nl ? eo_nl_open("watch") : NULL;
	if (!ctl)
		goto out;
	/* subscribe before arming so that the first failure is not missed */
	if (eo_nl_subscribe(nl, "watch"))
		goto out;
	/* its own calls, whoever armed: neither counted, shown nor learned */
	if (eo_control_quiet(ctl, "watch: leaving out its own calls")) {
		err = eo_nl_last_error(ctl, &extack);
		/* too many quiet clients: they are still not shown, only counted */
		if (err != ENOSPC && err != ENOMEM)
			goto out;
	}
	if (eo_status_get(ctl, "watch", st))
		goto out;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (origin.n && (learn.profile || learn.mode > 0)) {
		eo_err("watch", "-f/-F name the functions: they do not go with --profile or --learn");
		goto out;
	}
	if (!st->armed) {
		/* what watch arms is its own: killed or piped into head, the kernel disarms */
		eo_control_own_arming(true);
		if (!origin.n && !learn.no_kb && eo_kb_applies(&w->hints, &w->spec)) {
			/* capture first: a failure while the kernel's text is read is not lost */
			if (eo_control_start(ctl, "watch", &w->spec, NULL))
				goto out;
			armed_here = true;
			if (eo_kb_funcs(&w->hints, &w->spec, &kb, &kb_how))
				goto out;
		}
		kb_armed = kb.n;
		if (!origin.n && (learn.profile || eo_learn_wanted(&learn, &w->spec) || kb.n ||
				  eo_profiles_wanted(&learn, &w->spec))) {
			w->learner = eo_learner_new(ctl, &w->spec, &learn,
						    eo_learn_wanted(&learn, &w->spec));
			if (!w->learner)
				goto out;
			eo_learner_set_base(w->learner, &kb);
			if (eo_learner_arm(w->learner))
				goto out;
		} else if (eo_control_arm(ctl, "watch", &w->spec, &origin)) {
			goto out;
		}
		armed_here = true;
	} else if (origin.n) {
		eo_err("watch", "capture is already armed (errorigin start?): -f needs it idle; run 'errorigin stop' first, or 'errorigin start -f ...' to change it");
		goto out;
	} else if (st->owner_pid && (learn.profile || learn.mode > 0)) {
		eo_err("watch", "capture is armed by another watch (process %u): --learn and --profile need it idle or armed by 'errorigin start'",
		       st->owner_pid);
		goto out;
	} else if (st->owner_pid) {
		fprintf(stderr, "errorigin: watch: capture is armed by another watch (process %u): showing what it captures, learning nothing\n",
			st->owner_pid);
	} else {
		if (!eo_filter_empty(&st->filter)) {
			fprintf(stderr, "errorigin: watch: capture was already armed with filters ");
			eo_filter_describe(stderr, &st->filter);
			fprintf(stderr, "; only failures passing them are shown\n");
		}
		if (eo_watch_extend(w, ctl, st, &learn, &kb, &kb_how, &kb_armed))
			goto out;
	}
	fprintf(stderr, "errorigin: watching failing syscalls");
	if (kb_armed)
		eo_kb_describe(stderr, &kb_how, kb_armed);
	fprintf(stderr, " (Ctrl-C to stop)\n");
	drops = eo_watch_drops(ctl);
	ret = eo_watch_loop(nl, w, timeout);
	drops = eo_watch_drops(ctl) - drops;
	if (drops > w->gap_events)
		fprintf(stderr, "errorigin: watch: %" PRIu64 " failures were dropped in the kernel while watching (queue full); 'errorigin top' still counts them\n",
			drops);
	if (armed_here && eo_control_stop(ctl, "watch"))
		ret = -1;
out:
	eo_funcs_free(&kb);
	eo_learner_free(w ? w->learner : NULL);
	if (w) {
		eo_hints_free(&w->hints);
		eo_chain_resolver_close(&w->chain);
		eo_seqgap_free(&w->seq);
	}
	eo_nl_close(nl);
	eo_nl_close(ctl);
	eo_origin_opts_free(&origin);
	free(st);
	free(w);
	return ret;
}
