// SPDX-License-Identifier: GPL-2.0
/*
 * eo-fuzz: a netlink fuzzer for the errorigin generic netlink family.
 *
 *   eo-fuzz [--seed S] [--expect-eperm] [--timeout MS] [--learn-max K] [-v] N
 *
 *   --seed S          the run to repeat (default: from the clock)
 *   --expect-eperm    every request that reaches the module must be refused with EPERM
 *   --timeout MS      how long an answer may take (default 5000)
 *   --learn-max K     learning hooks armed for real at most (default 1 + N / 25000)
 *   --owner-reuse     instead of fuzzing, N times: an owned arming, its socket closed, a
 *                     new socket (the same port id) arming owned at once; its arming must
 *                     stay (the release of the first must not undo it)
 *   -v                one line per request (-v -v: per reply too)
 *
 * Sends N requests to the family, each with valid netlink and genetlink headers: every
 * command, unknown command numbers, dump and non-dump flags, other genetlink versions, and
 * attribute trees generated from the module's policies (kmod/netlink.c) with boundary values,
 * wrong types, lengths and nesting, unknown and repeated attributes, bad strings, truncated
 * and oversized attributes, function address arrays (random, and real addresses read from
 * /proc/kallsyms: the module's own functions, data, mid-function places, and a few
 * traceable functions), learning requests with short timeouts, and dumps interrupted after
 * their first part (socket closed, or another request sent on it).
 *
 * Every request is followed, in the same datagram, by an NLMSG_NOOP asking for an ack: its
 * ack ends the replies to the request, so no reply is waited for in vain. Each request's
 * outcome is checked against a model of the kernel's validation (genetlink header check,
 * operation lookup, strict attribute policy) and of the module's handlers: what must be
 * rejected is rejected, with an extended-ack message where the kernel gives one, and what
 * must succeed succeeds. Any reply that is not an error, an ack or a dump part of the
 * request, or a reply that does not parse, is a failure; so are the family going away and,
 * with --expect-eperm (an unprivileged user, or root holding only CAP_NET_ADMIN), any
 * request reaching a handler without -EPERM, and joining the events group.
 *
 * The run follows from the seed (printed; --seed repeats it on the same kernel and state).
 * The last line is the summary; the exit status is 1 when there were failures, 2 when the
 * family could not be reached at all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/errorigin.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MSG_MAX		(160 << 10)	/* the largest request built */
#define RBUF_SIZE	(1 << 20)	/* a status reply with a full filter fits many times */
#define MAX_FAIL_PRINTS	30

/* --- the pseudo-random generator: every choice of the run follows from the seed --------- */

static uint64_t rng_main, rng_pool;

static uint64_t rnd_of(uint64_t *s)
{
	/* xorshift64*: small and fast, and good enough to pick test cases */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static uint64_t rnd(void)
{
	return rnd_of(&rng_main);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int permille)
{
	return below(1000) < permille;
}

static void rng_seed(uint64_t seed)
{
	/*
	 * Distinct non-zero states; the pool sampler has its own stream, so that the sizes of
	 * /proc/kallsyms and of the traceable-functions list do not change the requests made.
	 */
	rng_main = seed * 0x9e3779b97f4a7c15ULL ^ 0x6a09e667f3bcc908ULL;
	rng_pool = seed * 0xbf58476d1ce4e5b9ULL ^ 0xbb67ae8584caa73bULL;
	rng_main |= 1;
	rng_pool |= 1;
}

/* --- the run's state, model and figures ------------------------------------------------- */

enum armed { ARMED_NO, ARMED_YES, ARMED_UNKNOWN };

struct nlsock {
	int fd;
	uint32_t portid;
	unsigned int gen;	/* which socket of the run: the owner of an owned arming */
};

struct noext {
	int err;
	const char *why;
	unsigned long n;
};

enum ex_kind {
	EX_ANY,		/* either; an error carries an extack message (unless -ENOMEM) */
	EX_OK,		/* must succeed (an -ENOMEM is tolerated) */
	EX_FAIL,	/* must fail, with ->err unless 0 */
	EX_POLICY,	/* must fail in attribute validation: -EINVAL or -ERANGE */
};

static struct {
	/* options */
	unsigned long n;
	uint64_t seed;
	bool eperm, reuse_only;
	int timeout_ms;
	unsigned long learn_max;
	int verbose;
	/* the family */
	uint16_t family;
	uint32_t events_grp, notify_grp;
	/* sockets */
	struct nlsock rq, ws;
	unsigned int sock_gen;
	uint32_t seq;
	/* what the module should be doing, as far as this run knows */
	enum armed armed;
	unsigned int owner;	/* socket generation holding an owned arming, 0: none */
	int force_next;		/* what the next round sends clean (a STOP after an arm) */
	/* figures */
	unsigned long sent, ok, errors, failures, dumps, dumps_intr, events, events_lost;
	unsigned long arms, learns, stops, seeded, reuse_checks, reuse_undone, dump_parts, lost;
	unsigned long heavy, acks;
	const char *context;	/* what a scenario is checking, for failure reports */
	unsigned long expected[EX_POLICY + 1];	/* requests judged, by what was expected */
	uint64_t cmd_ns[__EO_CMD_MAX + 1];	/* time per command; the last: unknown ones */
	unsigned long cmd_n[__EO_CMD_MAX + 1];
	unsigned long errs[4096];
	struct noext noext[24];
	unsigned int nnoext;
	time_t t0;
} fz = {
	.timeout_ms = 5000,
	.learn_max = ~0UL,
	.armed = ARMED_UNKNOWN,
};

static uint8_t rbuf[RBUF_SIZE];

/* --- requests and their replies --------------------------------------------------------- */

struct expect {
	enum ex_kind kind;
	int err;
	bool extack;		/* an error must carry an extended-ack message */
	bool handler;		/* the request reaches the command's handler */
	const char *why;	/* the rule that decides, for reports */
};

struct req {
	const uint8_t *msg;	/* as sent: nlmsg_len bytes */
	size_t len;
	unsigned long idx;
	uint32_t seq, barrier;
	uint8_t cmd;
	bool dump, ack, owned, extend;
	struct expect ex;
	/* what came back */
	bool done, acked, barrier_done, closed;
	int err;		/* positive errno from the kernel, 0 */
	bool extack;
	char text[160];		/* the extack message */
	unsigned int parts, replies;
	bool intr;
	int armed;		/* GET_STATUS: its EO_A_ARMED, -1 before */
};

static const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case E2BIG: return "E2BIG";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ERANGE: return "ERANGE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EMSGSIZE: return "EMSGSIZE";
	case ENOTCONN: return "ENOTCONN";
	case ESHUTDOWN: return "ESHUTDOWN";
	case EILSEQ: return "EILSEQ";
	case 524: return "ENOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ENOBUFS: return "ENOBUFS";
	}
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static void hexdump(const uint8_t *p, size_t len)
{
	size_t i, n = len < 128 ? len : 128;

	for (i = 0; i < n; i++)
		printf("%s%02x%s", i % 32 ? "" : "#     ", p[i],
		       i % 32 == 31 || i == n - 1 ? "\n" : "");
	if (n < len)
		printf("#     ... %zu bytes in all\n", len);
}

static void failure(const struct req *r, const char *fmt, ...)
{
	va_list ap;

	fz.failures++;
	if (fz.failures > MAX_FAIL_PRINTS)
		return;
	printf("# FAIL");
	if (r)
		printf(" #%lu cmd %u%s flags 0x%x", r->idx, r->cmd, r->dump ? " dump" : "",
		       ((const struct nlmsghdr *)r->msg)->nlmsg_flags);
	printf(": ");
	if (fz.context)
		printf("%s: ", fz.context);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (r) {
		printf(" (expected: %s; got %s%s%s%s)\n", r->ex.why,
		       r->err ? errname(r->err) : "success", r->err ? " extack \"" : "",
		       r->err ? r->text : "", r->err ? "\"" : "");
		hexdump(r->msg, r->len);
	} else {
		printf("\n");
	}
	fflush(stdout);
}

/*
 * --- the attribute policies of kmod/netlink.c, as a model of strict validation ------------
 * Kept in step with the module by hand: a policy changed there and not here shows as
 * failures (accepted where rejected was expected, or the other way round).
 */

enum ptype { PT_NONE, PT_U8, PT_U32, PT_U64, PT_FLAG, PT_NULSTR, PT_BINARY, PT_NESTED };

struct pset;

struct pol {
	enum ptype t;
	uint64_t min, max;	/* integers */
	uint32_t len;		/* strings and binaries: most bytes (a string's NUL aside) */
	const struct pset *nest;
};

