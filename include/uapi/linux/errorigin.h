/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * errorigin: generic netlink protocol between errorigin.ko and the errorigin CLI.
 *
 * Family EO_GENL_NAME, version EO_GENL_VERSION, init network namespace only.
 * Every command needs CAP_SYS_ADMIN, or CAP_PERFMON together with CAP_SYS_PTRACE (tracing,
 * plus reading other tasks), in the initial user namespace, held both by the process that
 * opened the socket and by the one sending; the "events" multicast group needs CAP_SYS_ADMIN
 * (a group takes one capability). Events carry every user's process names, paths and
 * arguments, and commands arm kernel probes: CAP_NET_ADMIN alone is refused (-EPERM).
 *
 * Commands (request attributes -> reply):
 *   EO_CMD_GET_STATUS  do    -> EO_A_ARMED, EO_A_MECHANISM, EO_A_FILTER (when armed),
 *                               EO_A_STATS, EO_A_CONFIG, EO_A_QUIET_CLIENTS
 *   EO_CMD_START       do    EO_A_FILTER (optional; absent = every failure) -> ack.
 *                            Arms capture, or replaces the filter when already armed.
 *                            With EO_A_OWNED the arming ends when the requesting socket
 *                            is released, before its close() or its process's exit
 *                            returns (GET_STATUS: EO_A_OWNER_PID).
 *                            A filter with at most 16 syscalls is served by kretprobes on
 *                            those syscalls' entry points (no other syscall is slowed);
 *                            otherwise by the raw_syscalls:sys_exit tracepoint.
 *                            EO_A_MECHANISM in the status tells which.
 *                            With EO_A_FUNC_ADDRS + EO_A_FUNC_CLASSES (origin mode) the
 *                            module also follows those functions' entries and returns in
 *                            each captured syscall and reports the origin of its errno;
 *                            the addresses must be function entries ftrace can patch
 *                            (available_filter_functions). The status then carries
 *                            EO_A_FUNCS_ARMED/REFUSED/MECHANISM.
 *                            With EO_A_EXTEND (capture armed, else -ENOTCONN, and not
 *                            owned by a client, else -EBUSY) the filter stays, the
 *                            arming's pairs too, and the functions are followed besides the
 *                            arming's own, replacing an earlier extension's; the next
 *                            START without it, or STOP, ends the extension. A watch learns
 *                            so under an arming of 'errorigin start'.
 *   EO_CMD_STOP        do    -> ack. Disarms; the counters and the recorder are kept.
 *   EO_CMD_GET_COUNTS  dump  -> one EO_CMD_GET_COUNTS message per EO_A_COUNT. Counters are
 *                            kept per CPU: the same key can come once per CPU and the reader
 *                            adds them up. They count every failure that passed the filter,
 *                            also those the event queue had to drop. A CPU's full table
 *                            evicts its least counted key for a new one; what the evicted
 *                            keys had counted comes as that CPU's EO_COUNT_A_EVICTED entry.
 *   EO_CMD_RESET_COUNTS do   -> ack. Empties the counter tables.
 *   EO_CMD_GET_RECENT  dump  -> the flight recorder, oldest first: one EO_CMD_GET_RECENT
 *                            message per EO_A_EVENT. Events overwritten while the dump runs
 *                            are skipped; the EO_EVENT_A_SEQ gap shows how many. An event
 *                            too large for the reader's buffer ends the dump with -EMSGSIZE.
 *   EO_CMD_EVENT       multicast on EO_GENL_MCGRP_EVENTS: one EO_A_EVENT per failure.
 *                            EO_EVENT_A_SEQ counts per CPU (EO_EVENT_A_CPU): it is gap-free
 *                            for each CPU, and a gap in one CPU's sequence means that many
 *                            failures were dropped on that CPU (queue full, see EO_A_STATS)
 *                            before they reached the group. Delivery goes CPU by CPU.
 *   EO_CMD_LEARN       do    EO_A_PAIR (syscall, ABI, errno), EO_A_LEARN_TIMEOUT_MS,
 *                            EO_A_LEARN_MAX, EO_A_LEARN_FUNCS -> ack. Needs capture armed.
 *                            Learns which functions that syscall enters: an ftrace entry hook
 *                            on the EO_A_LEARN_FUNCS functions (all must be ftrace locations,
 *                            else -EINVAL and nothing is hooked) records, for tasks inside
 *                            that syscall (and passing the filter),
 *                            the distinct functions entered; the next time the syscall fails
 *                            with that errno, that set is the pair's learned set. Learning
 *                            ends then, or after the timeout, or when a call enters more than
 *                            EO_A_LEARN_MAX distinct functions; the hook is removed once no
 *                            pair is learning. EO_A_STATUS of the pairs tells the phase.
 *   EO_CMD_LEARNED     multicast on EO_GENL_MCGRP_EVENTS: EO_A_PAIR with its new phase when
 *                            a pair's learning ends (learned, timed out, overflow).
 *   EO_CMD_GET_LEARNED dump  [EO_A_PAIR] -> messages of EO_A_PAIR and EO_A_LEARNED: the
 *                            learned set of that pair (of every pair without EO_A_PAIR), a
 *                            part per message. A set learned or forgotten while the dump runs
 *                            marks the next message NLM_F_DUMP_INTR: dump again.
 *   EO_CMD_QUIET       do    -> ack. Leaves the requesting process's own syscalls out of
 *                            capture (not counted, reported or learned), whoever arms it,
 *                            for as long as the requesting socket is open: a client's
 *                            non-blocking reads fail with EAGAIN. At most EO_QUIET_MAX
 *                            sockets at once (-ENOSPC); a socket's second QUIET is a no-op.
 *   START's EO_A_PAIR attributes (repeated, each with EO_PAIR_A_FUNCS) tell which pairs the
 *   function set was narrowed for; GET_STATUS lists every known pair (EO_A_PAIR, repeated).
 *
 * A failure is a syscall return value in [-4095, -1]. The kernel-internal restart codes
 * (ERESTARTSYS 512 ... ERESTART_RESTARTBLOCK 516) are reported as they are; the task never
 * sees them.
 *
 * Integers are host-endian. Attributes are validated strictly: unknown attributes, wrong
 * types and out-of-range values are rejected with an errno and an extended-ack message.
 * Attributes may be added in later versions; none is renumbered.
 */
