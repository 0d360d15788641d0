// SPDX-License-Identifier: GPL-2.0
/*
 * Function hooks with one fprobe over the whole armed set (6.12 and later): registration is
 * one ftrace filter update whatever the set's size. The entry handler bails out for every
 * task without a session before anything else, and then returns non-zero so that no return
 * hook is installed for it.
 */
#include <linux/slab.h>
#include "compat/fprobe.h"
#include "funcs.h"
#include "session.h"

#define EO_FPROBE_MAXACTIVE 4096

static struct fprobe eo_fp;
static struct eo_funcs *eo_fp_funcs;
static u64 eo_fp_missed_before;

/*
 * What the entry handler hands to the return handler. The session stays valid in between:
 * it ends only when the syscall returns, or when every hook is gone.
 */
struct eo_fp_frame {
	struct eo_session *s;
	u32 id;
};

static int notrace eo_fp_entry(struct fprobe *fp, unsigned long entry_ip, unsigned long ret_ip,
			       EO_FPROBE_REGS *regs, void *data)
{
	struct eo_session *s = eo_session_current(eo_fp_funcs->gen);
	struct eo_fp_frame *frame = data;
	int id;

	if (!s)
		return 1;
	id = eo_funcs_lookup(eo_fp_funcs, entry_ip);
	if (id < 0)
		return 1;
	eo_origin_enter(&s->o, id);
	frame->s = s;
	frame->id = id;
	return 0;
}

static void notrace eo_fp_exit(struct fprobe *fp, unsigned long entry_ip, unsigned long ret_ip,
			       EO_FPROBE_REGS *regs, void *data)
{
	struct eo_fp_frame *frame = data;
	bool failed;
	s64 val;

	failed = eo_funcs_failed(eo_fp_funcs->class[frame->id], eo_fprobe_retval(regs), &val);
	eo_origin_exit(&frame->s->o, frame->id, val, failed, ret_ip);
}

int eo_hook_funcs_register(struct eo_funcs *f, u32 *refused)
{
	int err;

	memset(&eo_fp, 0, sizeof(eo_fp));
	eo_fp.entry_handler = eo_fp_entry;
	eo_fp.exit_handler = eo_fp_exit;
	eo_fp.entry_data_size = sizeof(struct eo_fp_frame);
	eo_fprobe_set_maxactive(&eo_fp, EO_FPROBE_MAXACTIVE);
	eo_fp_funcs = f;
	*refused = 0;
	err = register_fprobe_ips(&eo_fp, f->addr, f->n);
	if (err)
		eo_fp_funcs = NULL;
	return err;
}

void eo_hook_funcs_unregister(void)
{
	if (!eo_fp_funcs)
		return;
	unregister_fprobe(&eo_fp);
	eo_fp_missed_before += eo_fp.nmissed;
	eo_fp_funcs = NULL;
}

u64 eo_hook_funcs_missed(void)
{
	return eo_fp_missed_before + (eo_fp_funcs ? READ_ONCE(eo_fp.nmissed) : 0);
}

const char *eo_hook_funcs_name(void)
{
	return "fprobe";
}
