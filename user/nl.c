// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include "nl.h"
#include "util.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct eo_nl {
	struct nl_sock *sk;
	int family;
	int last_error;
	char last_extack[256];
	size_t max_request;	/* bytes a request may take (0: a full function set) */
};

struct eo_nl_ctx {
	eo_nl_reply_fn reply;
	void *arg;
	int cmd;		/* replies with another command (e.g. events on a shared socket) are skipped */
	bool done;
	bool interrupted;	/* a dump's data changed while it ran (NLM_F_DUMP_INTR) */
	int error;		/* positive errno from the kernel */
	char extack[256];
	int cb_ret;
};

struct eo_nl *eo_nl_open(const char *what)
{
	struct eo_nl *nl = calloc(1, sizeof(*nl));
	int one = 1, err;

	if (nl)
		nl->sk = nl_socket_alloc();
	if (!nl || !nl->sk) {
		free(nl);
		eo_err(what, "out of memory");
		return NULL;
	}
	err = genl_connect(nl->sk);
	if (err < 0) {
		eo_err(what, "cannot open a generic netlink socket: %s", nl_geterror(err));
		goto fail;
	}
	/* Ask for the kernel's explanation with every error. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, EO_GENL_NAME);
	if (nl->family < 0) {
		eo_err(what, "the errorigin module is not loaded (load it with 'sudo insmod kmod/errorigin.ko', or 'sudo modprobe errorigin' once installed)");
		goto fail;
	}
	return nl;
fail:
	nl_socket_free(nl->sk);
	free(nl);
	return NULL;
}

void eo_nl_close(struct eo_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sk);
	free(nl);
}

int eo_nl_last_error(struct eo_nl *nl, const char **extack)
{
	*extack = nl->last_extack;
	return nl->last_error;
}

int eo_nl_fd(struct eo_nl *nl)
{
	return nl_socket_get_fd(nl->sk);
}

static struct nlattr *eo_nl_cur_attrs;
static int eo_nl_cur_len;

struct nlattr *eo_nl_attrs(int *len)
{
	*len = eo_nl_cur_len;
	return eo_nl_cur_attrs;
}

static int eo_nl_valid(struct nl_msg *msg, void *arg)
{
	struct eo_nl_ctx *ctx = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[EO_A_MAX + 1];

	if (ctx->cmd && gh->cmd != ctx->cmd)
		return NL_OK;
	/* Unknown attributes from a newer module are ignored, not fatal. */
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, EO_A_MAX, NULL) < 0)
		return NL_SKIP;
	eo_nl_cur_attrs = genlmsg_attrdata(gh, 0);
	eo_nl_cur_len = genlmsg_attrlen(gh, 0);
	if (ctx->reply && ctx->reply(tb, ctx->arg) < 0) {
		ctx->cb_ret = -1;
		return NL_STOP;
	}
	return NL_OK;
}

static int eo_nl_dump_intr(struct nl_msg *msg, void *arg)
{
	((struct eo_nl_ctx *)arg)->interrupted = true;
	return NL_OK;		/* the message itself is still read */
}

static int eo_nl_no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static int eo_nl_finish(struct nl_msg *msg, void *arg)
{
	((struct eo_nl_ctx *)arg)->done = true;
	return NL_STOP;
}

/* Keeps the errno and the NLMSGERR_ATTR_MSG text of an error reply. */
static int eo_nl_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct eo_nl_ctx *ctx = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	unsigned int off = sizeof(*e);

	ctx->error = -e->error;
	ctx->done = true;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (nlh->nlmsg_len <= NLMSG_HDRLEN + off)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      nlh->nlmsg_len - NLMSG_HDRLEN - off, NULL) < 0)
		return NL_STOP;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(ctx->extack, tb[NLMSGERR_ATTR_MSG], sizeof(ctx->extack));
	return NL_STOP;
}

static struct nl_cb *eo_nl_cb(struct eo_nl_ctx *ctx)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, eo_nl_valid, ctx);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, eo_nl_finish, ctx);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, eo_nl_finish, ctx);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, eo_nl_dump_intr, ctx);
	nl_cb_err(cb, NL_CB_CUSTOM, eo_nl_error, ctx);
	return cb;
}

