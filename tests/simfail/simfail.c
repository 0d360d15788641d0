// SPDX-License-Identifier: GPL-2.0
/*
 * simfail: deterministic failing kernel paths for errorigin's origin tests (loaded only by
 * the test suite). Writing a case name to /proc/simfail runs that path; write() returns its
 * error. Every function is a real, traceable, non-inlined function with a known role, so
 * the expected origin and chain are exact.
 */
#include <linux/err.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* no inlining, cloning or tail calls: each function must be its own traced frame */
#define SIMFAIL_FN static noinline __attribute__((noipa))

static int simfail_sink;

/* plain: the deepest function fails, two callers pass it on */
SIMFAIL_FN long simfail_plain_c(void) { return -ENOENT; }
SIMFAIL_FN long simfail_plain_b(void) { return simfail_plain_c(); }
SIMFAIL_FN long simfail_plain_a(void) { return simfail_plain_b(); }

/* translate: -ENOENT becomes -EINVAL on the way out */
SIMFAIL_FN long simfail_tr_inner(void) { return -ENOENT; }
SIMFAIL_FN long simfail_tr_outer(void) { return simfail_tr_inner() == -ENOENT ? -EINVAL : 0; }

/* errptr: an ERR_PTR origin, turned into an errno by the caller */
SIMFAIL_FN void *simfail_ptr_lookup(void) { return ERR_PTR(-ENODEV); }
SIMFAIL_FN long simfail_ptr_user(void)
{
	void *p = simfail_ptr_lookup();

	return IS_ERR(p) ? PTR_ERR(p) : 0;
}

/* null: a NULL origin (an allocation-style failure), reported as -ENOMEM */
SIMFAIL_FN void *simfail_null_alloc(void) { return NULL; }
SIMFAIL_FN long simfail_null_user(void) { return simfail_null_alloc() ? 0 : -ENOMEM; }

/* stitch: after the error, a clean-up call succeeds; it must not hide the origin */
SIMFAIL_FN long simfail_st_fail(void) { return -EBUSY; }
SIMFAIL_FN long simfail_st_cleanup(void) { simfail_sink++; return 0; }
SIMFAIL_FN long simfail_st_outer(void)
{
	long err = simfail_st_fail();

	simfail_st_cleanup();
	return err;
}

/* stale: an error that is handled, then a different real failure */
SIMFAIL_FN long simfail_stale_handled(void) { return -EAGAIN; }
SIMFAIL_FN long simfail_stale_real(void) { return -EPERM; }
SIMFAIL_FN long simfail_stale_outer(void)
{
	if (simfail_stale_handled() == -EAGAIN)
		simfail_sink++;		/* handled: try something else */
	return simfail_stale_real();
}

/* recurse: the same function four frames deep */
SIMFAIL_FN long simfail_recurse(int n)
{
	long ret;

	if (!n)
		return -ELOOP;
	ret = simfail_recurse(n - 1);
	simfail_sink++;
	return ret;
}

/* deep: a chain deeper than errorigin follows (64 frames) */
SIMFAIL_FN long simfail_deep(int n)
{
	long ret;

	if (!n)
		return -E2BIG;
	ret = simfail_deep(n - 1);
	simfail_sink++;
	return ret;
}

static const struct {
	const char *name;
	long (*run)(void);
} simfail_cases[] = {
	{ "plain", simfail_plain_a },
	{ "translate", simfail_tr_outer },
	{ "errptr", simfail_ptr_user },
	{ "null", simfail_null_user },
	{ "stitch", simfail_st_outer },
	{ "stale", simfail_stale_outer },
};

SIMFAIL_FN long simfail_run(const char *name)
{
	size_t i;

	if (!strcmp(name, "recurse"))
		return simfail_recurse(3);
	if (!strcmp(name, "deep"))
		return simfail_deep(70);
	for (i = 0; i < ARRAY_SIZE(simfail_cases); i++)
		if (!strcmp(name, simfail_cases[i].name))
			return simfail_cases[i].run();
	return -EBADRQC;
}

static ssize_t simfail_write(struct file *file, const char __user *buf, size_t len,
			     loff_t *pos)
{
	char name[32];
	long ret;

	if (len >= sizeof(name))
		return -E2BIG;
	if (copy_from_user(name, buf, len))
		return -EFAULT;
	name[len] = '\0';
	strim(name);
	ret = simfail_run(name);
	return ret ? ret : len;
}

static const struct proc_ops simfail_ops = {
	.proc_write = simfail_write,
};

static int __init simfail_init(void)
{
	return proc_create("simfail", 0200, NULL, &simfail_ops) ? 0 : -ENOMEM;
}

static void __exit simfail_exit(void)
{
	remove_proc_entry("simfail", NULL);
}

module_init(simfail_init);
module_exit(simfail_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("errorigin test module: deterministic failing kernel paths");
