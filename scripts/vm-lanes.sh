#!/bin/sh
# Runs VM jobs two at a time (each TCG guest is one host thread; these machines have two
# cores), each job a "MODE TAG" line for scripts/vm-test.sh, or "prepare TAG" (fetch or build
# that kernel and build the module once, for the jobs after it: two jobs on one kernel must
# not both download it or make its chroot). A free lane takes the first job in the file that
# can run now: a job on a kernel still being prepared is passed over until it is ready. Each
# job's output goes to build/lanes/N.log; at the end they are printed in job order. Exit status 0 only when every
# job succeeded.
# usage: vm-lanes.sh JOBFILE | vm-lanes.sh MODE TAG...   (the second: each TAG prepared, then
# MODE on each)
set -u
. "$(dirname "$0")/common.sh"
L=$TOP/build/lanes
rm -rf "$L"
mkdir -p "$L"
jobs=$1
if [ ! -f "$jobs" ]; then
	mode=$1
	shift
	jobs=$L/jobs
	{
		for t in "$@"; do echo "prepare $t"; done
		for t in "$@"; do echo "$mode $t"; done
	} >"$jobs"
fi
make -s -C "$TOP" user test-helpers >&2 || exit 1
n=$(grep -c . "$jobs")
# runnable JOB: a prepare, or a job on a kernel that no line prepares or that is prepared
runnable() {
	set -- $(sed -n "${1}p" "$jobs")
	[ "$1" = prepare ] || ! grep -q "^prepare $2\$" "$jobs" || [ -f "$L/prepared-$2" ]
}
take() {	# the first job not taken that can run now; nothing when none is left
	while :; do
		left=
		i=1
		while [ $i -le $n ]; do
			if [ ! -d "$L/$i.taken" ]; then
				left=1
				# mkdir is the lock: of two lanes after one job, one gets it
				runnable $i && mkdir "$L/$i.taken" 2>/dev/null && { echo $i; return 0; }
			fi
			i=$((i + 1))
		done
		[ -z "$left" ] && return 0
		# every job left waits for a kernel the other lane is preparing
		sleep 5
	done
}
lane() {
	while j=$(take) && [ -n "$j" ]; do
		set -- $(sed -n "${j}p" "$jobs")
		t0=$(date +%s)
		if [ "$1" = prepare ]; then
			# the kernel, and the module built once (7.x: its trixie chroot made)
			{ "$SCRIPTS/fetch-kernels.sh" "$2" &&
			  "$SCRIPTS/build-kmod.sh" "$2" "$L/prepare-$2"; } >"$L/$j.log" 2>&1
			echo $? >"$L/prepared-$2"
		else
			"$SCRIPTS/vm-test.sh" "$1" "$2" >"$L/$j.log" 2>&1
		fi
		echo $? >"$L/$j.rc"
		echo "# job $j ($*): $(($(date +%s) - t0)) s, exit $(cat "$L/$j.rc")" >>"$L/$j.log"
		log "lane job $j ($*) done: $(tail -n 2 "$L/$j.log" | head -n 1)"
	done
}
lane &
a=$!
lane &
b=$!
wait $a $b
status=0
j=1
while [ $j -le $n ]; do
	cat "$L/$j.log"
	[ "$(cat "$L/$j.rc" 2>/dev/null)" = 0 ] || status=1
	j=$((j + 1))
done
exit $status
