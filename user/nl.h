/* SPDX-License-Identifier: GPL-2.0 */
/* All of libnl lives here: subcommands send requests and get parsed attribute tables back. */
#ifndef EO_NL_H
#define EO_NL_H

#include <stdbool.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/errorigin.h>

struct eo_nl;

/* Called once per reply message with its top-level attributes (EO_A_MAX + 1 entries). */
typedef int (*eo_nl_reply_fn)(struct nlattr **tb, void *arg);
/*
 * Inside a reply callback: the message's whole attribute stream (tb keeps one attribute of
 * each type; repeated ones are read from here).
 */
struct nlattr *eo_nl_attrs(int *len);

/* Adds request attributes; non-zero on failure. */
typedef int (*eo_nl_fill_fn)(struct nl_msg *msg, void *arg);

/* Connects and resolves the family; prints why and returns NULL when that fails. */
struct eo_nl *eo_nl_open(const char *what);
void eo_nl_close(struct eo_nl *nl);

/*
 * Sends @cmd (a dump when @dump) and calls @reply for each answer. On an error from the
 * kernel prints "errorigin: WHAT: <errno text>[: <extended ack>]" and returns -1. A dump
 * whose data changed while it ran (NLM_F_DUMP_INTR) returns EO_NL_INTERRUPTED, silently:
 * the replies may mix two states, dump again.
 */
#define EO_NL_INTERRUPTED 1
int eo_nl_request(struct eo_nl *nl, const char *what, int cmd, bool dump,
		  eo_nl_fill_fn fill, void *fill_arg, eo_nl_reply_fn reply, void *reply_arg);

/* The errno (0: none) and extended-ack text of the last request's error. */
int eo_nl_last_error(struct eo_nl *nl, const char **extack);

/* Joins the events group (needs CAP_SYS_ADMIN); prints why and returns -1 on failure. */
int eo_nl_subscribe(struct eo_nl *nl, const char *what);
int eo_nl_fd(struct eo_nl *nl);
/* Requests on @nl may take @bytes (LEARN's function list): buffers grown to fit. */
void eo_nl_set_max_request(struct eo_nl *nl, size_t bytes);
/*
 * Reads what is pending on a subscribed socket, calling @reply per event. Returns 0, or a
 * positive count of lost-message notifications (receive buffer overruns), or -1 on error.
 */
int eo_nl_receive(struct eo_nl *nl, eo_nl_reply_fn reply, void *arg);

#endif
