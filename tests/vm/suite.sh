# The in-guest test suite: every test triggers real failing syscalls and checks what
# errorigin reports against what the test knows (errno, syscall, pid, comm). TAP output.
. /tests/vm/lib.sh
EO_T0=$(cut -d. -f1 /proc/uptime)

# --- the CLI's own help, without the module ----------------------------------------------
expect_eq "errorigin --version" "errorigin $(cat /VERSION)" "$(errorigin --version)"
for cmd in status start stop watch top dump; do
	errorigin $cmd --help >$W/help.out 2>&1
	rc=$?
	expect_eq "errorigin $cmd --help exits 0 with its usage" "0 1" "$rc $(grep -c "^Usage: errorigin $cmd" $W/help.out)"
done
errorigin frobnicate >/dev/null 2>$W/unknown.err
expect_eq "an unknown command is an error" "1 1" "$? $(grep -c '^errorigin: frobnicate: unknown command' $W/unknown.err)"

# --- without the module -------------------------------------------------------------------
errorigin status >$W/nomod.out 2>&1
rc=$?
expect_eq "status without the module exits 1" 1 $rc
check "status without the module says how to load it" grep -q "not loaded.*insmod" $W/nomod.out

# --- load-time parameters -------------------------------------------------------------------
! insmod $KO errno=EBOGUS 2>/dev/null
ok $? "insmod with an unknown errno name fails"
check "the unknown errno name is named in dmesg" sh -c "dmesg | grep -q \"errno: 'EBOGUS' is not known\""
! lsmod | grep -q errorigin
ok $? "nothing stays loaded after a failed insmod"
insmod $KO errno=ENOENT,EBADF syscalls=openat comm=eo-fail args=0
ok $? "insmod errno=ENOENT,EBADF syscalls=openat comm=eo-fail args=0 arms at load"
errorigin status >$W/params.out
check "status shows armed by parameters, on openat's exit only" grep -q "capture:   armed (kretprobe:__x64_sys_openat,__ia32_compat_sys_openat,__se[a-z_]*)" $W/params.out
check "status shows the parameter filters" \
	grep -q "filters:   errno=ENOENT,EBADF syscall=openat,ia32:openat comm=eo-fail, path arguments not copied" $W/params.out
eo-fail enoent 3 >$W/p.pid
eo-fail ebadf 2 >/dev/null
errorigin top -j >$W/params.top
expect_eq "parameter filters: only the 3 openat ENOENT of eo-fail counted" \
	"1 3" "$(wc -l <$W/params.top) $(field $W/params.top count)"
errorigin dump -j >$W/params.dump
expect_eq "args=0: the 3 failures recorded with raw arguments only" "3 0" \
	"$(grep -c '"syscall":"openat"' $W/params.dump) $(grep -c args_decoded $W/params.dump)"
rmmod errorigin
ok $? "rmmod while armed"

insmod $KO
ok $? "insmod idle"
check "status shows idle" sh -c "errorigin status | grep -q 'capture:   idle'"
check "dmesg clean after load" dmesg_clean

# --- the seed's story: mount fails with ENOSPC because of fs.mount-max ----------------------
mounts=$(wc -l </proc/self/mounts)
old_max=$(cat /proc/sys/fs/mount-max)
watch_start $W/seed.json -j -e ENOSPC -n 1 --no-learn
echo $mounts >/proc/sys/fs/mount-max
mkdir -p /mnt/seed
mount -t tmpfs none /mnt/seed 2>$W/seed.mount &
mpid=$!
wait $mpid
mrc=$?
echo $old_max >/proc/sys/fs/mount-max
watch_end
[ $mrc != 0 ]
ok $? "seed: mount -t tmpfs fails"
check "seed: mount reports no space" grep -q "No space left on device" $W/seed.mount
check "seed: the path arguments decoded" grep -q '"args_decoded":\["none","/mnt/seed","tmpfs",32768,null\]' $W/seed.json
expect_eq "seed: one event" 1 "$(wc -l <$W/seed.json)"
expect_eq "seed: syscall" mount "$(field $W/seed.json syscall)"
expect_eq "seed: errno" ENOSPC "$(field $W/seed.json errno)"
expect_eq "seed: ret" -28 "$(field $W/seed.json ret)"
expect_eq "seed: pid" $mpid "$(field $W/seed.json pid)"
expect_eq "seed: comm" mount "$(field $W/seed.json comm)"
check "seed: watch disarmed on exit" sh -c "errorigin status | grep -q 'capture:   idle'"