#ifndef _UAPI_LINUX_ERRORIGIN_H
#define _UAPI_LINUX_ERRORIGIN_H

#include <linux/types.h>

#define EO_GENL_NAME		"errorigin"
#define EO_GENL_VERSION		1
#define EO_GENL_MCGRP_EVENTS	"events"

#define EO_MAX_ERRNO		4095	/* MAX_ERRNO: failures are -1 ... -4095 */
#define EO_MAX_SYSCALLS		1024	/* syscall numbers 0 ... 1023 per ABI */
#define EO_COMM_LEN		16	/* TASK_COMM_LEN, with the terminating NUL */
#define EO_NR_ARGS		6

enum eo_cmd {
	EO_CMD_UNSPEC,
	EO_CMD_GET_STATUS,
	EO_CMD_START,
	EO_CMD_STOP,
	EO_CMD_GET_COUNTS,
	EO_CMD_GET_RECENT,
	EO_CMD_EVENT,
	EO_CMD_LEARN,
	EO_CMD_LEARNED,
	EO_CMD_GET_LEARNED,
	EO_CMD_RESET_COUNTS,
	EO_CMD_QUIET,
	__EO_CMD_MAX
};
#define EO_CMD_MAX (__EO_CMD_MAX - 1)

/* Top-level attributes. */
enum eo_attr {
	EO_A_UNSPEC,
	EO_A_PAD,
	EO_A_FILTER,		/* nested, enum eo_filter_attr */
	EO_A_ARMED,		/* u8: 1 when capture is armed */
	EO_A_MECHANISM,		/* string: the hook in use, e.g. "tracepoint:raw_syscalls/sys_exit" */
	EO_A_STATS,		/* nested, enum eo_stats_attr */
	EO_A_CONFIG,		/* nested, enum eo_config_attr */
	EO_A_EVENT,		/* nested, enum eo_event_attr */
	EO_A_COUNT,		/* nested, enum eo_count_attr */
	EO_A_FUNC_ADDRS,	/* binary: u64 entry addresses of the functions to follow */
	EO_A_FUNC_CLASSES,	/* binary: u8 enum eo_ret_class per address, same count */
	EO_A_FUNCS_ARMED,	/* u32: functions followed */
	EO_A_FUNCS_REFUSED,	/* u32: functions the kernel would not hook */
	EO_A_FUNCS_MECHANISM,	/* string: "fprobe" or "kretprobe" */
	EO_A_PAIR,		/* nested, enum eo_pair_attr: a (syscall, errno) pair */
	EO_A_LEARN_TIMEOUT_MS,	/* u32: learning time limit, 100 ms ... 10 min (default 60 s) */
	EO_A_LEARN_MAX,		/* u32: most distinct functions a learned call may enter */
	/*
	 * binary: u64 entry addresses the learning hook follows, at most EO_LEARN_FUNCS_PER_ATTR
	 * in one attribute; repeated for more (a nest could not hold them: nla_len is 16 bits)
	 */
	EO_A_LEARN_FUNCS,
	EO_A_LEARNED,		/* nested: EO_LEARNED_A_FUNC, repeated */
	EO_A_LEARN_HOOK,	/* string: the learning hook while it is registered */
	/*
	 * flag, START: the arming belongs to the requesting socket and is undone by the kernel
	 * when that socket closes (watch: Ctrl-C, SIGKILL, SIGPIPE alike); without it capture
	 * stays armed until STOP. A later START without it makes the arming persistent.
	 */
	EO_A_OWNED,
	EO_A_OWNER_PID,		/* u32, status: process that holds an owned arming */
	EO_A_QUIET_CLIENTS,	/* u32, status: sockets whose processes are left out (QUIET) */
	/*
	 * flag, START: follow EO_A_FUNC_ADDRS besides what the armed capture follows, keeping
	 * its filter; no EO_A_FILTER or EO_A_OWNED with it
	 */
	EO_A_EXTEND,
	/*
	 * binary, LEARN: u8 per EO_A_LEARN_FUNCS address, in their order, at most
	 * EO_LEARN_CLASSES_PER_ATTR in one attribute: enum eo_ret_class, or EO_LEARN_RET_NONE
	 * for a function whose return says nothing (void, bool). With them the learning hook
	 * also follows what the learning task's functions return, and the failure it learns
	 * from carries its origin; without them (or in part) it records entries only.
	 */
	EO_A_LEARN_CLASSES,
	__EO_A_MAX
};
#define EO_A_MAX (__EO_A_MAX - 1)