struct pset {
	unsigned int maxtype;
	const struct pol *p;
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct pol filter_pol[EO_FILTER_A_MAX + 1] = {
	[EO_FILTER_A_ERRNO]		= { PT_U32, 1, EO_MAX_ERRNO },
	[EO_FILTER_A_SYSCALL]		= { PT_U32, 0, EO_MAX_SYSCALLS - 1 },
	[EO_FILTER_A_COMPAT_SYSCALL]	= { PT_U32, 0, EO_MAX_SYSCALLS - 1 },
	[EO_FILTER_A_PID]		= { PT_U32, 1, UINT32_MAX },
	[EO_FILTER_A_TID]		= { PT_U32, 1, UINT32_MAX },
	[EO_FILTER_A_COMM]		= { PT_NULSTR, .len = EO_COMM_LEN - 1 },
	[EO_FILTER_A_CGROUP_ID]		= { PT_U64, 0, UINT64_MAX },
	[EO_FILTER_A_NO_ARGS]		= { PT_FLAG },
};
static const struct pset filter_set = { EO_FILTER_A_MAX, filter_pol };

static const struct pol pair_pol[EO_PAIR_A_MAX + 1] = {
	[EO_PAIR_A_SYSCALL_NR]	= { PT_U32, 0, EO_MAX_SYSCALLS - 1 },
	[EO_PAIR_A_ABI]		= { PT_U8, 0, EO_ABI_COMPAT },
	[EO_PAIR_A_ERRNO]	= { PT_U32, 1, EO_MAX_ERRNO },
	[EO_PAIR_A_FUNCS]	= { PT_U32, 0, EO_MAX_FUNCS },
};
static const struct pset pair_set = { EO_PAIR_A_MAX, pair_pol };

static const struct pol top_pol[EO_A_MAX + 1] = {
	[EO_A_FILTER]		= { PT_NESTED, .nest = &filter_set },
	[EO_A_PAIR]		= { PT_NESTED, .nest = &pair_set },
	[EO_A_LEARN_TIMEOUT_MS]	= { PT_U32, 100, EO_LEARN_TIMEOUT_MAX_MS },
	[EO_A_LEARN_MAX]	= { PT_U32, 64, EO_LEARN_MAX_LIMIT },
	[EO_A_LEARN_FUNCS]	= { PT_BINARY, .len = EO_LEARN_FUNCS_PER_ATTR * 8 },
	[EO_A_LEARN_CLASSES]	= { PT_BINARY, .len = EO_LEARN_CLASSES_PER_ATTR },
	[EO_A_FUNC_ADDRS]	= { PT_BINARY, .len = EO_MAX_FUNCS * 8 },
	[EO_A_FUNC_CLASSES]	= { PT_BINARY, .len = EO_MAX_FUNCS },
	[EO_A_OWNED]		= { PT_FLAG },
	[EO_A_EXTEND]		= { PT_FLAG },
};
static const struct pset top_set = { EO_A_MAX, top_pol };

static const struct pol pol_none = { PT_NONE };
static const struct pset *const all_sets[] = { &top_set, &filter_set, &pair_set };

/* Walks attributes the way the kernel's nla_for_each_attr() does. */
struct nla_it {
	const uint8_t *pos;
	int rem;
};

static const struct nlattr *it_next(struct nla_it *it)
{
	const struct nlattr *a = (const struct nlattr *)it->pos;

	if (it->rem < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > it->rem)
		return NULL;
	it->pos += NLA_ALIGN(a->nla_len);
	it->rem -= NLA_ALIGN(a->nla_len);
	return a;
}

static const uint8_t *adata(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}

static int alen(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint64_t aget(const struct nlattr *a, int size)
{
	uint64_t v = 0;

	memcpy(&v, adata(a), size);
	return v;
}

static bool model_set(const uint8_t *p, int len, const struct pset *ps);

/* NLA_NUL_STRING: a NUL within len + 1 bytes, and at most len bytes before a final NUL */
static bool model_nulstr(const uint8_t *d, int n, unsigned int max)
{
	int minlen = n < (int)max + 1 ? n : (int)max + 1;

	if (!minlen || !memchr(d, 0, minlen))
		return false;
	if (!d[n - 1])
		n--;
	return n <= (int)max;
}

static bool model_attr(const struct nlattr *a, const struct pol *pt)
{
	static const int exact[PT_NESTED + 1] = { [PT_U8] = 1, [PT_U32] = 4, [PT_U64] = 8 };
	bool nested = a->nla_type & NLA_F_NESTED;
	int n = alen(a);
	uint64_t v;

	if (pt->t == PT_NONE)
		return false;		/* strict: "Unsupported attribute" */
	if (exact[pt->t] && n != exact[pt->t])
		return false;		/* "invalid attribute length" */
	if ((pt->t == PT_NESTED) != nested)
		return false;		/* NLA_F_NESTED missing, or where it must not be */
	switch (pt->t) {
	case PT_FLAG:
		return !n;
	case PT_NULSTR:
		return model_nulstr(adata(a), n, pt->len);
	case PT_BINARY:
		return n <= (int)pt->len;
	case PT_NESTED:
		if (!n)
			return true;	/* an empty nest is allowed */
		return n >= NLA_HDRLEN && model_set(adata(a), n, pt->nest);
	default:
		v = aget(a, exact[pt->t]);
		return v >= pt->min && v <= pt->max;
	}
}

static bool model_set(const uint8_t *p, int len, const struct pset *ps)
{
	struct nla_it it = { p, len };
	const struct nlattr *a;

	while ((a = it_next(&it))) {
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (!type || type > ps->maxtype)
			return false;	/* "Unknown attribute type" */
		if (!model_attr(a, &ps->p[type]))
			return false;
	}
	return it.rem <= 0;		/* "bytes leftover after parsing attributes" */
}

/* The last attribute of @type: the one the kernel's parse leaves in its table. */
static const struct nlattr *last_of(const uint8_t *p, int len, unsigned int type)
{
	struct nla_it it = { p, len };
	const struct nlattr *a, *found = NULL;

	while ((a = it_next(&it)))
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			found = a;
	return found;
}

/* --- what the kernel and the module answer, as far as this run can be sure -------------- */

/*
 * What a dump's ->start() callback says in its extack reaches the requester since Linux 6.5
 * ("netlink: support extack in dump ->start()"); before, cb->extack is NULL there and the
 * module's messages (its privilege check, GET_LEARNED's pair) are lost on the way.
 */
static bool dump_start_extack;

static void kernel_features(void)
{
	unsigned int major = 0, minor = 0;
	struct utsname u;

	if (!uname(&u))
		sscanf(u.release, "%u.%u", &major, &minor);
	dump_start_extack = major > 6 || (major == 6 && minor >= 5);
}

struct learnable {
	uint32_t nr;
	uint8_t abi;
	uint32_t err;
};

/* pairs whose failure this process can cause at once: close(-1), open of nothing, kill */
static const struct learnable learnables[] = {
	{ 3, EO_ABI_NATIVE, EBADF },
	{ 257, EO_ABI_NATIVE, ENOENT },
	{ 62, EO_ABI_NATIVE, ESRCH },
};

/* syscalls every x86_64 kernel has, per ABI; 600 and above none has */
static const uint32_t good_nr[2][8] = {
	{ 0, 1, 2, 3, 39, 62, 83, 257 },	/* read write open close getpid kill mkdir openat */
	{ 3, 4, 5, 6, 20, 37, 39, 295 },	/* the same in ia32 */
};

enum verdict { V_OK, V_BAD, V_UNSURE };

static enum verdict syscall_verdict(uint32_t nr, bool compat)
{
	unsigned int i;

	if (nr >= 600)
		return V_BAD;
	for (i = 0; i < ARRAY_SIZE(good_nr[0]); i++)
		if (good_nr[compat][i] == nr)
			return V_OK;
	return V_UNSURE;	/* a hole of the syscall table, or not */
}

/* eo_nl_parse_pair(): a syscall number and an errno, the syscall known in its ABI */
static enum verdict pair_verdict(const struct nlattr *nest)
{
	const struct nlattr *nr = last_of(adata(nest), alen(nest), EO_PAIR_A_SYSCALL_NR);
	const struct nlattr *err = last_of(adata(nest), alen(nest), EO_PAIR_A_ERRNO);
	const struct nlattr *abi = last_of(adata(nest), alen(nest), EO_PAIR_A_ABI);

	if (!nr || !err)
		return V_BAD;
	return syscall_verdict(aget(nr, 4), abi && aget(abi, 1) == EO_ABI_COMPAT);
}

/* the module's own functions (/proc/kallsyms), sorted: addresses START must refuse */
static struct {
	uint64_t a[1024];
	unsigned int n;
} modfuncs;

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static bool is_modfunc(uint64_t addr)
{
	return modfuncs.n && bsearch(&addr, modfuncs.a, modfuncs.n, 8, cmp_u64);
}

/* x86_64's modules area: an address there may be inside errorigin, function or not */
#define MODULES_LO	0xffffffffa0000000ULL
#define MODULES_HI	0xffffffffff000000ULL

/*
 * eo_nl_parse_funcs(): both arrays or neither, one u64 per u8, every class known, no
 * address 0 and none in the module. *dup: an address repeated (eo_funcs_alloc: -EEXIST);
 * *maybe_own: one may lie in the module, which refuses it (-EINVAL) before anything else.
 */
static enum verdict funcs_verdict(const uint8_t *p, int len, bool *present, bool *dup,
				  bool *maybe_own)
{
	static uint64_t sorted[65536 / 8];
	const struct nlattr *addrs = last_of(p, len, EO_A_FUNC_ADDRS);
	const struct nlattr *classes = last_of(p, len, EO_A_FUNC_CLASSES);
	int i, n;

	*present = *dup = *maybe_own = false;
	if (!addrs && !classes)
		return V_OK;
	if (!addrs || !classes)
		return V_BAD;
	n = alen(addrs) / 8;
	if (!alen(addrs) || alen(addrs) % 8 || alen(classes) != n)
		return V_BAD;
	for (i = 0; i < n; i++) {
		memcpy(&sorted[i], adata(addrs) + 8 * i, 8);
		if (adata(classes)[i] >= __EO_RET_MAX || !sorted[i] || is_modfunc(sorted[i]))
			return V_BAD;
		*maybe_own |= sorted[i] >= MODULES_LO && sorted[i] < MODULES_HI;
	}
	qsort(sorted, n, 8, cmp_u64);
	for (i = 1; i < n; i++)
		*dup |= sorted[i] == sorted[i - 1];
	*present = true;
	return V_OK;
}

static struct expect ex_of(enum ex_kind k, int err, bool extack, bool handler, const char *why)
{
	return (struct expect){ k, err, extack, handler, why };
}

static struct expect ex_ok(const char *why)
{
	return ex_of(EX_OK, 0, false, true, why);
}

/*
 * A refusal by the handler, which sets an extack message with each. @exact: with @err; else
 * an earlier step that may or may not refuse comes first (with its own errno).
 */
static struct expect ex_refused(int err, bool exact, const char *why)
{
	return ex_of(EX_FAIL, exact ? err : 0, true, true, why);
}

/* eo_nl_start()'s steps in order; @unsure: an earlier step may refuse, with its errno */
static struct expect start_semantics(const uint8_t *p, int len)
{
	struct nla_it it = { p, len };
	const struct nlattr *a, *f;
	bool present, dup, unsure, extend = last_of(p, len, EO_A_EXTEND);
	unsigned int pairs = 0;
	enum verdict v;

	if (extend && (last_of(p, len, EO_A_FILTER) || last_of(p, len, EO_A_OWNED)))
		return ex_refused(EINVAL, true, "START refuses an extension with a filter or owner");
	if (funcs_verdict(p, len, &present, &dup, &unsure) == V_BAD)
		return ex_refused(EINVAL, true, "START refuses the function arrays");
	while ((a = it_next(&it))) {
		if ((a->nla_type & NLA_TYPE_MASK) != EO_A_PAIR)
			continue;
		if (++pairs > EO_LEARN_PAIRS)
			return ex_refused(E2BIG, !unsure, "START refuses more than 8 pairs");
		v = pair_verdict(a);
		if (v == V_BAD)
			return ex_refused(EINVAL, !unsure, "START refuses a pair");
		unsure |= v == V_UNSURE;
	}
	f = last_of(p, len, EO_A_FILTER);
	if (f) {
		struct nla_it fit = { adata(f), alen(f) };

		while ((a = it_next(&fit)))
			if ((a->nla_type & NLA_TYPE_MASK) == EO_FILTER_A_COMM && !adata(a)[0])
				return ex_refused(EINVAL, !unsure, "START refuses an empty comm");
	}
	if (extend && fz.armed == ARMED_NO)
		return ex_refused(ENOTCONN, !unsure, "an extension needs capture armed");
	if (extend)
		return ex_of(EX_ANY, 0, true, true,
			     "START extending: extended, or refused with a reason");
	if (dup)
		return ex_refused(EEXIST, !unsure, "START refuses a repeated address");
	if (present || unsure)
		return ex_of(EX_ANY, 0, true, true,
			     "START with functions: armed, or refused with a reason");
	return ex_ok("START with a valid filter arms");
}

static struct expect learn_semantics(const uint8_t *p, int len)
{
	const struct nlattr *pair = last_of(p, len, EO_A_PAIR);
	struct nla_it it = { p, len };
	const struct nlattr *a;
	unsigned long funcs = 0, classes = 0;
	bool ragged = false, bad_class = false;
	enum verdict v;
	int i;

	if (!pair)
		return ex_refused(EINVAL, true, "LEARN needs a pair");
	v = pair_verdict(pair);
	if (v == V_BAD)
		return ex_refused(EINVAL, true, "LEARN refuses the pair");
	while ((a = it_next(&it))) {
		if ((a->nla_type & NLA_TYPE_MASK) == EO_A_LEARN_CLASSES) {
			for (i = 0; i < alen(a); i++)
				bad_class |= adata(a)[i] >= __EO_RET_MAX &&
					     adata(a)[i] != EO_LEARN_RET_NONE;
			classes += alen(a);
		}
		if ((a->nla_type & NLA_TYPE_MASK) != EO_A_LEARN_FUNCS)
			continue;
		ragged |= alen(a) % 8 != 0;
		funcs += alen(a) / 8;
	}
	/* the attributes in order: the first ragged one, or the one past the limit, decides */
	if (ragged)
		return ex_refused(EINVAL, false, "LEARN refuses a part of an address");
	if (funcs > EO_LEARN_FUNCS_MAX)
		return ex_refused(E2BIG, v == V_OK, "LEARN refuses more functions than it may follow");
	if (!funcs)
		return ex_refused(EINVAL, v == V_OK, "LEARN needs the functions to follow");
	/* no classes (entries only), or one valid class per function */
	if (bad_class || (classes && classes != funcs))
		return ex_refused(EINVAL, v == V_OK, "LEARN refuses classes that do not fit");
	if (fz.armed == ARMED_NO)
		return ex_refused(ENOTCONN, v == V_OK, "LEARN needs capture armed");
	return ex_of(EX_ANY, 0, true, true, "LEARN: learning, or refused with a reason");
}

static struct expect semantics(uint8_t cmd, const uint8_t *p, int len)
{
	const struct nlattr *pair;

	switch (cmd) {
	case EO_CMD_START:
		return start_semantics(p, len);
	case EO_CMD_LEARN:
		return learn_semantics(p, len);
	case EO_CMD_GET_LEARNED:
		pair = last_of(p, len, EO_A_PAIR);
		if (!pair || pair_verdict(pair) == V_OK)
			return ex_ok("GET_LEARNED dumps");
		if (pair_verdict(pair) == V_BAD)
			return ex_of(EX_FAIL, EINVAL, dump_start_extack, true, dump_start_extack ?
				     "GET_LEARNED refuses the pair" :
				     "GET_LEARNED refuses the pair (in the dump's start: no extack "
				     "before Linux 6.5)");
		return ex_of(EX_ANY, 0, dump_start_extack, true,
			     "GET_LEARNED of a pair that may not exist");
	case EO_CMD_QUIET:
		/* other clients (the storm's watchers) may have taken every slot */
		return ex_of(EX_ANY, 0, true, true, "QUIET: quiet, or refused with a reason");
	default:
		return ex_ok("a valid request succeeds");
	}
}

static bool is_do_op(unsigned int cmd)
{
	return cmd == EO_CMD_GET_STATUS || cmd == EO_CMD_START || cmd == EO_CMD_STOP ||
	       cmd == EO_CMD_LEARN || cmd == EO_CMD_RESET_COUNTS || cmd == EO_CMD_QUIET;
}

static bool is_dump_op(unsigned int cmd)
{
	return cmd == EO_CMD_GET_COUNTS || cmd == EO_CMD_GET_RECENT || cmd == EO_CMD_GET_LEARNED;
}

/*
 * In the kernel's order: genl_header_check() (resv_start_op 0: every command), the
 * operation lookup, strict parsing with the family's policy, then the handler, whose first
 * step is the privilege check.
 */
static struct expect predict(const uint8_t *msg, size_t len)
{
	const struct nlmsghdr *nh = (const struct nlmsghdr *)msg;
	const struct genlmsghdr *gh = (const struct genlmsghdr *)(msg + NLMSG_HDRLEN);
	const uint8_t *a = msg + NLMSG_HDRLEN + GENL_HDRLEN;
	int n = (int)len - NLMSG_HDRLEN - GENL_HDRLEN;
	uint16_t fl = nh->nlmsg_flags;
	bool dump = (fl & NLM_F_DUMP) == NLM_F_DUMP;

	if (dump)
		fl &= ~NLM_F_DUMP;
	if (gh->reserved || (fl & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)))
		return ex_of(EX_FAIL, EINVAL, true, false, "the genetlink header check");
	if (dump ? !is_dump_op(gh->cmd) : !is_do_op(gh->cmd))
		return ex_of(EX_FAIL, EOPNOTSUPP, false, false,
			     "no such operation (genetlink core)");
	if (!model_set(a, n, &top_set))
		return ex_of(EX_POLICY, 0, true, false, "a rejection by the attribute policy");
	if (fz.eperm && dump && !dump_start_extack)
		return ex_of(EX_FAIL, EPERM, false, false, "EPERM from the privilege check in the "
			     "dump's start (no extack before Linux 6.5)");
	if (fz.eperm)
		return ex_of(EX_FAIL, EPERM, true, false, "EPERM from the privilege check");
	return semantics(gh->cmd, a, n);
}

/* --- building requests ------------------------------------------------------------------ */

struct mb {
	uint8_t p[MSG_MAX + 64];
	size_t len;
	int depth;			/* 0: top level */
	size_t top[64];			/* offsets of top-level attributes (for repeats) */
	unsigned int ntop;
	size_t all[1024];		/* offsets of every attribute (for truncations) */
	unsigned int nall;
};

static struct mb mbuf, mbuf2;

/* Appends what fits: a request cut short is just one more malformed case. */
static void mb_put(struct mb *m, const void *src, size_t n)
{
	if (m->len + n > MSG_MAX)
		n = MSG_MAX - m->len;
	memcpy(m->p + m->len, src, n);
	m->len += n;
}

static void mb_bytes(struct mb *m, size_t n)
{
	uint8_t b[64];
	size_t i, k;

	while (n) {
		k = n < sizeof(b) ? n : sizeof(b);
		for (i = 0; i < k; i++)
			b[i] = rnd();
		mb_put(m, b, k);
		n -= k;
	}
}

static size_t attr_begin(struct mb *m, uint16_t type)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN, .nla_type = type };
	size_t off = m->len;

	if (m->len + NLA_HDRLEN > MSG_MAX)
		return (size_t)-1;
	if (!m->depth && m->ntop < ARRAY_SIZE(m->top))
		m->top[m->ntop++] = off;
	if (m->nall < ARRAY_SIZE(m->all))
		m->all[m->nall++] = off;
	mb_put(m, &a, sizeof(a));
	return off;
}

