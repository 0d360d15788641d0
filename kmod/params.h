/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _EO_PARAMS_H
#define _EO_PARAMS_H

extern unsigned int eo_param_queue_size;
extern unsigned int eo_param_recorder_size;
extern unsigned int eo_param_counts_size;
extern unsigned int eo_param_sessions;

/* Arms capture at load when any filter parameter (or arm=1) was given. */
int eo_params_arm(void);

#endif /* _EO_PARAMS_H */
