// SPDX-License-Identifier: GPL-2.0
/*
 * Armings owned by a netlink socket (what watch arms): when that socket is released, however
 * its process ended, the arming is undone. netlink's notifier chain is a blocking one, called
 * by the releasing task itself (close(), or exit's task work before the tgid can be reused),
 * so the disarm is done there: once close() or exit returns, status says idle. The port id
 * only selects which releases to look at; control disarms only if the socket it holds, the
 * owner's, is dead, since the port may already belong to a new socket that armed. The same
 * goes for the quiet clients (quiet.c).
 */
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <net/net_namespace.h>
#include "control.h"
#include "owner.h"
#include "quiet.h"

static int eo_owner_notify(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !net_eq(n->net, &init_net))
		return NOTIFY_DONE;
	if (eo_control_owned_by(n->portid))
		eo_control_release();
	/* SOCK_DEAD is set: pairs with the barrier of a QUIET request in flight (quiet.c) */
	smp_mb();
	if (eo_quiet_listens(n->portid))
		eo_control_quiet_release();
	return NOTIFY_DONE;
}

static struct notifier_block eo_owner_nb = {
	.notifier_call = eo_owner_notify,
};

int eo_owner_init(void)
{
	return netlink_register_notifier(&eo_owner_nb);
}

void eo_owner_uninit(void)
{
	netlink_unregister_notifier(&eo_owner_nb);	/* waits for a notifier in flight */
}
