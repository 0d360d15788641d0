/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_SUBCOMMANDS_H
#define EO_SUBCOMMANDS_H

extern const char *prog;

int cmd_status(int argc, char **argv);
int cmd_start(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_list(int argc, char **argv);

#endif
