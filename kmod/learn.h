/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Learning control: which (syscall, errno) pairs are learned, until when, and the worker
 * that collects finished sets, ends learning on timeouts, removes the learning hook once no
 * pair learns, and tells userspace. Serialised by its own mutex (taken inside control's).
 */
#ifndef _EO_LEARN_H
#define _EO_LEARN_H

#include <linux/netlink.h>
#include <linux/errorigin.h>

struct eo_pair_key {
	u32 nr;
	u32 err;
	u8 abi;
};

struct eo_learn_req {
	struct eo_pair_key key;
	u32 timeout_ms;
	u32 max;
	unsigned long *ips;	/* the functions the learning hook follows */
	u8 *classes;		/* their return classes, or NULL */
	unsigned int nips;
};

struct eo_pair_info {
	struct eo_pair_key key;
	u8 phase;
	u32 funcs;
	u32 elapsed_ms;
	u64 others;		/* learning hook entries by tasks it does not record */
};

void eo_learn_init(void);
void eo_learn_uninit(void);
int eo_learn_start(const struct eo_learn_req *r, struct netlink_ext_ack *extack);
/* Ends all learning and forgets every pair. */
void eo_learn_stop(void);
/*
 * The armed function set was narrowed for these pairs, replacing earlier ones; with @keep
 * (an extension adds to an arming) those stay too.
 */
void eo_learn_mark_armed(const struct eo_pair_key *keys, const u32 *funcs, unsigned int n,
			 bool keep);
/* Calls @fn per known pair, then once with NULL for the hook (@hook NULL when none). */
int eo_learn_describe(int (*fn)(void *arg, const struct eo_pair_info *p, const char *hook),
		      void *arg);
struct eo_learned_func;
/*
 * Copies up to @max functions of the learned set of the @idx-th pair (with @only, of that
 * pair alone), from @pos on. Returns how many (0 at the end), or -ENOENT when no pair at or
 * after @idx has a set (@idx and @info are updated to the pair read). @gen: the sets'
 * generation at the time of the copy.
 */
int eo_learn_read(unsigned int *idx, u32 pos, const struct eo_pair_key *only,
		  struct eo_learned_func *out, u32 max, struct eo_pair_info *info, u32 *gen);

#endif /* _EO_LEARN_H */