static void attr_end(struct mb *m, size_t off)
{
	static const uint8_t zero[4];
	size_t len = m->len - off;

	if (off == (size_t)-1)
		return;
	/* a nest of more than 64 KiB cannot be said: its length wraps, as a bad sender's would */
	((struct nlattr *)(m->p + off))->nla_len = len > 0xffff ? 0xffff : len;
	mb_put(m, zero, NLA_ALIGN(m->len) - m->len);
}

static void put_int(struct mb *m, uint16_t type, uint64_t v, int size)
{
	size_t off = attr_begin(m, type);

	mb_put(m, &v, size);
	attr_end(m, off);
}

static size_t nest_begin(struct mb *m, uint16_t type)
{
	size_t off = attr_begin(m, type | NLA_F_NESTED);

	m->depth++;
	return off;
}

static void nest_end(struct mb *m, size_t off)
{
	m->depth--;
	attr_end(m, off);
}

static void mb_start(struct mb *m, uint8_t cmd, uint16_t flags, uint8_t version,
		     uint16_t reserved)
{
	struct nlmsghdr nh = {
		.nlmsg_type = fz.family,
		.nlmsg_flags = flags,
		.nlmsg_seq = ++fz.seq,
	};
	struct genlmsghdr gh = { .cmd = cmd, .version = version, .reserved = reserved };

	m->len = 0;
	m->depth = 0;
	m->ntop = m->nall = 0;
	mb_put(m, &nh, sizeof(nh));
	mb_put(m, &gh, sizeof(gh));
}

static void mb_finish(struct mb *m)
{
	((struct nlmsghdr *)m->p)->nlmsg_len = m->len;
}

/* --- attribute generators: from the policies, with the boundaries and mistakes ---------- */

static void gen_one(struct mb *m, const struct pset *ps, bool dirty, int depth);

static unsigned int pick_defined(const struct pset *ps)
{
	unsigned int t, n = 0, k;

	for (t = 1; t <= ps->maxtype; t++)
		n += ps->p[t].t != PT_NONE;
	k = below(n);
	for (t = 1; t <= ps->maxtype; t++)
		if (ps->p[t].t != PT_NONE && !k--)
			return t;
	return 1;
}

static const struct pset *foreign_set(const struct pset *ps)
{
	const struct pset *f;

	do
		f = all_sets[below(ARRAY_SIZE(all_sets))];
	while (f == ps);
	return f;
}

/* min, max and inside; dirty: min - 1, max + 1, 0, all ones and anything */
static uint64_t pick_int(const struct pol *pt, bool dirty)
{
	uint64_t lim = pt->t == PT_U8 ? 0xff : pt->t == PT_U32 ? 0xffffffffULL : ~0ULL;
	uint64_t span = pt->max - pt->min;

	switch (below(dirty ? 9 : 4)) {
	case 0:
		return pt->min;
	case 1:
		return pt->max;
	case 2:
	case 3:
		return span == ~0ULL ? rnd() : pt->min + rnd() % (span + 1);
	case 4:
		return (pt->min - 1) & lim;
	case 5:
		return (pt->max + 1) & lim;
	case 6:
		return 0;
	case 7:
		return lim;
	default:
		return rnd() & lim;
	}
}

static void gen_int(struct mb *m, const struct pol *pt, bool dirty)
{
	static const unsigned int wrong[] = { 0, 1, 2, 3, 4, 5, 8, 12 };
	int size = pt->t == PT_U8 ? 1 : pt->t == PT_U32 ? 4 : 8;
	uint64_t v = pick_int(pt, dirty);
	unsigned int n;

	if (dirty && chance(120)) {
		n = wrong[below(ARRAY_SIZE(wrong))];
		if ((int)n != size) {
			mb_bytes(m, n);
			return;
		}
	}
	mb_put(m, &v, size);
}

static const char *const globs[] = {
	"*lock*", "rcu_*", "*_fn", "vfs_*", "do_sys_open*", "*alloc*", "__*", "memcpy",
	"*", "*irq*", "kmem_cache_*", "*_sched_*",
};

static void fill_chars(char *s, unsigned int n, bool glob)
{
	static const char cs[] = "abcdefghijklmnopqrstuvwxyz_0123456789-.";
	unsigned int i;

	for (i = 0; i < n; i++)
		s[i] = glob && !below(6) ? '*' : cs[below(sizeof(cs) - 1)];
}

/* Strings: clean ones fit; dirty ones lack a NUL, are empty, too long, or hide a NUL. */
static void gen_string(struct mb *m, unsigned int max, bool dirty, bool glob)
{
	static char s[4096];
	unsigned int n;

	if (!dirty && glob && chance(500)) {
		const char *g = globs[below(ARRAY_SIZE(globs))];

		n = strlen(g);
		memcpy(s, g, n);
	} else {
		switch (dirty ? below(9) : 8) {
		case 0:
			return;				/* no payload at all */
		case 1:
			n = 0;				/* "" */
			break;
		case 2:					/* no NUL */
			n = 1 + below(max + 8);
			fill_chars(s, n, glob);
			mb_put(m, s, n);
			return;
		case 3:
			n = max;			/* the longest */
			break;
		case 4:
			n = max + 1;			/* one too long */
			break;
		case 5:
			n = 200 + below(3000);		/* far too long */
			break;
		case 6:					/* a NUL inside, bytes after it */
			n = 1 + below(max + 4);
			fill_chars(s, n, glob);
			s[below(n)] = 0;
			mb_put(m, s, n);
			return;
		case 7:					/* any bytes, then a NUL */
			n = 1 + below(max);
			for (unsigned int i = 0; i < n; i++)
				s[i] = 1 + below(255);
			s[n] = 0;
			mb_put(m, s, n + 1);
			return;
		default:
			/* the handler refuses an empty comm: now and then, a clean "" */
			n = chance(40) ? 0 : 1 + below(max);
			break;
		}
		fill_chars(s, n, glob);
	}
	s[n] = 0;
	mb_put(m, s, n + 1);
}

static void gen_binary(struct mb *m, unsigned int max, bool dirty)
{
	unsigned int n;

	switch (below(dirty ? 6 : 2)) {
	case 0:
		n = 8 * (1 + below(4));
		break;
	case 1:
		n = below(65);
		break;
	case 2:
		n = max;
		break;
	case 3:
		n = max + 1;
		break;
	case 4:
		n = max + 1 + below(65531 - max);	/* oversized, up to what nla_len says */
		break;
	default:
		n = 0;
		break;
	}
	mb_bytes(m, n);
}

/* No policy: bytes, or a chain of nests deeper than any policy goes. */
static void gen_junk(struct mb *m, int depth)
{
	size_t off;

	if (depth < 12 && chance(200)) {
		off = attr_begin(m, NLA_F_NESTED | (1 + below(40)));
		gen_junk(m, depth + 1);
		attr_end(m, off);
		return;
	}
	mb_bytes(m, below(33));
}

