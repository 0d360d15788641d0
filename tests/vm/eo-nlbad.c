// SPDX-License-Identifier: GPL-2.0
/*
 * Sends malformed EO_CMD_START requests, malformed EO_CMD_LEARN requests while capture is
 * armed and an extension of an owned arming, and checks that the module rejects each one with an errno and an extended-ack
 * message (and stays disarmed, nothing learning). Prints one line per case.
 *
 *   eo-nlbad                      the malformed cases
 *   eo-nlbad start-funcs HEXADDR  START (errno filter ENOENT) following the function at
 *                                 HEXADDR; prints "rejected|accepted errno=N extack=..."
 *   eo-nlbad no-addrs dumps       scans GET_STATUS, GET_COUNTS, GET_RECENT and GET_LEARNED
 *   eo-nlbad no-addrs listen N    scans the events group until an event with a chain came,
 *                                 or N tenths of a second
 *   eo-nlbad no-addrs learn       arms capture, learns openat/ENOENT from its own failing
 *                                 opens and scans the learned set (then disarms)
 *     for raw kernel addresses; prints "messages M frames F learned L suspects S"
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include "control.h"
#include "learnable.h"
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

/* an extension adds to an arming: nothing to add to while disarmed */
static int extend_only(struct nl_msg *m, void *a) { return nla_put_flag(m, EO_A_EXTEND); }

/* ... and keeps the arming's filter and owner: neither may come with it */
static int extend_filter(struct nl_msg *m, void *a)
{
	return nla_put_flag(m, EO_A_EXTEND) || nest_u32(m, EO_FILTER_A_ERRNO, 2);
}

static int extend_owned(struct nl_msg *m, void *a)
{
	return nla_put_flag(m, EO_A_EXTEND) || nla_put_flag(m, EO_A_OWNED);
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
	{ "extend-when-disarmed", extend_only },
	{ "extend-with-a-filter", extend_filter },
	{ "extend-with-owned", extend_owned },
};

static int fill_pair(struct nl_msg *m, void *a);

/* LEARN with @n addresses of value @addr in attributes of @per (@extra bytes more in one) */
static int learn_addrs(struct nl_msg *m, unsigned int n, unsigned int per, uint64_t addr,
		       int extra)
{
	static uint64_t buf[EO_LEARN_FUNCS_PER_ATTR + 1];
	unsigned int i, k;

	for (i = 0; i < per; i++)
		buf[i] = addr;
	if (fill_pair(m, NULL))
		return -1;
	for (i = 0; i < n; i += k) {
		k = n - i < per ? n - i : per;
		if (nla_put(m, EO_A_LEARN_FUNCS, k * 8 + (i ? 0 : extra), buf))
			return -1;
	}
	return 0;
}

static int learn_none(struct nl_msg *m, void *a) { return fill_pair(m, NULL); }
static int learn_ragged(struct nl_msg *m, void *a) { return learn_addrs(m, 4, 4, 1, 3); }
static int learn_not_ftrace(struct nl_msg *m, void *a) { return learn_addrs(m, 4, 4, 1, 0); }

static int learn_too_many(struct nl_msg *m, void *a)
{
	return learn_addrs(m, EO_LEARN_FUNCS_MAX + 1, EO_LEARN_FUNCS_PER_ATTR, 1, 0);
}

/* sent while capture is armed, so that they reach the learning's own checks */
static const struct eo_case learn_cases[] = {
	{ "learn-without-functions", learn_none },
	{ "learn-part-of-an-address", learn_ragged },
	{ "learn-too-many-functions", learn_too_many },
	{ "learn-not-an-ftrace-location", learn_not_ftrace },
};

static int start_funcs(struct nl_msg *m, void *a)
{
	uint64_t addr = *(uint64_t *)a;
	uint8_t class = EO_RET_INT;

	return nest_u32(m, EO_FILTER_A_ERRNO, 2) ||
	       nla_put(m, EO_A_FUNC_ADDRS, sizeof(addr), &addr) ||
	       nla_put(m, EO_A_FUNC_CLASSES, 1, &class);
}

