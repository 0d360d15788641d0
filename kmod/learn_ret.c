// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched/task_stack.h>
#include <linux/sort.h>
#include <linux/string.h>
#include "alloc.h"
#include "funcs.h"
#include "learn_ret.h"
#include "learn_set.h"
#include "origin.h"
#include "record.h"

/* returns kept at once, every slot together: EO_ORIGIN_MAX_DEPTH frames for each slot */
#define EO_LEARN_RETS (EO_LEARN_SLOTS * EO_ORIGIN_MAX_DEPTH)
/* an origin its syscall exit did not take (a full queue) is dropped after this */
#define EO_LEARN_FOUND_TTL HZ

#define EO_RET_FILLING ((struct task_struct *)1UL)

struct eo_ret_fn {
	unsigned long ip;
	u8 class;		/* enum eo_ret_class, or EO_LEARN_RET_NONE */
};

struct eo_learn_ret {
	struct task_struct *task;	/* NULL: free; EO_RET_FILLING while being written */
	unsigned long *where;		/* the stack word the return address was taken from */
	unsigned long to;		/* that return address */
	unsigned long site;		/* the call site it names: @to, but for a tail call */
	u64 seq;			/* newest first, should a dead task's entry match */
	pid_t pid;
	u32 gen;			/* the slot's call */
	u16 id;				/* function: index in eo_ret_fns */
	u8 slot;
};

struct eo_learn_found {
	struct task_struct *task;	/* whose syscall exit takes it; NULL: free */
	unsigned long stamp;		/* jiffies */
	long sys_ret;			/* what the syscall returned */
	u8 n;
	bool stitched;
	bool truncated;
	u64 addr[EO_ORIGIN_MAX_CHAIN];
	s64 ret[EO_ORIGIN_MAX_CHAIN];
	u64 site[EO_ORIGIN_MAX_CHAIN];
};

static struct eo_ret_fn *eo_ret_fns;
static unsigned int eo_ret_n;
static struct eo_learn_ret eo_rets[EO_LEARN_RETS];
static atomic64_t eo_ret_seq;
static struct eo_origin eo_ret_origin[EO_LEARN_SLOTS];
static u32 eo_ret_gen[EO_LEARN_SLOTS];		/* the call each origin state follows */
static struct eo_learn_found eo_found[EO_LEARN_SLOTS];
atomic_t eo_learn_found_pending;

static int eo_ret_fn_cmp(const void *a, const void *b)
{
	const struct eo_ret_fn *x = a, *y = b;

	return x->ip < y->ip ? -1 : x->ip > y->ip;
}

int eo_learn_ret_set(const unsigned long *ips, const u8 *classes, unsigned int n)
{
	unsigned int i;

	eo_learn_ret_free();
	if (!classes || !n)
		return 0;
	/* ids are u16 in the origin state: the functions past them are entered, not followed */
	n = min_t(unsigned int, n, U16_MAX + 1);
	eo_ret_fns = kvmalloc_array(n, sizeof(*eo_ret_fns), EO_GFP);
	if (!eo_ret_fns)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		eo_ret_fns[i].ip = ips[i];
		eo_ret_fns[i].class = classes[i];
	}
	sort(eo_ret_fns, n, sizeof(*eo_ret_fns), eo_ret_fn_cmp, NULL);
	eo_ret_n = n;
	return 0;
}

void eo_learn_ret_free(void)
{
	kvfree(eo_ret_fns);
	eo_ret_fns = NULL;
	eo_ret_n = 0;
}

