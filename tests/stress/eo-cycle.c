// SPDX-License-Identifier: GPL-2.0
/*
 * eo-cycle N FUNCS: N arm/disarm cycles from one process, through the project's own client
 * library, for make stress. The CLI costs seconds a cycle under TCG (it starts, reads BTF
 * and tracefs); here FUNCS is resolved once and each cycle is two requests.
 *
 * The cycles rotate through capture-all, per-syscall hooks (-s openat,read,close -e
 * ENOENT,EBADF), origin mode (-e ENOENT -f FUNCS) and capture without path strings; every
 * fifth is owned by a socket of its own that is then closed without a STOP, so that the
 * kernel's release of that arming races with the next cycle's START.
 *
 * Prints "cycles N armed A refused R owned O in MS ms"; exits 1 when a STOP failed or an
 * owned arming was not undone, 2 on a usage or setup error. A START refused with EBUSY (a
 * watcher of the stress lane holds the arming) counts as refused, not as a failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "control.h"
#include "funcs.h"
#include "nl.h"
#include "status.h"

/* eo_filter_option() says 1 for an option it took, -1 (printed) for a bad one */
static int spec_of(struct eo_filter_spec *spec, const char *errnos, const char *syscalls)
{
	memset(spec, 0, sizeof(*spec));
	return (errnos && eo_filter_option(spec, 'e', errnos) < 0) ||
	       (syscalls && eo_filter_option(spec, 's', syscalls) < 0);
}

/*
 * An owned arming is undone within close() of its socket: the status right after must not
 * show it. A watcher of the stress lane may have armed since; only an arming this process
 * owns counts.
 */
static int check_disarmed(struct eo_nl *nl)
{
	struct eo_status *st = calloc(1, sizeof(*st));
	int ours = 1;

	if (st && !eo_status_get(nl, "status", st))
		ours = st->armed && st->owner_pid == (uint32_t)getpid();
	free(st);
	return ours ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct eo_filter_spec all, calls, origin, noargs;
	unsigned long n, i, armed = 0, refused = 0, owned = 0;
	char **patterns = NULL;
	size_t npatterns = 0;
	struct eo_func_set set = {};
	struct eo_nl *nl;
	double t0;
	int bad = 0;

	if (argc != 3 || !(n = strtoul(argv[1], NULL, 10))) {
		fprintf(stderr, "usage: eo-cycle N FUNCS\n");
		return 2;
	}
	if (spec_of(&all, NULL, NULL) || spec_of(&calls, "ENOENT,EBADF", "openat,read,close") ||
	    spec_of(&origin, "ENOENT", NULL) || spec_of(&noargs, NULL, NULL))
		return 2;
	noargs.no_args = true;
	if (eo_funcs_add_list(&patterns, &npatterns, argv[2]) ||
	    eo_funcs_resolve(patterns, npatterns, &set))
		return 2;
	nl = eo_nl_open("cycle");
	if (!nl)
		return 2;
	t0 = eo_now_ms();
	for (i = 0; i < n; i++) {
		const struct eo_filter_spec *spec = i % 4 == 0 ? &all : i % 4 == 1 ? &calls :
						    i % 4 == 2 ? &origin : &noargs;
		const struct eo_func_set *funcs = spec == &origin ? &set : NULL;
		bool own = i % 5 == 4;
		struct eo_nl *req = own ? eo_nl_open("cycle") : nl;
		int ret;

		if (!req)
			return 2;
		eo_control_own_arming(own);
		ret = eo_control_start(req, "start", spec, funcs);
		if (ret) {
			if (eo_nl_last_error(req, NULL) != EBUSY)
				bad++;
			refused++;
		} else {
			armed++;
		}
		if (own) {
			eo_nl_close(req);
			owned += !ret;
			if (!ret && check_disarmed(nl)) {
				fprintf(stderr, "eo-cycle: cycle %lu: an owned arming outlived its socket\n", i);
				bad++;
			}
		} else if (!ret && eo_control_stop(nl, "stop")) {
			bad++;
		}
	}
	eo_control_own_arming(false);
	printf("cycles %lu armed %lu refused %lu owned %lu in %.0f ms\n", n, armed, refused,
	       owned, eo_now_ms() - t0);
	eo_nl_close(nl);
	eo_funcs_free(&set);
	return bad ? 1 : 0;
}
