/* SPDX-License-Identifier: GPL-2.0 */
/* The path arguments of a failing syscall, copied at its exit for the event. */
#ifndef _EO_ARGS_H
#define _EO_ARGS_H

#include "record.h"

/*
 * Copies @rec's string arguments (by its syscall and ABI) into rec->strings, without
 * faulting: callable with preemption disabled. Sets rec->nstrings.
 */
void eo_args_copy(struct eo_record *rec);
/* Which arguments of which syscalls are paths: tables filled once at load. */
void eo_args_init(void);

#endif /* _EO_ARGS_H */
