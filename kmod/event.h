/* SPDX-License-Identifier: GPL-2.0 */
/* Encodes events as EO_A_EVENT attributes and sends them to the "events" group. */
#ifndef _EO_EVENT_H
#define _EO_EVENT_H

#include <linux/skbuff.h>
#include "record.h"
#include "stats.h"

int eo_event_put(struct sk_buff *skb, const struct eo_record *rec);

struct eo_pair_info;
/* A pair as a nested EO_A_PAIR; multicast as EO_CMD_LEARNED when its learning ends. */
int eo_event_put_pair(struct sk_buff *skb, const struct eo_pair_info *p);
void eo_event_pair(const struct eo_pair_info *p);
struct eo_learned_func;
/* One function of a learned set as a nested EO_LEARNED_A_FUNC, named, not addressed. */
int eo_event_put_learned(struct sk_buff *skb, const struct eo_learned_func *f);
void eo_event_stats(struct eo_stats *s);

#endif /* _EO_EVENT_H */