# --- other real failures ------------------------------------------------------------------
# real_failure NAME MODE ARG SYSCALL ERRNO RET
real_failure() {
	watch_start $W/$1.json -j -c eo-fail -n 1
	eo-fail $2 $3 >$W/$1.pid
	watch_end
	pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/$1.pid)
	expect_eq "$1: syscall" $4 "$(field $W/$1.json syscall)"
	expect_eq "$1: errno" $5 "$(field $W/$1.json errno)"
	expect_eq "$1: ret" $6 "$(field $W/$1.json ret)"
	expect_eq "$1: pid and tid" "$pid $pid" \
		"$(field $W/$1.json pid) $(field $W/$1.json tid)"
	expect_eq "$1: comm" eo-fail "$(field $W/$1.json comm)"
}
real_failure openat-enoent enoent 1 openat ENOENT -2
real_failure mkdir-eexist eexist /tmp mkdir EEXIST -17
real_failure kill-esrch esrch "" kill ESRCH -3
real_failure close-ebadf ebadf 1 close EBADF -9

# a 32-bit process: ia32 syscall numbers, named from the ia32 table
watch_start $W/ia32.json -j -c eo-fail32 -n 1
eo-fail32 enoent 1 >$W/ia32.pid
watch_end
expect_eq "ia32 openat: syscall, abi, number, errno" "openat ia32 295 ENOENT" \
	"$(field $W/ia32.json syscall) $(field $W/ia32.json abi) $(field $W/ia32.json syscall_nr) $(field $W/ia32.json errno)"
check "ia32 openat: its path decoded from the 32-bit process's memory" \
	grep -q '"args_decoded":\[-100,"/nonexistent/eo-fail",0,' $W/ia32.json

# kernel-internal restart codes are reported as what they are
watch_start $W/restart.json -j -c eo-fail -s pause -n 1 --no-learn
eo-fail pause >$W/restart.pid &
wait_for $W/restart.pid pid=
kill -USR1 $(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/restart.pid)
wait
watch_end
expect_eq "pause() interrupted: ERESTARTNOHAND (-514), not EINTR" "pause ERESTARTNOHAND -514" \
	"$(field $W/restart.json syscall) $(field $W/restart.json errno) $(field $W/restart.json ret)"

# human output
watch_start $W/text.out -c eo-fail -n 1
eo-fail enoent 1 >$W/text.pid
watch_end
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/text.pid)
check "text line: comm[pid/tid] syscall(args) = -ERRNO (text)" \
	grep -q "eo-fail\[$pid/$pid\] openat(AT_FDCWD, \"/nonexistent/eo-fail\", 0, 0) = -ENOENT (No such file or directory)" $W/text.out

# path strings copied a word at a time: one longer than the 127 bytes kept, one that ends
# at the last byte before an unmapped page (the word read there faults, bytes finish it), a
# pointer that cannot be read and NULL; each event appears, in any order across CPUs
watch_start $W/paths.json -j -c eo-fail -s openat -n 4 --no-learn
eo-fail paths
watch_end
long=$(printf '/nonexistent/%0114d' 0)
check "path strings: the long one cut to 127 bytes" grep -q "\"args_decoded\":\[-100,\"$long\",0," $W/paths.json
check "path strings: the one ending before an unmapped page, whole" \
	grep -q '"args_decoded":\[-100,"/nonexistent/edge",0,' $W/paths.json
