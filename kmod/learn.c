// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include "event.h"
#include "hook_learn.h"
#include "learn.h"
#include "learn_set.h"

/*
 * How long a learned pair keeps the learning hook for its narrowed set to be armed: its
 * failures meanwhile still come with their origin (learn_set.c), and the arming does not
 * wait for the hook's removal; a watch that never arms it costs others no longer.
 */
#define EO_LEARN_HANDOVER (10 * HZ)

static DEFINE_MUTEX(eo_learn_lock);
static struct delayed_work eo_learn_work;
/* Changes whenever a set is installed or freed, so a dump in parts can tell (never 0). */
static u32 eo_learn_sets_gen = 1;

static void eo_learn_sets_changed(void)
{
	if (!++eo_learn_sets_gen)
		eo_learn_sets_gen = 1;
}

static void eo_learn_info(const struct eo_learn_pair *p, struct eo_pair_info *info)
{
	info->key.nr = p->nr;
	info->key.err = p->err;
	info->key.abi = p->abi;
	info->phase = READ_ONCE(p->phase);
	info->funcs = p->funcs;
	info->elapsed_ms = jiffies_to_msecs(jiffies - p->started);
	info->others = info->phase == EO_PHASE_LEARNING ?
		       eo_hook_learn_others() - p->others_at_start : p->others;
}

static void eo_learn_forget(struct eo_learn_pair *p)
{
	if (p->set)
		eo_learn_sets_changed();
	kvfree(p->set);
	memset(p, 0, sizeof(*p));
}

/* Lock held: a pair learns, or waits for its narrowed set to be armed. */
static bool eo_learn_needs_hook(void)
{
	unsigned int i;

	for (i = 0; i < EO_LEARN_PAIRS; i++) {
		const struct eo_learn_pair *p = &eo_learn_pairs[i];
		u8 phase = READ_ONCE(p->phase);

		if (phase == EO_PHASE_LEARNING ||
		    (phase == EO_PHASE_LEARNED && time_before(jiffies, p->deadline)))
			return true;
	}
	return false;
}

static void eo_learn_collect(void)
{
	unsigned int i;

	for (i = 0; i < EO_LEARN_SLOTS; i++) {
		struct eo_learn_slot *s = &eo_learn_slots[i];
		struct eo_learn_pair *p;

		/* pairs with the release in eo_learn_end(): the set is complete */
		if (smp_load_acquire(eo_learn_owner_of(s)) != EO_LEARN_HELD)
			continue;
		p = &eo_learn_pairs[s->pair];
		kvfree(p->set);
		p->set = NULL;
		eo_learn_sets_changed();
		p->deadline = jiffies + EO_LEARN_HANDOVER;
		if (eo_learn_take(s, p)) {
			/* told to userspace as a learning that could not finish */
			pr_warn_ratelimited("no memory for a learned set of %u functions\n", s->n);
			WRITE_ONCE(p->phase, EO_PHASE_OVERFLOW);
		}
	}
}

/* Lock held: unhooks, then no slot can be in use any more. */
static void eo_learn_unhook(void)
{
	if (!eo_hook_learn_registered())
		return;
	eo_hook_learn_unregister();
	/* a set finished just before the hook went is still wanted */
	eo_learn_collect();
	eo_learn_set_reset();
}

