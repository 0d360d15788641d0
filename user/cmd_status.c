// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "filter.h"
#include "json.h"
#include "names.h"
#include "hints.h"
#include "nl.h"
#include "status.h"
#include "subcommands.h"

static const char *const eo_stat_names[EO_STATS_A_MAX + 1] = {
	[EO_STATS_A_CAPTURED] = "captured",
	[EO_STATS_A_QUEUED] = "queued",
	[EO_STATS_A_DROP_QUEUE_FULL] = "dropped_queue_full",
	[EO_STATS_A_DROP_NESTED] = "dropped_nested",
	[EO_STATS_A_DELIVERED] = "delivered",
	[EO_STATS_A_DROP_NOMEM] = "dropped_nomem",
	[EO_STATS_A_COUNTS_OVERFLOW] = "counts_overflow",
	[EO_STATS_A_RECORDED] = "recorded",
	[EO_STATS_A_DROP_HOOK_MISSED] = "dropped_hook_missed",
	[EO_STATS_A_SESSIONS_FULL] = "sessions_full",
	[EO_STATS_A_FUNCS_MISSED] = "funcs_missed",
	[EO_STATS_A_FUNCS_STALE] = "funcs_stale",
};

/* The phase of each (syscall, errno) pair the module learns or follows functions for. */
static void eo_status_pairs_text(const struct eo_status *st)
{
	char name[96];
	unsigned int i;

	for (i = 0; i < st->npairs; i++) {
		const struct eo_pair *p = &st->pairs[i];

		eo_pair_name(p, name, sizeof(name));
		printf("pair:      %s: %s", name, eo_phase_name(p->phase));
		if (p->phase == EO_PHASE_ARMED || p->phase == EO_PHASE_LEARNED)
			printf(" %u functions", p->funcs);
		if (p->phase == EO_PHASE_LEARNING)
			printf(" for %.1f s, other tasks entered its hook %" PRIu64 " times",
			       p->elapsed_ms / 1000.0, p->others);
		putchar('\n');
	}
}

/* the knowledge base's entries this kernel cannot match (watch says so only with -v) */
static void eo_status_hints(void)
{
	struct eo_hints h = {};

	if (eo_hints_load(&h)) {
		printf("hints:     no knowledge base found (limits.hints; set ERRORIGIN_HINTS)\n");
		return;
	}
	if (!eo_hints_check(&h, stdout, true))
		printf("hints:     %s: %zu limits, every origin traceable here\n", h.path, h.n);
	eo_hints_free(&h);
}

static void eo_status_text(const struct eo_status *st)
{
	unsigned int i;

	printf("module:    loaded\n");
	printf("capture:   %s%s%s%s\n", st->armed ? "armed" : "idle (nothing hooked)",
	       st->armed ? " (" : "", st->armed ? st->mechanism : "", st->armed ? ")" : "");
	if (st->armed) {
		if (st->owner_pid)
			printf("held by:   process %u (watch): disarmed when it exits; its own calls are not captured\n",
			       st->owner_pid);
		else
			printf("held by:   nobody: armed until 'errorigin stop'\n");
		printf("filters:   ");
		eo_filter_describe(stdout, &st->filter);
		putchar('\n');
		if (st->funcs_mechanism[0])
			printf("origins:   following %u functions (%s, at most %u), %u refused\n",
			       st->funcs_armed, st->funcs_mechanism, st->funcs_max,
			       st->funcs_refused);
		else
			printf("origins:   off (no functions armed: 'errorigin watch -e ERRNO' learns them)\n");
		if (st->learn_hook[0])
			printf("learning:  %s\n", st->learn_hook);
		eo_status_pairs_text(st);
	}
	if (st->quiet_clients)
		printf("quiet:     %u client%s whose own calls are not captured (errorigin watch)\n",
		       st->quiet_clients, st->quiet_clients == 1 ? "" : "s");
	printf("events:    captured %" PRIu64 ", queued %" PRIu64 ", delivered %" PRIu64
	       ", recorded %" PRIu64 "\n", st->stats[EO_STATS_A_CAPTURED],
	       st->stats[EO_STATS_A_QUEUED], st->stats[EO_STATS_A_DELIVERED],
	       st->stats[EO_STATS_A_RECORDED]);
	printf("drops:     queue full %" PRIu64 ", nested %" PRIu64 ", no memory %" PRIu64
	       ", counter overflow %" PRIu64 ", hook missed %" PRIu64 "\n",
	       st->stats[EO_STATS_A_DROP_QUEUE_FULL], st->stats[EO_STATS_A_DROP_NESTED],
	       st->stats[EO_STATS_A_DROP_NOMEM], st->stats[EO_STATS_A_COUNTS_OVERFLOW],
	       st->stats[EO_STATS_A_DROP_HOOK_MISSED]);
	printf("per cpu:  ");
	for (i = 0; i < st->ncpus; i++)
		printf(" cpu%u %" PRIu64 "/%" PRIu64, st->cpus[i].id, st->cpus[i].queued,
		       st->cpus[i].dropped);
	printf("  (queued/dropped)\n");
	printf("origin:    sessions full %" PRIu64 ", function returns missed %" PRIu64
	       ", stale returns ignored %" PRIu64 "\n",
	       st->stats[EO_STATS_A_SESSIONS_FULL], st->stats[EO_STATS_A_FUNCS_MISSED],
	       st->stats[EO_STATS_A_FUNCS_STALE]);
	printf("sizes:     queue %u per cpu, recorder %u, counters %u per cpu, sessions %u\n",
	       st->queue_size, st->recorder_size, st->counts_size, st->sessions);
	printf("recorder:  %s\n", st->always_drained ?
	       "drained also while nobody listens (this kernel does not say when a client joins)" :
	       "the rings themselves, drained only while a client listens");
	printf("clock:     %s\n", !strcmp(st->clock, "tsc") ?
	       "TSC stamps, CLOCK_MONOTONIC when read" : "CLOCK_MONOTONIC");
	printf("memory:    %.1f MiB%s\n", st->memory / 1048576.0,
	       st->memory ? "" : " (the tables are allocated when capture is first armed)");
	eo_status_hints();
}