check "path strings: a bad pointer shown as its value (EFAULT)" \
	grep -q '"errno":"EFAULT".*"args_decoded":\[-100,16,0,\|"args_decoded":\[-100,16,0,.*"errno":"EFAULT"' $W/paths.json
check "path strings: NULL" grep -q '"args_decoded":\[-100,null,0,' $W/paths.json
watch_start $W/paths.out -c eo-fail -s openat -n 4 --no-learn
eo-fail paths
watch_end
check "path strings: text marks the cut one with ..." grep -q "openat(AT_FDCWD, \"$long\"\.\.\., 0" $W/paths.out

# always-on capture at the lowest cost: the path strings are not copied
errorigin start --no-args -c eo-fail
errorigin status >$W/noargs.status
check "start --no-args: status says path arguments are not copied" \
	grep -q "filters:   comm=eo-fail, path arguments not copied" $W/noargs.status
watch_start $W/noargs.out -c eo-fail -s openat -n 1 --no-learn
eo-fail enoent 1 >$W/noargs.pid
watch_end
check "start --no-args: the event has the raw arguments" \
	grep -Eq "openat\(0xffffff9c, 0x[0-9a-f]+, 0, .* = -ENOENT" $W/noargs.out
errorigin stop

# --- filters: the first event shown must be the one that should pass -----------------------
# filter_case NAME "WATCH ARGS" "EXCLUDED CMD" "KEPT CMD" EXPECTED-SYSCALL
filter_case() {
	watch_start $W/f-$1.json -j $2 -n 1 --no-learn
	sh -c "$3" >/dev/null 2>&1
	sh -c "$4" >$W/f-$1.kept 2>&1
	watch_end
	expect_eq "filter $1: excludes and keeps" "1 $5" \
		"$(wc -l <$W/f-$1.json) $(field $W/f-$1.json syscall)"
}
filter_case errno "-e ENOENT -c eo-fail" "eo-fail ebadf 3" "eo-fail enoent 1" openat
filter_case errno-number "-e 9 -c eo-fail" "eo-fail enoent 3" "eo-fail ebadf 1" close
filter_case syscall "-s close -c eo-fail" "eo-fail enoent 3" "eo-fail ebadf 1" close
filter_case comm "-c eo-fail" "cat /nonexistent; ls /nonexistent" "eo-fail ebadf 1" close

# pid and tid: two processes wait for a go-file, then fail the same way; only one is wanted
rm -f $W/go $W/gated1.pid $W/gated2.pid
for n in 1 2; do
	sh -c "echo \$\$ >$W/gated$n.pid; while [ ! -e $W/go ]; do sleep 0.05; done; exec eo-fail ebadf 1" >/dev/null &
done
wait_for $W/gated1.pid . 50
wait_for $W/gated2.pid . 50
gpid2=$(cat $W/gated2.pid)
watch_start $W/f-pid.json -j -p $gpid2 -e EBADF -n 1 --no-learn
errorigin watch -j -t $gpid2 -e EBADF -n 1 -T 30 --no-learn >$W/f-tid.json 2>$W/f-tid.err &
wpid2=$!
wait_for $W/f-tid.err watching
eo-fail ebadf 2 >/dev/null
touch $W/go
watch_end
EO_WATCH=$wpid2 watch_end
expect_eq "filter pid: only the chosen process" "1 $gpid2 close" \
	"$(wc -l <$W/f-pid.json) $(field $W/f-pid.json pid) $(field $W/f-pid.json syscall)"
expect_eq "filter tid: only the chosen thread" "1 $gpid2 close" \
	"$(wc -l <$W/f-tid.json) $(field $W/f-tid.json tid) $(field $W/f-tid.json syscall)"