static void eo_learn_worker(struct work_struct *work)
{
	unsigned long next = 0;
	struct eo_pair_info info;
	unsigned int i;

	mutex_lock(&eo_learn_lock);
	/* sets finished until now: their hand-over begins */
	eo_learn_collect();
	for (i = 0; i < EO_LEARN_PAIRS; i++) {
		struct eo_learn_pair *p = &eo_learn_pairs[i];
		u8 phase = READ_ONCE(p->phase);

		if (phase != EO_PHASE_LEARNING && phase != EO_PHASE_LEARNED)
			continue;
		if (time_after_eq(jiffies, p->deadline))
			cmpxchg(&p->phase, EO_PHASE_LEARNING, EO_PHASE_TIMED_OUT);
		else if (!next || time_before(p->deadline, next))
			next = p->deadline;
	}
	/* a set finished from here on kicks another run; the unhook collects what is left */
	if (!eo_learn_needs_hook())
		eo_learn_unhook();
	/* tell the ends that are final */
	for (i = 0; i < EO_LEARN_PAIRS; i++) {
		struct eo_learn_pair *p = &eo_learn_pairs[i];
		u8 phase = READ_ONCE(p->phase);

		if (phase == p->notified || phase == EO_PHASE_LEARNING || phase == EO_PHASE_NONE ||
		    phase == EO_PHASE_ARMED || (phase == EO_PHASE_LEARNED && !p->set))
			continue;
		p->notified = phase;
		/* counted up to now: within a worker run of the end */
		p->others = eo_hook_learn_others() - p->others_at_start;
		if (phase == EO_PHASE_OVERFLOW)
			p->funcs = 0;
		eo_learn_info(p, &info);
		eo_event_pair(&info);
	}
	if (next)
		mod_delayed_work(system_long_wq, &eo_learn_work, max_t(long, next - jiffies, 1));
	mutex_unlock(&eo_learn_lock);
}

static void eo_learn_kick(struct irq_work *w)
{
	mod_delayed_work(system_long_wq, &eo_learn_work, 0);
}

static struct eo_learn_pair *eo_learn_find(const struct eo_pair_key *k, bool create)
{
	struct eo_learn_pair *p, *free = NULL, *spare = NULL;
	unsigned int i;

	for (i = 0; i < EO_LEARN_PAIRS; i++) {
		p = &eo_learn_pairs[i];
		if (p->phase == EO_PHASE_NONE) {
			free = free ?: p;
			continue;
		}
		if (p->nr == k->nr && p->abi == k->abi && p->err == k->err)
			return p;
		/* a pair whose learning ended without an armed set can make room */
		if (p->phase == EO_PHASE_TIMED_OUT || p->phase == EO_PHASE_OVERFLOW)
			spare = spare ?: p;
	}
	if (!create)
		return NULL;
	p = free ?: spare;
	if (p)
		eo_learn_forget(p);
	return p;
}

int eo_learn_start(const struct eo_learn_req *r, struct netlink_ext_ack *extack)
{
	struct eo_learn_pair *p;
	int err;

	mutex_lock(&eo_learn_lock);
	p = eo_learn_find(&r->key, true);
	err = -ENOSPC;
	if (!p) {
		NL_SET_ERR_MSG_MOD(extack, "every pair slot is learning or armed");
		goto out;
	}
	err = 0;
	if (p->phase == EO_PHASE_LEARNING)
		goto out;
	if (!eo_hook_learn_registered()) {
		err = eo_learn_set_alloc(r->max);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "no memory for the learning tables");
			goto out;
		}
		/* the functions are set anew each time: only possible while unregistered */
		err = eo_hook_learn_register(r->ips, r->classes, r->nips);
		if (err == -EINVAL)
			NL_SET_ERR_MSG_MOD(extack, "an address to learn on is not a function ftrace can hook");
		else if (err)
			NL_SET_ERR_MSG_MOD(extack, "ftrace refused the learning hook");
		if (err)
			goto out;
	}
	err = eo_hook_learn_add_syscall(r->key.nr, r->key.abi);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot probe the entry point of this syscall");
		if (!eo_learn_needs_hook())
			eo_learn_unhook();
		goto out;
	}
	if (p->set)
		eo_learn_sets_changed();
	kvfree(p->set);
	p->set = NULL;
	p->set_n = 0;
	p->nr = r->key.nr;
	p->abi = r->key.abi;
	p->err = r->key.err;
	p->funcs = 0;
	p->notified = EO_PHASE_LEARNING;
	p->started = jiffies;
	p->deadline = jiffies + msecs_to_jiffies(r->timeout_ms);
	p->others_at_start = eo_hook_learn_others();
	p->others = 0;
	/* hooks that see LEARNING (acquire) see the key written above */
	smp_store_release(&p->phase, EO_PHASE_LEARNING);
	/* the worker enforces the earliest deadline */
	mod_delayed_work(system_long_wq, &eo_learn_work, 0);