/* Binary search by hand: lib's bsearch() is traced, and this runs inside the hook. */
static __always_inline int eo_ret_id(unsigned long ip)
{
	unsigned int lo = 0, hi = eo_ret_n;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (eo_ret_fns[mid].ip == ip)
			return mid;
		if (eo_ret_fns[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void notrace eo_learn_ret_begin(unsigned int slot, u32 gen)
{
	if (!eo_ret_n)
		return;
	eo_origin_init(&eo_ret_origin[slot]);
	WRITE_ONCE(eo_ret_gen[slot], gen);
}
NOKPROBE_SYMBOL(eo_learn_ret_begin);

static notrace struct eo_learn_ret *eo_ret_claim(unsigned int slot)
{
	unsigned int i, k;

	/* each slot starts at its own share of the table: no contention between owners */
	for (i = 0; i < EO_LEARN_RETS; i++) {
		k = (slot * EO_ORIGIN_MAX_DEPTH + i) % EO_LEARN_RETS;
		if (!READ_ONCE(eo_rets[k].task) && !cmpxchg(&eo_rets[k].task, NULL, EO_RET_FILLING))
			return &eo_rets[k];
	}
	return NULL;
}
NOKPROBE_SYMBOL(eo_ret_claim);

/* The newest entry of current at @where, or NULL. */
static __always_inline struct eo_learn_ret *eo_ret_find(unsigned long *where)
{
	struct eo_learn_ret *r, *hit = NULL;
	unsigned int i;

	for (i = 0; i < EO_LEARN_RETS; i++) {
		r = &eo_rets[i];
		if (READ_ONCE(r->task) == current && r->where == where &&
		    (!hit || r->seq > hit->seq))
			hit = r;
	}
	return hit;
}

/*
 * The stack word is the task's own and live, its frame's return address; KASAN has nothing
 * to say about it (no redzone lies there), and the trampoline writes it without a check.
 */
void notrace __no_sanitize_address eo_learn_ret_enter(unsigned int slot, u32 gen,
						      unsigned long site, unsigned long *where,
						      unsigned long to)
{
	struct eo_learn_ret *r, *outer = NULL;
	int id;

	if (!eo_ret_n || READ_ONCE(eo_ret_gen[slot]) != gen)
		return;
	id = eo_ret_id(site);
	if (id < 0 || eo_ret_fns[id].class == EO_LEARN_RET_NONE)
		return;
	/*
	 * A tail call (jmp) into a second followed function finds the first one's return
	 * already taken: both come back through the trampoline, newest first, and the call
	 * site they name is the first one's.
	 */
	if (to == (unsigned long)eo_learn_ret_tramp)
		outer = eo_ret_find(where);
	r = eo_ret_claim(slot);
	if (!r)
		return;		/* deeper than the table: the frames below go unfollowed */
	r->where = where;
	r->to = to;
	r->site = outer ? outer->site : to;
	r->seq = atomic64_inc_return(&eo_ret_seq);
	r->pid = current->pid;
	r->gen = gen;
	r->id = id;
	r->slot = slot;
	/* complete before eo_learn_ret_restore() may read it (its acquire) */
	smp_store_release(&r->task, current);
	eo_origin_enter(&eo_ret_origin[slot], id);
	WRITE_ONCE(*where, (unsigned long)eo_learn_ret_tramp);
}
NOKPROBE_SYMBOL(eo_learn_ret_enter);

/*
 * From the trampoline, when a function whose return address was taken returns @rax:
 * returns where it was headed. Its entry is there by construction (only the return path
 * and, after the hook is gone and no task is inside it, the restore free one); a task's
 * stack words are unique among its live frames, and a dead task's leftover entry (it oopsed
 * inside a learned call) is older than any that may share its task and stack address.
 */
unsigned long notrace eo_learn_ret_exit(unsigned long rax, unsigned long *where)
{
	struct eo_learn_ret *hit = eo_ret_find(where);
	struct eo_learn_slot *s;
	unsigned long to;
	bool failed;
	s64 val;

	/* no entry: nowhere to return to; by construction it cannot happen */
	BUG_ON(!hit);
	to = hit->to;
	s = &eo_learn_slots[hit->slot];
	if (READ_ONCE(*eo_learn_owner_of(s)) == current &&
	    READ_ONCE(eo_ret_gen[hit->slot]) == hit->gen) {
		failed = eo_funcs_failed(eo_ret_fns[hit->id].class, rax, &val);
		eo_origin_exit(&eo_ret_origin[hit->slot], hit->id, val, failed, hit->site);
	}
	/* the entry is read (to, site) before another owner may claim it */
	smp_store_release(&hit->task, NULL);
	return to;
}
NOKPROBE_SYMBOL(eo_learn_ret_exit);

static notrace struct eo_learn_found *eo_found_claim(void)
{
	struct eo_learn_found *f;
	unsigned int i;

	struct task_struct *old;

	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		f = &eo_found[i];
		old = READ_ONCE(f->task);
		/* current's own older one, or one its syscall exit never took */
		if ((old == current || (old && old != EO_RET_FILLING &&
					time_after(jiffies, READ_ONCE(f->stamp) + EO_LEARN_FOUND_TTL))) &&
		    cmpxchg(&f->task, old, EO_RET_FILLING) == old) {
			atomic_dec(&eo_learn_found_pending);
			return f;
		}
	}
	for (i = 0; i < EO_LEARN_SLOTS; i++)
		if (!cmpxchg(&eo_found[i].task, NULL, EO_RET_FILLING))
			return &eo_found[i];
	return NULL;
}
NOKPROBE_SYMBOL(eo_found_claim);

/* @r's chain as function addresses, returns and call sites; returns its length */
static __always_inline unsigned int eo_ret_chain(const struct eo_origin_result *r, u64 *addr,
						 s64 *ret, u64 *site)
{
	unsigned int i, n = min_t(unsigned int, r->n, EO_ORIGIN_MAX_CHAIN);

	for (i = 0; i < n; i++) {
		addr[i] = r->func[i] < eo_ret_n ? eo_ret_fns[r->func[i]].ip : 0;
		ret[i] = r->ret[i];
		site[i] = r->site[i];
	}
	return n;
}

/* Kept out of line: the result (300 bytes) is cleared on the stack at every call. */
static noinline void notrace eo_ret_found(unsigned int slot, long ret)
{
	struct eo_origin_result r;
	struct eo_learn_found *f;

	eo_origin_finish(&eo_ret_origin[slot], ret, &r);
	if (r.status != EO_ORIGIN_FOUND || !r.n)
		return;
	f = eo_found_claim();
	if (!f)
		return;
	f->n = eo_ret_chain(&r, f->addr, f->ret, f->site);
	f->sys_ret = ret;
	f->stitched = r.stitched;
	f->truncated = r.truncated;
	f->stamp = jiffies;
	atomic_inc(&eo_learn_found_pending);
	/* pairs with the acquire in __eo_learn_ret_take(): the chain is complete */
	smp_store_release(&f->task, current);
}
NOKPROBE_SYMBOL(eo_ret_found);

void notrace eo_learn_ret_end(unsigned int slot, u32 gen, long ret, u32 err)
{
	if (!eo_ret_n || READ_ONCE(eo_ret_gen[slot]) != gen)
		return;
	/* the state is for this call only: nothing after it may add to it */
	WRITE_ONCE(eo_ret_gen[slot], gen - 1);
	if (err && ret == -(long)err)
		eo_ret_found(slot, ret);
}
NOKPROBE_SYMBOL(eo_learn_ret_end);

/* @rec has an origin: its chain of @n frames is in place */
static __always_inline void eo_ret_mark(struct eo_record *rec, unsigned int n, bool stitched,
					bool truncated)
{
	rec->chain_len = n;
	rec->origin_status = EO_ORIGIN_OK;
	rec->origin_flags = (stitched ? EO_ORIGIN_F_STITCHED : 0) |
			    (truncated ? EO_ORIGIN_F_TRUNCATED : 0);
}

static __always_inline void eo_ret_fill(struct eo_record *rec, const struct eo_learn_found *f)
{
	unsigned int n = min_t(unsigned int, f->n, EO_ORIGIN_MAX_CHAIN);

	memcpy(rec->chain_addr, f->addr, n * sizeof(f->addr[0]));
	memcpy(rec->chain_ret, f->ret, n * sizeof(f->ret[0]));
	memcpy(rec->chain_site, f->site, n * sizeof(f->site[0]));
	eo_ret_mark(rec, n, f->stitched, f->truncated);
}

/*
 * Current is still inside its learned call (its slot not ended yet): the origin now, and
 * none left for its slot's end to keep for a later call.
 */
static noinline bool notrace eo_ret_finish_into(struct eo_record *rec, unsigned int slot,
					       u32 gen, long ret)
{
	struct eo_origin_result r;

	WRITE_ONCE(eo_ret_gen[slot], gen - 1);
	if (rec->origin_status == EO_ORIGIN_OK)
		return false;
	eo_origin_finish(&eo_ret_origin[slot], ret, &r);
	if (r.status != EO_ORIGIN_FOUND || !r.n)
		return false;
	eo_ret_mark(rec, eo_ret_chain(&r, rec->chain_addr, rec->chain_ret, rec->chain_site),
		    r.stitched, r.truncated);
	return true;
}
NOKPROBE_SYMBOL(eo_ret_finish_into);

/*
 * The syscall exit capture and the learned syscall's own return probe run in either order
 * (kprobes on one address run newest first): before the probe, the origin is finished
 * here from the slot; after it, the probe left it in eo_found.
 */
bool notrace __eo_learn_ret_take(struct eo_record *rec, long ret)
{
	struct eo_learn_found *f;
	struct eo_learn_slot *s;
	unsigned int i;
	bool filled;

	for (i = 0; atomic_read(&eo_learn_found_pending) && i < EO_LEARN_SLOTS; i++) {
		f = &eo_found[i];
		/* pairs with eo_ret_found()'s release */
		if (smp_load_acquire(&f->task) != current)
			continue;
		filled = f->sys_ret == ret && rec->origin_status != EO_ORIGIN_OK;
		if (filled)
			eo_ret_fill(rec, f);
		atomic_dec(&eo_learn_found_pending);
		/* copied out before another task may claim it */
		smp_store_release(&f->task, NULL);
		return filled;
	}
	s = eo_ret_n && in_task() ? eo_learn_slot_of(current) : NULL;
	if (!s || READ_ONCE(eo_ret_gen[s - eo_learn_slots]) != s->gen)
		return false;
	return eo_ret_finish_into(rec, s - eo_learn_slots, s->gen, ret);
}
NOKPROBE_SYMBOL(__eo_learn_ret_take);

void eo_learn_ret_restore(void)
{
	struct task_struct *t;
	struct eo_learn_ret *r;
	unsigned long *stack;
	unsigned int i;
	bool kept = false;

	for (i = 0; i < EO_LEARN_RETS; i++) {
		r = &eo_rets[i];
		/* pairs with eo_learn_ret_enter()'s release: where, to and pid are set */
		if (!smp_load_acquire(&r->task))
			continue;
		kept = true;
		/*
		 * Its task is inside a learned call, asleep or running: put the return address
		 * back unless it already came back through the trampoline. A task that is
		 * exiting will never return through these frames (it oopsed in them): its
		 * stack may be gone, so nothing is written there.
		 */
		rcu_read_lock();
		t = pid_task(find_pid_ns(r->pid, &init_pid_ns), PIDTYPE_PID);
		stack = t == r->task && !(READ_ONCE(t->flags) & PF_EXITING) ?
			task_stack_page(t) : NULL;
		/* not instrumented: another task's stack, which KASAN may hold redzones in */
		if (stack && (void *)r->where >= (void *)stack &&
		    (void *)(r->where + 1) <= (void *)stack + THREAD_SIZE)
			arch_cmpxchg(r->where, (unsigned long)eo_learn_ret_tramp, r->to);
		rcu_read_unlock();
	}
	if (kept)
		/* a return that read the trampoline's address before it was put back is done */
		synchronize_rcu_tasks();
	for (i = 0; i < EO_LEARN_RETS; i++)
		WRITE_ONCE(eo_rets[i].task, NULL);
	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		WRITE_ONCE(eo_found[i].task, NULL);
		WRITE_ONCE(eo_ret_gen[i], 0);
	}
	atomic_set(&eo_learn_found_pending, 0);
}
