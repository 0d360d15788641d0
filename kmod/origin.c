// SPDX-License-Identifier: GPL-2.0
/*
 * Levels count hooked frames only. The live error path 'err' always ends at the child level
 * of the innermost open frame, so each return either extends it (the parent fails too: the
 * errno propagates, maybe translated), starts a new one (the deepest failing return is the
 * origin), or ends it (the parent succeeded: the error was handled). A call made while an
 * error path is live is a sibling running after the error, typically clean-up (unlock, put):
 * the path is set aside and stitched back if the parent then fails.
 */
#include "origin.h"

void eo_origin_init(struct eo_origin *o)
{
	o->depth = 0;
	o->overflow = false;
	o->desync = false;
	o->err.len = 0;
	o->saved.len = 0;
}
EO_NOKPROBE(eo_origin_init);

static void eo_chain_copy(struct eo_origin_chain *dst, const struct eo_origin_chain *src)
{
	dst->lo = src->lo;
	dst->len = src->len;
	dst->stitched = src->stitched;
	memcpy(&dst->func[src->lo], &src->func[src->lo], src->len * sizeof(src->func[0]));
	memcpy(&dst->ret[src->lo], &src->ret[src->lo], src->len * sizeof(src->ret[0]));
	memcpy(&dst->site[src->lo], &src->site[src->lo], src->len * sizeof(src->site[0]));
}

void eo_origin_enter_site(struct eo_origin *o, u16 func, u64 site)
{
	u16 level = o->depth++;

	if (level >= EO_ORIGIN_MAX_DEPTH) {
		o->overflow = true;
		return;
	}
	if (o->err.len) {	/* a sibling of the error path's outermost frame */
		eo_chain_copy(&o->saved, &o->err);
		o->err.len = 0;
	}
	o->open[level] = func;
	if (!level)
		o->outer_site = site;
}
EO_NOKPROBE(eo_origin_enter_site);

void eo_origin_enter(struct eo_origin *o, u16 func)
{
	eo_origin_enter_site(o, func, 0);
}
EO_NOKPROBE(eo_origin_enter);

static void eo_origin_fail(struct eo_origin *o, u16 level, u16 func, s64 ret, u64 site)
{
	struct eo_origin_chain *err = &o->err;

	if (err->len && err->lo == level + 1) {
		err->len++;				/* propagated outward */
	} else if (o->saved.len && o->saved.lo == level + 1) {
		eo_chain_copy(err, &o->saved);		/* clean-up ran in between */
		err->len++;
		err->stitched = true;
		o->saved.len = 0;
	} else {
		err->len = 1;				/* a new, deeper-most failure */
		err->stitched = false;
	}
	err->lo = level;
	err->func[level] = func;
	err->ret[level] = ret;
	err->site[level] = site;
	/* an older error set aside at this level is superseded by this one */
	if (o->saved.len && o->saved.lo == level)
		o->saved.len = 0;
}
EO_NOKPROBE(eo_origin_fail);

void eo_origin_exit(struct eo_origin *o, u16 func, s64 ret, bool failed, u64 site)
{
	u16 level;

	if (!o->depth) {
		o->desync = true;
		return;
	}
	level = --o->depth;
	if (level >= EO_ORIGIN_MAX_DEPTH)
		return;
	if (o->open[level] != func) {
		o->desync = true;
		return;
	}
	if (failed) {
		eo_origin_fail(o, level, func, ret, site);
		return;
	}
	/* this function succeeded: errors its callees returned were handled */
	if (o->err.len && o->err.lo == level + 1)
		o->err.len = 0;
	if (o->saved.len && o->saved.lo == level + 1)
		o->saved.len = 0;
}
EO_NOKPROBE(eo_origin_exit);

int eo_origin_alone(const struct eo_origin *o)
{
	return o->depth == 1 ? o->open[0] : -1;
}
EO_NOKPROBE(eo_origin_alone);

bool eo_origin_open_alone(const struct eo_origin *o, u16 func)
{
	return eo_origin_alone(o) == func;
}
EO_NOKPROBE(eo_origin_open_alone);

bool eo_origin_just_entered(const struct eo_origin *o, u16 func)
{
	return eo_origin_open_alone(o, func) && !o->err.len && !o->saved.len && !o->overflow &&
	       !o->desync;
}
EO_NOKPROBE(eo_origin_just_entered);

u64 eo_origin_outer_site(const struct eo_origin *o)
{
	return o->depth ? o->outer_site : 0;
}
EO_NOKPROBE(eo_origin_outer_site);

void eo_origin_finish(const struct eo_origin *o, s64 sys_ret, struct eo_origin_result *r)
{
	const struct eo_origin_chain *c = NULL;
	bool stitched = false;
	int level, top;

	r->n = 0;
	r->stitched = false;
	r->truncated = o->overflow;
	if (o->desync) {
		r->status = EO_ORIGIN_DESYNC;
		return;
	}
	if (o->err.len && o->err.lo == 0) {
		c = &o->err;
	} else if (o->saved.len && o->saved.lo == 0) {
		c = &o->saved;		/* the syscall returned it after top-level clean-up */
		stitched = true;
	}
	if (!c) {
		r->status = EO_ORIGIN_NONE;
		return;
	}
	r->status = EO_ORIGIN_MISMATCH;
	for (level = c->lo; level < c->lo + c->len; level++)
		if (c->ret[level] == sys_ret)
			r->status = EO_ORIGIN_FOUND;
	if (r->status != EO_ORIGIN_FOUND)
		return;
	r->stitched = stitched || c->stitched;
	top = c->lo + c->len - 1;
	for (level = top; level >= c->lo && r->n < EO_ORIGIN_MAX_CHAIN; level--) {
		r->func[r->n] = c->func[level];
		r->ret[r->n] = c->ret[level];
		r->site[r->n] = c->site[level];
		r->n++;
	}
	if (r->n < c->len)
		r->truncated = true;
}
EO_NOKPROBE(eo_origin_finish);
