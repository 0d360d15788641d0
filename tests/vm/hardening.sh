# Safety of the module on a production host (sourced by suite.sh): who may use it, load-time
# failures racing requests, and function-hook frames that outlive the arm or the module load
# that made them.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

# --- privileges: CAP_SYS_ADMIN, or CAP_PERFMON + CAP_SYS_PTRACE; never CAP_NET_ADMIN alone --
CAP_NET_ADMIN=12 CAP_SYS_PTRACE=19 CAP_SYS_ADMIN=21 CAP_PERFMON=38
insmod $KO
ok $? "caps: insmod"
# as_caps CAPS DESC: errorigin status with only CAPS left; expects refusal unless DESC says so
for c in "$CAP_NET_ADMIN refused" "$CAP_PERFMON refused" "$CAP_SYS_PTRACE refused" \
	 "$CAP_PERFMON,$CAP_SYS_PTRACE allowed" "$CAP_SYS_ADMIN allowed"; do
	set -- $c
	eo-fail caps $1 errorigin status >/dev/null 2>$W/caps.err
	rc=$?
	if [ $2 = refused ]; then
		[ $rc = 1 ] && grep -q "Operation not permitted" $W/caps.err
	else
		[ $rc = 0 ]
	fi
	ok $? "caps: root with only capabilities $1: status $2 (exit $rc)"
done
eo-fail caps $CAP_NET_ADMIN errorigin start >/dev/null 2>$W/caps.err
expect_eq "caps: CAP_NET_ADMIN alone cannot arm" "1 idle" \
	"$? $(errorigin status | sed -n 's/^capture: *\([a-z]*\).*/\1/p')"
errorigin start
eo-fail caps $CAP_NET_ADMIN errorigin watch -T 2 >$W/caps-watch.out 2>$W/caps-watch.err &
p1=$!
eo-fail caps $CAP_PERFMON,$CAP_SYS_PTRACE errorigin watch -T 2 >$W/caps-watch2.out 2>$W/caps-watch2.err &
p2=$!
sleep 1
eo-fail enoent 1 >/dev/null
wait $p1
rc1=$?
wait $p2
rc2=$?
errorigin stop
expect_eq "caps: CAP_NET_ADMIN alone gets no events" "1 0" "$rc1 $(wc -l <$W/caps-watch.out)"
check "caps: ... and is told why" grep -q "cannot receive events" $W/caps-watch.err
expect_eq "caps: the events group needs CAP_SYS_ADMIN (CAP_PERFMON + CAP_SYS_PTRACE: none)" \
	"1 0" "$rc2 $(wc -l <$W/caps-watch2.out)"
perm=$(stat -c %a /sys/module/errorigin/parameters/errno)
expect_eq "params: not readable by other users" 400 "$perm"
rmmod errorigin

# --- a load that fails while requests race it: nothing stays hooked ---------------------
( while :; do errorigin start -e ENOENT >/dev/null 2>&1; done ) &
racer=$!
fails=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	insmod $KO arm=1 errno=EBOGUS 2>/dev/null || fails=$((fails + 1))
done
kill $racer
wait $racer 2>/dev/null
expect_eq "bad load parameter: every load fails" 10 $fails
insmod $KO && errorigin start -e ENOENT && eo-fail enoent 3 >/dev/null &&
	errorigin top -j >$W/race.top
ok $? "after the failed loads: load and capture work"
expect_eq "after the failed loads: exact counts" 3 "$(grep '"comm":"eo-fail"' $W/race.top | sed -n 's/.*"count":\([0-9]*\).*/\1/p')"
errorigin stop
check "after the failed loads: dmesg clean" dmesg_clean

# --- function-hook frames from an earlier arm or load ------------------------------------
# Tasks blocked inside followed functions (a FIFO open without a writer) while the set is
# re-armed and the module reloaded; another probe user on the same function keeps fgraph
# registered on 7.x, where stale returns would call the new probe.
mkfifo $W/fifo1 $W/fifo2
FIFO_FUNCS='fifo_open,do_dentry_open,vfs_open,path_openat,do_filp_open,do_sys_openat2'
fifo_probe on test
errorigin start -s openat -f "$FIFO_FUNCS" 2>$W/fifo.arm
ok $? "stale frames: arm openat with the FIFO open path followed"
for i in 1 2 3; do
	eo-fail fifo $W/fifo1 >$W/fifo1.$i &
	eo-fail fifo $W/fifo2 >$W/fifo2.$i &