# cgroup v2
if [ -d /sys/fs/cgroup ] && mkdir -p /sys/fs/cgroup/eotest 2>/dev/null; then
	watch_start $W/f-cg.json -j --cgroup /sys/fs/cgroup/eotest -c eo-fail -n 1
	eo-fail enoent 2 >/dev/null
	sh -c "echo \$\$ >/sys/fs/cgroup/eotest/cgroup.procs; exec eo-fail ebadf 1" >$W/cg.pid
	watch_end
	cgid=$(stat -c %i /sys/fs/cgroup/eotest)
	expect_eq "filter cgroup: only the task in the cgroup" "1 close $cgid" \
		"$(wc -l <$W/f-cg.json) $(field $W/f-cg.json syscall) $(field $W/f-cg.json cgroup_id)"
else
	ok 1 "filter cgroup: no cgroup v2 in the guest"
fi

errorigin watch -e EFOOBAR >/dev/null 2>$W/badname.err
expect_eq "unknown errno name is an error" 1 $?
check "unknown errno name message" grep -q "^errorigin: --errno: unknown errno 'EFOOBAR'" $W/badname.err
errorigin watch -s nosuchcall >/dev/null 2>$W/badname.err
expect_eq "unknown syscall name is an error" 1 $?
check "unknown syscall message" grep -q "^errorigin: --syscall: unknown syscall 'nosuchcall'" $W/badname.err

# --- top: exact counts ----------------------------------------------------------------------
errorigin start
ok $? "start arms for everyone"
eo-fail ebadf 1000 >$W/top.pid
eo-fail enoent 7 >$W/top2.pid
errorigin stop
ok $? "stop disarms"
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/top.pid)
errorigin top -j -p $pid >$W/top.json
expect_eq "top: 1000 failing close() counted exactly" "1 close EBADF 1000" \
	"$(wc -l <$W/top.json) $(field $W/top.json syscall) $(field $W/top.json errno) $(field $W/top.json count)"
errorigin top -j -c eo-fail -n 1 >$W/top1.json
expect_eq "top -n 1: the largest first" "1 $pid 1000" \
	"$(wc -l <$W/top1.json) $(field $W/top1.json pid) $(field $W/top1.json count)"
errorigin status -j >$W/st.json
cap=$(field $W/st.json captured)
q=$(field $W/st.json queued)
d=$(($(field $W/st.json dropped_queue_full) + $(field $W/st.json dropped_nested)))
expect_eq "status: every captured failure is queued or counted as dropped" $cap $((q + d))

# --- hook choice: a short syscall filter hooks only those syscalls' exits ------------------
errorigin start -s close -c eo-fail
errorigin status >$W/sysret.status
check "a 1-syscall filter uses kretprobes on its entry points" \
	grep -q "capture:   armed (kretprobe:__x64_sys_close,__ia32_sys_close,__se[a-z_]*)" $W/sysret.status
eo-fail ebadf 25 >$W/sysret.pid
eo-fail enoent 4 >/dev/null
errorigin stop
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/sysret.pid)
errorigin top -j -c eo-fail -p $pid >$W/sysret.top
expect_eq "kretprobe hook: 25 close EBADF counted exactly, openat not hooked" "1 close 25" \
	"$(wc -l <$W/sysret.top) $(field $W/sysret.top syscall) $(field $W/sysret.top count)"
errorigin start -s read,write,open,close,stat,fstat,lstat,poll,lseek,mmap,mprotect,munmap,brk,ioctl,pread64,pwrite64,openat
check "a 17-syscall filter falls back to the sys_exit tracepoint" \
	sh -c "errorigin status | grep -q 'capture:   armed (tracepoint:raw_syscalls/sys_exit)'"
errorigin stop

# --- dump: failures that happened while nobody listened ------------------------------------
pid2=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/top2.pid)
errorigin dump -j -p $pid2 >$W/dump.json
expect_eq "dump: the 7 earlier openat ENOENT are in the recorder" "7 openat ENOENT" \
	"$(wc -l <$W/dump.json) $(field $W/dump.json syscall) $(field $W/dump.json errno)"

