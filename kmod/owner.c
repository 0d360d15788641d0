// SPDX-License-Identifier: GPL-2.0
/*
 * Armings owned by a netlink socket (what watch arms): when that socket is released, however
 * its process ended, the arming is undone. The notifier runs in atomic context; a work item
 * disarms, and only if the same owner (portid and generation) still holds the arming: the
 * port may have been reused by a client that armed in between.
 */
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include "control.h"
#include "owner.h"

static u64 eo_owner_released;

static void eo_owner_work_fn(struct work_struct *work)
{
	eo_control_release(xchg(&eo_owner_released, 0));
}

static DECLARE_WORK(eo_owner_work, eo_owner_work_fn);

static int eo_owner_notify(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	u64 owner = eo_control_owner();

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    net_eq(n->net, &init_net) && owner && n->portid == (u32)owner) {
		WRITE_ONCE(eo_owner_released, owner);
		schedule_work(&eo_owner_work);
	}
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
	cancel_work_sync(&eo_owner_work);
}
