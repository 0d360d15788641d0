/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _EO_NETLINK_H
#define _EO_NETLINK_H

#include <net/genetlink.h>

enum { EO_MCGRP_EVENTS };

extern struct genl_family eo_genl_family;

int eo_genl_init(void);
void eo_genl_uninit(void);

#endif /* _EO_NETLINK_H */
