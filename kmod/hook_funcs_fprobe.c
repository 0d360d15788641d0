// SPDX-License-Identifier: GPL-2.0
/*
 * Function hooks with one fprobe over the whole armed set (6.12 and later): registration is
 * one ftrace filter update whatever the set's size. The entry handler claims the task's
 * session (a task inside a syscall that passes the filter) or returns non-zero, so that no
 * return hook is installed for anyone else.
 *
 * Each arm gets its own struct fprobe, freed only once no handler can run it; a re-arm
 * registers the new one before the old one goes. On fgraph fprobe a return may still come
 * for an entry made under an earlier arm: its frame carries no pointer and is checked
 * against the set armed now (hook_frame.h).
 */
#include <linux/err.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "alloc.h"
#include "compat/fprobe.h"
#include "capture.h"
#include "hook_frame.h"

#define EO_FPROBE_MAXACTIVE 4096

struct eo_func_hook {
	struct fprobe fp;
	struct eo_funcs *funcs;
};

static u64 eo_fp_missed_before;	/* of the hooks gone; control's lock orders changes */

static inline const struct eo_funcs *eo_fp_funcs(struct fprobe *fp)
{
	return READ_ONCE(container_of(fp, struct eo_func_hook, fp)->funcs);
}

static int notrace eo_fp_entry(struct fprobe *fp, unsigned long entry_ip, unsigned long ret_ip,
			       EO_FPROBE_REGS *regs, void *data)
{
	const struct eo_funcs *f = eo_fp_funcs(fp);
	struct eo_session *s;
	int id;

	if (!f)
		return 1;
	id = eo_funcs_lookup(f, entry_ip);
	if (id < 0)
		return 1;
	s = eo_capture_claim(f);
	if (!s)
		return 1;
	eo_hook_frame_set(data, f, id, s);
	eo_origin_enter_site(&s->o, id, ret_ip);
	return 0;
}
NOKPROBE_SYMBOL(eo_fp_entry);

static void notrace eo_fp_exit(struct fprobe *fp, unsigned long entry_ip, unsigned long ret_ip,
			       EO_FPROBE_REGS *regs, void *data)
{
	const struct eo_funcs *f = eo_fp_funcs(fp);
	const struct eo_hook_frame *fr = data;
	struct eo_session *s = eo_hook_frame_exit(fr, f);
	bool failed;
	s64 val;

	if (!s)
		return;
	failed = eo_funcs_failed(f->class[fr->id], eo_fprobe_retval(regs), &val);
	eo_origin_exit(&s->o, fr->id, val, failed, ret_ip);
}
NOKPROBE_SYMBOL(eo_fp_exit);

struct eo_func_hook *eo_hook_funcs_register(struct eo_funcs *f, u32 *refused)
{
	struct eo_func_hook *h;
	int err;

	h = kzalloc(sizeof(*h), EO_GFP);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->fp.entry_handler = eo_fp_entry;
	h->fp.exit_handler = eo_fp_exit;
	h->fp.entry_data_size = sizeof(struct eo_hook_frame);
	eo_fprobe_set_maxactive(&h->fp, EO_FPROBE_MAXACTIVE);
	h->funcs = f;
	*refused = 0;
	err = register_fprobe_ips(&h->fp, f->addr, f->n);
	if (err) {
		kfree(h);
		return ERR_PTR(err);
	}
	return h;
}

void eo_hook_funcs_unregister(struct eo_func_hook *h)
{
	int err;

	if (!h)
		return;
	err = unregister_fprobe(&h->fp);
	if (err) {
		/*
		 * Still live: keep it and its set, and the module with them, rather than free
		 * what a handler may run. The caller must not free the set either.
		 */
		pr_err("unregister_fprobe failed (%d): keeping the probe and the module loaded\n",
		       err);
		__module_get(THIS_MODULE);
		eo_funcs_pin(h->funcs);
		return;
	}
	/* kernels before "fprobe: Fix unregister_fprobe() to wait" return with handlers live */
	WRITE_ONCE(h->funcs, NULL);
	synchronize_rcu();
	eo_fp_missed_before += h->fp.nmissed;
	kfree(h);
}

u64 eo_hook_funcs_missed(const struct eo_func_hook *h)
{
	return eo_fp_missed_before + (h ? READ_ONCE(h->fp.nmissed) : 0);
}

const char *eo_hook_funcs_name(void)
{
	return "fprobe";
}

u32 eo_hook_funcs_max(void)
{
	return EO_MAX_FUNCS;
}
