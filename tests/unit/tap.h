/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EO_TAP_H
#define EO_TAP_H

/* Prints "ok N - WHAT" or "not ok N - WHAT". */
void ok(int cond, const char *what);
struct eo_event;
/* @ev as watch prints it, text or JSON (a static buffer, overwritten by the next call) */
const char *event_text(const struct eo_event *ev);
const char *event_json(const struct eo_event *ev);
void test_origin(void);
void test_funcs(void);
void test_learn(void);
void test_hints(void);
void test_prometheus(void);
void test_args(void);
void test_args_ia32(void);
void test_frames(void);
void test_escape(void);
void test_seqgap(void);
void test_callgraph(void);
void test_btf_classes(void);
void test_dump_order(void);

#endif