#define EO_MAX_FUNCS		4096	/* functions one START may arm */

#define EO_LEARN_PAIRS		8	/* pairs known at once (learning, learned or armed) */
#define EO_LEARN_MAX_DEFAULT	8192
#define EO_LEARN_MAX_LIMIT	65536
#define EO_LEARN_TIMEOUT_DEFAULT_MS	60000
#define EO_LEARN_TIMEOUT_MAX_MS	600000	/* the learning hook costs every task: minutes at most */
#define EO_LEARN_FUNCS_PER_ATTR	8190
#define EO_LEARN_FUNCS_MAX	131072	/* addresses one LEARN may carry in all */
#define EO_LEARN_CLASSES_PER_ATTR	65528
#define EO_LEARN_RET_NONE	255	/* EO_A_LEARN_CLASSES: the return is not followed */
#define EO_QUIET_MAX		32	/* sockets quiet at once (EO_CMD_QUIET) */

enum eo_pair_attr {
	EO_PAIR_A_UNSPEC,
	EO_PAIR_A_SYSCALL_NR,	/* u32 */
	EO_PAIR_A_ABI,		/* u8: enum eo_abi (native or compat) */
	EO_PAIR_A_ERRNO,	/* u32: positive */
	EO_PAIR_A_PHASE,	/* u8: enum eo_phase (from the kernel) */
	EO_PAIR_A_FUNCS,	/* u32: functions learned, or armed for the pair */
	EO_PAIR_A_ELAPSED_MS,	/* u32: since learning began (from the kernel) */
	EO_PAIR_A_PAD,
	/*
	 * u64, from the kernel: entries of the learning hook by the tasks it does not record
	 * while the pair learned, each a hook round trip (what learning cost everyone else)
	 */
	EO_PAIR_A_OTHERS,
	__EO_PAIR_A_MAX
};
#define EO_PAIR_A_MAX (__EO_PAIR_A_MAX - 1)