static void eo_status_json(const struct eo_status *st)
{
	unsigned int i;

	printf("{\"loaded\":true,\"armed\":%s,\"mechanism\":", st->armed ? "true" : "false");
	if (st->armed)
		eo_json_string(stdout, st->mechanism);
	else
		fputs("null", stdout);
	printf(",\"owner_pid\":");
	st->owner_pid ? printf("%u", st->owner_pid) : fputs("null", stdout);
	printf(",\"quiet_clients\":%u", st->quiet_clients);
	printf(",\"filters\":");
	if (st->armed) {
		putchar('"');
		eo_filter_describe(stdout, &st->filter);
		putchar('"');
	} else {
		fputs("null", stdout);
	}
	for (i = 0; i <= EO_STATS_A_MAX; i++)
		if (eo_stat_names[i])
			printf(",\"%s\":%" PRIu64, eo_stat_names[i], st->stats[i]);
	printf(",\"cpus\":[");
	for (i = 0; i < st->ncpus; i++)
		printf("%s{\"cpu\":%u,\"queued\":%" PRIu64 ",\"dropped\":%" PRIu64 "}", i ? "," : "",
		       st->cpus[i].id, st->cpus[i].queued, st->cpus[i].dropped);
	printf("],\"funcs_armed\":%u,\"funcs_refused\":%u,\"funcs_mechanism\":",
	       st->funcs_armed, st->funcs_refused);
	if (st->funcs_mechanism[0])
		eo_json_string(stdout, st->funcs_mechanism);
	else
		fputs("null", stdout);
	printf(",\"learning_hook\":");
	if (st->learn_hook[0])
		eo_json_string(stdout, st->learn_hook);
	else
		fputs("null", stdout);
	printf(",\"pairs\":[");
	for (i = 0; i < st->npairs; i++) {
		const struct eo_pair *p = &st->pairs[i];
		char sc[64];

		eo_syscall_name(p->nr, p->abi, sc, sizeof(sc));
		printf("%s{\"syscall\":\"%s\",\"abi\":\"%s\",\"errno\":", i ? "," : "", sc,
		       eo_abi_name(p->abi));
		if (eo_errno_name(p->err))
			printf("\"%s\"", eo_errno_name(p->err));
		else
			printf("%u", p->err);
		printf(",\"phase\":\"%s\",\"funcs\":%u,\"elapsed_ms\":%u,\"others\":%" PRIu64 "}",
		       eo_phase_name(p->phase), p->funcs, p->elapsed_ms, p->others);
	}
	printf("]");
	printf(",\"queue_size\":%u,\"recorder_size\":%u,\"counts_size\":%u,\"sessions\":%u,"
	       "\"always_drained\":%s,\"clock\":",
	       st->queue_size, st->recorder_size, st->counts_size, st->sessions,
	       st->always_drained ? "true" : "false");
	eo_json_string(stdout, st->clock);
	printf(",\"memory_bytes\":%" PRIu64 "}\n", st->memory);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s status [-j|--json]\n"
		   "Shows whether the module is loaded and armed, the active filters, the hook in\n"
		   "use, event and drop counters (also per CPU) and the buffer sizes.\n", prog);
}

int cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct eo_status st;
	struct eo_nl *nl;
	bool json = false;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return -1;
		}
	}
	nl = eo_nl_open("status");
	if (!nl)
		return -1;
	ret = eo_status_get(nl, "status", &st);
	if (!ret)
		json ? eo_status_json(&st) : eo_status_text(&st);
	eo_nl_close(nl);
	return ret;
}
