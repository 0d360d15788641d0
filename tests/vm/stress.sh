# make stress, on one kernel: the load an always-on tool must survive. A storm of failing
# and succeeding syscalls on every vCPU (threads, short-lived processes, 32-bit callers)
# while capture is armed and disarmed through every mode, learning starts and is aborted,
# the module is reloaded, watchers die, and tasks sleep inside followed functions; then the
# counts must be exact and dmesg clean. Ends with one "stress" figures line.
# Sizes: eo_stress=ARMS,RELOADS,SECONDS,FUZZ_ROOT,FUZZ_USER on the kernel command line
# (EO_STRESS for the host's scripts/vm-test.sh); the defaults, make stress's, are 1000 arm
# cycles, 200 reloads, a 20 s storm, and the fuzzer's 10^5 requests as root and 10^4 each as
# an unprivileged user and as root with only CAP_NET_ADMIN (tests/vm/fuzz.sh).
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

sizes=$(sed -n 's/.*eo_stress=\([0-9,]*\).*/\1/p' /proc/cmdline)
sizes=${sizes:-1000,200,20,100000,10000}
ARMS=$(echo "$sizes" | cut -d, -f1)
RELOADS=$(echo "$sizes" | cut -d, -f2)
SECS=$(echo "$sizes" | cut -d, -f3)
FUZZ_ROOT=$(echo "$sizes," | cut -d, -f4)
FUZZ_USER=$(echo "$sizes," | cut -d, -f5)
S=$W/stress
mkdir -p $S
FIFO_FUNCS='fifo_open,do_dentry_open,vfs_open,path_openat,do_filp_open,do_sys_openat2'
started=$(date +%s)

# storm_sum FILE: the failures one eo-storm run caused
storm_sum() { sed -n 's/^storm failures \([0-9]*\) .*/\1/p' "$1"; }
# top_sum FILE COMM: what top counted for COMM, plus what full tables evicted
top_sum() {
	awk -v c="\"comm\":\"$2\"" 'index($0, c) || /"evicted":true/ {
		sub(/.*"count":/, ""); sub(/[,}].*/, ""); n += $0 } END { print n + 0 }' "$1"
}

# --- exactness: every failure the storm caused is counted, drops or not -------------------
insmod $KO
# the storm's own kinds only: its threads also fail calls it does not count (a futex wait
# that finds the word changed, EAGAIN), rarely, and those are no miscount
STORM_CALLS=openat,mkdirat,unlinkat,read,write,close,kill,chdir,faccessat,readlinkat,renameat
STORM_CALLS=$STORM_CALLS,linkat,symlinkat,fcntl,dup3,lseek,ioctl,fchmodat,truncate
errorigin start -c eo-storm -s $STORM_CALLS 2>$S/exact.arm
ok $? "stress: arm capture for the storm's tasks and calls only"
eo-storm -t 2 -p 1 $SECS >$S/storm64 &
s64=$!
eo-storm32 -n eo-storm -t 1 -p 1 $SECS >$S/storm32 &
s32=$!
wait $s64
r64=$?
wait $s32
r32=$?
expect_eq "stress: the storm's calls failed as it expected (64- and 32-bit)" "0 0" "$r64 $r32"
caused=$(( $(storm_sum $S/storm64) + $(storm_sum $S/storm32) ))
errorigin status -j >$S/exact.status
errorigin top -j >$S/exact.top
counted=$(top_sum $S/exact.top eo-storm)
expect_eq "stress: top counts exactly the $caused failures the storm caused" "$caused" "$counted"
# the totals come before the per-CPU figures, which repeat the names
stat() { grep -o "\"$1\":[0-9]*" $S/exact.status | head -n 1 | cut -d: -f2; }
captured=$(stat captured)
queued=$(stat queued)
dropped=$(( $(stat dropped_queue_full) + $(stat dropped_nested) ))
echo "#   captured $captured, queued $queued, dropped $dropped (queue full or nested)"
[ "$captured" = "$caused" ] && [ $((queued + dropped)) = "$captured" ]
ok $? "stress: captured = caused, and every capture was queued or counted as dropped"
errorigin stop

