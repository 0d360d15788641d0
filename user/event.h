/* SPDX-License-Identifier: GPL-2.0 */
/* Decoded forms of the module's messages (pure: no I/O). */
#ifndef EO_EVENT_H
#define EO_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/attr.h>
#include <linux/errorigin.h>

#define EO_EVENT_MAX_FRAMES 16
#define EO_FUNC_NAME_LEN 128

#define EO_SYM_LEN (EO_FUNC_NAME_LEN + 96)

/* Frames come named, never addressed: the module sends no raw kernel address. */
struct eo_frame {
	int64_t ret;
	char func[EO_FUNC_NAME_LEN];	/* "name" or "name [module]" */
	char func_sym[EO_SYM_LEN];	/* its hooked entry, "name+0xoff/0xsize [module]" */
	char site_sym[EO_SYM_LEN];	/* where it returned, "caller+0xoff/0xsize [module]" */
	char src[96];		/* "file.c:line" of the entry, filled by the CLI ("" unknown) */
	char site_src[96];	/* "file.c:line" of the call site, filled by the CLI */
};

/* A path argument the module copied (index into args). */
struct eo_arg_string {
	unsigned int index;
	uint8_t flags;			/* EO_ARGSTR_F_* */
	char value[EO_ARG_STR_LEN];
};

struct eo_event {
	uint64_t seq;
	uint64_t time_ns;
	uint32_t pid;
	uint32_t tid;
	uint32_t uid;
	uint32_t cpu;
	uint64_t cgroup_id;
	char cgroup[256];		/* its path, filled by the CLI ("" unknown) */
	uint32_t syscall_nr;
	uint8_t abi;
	int64_t ret;
	uint64_t args[EO_NR_ARGS];
	char comm[EO_COMM_LEN];
	uint8_t origin_status;		/* enum eo_origin_status_uapi */
	uint8_t origin_flags;		/* EO_ORIGIN_F_* */
	unsigned int nframes;
	struct eo_frame frames[EO_EVENT_MAX_FRAMES];	/* origin first */
	unsigned int nstrings;
	struct eo_arg_string strings[EO_ARG_STRINGS];
};

struct eo_count {
	uint32_t syscall_nr;
	uint8_t abi;
	uint32_t err;
	uint32_t pid;
	char comm[EO_COMM_LEN];
	char origin[EO_FUNC_NAME_LEN];	/* "" when none */
	uint64_t count;
	bool evicted;			/* the failures of keys full tables evicted */
};

/* A (syscall, errno) pair the module learns or follows functions for. */
struct eo_pair {
	uint32_t nr;
	uint8_t abi;
	uint32_t err;
	uint8_t phase;			/* enum eo_phase */
	uint32_t funcs;
	uint32_t elapsed_ms;
	uint64_t others;		/* learning hook entries by tasks it does not record */
};

int eo_pair_parse(struct nlattr *nest, struct eo_pair *p);
const char *eo_phase_name(uint8_t phase);
/* "mount/ENOSPC" (ia32 syscalls get an "ia32:" prefix) */
void eo_pair_name(const struct eo_pair *p, char *buf, size_t len);

/* Parse an EO_A_EVENT / EO_A_COUNT nest; -1 when a required attribute is missing. */
int eo_event_parse(struct nlattr *nest, struct eo_event *ev);
/* The module named by a symbol "name[+off/size] [module]" into @mod ("" for vmlinux). */
void eo_sym_module(const char *sym, char *mod, size_t len);

/* A symbol as the module formats one: "name+0xoff/0xsize [module]". */
struct eo_sym {
	char name[EO_FUNC_NAME_LEN];
	char module[64];		/* "" for vmlinux */
	uint64_t off, size;
};
/* Splits @s; -1 when it is not of that form ("?" for an address with no symbol). Pure. */
int eo_sym_parse(const char *s, struct eo_sym *sym);
/*
 * Where frame @i was when the error came back to it: "name+0xoff [module]", the call into
 * frame @i - 1, and that call's source line in @src ("" unknown). False for the origin
 * (return hooks know it by its entry) and when the call was made from another function (a
 * caller not followed, or a tail call): then frame @i - 1's site says where it returned.
 */
bool eo_frame_position(const struct eo_event *ev, unsigned int i, char *pos, size_t len,
		       const char **src);
/*
 * Frame @i ended with a jump to frame @i - 1 (a tail call): both returned to the same place,
 * outside frame @i, so frame @i has no call position of its own.
 */
bool eo_frame_tail_call(const struct eo_event *ev, unsigned int i);
/* @sym without its "/0xsize" part. */
void eo_site_short(const char *sym, char *buf, size_t len);
int eo_count_parse(struct nlattr *nest, struct eo_count *c);

#endif