# --- event times: CLOCK_MONOTONIC, whatever the hook stamps failures with (kmod/clock.h) ----
clock=$(errorigin status -j | sed -n 's/.*"clock":"\([a-z]*\)".*/\1/p')
if [ "$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)" = tsc ]; then
	expect_eq "the timekeeper counts TSC cycles: failures are stamped with the TSC" tsc "$clock"
fi
in_window() { [ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
watch_start $W/timed.json -j -c eo-fail -e ENOENT
eo-fail timed >$W/timed.out
wait_for $W/timed.json /nonexistent/timed
kill $EO_WATCH; wait $EO_WATCH 2>/dev/null
grep /nonexistent/timed $W/timed.json >$W/timed.ev
t=$(field $W/timed.ev time_ns)
set -- $(tail -n 1 $W/timed.out)
in_window "$t" $1 $2
ok $? "event time ($clock stamps): between CLOCK_MONOTONIC before and after the failure ($1 <= $t <= $2)"
# the same record read from the recorder later: converted again, with what the clock says then
sleep 2
errorigin dump -j -p $(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/timed.out) | grep /nonexistent/timed >$W/timed.dump
td=$(field $W/timed.dump time_ns)
in_window "$td" $1 $2
ok $? "the same failure dumped 2 s later: still in that window ($td)"

# --- overload: a tiny queue overflows; drops are counted, counters stay exact -------------
rmmod errorigin && insmod $KO queue_size=16
ok $? "reload with queue_size=16"
watch_start $W/ovl.json -j -c eo-fail
eo-fail ebadf 3000 >$W/ovl.pid
sleep 1
kill $EO_WATCH; wait $EO_WATCH 2>/dev/null
errorigin status -j >$W/ovl.status
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/ovl.pid)
errorigin top -j -p $pid >$W/ovl.top
cap=$(field $W/ovl.status captured)
q=$(field $W/ovl.status queued)
full=$(field $W/ovl.status dropped_queue_full)
shown=$(grep -c "\"pid\":$pid," $W/ovl.json)
[ "$full" -gt 0 ] 2>/dev/null
ok $? "overload: queue-full drops are counted ($full)"
expect_eq "overload: captured = queued + dropped" $cap $((q + full))
expect_eq "overload: top still counts all 3000" 3000 "$(field $W/ovl.top count)"
[ "$shown" -lt 3000 ] && grep -q -E "dropped in the kernel while watching|events lost before this one" $W/ovl.json.err
ok $? "overload: watch showed $shown of 3000 and said that events were lost"
# --- the flight recorder is the rings: after one wraps, the CPU's newest records, whole ------
rmmod errorigin && insmod $KO queue_size=16 recorder_size=16
ok $? "reload with queue_size=16 recorder_size=16"
errorigin start -s close
taskset 1 eo-fail ebadf 200 >$W/wrap.pid
errorigin status -j >$W/wrap.status
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/wrap.pid)
errorigin dump -j -p $pid >$W/wrap.json
seqs=$(sed -n 's/^{"seq":\([0-9]*\),.*/\1/p' $W/wrap.json | tr '\n' ' ')
expect_eq "dump after a wrap: the ring's 16 records, 16 a CPU kept in all" "16 EBADF 32" \
	"$(wc -l <$W/wrap.json) $(field $W/wrap.json errno 16) $(field $W/wrap.status recorder_size)"
# (a kernel that drains while nobody listens may have dropped some of the 200: gaps then)
gaps=0
[ "$(field $W/wrap.status always_drained)" = true ] && gaps=1
echo "$seqs" | awk -v gaps=$gaps '{ for (i = 2; i <= NF; i++)
	if ($i <= $(i - 1) || (!gaps && $i != $(i - 1) + 1)) exit 1; exit NF != 16 }'