phase() { echo "#   phase $1: $(( $(date +%s) - started )) s"; }
phase exactness
# --- churn: a storm that is not counted, under which everything changes -------------------
# one storm thread per vCPU, pausing between bursts so that the CLI keeps a share of the
# single TCG thread both vCPUs run on
eo-storm -t 1 -p 1 -s 2000 100000 >/dev/null &
churn64=$!
eo-storm32 -t 1 -s 2000 100000 >/dev/null &
churn32=$!
# watchers that subscribe, read a little and die: SIGPIPE from head, or SIGKILL
rm -f $S/stop
(
	i=0
	while [ ! -f $S/stop ]; do
		if [ $((i % 2)) = 0 ]; then
			errorigin watch -j --no-learn 2>/dev/null | head -n 2 >/dev/null
		else
			errorigin watch -j --no-learn >/dev/null 2>&1 &
			sleep 0.$((i % 7 + 1))
			kill -KILL $! 2>/dev/null
			wait $! 2>/dev/null
		fi
		i=$((i + 1))
	done
	echo $i >$S/watchers
) &
watchers=$!

# arm and disarm through every mode from one process (tests/stress/eo-cycle.c), every fifth
# arming owned by a socket that closes without a STOP; then through the CLI a few times,
# the last a learning started and then aborted by its watch's death (the all-function hook
# takes minutes to register under a busy host's TCG)
eo-cycle $ARMS "$FIFO_FUNCS" >$S/cycle.out 2>$S/cycle.err
rc=$?
echo "#   $(cat $S/cycle.out)"
sed 's/^/#   /' $S/cycle.err | grep -v "EBUSY\|held by" | head -n 5
ok $rc "stress: $ARMS arm cycles through capture-all, per-syscall hooks, origin mode and owned armings"
# the watchers stop first: each arms capture when it finds it idle, and a watch started
# under another watch's arming only shows, so the learning below would rarely get its turn
touch $S/stop
wait $watchers
echo "#   $(cat $S/watchers 2>/dev/null) watchers subscribed and died (SIGPIPE, SIGKILL)"
i=0 refused=0 learns=0
while [ $i -lt 4 ]; do
	case $((i % 4)) in
	0) errorigin start 2>>$S/arm.err ;;
	2) errorigin start -e ENOENT -f "$FIFO_FUNCS" 2>>$S/arm.err ;;
	1) errorigin start -s openat,read,close -e ENOENT,EBADF 2>>$S/arm.err ;;
	3)
		# mkdirat/EEXIST fails in the storm at once: learning starts, then the
		# watch's socket closes and takes it down. A dying watcher of the loop above
		# may still hold the arming: this watch only shows then, and is tried again.
		tries=0
		while [ $learns = 0 ] && [ $tries -lt 10 ]; do
			tries=$((tries + 1))
			t0=$(date +%s)
			errorigin watch -j -s mkdirat -e EEXIST --learn-timeout 60 >/dev/null 2>$S/learn.err &
			lw=$!
			n=$(slow 1200)
			while [ $n -gt 0 ] && kill -0 $lw 2>/dev/null &&
			      ! grep -q "learning which\|armed by another watch" $S/learn.err; do
				sleep 0.1
				n=$((n - 1))
			done
			grep -q "learning which" $S/learn.err && learns=1
			alive=exited
			kill -KILL $lw 2>/dev/null && alive="killed while waiting"
			wait $lw 2>/dev/null
			[ $learns = 1 ] && break
			cp $S/learn.err $S/learn.err.last
			# a try that did not see learning start: say how it ended, in case all do
			echo "#   learning try $tries: watch $alive after $(( $(date +%s) - t0 )) s:" \
				"$(tail -n 1 $S/learn.err)"
		done
		true
		;;
	esac
	[ $? = 0 ] || refused=$((refused + 1))
	errorigin stop 2>/dev/null
	i=$((i + 1))