enum eo_phase {
	EO_PHASE_NONE,
	EO_PHASE_LEARNING,	/* the learning hook records the pair's syscall */
	EO_PHASE_LEARNED,	/* the set is ready (EO_CMD_GET_LEARNED) */
	EO_PHASE_TIMED_OUT,	/* it did not fail again within the time limit */
	EO_PHASE_OVERFLOW,	/* a call entered more than EO_A_LEARN_MAX functions */
	EO_PHASE_ARMED,		/* functions are followed for it (START with EO_A_PAIR) */
	__EO_PHASE_MAX
};

/*
 * A learned set: its functions as symbols, never as addresses (resolve them with
 * /proc/kallsyms, which applies kptr_restrict to the reader).
 */
enum eo_learned_attr {
	EO_LEARNED_A_UNSPEC,
	EO_LEARNED_A_FUNC,	/* nested, enum eo_lfunc_attr: one function */
	__EO_LEARNED_A_MAX
};
#define EO_LEARNED_A_MAX (__EO_LEARNED_A_MAX - 1)

enum eo_lfunc_attr {
	EO_LFUNC_A_UNSPEC,
	/* string: where ftrace saw it entered, "name+0xoff/0xsize [module]" */
	EO_LFUNC_A_SYM,
	/* string: the call it came from at its last entry, "name+0xoff/0xsize [module]" */
	EO_LFUNC_A_CALLER,
	EO_LFUNC_A_LAST,	/* u32: order of its last entry: higher = nearer the failure */
	EO_LFUNC_A_HITS,	/* u32: entries during the call */
	__EO_LFUNC_A_MAX
};
#define EO_LFUNC_A_MAX (__EO_LFUNC_A_MAX - 1)

/* How a function's return value says it failed (from its BTF return type). */
enum eo_ret_class {
	EO_RET_LONG,		/* 64-bit value in [-4095, -1] */
	EO_RET_INT,		/* 32-bit int in [-4095, -1]; the upper half of rax is ignored */
	EO_RET_PTR,		/* ERR_PTR value or NULL */
	__EO_RET_MAX
};

/* Why an event has, or has no, origin. */
enum eo_origin_status_uapi {
	EO_ORIGIN_OFF,		/* no functions armed: capture only */
	EO_ORIGIN_OK,		/* origin and chain present */
	EO_ORIGIN_NOT_ARMED,	/* no armed function failed on the way out */
	EO_ORIGIN_ERRNO_DIFFERS,	/* armed functions failed, none with the syscall's errno */
	EO_ORIGIN_UNPAIRED,	/* entries and returns did not pair up (set changed mid-call) */
	EO_ORIGIN_NO_SESSION,	/* no session was free when the call entered a followed function */
};

