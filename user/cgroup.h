/* SPDX-License-Identifier: GPL-2.0 */
/* cgroup v2 ids (what the module reports) back to paths (what people know). */
#ifndef EO_CGROUP_H
#define EO_CGROUP_H

#include <stddef.h>
#include <stdint.h>

/*
 * The path of cgroup @id below /sys/fs/cgroup ("/" for the root), found by the directory's
 * inode and remembered; "" when no directory has that id (the cgroup is gone).
 */
const char *eo_cgroup_path(uint64_t id);
/* The absolute directory of process @pid's cgroup (/proc/PID/cgroup), else of cgroup @id. */
int eo_cgroup_dir(uint32_t pid, uint64_t id, char *buf, size_t len);

#endif
