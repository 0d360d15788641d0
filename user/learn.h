/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zero-config origins for watch: the first failure of a (syscall, errno) pair starts the
 * module's learning of the functions that syscall enters; when it fails again the learned
 * set is named, narrowed and armed, and from then on failures carry their origin. Profiles
 * save learned sets and arm them at once next time.
 */
#ifndef EO_LEARN_H
#define EO_LEARN_H

#include <getopt.h>
#include <stdbool.h>
#include "event.h"
#include "filter.h"
#include "nl.h"

struct eo_learn_opts {
	int mode;			/* -1: --no-learn, 0: automatic, 1: --learn */
	unsigned long timeout_ms;
	unsigned long max;		/* distinct functions a learned call may enter */
	unsigned long max_funcs;	/* functions armed per pair (0: by hook kind) */
	unsigned long max_hits;		/* leave out functions entered more often */
	const char *save_profile;
	const char *profile;
	bool no_kb;			/* --no-kb: the knowledge base's functions not armed */
	bool no_profiles;		/* --no-profiles: neither stock nor user profiles */
};

enum {
	EO_OPT_LEARN = 'L',
	EO_OPT_NO_LEARN = 0x200,
	EO_OPT_LEARN_TIMEOUT,
	EO_OPT_LEARN_MAX,
	EO_OPT_MAX_FUNCS,
	EO_OPT_MAX_HITS,
	EO_OPT_SAVE_PROFILE,
	EO_OPT_PROFILE,
	EO_OPT_NO_KB,
	EO_OPT_NO_PROFILES,
};

#define EO_LEARN_OPTSTRING "L"
#define EO_LEARN_LONGOPTS \
	{ "learn", no_argument, NULL, EO_OPT_LEARN }, \
	{ "no-learn", no_argument, NULL, EO_OPT_NO_LEARN }, \
	{ "learn-timeout", required_argument, NULL, EO_OPT_LEARN_TIMEOUT }, \
	{ "learn-max", required_argument, NULL, EO_OPT_LEARN_MAX }, \
	{ "max-funcs", required_argument, NULL, EO_OPT_MAX_FUNCS }, \
	{ "max-hits", required_argument, NULL, EO_OPT_MAX_HITS }, \
	{ "save-profile", required_argument, NULL, EO_OPT_SAVE_PROFILE }, \
	{ "profile", required_argument, NULL, EO_OPT_PROFILE }, \
	{ "no-kb", no_argument, NULL, EO_OPT_NO_KB }, \
	{ "no-profiles", no_argument, NULL, EO_OPT_NO_PROFILES }
#define EO_LEARN_USAGE \
	"Origins without naming functions (on by default when -e or -s is given):\n" \
	"  -L, --learn                   learn the functions of each failing (syscall, errno)\n" \
	"      --no-learn                capture only\n" \
	"      --learn-timeout SECONDS   give up learning a pair after this (default 60)\n" \
	"      --learn-max N             most functions a learned call may enter (default 8192)\n" \
	"      --max-funcs N             follow the N learned functions nearest the failure,\n" \
	"                                and their callers (default 8)\n" \
	"      --max-hits N              leave out functions the call entered more than N\n" \
	"                                times (default 4)\n" \
	"      --save-profile FILE       write the armed functions there after each learning\n" \
	"      --profile FILE            arm the functions of a saved profile from the start\n" \
	"      --no-kb                   do not follow the knowledge base's origins of the\n" \
	"                                filter's errnos and syscalls from the start\n" \
	"      --no-profiles             do not arm the stock profile of this kernel and the\n" \
	"                                profiles of /etc/errorigin/profiles\n"

/* 1 when @opt was a learning option, 0 when not, -1 on error (printed). */
int eo_learn_option(struct eo_learn_opts *o, int opt, const char *arg);
/* Whether watch should learn: asked for, or automatic with an errno or syscall filter. */
bool eo_learn_wanted(const struct eo_learn_opts *o, const struct eo_filter_spec *spec);
/* Whether stock and user profiles are armed: with an errno or syscall filter, unless off. */
bool eo_profiles_wanted(const struct eo_learn_opts *o, const struct eo_filter_spec *spec);

struct eo_learner;

/* @ctl: a control socket the learner may use from callbacks. */
struct eo_learner *eo_learner_new(struct eo_nl *ctl, const struct eo_filter_spec *spec,
				  const struct eo_learn_opts *o, bool learn);
void eo_learner_free(struct eo_learner *l);
/* Functions followed whatever is learned (the knowledge base's); takes @set's items. */
void eo_learner_set_base(struct eo_learner *l, struct eo_func_set *set);
/* Pairs with functions to arm (from profiles). */
size_t eo_learner_armed_pairs(const struct eo_learner *l);
/* Arms capture with the profile's functions (or none); -1 on failure (printed). */
int eo_learner_arm(struct eo_learner *l);
/* A failure was shown: starts learning its pair if it is new. */
void eo_learner_event(struct eo_learner *l, const struct eo_event *ev);
/* A pair's learning ended (EO_CMD_LEARNED): narrows and arms, or says why not. */
void eo_learner_pair(struct eo_learner *l, const struct eo_pair *p);

#endif