static void gen_nest(struct mb *m, const struct pset *ps, bool dirty, int depth)
{
	unsigned int i, n;

	if (dirty) {
		switch (below(10)) {
		case 0:
			return;				/* empty: valid */
		case 1:
			mb_bytes(m, 1 + below(3));	/* shorter than an attribute header */
			return;
		case 2:
			gen_junk(m, depth);
			return;
		case 3:
			ps = foreign_set(ps);		/* the children of another policy */
			break;
		}
	}
	n = below(6);
	for (i = 0; i < n; i++)
		gen_one(m, ps, dirty, depth);
}

static void gen_payload(struct mb *m, const struct pol *pt, bool dirty, int depth)
{
	switch (pt->t) {
	case PT_U8:
	case PT_U32:
	case PT_U64:
		gen_int(m, pt, dirty);
		break;
	case PT_FLAG:
		if (dirty && chance(150))
			mb_bytes(m, 1 + below(8));
		break;
	case PT_NULSTR:
		gen_string(m, pt->len, dirty, false);
		break;
	case PT_BINARY:
		gen_binary(m, pt->len, dirty);
		break;
	case PT_NESTED:
		gen_nest(m, pt->nest, dirty, depth + 1);
		break;
	default:
		gen_junk(m, depth);
		break;
	}
}

static void gen_attr(struct mb *m, const struct pset *ps, unsigned int type, bool dirty,
		     int depth)
{
	const struct pol *pt = type && type <= ps->maxtype ? &ps->p[type] : &pol_none;
	uint16_t t = type & NLA_TYPE_MASK;
	size_t off;

	if (pt->t == PT_NESTED)
		t |= NLA_F_NESTED;
	if (dirty && chance(80))
		t ^= NLA_F_NESTED;		/* missing, or where it must not be */
	if (dirty && chance(30))
		t |= NLA_F_NET_BYTEORDER;	/* the policy does not look at it */
	off = attr_begin(m, t);
	m->depth++;
	gen_payload(m, pt, dirty, depth);
	m->depth--;
	attr_end(m, off);
}

static void gen_one(struct mb *m, const struct pset *ps, bool dirty, int depth)
{
	unsigned int type;

	if (!dirty || chance(600)) {
		gen_attr(m, ps, pick_defined(ps), dirty, depth);
		return;
	}
	switch (below(4)) {
	case 0:
		type = below(ps->maxtype + 1);		/* 0, and types without a policy */
		break;
	case 1:
		type = ps->maxtype + 1 + below(3);	/* just beyond the last */
		break;
	case 2:
		type = 1 + below(NLA_TYPE_MASK);	/* anywhere */
		break;
	default:
		ps = foreign_set(ps);			/* wrong nesting: another level's */
		type = pick_defined(ps);
		break;
	}
	gen_attr(m, ps, type, dirty, depth);
}

/* --- function addresses: random ones, and real ones from /proc/kallsyms ----------------- */

struct pool {
	uint64_t a[256];
	unsigned int n, cap;
	unsigned long seen;
};

/* kernel data, places inside functions, and traceable functions of the kernel proper */
static struct pool p_data = { .cap = 64 }, p_text = { .cap = 256 }, p_hook = { .cap = 64 };

static void pool_offer(struct pool *p, uint64_t v)
{
	uint64_t j;

	/* reservoir sampling: a fair sample of a file read once */
	p->seen++;
	if (p->n < p->cap) {
		p->a[p->n++] = v;
		return;
	}
	j = rnd_of(&rng_pool) % p->seen;
	if (j < p->cap)
		p->a[j] = v;
}

/*
 * Functions hooked for real only a few at a time and briefly; none of the kinds that every
 * task runs all the time (locks, scheduling, memory, interrupts, tracing itself).
 */
static const char *const risky[] = {
	"lock", "rcu", "sched", "irq", "alloc", "free", "idle", "nmi", "trace", "probe", "text",
	"int3", "preempt", "tick", "time", "clock", "cpu", "spin", "mutex", "wake", "page", "mem",
	"slab", "copy", "entry", "fault", "stack", "bpf", "perf", "arch", "native", "pv_", "x86",
	"apic", "tlb", "print", "console", "tty", "uart", "serial", "panic", "bug", "warn",
	"watchdog",
	"kthread", "work", "smp", "task", "signal", "exit", "switch", "fpu", "xen", "kvm", "hv_",
	"virt", "ipi", "folio", "pte", "pmd", "pud", "mm", "rq", "wait", "sleep", "poll", "event",
	"jump", "static", "patch", "init", "kasan", "kcsan", "ubsan", "debug", "rethook", "fprobe",
	"kretprobe", "fgraph", "graph", "call", "ret", "ftrace", "syscall", "user", "vm", "pfn",
};

/* the open path: functions the suite follows, present in every kernel tested */
static const char *const open_path[] = {
	"do_sys_openat2", "do_filp_open", "path_openat", "vfs_open", "do_dentry_open",
	"getname_flags",
};

static char hook_names[64][64];
static unsigned int nhook_names;

static bool harmless(const char *name)
{
	unsigned int i;

	if (name[0] == '_' || strlen(name) >= sizeof(hook_names[0]))
		return false;
	for (i = 0; i < ARRAY_SIZE(risky); i++)
		if (strstr(name, risky[i]))
			return false;
	return true;
}

static void sample_traceable(void)
{
	FILE *f = fopen("/sys/kernel/tracing/available_filter_functions", "r");
	unsigned long seen = 0;
	char line[512], name[256];
	unsigned int i;
	uint64_t j;

	for (i = 0; i < ARRAY_SIZE(open_path); i++)
		snprintf(hook_names[nhook_names++], sizeof(hook_names[0]), "%s", open_path[i]);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strchr(line, '[') || sscanf(line, "%255s", name) != 1 || !harmless(name))
			continue;
		seen++;
		if (nhook_names < ARRAY_SIZE(hook_names)) {
			snprintf(hook_names[nhook_names++], sizeof(hook_names[0]), "%s", name);
			continue;
		}
		/* a fair sample, as pool_offer() does, in the slots after the open path's */
		j = rnd_of(&rng_pool) % seen;
		if (j < ARRAY_SIZE(hook_names) - ARRAY_SIZE(open_path))
			snprintf(hook_names[ARRAY_SIZE(open_path) + j], sizeof(hook_names[0]),
				 "%s", name);
	}
	fclose(f);
}

static bool hook_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < nhook_names; i++)
		if (!strcmp(hook_names[i], name))
			return true;
	return false;
}

/* One pass over /proc/kallsyms: the module's functions, kernel data, text, hookables. */
static void load_pools(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], name[256], type;
	unsigned long long addr;

	sample_traceable();
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 || !addr)
			continue;	/* kptr_restrict shows zeros: no real addresses then */
		if (strstr(line, "[errorigin]")) {
			if ((type == 't' || type == 'T') && modfuncs.n < ARRAY_SIZE(modfuncs.a))
				modfuncs.a[modfuncs.n++] = addr;
			continue;
		}
		if (strchr(line, '['))
			continue;	/* other modules */
		if (strchr("dDbBrR", type)) {
			pool_offer(&p_data, addr);
		} else if (type == 't' || type == 'T') {
			pool_offer(&p_text, addr);
			if (hook_named(name) && p_hook.n < p_hook.cap)
				p_hook.a[p_hook.n++] = addr;
		}
	}
	fclose(f);
	qsort(modfuncs.a, modfuncs.n, 8, cmp_u64);
}

enum addr_src {
	SRC_RANDOM, SRC_KTEXT, SRC_KMOD, SRC_USER, SRC_ZERO, SRC_MODFUNC, SRC_DATA, SRC_MIDFUNC,
	SRC_DUP, SRC_HOOKABLE, NSRC
};

static uint64_t from_pool(const uint64_t *a, unsigned int n, uint64_t fallback)
{
	return n ? a[below(n)] : fallback;
}

static uint64_t pick_addr(unsigned int src)
{
	uint64_t ktext = 0xffffffff81000000ULL + rnd() % 0x2000000;

	switch (src) {
	case SRC_RANDOM:
		return rnd();
	case SRC_KTEXT:
		return ktext;
	case SRC_KMOD:
		return 0xffffffffc0000000ULL + rnd() % 0x3f000000;
	case SRC_USER:
		return rnd() & 0x00007fffffffffffULL;
	case SRC_ZERO:
		return 0;
	case SRC_MODFUNC:
		return from_pool(modfuncs.a, modfuncs.n, ktext);
	case SRC_DATA:
		return from_pool(p_data.a, p_data.n, ktext);
	case SRC_MIDFUNC:
		return from_pool(p_text.a, p_text.n, ktext) + 1 + below(15);
	default:
		return from_pool(p_hook.a, p_hook.n, ktext);
	}
}

static unsigned int pick_nfuncs(unsigned int mode, bool dirty)
{
	static const unsigned int big[] = { 512, 513, 4095, 4096, 4097, 8191 };

	if (mode == 0)
		return 1 + below(8);
	if (mode == 3)
		return big[below(dirty ? ARRAY_SIZE(big) : 4)];
	return chance(700) ? 1 + below(16) : 17 + below(600);
}

/*
 * EO_A_FUNC_ADDRS and EO_A_FUNC_CLASSES. Modes: 0 a few traceable functions (arms for
 * real), 1 one of the module's own among them, 2 any mix, 3 huge arrays without real hooks.
 * Dirty: lengths that do not match, a class unknown, one array missing or repeated.
 */
static void gen_funcs(struct mb *m, bool dirty)
{
	static uint64_t addrs[8192];
	static uint8_t classes[8192 + 8];
	/* mode 3 without zeros, own functions and repeats: to the hooks' registration */
	static const uint8_t far[] = {
		SRC_RANDOM, SRC_KTEXT, SRC_KMOD, SRC_USER, SRC_DATA, SRC_MIDFUNC,
	};
	unsigned int mode = below(4), n = pick_nfuncs(mode, dirty), i, hooks = 0, src;
	size_t la = 8 * (size_t)n, lc = n, off;
	bool classes_first = chance(300), reach = chance(500);

	for (i = 0; i < n; i++) {
		if (mode == 3)
			src = reach ? far[below(ARRAY_SIZE(far))] : below(SRC_HOOKABLE);
		else
			src = mode == 0 ? SRC_HOOKABLE : below(NSRC);
		if (mode == 1 && i == n / 2)
			src = SRC_MODFUNC;
		if (src == SRC_DUP && !i)
			src = SRC_RANDOM;
		if (src == SRC_HOOKABLE && hooks++ >= 8)
			src = SRC_DATA;
		addrs[i] = src == SRC_DUP && i ? addrs[below(i)] : pick_addr(src);
		classes[i] = dirty && chance(30) ? 3 + below(253) : below(__EO_RET_MAX);
	}
	if (dirty) {
		switch (below(8)) {
		case 0:
			la += 1 + below(7);	/* not a whole number of addresses */
			break;
		case 1:
			lc++;
			break;
		case 2:
			lc = lc ? lc - 1 : 1;
			break;
		case 3:
			la = 0;
			break;
		case 4:
			lc = 0;
			break;
		}
	}
	if (la > 65531)
		la = 65531;
	for (i = 0; i < 2; i++) {
		bool addr_attr = classes_first ? i : !i;

		if (dirty && chance(80))
			continue;	/* one of the two missing */
		off = attr_begin(m, addr_attr ? EO_A_FUNC_ADDRS : EO_A_FUNC_CLASSES);
		mb_put(m, addr_attr ? (void *)addrs : (void *)classes, addr_attr ? la : lc);
		attr_end(m, off);
	}
	if (dirty && chance(80))
		gen_attr(m, &top_set, EO_A_FUNC_ADDRS, true, 0);	/* the last one counts */
}

