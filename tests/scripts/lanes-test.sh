#!/bin/sh
# scripts/vm-lanes.sh with stub kernels and VMs (no QEMU): a lane does not idle while the other
# prepares a slow kernel, no job runs before its kernel is prepared, every job runs once, and
# a failed job fails the whole. TAP output.
NAME=lanes
. "$(dirname "$0")/tap.sh"
# a tree of its own: the real vm-lanes.sh and common.sh, stub kernels, VMs and make
mkdir -p "$tmp/tree/scripts"
cp "$top/scripts/vm-lanes.sh" "$top/scripts/common.sh" "$tmp/tree/scripts/"
printf 'user test-helpers:\n\t@:\n' >"$tmp/tree/Makefile"
ev=$tmp/events
# a kernel named slow* takes 6 s to prepare, the others none; each job notes when it starts
# and ends, in seconds since the run began
cat >"$tmp/tree/scripts/fetch-kernels.sh" <<'STUB'
#!/bin/sh
case $1 in slow*) sleep 6 ;; esac
STUB
cat >"$tmp/tree/scripts/build-kmod.sh" <<'STUB'
#!/bin/sh
echo "prepared $1 $(($(date +%s) - $(cat "$EO_T0")))" >>"$EO_EV"
STUB
cat >"$tmp/tree/scripts/vm-test.sh" <<'STUB'
#!/bin/sh
echo "start $1 $2 $(($(date +%s) - $(cat "$EO_T0")))" >>"$EO_EV"
sleep 1
echo "ok 1 - $1 $2"
[ "$1" != fail ]
STUB
chmod +x "$tmp/tree/scripts/"*.sh
export EO_EV="$ev" EO_T0="$tmp/t0"
run() {
	: >"$ev"
	date +%s >"$tmp/t0"
	sh "$tmp/tree/scripts/vm-lanes.sh" "$tmp/jobs" >"$tmp/out" 2>"$tmp/err"
}
started() { grep -c "^start $1 $2 " "$ev"; }
at() { sed -n "s/^$* \([0-9]*\)\$/\1/p" "$ev" | head -n 1; }

printf '%s\n' "prepare slow" "prepare fast" "suite slow" "stress slow" "suite fast" "stress fast" \
	"bench other" >"$tmp/jobs"
run
tap $? "every job succeeded: exit 0"
n=0
for j in "suite slow" "stress slow" "suite fast" "stress fast" "bench other"; do
	[ "$(started $j)" = 1 ] || n=$((n + 1))
done
tap $n "each job ran once"
ps=$(at prepared slow)
[ -n "$ps" ] && [ "$(at start suite slow)" -ge "$ps" ] && [ "$(at start stress slow)" -ge "$ps" ]
tap $? "no job on a kernel starts before it is prepared"
[ "$(at start suite fast)" -lt "${ps:-0}" ] && [ "$(at start bench other)" -lt "${ps:-0}" ]
tap $? "the other lane runs what is ready meanwhile (fast kernel and unprepared tags before 'slow' is ready)"
[ "$(grep -c '^ok 1 - ' "$tmp/out")" = 5 ] && [ "$(sed -n 's/^ok 1 - //p' "$tmp/out" | head -n 1)" = "suite slow" ]
tap $? "the logs are printed in job order"

printf '%s\n' "prepare fast" "fail fast" "suite fast" >"$tmp/jobs"
run
[ $? != 0 ] && [ "$(started suite fast)" = 1 ]
tap $? "a failed job fails the run, and the others still run"
exit $failed
