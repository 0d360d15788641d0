/* SPDX-License-Identifier: GPL-2.0 */
/* Rendering of events and counters as text lines and JSON objects (pure: writes to @f). */
#ifndef EO_FORMAT_H
#define EO_FORMAT_H

#include <stdio.h>
#include <stdint.h>
#include "event.h"
#include "hints.h"

/* Offset that turns CLOCK_MONOTONIC ns into wall-clock ns, measured once. */
int64_t eo_wallclock_offset(void);
void eo_format_event_text(FILE *f, const struct eo_event *ev, int64_t wall_offset);
void eo_format_event_json(FILE *f, const struct eo_event *ev);
/* The same with a "hint" object (@hint may be NULL: none). */
void eo_format_event_json_hint(FILE *f, const struct eo_event *ev, const struct eo_hint *hint,
			       const struct eo_hint_values *v);
/* "    hint: LIMIT = VALUE (USAGE_LABEL: USAGE): CAUSE; FIX" under an event. */
void eo_format_hint_text(FILE *f, const struct eo_hint *hint, const struct eo_hint_values *v);
void eo_format_count_json(FILE *f, const struct eo_count *c);
void eo_format_count_header(FILE *f);
void eo_format_count_text(FILE *f, const struct eo_count *c);
/* node_exporter textfile format: the failure counter's HELP/TYPE, then one sample per count. */
void eo_format_prom_header(FILE *f);
void eo_format_prom_count(FILE *f, const struct eo_count *c);
/* One counter family with one label: "# HELP", "# TYPE", then @n samples. */
/* The failures of evicted keys (top's evicted bucket), as a family of its own. */
void eo_format_prom_evicted(FILE *f, uint64_t count);
void eo_format_prom_family(FILE *f, const char *name, const char *help, const char *label,
			   const char *const *values, const uint64_t *counts, size_t n);

#endif
