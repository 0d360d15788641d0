/* SPDX-License-Identifier: GPL-2.0 */
/* Undoes a socket-owned arming, or a quiet client, when its netlink socket is released. */
#ifndef _EO_OWNER_H
#define _EO_OWNER_H

int eo_owner_init(void);
void eo_owner_uninit(void);

#endif /* _EO_OWNER_H */
