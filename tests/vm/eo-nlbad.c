// SPDX-License-Identifier: GPL-2.0
/*
 * Sends malformed EO_CMD_START requests and checks that the module rejects each one with an
 * errno and an extended-ack message (and stays disarmed). Prints one line per case.
 *
 *   eo-nlbad                      the malformed cases
 *   eo-nlbad start-funcs HEXADDR  START (errno filter ENOENT) following the function at
 *                                 HEXADDR; prints "rejected|accepted errno=N extack=..."
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include "nl.h"
#include "status.h"

struct eo_case {
	const char *name;
	int (*fill)(struct nl_msg *msg, void *arg);
};

static int nest_u32(struct nl_msg *msg, int type, uint32_t v)
{
	struct nlattr *n = nla_nest_start(msg, EO_A_FILTER);

	if (!n || nla_put_u32(msg, type, v))
		return -1;
	nla_nest_end(msg, n);
	return 0;
}

static int errno_zero(struct nl_msg *m, void *a) { return nest_u32(m, EO_FILTER_A_ERRNO, 0); }
static int errno_big(struct nl_msg *m, void *a) { return nest_u32(m, EO_FILTER_A_ERRNO, 5000); }
static int syscall_big(struct nl_msg *m, void *a) { return nest_u32(m, EO_FILTER_A_SYSCALL, 5000); }
static int pid_zero(struct nl_msg *m, void *a) { return nest_u32(m, EO_FILTER_A_PID, 0); }
static int unknown_nested(struct nl_msg *m, void *a) { return nest_u32(m, 77, 1); }
static int unknown_top(struct nl_msg *m, void *a) { return nla_put_u32(m, 99, 1); }
static int filter_not_nested(struct nl_msg *m, void *a) { return nla_put_u32(m, EO_A_FILTER, 1); }

static int pid_short(struct nl_msg *m, void *a)
{
	struct nlattr *n = nla_nest_start(m, EO_A_FILTER);

	if (!n || nla_put_u16(m, EO_FILTER_A_PID, 1))
		return -1;
	nla_nest_end(m, n);
	return 0;
}

static int comm_long(struct nl_msg *m, void *a)
{
	struct nlattr *n = nla_nest_start(m, EO_A_FILTER);

	if (!n || nla_put_string(m, EO_FILTER_A_COMM, "a-name-far-too-long-for-comm"))
		return -1;
	nla_nest_end(m, n);
	return 0;
}

static int comm_empty(struct nl_msg *m, void *a)
{
	struct nlattr *n = nla_nest_start(m, EO_A_FILTER);

	if (!n || nla_put_string(m, EO_FILTER_A_COMM, ""))
		return -1;
	nla_nest_end(m, n);
	return 0;
}

static const struct eo_case cases[] = {
	{ "errno-zero", errno_zero },
	{ "errno-out-of-range", errno_big },
	{ "syscall-out-of-range", syscall_big },
	{ "pid-zero", pid_zero },
	{ "pid-wrong-size", pid_short },
	{ "comm-too-long", comm_long },
	{ "comm-empty", comm_empty },
	{ "unknown-filter-attr", unknown_nested },
	{ "unknown-top-attr", unknown_top },
	{ "filter-not-nested", filter_not_nested },
};

static int start_funcs(struct nl_msg *m, void *a)
{
	uint64_t addr = *(uint64_t *)a;
	uint8_t class = EO_RET_INT;

	return nest_u32(m, EO_FILTER_A_ERRNO, 2) ||
	       nla_put(m, EO_A_FUNC_ADDRS, sizeof(addr), &addr) ||
	       nla_put(m, EO_A_FUNC_CLASSES, 1, &class);
}

int main(int argc, char **argv)
{
	struct eo_nl *nl = eo_nl_open("nlbad");
	static struct eo_status st;
	const char *extack;
	unsigned int i;
	int failed = 0;

	if (!nl)
		return 2;
	if (argc == 3 && !strcmp(argv[1], "start-funcs")) {
		uint64_t addr = strtoull(argv[2], NULL, 16);
		int ret = eo_nl_request(nl, "nlbad", EO_CMD_START, false, start_funcs, &addr,
					NULL, NULL);
		int err = eo_nl_last_error(nl, &extack);

		printf("%s errno=%d extack=\"%s\"\n", ret < 0 ? "rejected" : "accepted", err,
		       extack);
		eo_nl_close(nl);
		return 0;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = eo_nl_request(nl, cases[i].name, EO_CMD_START, false, cases[i].fill,
					NULL, NULL, NULL);
		int err = eo_nl_last_error(nl, &extack);
		int ok = ret < 0 && err > 0 && extack[0];

		printf("%s %s errno=%d extack=\"%s\"\n", ok ? "rejected" : "ACCEPTED",
		       cases[i].name, err, extack);
		failed |= !ok;
	}
	if (eo_status_get(nl, "nlbad", &st) || st.armed) {
		printf("ARMED after malformed requests\n");
		failed = 1;
	}
	eo_nl_close(nl);
	return failed;
}
