/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_CONTROL_H
#define EO_CONTROL_H

#include "filter.h"
#include "nl.h"

int eo_control_start(struct eo_nl *nl, const char *what, const struct eo_filter_spec *spec);
int eo_control_stop(struct eo_nl *nl, const char *what);

#endif