/*
 * Kernel text, modules, the direct map and vmalloc all lie at or above 0xffff800000000000;
 * errnos as s64 (-4095 ... -1) lie above the range checked.
 */
#define KERNEL_HALF 0xffff800000000000ULL
#define ERRNO_S64 0xfffffffffffff000ULL

static unsigned long messages, frames, learned, suspects;

static void suspect(const char *what, const void *p, int len)
{
	suspects++;
	printf("suspect %s: %.*s\n", what, len, (const char *)p);
}

/*
 * Every attribute: a payload that parses exactly as attributes is walked into, any other
 * is read as u64 words; all of them are searched for a printed address.
 */
static void scan(const struct nlattr *head, int len)
{
	const struct nlattr *a;
	int rem, inner, i;

	nla_for_each_attr(a, head, len, rem) {
		const unsigned char *p = nla_data(a);
		int n = nla_len(a);
		const struct nlattr *b;
		uint64_t v;

		for (i = 0; i + 6 <= n; i++)
			if (!memcmp(p + i, "0xffff", 6))
				suspect("printed", p, n);
		inner = n;
		if (n >= NLA_HDRLEN) {
			nla_for_each_attr(b, (const struct nlattr *)p, n, inner)
				;
		}
		if (n >= NLA_HDRLEN && !inner) {
			scan((const struct nlattr *)p, n);
			if (n != 8)	/* a u64 may parse as one attribute too */
				continue;
		}
		for (i = 0; n % 8 == 0 && i < n; i += 8) {
			memcpy(&v, p + i, 8);
			if (v >= KERNEL_HALF && v < ERRNO_S64) {
				char hex[24];

				snprintf(hex, sizeof(hex), "0x%016llx", (unsigned long long)v);
				suspect("word", hex, strlen(hex));
			}
		}
	}
}

static int scan_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *a, *all;
	int len, rem;

	messages++;
	all = eo_nl_attrs(&len);
	scan(all, len);
	if (tb[EO_A_EVENT])
		nla_for_each_nested(a, tb[EO_A_EVENT], rem)
			frames += nla_type(a) == EO_EVENT_A_FRAME;
	if (tb[EO_A_LEARNED])
		nla_for_each_nested(a, tb[EO_A_LEARNED], rem)
			learned += nla_type(a) == EO_LEARNED_A_FUNC;
	return 0;
}

static int fill_enoent(struct nl_msg *m, void *a) { return nest_u32(m, EO_FILTER_A_ERRNO, 2); }

static int fill_owned(struct nl_msg *m, void *a)
{
	return fill_enoent(m, a) || nla_put_flag(m, EO_A_OWNED);
}

static int fill_pair(struct nl_msg *m, void *a)
{
	static const struct eo_pair openat_enoent = { .nr = 257, .abi = EO_ABI_NATIVE, .err = 2 };

	return eo_pair_put(m, &openat_enoent, false);
}

static struct eo_learnable follow;

/* the pair, and every function the CLI's learning would follow */
static int fill_learn(struct nl_msg *m, void *a)
{
	return fill_pair(m, NULL) || eo_learnable_put(m, &follow) ? -1 : 0;
}

/* Its own failing opens teach the module openat/ENOENT; the set is dumped once there. */
static int learn_own(struct eo_nl *nl)
{
	int i, fd;

	if (eo_learnable_load(&follow))
		return -1;
	eo_nl_set_max_request(nl, follow.n * 8 + (1 << 16));
	if (eo_nl_request(nl, "nlbad", EO_CMD_START, false, fill_enoent, NULL, NULL, NULL) < 0 ||
	    eo_nl_request(nl, "nlbad", EO_CMD_LEARN, false, fill_learn, NULL, NULL, NULL) < 0)
		return -1;
	for (i = 0; i < 600 && !learned; i++) {
		fd = open("/nonexistent/eo-nlbad", O_RDONLY);
		if (fd >= 0)
			close(fd);
		usleep(100000);
		if (eo_nl_request(nl, "nlbad", EO_CMD_GET_LEARNED, true, fill_pair, NULL,
				  scan_reply, NULL) < 0)
			return -1;
	}
	return eo_nl_request(nl, "nlbad", EO_CMD_STOP, false, NULL, NULL, NULL, NULL) < 0 ? -1 : 0;
}