done
echo "#   4 CLI arm cycles ($refused refused), $learns learning started and aborted (watch tries: $tries)"
expect_eq "stress: a learning started and aborted" 1 $learns
[ $learns = 1 ] || sed 's/^/#   learn: /' $S/learn.err.last | head -n 20
phase arms

# reloads under the storm; every 4th armed at unload, every 20th with tasks asleep inside
# followed functions (FIFO opens, pipe reads), re-armed while they sleep, and a tracefs
# probe on the same function (fgraph stays registered); they wake after later reloads
mkfifo $S/fifo
fifo_probe on stress
i=0 bad=0 sleepers=0
while [ $i -lt $RELOADS ]; do
	rmmod errorigin || bad=$((bad + 1))
	insmod $KO || bad=$((bad + 1))
	case $((i % 20)) in
	0)
		errorigin start -s openat,read -f "$FIFO_FUNCS,ksys_read,vfs_read,pipe_read" \
			2>>$S/reload.err || bad=$((bad + 1))
		for j in 1 2 3; do
			eo-fail fifo $S/fifo >/dev/null &
			# cat reads the pipe until sleep exits, some reloads later
			sh -c "sleep $((j + 2)) | cat >/dev/null" &
		done
		sleepers=$((sleepers + 6))
		sleep 0.5
		errorigin start -s openat,read -f 'path_openat,do_filp_open,pipe_read' \
			2>>$S/reload.err || bad=$((bad + 1))
		;;
	10)
		# the sleepers of the last round return into the new load. Opened read-write, which
		# never blocks: a write-only open would wait forever once no reader is left
		: <>$S/fifo
		errorigin start -e ENOENT -f "$FIFO_FUNCS" 2>/dev/null
		;;
	*[048]) errorigin start 2>/dev/null ;;
	esac
	i=$((i + 1))
done
: <>$S/fifo
expect_eq "stress: $RELOADS reloads under the storm ($sleepers tasks asleep in followed functions)" 0 $bad
[ $bad = 0 ] || grep '^errorigin: ' $S/reload.err | head -n 5 | sed 's/^/#   /'
phase reloads
fifo_probe off stress
kill $churn64 $churn32 2>/dev/null
wait $churn64 $churn32 2>/dev/null
rmmod errorigin
ok $? "stress: rmmod after the churn"

