// SPDX-License-Identifier: GPL-2.0
#include "control.h"

static int eo_control_fill(struct nl_msg *msg, void *arg)
{
	return eo_filter_put(msg, arg);
}

int eo_control_start(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec)
{
	return eo_nl_request(nl, what, EO_CMD_START, false, eo_control_fill, (void *)spec,
			     NULL, NULL);
}

int eo_control_stop(struct eo_nl *nl, const char *what)
{
	return eo_nl_request(nl, what, EO_CMD_STOP, false, NULL, NULL, NULL, NULL);
}
