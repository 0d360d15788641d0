/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fprobe changed generation between the supported kernels: 6.12's is built on ftrace_ops +
 * rethook and hands handlers pt_regs (and needs nr_maxactive, or it sizes its return pool
 * for every function times every CPU); 7.3's is built on fgraph and hands ftrace_regs.
 */
#ifndef _EO_COMPAT_FPROBE_H
#define _EO_COMPAT_FPROBE_H

#include <linux/fprobe.h>

#ifdef MAX_FPROBE_DATA_SIZE
#define EO_FPROBE_REGS struct ftrace_regs
#define eo_fprobe_retval(regs) ftrace_regs_get_return_value(regs)
#define eo_fprobe_set_maxactive(fp, n) do { } while (0)
#else
#define EO_FPROBE_REGS struct pt_regs
#define eo_fprobe_retval(regs) regs_return_value(regs)
#define eo_fprobe_set_maxactive(fp, n) ((fp)->nr_maxactive = (n))
#endif

#endif /* _EO_COMPAT_FPROBE_H */