#define EO_ORIGIN_F_STITCHED	(1 << 0)	/* clean-up calls ran after the origin */
#define EO_ORIGIN_F_TRUNCATED	(1 << 1)	/* deeper than followed, or chain cut */

/*
 * Filters: an event is captured when it passes every filter that is present. Repeated
 * ERRNO, SYSCALL and COMPAT_SYSCALL attributes form a set (any member matches); PID, TID,
 * COMM and CGROUP_ID are single values (the last one given counts). Absent = no
 * restriction. PID and TID are numbers: once that process exits, a new one given the same
 * number is followed, path strings included.
 */
enum eo_filter_attr {
	EO_FILTER_A_UNSPEC,
	EO_FILTER_A_PAD,
	EO_FILTER_A_ERRNO,		/* u32, repeated: positive errno, 1 ... EO_MAX_ERRNO */
	EO_FILTER_A_SYSCALL,		/* u32, repeated: native (x86_64) syscall number */
	EO_FILTER_A_COMPAT_SYSCALL,	/* u32, repeated: ia32 syscall number */
	/*
	 * The next four are single values (a repeated one: the last wins). PID and TID are
	 * numbers: once that process exits, a new one given the same number is followed.
	 */
	EO_FILTER_A_PID,		/* u32: thread-group id (the process) */
	EO_FILTER_A_TID,		/* u32: thread id */
	EO_FILTER_A_COMM,		/* string: exact task name, at most 15 bytes */
	EO_FILTER_A_CGROUP_ID,		/* u64: cgroup v2 id (the cgroup directory's inode) */
	EO_FILTER_A_NO_ARGS,		/* flag: do not copy path arguments (the lowest cost) */
	__EO_FILTER_A_MAX
};
#define EO_FILTER_A_MAX (__EO_FILTER_A_MAX - 1)

/* Which syscall table EO_EVENT_A_SYSCALL_NR and EO_COUNT_A_SYSCALL_NR index. */
enum eo_abi {
	EO_ABI_NATIVE,		/* x86_64 */
	EO_ABI_COMPAT,		/* ia32 (int 0x80, sysenter, 32-bit processes) */
	EO_ABI_X32,		/* x32: number with __X32_SYSCALL_BIT removed */
};

enum eo_event_attr {
	EO_EVENT_A_UNSPEC,
	EO_EVENT_A_PAD,
	EO_EVENT_A_SEQ,		/* u64: capture order on EO_EVENT_A_CPU, gap-free per CPU unless dropped */
	EO_EVENT_A_TIME_NS,	/* u64: CLOCK_MONOTONIC at syscall exit */
	EO_EVENT_A_PID,		/* u32: thread-group id */
	EO_EVENT_A_TID,		/* u32 */
	EO_EVENT_A_COMM,	/* string */
	EO_EVENT_A_UID,		/* u32: real uid, in the initial user namespace */
	EO_EVENT_A_CGROUP_ID,	/* u64: cgroup v2 id of the task */
	EO_EVENT_A_SYSCALL_NR,	/* u32 */
	EO_EVENT_A_ABI,		/* u8: enum eo_abi */
	EO_EVENT_A_RET,		/* s64: the return value, -4095 ... -1 */
	EO_EVENT_A_ARGS,	/* binary: EO_NR_ARGS x u64, the raw syscall arguments */
	EO_EVENT_A_CPU,		/* u32: CPU the syscall returned on */
	EO_EVENT_A_ORIGIN_STATUS,	/* u8: enum eo_origin_status_uapi */
	EO_EVENT_A_ORIGIN_FLAGS,	/* u8: EO_ORIGIN_F_* */
	EO_EVENT_A_FRAME,	/* nested, repeated: enum eo_frame_attr, origin first */
	EO_EVENT_A_ARG_STRING,	/* nested, repeated: enum eo_argstr_attr, path arguments */
	__EO_EVENT_A_MAX
};
#define EO_EVENT_A_MAX (__EO_EVENT_A_MAX - 1)

