/* SPDX-License-Identifier: GPL-2.0 */
/* EO_CMD_GET_STATUS, decoded; used by status and by watch (to know whether it must arm). */
#ifndef EO_STATUS_H
#define EO_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include "event.h"
#include "filter.h"
#include "nl.h"

#define EO_STATUS_MAX_CPUS 1024

struct eo_status {
	bool armed;
	char mechanism[512];
	struct eo_filter_spec filter;
	uint64_t stats[EO_STATS_A_MAX + 1];
	struct {
		uint32_t id;
		uint64_t queued, dropped;
	} cpus[EO_STATUS_MAX_CPUS];
	unsigned int ncpus;
	uint32_t queue_size, recorder_size, counts_size, sessions;
	uint64_t memory;			/* bytes of the module's tables */
	uint32_t owner_pid;			/* 0: armed until 'errorigin stop' */
	uint32_t quiet_clients;			/* clients whose own calls are left out */
	uint32_t funcs_armed, funcs_refused;
	char funcs_mechanism[32];		/* "" when no functions are armed */
	char funcs_hook[32];			/* how functions would be followed */
	uint32_t funcs_max;			/* most functions one arming follows */
	bool always_drained;			/* the rings drained also while nobody listens */
	char clock[16];				/* what failures are stamped with */
	struct eo_pair pairs[EO_LEARN_PAIRS];
	unsigned int npairs;
	char learn_hook[256];			/* "" when no learning hook is registered */
};

int eo_status_get(struct eo_nl *nl, const char *what, struct eo_status *st);

#endif