done
sleep 1
errorigin start -s openat -f 'path_openat,do_filp_open' 2>/dev/null &&
	errorigin start -s openat -f "$FIFO_FUNCS" 2>/dev/null
ok $? "stale frames: re-armed twice while 6 tasks sleep inside followed functions"
sh -c ": >$W/fifo1"	# opened for writing, nothing written: no SIGPIPE
sleep 1
rmmod errorigin
ok $? "stale frames: rmmod while 3 tasks sleep inside followed functions"
insmod $KO && errorigin start -s openat -f "$FIFO_FUNCS" 2>/dev/null
ok $? "stale frames: reload and arm the same functions"
sh -c ": >$W/fifo2"
wait
stale=$(errorigin status -j | sed -n 's/.*"funcs_stale":\([0-9]*\).*/\1/p')
[ -n "$stale" ]
ok $? "stale frames: returns of earlier frames ignored and counted (funcs_stale $stale)"
watch_start $W/fifo-after.json -j -s openat -n 1 --no-learn
eo-fail enoent 1 >/dev/null
watch_end
expect_eq "stale frames: a new failure still has its origin" ok "$(field $W/fifo-after.json origin_status)"
errorigin stop
fifo_probe off test
rmmod errorigin
ok $? "stale frames: rmmod"
check "stale frames: dmesg clean" dmesg_clean

# --- counters never freeze: a full table evicts, the evicted bucket keeps totals exact ----
insmod $KO counts_size=64
if mkdir -p /sys/fs/cgroup/eo9 2>/dev/null; then
	errorigin start -e ENOENT --cgroup /sys/fs/cgroup/eo9
	sh -c "echo \$\$ >/sys/fs/cgroup/eo9/cgroup.procs; exec eo-fail asuser 65534 eo-fail renames 6000 5" >/dev/null
	ok $? "counters: an unprivileged process renamed itself 6000 times, one failing stat each"
	errorigin top -j >$W/evict.top
	total=$(sed -n 's/.*"count":\([0-9]*\).*/\1/p' $W/evict.top | awk '{ s += $1 } END { print s }')
	expect_eq "counters: rows and the evicted bucket add up to every failure" 6005 "$total"
	expect_eq "counters: the process's new name is still counted exactly" 5 \
		"$(grep '"comm":"final"' $W/evict.top | sed -n 's/.*"count":\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s }')"
	grep -q '"evicted":true' $W/evict.top
	ok $? "counters: the evicted bucket is shown"
	ev=$(errorigin status -j | sed -n 's/.*"counts_overflow":\([0-9]*\).*/\1/p')
	[ "$ev" -gt 5000 ] 2>/dev/null
	ok $? "counters: evictions counted in status ($ev)"
	errorigin top --reset >/dev/null && errorigin top -j >$W/evict2.top
	expect_eq "counters: top --reset empties the tables" "0 0" "$? $(wc -l <$W/evict2.top)"
	sh -c "echo \$\$ >/sys/fs/cgroup/eo9/cgroup.procs; exec eo-fail enoent 2" >/dev/null
	expect_eq "counters: counting goes on after a reset" 2 \
		"$(errorigin top -j | sed -n 's/.*"count":\([0-9]*\).*/\1/p')"
	errorigin stop
	rmdir /sys/fs/cgroup/eo9
else
	ok 1 "counters: no cgroup v2 to isolate the test process"
fi
mem=$(errorigin status -j | sed -n 's/.*"memory_bytes":\([0-9]*\).*/\1/p')
[ "$mem" -gt 0 ] 2>/dev/null
ok $? "memory: status reports the tables' memory once armed ($mem bytes)"
rmmod errorigin
insmod $KO
expect_eq "memory: loading allocates no tables" 0 "$(errorigin status -j | sed -n 's/.*"memory_bytes":\([0-9]*\).*/\1/p')"
rmmod errorigin

