// SPDX-License-Identifier: GPL-2.0
/*
 * Sends malformed EO_CMD_START requests and checks that the module rejects each one with an
 * errno and an extended-ack message (and stays disarmed). Prints one line per case.
 */
#include <stdio.h>
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

int main(void)
{
	struct eo_nl *nl = eo_nl_open("nlbad");
	static struct eo_status st;
	const char *extack;
	unsigned int i;
	int failed = 0;

	if (!nl)
		return 2;
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
