#!/bin/sh
# Runs VM jobs two at a time (each TCG guest is one host thread; these machines have two
# cores), each job a "MODE TAG" line for scripts/vm-test.sh, or "prepare TAG" (fetch or build
# that kernel and build the module once, for the jobs after it: two jobs on one kernel must
# not both download it or make its chroot). Jobs are taken in order by whichever lane is free; a
# job on a kernel that is still being prepared waits for it. Each job's output goes to
# build/lanes/N.log; at the end they are printed in job order. Exit status 0 only when every
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
echo 0 >"$L/next"
take() {	# the next job's number, or nothing when none is left
	until mkdir "$L/lock" 2>/dev/null; do sleep 0.2; done
	i=$(cat "$L/next")
	[ "$i" -lt "$n" ] && echo $((i + 1)) >"$L/next"
	rmdir "$L/lock"
	[ "$i" -lt "$n" ] && echo $((i + 1))
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
			# a kernel being prepared by the other lane: wait for it
			while grep -q "^prepare $2\$" "$jobs" && [ ! -f "$L/prepared-$2" ]; do
				sleep 5
			done
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
