# Helpers for the in-guest suite: TAP output, JSON field extraction, waiting.
EO_T=0
EO_FAILED=0
KO=/errorigin.ko
W=/tmp/eo-work
mkdir -p $W
# EO_SLOW: how many times slower than a Debian kernel this guest's kernel is (eo_slow=N on its
# command line; the sanitizer kernel's run-vm.sh sets it): every time limit of the tests, the
# waits below and the watches' -T, scales by it. slow N: N times EO_SLOW.
EO_SLOW=$(sed -n 's/.*eo_slow=\([0-9]*\).*/\1/p' /proc/cmdline)
EO_SLOW=${EO_SLOW:-1}
slow() { echo $(($1 * EO_SLOW)); }

ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	EO_T=$((EO_T + 1))
	if [ "$1" = 0 ]; then
		echo "ok $EO_T - $2"
	else
		echo "not ok $EO_T - $2"
		EO_FAILED=$((EO_FAILED + 1))
	fi
}

# check DESCRIPTION COMMAND...: runs COMMAND, ok when it succeeds; shows its output if not
check() {
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		echo "$out" | sed 's/^/#   /'
	fi
}

# field FILE KEY [LINE]: the first value of "KEY": in line LINE (default 1) of a JSON-lines
# file (top-level scalars only; the values used here hold no commas)
field() {
	sed -n "${3:-1}p" "$1" | tr ',{' '\n\n' | sed -n "s/^\"$2\":\(.*\)/\1/p" | head -n 1 |
		tr -d '"]}'
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "#   expected '$2', got '$3'"
	fi
}