/* a pair: mostly syscalls that exist, sometimes numbers no table has */
static void gen_pair(struct mb *m, bool dirty, const struct learnable *l)
{
	unsigned int abi = below(2), nr, err;
	size_t off;

	if (dirty && chance(400)) {
		gen_attr(m, &top_set, EO_A_PAIR, true, 0);
		return;
	}
	nr = chance(700) ? good_nr[abi][below(8)] : chance(500) ? below(EO_MAX_SYSCALLS) :
		600 + below(EO_MAX_SYSCALLS - 600);
	err = chance(500) ? 1 + below(40) : 1 + below(EO_MAX_ERRNO);
	if (l) {
		nr = l->nr;
		abi = l->abi;
		err = l->err;
	}
	off = nest_begin(m, EO_A_PAIR);
	if (l || !chance(50))
		put_int(m, EO_PAIR_A_SYSCALL_NR, nr, 4);
	if (l ? chance(300) : chance(500))
		put_int(m, EO_PAIR_A_ABI, abi, 1);
	if (l || !chance(50))
		put_int(m, EO_PAIR_A_ERRNO, err, 4);
	if (!l && chance(300))
		put_int(m, EO_PAIR_A_FUNCS, below(EO_MAX_FUNCS + 1), 4);
	if (dirty)
		gen_one(m, &pair_set, true, 1);
	nest_end(m, off);
}

/*
 * EO_A_LEARN_FUNCS: for a real learning a few traceable functions (the hook is cheap then);
 * else addresses of every kind in one or more attributes, some of the largest size. Dirty:
 * a part of an address, or none at all.
 */
static unsigned int gen_learn_funcs(struct mb *m, bool dirty, bool real)
{
	static uint64_t addrs[EO_LEARN_FUNCS_PER_ATTR + 1];
	unsigned int parts = real ? 1 : chance(100) ? 0 : 1 + below(chance(20) ? 20 : 3);
	unsigned int i, j, n, hooks, total = 0;
	size_t len, off;

	for (i = 0; i < parts; i++) {
		n = real ? 1 + below(4) : chance(30) ? EO_LEARN_FUNCS_PER_ATTR + below(2) :
		    1 + below(64);
		for (j = hooks = 0; j < n; j++)
			addrs[j] = real || (hooks++ < 8 && chance(2)) ? pick_addr(SRC_HOOKABLE) :
				   pick_addr(below(NSRC));
		len = 8 * (size_t)n;
		if (dirty && chance(4))
			len += 1 + below(7);
		if (len > 65531)
			len = 65531;
		off = attr_begin(m, EO_A_LEARN_FUNCS);
		mb_put(m, addrs, len);
		attr_end(m, off);
		total += len / 8;
	}
	return total;
}

/*
 * EO_A_LEARN_CLASSES for @n functions: one class each, in one or two attributes; dirty: one
 * too few or too many, or a byte that is no class.
 */
static void gen_learn_classes(struct mb *m, unsigned int n, bool dirty)
{
	static uint8_t classes[EO_LEARN_CLASSES_PER_ATTR + 1];
	unsigned int i, first;
	size_t off;

	if (dirty && chance(300))
		n = chance(500) ? n + 1 : n ? n - 1 : 0;
	if (n > EO_LEARN_CLASSES_PER_ATTR)
		n = EO_LEARN_CLASSES_PER_ATTR;
	for (i = 0; i < n; i++)
		classes[i] = chance(250) ? EO_LEARN_RET_NONE : below(__EO_RET_MAX);
	if (dirty && n && chance(300))
		classes[below(n)] = __EO_RET_MAX + below(EO_LEARN_RET_NONE - __EO_RET_MAX);
	first = n > 1 && chance(250) ? 1 + below(n - 1) : n;
	off = attr_begin(m, EO_A_LEARN_CLASSES);
	mb_put(m, classes, first);
	attr_end(m, off);
	if (first == n)
		return;
	off = attr_begin(m, EO_A_LEARN_CLASSES);
	mb_put(m, classes + first, n - first);
	attr_end(m, off);
}

static void build_start(struct mb *m, bool dirty)
{
	unsigned int i, n;

	if (chance(700))
		gen_attr(m, &top_set, EO_A_FILTER, dirty, 0);
	if (chance(300))
		gen_funcs(m, dirty);
	if (chance(150)) {
		n = chance(100) ? EO_LEARN_PAIRS + 1 + below(3) : 1 + below(3);
		for (i = 0; i < n; i++)
			gen_pair(m, dirty, NULL);
	}
	if (chance(200))
		put_int(m, EO_A_OWNED, 0, 0);
	if (chance(150))
		put_int(m, EO_A_EXTEND, 0, 0);
}

/* @real: a learning meant to arm the hook: a pair this process fails, a short timeout */
static void build_learn(struct mb *m, bool dirty, const struct learnable *real)
{
	unsigned int n = 0;

	if (real || !chance(150))
		gen_pair(m, dirty, real);
	if (real)
		put_int(m, EO_A_LEARN_TIMEOUT_MS, 100 + below(200), 4);
	else if (chance(500))
		gen_attr(m, &top_set, EO_A_LEARN_TIMEOUT_MS, dirty, 0);
	if (chance(400))
		gen_attr(m, &top_set, EO_A_LEARN_MAX, dirty, 0);
	if (real || !chance(150))
		n = gen_learn_funcs(m, dirty, real);
	if (real ? chance(750) : chance(300))
		gen_learn_classes(m, n, dirty && !real);
	else if (chance(100))
		gen_attr(m, &top_set, EO_A_LEARN_CLASSES, dirty, 0);
}

/* what makes a valid request invalid after it was built */
static void mutate(struct mb *m)
{
	struct nlattr *a;
	size_t off;

	switch (m->nall ? below(5) : 3) {
	case 0:					/* longer than what holds it */
		off = m->all[below(m->nall)];
		a = (struct nlattr *)(m->p + off);
		a->nla_len = m->len - off + 4 + below(64) > 0xffff ? 0xffff :
			     m->len - off + 4 + below(64);
		break;
	case 1:					/* shorter than its own header */
		a = (struct nlattr *)(m->p + m->all[below(m->nall)]);
		a->nla_len = below(NLA_HDRLEN);
		break;
	case 2:					/* the message ends inside an attribute */
		m->len = NLMSG_HDRLEN + GENL_HDRLEN + below(m->len - NLMSG_HDRLEN - GENL_HDRLEN);
		break;
	case 3:					/* bytes after the last attribute */
		mb_bytes(m, 1 + below(3));
		break;
	default:				/* a byte changed anywhere after the headers */
		if (m->len > NLMSG_HDRLEN + GENL_HDRLEN)
			m->p[NLMSG_HDRLEN + GENL_HDRLEN +
			     below(m->len - NLMSG_HDRLEN - GENL_HDRLEN)] ^= 1 + below(255);
		break;
	}
}

static void dirty_extras(struct mb *m)
{
	unsigned int i, n = below(4);
	const struct nlattr *a;

	for (i = 0; i < n; i++)
		gen_one(m, &top_set, true, 0);
	if (m->ntop && chance(250)) {
		/* a top-level attribute once more: the kernel keeps the last of each type */
		a = (const struct nlattr *)(m->p + m->top[below(m->ntop)]);
		if (a->nla_len <= 8192 && m->len + NLA_ALIGN(a->nla_len) <= MSG_MAX) {
			size_t off = (const uint8_t *)a - m->p, n2 = NLA_ALIGN(a->nla_len);

			memmove(m->p + m->len, m->p + off, n2);
			m->len += n2;
		}
	}
	if (chance(150))
		mutate(m);
}

#define CMD_RANDOM 256

static const struct {
	int cmd;
	unsigned int weight;
} cmd_weights[] = {
	{ EO_CMD_START, 180 }, { EO_CMD_LEARN, 100 }, { EO_CMD_GET_STATUS, 90 },
	{ EO_CMD_STOP, 60 }, { EO_CMD_RESET_COUNTS, 40 }, { EO_CMD_GET_COUNTS, 60 },
	{ EO_CMD_GET_RECENT, 50 }, { EO_CMD_GET_LEARNED, 60 }, { EO_CMD_UNSPEC, 15 },
	{ EO_CMD_EVENT, 15 }, { EO_CMD_LEARNED, 15 }, { EO_CMD_QUIET, 20 }, { CMD_RANDOM, 40 },
};

static int pick_cmd(void)
{
	unsigned int i, total = 0, k;

	for (i = 0; i < ARRAY_SIZE(cmd_weights); i++)
		total += cmd_weights[i].weight;
	k = below(total);
	for (i = 0; k >= cmd_weights[i].weight; i++)
		k -= cmd_weights[i].weight;
	return cmd_weights[i].cmd;
}

/*
 * NLM_F_REQUEST always; an ack mostly; dump for dump commands mostly; now and then a bit the
 * genetlink header check refuses (NLM_F_ROOT alone is one).
 */
static uint16_t pick_flags(bool dump_op)
{
	static const uint16_t odd[] = {
		NLM_F_MULTI, NLM_F_ROOT, NLM_F_MATCH, NLM_F_ATOMIC, 0x10, 0x20, 0x800, 0x1000,
	};
	uint16_t f = NLM_F_REQUEST;

	if (!chance(150))
		f |= NLM_F_ACK;
	if (chance(50))
		f |= NLM_F_ECHO;
	if (dump_op ? !chance(80) : chance(50))
		f |= NLM_F_DUMP;
	if (chance(25))
		f |= odd[below(ARRAY_SIZE(odd))];
	return f;
}

static uint8_t pick_version(void)
{
	static const uint8_t v[] = { 0, 2, 0xff };

	if (!chance(100))
		return EO_GENL_VERSION;
	return chance(500) ? v[below(3)] : rnd();	/* the family does not look at it */
}

/* @forced: a clean request with an ack (a STOP after an arm, a fixed step of a scenario) */
static void build(struct mb *m, int cmd, bool dirty, bool forced, const struct learnable *real)
{
	uint8_t c = cmd == CMD_RANDOM ? (int)(__EO_CMD_MAX + below(256 - __EO_CMD_MAX)) : cmd;

	mb_start(m, c, forced ? NLM_F_REQUEST | NLM_F_ACK : pick_flags(is_dump_op(c)),
		 forced ? EO_GENL_VERSION : pick_version(),
		 forced || !chance(25) ? 0 : 1 + below(0xffff));
	if (dirty && chance(300))
		gen_one(m, &top_set, true, 0);
	switch (c) {
	case EO_CMD_START:
		if (!forced)
			build_start(m, dirty);
		break;
	case EO_CMD_LEARN:
		build_learn(m, dirty, real);
		break;
	case EO_CMD_GET_LEARNED:
		if (chance(400))
			gen_pair(m, dirty, NULL);
		break;
	default:
		if (!forced && chance(100))
			gen_one(m, &top_set, false, 0);	/* valid, of no use to it */
		break;
	}
	if (dirty)
		dirty_extras(m);
	mb_finish(m);
}

/* --- sockets ---------------------------------------------------------------------------- */

static int sock_open(struct nlsock *s, bool capped)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t sl = sizeof(sa);
	int one = 1, size = 4 << 20;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -1;
	/* every error's reason is checked */
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (capped)
		setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* requests of up to 160 KiB, echoed whole in uncapped errors */
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (setsockopt(s->fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)))
		setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(s->fd, (struct sockaddr *)&sa, &sl)) {
		close(s->fd);
		return -1;
	}
	s->portid = sa.nl_pid;
	s->gen = 0;
	return 0;
}

static void rq_open(bool capped)
{
	if (sock_open(&fz.rq, capped)) {
		perror("eo-fuzz: socket");
		exit(2);
	}
	fz.rq.gen = ++fz.sock_gen;
}

/*
 * A new request socket. Closing the one that owns an arming disarms before close() returns:
 * the next status must say idle.
 */
static void rq_reopen(void)
{
	struct nlsock *s = &fz.rq;

	if (fz.owner && fz.owner == s->gen) {
		fz.armed = ARMED_NO;
		fz.owner = 0;
	}
	close(s->fd);
	rq_open(!chance(300));
}

