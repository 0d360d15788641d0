// SPDX-License-Identifier: GPL-2.0
/*
 * The quiet clients, in fixed slots (the unlocked hint scans them while entries come and
 * go). A filter lists their processes as struct pid pointers, each held here until no filter
 * that lists it can be read: a pid number may be reused once its process is gone, a held
 * struct pid cannot.
 */
#include "quiet.h"

struct eo_quiet_client {
	struct sock *sk;	/* held; NULL: a free slot */
	struct pid *tgid;	/* held */
	u32 portid;		/* read unlocked */
	bool leaving;
};

static struct eo_quiet_client eo_quiet[EO_QUIET_MAX];

static void eo_quiet_forget(struct eo_quiet_client *c)
{
	WRITE_ONCE(c->portid, 0);
	put_pid(c->tgid);
	sock_put(c->sk);
	c->sk = NULL;
	c->tgid = NULL;
}

int eo_quiet_add(struct sock *sk, u32 portid, struct pid *tgid)
{
	struct eo_quiet_client *c, *free = NULL;

	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++) {
		if (c->sk == sk && !c->leaving)
			return 1;
		if (!c->sk && !free)
			free = c;
	}
	if (!free)
		return -ENOSPC;
	sock_hold(sk);
	free->sk = sk;
	free->tgid = get_pid(tgid);
	free->leaving = false;
	WRITE_ONCE(free->portid, portid);
	/*
	 * A release that raced with this request may have looked for the port before it was
	 * written: pairs with the barrier in the release notifier, after SOCK_DEAD is set.
	 */
	smp_mb();
	if (sock_flag(sk, SOCK_DEAD)) {
		eo_quiet_forget(free);	/* no filter lists it yet */
		return 1;
	}
	return 0;
}

bool eo_quiet_listens(u32 portid)
{
	const struct eo_quiet_client *c;

	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++)
		if (READ_ONCE(c->portid) == portid)
			return true;
	return false;
}

unsigned int eo_quiet_leave(bool all)
{
	struct eo_quiet_client *c;
	unsigned int n = 0;

	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++) {
		if (!c->sk)
			continue;
		if (all || sock_flag(c->sk, SOCK_DEAD))
			c->leaving = true;
		n += c->leaving;
	}
	return n;
}

void eo_quiet_reap(void)
{
	struct eo_quiet_client *c;

	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++)
		if (c->sk && c->leaving)
			eo_quiet_forget(c);
}

unsigned int eo_quiet_count(void)
{
	const struct eo_quiet_client *c;
	unsigned int n = 0;

	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++)
		n += c->sk && !c->leaving;
	return n;
}

void eo_quiet_apply(struct eo_filter *f)
{
	const struct eo_quiet_client *c;

	f->nquiet = 0;
	for (c = eo_quiet; c < eo_quiet + EO_QUIET_MAX; c++)
		if (c->sk && !c->leaving)
			f->quiet[f->nquiet++] = c->tgid;
	if (f->nquiet)
		f->flags |= EO_F_QUIET;
	else
		f->flags &= ~EO_F_QUIET;
}
