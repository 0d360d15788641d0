// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <ctype.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/errorigin.h>
#include "names.h"

/*
 * Codes the kernel uses internally (include/linux/errno.h). No userspace header has them,
 * but a syscall-exit hook sees them: the restart codes before signal delivery rewrites them,
 * the others when they leak to userspace by mistake.
 */
static const struct {
	int err;
	const char *name;
	const char *desc;
} eo_kernel_errnos[] = {
	{ 512, "ERESTARTSYS", "restart if interrupted by a signal (kernel-internal)" },
	{ 513, "ERESTARTNOINTR", "always restart (kernel-internal)" },
	{ 514, "ERESTARTNOHAND", "restart if no signal handler (kernel-internal)" },
	{ 515, "ENOIOCTLCMD", "no ioctl command (kernel-internal)" },
	{ 516, "ERESTART_RESTARTBLOCK", "restart through restart_syscall (kernel-internal)" },
	{ 517, "EPROBE_DEFER", "driver probe deferred (kernel-internal)" },
	{ 518, "EOPENSTALE", "open found a stale dentry (kernel-internal)" },
	{ 519, "ENOPARAM", "parameter not supported (kernel-internal)" },
	{ 521, "EBADHANDLE", "illegal NFS file handle (kernel-internal)" },
	{ 522, "ENOTSYNC", "update synchronization mismatch (kernel-internal)" },
	{ 523, "EBADCOOKIE", "cookie is stale (kernel-internal)" },
	{ 524, "ENOTSUPP", "operation is not supported (kernel-internal)" },
	{ 525, "ETOOSMALL", "buffer or request is too small (kernel-internal)" },
	{ 526, "ESERVERFAULT", "an untranslatable error occurred (kernel-internal)" },
	{ 527, "EBADTYPE", "type not supported by server (kernel-internal)" },
	{ 528, "EJUKEBOX", "request initiated, but will not complete before timeout (kernel-internal)" },
	{ 529, "EIOCBQUEUED", "iocb queued, will get completion event (kernel-internal)" },
	{ 530, "ERECALLCONFLICT", "conflict with recalled state (kernel-internal)" },
	{ 531, "ENOGRACE", "NFS file lock reclaim refused (kernel-internal)" },
};

#define EO_NKERNEL_ERRNOS (sizeof(eo_kernel_errnos) / sizeof(eo_kernel_errnos[0]))

const char *eo_errno_name(int err)
{
	unsigned int i;

	if (err > 0 && err < 512)
		return strerrorname_np(err);
	for (i = 0; i < EO_NKERNEL_ERRNOS; i++)
		if (eo_kernel_errnos[i].err == err)
			return eo_kernel_errnos[i].name;
	return NULL;
}

const char *eo_errno_desc(int err)
{
	unsigned int i;

	for (i = 0; i < EO_NKERNEL_ERRNOS; i++)
		if (eo_kernel_errnos[i].err == err)
			return eo_kernel_errnos[i].desc;
	return strerrordesc_np(err) ?: "unknown error";
}

int eo_errno_parse(const char *s)
{
	char *end;
	long v;
	int err;

	if (isdigit((unsigned char)*s)) {
		v = strtol(s, &end, 10);
		return *end || v < 1 || v > EO_MAX_ERRNO ? -1 : (int)v;
	}
	for (err = 1; err <= EO_MAX_ERRNO; err++) {
		const char *name = eo_errno_name(err);

		if (name && !strcasecmp(name, s))
			return err;
	}
	return -1;
}

const char *eo_syscall_name(int nr, int abi, char *buf, unsigned int len)
{
	uint32_t arch = abi == EO_ABI_COMPAT ? SCMP_ARCH_X86 :
			abi == EO_ABI_X32 ? SCMP_ARCH_X32 : SCMP_ARCH_X86_64;
	char *name = seccomp_syscall_resolve_num_arch(arch, nr);

	if (name) {
		snprintf(buf, len, "%s", name);
		free(name);
	} else {
		snprintf(buf, len, "syscall_%d", nr);
	}
	return buf;
}

int eo_syscall_parse(const char *name, bool compat)
{
	char *end;
	long v;
	int nr;

	if (isdigit((unsigned char)*name)) {
		v = strtol(name, &end, 10);
		return *end || v < 0 || v >= EO_MAX_SYSCALLS ? -1 : (int)v;
	}
	nr = seccomp_syscall_resolve_name_arch(compat ? SCMP_ARCH_X86 : SCMP_ARCH_X86_64, name);
	return nr < 0 || nr >= EO_MAX_SYSCALLS ? -1 : nr;
}

const char *eo_abi_name(int abi)
{
	switch (abi) {
	case EO_ABI_COMPAT:
		return "ia32";
	case EO_ABI_X32:
		return "x32";
	default:
		return "x86_64";
	}
}