static int join(struct nlsock *s, uint32_t grp)
{
	return setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) ?
	       -errno : 0;
}

/* --- reading replies -------------------------------------------------------------------- */

/* attributes that parse to the end; nests (NLA_F_NESTED) too */
static bool wellformed(const uint8_t *p, int len, int depth)
{
	struct nla_it it = { p, len };
	const struct nlattr *a;

	while ((a = it_next(&it)))
		if ((a->nla_type & NLA_F_NESTED) && depth < 8 &&
		    !wellformed(adata(a), alen(a), depth + 1))
			return false;
	return it.rem <= 0;
}

static void parse_tlvs(struct req *r, const struct nlmsghdr *nh, size_t off)
{
	struct nla_it it = { (const uint8_t *)nh + off, (int)nh->nlmsg_len - (int)off };
	const struct nlattr *a;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (it.rem < 0) {
		failure(r, "extack attributes announced beyond the message");
		return;
	}
	while ((a = it_next(&it))) {
		if ((a->nla_type & NLA_TYPE_MASK) != NLMSGERR_ATTR_MSG || alen(a) < 1)
			continue;
		snprintf(r->text, sizeof(r->text), "%.*s", alen(a), (const char *)adata(a));
		r->extack = r->text[0];
	}
	if (it.rem > 0)
		failure(r, "extack attributes that do not parse");
}

static void on_error(struct req *r, const struct nlmsghdr *nh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	size_t off = NLMSG_LENGTH(sizeof(*e));

	if (nh->nlmsg_len < off) {
		failure(r, "an error message too short for its header");
		return;
	}
	if (e->msg.nlmsg_seq != r->seq || e->msg.nlmsg_type != fz.family)
		failure(r, "an error that echoes another request");
	if (e->error > 0) {
		failure(r, "a positive error code %d", e->error);
		return;
	}
	if (!e->error) {
		if (r->dump)
			failure(r, "an ack for a dump");
		else if (!r->ack)
			failure(r, "an ack that was not asked for");
		else if (r->acked || r->err)
			failure(r, "a second ack");
		r->acked = true;
		fz.acks++;
		return;
	}
	if (r->err || r->acked || r->done)
		failure(r, "an error after the request was answered");
	r->err = -e->error;
	r->done = r->dump;
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	parse_tlvs(r, nh, off);
}

static void on_done(struct req *r, const struct nlmsghdr *nh)
{
	int err;

	if (!r->dump || r->done) {
		failure(r, "NLMSG_DONE %s", r->dump ? "twice" : "for a request that is no dump");
		return;
	}
	r->done = true;
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(int))) {
		failure(r, "NLMSG_DONE without its error code");
		return;
	}
	memcpy(&err, NLMSG_DATA(nh), sizeof(err));
	if (err > 0)
		failure(r, "NLMSG_DONE with a positive error code %d", err);
	if (err < 0) {
		r->err = -err;
		parse_tlvs(r, nh, NLMSG_LENGTH(sizeof(int)));
	}
}

static bool has_attr(const uint8_t *p, int len, unsigned int type)
{
	return last_of(p, len, type);
}

static unsigned int dump_key(unsigned int cmd)
{
	return cmd == EO_CMD_GET_COUNTS ? EO_A_COUNT : cmd == EO_CMD_GET_RECENT ? EO_A_EVENT :
	       EO_A_LEARNED;
}

static void on_status(struct req *r, const uint8_t *p, int len)
{
	const struct nlattr *armed = last_of(p, len, EO_A_ARMED);

	if (!armed || alen(armed) != 1 || !has_attr(p, len, EO_A_STATS) ||
	    !has_attr(p, len, EO_A_CONFIG)) {
		failure(r, "a status reply without EO_A_ARMED, EO_A_STATS or EO_A_CONFIG");
		return;
	}
	r->armed = aget(armed, 1);
	if (r->armed && !has_attr(p, len, EO_A_MECHANISM))
		failure(r, "an armed status without its mechanism");
}

static void on_data(struct req *r, const struct nlmsghdr *nh)
{
	const struct genlmsghdr *gh = NLMSG_DATA(nh);
	const uint8_t *p = (const uint8_t *)gh + GENL_HDRLEN;
	int len = (int)nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	if (len < 0) {
		failure(r, "a reply shorter than its genetlink header");
		return;
	}
	if (!wellformed(p, len, 0))
		failure(r, "a reply whose attributes do not parse");
	if (r->dump) {
		if (r->done)
			failure(r, "a dump part after the end of the dump");
		if (!(nh->nlmsg_flags & NLM_F_MULTI))
			failure(r, "a dump part without NLM_F_MULTI");
		if (gh->cmd != r->cmd || !has_attr(p, len, dump_key(r->cmd)))
			failure(r, "a dump part of command %u without its attribute", gh->cmd);
		r->intr |= nh->nlmsg_flags & NLM_F_DUMP_INTR;
		r->parts++;
		fz.dump_parts++;
		return;
	}
	if (r->cmd != EO_CMD_GET_STATUS || gh->cmd != EO_CMD_GET_STATUS || r->replies) {
		failure(r, "a reply (command %u) to a request that has none", gh->cmd);
		return;
	}
	if (nh->nlmsg_flags & NLM_F_MULTI)
		failure(r, "a status reply marked NLM_F_MULTI");
	r->replies++;
	on_status(r, p, len);
}

static void on_barrier(struct req *r, const struct nlmsghdr *nh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);

	if (nh->nlmsg_type != NLMSG_ERROR || nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) ||
	    e->error || r->barrier_done)
		failure(r, "the NOOP after the request was not acked once");
	r->barrier_done = true;
}

static void dispatch(struct nlsock *s, const struct nlmsghdr *nh, struct req **rs, int n)
{
	struct req *r;
	int i;

	if (nh->nlmsg_pid != s->portid)
		failure(rs[0], "a reply for port %u on port %u", nh->nlmsg_pid, s->portid);
	for (i = 0; i < n; i++) {
		r = rs[i];
		if (r->barrier && nh->nlmsg_seq == r->barrier) {
			on_barrier(r, nh);
			return;
		}
		if (nh->nlmsg_seq != r->seq)
			continue;
		if (fz.verbose > 1)
			printf("#   reply type %u flags 0x%x len %u\n", nh->nlmsg_type,
			       nh->nlmsg_flags, nh->nlmsg_len);
		if (nh->nlmsg_type == NLMSG_ERROR)
			on_error(r, nh);
		else if (nh->nlmsg_type == NLMSG_DONE)
			on_done(r, nh);
		else if (nh->nlmsg_type == fz.family)
			on_data(r, nh);
		else
			failure(r, "a reply of type %u", nh->nlmsg_type);
		return;
	}
	failure(rs[0], "a reply (type %u) with sequence number %u, which no request has",
		nh->nlmsg_type, nh->nlmsg_seq);
}

/* 0, or -1: no answer in time (a failure), -2: a reply was dropped (ENOBUFS) */
static int read_once(struct nlsock *s, struct req **rs, int n)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	struct sockaddr_nl sa;
	struct iovec iov = { rbuf, sizeof(rbuf) };
	struct msghdr mh = {
		.msg_name = &sa, .msg_namelen = sizeof(sa), .msg_iov = &iov, .msg_iovlen = 1,
	};
	const struct nlmsghdr *nh;
	ssize_t len;
	int ret;

	do
		ret = poll(&pfd, 1, fz.timeout_ms);
	while (ret < 0 && errno == EINTR);
	if (ret <= 0) {
		failure(rs[0], "no answer within %d ms", fz.timeout_ms);
		return -1;
	}
	len = recvmsg(s->fd, &mh, MSG_DONTWAIT);
	if (len < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		if (errno == ENOBUFS)
			return -2;
		failure(rs[0], "recvmsg: %s", strerror(errno));
		return -1;
	}
	if (mh.msg_flags & MSG_TRUNC) {
		failure(rs[0], "a reply larger than %d bytes", RBUF_SIZE);
		return -1;
	}
	if (sa.nl_pid)
		failure(rs[0], "a datagram from port %u, not from the kernel", sa.nl_pid);
	for (nh = (const struct nlmsghdr *)rbuf; NLMSG_OK(nh, len); nh = NLMSG_NEXT(nh, len))
		dispatch(s, nh, rs, n);
	if (len > 0)
		failure(rs[0], "%zd bytes after the last message of a datagram", len);
	return 0;
}

static bool req_complete(const struct req *r)
{
	return r->closed || (r->dump ? r->done : r->barrier_done);
}

/* Reads until every request of @rs is answered; @first: until @rs[0] has its first part. */
static int pump(struct nlsock *s, struct req **rs, int n, bool first)
{
	int i, ret;
	bool all;

	for (;;) {
		for (all = true, i = 0; i < n; i++)
			all &= req_complete(rs[i]);
		if (all || (first && (rs[0]->parts || rs[0]->done)))
			return 0;
		ret = read_once(s, rs, n);
		if (ret)
			return ret;
	}
}

static bool send_req(struct nlsock *s, struct req *r, bool barrier)
{
	static uint8_t out[MSG_MAX + 64];
	size_t len = r->len;
	struct nlmsghdr *b;

	memcpy(out, r->msg, len);
	memset(out + len, 0, NLMSG_ALIGN(len) - len);
	len = NLMSG_ALIGN(len);
	if (barrier) {
		/* the ack of a NOOP behind the request: every reply to the request came before */
		b = (struct nlmsghdr *)(out + len);
		*b = (struct nlmsghdr){
			.nlmsg_len = NLMSG_HDRLEN,
			.nlmsg_type = NLMSG_NOOP,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = r->barrier = ++fz.seq,
		};
		len += NLMSG_HDRLEN;
	}
	fz.sent++;
	if (send(s->fd, out, len, 0) != (ssize_t)len) {
		failure(r, "send: %s", strerror(errno));
		return false;
	}
	return true;
}

/* --- judging ---------------------------------------------------------------------------- */