static int no_addrs(struct eo_nl *nl, const char *how, int tenths)
{
	static const int dumps[] = { EO_CMD_GET_COUNTS, EO_CMD_GET_RECENT, EO_CMD_GET_LEARNED };
	struct pollfd pfd;
	unsigned int i;

	if (!strcmp(how, "dumps")) {
		if (eo_nl_request(nl, "nlbad", EO_CMD_GET_STATUS, false, NULL, NULL, scan_reply,
				  NULL) < 0)
			return 2;
		for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++)
			if (eo_nl_request(nl, "nlbad", dumps[i], true, NULL, NULL, scan_reply,
					  NULL) < 0)
				return 2;
	} else if (!strcmp(how, "learn")) {
		if (learn_own(nl))
			return 2;
	} else {
		if (eo_nl_subscribe(nl, "nlbad"))
			return 2;
		pfd.fd = eo_nl_fd(nl);
		pfd.events = POLLIN;
		while (!frames && tenths-- > 0)
			if (poll(&pfd, 1, 100) > 0 && eo_nl_receive(nl, scan_reply, NULL) < 0)
				return 2;
	}
	printf("messages %lu frames %lu learned %lu suspects %lu\n", messages, frames, learned,
	       suspects);
	return suspects ? 1 : 0;
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
	if (argc >= 3 && !strcmp(argv[1], "no-addrs")) {
		int ret = no_addrs(nl, argv[2], argc > 3 ? atoi(argv[3]) : 0);

		eo_nl_close(nl);
		return ret;
	}
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
	eo_nl_set_max_request(nl, (EO_LEARN_FUNCS_MAX + EO_LEARN_FUNCS_PER_ATTR) * 8 + (1 << 16));
	if (eo_nl_request(nl, "nlbad", EO_CMD_START, false, fill_enoent, NULL, NULL, NULL) < 0)
		return 2;
	for (i = 0; i < sizeof(learn_cases) / sizeof(learn_cases[0]); i++) {
		int ret = eo_nl_request(nl, learn_cases[i].name, EO_CMD_LEARN, false,
					learn_cases[i].fill, NULL, NULL, NULL);
		int err = eo_nl_last_error(nl, &extack);
		int ok = ret < 0 && err > 0 && extack[0];

		printf("%s %s errno=%d extack=\"%s\"\n", ok ? "rejected" : "ACCEPTED",
		       learn_cases[i].name, err, extack);
		failed |= !ok;
	}
	if (eo_status_get(nl, "nlbad", &st) || st.learn_hook[0]) {
		printf("LEARNING after malformed requests\n");
		failed = 1;
	}
	/* an arming a client owns is its own: no extension of it */
	if (eo_nl_request(nl, "nlbad", EO_CMD_START, false, fill_owned, NULL, NULL, NULL) < 0)
		return 2;
	{
		int ret = eo_nl_request(nl, "extend-an-owned-arming", EO_CMD_START, false,
					extend_only, NULL, NULL, NULL);
		int err = eo_nl_last_error(nl, &extack);
		int ok = ret < 0 && err > 0 && extack[0];

		printf("%s extend-an-owned-arming errno=%d extack=\"%s\"\n",
		       ok ? "rejected" : "ACCEPTED", err, extack);
		failed |= !ok;
	}
	if (eo_nl_request(nl, "nlbad", EO_CMD_STOP, false, NULL, NULL, NULL, NULL) < 0)
		return 2;
	if (eo_status_get(nl, "nlbad", &st) || st.armed) {
		printf("ARMED after malformed requests\n");
		failed = 1;
	}
	eo_nl_close(nl);
	return failed;
}
