# Zero-config origins: no function named; the module learns each failing path, the CLI
# narrows and arms it, and the failure after that carries its origin.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

traceable=$(wc -l <$T/available_filter_functions)
origin_of() { sed -n "${2:-1}p" "$1" | sed -n 's/.*"origin":{"func":"\([^"]*\)".*/\1/p'; }
# enabled_count: call sites some ftrace user is attached to right now
enabled_count() { wc -l <$T/enabled_functions; }
# armed_count FILE: how many times the watch writing FILE said it armed a set
armed_count() { grep -c "following [0-9]* functions\{0,1\} in all" "$1"; }
# wait_armed FILE N: until it said so N times (or 10 s, stretched under a slow host)
wait_armed() {
	n=0
	while [ $n -lt $(slow 100) ] && [ "$(armed_count "$1")" -lt "$2" ]; do
		sleep 0.1
		n=$((n + 1))
	done
}

# learn_case NAME ERRNO-NAME EXPECTED-ORIGIN "TRIGGER" WATCH-ARGS...: fails TRIGGER up to
# three times, backing off like a retrying daemon until the CLI has acted on each failure;
# asserts the third failure at the latest names EXPECTED-ORIGIN.
learn_case() {
	name=$1 ename=$2 expected=$3 trigger=$4
	shift 4
	# -T: learning under TCG can outlast the default 30 s when the host is busy; --no-kb:
	# what is learned here, not what the knowledge base knows (kb.sh)
	watch_start $W/learn-$name.json -j -T $(slow 120) -e $ename --no-kb "$@"
	sh -c "$trigger" >/dev/null 2>&1
	wait_for $W/learn-$name.json.err "learning which kernel functions" 300
	ok $? "$name: the first failure starts learning, and the CLI says so"
	errorigin status >$W/learn-$name.status
	check "$name: status shows the pair learning" grep -q "^pair: .*/$ename: learning for [0-9.]* s, other tasks entered its hook [0-9]* times" $W/learn-$name.status ||
		{ kill -0 $EO_WATCH 2>/dev/null || echo "#   the watch has exited"; dmesg | grep -i "segfault\|errorigin" | tail -n 5 | sed 's/^/#   /'; sed 's/^/#   /' $W/learn-$name.status; }
	sh -c "$trigger" >/dev/null 2>&1
	wait_for $W/learn-$name.json.err "following [0-9]* function" 600
	ok $? "$name: the second failure ends learning; the narrowed set is armed"
	sed -n 's/^/#   /p' $W/learn-$name.json.err
	# where the learning hook is the x86-64 trampoline (6.3 on) it follows returns too
	if grep -q "learning which kernel functions this path enters and what they return" \
		$W/learn-$name.json.err; then
		wait_for $W/learn-$name.json '"origin":{' 100
		expect_eq "$name: the second failure, the one learning learned from, has the origin" \
			"$expected" "$(origin_of $W/learn-$name.json 2)"
	else
		echo "#   $name: the learning hook follows entries only here (ftrace's callback)"
	fi
	# the learned pair keeps the hook until its narrowed set is armed: the module removes it
	# then, which under TCG takes a few seconds of the host's time
	n=0
	while errorigin status >$W/learn-$name.status2 && grep -q "^learning:" $W/learn-$name.status2 &&
		[ $n -lt $(slow 150) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	sed -n 's/^/#   /p' $W/learn-$name.status2
	sh -c "$trigger" >/dev/null 2>&1
	wait_for $W/learn-$name.json '"origin":{' 100
	first=$(grep -n '"origin":{' $W/learn-$name.json | head -n 1 | cut -d: -f1)
	expect_eq "$name: the origin $expected by the third failure at the latest" \
		"$expected yes" "$(origin_of $W/learn-$name.json $first) $([ "${first:-9}" -le 3 ] && echo yes)"
	armed=$(sed -n "s/^origins:   following \([0-9]*\) functions.*/\1/p" $W/learn-$name.status2)
	[ -n "$armed" ] && [ $((armed * 100)) -lt $traceable ]
	ok $? "$name: armed set ($armed) below 1% of the $traceable traceable functions"
	check "$name: status shows the pair armed" grep -q "^pair: .*/$ename: armed [0-9]* functions" $W/learn-$name.status2
	! grep -q "^learning:" $W/learn-$name.status2
	ok $? "$name: the learning hook is gone from status within 15 s of the arming"
	n=$(enabled_count)
	[ $((n * 100)) -lt $traceable ]
	ok $? "$name: ftrace sites in use after narrowing ($n) below 1% of traceable"
	# once the origin was seen only its chain stays armed (the narrowed set was the first
	# arming, the chain the second); the next failure still has it
	wait_for $W/learn-$name.json.err "only its chain" 50
	wait_armed $W/learn-$name.json.err 2
	before=$(wc -l <$W/learn-$name.json)
	sh -c "$trigger" >/dev/null 2>&1
	n=0
	while [ $n -lt $(slow 100) ] && [ "$(wc -l <$W/learn-$name.json)" -le $before ]; do
		sleep 0.1
		n=$((n + 1))
	done
	expect_eq "$name: the failure after that has the same origin" "$expected" \
		"$(origin_of $W/learn-$name.json '$')"
	kill -INT $EO_WATCH
	watch_end
}

mounts=$(wc -l </proc/self/mounts)
old_max=$(cat /proc/sys/fs/mount-max)
echo $mounts >/proc/sys/fs/mount-max
mkdir -p /mnt/learn
# the origin the kernel really has, cross-checked with tracefs kretprobes
TRIGGER="mount -t tmpfs none /mnt/learn"
seed=$(tracefs_origin 28 count_mounts attach_recursive_mnt graft_tree do_add_mount)
expect_eq "seed: tracefs kretprobes see count_mounts return -ENOSPC first" count_mounts "$seed"
insmod $KO
learn_case seed ENOSPC "$seed" "mount -t tmpfs none /mnt/learn" -s mount \
	--save-profile $W/seed.profile
sed -n 's/.*"chain":\(\[.*\]\),"stitched".*/\1/p' $W/learn-seed.json | tail -n 1 >$W/learn-seed.chain
sed 's/^/#   chain: /' $W/learn-seed.chain
check "seed: the chain runs from the origin up to path_mount (callers kept)" \
	grep -q "^\[{\"func\":\"$seed\".*{\"func\":\"path_mount\"" $W/learn-seed.chain
# the wrapper's call site is the syscall dispatcher, whichever return hook took its return
# first (the capture's kretprobe on it, or learning's trampoline); where learning follows
# entries only (6.1) the wrapper is not among the functions followed
sites=$(grep -o '{"func":"__x64_sys_mount"[^}]*}' $W/learn-seed.json |
	sed 's/.*"site":"\([^"+]*\)+.*/\1/; t; s/.*/none/' | sort -u | tr '\n' ' ')
echo "#   seed: __x64_sys_mount called from: ${sites:-(not in any chain)}"
if grep -q "and what they return" $W/learn-seed.json.err; then
	expect_eq "seed: every chain names do_syscall_64 as the wrapper's caller" \
		"do_syscall_64 " "$sites"
	# also after the chain is re-armed under the syscall's kretprobe, which then returns
	# before the function hooks do
	expect_eq "seed: every failure with an origin has the wrapper in its chain" \
		"$(grep -c '"origin":{' $W/learn-seed.json)" \
		"$(grep -c '{"func":"__x64_sys_mount"' $W/learn-seed.json)"
fi
expect_eq "seed: no vmlinux debug info in the guest: said once, not per event" 1 \
	"$(grep -c 'no debug info for some frames' $W/learn-seed.json.err)"
check "seed: after the origin, only its chain stays armed" grep -q "mount/ENOSPC: origin count_mounts; from now on following only its chain" $W/learn-seed.json.err
check "seed: the profile names $seed with its class" grep -q "^$seed int" $W/seed.profile
check "seed: the profile records the kernel release and pair" \
	sh -c "grep -q '^release $(uname -r)\$' $W/seed.profile && grep -q '^pair x86_64 mount ENOSPC' $W/seed.profile"

# no raw kernel address leaves the module: the events group, the dumps and the learned set,
# scanned attribute by attribute (eo-nlbad no-addrs) while a zero-config watch learns
watch_start $W/addrs.json -j -T $(slow 120) -e ENOSPC -s mount --no-kb
eo-nlbad no-addrs listen $(slow 1200) >$W/addrs.listen 2>&1 &
listener=$!
sleep $(slow 1)
mount -t tmpfs none /mnt/learn 2>/dev/null
wait_for $W/addrs.json.err "learning which kernel functions" 300
mount -t tmpfs none /mnt/learn 2>/dev/null
wait_for $W/addrs.json.err "following [0-9]* function" 600
mount -t tmpfs none /mnt/learn 2>/dev/null
wait_for $W/addrs.json '"origin":{' 100
eo-nlbad no-addrs dumps >$W/addrs.dumps 2>&1
wait $listener
kill -INT $EO_WATCH
watch_end
sed 's/^/#   events: /' $W/addrs.listen | head -n 5
sed 's/^/#   dumps: /' $W/addrs.dumps | head -n 5
check "addresses: events on the group carry chains and no kernel address" \
	grep -q "frames [1-9][0-9]* learned 0 suspects 0$" $W/addrs.listen
# (the dumps hold a learned set too while the pair's is kept: GET_LEARNED)
check "addresses: status, counts and recent events carry none either" \
	grep -q "frames [1-9][0-9]* learned [0-9]* suspects 0$" $W/addrs.dumps
eo-nlbad no-addrs learn >$W/addrs.learned 2>&1
sed 's/^/#   learned set: /' $W/addrs.learned | head -n 5
check "addresses: a learned set names its functions, with no kernel address" \
	grep -q "learned [1-9][0-9]* suspects 0$" $W/addrs.learned

# the profile, after a reload: the origin on the very first failure
rmmod errorigin && insmod $KO
ok $? "reload"
watch_start $W/learn-prof.json -j -e ENOSPC -s mount --no-kb --profile $W/seed.profile -n 1
mount -t tmpfs none /mnt/learn 2>/dev/null
watch_end
expect_eq "profile: origin $seed on the first failure after a reload" "$seed" \
	"$(origin_of $W/learn-prof.json)"
check "profile: the CLI reports what it armed" grep -q "profile: following" $W/learn-prof.json.err
# a profile from another kernel release: re-resolved by name, misses named
sed "s/^release .*/release 0.0.0-other/; s/^pair .*/&\nno_such_function_eo int/" \
	$W/seed.profile >$W/other.profile
watch_start $W/learn-other.json -j -e ENOSPC -s mount --no-kb --profile $W/other.profile -n 1
mount -t tmpfs none /mnt/learn 2>/dev/null
watch_end
check "profile from another release: said, and resolved by name" grep -q "learned on 0.0.0-other" $W/learn-other.json.err
check "profile from another release: the missing function is named" grep -q "not traceable on this kernel: no_such_function_eo" $W/learn-other.json.err
expect_eq "profile from another release: origin still found" "$seed" "$(origin_of $W/learn-other.json)"
# start --profile: armed for everyone, no watch needed; dump shows the origin
errorigin start -e ENOSPC -s mount --no-kb --profile $W/seed.profile 2>$W/learn-start.err
ok $? "start --profile"
errorigin status >$W/learn-start.status
check "start --profile: status shows the pair armed from the profile" grep -q "^pair: .*mount/ENOSPC: armed [0-9]* functions" $W/learn-start.status
mount -t tmpfs none /mnt/learn 2>/dev/null
errorigin dump -j >$W/learn-start.json
expect_eq "start --profile: the failure recorded with its origin" "$seed" "$(origin_of $W/learn-start.json \$)"
errorigin stop

# stock profiles: the running kernel's is found, said in one line and armed without being
# named; its exact release first, else one of the same line and flavour; --no-profiles: none
rel=$(uname -r)
other=$(echo "$rel" | sed 's/^\([0-9]*\.[0-9]*\.\).*-\([^-]*\)$/\10-eotest-\2/')
mkdir -p $W/stock $W/stock-line $W/user-profiles
cp $W/seed.profile "$W/stock/$rel.profile"
sed "s/^release .*/release $other/" $W/seed.profile >"$W/stock-line/$other.profile"
export ERRORIGIN_USER_PROFILES=$W/user-profiles
for how in stock stock-line off; do
	dir=$how opt=
	[ $how = off ] && dir=stock opt=--no-profiles
	export ERRORIGIN_PROFILES=$W/$dir
	watch_start $W/learn-$how.json -j -e ENOSPC -s mount --no-kb --no-learn -n 1 $opt
	mount -t tmpfs none /mnt/learn 2>/dev/null
	watch_end
done
check "stock profile: watch says which one, of this kernel's release" \
	grep -q "^errorigin: stock profile $W/stock/$rel.profile (this kernel's release): 1 pair" $W/learn-stock.json.err
expect_eq "stock profile: the origin on the first failure, no profile named" "$seed" \
	"$(origin_of $W/learn-stock.json)"
check "stock profile of the same line ($other): resolved by name, and said" \
	grep -q "^errorigin: stock profile $W/stock-line/$other.profile (of another release of this kernel line, resolved by name)" $W/learn-stock-line.json.err
expect_eq "stock profile of the same line: the origin on the first failure" "$seed" \
	"$(origin_of $W/learn-stock-line.json)"
expect_eq "--no-profiles: nothing armed, no origin" "" "$(origin_of $W/learn-off.json)"
check "--no-profiles: no profile said" sh -c "! grep -q 'profile' $W/learn-off.json.err"
# a user profile (saved into the user's directory) is merged in, before the stock one
export ERRORIGIN_PROFILES=
cp $W/seed.profile $W/user-profiles/seed.profile
watch_start $W/learn-user.json -j -e ENOSPC -s mount --no-kb --no-learn -n 1
mount -t tmpfs none /mnt/learn 2>/dev/null
watch_end
check "user profile: merged in, and said" \
	grep -q "^errorigin: user profile $W/user-profiles/seed.profile" $W/learn-user.json.err
expect_eq "user profile: the origin on the first failure" "$seed" "$(origin_of $W/learn-user.json)"
rm -r $W/user-profiles
unset ERRORIGIN_PROFILES ERRORIGIN_USER_PROFILES

# a path larger than --learn-max: learning stops and says so, the hook goes
watch_start $W/learn-over.json -j -T $(slow 120) -e ENOSPC -s mount --no-kb --learn-max 64
mount -t tmpfs none /mnt/learn 2>/dev/null
wait_for $W/learn-over.json.err "learning which kernel functions" 300
mount -t tmpfs none /mnt/learn 2>/dev/null
wait_for $W/learn-over.json.err "entered more than 64 functions" 300
r=$?
ok $r "overflow: a call entering more than --learn-max functions ends learning, and the CLI says so"
[ $r = 0 ] || sed 's/^/#   watch: /' $W/learn-over.json.err
errorigin status >$W/learn-over.status
check "overflow: status shows the pair back to capturing" grep -q "capturing (learning overflowed)" $W/learn-over.status
! grep -q "^learning:" $W/learn-over.status
ok $? "overflow: the learning hook is gone"
kill -INT $EO_WATCH
watch_end
echo $old_max >/proc/sys/fs/mount-max

# EMFILE from RLIMIT_NOFILE: origin from tracefs kretprobes on this kernel
TRIGGER="eo-fail emfile"
expected=$(tracefs_origin 24 alloc_fd __get_unused_fd_flags get_unused_fd_flags do_sys_openat2)
[ -n "$expected" ]
ok $? "emfile: tracefs kretprobes name the deepest -EMFILE ($expected)"
learn_case emfile EMFILE "$expected" "eo-fail emfile" -c eo-fail

# a path in a module: simfail's plain propagation
insmod /simfail.ko
learn_case simfail ENOENT "simfail_plain_c [simfail]" "eo-fail write /proc/simfail plain" \
	-s write -c eo-fail

# the same path retried every 2 s with no waiting on the CLI's messages, as a daemon's retry
# loop does: the first failure starts learning, whatever the timing of the next ones. Under
# TCG, patching forty thousand call sites takes seconds of the host's time (QEMU retranslates
# every page written), so the second failure may come while the hook is being armed: a
# later one has the origin then (make bench has the arm time in instructions).
watch_start $W/learn-retry.json -j -T $(slow 120) -e ENOENT -s write -c eo-fail --no-kb \
	--no-profiles
live=0	# the first failure that came with the learning hook in place
i=0
while [ $i -lt 10 ] && ! grep -q '"origin":{' $W/learn-retry.json; do
	i=$((i + 1))
	[ $live = 0 ] && grep -q "learning which" $W/learn-retry.json.err && live=$i
	eo-fail write /proc/simfail plain >/dev/null 2>&1
	sleep $(slow 2)
done
wait_for $W/learn-retry.json '"origin":{' 50
grep "learning which\|entered\|live" $W/learn-retry.json.err | sed 's/^/#   /'
first=$(grep -n '"origin":{' $W/learn-retry.json | head -n 1 | cut -d: -f1)
# the hook goes live a moment before watch says so: when the origin came with a failure that
# ran before the message was read, the hook was in place for that one
[ $live = 0 ] && [ -n "$first" ] && grep -q "learning which" $W/learn-retry.json.err &&
	live=$first
echo "#   retry: the hook was in place for failure $live, the first origin came with failure ${first:-none}"
[ $live != 0 ]
ok $? "retry: the first failure started learning, whatever the retries' timing"
# the failure the hook sees is the one learning learns from: with returns followed it has
# the origin itself (the hook may go live a moment before watch says so: one failure
# earlier, not later). With entries only (6.1) a later one has: the next, or a few on, as
# 6.1's kretprobe on the syscall's entry can miss the first calls after it is armed.
expected=$((live + 3))
grep -q "and what they return" $W/learn-retry.json.err && expected=$live
expect_eq "retry: retried every 2 s, the origin comes with failure $expected at the latest" \
	"simfail_plain_c [simfail] yes" \
	"$(origin_of $W/learn-retry.json $first) $([ "${first:-99}" -le $expected ] && [ "${first:-0}" -ge 2 ] && echo yes)"
wait_for $W/learn-retry.json.err "the learning hook was live" 100
check "retry: watch says what learning cost the other tasks (entries of its hook)" \
	grep -q "^errorigin: write/ENOENT: the learning hook was live [0-9.]* s; other tasks entered it [0-9]* times meanwhile" \
	$W/learn-retry.json.err
kill -INT $EO_WATCH
watch_end

# every failure is reported while learning re-arms: the first starts learning, then the CLI
# arms the narrowed set and then only the chain, with the path failing all the while (every
# 0.05 s plus the process's own start, so that some failure lands in each re-arm). The
# syscall hooks stay registered across those re-arms (a per-syscall kretprobe with -s, the
# sys_exit tracepoint without), origin mode switched on in place.
# funcs_stale: returns the function hooks ignored as stale, as status -j counts them
funcs_stale() { errorigin status -j | sed -n 's/.*"funcs_stale":\([0-9]*\).*/\1/p'; }
# steady_missing FIRST: "ok", or the failures from FIRST on without the origin
steady_missing() {
	n=$1 missing=
	while [ $n -le $failures ]; do
		[ "$(origin_of $W/steady-$name.json $n)" = "simfail_plain_c [simfail]" ] ||
			missing="$missing $n"
		n=$((n + 1))
	done
	echo "${missing:-ok}"
}

steady_case() {
	name=$1
	shift
	watch_start $W/steady-$name.json -j -T $(slow 120) -e ENOENT -c eo-fail --no-kb \
		--no-profiles "$@"
	failures=0 first_armed=
	# until the narrowed set and then the chain are armed
	while [ $failures -lt $(slow 600) ] && [ "$(armed_count $W/steady-$name.json.err)" -lt 2 ]; do
		[ -z "$first_armed" ] && [ "$(armed_count $W/steady-$name.json.err)" = 1 ] &&
			first_armed=$((failures + 1))
		eo-fail write /proc/simfail plain >/dev/null 2>&1
		failures=$((failures + 1))
		sleep 0.05
	done
	# then until one has the origin (the first should: asserted below)
	for i in 1 2 3 4 5; do
		eo-fail write /proc/simfail plain >/dev/null 2>&1
		failures=$((failures + 1))
		n=0
		while [ $n -lt $(slow 20) ] &&
			[ "$(grep -c '"syscall":"write"' $W/steady-$name.json)" -lt $failures ]; do
			sleep 0.1
			n=$((n + 1))
		done
		got=$(origin_of $W/steady-$name.json $failures)
		[ "$got" = "simfail_plain_c [simfail]" ] && break
		echo "#   steady $name: failure $failures with only the chain armed: origin '$got'"
	done
	grep "learning which\|following\|lost\|dropped" $W/steady-$name.json.err | sed 's/^/#   /'
	expect_eq "steady $name: each of the $failures failures reported while learning re-armed" \
		$failures "$(grep -c '"syscall":"write"' $W/steady-$name.json)"
	expect_eq "steady $name: then the origin, after $i failures with only the chain armed" \
		"simfail_plain_c [simfail]" "$(origin_of $W/steady-$name.json $(wc -l <$W/steady-$name.json))"
	# from the narrowed set's arming on, every failure is judged by a whole set: the chain
	# is hooked before the narrowed set is unhooked (the swap from 13 to 9 functions lost
	# the origin of a failure that came in between, and the CLI then learned again)
	expect_eq "steady $name: every failure from the first arming on (failure ${first_armed:-?}) has the origin" \
		ok "${first_armed:+$(steady_missing ${first_armed:-1})}"
	# where learning follows returns, so does every failure from the one it learned from on:
	# the pair keeps the learning hook until its narrowed set is armed (unhooked first, the
	# failures in between had none)
	if grep -q "and what they return" $W/steady-$name.json.err; then
		learned=$(grep -n '"origin":{' $W/steady-$name.json | head -n 1 | cut -d: -f1)
		expect_eq "steady $name: every failure from the one learning learned from (failure ${learned:-?}) on has the origin" \
			ok "${learned:+$(steady_missing ${learned:-1})}"
	fi
	# under only the chain, a failure leaves no return counted as stale: with -s the
	# wrapper's function hook returns after its kretprobe, the capture closed its frame then
	stale=$(funcs_stale)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		eo-fail write /proc/simfail plain >/dev/null 2>&1
	done
	n=0
	while [ $n -lt $(slow 50) ] &&
		[ "$(grep -c '"syscall":"write"' $W/steady-$name.json)" -lt $((failures + 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	expect_eq "steady $name: 10 more failures, each with the origin, no return counted stale (funcs_stale ${stale:-?})" \
		"10 $stale" \
		"$(tail -n 10 $W/steady-$name.json | grep -c '"origin":{"func":"simfail_plain_c') $(funcs_stale)"
	kill -INT $EO_WATCH
	watch_end
}
steady_case sysret -s write
steady_case tracepoint

# the always-on setup: 'start' armed capture (here with a profile) and a watch learns under
# it; what it learned stays followed by that capture once the watch is gone, beside what
# start armed, until the next plain start
errorigin start -e ENOENT,ENOSPC -s write,mount --no-kb --profile $W/seed.profile \
	2>$W/under-start.err
ok $? "under start: start -e ENOENT,ENOSPC -s write,mount --profile"
learn_case under-start ENOENT "simfail_plain_c [simfail]" "eo-fail write /proc/simfail plain" \
	-c eo-fail
errorigin status >$W/under-start.status
check "under start: the pair start armed from its profile is still armed" \
	grep -q "^pair: .*mount/ENOSPC: armed [0-9]* functions" $W/under-start.status
check "under start: beside the one the watch learned" \
	grep -q "^pair: .*write/ENOENT: armed [0-9]* functions" $W/under-start.status
wc -l </proc/self/mounts >/proc/sys/fs/mount-max
mount -t tmpfs none /mnt/learn 2>/dev/null
echo $old_max >/proc/sys/fs/mount-max
errorigin dump -j -s mount >$W/under-start-mount.dump
expect_eq "under start: start's profile still finds its origin" "$seed" \
	"$(origin_of $W/under-start-mount.dump '$')"
check "under start: the arming is still start's after the watch" \
	grep -q "^held by:   nobody: armed until 'errorigin stop'" $W/under-start.status
check "under start: with start's filters" grep -q "^filters:   .*ENOENT" $W/under-start.status
check "under start: what the watch learned is still followed" \
	grep -q "^origins:   following [1-9][0-9]* functions" $W/under-start.status
eo-fail write /proc/simfail plain >/dev/null 2>&1
errorigin dump -j -c eo-fail >$W/under-start.dump
expect_eq "under start: the recorder has the origin of a failure after the watch" \
	"simfail_plain_c [simfail]" "$(origin_of $W/under-start.dump '$')"
errorigin start -e ENOENT -s write --no-kb 2>/dev/null
errorigin status >$W/under-start.restart
check "under start: a plain start again ends what the watch added" \
	grep -q "^origins:   off" $W/under-start.restart
errorigin stop

# under another watch's own arming a watch only looks: it neither extends it nor learns
watch_start $W/owner.json -j -T $(slow 60) -e ENOENT -s write --no-kb --no-learn
owner=$EO_WATCH
errorigin watch -T 5 -e ENOENT --learn >/dev/null 2>$W/owned-learn.err
check "owned: --learn under another watch's arming is refused, and says why" \
	grep -q "^errorigin: watch: capture is armed by another watch (process $owner)" $W/owned-learn.err
watch_start $W/looker.json -j -T $(slow 60) -e ENOENT -c eo-fail
check "owned: a watch under it says it learns nothing" \
	grep -q "armed by another watch (process $owner): showing what it captures, learning nothing" $W/looker.json.err
eo-fail write /proc/simfail plain >/dev/null 2>&1
wait_for $W/looker.json '"syscall":"write"' 100
check "owned: and shows the failures" grep -q '"syscall":"write"' $W/looker.json
check "owned: without learning them" sh -c "! grep -q 'learning which' $W/looker.json.err"
kill -INT $EO_WATCH
watch_end
EO_WATCH=$owner
kill -INT $owner
watch_end
rmmod simfail

# a pair that never fails again: learning stops at the time limit and the hook goes
mkdir -p $W/exists
watch_start $W/learn-timeout.json -j -T $(slow 120) -e EEXIST -s mkdir --learn-timeout $(slow 2)
mkdir $W/exists 2>/dev/null
wait_for $W/learn-timeout.json.err "learning which kernel functions" 300
before=$(enabled_count)
wait_for $W/learn-timeout.json.err "learning stopped after" 300
r=$?
ok $r "timeout: learning stops after --learn-timeout, and the CLI says so"
[ $r = 0 ] || sed 's/^/#   watch: /' $W/learn-timeout.json.err
errorigin status >$W/learn-timeout.status
! grep -q "^learning:" $W/learn-timeout.status
ok $? "timeout: the learning hook is gone from status"
after=$(enabled_count)
[ $((before * 100)) -ge $traceable ] && [ $((after * 100)) -lt $traceable ]
ok $? "timeout: ftrace sites in use went from $before to $after"
check "timeout: status shows the pair back to capturing" grep -q "capturing (learning timed out)" $W/learn-timeout.status
# its next failure starts learning again
mkdir $W/exists 2>/dev/null
n=0
while [ "$(grep -c 'learning which kernel functions' $W/learn-timeout.json.err)" -lt 2 ] &&
	[ $n -lt $(slow 300) ]; do
	sleep 0.1
	n=$((n + 1))
done
expect_eq "timeout: the pair's next failure starts learning again" 2 \
	"$(grep -c 'learning which kernel functions' $W/learn-timeout.json.err)"
kill -INT $EO_WATCH
watch_end

# tasks asleep in the learned syscall hold its few learning slots: they give them up after a
# while, so a failure that comes later is still learned (4 slots, 6 sleepers)
mkfifo $W/slots.fifo
watch_start $W/learn-slots.json -j -T $(slow 120) -e ENOENT -s openat -c eo-fail --learn-timeout $(slow 60)
eo-fail enoent >/dev/null
wait_for $W/learn-slots.json.err "learning which kernel functions" 300
sleepers=
for i in 1 2 3 4 5 6; do
	eo-fail fifo $W/slots.fifo >/dev/null &
	sleepers="$sleepers $!"
done
sleep $(slow 4)
eo-fail enoent >/dev/null
wait_for $W/learn-slots.json.err "following [0-9]* function" 300
ok $? "slots: a failure after 6 tasks fell asleep in openat is learned"
sed -n 's/^/#   /p' $W/learn-slots.json.err | tail -n 2
: >$W/slots.fifo &
sleep 0.5
kill $sleepers 2>/dev/null
wait $sleepers 2>/dev/null
kill -INT $EO_WATCH
watch_end

# the CLI's own calls (its non-blocking netlink reads fail with EAGAIN) are never reported,
# counted or learned, also while it learns another EAGAIN pair
errorigin top --reset >/dev/null
watch_start $W/learn-self.json -j -T $(slow 120) -e EAGAIN --no-kb
self=$EO_WATCH
eo-fail eagain 2 >/dev/null
wait_for $W/learn-self.json.err "learning which kernel functions" 300
eo-fail eagain 2 >/dev/null
wait_for $W/learn-self.json.err "following [0-9]* function" 300
ok $? "self: watch -e EAGAIN learns read/EAGAIN"
sleep 1
errorigin top -j -e EAGAIN >$W/learn-self.top
errorigin status >$W/learn-self.status
kill -INT $EO_WATCH
watch_end
expect_eq "self: no event of the watch itself" 0 "$(grep -c "\"pid\":$self," $W/learn-self.json)"
counted() { awk -v c="\"comm\":\"$2\"" 'index($0, c) {
	sub(/.*"count":/, ""); sub(/[,}].*/, ""); n += $0 } END { print n + 0 }' "$1"; }
expect_eq "self: none of errorigin's calls counted" 0 "$(counted $W/learn-self.top errorigin)"
expect_eq "self: eo-fail's four failures counted" 4 "$(counted $W/learn-self.top eo-fail)" ||
	sed 's/^/#   /' $W/learn-self.top
check "self: status says the holder's own calls are not captured" \
	grep -q "^held by:   process $self (watch): disarmed when it exits; its own calls are not captured" $W/learn-self.status
check "self: only read/EAGAIN was learned" sh -c "! grep -q 'recvmsg\|recvfrom' $W/learn-self.json.err"

# ... also of a capture another client armed ('start'): the kernel leaves a watch's calls
# out while its socket is open (QUIET), whoever armed
errorigin start -e EAGAIN >/dev/null 2>&1
errorigin top --reset >/dev/null
watch_start $W/quiet.json -j -T $(slow 60) -e EAGAIN --no-learn --no-kb
quiet=$EO_WATCH
eo-fail eagain 3 >/dev/null
wait_for $W/quiet.json '"syscall":"read"' 300
sleep 1
errorigin top -j -e EAGAIN >$W/quiet.top
errorigin status >$W/quiet.status
kill -INT $quiet
watch_end
errorigin status >$W/quiet-after.status
errorigin stop >/dev/null
expect_eq "quiet: a watch of a capture 'start' armed is shown eo-fail's 3 failures" 3 \
	"$(grep -c '"syscall":"read"' $W/quiet.json)"
expect_eq "quiet: none of the watch's own calls counted in the capture 'start' armed" 0 \
	"$(counted $W/quiet.top errorigin)" || sed 's/^/#   /' $W/quiet.top
check "quiet: status names the quiet client while it runs" \
	grep -q "^quiet:     1 client whose own calls are not captured" $W/quiet.status
check "quiet: and forgets it once its socket is closed" \
	sh -c "! grep -q '^quiet:' $W/quiet-after.status"

# a learning task asleep inside followed functions when learning ends: the return addresses
# the trampoline took go back on its stack, and after rmmod it wakes up and returns normally
rm -f $W/fifo && mkfifo $W/fifo
sleep $(slow 120) >$W/fifo &
writer=$!
watch_start $W/learn-asleep.json -j -T $(slow 60) -e EAGAIN -s read -c eo-fail --no-kb \
	--no-profiles
eo-fail eagain 1 >/dev/null
wait_for $W/learn-asleep.json.err "learning which kernel functions" 300
eo-fail readstdin <$W/fifo >$W/asleep.out &
reader=$!
sleep $(slow 1)
errorigin status | grep "^learning:" | sed 's/^/#   /'
kill -INT $EO_WATCH
watch_end
rmmod errorigin
ok $? "asleep: rmmod with a learning task asleep inside the learned syscall"
kill $writer
wait $writer 2>/dev/null
wait $reader
ok $? "asleep: it wakes up after the module is gone and returns from read normally"
expect_eq "asleep: its read returned end of file" "read 0" "$(tail -n 1 $W/asleep.out)"
insmod $KO

# unload in the middle of learning
watch_start $W/learn-rmmod.json -j -e ENOENT -s openat -c eo-fail
eo-fail enoent >/dev/null
wait_for $W/learn-rmmod.json.err "learning which kernel functions" 300
eo-fail storm 3 >/dev/null &
sp=$!
sleep 0.5
rmmod errorigin
ok $? "rmmod while learning, during a storm"
kill $sp 2>/dev/null
wait $sp 2>/dev/null
kill -INT $EO_WATCH 2>/dev/null
watch_end
expect_eq "no ftrace site stays in use after that rmmod" 0 "$(enabled_count)"
check "dmesg clean after learning" dmesg_clean