static void req_init(struct req *r, const struct mb *m)
{
	const struct nlmsghdr *nh = (const struct nlmsghdr *)m->p;

	memset(r, 0, sizeof(*r));
	r->msg = m->p;
	r->len = m->len;
	r->idx = fz.sent;
	r->seq = nh->nlmsg_seq;
	r->cmd = ((const struct genlmsghdr *)(m->p + NLMSG_HDRLEN))->cmd;
	r->dump = (nh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	r->ack = nh->nlmsg_flags & NLM_F_ACK;
	r->armed = -1;
	r->ex = predict(m->p, m->len);
	r->owned = r->cmd == EO_CMD_START &&
		   last_of(m->p + NLMSG_HDRLEN + GENL_HDRLEN,
			   (int)m->len - NLMSG_HDRLEN - GENL_HDRLEN, EO_A_OWNED);
	r->extend = r->cmd == EO_CMD_START &&
		    last_of(m->p + NLMSG_HDRLEN + GENL_HDRLEN,
			    (int)m->len - NLMSG_HDRLEN - GENL_HDRLEN, EO_A_EXTEND);
}

static void note_noextack(int err, const char *why)
{
	unsigned int i;

	for (i = 0; i < fz.nnoext; i++)
		if (fz.noext[i].err == err && !strcmp(fz.noext[i].why, why))
			break;
	if (i == fz.nnoext) {
		if (i == ARRAY_SIZE(fz.noext))
			return;
		fz.noext[fz.nnoext++] = (struct noext){ err, why, 0 };
	}
	fz.noext[i].n++;
}

static void judge(struct req *r)
{
	const struct expect *ex = &r->ex;

	fz.expected[ex->kind]++;
	if (fz.verbose)
		printf("# #%lu cmd %u%s len %zu -> %s \"%s\" (%s)\n", r->idx, r->cmd,
		       r->dump ? " dump" : "", r->len, r->err ? errname(r->err) : "ok", r->text,
		       ex->why);
	if (!r->err) {
		fz.ok++;
		if (ex->kind == EX_FAIL || ex->kind == EX_POLICY)
			failure(r, "accepted");
		else if (!r->dump && r->ack && !r->acked)
			failure(r, "no ack");
		else if (!r->dump && r->cmd == EO_CMD_GET_STATUS && r->replies != 1)
			failure(r, "%u status replies", r->replies);
		if (r->dump && !r->closed)
			fz.dumps++;
		return;
	}
	fz.errors++;
	fz.errs[r->err < (int)ARRAY_SIZE(fz.errs) ? r->err : 0]++;
	if (!r->extack)
		note_noextack(r->err, ex->why);
	if (r->err == ENOMEM)
		return;		/* memory may run out anywhere; not the point here */
	if (ex->kind == EX_OK)
		failure(r, "refused");
	else if (ex->kind == EX_FAIL && ex->err && r->err != ex->err)
		failure(r, "refused with another errno (%s expected)", errname(ex->err));
	else if (ex->kind == EX_POLICY && r->err != EINVAL && r->err != ERANGE)
		failure(r, "a policy rejection that is neither EINVAL nor ERANGE");
	else if (ex->extack && !r->extack)
		failure(r, "an error without an extack message");
}

/* What the module does now, from what it acknowledged; its status must agree. */
static void update_model(const struct req *r, const struct nlsock *s)
{
	if (!r->ex.handler || r->closed)
		return;
	switch (r->cmd) {
	case EO_CMD_START:
		if (!r->err) {
			fz.armed = ARMED_YES;
			/* an extension leaves the arming its owner */
			if (!r->extend)
				fz.owner = r->owned ? s->gen : 0;
			fz.arms++;
		} else if (r->ex.kind == EX_ANY && fz.armed == ARMED_YES) {
			/* refused while arming: the previous arming is back, or nothing is */
			fz.armed = ARMED_UNKNOWN;
		}
		break;
	case EO_CMD_STOP:
		if (!r->err) {
			fz.armed = ARMED_NO;
			fz.owner = 0;
			fz.stops++;
		}
		break;
	case EO_CMD_LEARN:
		fz.learns += !r->err;
		break;
	case EO_CMD_GET_STATUS:
		if (r->err || r->armed < 0)
			break;
		if ((fz.armed == ARMED_YES && !r->armed) || (fz.armed == ARMED_NO && r->armed))
			failure(r, "the status says %s", r->armed ?
				"armed after an acknowledged STOP" :
				"idle after an acknowledged START, its socket still open");
		fz.armed = r->armed ? ARMED_YES : ARMED_NO;
		break;
	}
}

/* --- the events group and the controller's notifications -------------------------------- */

static bool family_gone;

static void on_notification(const struct nlmsghdr *nh)
{
	const struct genlmsghdr *gh = NLMSG_DATA(nh);
	const uint8_t *p = (const uint8_t *)gh + GENL_HDRLEN;
	int len = (int)nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	const struct nlattr *id;

	if (len < 0 || !wellformed(p, len, 0)) {
		failure(NULL, "a notification that does not parse (type %u)", nh->nlmsg_type);
		return;
	}
	if (nh->nlmsg_type == GENL_ID_CTRL) {
		id = last_of(p, len, CTRL_ATTR_FAMILY_ID);
		if (gh->cmd == CTRL_CMD_DELFAMILY && id && aget(id, 2) == fz.family) {
			failure(NULL, "the errorigin family went away");
			family_gone = true;
		}
		return;
	}
	if (nh->nlmsg_type != fz.family) {
		failure(NULL, "a message of type %u on the events socket", nh->nlmsg_type);
		return;
	}
	fz.events++;
	if (fz.eperm)
		failure(NULL, "an event (command %u) reached a process without the privilege",
			gh->cmd);
	if (!(gh->cmd == EO_CMD_EVENT && has_attr(p, len, EO_A_EVENT)) &&
	    !(gh->cmd == EO_CMD_LEARNED && has_attr(p, len, EO_A_PAIR)))
		failure(NULL, "an event of command %u without its attribute", gh->cmd);
}

static void drain_watcher(void)
{
	struct pollfd pfd = { .fd = fz.ws.fd, .events = POLLIN };
	const struct nlmsghdr *nh;
	ssize_t len;
	int k;

	/* poll first: a failing recv (EAGAIN) would itself be a captured failure */
	for (k = 0; k < 256 && poll(&pfd, 1, 0) > 0; k++) {
		len = recv(fz.ws.fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (len < 0) {
			if (errno == ENOBUFS) {
				fz.events_lost++;	/* a burst overran the buffer */
				continue;
			}
			break;
		}
		for (nh = (const struct nlmsghdr *)rbuf; NLMSG_OK(nh, len);
		     nh = NLMSG_NEXT(nh, len))
			on_notification(nh);
	}
}

/* --- the family ------------------------------------------------------------------------- */

/* CTRL_CMD_GETFAMILY: its id and the id of group @grp; -errno when there is none */
static int resolve(const char *name, uint16_t *id, const char *grp, uint32_t *grp_id)
{
	struct {
		struct nlmsghdr nh;
		struct genlmsghdr gh;
		struct nlattr a;
		char name[GENL_NAMSIZ];
	} q = {
		.nh = { .nlmsg_type = GENL_ID_CTRL, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1 },
		.gh = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 },
		.a = { .nla_type = CTRL_ATTR_FAMILY_NAME },
	};
	struct pollfd pfd;
	struct nlsock s;
	const struct nlmsghdr *nh;
	const struct nlattr *g, *gn, *gi, *fid;
	struct nla_it it;
	ssize_t len;
	int ret = -EIO;

	snprintf(q.name, sizeof(q.name), "%s", name);
	q.a.nla_len = NLA_HDRLEN + strlen(name) + 1;
	q.nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN) + NLA_ALIGN(q.a.nla_len);
	if (sock_open(&s, true))
		return -errno;
	pfd = (struct pollfd){ .fd = s.fd, .events = POLLIN };
	if (send(s.fd, &q, q.nh.nlmsg_len, 0) < 0 || poll(&pfd, 1, 5000) <= 0)
		goto out;
	len = recv(s.fd, rbuf, sizeof(rbuf), 0);
	if (len < (ssize_t)NLMSG_HDRLEN)
		goto out;
	nh = (const struct nlmsghdr *)rbuf;
	if (nh->nlmsg_type == NLMSG_ERROR) {
		ret = ((const struct nlmsgerr *)NLMSG_DATA(nh))->error ?: -EIO;
		goto out;
	}
	it = (struct nla_it){ rbuf + NLMSG_LENGTH(GENL_HDRLEN),
			      (int)nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN) };
	fid = last_of(it.pos, it.rem, CTRL_ATTR_FAMILY_ID);
	g = last_of(it.pos, it.rem, CTRL_ATTR_MCAST_GROUPS);
	if (!fid)
		goto out;
	*id = aget(fid, 2);
	ret = 0;
	if (!grp)
		goto out;
	ret = -ENOENT;
	it = (struct nla_it){ g ? adata(g) : NULL, g ? alen(g) : 0 };
	while ((g = it_next(&it))) {
		gn = last_of(adata(g), alen(g), CTRL_ATTR_MCAST_GRP_NAME);
		gi = last_of(adata(g), alen(g), CTRL_ATTR_MCAST_GRP_ID);
		if (gn && gi && !strcmp((const char *)adata(gn), grp)) {
			*grp_id = aget(gi, 4);
			ret = 0;
		}
	}
out:
	close(s.fd);
	return ret;
}

static void check_family(void)
{
	uint16_t id = 0;
	int err = resolve(EO_GENL_NAME, &id, NULL, NULL);

	if (err || id != fz.family) {
		failure(NULL, "the errorigin family is %s", err ? "gone" : "another (reloaded)");
		family_gone = true;
	}
	if (access("/sys/module/errorigin", F_OK) && errno == ENOENT) {
		failure(NULL, "the errorigin module is gone");
		family_gone = true;
	}
}

/* --- exchanges -------------------------------------------------------------------------- */

/* No answer, or one dropped: late replies must not meet the next request. */
static void lost(struct req *r, int ret)
{
	fz.lost += ret == -2;
	r->closed = true;
	rq_reopen();
}

static void finish(struct req *r)
{
	judge(r);
	update_model(r, &fz.rq);
}

static void do_exchange(struct req *r)
{
	struct req *rs[1] = { r };
	int ret;

	if (!send_req(&fz.rq, r, true)) {
		lost(r, -1);
		return;
	}
	ret = pump(&fz.rq, rs, 1, false);
	if (ret)
		lost(r, ret);
	else
		finish(r);
}

/* a request sent while a dump runs on the same socket */
static void second_request(struct mb *m, bool dump)
{
	static const int dos[] = {
		EO_CMD_GET_STATUS, EO_CMD_STOP, EO_CMD_RESET_COUNTS, EO_CMD_START, EO_CMD_QUIET,
	};
	static const int dumps[] = { EO_CMD_GET_COUNTS, EO_CMD_GET_RECENT, EO_CMD_GET_LEARNED };

	build(m, dump ? dumps[below(3)] : dos[below(5)], chance(300), false, NULL);
	((struct nlmsghdr *)m->p)->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
						 (dump ? NLM_F_DUMP : 0);
}

/*
 * Most dumps are read to their end. Others, once their first part came and more is to come:
 * the socket is closed, or another request goes on the same socket (a do, answered between
 * the parts; a dump, refused while the first runs), and then the first is read to its end.
 */
static void dump_exchange(struct req *r)
{
	unsigned int mode = below(10);
	struct req r2, *rs[2] = { r, &r2 };
	int ret;

	if (!send_req(&fz.rq, r, false)) {
		lost(r, -1);
		return;
	}
	ret = pump(&fz.rq, rs, 1, mode >= 6);
	if (ret) {
		lost(r, ret);
		return;
	}
	if (r->done) {
		finish(r);
		return;
	}
	fz.dumps_intr++;
	if (mode < 8) {
		r->closed = true;
		finish(r);
		rq_reopen();
		return;
	}
	second_request(&mbuf2, mode == 9);
	req_init(&r2, &mbuf2);
	if (r2.dump)
		r2.ex = ex_of(EX_ANY, 0, false, false, "a dump while another runs: EBUSY from the "
			      "netlink core, or a dump if the first one ended");
	if (!send_req(&fz.rq, &r2, !r2.dump)) {
		lost(r, -1);
		return;
	}
	ret = pump(&fz.rq, rs, 2, false);
	if (ret) {
		lost(r, ret);
		return;
	}
	finish(r);
	finish(&r2);
}