/*
 * A string argument of a path-taking syscall, native or ia32 (open*, mount, umount2, mkdir*,
 * unlink*, rename*, the stat family, execve*, chdir, inotify_add_watch, ...), copied at
 * syscall exit without faulting: a string not in memory then is reported as such, never
 * waited for.
 */
#define EO_ARG_STR_LEN		128	/* bytes copied, with the terminating NUL */
#define EO_ARG_STRINGS		3	/* string arguments one event carries at most */
#define EO_ARGSTR_F_FAULT	(1 << 0)	/* not readable without faulting */
#define EO_ARGSTR_F_TRUNCATED	(1 << 1)	/* longer than EO_ARG_STR_LEN - 1 */
#define EO_ARGSTR_F_NULL	(1 << 2)	/* a NULL pointer */

enum eo_argstr_attr {
	EO_ARGSTR_A_UNSPEC,
	EO_ARGSTR_A_INDEX,	/* u8: which argument, 0 ... 5 */
	EO_ARGSTR_A_VALUE,	/* string: what was read ("" on a fault or NULL) */
	EO_ARGSTR_A_FLAGS,	/* u8: EO_ARGSTR_F_* */
	__EO_ARGSTR_A_MAX
};
#define EO_ARGSTR_A_MAX (__EO_ARGSTR_A_MAX - 1)

/* One frame of an event's chain: a function that returned the error (or passed it on). */
enum eo_frame_attr {
	EO_FRAME_A_UNSPEC,
	EO_FRAME_A_PAD,
	EO_FRAME_A_ADDR_UNUSED,	/* not sent: no raw kernel address leaves the module */
	EO_FRAME_A_FUNC,	/* string: its symbol, "name" or "name [module]" */
	EO_FRAME_A_RET,		/* s64: what it returned (0 for a NULL pointer) */
	EO_FRAME_A_SITE_UNUSED,	/* not sent */
	/*
	 * string: the call site it returned to, "name+0xoff/0xsize [module]". After a tail
	 * call from another hooked function it may be that function's return-hook trampoline
	 * (fgraph's return_to_handler on 7.x): the call site is then the next frame's.
	 */
	EO_FRAME_A_SITE_SYM,
	EO_FRAME_A_FUNC_SYM,	/* string: its hooked entry, "name+0xoff/0xsize [module]" */
	__EO_FRAME_A_MAX
};
#define EO_FRAME_A_MAX (__EO_FRAME_A_MAX - 1)

/* One aggregated counter: failures per (syscall, ABI, errno, process, comm). */
enum eo_count_attr {
	EO_COUNT_A_UNSPEC,
	EO_COUNT_A_PAD,
	EO_COUNT_A_SYSCALL_NR,	/* u32 */
	EO_COUNT_A_ABI,		/* u8: enum eo_abi */
	EO_COUNT_A_ERRNO,	/* u32: positive */
	EO_COUNT_A_PID,		/* u32: thread-group id */
	EO_COUNT_A_COMM,	/* string */
	EO_COUNT_A_COUNT,	/* u64 */
	EO_COUNT_A_CPU,		/* u32: the per-CPU table this entry comes from */
	EO_COUNT_A_ORIGIN,	/* string: origin function, absent when none */
	/*
	 * flag: this entry is the CPU's evicted bucket, failures counted under keys that a
	 * full table evicted since (syscall and errno 0); with it the entries add up exactly
	 */
	EO_COUNT_A_EVICTED,
	__EO_COUNT_A_MAX
};
#define EO_COUNT_A_MAX (__EO_COUNT_A_MAX - 1)

/*
 * Counters since the module was loaded; all u64. Every failure that passed the filter is
 * either queued or counted in one of the drop counters: nothing is lost silently.
 */
