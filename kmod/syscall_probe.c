// SPDX-License-Identifier: GPL-2.0
#include <linux/string.h>
#include "names.h"
#include "syscall_probe.h"

static int eo_syscall_try(struct kretprobe *rp, char *symbol, size_t len, const char *fmt,
			  const char *name)
{
	snprintf(symbol, len, fmt, name);
	rp->kp.symbol_name = symbol;
	return register_kretprobe(rp);
}

int eo_syscall_kretprobe(struct kretprobe *rp, char *symbol, size_t len, unsigned int nr,
			 bool compat)
{
	const char *name = eo_syscall_name(nr, compat);
	struct kretprobe unused = *rp;

	if (!name)
		return -ENOENT;
	if (!compat)
		return eo_syscall_try(rp, symbol, len, "__x64_sys_%s", name);
	/* ia32 entry points: a compat wrapper where the ABI needs one, else the plain one */
	if (!eo_syscall_try(rp, symbol, len, "__ia32_compat_sys_%s", name))
		return 0;
	/* a failed registration leaves state behind: start the second try clean */
	*rp = unused;
	return eo_syscall_try(rp, symbol, len, "__ia32_sys_%s", name);
}