/* failures of a pair this process learns: the learning ends when one comes */
static void learn_trigger(const struct learnable *l)
{
	int i, fd;

	for (i = 0; i < 3; i++) {
		if (l->nr == 3) {
			close(-1);
		} else if (l->nr == 62) {
			kill(0x3fffffff, 0);
		} else {
			fd = open("/nonexistent/eo-fuzz", O_RDONLY);
			if (fd >= 0)
				close(fd);
		}
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void run(struct mb *m, const struct learnable *real)
{
	uint64_t t = now_ns();
	unsigned int k;
	struct req r;

	req_init(&r, m);
	if (r.dump)
		dump_exchange(&r);
	else
		do_exchange(&r);
	k = r.cmd < __EO_CMD_MAX ? r.cmd : __EO_CMD_MAX;
	fz.cmd_ns[k] += now_ns() - t;
	fz.cmd_n[k]++;
	if (r.err || r.closed || !r.ex.handler)
		return;
	/* what arms is undone often, so that no heavy hook stays for long */
	if (r.cmd == EO_CMD_START && chance(500))
		fz.force_next = EO_CMD_STOP;
	if (r.cmd == EO_CMD_LEARN) {
		if (real)
			learn_trigger(real);
		if (chance(700))
			fz.force_next = EO_CMD_STOP;
	}
}

static void send_clean(int cmd)
{
	build(&mbuf2, cmd, false, true, NULL);
	run(&mbuf2, NULL);
}

/* START with a filter of this process or of an errno, owned by the socket or not */
static void start_with(struct mb *m, uint32_t pid, uint32_t err, bool owned)
{
	size_t off;

	build(m, EO_CMD_START, false, true, NULL);
	off = nest_begin(m, EO_A_FILTER);
	if (pid)
		put_int(m, EO_FILTER_A_PID, pid, 4);
	if (err)
		put_int(m, EO_FILTER_A_ERRNO, err, 4);
	nest_end(m, off);
	if (owned)
		put_int(m, EO_A_OWNED, 0, 0);
	mb_finish(m);
}

/*
 * Hundreds of counters and recorded events (failures of this process, under as many names):
 * dumps then come in several parts, and can be interrupted.
 */
static void seed_state(void)
{
	char name[16];
	unsigned int i;
	int fd;

	start_with(&mbuf2, getpid(), 0, false);
	run(&mbuf2, NULL);
	for (i = 0; i < 400; i++) {
		snprintf(name, sizeof(name), "fz%03u", i);
		prctl(PR_SET_NAME, name);
		close(-1);
		fd = open("/nonexistent/eo-fuzz", O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	prctl(PR_SET_NAME, "eo-fuzz");
	send_clean(EO_CMD_STOP);
	fz.force_next = -1;
	fz.seeded++;
	drain_watcher();
}

/*
 * An owned arming is undone when its socket is released. A socket opened right after gets
 * the same port id (autobind tries the process id first): an owned arming made from it at
 * once must survive the first socket's release, however late any part of it ran.
 */
static void owner_reuse(void)
{
	char ctx[96];
	uint32_t first;

	start_with(&mbuf2, 0, ENOENT, true);
	run(&mbuf2, NULL);
	if (fz.armed != ARMED_YES || fz.owner != fz.rq.gen)
		return;
	first = fz.rq.portid;
	rq_reopen();
	start_with(&mbuf2, 0, ENOENT, true);
	run(&mbuf2, NULL);
	if (fz.armed == ARMED_YES) {
		usleep(100000);		/* anything of the release deferred has run by now */
		snprintf(ctx, sizeof(ctx), "owned arming, first owner port %u, now port %u",
			 first, fz.rq.portid);
		fz.context = ctx;
		send_clean(EO_CMD_GET_STATUS);
		fz.context = NULL;
		fz.reuse_checks++;
		fz.reuse_undone += fz.armed == ARMED_NO;
	}
	send_clean(EO_CMD_STOP);
	fz.force_next = -1;
}

/*
 * For --owner-reuse: on one CPU, real-time. Were any of the release deferred to a work
 * item, it would be queued on this CPU and run only once this process sleeps, which the next
 * START does (hooks are swapped with grace periods): such a window is hit every time.
 */
static void reuse_pin(void)
{
	struct sched_param sp = { .sched_priority = 1 };
	cpu_set_t cpus;

	CPU_ZERO(&cpus);
	CPU_SET(sched_getcpu() < 0 ? 0 : sched_getcpu(), &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus) ||
	    sched_setscheduler(0, SCHED_FIFO, &sp))
		printf("# eo-fuzz: not pinned, not real-time (%s): the window is hit by chance\n",
		       strerror(errno));
}

static const struct learnable *plan_real_learn(bool dirty)
{
	if (fz.eperm || dirty || fz.armed == ARMED_NO || fz.learns >= fz.learn_max ||
	    !chance(400))
		return NULL;
	return &learnables[below(ARRAY_SIZE(learnables))];
}

/*
 * A START that may arm. Under TCG an arm and its disarm take about a third of a second
 * (hooks patched in, grace periods): at most one request in HEAVY_RATIO arms, the rest of
 * the STARTs are refused ones, which is where their parsing is exercised anyway.
 */
#define HEAVY_RATIO 200

static bool heavy(const struct mb *m)
{
	const struct genlmsghdr *gh = (const struct genlmsghdr *)(m->p + NLMSG_HDRLEN);
	struct expect ex;

	if (gh->cmd != EO_CMD_START)
		return false;
	ex = predict(m->p, m->len);
	return ex.handler && ex.kind != EX_FAIL;
}

static void round_one(void)
{
	int cmd = fz.force_next >= 0 ? fz.force_next : pick_cmd();
	bool forced = fz.force_next >= 0, dirty = !forced && chance(550);
	const struct learnable *real = NULL;
	struct expect ex;
	int tries = 0;

	fz.force_next = -1;
	if (cmd == EO_CMD_LEARN)
		real = plan_real_learn(dirty);
	build(&mbuf, cmd, dirty, forced, real);
	while (cmd == EO_CMD_START && fz.heavy >= fz.sent / HEAVY_RATIO + 20 && heavy(&mbuf) &&
	       tries++ < 8)
		build(&mbuf, cmd, true, false, NULL);
	fz.heavy += heavy(&mbuf);
	if (cmd == EO_CMD_LEARN && !real) {
		ex = predict(mbuf.p, mbuf.len);
		/* it could arm the learning hook, with any timeout: disarm first */
		if (ex.handler && ex.kind == EX_ANY)
			send_clean(EO_CMD_STOP);
	}
	run(&mbuf, real);
}

/* --- the end ---------------------------------------------------------------------------- */

static void report(void)
{
	unsigned int i, j, order[ARRAY_SIZE(fz.errs)], n = 0;

	printf("# eo-fuzz: %ld s; acks %lu, arms %lu, stops %lu, learning armed %lu, dump parts "
	       "%lu, owner-reuse checks %lu, seeded %lu, events %lu (lost %lu), lost replies %lu\n",
	       (long)(time(NULL) - fz.t0), fz.acks, fz.arms, fz.stops, fz.learns, fz.dump_parts,
	       fz.reuse_checks, fz.seeded, fz.events, fz.events_lost, fz.lost);
	printf("# eo-fuzz: judged: %lu to succeed, %lu to fail (%lu in attribute validation), "
	       "%lu either way\n", fz.expected[EX_OK],
	       fz.expected[EX_FAIL] + fz.expected[EX_POLICY], fz.expected[EX_POLICY],
	       fz.expected[EX_ANY]);
	printf("# eo-fuzz: time by command (requests, s):");
	for (i = 0; i <= __EO_CMD_MAX; i++)
		if (fz.cmd_n[i])
			printf(" %u: %lu %.1f", i, fz.cmd_n[i], fz.cmd_ns[i] / 1e9);
	printf("\n");
	if (fz.nnoext) {
		printf("# eo-fuzz: errors without an extack message:");
		for (i = 0; i < fz.nnoext; i++)
			printf("%s %s %lu (%s)", i ? "," : "", errname(fz.noext[i].err),
			       fz.noext[i].n, fz.noext[i].why);
		printf("\n");
	}
	for (i = 0; i < ARRAY_SIZE(fz.errs); i++)
		if (fz.errs[i] || i == EPERM)
			order[n++] = i;
	for (i = 1; i < n; i++)		/* most frequent first */
		for (j = i; j > 0 && fz.errs[order[j]] > fz.errs[order[j - 1]]; j--) {
			unsigned int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	printf("fuzz: sent %lu ok %lu errors %lu (", fz.sent, fz.ok, fz.errors);
	for (i = 0; i < n; i++)
		printf("%s%s %lu", i ? ", " : "", order[i] ? errname(order[i]) : "other",
		       fz.errs[order[i]]);
	printf(") dumps %lu interrupted %lu failures %lu seed %llu\n", fz.dumps, fz.dumps_intr,
	       fz.failures, (unsigned long long)fz.seed);
}

static void usage(void)
{
	fprintf(stderr, "usage: eo-fuzz [--seed S] [--expect-eperm] [--timeout MS] "
		"[--learn-max K] [--owner-reuse] [-v] N\n");
	exit(2);
}

static void options(int argc, char **argv)
{
	bool seeded = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			fz.seed = strtoull(argv[++i], NULL, 0);
			seeded = true;
		} else if (!strcmp(argv[i], "--expect-eperm")) {
			fz.eperm = true;
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			fz.timeout_ms = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--learn-max") && i + 1 < argc) {
			fz.learn_max = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--owner-reuse")) {
			fz.reuse_only = true;
		} else if (!strcmp(argv[i], "-v")) {
			fz.verbose++;
		} else if (argv[i][0] != '-' && !fz.n) {
			fz.n = strtoul(argv[i], NULL, 0);
		} else {
			usage();
		}
	}
	if (!fz.n)
		usage();
	if (!seeded) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		fz.seed = (ts.tv_sec * 1000003ULL ^ ts.tv_nsec ^ (uint64_t)getpid() << 20) %
			  1000000000ULL;
	}
}

int main(int argc, char **argv)
{
	unsigned long next_check = 4096, next_seed = 10000, next_reuse = 1000;
	uint16_t ctrl;
	int err;

	options(argc, argv);
	rng_seed(fz.seed);
	kernel_features();
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	err = resolve(EO_GENL_NAME, &fz.family, EO_GENL_MCGRP_EVENTS, &fz.events_grp);
	if (!err)
		err = resolve("nlctrl", &ctrl, "notify", &fz.notify_grp);
	if (err) {
		fprintf(stderr, "eo-fuzz: the errorigin family: %s\n", strerror(-err));
		return 2;
	}
	rq_open(true);
	if (sock_open(&fz.ws, true)) {
		perror("eo-fuzz: socket");
		return 2;
	}
	if (join(&fz.ws, fz.notify_grp))
		failure(NULL, "cannot join the controller's notify group");
	err = join(&fz.ws, fz.events_grp);
	if (fz.eperm && err != -EPERM)
		failure(NULL, "joining the events group: %s, not EPERM",
			err ? strerror(-err) : "allowed");
	else if (!fz.eperm && err)
		failure(NULL, "joining the events group: %s", strerror(-err));
	if (!fz.eperm)
		load_pools();
	printf("# eo-fuzz: seed %llu, %lu %s, family %u, uid %u, %s; addresses: %u of the "
	       "module, %u data, %u text, %u traceable\n", (unsigned long long)fz.seed, fz.n,
	       fz.reuse_only ? "owner-reuse checks" : "messages",
	       fz.family, getuid(), fz.eperm ? "every command must be refused" : "privileged",
	       modfuncs.n, p_data.n, p_text.n, p_hook.n);
	fz.force_next = -1;
	if (fz.learn_max == ~0UL)
		fz.learn_max = 1 + fz.n / 25000;	/* each takes seconds under TCG */
	fz.t0 = time(NULL);
	if (fz.reuse_only && !fz.eperm) {
		reuse_pin();
		send_clean(EO_CMD_GET_STATUS);
		while (fz.reuse_checks < fz.n && fz.sent < 100 * fz.n)
			owner_reuse();
		printf("owner-reuse: %lu of %lu owned armings undone by an earlier socket's "
		       "release, failures %lu seed %llu\n", fz.reuse_undone, fz.reuse_checks,
		       fz.failures, (unsigned long long)fz.seed);
		return fz.failures ? 1 : 0;
	}
	if (!fz.eperm) {
		send_clean(EO_CMD_GET_STATUS);
		seed_state();
	}
	while (fz.sent < fz.n && !family_gone) {
		round_one();
		drain_watcher();
		if (fz.sent >= next_check) {
			check_family();
			next_check += 4096;
		}
		if (!fz.eperm && fz.sent >= next_seed) {
			seed_state();
			next_seed += 10000;
		}
		if (!fz.eperm && fz.sent >= next_reuse) {
			owner_reuse();
			next_reuse += 10000;
		}
	}
	if (!fz.eperm && !family_gone)
		send_clean(EO_CMD_STOP);	/* nothing stays armed */
	drain_watcher();
	if (!family_gone)
		check_family();
	report();
	return fz.failures ? 1 : 0;
}