# wait_for FILE PATTERN [TENTHS]: until FILE contains PATTERN (default 10 s), times EO_SLOW
wait_for() {
	n=$(slow ${3:-100})
	while [ $n -gt 0 ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# watch_start OUT ARGS...: errorigin watch in the background, returns once it listens
watch_start() {
	out=$1
	shift
	errorigin watch -T $(slow 30) "$@" >"$out" 2>"$out.err" &
	EO_WATCH=$!
	wait_for "$out.err" "watching" || { echo "# watch did not start:"; sed 's/^/#   /' "$out.err"; }
}

# watch_end: waits for the background watch to exit (it has -n or -T)
watch_end() {
	n=$(slow 300)
	while kill -0 $EO_WATCH 2>/dev/null && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
	kill $EO_WATCH 2>/dev/null
	wait $EO_WATCH 2>/dev/null
}

# EO_SPLAT: the headers of kernel reports, the sanitizers' too (KASAN and KFENCE report as
# "BUG: KASAN:", lockdep as "WARNING: possible circular locking ...", RCU stalls, hung tasks);
# a sanitizer kernel's boot also names lockdep and KASAN in harmless lines ("RCU lockdep
# checking is enabled"), which these do not match
EO_SPLAT="WARNING|BUG[: ]|Oops|Call Trace|general protection|RIP:|UBSAN:|ODEBUG:|locking correctness validator|sleeping function called|detected stall|stalls on CPUs|blocked for more than|list_(add|del) corruption"
# eo_dmesg: dmesg less the kernel's reports of allocations the stress lane failed on purpose
# (tests/vm/injected-alloc-reports.awk, the host's console check uses it too); the markers
# that stress.sh writes around its fault injection
EO_INJECT_BEGIN="errorigin-test: allocation faults begin"
EO_INJECT_END="errorigin-test: allocation faults end"
eo_dmesg() { dmesg | awk -f /tests/vm/injected-alloc-reports.awk; }
# dmesg_clean: fails when dmesg has a kernel report, and shows it (in full the first time;
# dmesg keeps it, so later checks fail too and only say so)
dmesg_clean() {
	eo_dmesg >$W/dmesg.now
	grep -Eq "$EO_SPLAT" $W/dmesg.now || return 0
	if [ -e $W/dmesg.shown ]; then
		echo "kernel report(s) in dmesg: $(grep -Ec "$EO_SPLAT" $W/dmesg.now) report lines, the first shown above"
	else
		touch $W/dmesg.shown
		grep -E -B2 -A40 "$EO_SPLAT" $W/dmesg.now | head -n 120
	fi
	return 1
}
# splat_count: how many report header lines dmesg has
splat_count() { eo_dmesg | grep -Ec "$EO_SPLAT"; }

T=/sys/kernel/tracing
# tracefs_origin ERRNO FUNC...: FUNCs from deepest to outermost; prints the deepest that
# returned -ERRNO during the trigger command in $TRIGGER
tracefs_origin() {
	err=$1
	shift
	echo >$T/kprobe_events
	for f in "$@"; do
		echo "r:eo_$f $f ret=\$retval:s32" >>$T/kprobe_events 2>/dev/null
	done
	echo 1 >$T/events/kprobes/enable
	echo >$T/trace
	sh -c "$TRIGGER" >/dev/null 2>&1
	echo 0 >$T/events/kprobes/enable
	for f in "$@"; do
		if grep -q "eo_$f: .* ret=-$err\$" $T/trace; then
			echo $f
			break
		fi
	done
	echo >$T/kprobe_events
}


# load_9p: the 9p (and overlay) modules the initramfs carries, in their load order; a kernel
# with 9p built in (the debug kernel) needs none
load_9p() {
	[ -f /lib/9p/order ] || { grep -qw 9p /proc/filesystems; return; }
	for m in $(cat /lib/9p/order); do
		grep -q "^$m " /proc/modules || insmod /lib/9p/$m.ko || return 1
	done
}

# kmemleak, on kernels that have it (the debug kernel; scans only when asked): what was
# unreferenced before the tests is not theirs
KML=/sys/kernel/debug/kmemleak
kmemleak_begin() {
	[ -e $KML ] || return 0
	echo scan >$KML && echo clear >$KML
}
# kmemleak_scan OUT: two scans (an object is reported once a scan finds it unreferenced and
# it is 5 s old), then kmemleak's report split in two: into OUT the objects allocated with
# errorigin's or simfail's code on their backtrace (a frame named [errorigin] or [simfail],
# or an address no symbol holds any more: the only modules a guest unloads are those two),
# into OUT.other the kernel's own. Fails when kmemleak cannot scan (it turned itself off).
kmemleak_scan() {
	: >"$1"
	: >"$1.other"
	{ echo scan >$KML && echo scan >$KML; } 2>/dev/null || return 1
	awk -v ours="$1" -v other="$1.other" '
		function flush() {
			if (blk != "")
				printf "%s", blk >>(mine ? ours : other)
			blk = ""
			mine = 0
		}
		/^unreferenced object/ { flush() }
		{ blk = blk $0 "\n" }
		/^    .*\[(errorigin|simfail)[] ]/ || /^    0x[0-9a-f]+$/ { mine = 1 }
		END { flush() }' $KML
}
# kmemleak_objects FILE: how many objects a part of the report holds
kmemleak_objects() { grep -c '^unreferenced object' "$1"; }
# kmemleak_end: after the last rmmod, one TAP line for what errorigin's code left
# unreferenced, with kmemleak's report when it left any; the kernel's own leaks are shown
# apart and do not fail the run
kmemleak_end() {
	[ -e $KML ] || return 0
	for m in simfail errorigin; do
		grep -q "^$m " /proc/modules && { echo "# kmemleak: $m still loaded, unloading it"; rmmod $m; }
	done
	if ! kmemleak_scan $W/kmemleak; then
		echo "not ok - kmemleak: cannot scan: $(dmesg | grep -i kmemleak | tail -n 1)"
	elif [ -s $W/kmemleak ]; then
		echo "not ok - kmemleak: $(kmemleak_objects $W/kmemleak) unreferenced objects allocated by errorigin's or simfail's code after the tests"
		head -n 200 $W/kmemleak | sed 's/^/#   /'
	else
		echo "ok - kmemleak: nothing errorigin's or simfail's code allocated is unreferenced after the tests"
	fi
	if [ -s $W/kmemleak.other ]; then
		echo "# kmemleak: $(kmemleak_objects $W/kmemleak.other) unreferenced objects with no errorigin or simfail frame (the kernel's own), not counted:"
		head -n 60 $W/kmemleak.other | sed 's/^/#   /'
	fi
}

# fifo_probe on|off NAME: another tracing user on fifo_open's return (a tracefs fprobe event
# where the kernel has them, else a kretprobe event), so that fgraph (7.x fprobes) or the
# kretprobe machinery stays registered while errorigin re-arms and reloads around it
fifo_probe() {
	if [ "$1" = on ]; then
		echo "f:eo_$2/fifo_ret fifo_open%return" >>$T/dynamic_events 2>/dev/null ||
			echo "r:eo_$2_fifo fifo_open" >>$T/kprobe_events
	fi
	for e in $T/events/eo_$2/fifo_ret $T/events/kprobes/eo_$2_fifo; do
		[ -d $e ] && echo "$([ "$1" = on ] && echo 1 || echo 0)" >$e/enable
	done
	if [ "$1" = off ]; then
		echo "-:eo_$2/fifo_ret" >>$T/dynamic_events 2>/dev/null
		echo "-:kprobes/eo_$2_fifo" >>$T/kprobe_events 2>/dev/null
	fi
	return 0
}