# --- what watch arms belongs to its socket; start's stays until stop ---------------------
insmod $KO
armed() { errorigin status | sed -n 's/^capture: *\([a-z]*\).*/\1/p'; }
errorigin watch --no-learn -e ENOENT >/dev/null 2>&1 &
wpid=$!
n=50
while [ "$(armed)" != armed ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
expect_eq "owned: status names the watch that holds the arming" $wpid \
	"$(errorigin status -j | sed -n 's/.*"owner_pid":\([0-9]*\).*/\1/p')"
kill -9 $wpid
wait $wpid 2>/dev/null
# no sleep: the release disarms in the exiting task, before its parent can reap it
expect_eq "owned: SIGKILL of the watch disarms (the kernel, on its socket's release)" idle "$(armed)"
rm -f $W/pipe.rc
# -T: a safety net only; the watch must end on SIGPIPE long before
(errorigin watch -T 30 --no-learn -e ENOENT 2>/dev/null; echo $? >$W/pipe.rc) |
	head -n 1 >$W/pipe.out &
n=50
while [ "$(armed)" != armed ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
# failures until the watch writes into the closed pipe (head may read several lines at once)
n=100
while [ ! -f $W/pipe.rc ] && [ $n -gt 0 ]; do
	eo-fail enoent 1 >/dev/null
	sleep 0.1
	n=$((n - 1))
done
wait
expect_eq "owned: watch | head -n 1: one line, then SIGPIPE (141), and disarmed" "1 141 idle" \
	"$(wc -l <$W/pipe.out) $(cat $W/pipe.rc 2>/dev/null) $(armed)"
errorigin start -e ENOENT
errorigin watch >/dev/null 2>&1 &
wpid=$!
sleep 1
kill -9 $wpid
wait $wpid 2>/dev/null
expect_eq "owned: a watch never disarms what start armed" "armed null" \
	"$(armed) $(errorigin status -j | sed -n 's/.*"owner_pid":\([a-z0-9]*\).*/\1/p')"
errorigin stop
rmmod errorigin
ok $? "owned: rmmod"

# --- a short syscall filter still sees what seccomp denies before the syscall runs --------
insmod $KO
mkdir -p /mnt/sc
watch_start $W/seccomp.json -j -s mount -e EPERM -n 1 --no-learn
errorigin status >$W/seccomp.status
check "seccomp: per-syscall hooks, and a probe on seccomp's verdict" \
	grep -q "^capture: *armed (kretprobe:.*,\(__secure_computing\|__seccomp_permit_syscall\))" $W/seccomp.status
eo-fail seccomp /mnt/sc >$W/seccomp.out
watch_end
pid=$(sed -n 's/^pid=\([0-9]*\).*/\1/p' $W/seccomp.out)
expect_eq "seccomp: mount failing with EPERM under a seccomp filter is reported" "mount EPERM $pid" \
	"$(field $W/seccomp.json syscall) $(field $W/seccomp.json errno) $(field $W/seccomp.json pid)"
rmmod errorigin
ok $? "seccomp: rmmod"

# --- sessions are claimed at a followed function, not by every task asleep in a syscall ---
insmod $KO sessions=1024
errorigin start -e ENOSPC -f 'count_mounts,attach_recursive_mnt*,graft_tree,do_add_mount,path_mount' 2>/dev/null
eo-fail blockers 1100 60 >$W/blockers.out &
bpid=$!
wait_for $W/blockers.out ready 300
ok $? "sessions: 1100 threads asleep in read(), a syscall the errno filter watches"
old=$(cat /proc/sys/fs/mount-max)
wc -l </proc/self/mounts >/proc/sys/fs/mount-max
mkdir -p /mnt/many
watch_start $W/many.json -j -n 1 --no-learn
mount -t tmpfs none /mnt/many 2>/dev/null
watch_end
echo $old >/proc/sys/fs/mount-max
kill $bpid
wait $bpid 2>/dev/null
expect_eq "sessions: the seed's failing mount still gets its origin" "ENOSPC ok" \
	"$(field $W/many.json errno) $(field $W/many.json origin_status)"
expect_eq "sessions: none was refused (sessions_full)" 0 \
	"$(errorigin status -j | sed -n 's/.*"sessions_full":\([0-9]*\).*/\1/p')"
errorigin stop
rmmod errorigin
ok $? "sessions: rmmod"

# --- START refusals: the module's own functions; a failed change keeps what was armed -----
insmod $KO
base=$(sed -n 's/^errorigin [0-9]* [0-9]* - Live 0x\([0-9a-f]*\).*/\1/p' /proc/modules)
eo-nlbad start-funcs $(printf '%x' $((0x$base + 0x40))) >$W/own.out 2>&1
check "START: an address inside errorigin itself is refused" \
	grep -q 'rejected errno=22 extack=".*a function of errorigin itself' $W/own.out
# the capture path is reached from probe handlers: no kprobe may be put on it (recursion)
for fn in eo_capture_exit eo_capture_sys_exit eo_session_find eo_origin_exit eo_counts_insert eo_args_strcpy_bytes \
	  eo_queue_kick; do
	# (a name that is not there any more would be refused for that alone)
	awk -v f=$fn '$3 == f { n++ } END { exit !n }' /proc/kallsyms || echo "$fn not in kallsyms"
	echo "p:eo_nokprobe_$fn $fn" >>$T/kprobe_events 2>/dev/null && echo "$fn accepted"
done >$W/nokprobe.out
echo "-:eo_nokprobe_eo_capture_exit" >>$T/kprobe_events 2>/dev/null
expect_eq "START: errorigin's probe-handler paths cannot be kprobed" "" "$(cat $W/nokprobe.out)"
errorigin start -e ENOENT -c eo-fail
pm=$(sed -n 's/^\([0-9a-f]*\) [tT] path_mount$/\1/p' /proc/kallsyms | head -n 1)
eo-nlbad start-funcs $(printf '%x' $((0x$pm + 1))) >$W/badstart.out 2>&1
check "START: a function the kernel will not hook is refused" grep -q '^rejected' $W/badstart.out
sed 's/^/#   /' $W/badstart.out
errorigin status >$W/badstart.status
eo-fail enoent 2 >/dev/null
errorigin top -j >$W/badstart.top
expect_eq "START: after the failed change the previous arming still captures" "armed 2" \
	"$(sed -n 's/^capture: *\([a-z]*\).*/\1/p' $W/badstart.status) $(grep '"comm":"eo-fail"' $W/badstart.top | sed -n 's/.*"count":\([0-9]*\).*/\1/p')"
check "START: ... with its filters" grep -q "^filters: .*errno=ENOENT" $W/badstart.status
errorigin stop
rmmod errorigin
ok $? "START refusals: rmmod"
# --- a function set larger than the hook takes: the rest is refused and said -------------
# kretprobes (6.1) take at most 512 (per-probe pools on every call), fprobe 4096
grep -v '\[' $T/available_filter_functions | grep -v "^__\|lock\|rcu\|sched\|irq\|alloc\|free" |
	head -n 3000 >$W/many.funcs
insmod $KO
errorigin start -e ENOENT -F $W/many.funcs 2>$W/many.err
ok $? "funcs limit: start with $(wc -l <$W/many.funcs) candidate functions"
errorigin status >$W/many.status
sed -n 's/^/#   /p' $W/many.err | head -n 3
grep "^origins:" $W/many.status | sed 's/^/#   /'
armed=$(sed -n 's/^origins:   following \([0-9]*\) functions (\([a-z]*\), at most \([0-9]*\)), \([0-9]*\) refused/\1 \2 \3 \4/p' $W/many.status)
read -r n_armed mech most refused <<EOF
${armed:-0 none 0 0}
EOF
limit=4096
[ "$mech" = kretprobe ] && limit=512
[ "$most" = $limit ] && [ "$n_armed" -gt 0 ] && [ "$n_armed" -le $limit ] &&
	{ [ $limit = 4096 ] || [ $((n_armed + refused)) -gt $limit ]; }
ok $? "funcs limit: $mech takes at most $limit: armed $n_armed, refused $refused"
errorigin stop
eo-fail enoent 1 >/dev/null
rmmod errorigin
ok $? "funcs limit: rmmod"
check "hardening: dmesg clean" dmesg_clean