out:
	mutex_unlock(&eo_learn_lock);
	return err;
}

void eo_learn_stop(void)
{
	unsigned int i;

	mutex_lock(&eo_learn_lock);
	eo_learn_unhook();
	for (i = 0; i < EO_LEARN_PAIRS; i++)
		eo_learn_forget(&eo_learn_pairs[i]);
	mutex_unlock(&eo_learn_lock);
}

void eo_learn_mark_armed(const struct eo_pair_key *keys, const u32 *funcs, unsigned int n,
			 bool keep)
{
	struct eo_learn_pair *p;
	unsigned int i;

	mutex_lock(&eo_learn_lock);
	for (i = 0; i < EO_LEARN_PAIRS && !keep; i++)
		if (eo_learn_pairs[i].phase == EO_PHASE_ARMED)
			eo_learn_forget(&eo_learn_pairs[i]);
	for (i = 0; i < n; i++) {
		p = eo_learn_find(&keys[i], true);
		if (!p || p->phase == EO_PHASE_LEARNING)
			continue;
		if (p->phase == EO_PHASE_NONE) {
			p->nr = keys[i].nr;
			p->abi = keys[i].abi;
			p->err = keys[i].err;
			p->started = jiffies;
		}
		p->funcs = funcs[i];
		p->notified = EO_PHASE_ARMED;
		WRITE_ONCE(p->phase, EO_PHASE_ARMED);
	}
	/* a hand-over may be complete: the worker unhooks, outside the caller's locks */
	if (n && eo_hook_learn_registered())
		mod_delayed_work(system_long_wq, &eo_learn_work, 0);
	mutex_unlock(&eo_learn_lock);
}

int eo_learn_describe(int (*fn)(void *arg, const struct eo_pair_info *p, const char *hook),
		      void *arg)
{
	struct eo_pair_info info;
	unsigned int i;
	int ret = 0;

	/* killable: a learning arm holds the lock while its hook is registered */
	if (mutex_lock_killable(&eo_learn_lock))
		return -EINTR;
	for (i = 0; !ret && i < EO_LEARN_PAIRS; i++) {
		if (eo_learn_pairs[i].phase == EO_PHASE_NONE)
			continue;
		eo_learn_info(&eo_learn_pairs[i], &info);
		ret = fn(arg, &info, NULL);
	}
	if (!ret)
		ret = fn(arg, NULL, eo_hook_learn_registered() ? eo_hook_learn_name() : NULL);
	mutex_unlock(&eo_learn_lock);
	return ret;
}

int eo_learn_read(unsigned int *idx, u32 pos, const struct eo_pair_key *only,
		  struct eo_learned_func *out, u32 max, struct eo_pair_info *info, u32 *gen)
{
	const struct eo_learn_pair *p;
	int ret = -ENOENT;
	u32 n;

	if (mutex_lock_killable(&eo_learn_lock))
		return -EINTR;
	*gen = eo_learn_sets_gen;
	for (; *idx < EO_LEARN_PAIRS; (*idx)++, pos = 0) {
		p = &eo_learn_pairs[*idx];
		if (!p->set || (p->phase != EO_PHASE_LEARNED && p->phase != EO_PHASE_ARMED))
			continue;
		if (only && (p->nr != only->nr || p->err != only->err || p->abi != only->abi))
			continue;
		eo_learn_info(p, info);
		n = pos < p->set_n ? min(max, p->set_n - pos) : 0;
		memcpy(out, p->set + pos, n * sizeof(*out));
		ret = n;
		break;
	}
	mutex_unlock(&eo_learn_lock);
	return ret;
}

void eo_learn_init(void)
{
	INIT_DELAYED_WORK(&eo_learn_work, eo_learn_worker);
	eo_learn_set_init(eo_learn_kick);
}

void eo_learn_uninit(void)
{
	eo_learn_stop();		/* no hook can kick after this */
	eo_hook_learn_uninit();
	eo_learn_set_free();		/* waits for a kick in flight */
	cancel_delayed_work_sync(&eo_learn_work);
	eo_learn_stop();		/* what the last worker run left */
}
