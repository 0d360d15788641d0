/* SPDX-License-Identifier: GPL-2.0 */
/* Encodes events as EO_A_EVENT attributes and sends them to the "events" group. */
#ifndef _EO_EVENT_H
#define _EO_EVENT_H

#include <linux/skbuff.h>
#include "record.h"
#include "stats.h"

int eo_event_put(struct sk_buff *skb, const struct eo_record *rec);
void eo_event_stats(struct eo_stats *s);

#endif /* _EO_EVENT_H */