ok $? "dump after a wrap: the newest records of the CPU, in capture order ($seqs)"
if [ $gaps = 0 ]; then
	expect_eq "nobody listening: a burst of 200 past a 16-record queue drops nothing" 0 \
		"$(field $W/wrap.status dropped_queue_full)"
fi
# a client that joins now gets what comes next, not what the ring still holds
errorigin stop
watch_start $W/late.json -j -n 1 -s close
eo-fail ebadf 1 >$W/late.pid
watch_end
expect_eq "a watch after the wrap: the new failure, nothing older, nothing lost" \
	"$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/late.pid) 1 0" \
	"$(field $W/late.json pid) $(wc -l <$W/late.json) $(grep -c -i lost $W/late.json.err)"
rmmod errorigin && insmod $KO
ok $? "reload with default sizes"

# --- privileges ---------------------------------------------------------------------------
for cmd in status start stop top dump; do
	eo-fail asuser 65534 errorigin $cmd >/dev/null 2>$W/unpriv.err
	rc=$?
	expect_eq "unprivileged $cmd exits 1" 1 $rc
	check "unprivileged $cmd: Operation not permitted" grep -q "^errorigin: $cmd: Operation not permitted" $W/unpriv.err
done
errorigin start
eo-fail asuser 65534 errorigin watch -T 2 >$W/unpriv-watch.out 2>$W/unpriv-watch.err
rc=$?
eo-fail enoent 1 >/dev/null
errorigin stop
expect_eq "unprivileged watch fails" "1 0" "$rc $(wc -l <$W/unpriv-watch.out)"
check "unprivileged watch: cannot receive events" grep -q "cannot receive events" $W/unpriv-watch.err

# --- malformed requests -------------------------------------------------------------------
eo-nlbad >$W/nlbad.out 2>/dev/null
ok $? "malformed netlink requests are rejected with an errno and extack"
sed 's/^/#   /' $W/nlbad.out
expect_eq "every malformed case was tried" 18 "$(grep -c '^rejected' $W/nlbad.out)"
grep -q '^rejected extend-when-disarmed errno=107 extack=".*capture is not armed' $W/nlbad.out
ok $? "START extending while disarmed: ENOTCONN"
grep -q '^rejected extend-an-owned-arming errno=16 extack=".*belongs to another client' $W/nlbad.out
ok $? "START extending a watch's own arming: EBUSY"
grep -q '^rejected learn-not-an-ftrace-location errno=22 extack=".*not a function ftrace can hook"' \
	$W/nlbad.out
ok $? "LEARN of an address ftrace cannot hook: EINVAL, nothing hooked"

# --- unload under load ----------------------------------------------------------------------
errorigin start
eo-fail storm 4 >/dev/null &
eo-fail storm 4 >/dev/null &
errorigin watch -T 10 >/dev/null 2>&1 &
sleep 1
rmmod errorigin
ok $? "rmmod during a storm of failing syscalls, with a watcher attached"
wait
insmod $KO && errorigin status >/dev/null
ok $? "reload after rmmod under load"
for i in 1 2 3 4 5; do
	errorigin start && errorigin stop || break
done
ok $? "arm/disarm loop"
rmmod errorigin
ok $? "final rmmod"

# part NAME: tests/vm/NAME.sh, and how long it took (the sanitizer kernel is much slower)
uptime_s() { cut -d. -f1 /proc/uptime; }
part_t0=$(uptime_s)
echo "# part suite.sh: $((part_t0 - EO_T0)) s"
part() {
	part_name=$1	# (a part may set its own positional parameters)
	. /tests/vm/$part_name.sh
	echo "# part $part_name.sh: $(($(uptime_s) - part_t0)) s"
	part_t0=$(uptime_s)
}
part hardening
part origin
part kb
part learn
part hints
part srcline

check "dmesg has no WARNING/BUG/Oops" dmesg_clean
echo "# suite: $EO_T tests, $EO_FAILED failed"