enum eo_stats_attr {
	EO_STATS_A_UNSPEC,
	EO_STATS_A_PAD,
	EO_STATS_A_CAPTURED,	/* failures that passed the filter */
	EO_STATS_A_QUEUED,	/* ... and were queued for delivery */
	EO_STATS_A_DROP_QUEUE_FULL,	/* ... dropped: the per-CPU queue was full */
	EO_STATS_A_DROP_NESTED,	/* ... dropped: the capture path was re-entered on a CPU */
	EO_STATS_A_DELIVERED,	/* events sent to the multicast group */
	EO_STATS_A_DROP_NOMEM,	/* events not sent: no memory for the message */
	EO_STATS_A_COUNTS_OVERFLOW,	/* keys evicted from a full counter table (EO_COUNT_A_EVICTED) */
	EO_STATS_A_RECORDED,	/* events written to the flight recorder */
	EO_STATS_A_CPU,		/* nested, repeated: enum eo_cpu_stats_attr */
	/* watched syscalls whose exit a per-syscall hook missed (kretprobe instances ran out) */
	EO_STATS_A_DROP_HOOK_MISSED,
	/* syscalls without an origin session: the session table was full */
	EO_STATS_A_SESSIONS_FULL,
	/* function returns the function hooks missed (no free return slot) */
	EO_STATS_A_FUNCS_MISSED,
	/*
	 * function returns ignored: their entry was made for another function set, session or
	 * module load (fgraph fprobe can return into a new registration)
	 */
	EO_STATS_A_FUNCS_STALE,
	__EO_STATS_A_MAX
};
#define EO_STATS_A_MAX (__EO_STATS_A_MAX - 1)

enum eo_cpu_stats_attr {
	EO_CPU_A_UNSPEC,
	EO_CPU_A_PAD,
	EO_CPU_A_ID,		/* u32 */
	EO_CPU_A_QUEUED,	/* u64 */
	EO_CPU_A_DROPPED,	/* u64: dropped because this CPU's queue was full */
	__EO_CPU_A_MAX
};
#define EO_CPU_A_MAX (__EO_CPU_A_MAX - 1)

/* Sizes chosen at load time (module parameters). All u32. */
enum eo_config_attr {
	EO_CONFIG_A_UNSPEC,
	EO_CONFIG_A_QUEUE_SIZE,		/* events per CPU queue */
	EO_CONFIG_A_RECORDER_SIZE,	/* events the flight recorder keeps */
	EO_CONFIG_A_COUNTS_SIZE,	/* counter slots per CPU */
	EO_CONFIG_A_SESSIONS,		/* tasks followed at once in origin mode */
	EO_CONFIG_A_FUNCS_HOOK,		/* string: how functions would be followed ("fprobe") */
	EO_CONFIG_A_MEMORY,		/* u64: bytes the rings, counters and sessions
					 * take; 0 until first armed (loading allocates none) */
	EO_CONFIG_A_PAD,
	/*
	 * u32: most functions one START follows with this hook; more are counted refused.
	 * kretprobes (kernels without fprobe) take per-probe pools on every call of every task,
	 * so their sets are kept small.
	 */
	EO_CONFIG_A_FUNCS_MAX,
	/*
	 * u8: 1 when the event rings are drained also while nobody listens (kernels whose
	 * generic netlink does not tell a family that a client joins, before 6.4); 0 when they
	 * are only written then, the flight recorder with no worker and no drops.
	 */
	EO_CONFIG_A_ALWAYS_DRAINED,
	/*
	 * string: what the hook stamps failures with: "tsc" (the raw TSC, turned into
	 * CLOCK_MONOTONIC when read) or "monotonic". Event times are CLOCK_MONOTONIC either way.
	 */
	EO_CONFIG_A_CLOCK,
	__EO_CONFIG_A_MAX
};
#define EO_CONFIG_A_MAX (__EO_CONFIG_A_MAX - 1)

#endif /* _UAPI_LINUX_ERRORIGIN_H */
