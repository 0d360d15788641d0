// SPDX-License-Identifier: GPL-2.0
/*
 * errorigin: reports failing syscalls, and later the kernel function each errno came from.
 * Loads idle: nothing is hooked until the CLI or a filter parameter arms capture.
 */
#include <linux/module.h>
#include "args.h"
#include "clock.h"
#include "control.h"
#include "counts.h"
#include "funcs.h"
#include "learn.h"
#include "netlink.h"
#include "owner.h"
#include "params.h"
#include "queue.h"
#include "session.h"

static int __init eo_mod_init(void)
{
	int err;

	/* sizes only: the tables are allocated when capture is first armed */
	eo_clock_init();
	eo_args_init();
	eo_counts_init(eo_param_counts_size);
	eo_session_init(eo_param_sessions);
	eo_queue_init(eo_param_queue_size, eo_param_recorder_size);
	eo_learn_init();
	eo_funcs_init();
	err = eo_params_arm();
	if (err)
		goto err_control;
	err = eo_owner_init();
	if (err)
		goto err_control;
	/*
	 * The family last: once it exists any privileged process can arm hooks, and nothing
	 * after it can fail. Events queued before have no listener yet; the rings and the
	 * counters keep them.
	 */
	err = eo_genl_init();
	if (err)
		goto err_owner;
	pr_info("loaded, version %s\n", EO_VERSION);
	return 0;

err_owner:
	eo_owner_uninit();
err_control:
	eo_control_uninit();	/* what the parameters armed */
	eo_queue_stop();
	eo_queue_uninit();
	eo_session_uninit();
	eo_counts_uninit();
	return err;
}

static void __exit eo_mod_exit(void)
{
	eo_owner_uninit();	/* no socket release disarms after this */
	eo_control_uninit();	/* no hook runs after this */
	eo_queue_stop();	/* no delivery runs after this */
	eo_genl_uninit();	/* no dump reads a record after this */
	eo_queue_uninit();
	eo_session_uninit();
	eo_counts_uninit();
}

module_init(eo_mod_init);
module_exit(eo_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("errorigin: which kernel function made a syscall fail");
MODULE_VERSION(EO_VERSION);
