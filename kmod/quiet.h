/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Clients whose own calls are left out of capture (EO_CMD_QUIET): a watch's non-blocking
 * reads fail with EAGAIN, and a capture another client armed would report them. An entry
 * lasts as long as the client's socket. Called under control's lock, but for
 * eo_quiet_listens().
 */
#ifndef _EO_QUIET_H
#define _EO_QUIET_H

#include <linux/pid.h>
#include <net/sock.h>
#include "filter.h"

/*
 * Adds the process @tgid for as long as @sk lives: 0, 1 when nothing changed (@sk has an
 * entry, or was released already), -ENOSPC.
 */
int eo_quiet_add(struct sock *sk, u32 portid, struct pid *tgid);
/* Whether a socket with @portid has an entry; a hint, read without the lock. */
bool eo_quiet_listens(u32 portid);
/*
 * Marks the entries whose socket was released (@all: every entry) as leaving, and returns
 * how many there are. A leaving entry is no longer listed in new filters; eo_quiet_reap()
 * forgets it once no reader can see a filter that lists it.
 */
unsigned int eo_quiet_leave(bool all);
void eo_quiet_reap(void);
/* How many entries are not leaving. */
unsigned int eo_quiet_count(void);
/* Lists in @f the processes of the entries not leaving. */
void eo_quiet_apply(struct eo_filter *f);

#endif /* _EO_QUIET_H */