static int eo_nl_report(const char *what, const struct eo_nl_ctx *ctx)
{
	const char *hint = ctx->error == EPERM ?
		" (needs CAP_SYS_ADMIN, or CAP_PERFMON and CAP_SYS_PTRACE: run as root)" : "";

	if (ctx->extack[0])
		return eo_err(what, "%s%s: kernel reports: %s", strerror(ctx->error), hint,
			      ctx->extack);
	return eo_err(what, "%s%s", strerror(ctx->error), hint);
}

int eo_nl_request(struct eo_nl *nl, const char *what, int cmd, bool dump,
		  eo_nl_fill_fn fill, void *fill_arg, eo_nl_reply_fn reply, void *reply_arg)
{
	struct eo_nl_ctx ctx = { .reply = reply, .arg = reply_arg, .cmd = cmd };
	/* room for a full function set: EO_MAX_FUNCS addresses and classes */
	struct nl_msg *msg = nlmsg_alloc_size(nl->max_request ?: EO_MAX_FUNCS * 9 + 16384);
	struct nl_cb *cb = eo_nl_cb(&ctx);
	int ret = -1, err;

	if (!msg || !cb) {
		eo_err(what, "out of memory");
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 dump ? NLM_F_DUMP : 0, cmd, EO_GENL_VERSION) ||
	    (fill && fill(msg, fill_arg))) {
		eo_err(what, "request too large");
		goto out;
	}
	err = nl_send_auto(nl->sk, msg);
	if (err < 0) {
		eo_err(what, "cannot send: %s", nl_geterror(err));
		goto out;
	}
	while (!ctx.done && ctx.cb_ret == 0) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err < 0 && !ctx.error) {
			eo_err(what, "receiving the reply: %s", nl_geterror(err));
			goto out;
		}
	}
	nl->last_error = ctx.error;
	memcpy(nl->last_extack, ctx.extack, sizeof(ctx.extack));
	if (ctx.error)
		eo_nl_report(what, &ctx);
	else
		ret = ctx.cb_ret ?: ctx.interrupted ? EO_NL_INTERRUPTED : 0;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

void eo_nl_set_max_request(struct eo_nl *nl, size_t bytes)
{
	int size = bytes + 4096;

	if (bytes <= nl->max_request)
		return;
	nl->max_request = bytes;
	/* the kernel refuses a message larger than the send buffer; the FORCE form needs root */
	if (setsockopt(eo_nl_fd(nl), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(eo_nl_fd(nl), SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
}

int eo_nl_subscribe(struct eo_nl *nl, const char *what)
{
	int grp = genl_ctrl_resolve_grp(nl->sk, EO_GENL_NAME, EO_GENL_MCGRP_EVENTS);
	int err, size = 8 << 20;

	if (grp < 0)
		return eo_err(what, "the module has no '%s' group: %s", EO_GENL_MCGRP_EVENTS,
			      nl_geterror(grp));
	err = nl_socket_add_membership(nl->sk, grp);
	if (err < 0)
		return eo_err(what, "cannot receive events: %s%s", nl_geterror(err),
			      err == -NLE_PERM ? " (needs CAP_SYS_ADMIN: run as root)" : "");
	nl_socket_set_nonblocking(nl->sk);
	/* A burst of failures must not overrun the socket; SO_RCVBUFFORCE needs root, as we do. */
	if (setsockopt(eo_nl_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		nl_socket_set_buffer_size(nl->sk, size, 0);
	return 0;
}

int eo_nl_receive(struct eo_nl *nl, eo_nl_reply_fn reply, void *arg)
{
	/* events and learning notifications: the callback tells them apart by attribute */
	struct eo_nl_ctx ctx = { .reply = reply, .arg = arg };
	struct nl_cb *cb = eo_nl_cb(&ctx);
	int err, lost = 0;

	if (!cb)
		return eo_err("watch", "out of memory");
	/* notifications carry sequence number 0 */
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, eo_nl_no_seq_check, NULL);
	for (;;) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err == -NLE_AGAIN)
			break;
		if (err == -NLE_NOMEM) {	/* ENOBUFS: the receive buffer overran */
			lost++;
			continue;
		}
		if (err < 0) {
			nl_cb_put(cb);
			return eo_err("watch", "receiving events: %s", nl_geterror(err));
		}
		if (ctx.cb_ret < 0)
			break;
	}
	nl_cb_put(cb);
	return ctx.cb_ret < 0 ? -1 : lost;
}
