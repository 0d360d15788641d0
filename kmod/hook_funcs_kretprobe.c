// SPDX-License-Identifier: GPL-2.0
/*
 * Function hooks with one kretprobe per function, for kernels without fprobe (Debian's 6.1).
 * Registration is per probe and costs time (reported by the CLI); a function the kernel
 * refuses is counted and skipped, not fatal. The entry handler declines tasks that neither
 * hold nor may claim a session, which returns the instance at once. Frames carry no
 * pointers (hook_frame.h).
 *
 * Before objpool (6.7), every call of a probed function by any task takes an instance from
 * that probe's shared freelist and gives it back, atomics on one line, even when the entry
 * handler declines at once; and each registration scans ftrace's records. So sets stay small
 * here (EO_KRP_MAX_FUNCS, the rest counted refused), and the array that unregisters them in
 * one batch is allocated with them: unregistering never needs memory (one by one, each probe
 * would wait a grace period).
 */
#include <linux/err.h>
#include <linux/kprobes.h>
#include <linux/slab.h>
#include "alloc.h"
#include "capture.h"
#include "hook_frame.h"

#define EO_KRP_MAXACTIVE 64
#define EO_KRP_MAX_FUNCS 512

struct eo_krp {
	struct kretprobe rp;
	struct eo_func_hook *hook;
	u32 id;
	bool registered;
};

struct eo_func_hook {
	struct eo_funcs *funcs;
	u32 n;
	struct eo_krp *krps;
	struct kretprobe **batch;
};

static u64 eo_krp_missed_before;	/* of the hooks gone; control's lock orders changes */

static inline struct eo_krp *eo_krp_of(struct kretprobe_instance *ri)
{
	return container_of(get_kretprobe(ri), struct eo_krp, rp);
}

static int notrace eo_krp_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct eo_krp *k = eo_krp_of(ri);
	const struct eo_funcs *f = READ_ONCE(k->hook->funcs);
	struct eo_session *s = f ? eo_capture_claim(f) : NULL;

	if (!s)
		return 1;
	eo_hook_frame_set((struct eo_hook_frame *)ri->data, f, k->id, s);
	eo_origin_enter(&s->o, k->id);
	return 0;
}
NOKPROBE_SYMBOL(eo_krp_entry);

static int notrace eo_krp_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct eo_funcs *f = READ_ONCE(eo_krp_of(ri)->hook->funcs);
	const struct eo_hook_frame *fr = (struct eo_hook_frame *)ri->data;
	struct eo_session *s = eo_hook_frame_exit(fr, f);
	bool failed;
	s64 val;

	if (!s)
		return 0;
	failed = eo_funcs_failed(f->class[fr->id], regs_return_value(regs), &val);
	/*
	 * Where the return lands, not the instance's saved return address: after a tail call
	 * from another probed function that is the probe's trampoline.
	 */
	eo_origin_exit(&s->o, fr->id, val, failed, instruction_pointer(regs));
	return 0;
}
NOKPROBE_SYMBOL(eo_krp_return);

static void eo_krp_free(struct eo_func_hook *h)
{
	kvfree(h->batch);
	kvfree(h->krps);
	kfree(h);
}

struct eo_func_hook *eo_hook_funcs_register(struct eo_funcs *f, u32 *refused)
{
	struct eo_func_hook *h;
	u32 i, ok = 0;

	h = kzalloc(sizeof(*h), EO_GFP);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->n = min_t(u32, f->n, EO_KRP_MAX_FUNCS);
	h->krps = kvcalloc(h->n, sizeof(*h->krps), EO_GFP);
	h->batch = kvcalloc(h->n, sizeof(*h->batch), EO_GFP);
	if (!h->krps || !h->batch) {
		eo_krp_free(h);
		return ERR_PTR(-ENOMEM);
	}
	h->funcs = f;
	*refused = f->n - h->n;
	for (i = 0; i < h->n; i++) {
		struct eo_krp *k = &h->krps[i];

		k->hook = h;
		k->id = i;
		k->rp.kp.addr = (kprobe_opcode_t *)f->addr[i];
		k->rp.entry_handler = eo_krp_entry;
		k->rp.handler = eo_krp_return;
		k->rp.maxactive = EO_KRP_MAXACTIVE;
		k->rp.data_size = sizeof(struct eo_hook_frame);
		k->registered = !register_kretprobe(&k->rp);
		if (k->registered)
			ok++;
		else
			(*refused)++;
		cond_resched();
	}
	if (!ok) {
		eo_hook_funcs_unregister(h);
		return ERR_PTR(-EINVAL);
	}
	return h;
}

void eo_hook_funcs_unregister(struct eo_func_hook *h)
{
	u32 i, n = 0;

	if (!h)
		return;
	for (i = 0; i < h->n; i++)
		if (h->krps[i].registered)
			h->batch[n++] = &h->krps[i].rp;	/* one grace period for all */
	if (n)
		unregister_kretprobes(h->batch, n);
	for (i = 0; i < h->n; i++)
		eo_krp_missed_before += h->krps[i].rp.nmissed;
	eo_krp_free(h);
}

u64 eo_hook_funcs_missed(const struct eo_func_hook *h)
{
	u64 missed = eo_krp_missed_before;
	u32 i;

	for (i = 0; h && i < h->n; i++)
		missed += READ_ONCE(h->krps[i].rp.nmissed);
	return missed;
}

const char *eo_hook_funcs_name(void)
{
	return "kretprobe";
}

u32 eo_hook_funcs_max(void)
{
	return EO_KRP_MAX_FUNCS;
}
