// SPDX-License-Identifier: GPL-2.0
/*
 * errorigin: reports failing syscalls, and later the kernel function each errno came from.
 * Loads idle: nothing is hooked until the CLI or a filter parameter arms capture.
 */
#include <linux/module.h>
#include "control.h"
#include "counts.h"
#include "learn.h"
#include "netlink.h"
#include "params.h"
#include "queue.h"
#include "recorder.h"
#include "session.h"

static int __init eo_mod_init(void)
{
	int err;

	err = eo_counts_init(eo_param_counts_size);
	if (err)
		return err;
	err = eo_recorder_init(eo_param_recorder_size);
	if (err)
		goto err_counts;
	err = eo_session_init(eo_param_sessions);
	if (err)
		goto err_recorder;
	err = eo_queue_init(eo_param_queue_size);
	if (err)
		goto err_sessions;
	eo_learn_init();
	err = eo_genl_init();
	if (err)
		goto err_queue;
	err = eo_params_arm();
	if (err)
		goto err_genl;
	pr_info("loaded, version %s\n", EO_VERSION);
	return 0;

err_genl:
	eo_genl_uninit();
err_queue:
	eo_queue_uninit();
err_sessions:
	eo_session_uninit();
err_recorder:
	eo_recorder_uninit();
err_counts:
	eo_counts_uninit();
	return err;
}

static void __exit eo_mod_exit(void)
{
	eo_control_uninit();	/* no hook runs after this */
	eo_queue_uninit();	/* no delivery runs after this */
	eo_genl_uninit();
	eo_session_uninit();
	eo_recorder_uninit();
	eo_counts_uninit();
}

module_init(eo_mod_init);
module_exit(eo_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("errorigin: which kernel function made a syscall fail");
MODULE_VERSION(EO_VERSION);
MODULE_ALIAS_GENL_FAMILY(EO_GENL_NAME);