# --- fault injection (kernels with it: the debug kernel) ---------------------------------
# failslab and fail_page_alloc fail one allocation at a time, only for the requesting task
# (eo-fail faulty) and only where errorigin's code is on the stack (require-start/end): each
# request must end in an errno and a message, and nothing may leak.
faults=0 unclean=0 leaks=0
F=/sys/kernel/debug
mount -t debugfs debugfs $F 2>/dev/null
if [ -f $F/failslab/require-start ] && [ -f $F/fail_page_alloc/require-start ]; then
	insmod $KO
	# the module's text and what follows it, as /proc/modules gives them; written in hex:
	# the shell's arithmetic is signed 64-bit, and module addresses are above 2^63 (kernel
	# text shares its top 32 bits, ffffffff)
	base=$(sed -n 's/^errorigin [0-9]* .* 0xffffffff\([0-9a-f]*\).*/\1/p' /proc/modules)
	size=$(sed -n 's/^errorigin \([0-9]*\) .*/\1/p' /proc/modules)
	end=$(printf '0xffffffff%08x' $((0x$base + size)))
	base=0xffffffff$base
	for a in failslab fail_page_alloc; do
		echo Y >$F/$a/task-filter
		echo 100 >$F/$a/probability
		echo 0 >$F/$a/verbose
		echo 32 >$F/$a/stacktrace-depth
		echo $base >$F/$a/require-start
		echo $end >$F/$a/require-end
	done
	echo N >$F/failslab/ignore-gfp-wait
	echo N >$F/fail_page_alloc/ignore-gfp-wait
	echo 0 >$F/fail_page_alloc/min-order
	echo "$EO_INJECT_BEGIN" >/dev/kmsg
	# inject ATTR N CMD...: fail the Nth allocation errorigin's code makes for CMD
	inject() {
		a=$1 n=$2
		shift 2
		echo $n >$F/$a/interval
		echo 1 >$F/$a/times
		eo-fail faulty "$@" >$S/fault.out 2>&1
		rc=$?
		left=$(cat $F/$a/times)
		echo 0 >$F/$a/times
		if [ "$left" = 0 ]; then
			faults=$((faults + 1))
			# a clean refusal: exit status 1 and the CLI's "errorigin: what: why"
			{ [ $rc = 0 ] || { [ $rc = 1 ] && grep -q "^errorigin: " $S/fault.out; }; } ||
				{ unclean=$((unclean + 1)); sed 's/^/#   unclean: /' $S/fault.out | head -n 3; }
		fi
		errorigin stop 2>/dev/null
		return 0
	}
	for a in failslab fail_page_alloc; do
		for n in 1 2 3 4 5 6 7 8; do
			inject $a $n errorigin start
			inject $a $n errorigin start -s openat,read -e ENOENT
			inject $a $n errorigin start -e ENOENT -f "$FIFO_FUNCS"
			inject $a $n errorigin status
			inject $a $n errorigin top -j
			inject $a $n errorigin dump -j
			# a learning request with the faults: the first failure arrives after a second
			sh -c 'sleep 1; mkdir / 2>/dev/null' &
			inject $a $n errorigin watch -j -T 3 -s mkdir,mkdirat -e EEXIST --learn-timeout 1000
		done
	done
	echo "$EO_INJECT_END" >/dev/kmsg
	echo "#   $faults allocations failed on purpose"
	phase faults
	[ $faults -gt 0 ] && [ $unclean = 0 ]
	ok $? "stress: $faults injected allocation failures, each a clean errno to the caller"
	errorigin stop 2>/dev/null
	rmmod errorigin
	ok $? "stress: rmmod after fault injection"
	if [ -e $KML ]; then
		kmemleak_scan $S/kmemleak
		ok $? "stress: kmemleak scans after the injected failures"
		leaks=$(kmemleak_objects $S/kmemleak)
		expect_eq "stress: kmemleak finds nothing errorigin's code allocated unreferenced" 0 $leaks
		head -n 60 $S/kmemleak | sed 's/^/#   /'
		[ -s $S/kmemleak.other ] &&
			echo "#   kmemleak: $(kmemleak_objects $S/kmemleak.other) objects of the kernel's own (no errorigin frame), not counted"
	fi
fi
EO_FAULTS=$faults

# --- the netlink fuzzer (tests/vm/fuzz.sh) ------------------------------------------------
. /tests/vm/fuzz.sh
EO_FUZZ_SENT=$(cat $W/fuzz-root.out $W/fuzz-user.out $W/fuzz-netadmin.out 2>/dev/null |
	sed -n 's/^fuzz: sent \([0-9]*\) .*/\1/p' | awk '{ n += $1 } END { print n + 0 }')
phase fuzz

# --- afterwards: capture still exact ------------------------------------------------------
insmod $KO && errorigin start -c eo-fail -e ENOENT && eo-fail enoent 7 >/dev/null
errorigin top -j >$S/after.top
expect_eq "stress: after all that, a new failure is counted exactly" 7 "$(top_sum $S/after.top eo-fail)"
errorigin stop
rmmod errorigin
# kernel reports, and what kmemleak found of errorigin's after the injected failures
splats=$(($(splat_count) + leaks))
check "stress: dmesg clean" dmesg_clean
exact=exact
[ "$caused" = "$counted" ] || exact="NOT exact ($counted of $caused)"
echo "# stress $(uname -r): arm cycles $ARMS, reloads $RELOADS, fuzz ${EO_FUZZ_SENT:-0}, faults injected ${EO_FAULTS:-0}, storm failures $caused, counts $exact, splats $splats ($(( $(date +%s) - started )) s)"
