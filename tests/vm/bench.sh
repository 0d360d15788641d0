# make bench: the cost of errorigin on a loop of failing openat + getppid and on a mount
# storm, as ratios of the same loop without the module, in one VM run per kernel. Not a test.
# The VM runs under QEMU's icount (scripts/run-vm.sh): the guest clock counts instructions
# (1 ns = 1 instruction), so the figures do not depend on what the host runs. They still move
# a little from run to run with the kernel's own state (how many slab pages a run allocates
# and clears: about 0.5% on the openat loop, 5-10% on the mount storm), so configurations are
# interleaved over rounds (EO_BENCH_ROUNDS, EO_BENCH_MOUNT_ROUNDS) and the median is taken.
# The peers run from the host's root, shared read-only over 9p, with a writable overlay.
. /tests/vm/lib.sh
peers=false
if ! grep -q "eo_peers=0" /proc/cmdline && load_9p 2>/dev/null; then
	mkdir -p /host9p /host /tmp/ovl/up /tmp/ovl/work
	if mount -t 9p -o trans=virtio,version=9p2000.L,ro hostroot /host9p 2>/dev/null &&
	   mount -t overlay overlay -o lowerdir=/host9p,upperdir=/tmp/ovl/up,workdir=/tmp/ovl/work /host; then
		mount -o rbind /proc /host/proc
		mount -o rbind /sys /host/sys
		mount -o rbind /dev /host/dev
		mount -t tmpfs tmpfs /host/tmp
		# BCC and bpftrace compile against the running kernel's headers: Debian's two
		# halves (arch and common) from the cache, merged into one tree
		rel=$(uname -r)
		src=/host9p/var/cache/errorigin/kernels/$rel/usr/src
		if [ -d $src/linux-headers-$rel ]; then
			mkdir -p /host/tmp/kh /host/lib/modules/$rel
			mount -t overlay overlay \
				-o lowerdir=$src/linux-headers-$rel:$src/linux-headers-${rel%-amd64}-common \
				/host/tmp/kh && ln -sf /tmp/kh /host/lib/modules/$rel/build
		fi
		peers=true
	fi
fi
echo "# peers: $($peers && echo "host root mounted over 9p" || echo "not available (no 9p modules or share)")"
# what every call and return costs depends on the mitigations the kernel chose for this CPU
v=/sys/devices/system/cpu/vulnerabilities
echo "# clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)"
echo "# cpu: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); spectre_v2: $(cat $v/spectre_v2 2>/dev/null); retbleed: $(cat $v/retbleed 2>/dev/null)"

# peer_start NAME READY-PATTERN CMD...: runs a peer in the host root until peer_stop.
# EO_PEER_WAIT is in guest tenths of a second: with icount a second is 10^9 instructions.
peer_start() {
	name=$1 ready=$2
	shift 2
	chroot /host "$@" >$R/peer_$name.out 2>&1 &
	PEER=$!
	n=0
	while [ $n -lt ${EO_PEER_WAIT:-6000} ] && kill -0 $PEER 2>/dev/null && ! grep -qs "$ready" $R/peer_$name.out; do
		sleep 0.1
		n=$((n + 1))
	done
	grep -q "$ready" $R/peer_$name.out
}
peer_stop() {	# SIGINT (the peers print their maps), then SIGKILL if it is not heeded
	kill -INT $PEER 2>/dev/null
	n=0
	while [ $n -lt 100 ] && kill -0 $PEER 2>/dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -KILL $PEER 2>/dev/null
	pkill -KILL -f bpftrace 2>/dev/null
	pkill -KILL -f syscount 2>/dev/null
	wait $PEER 2>/dev/null
}

N=${EO_BENCH_N:-300000}
ROUNDS=${EO_BENCH_ROUNDS:-3}
NL=$((N / 3))		# the openat loop while mount learns: 2x slower, in every learning round
M=${EO_BENCH_MOUNTS:-3000}
MR=${EO_BENCH_MOUNT_ROUNDS:-5}
T=/sys/kernel/tracing
R=/tmp/bench
mkdir -p $R
: >$R/summary
# eo-fail prints the elapsed guest ns and the part of it the loop's own process ran
# (each step is told with the guest's uptime: a run that is slow in host time shows where)
step() { echo "# step: $* at $(cut -d' ' -f1 /proc/uptime) s of guest time"; }
run() { step "$1"; eo-fail bench ${2:-$N} >>$R/$1; }
mrun() { step "m_$1"; eo-fail mountbench $M /mnt/bench >>$R/m_$1; }
median() { sort -n $R/$1 | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }
# show NAME FILE BASE-FILE ITERATIONS DESCRIPTION: one row, printed now and kept for the
# summary: instructions per iteration in all, the ratio to BASE, and how many of them ran
# in other tasks (workers, RCU callbacks) rather than in the loop's process
show() {
	[ -s $R/$2 ] && [ -s $R/$3 ] || return 0	# a configuration this run left out
	median $2 >$R/.m
	median $3 >$R/.b
	cat $R/.m $R/.b | awk -v c="$1" -v n=$4 -v d="$5" -v s=$R/summary '
		NR == 1 { m = $1; o = $1 - $2 }
		NR == 2 { b = $1 }
		END {
			printf "# %-16s %8.0f instructions/iteration  %.3fx  (%.0f in other tasks)\n",
				c, m / n, m / b, o / n
			printf "| %s | %.0f | %.3fx | %.0f |\n", d, m / n, m / b, o / n >>s
		}'
}
# origin_of FILE: the origin of the last event of a JSON watch
origin_of() { tail -n 1 "$1" | sed -n 's/.*"origin":{"func":"\([^"]*\)"[^}]*"ret":\(-*[0-9]*\)[,}].*/\1 (returned \2)/p'; }
# origin_check NAME FUNCS: arms FUNCS and keeps what watch says of a failing openat; the
# openat repeats until the watch has its event (on 6.1 a kretprobe armed right after another
# was removed can miss the first calls)
origin_check() {
	errorigin watch -j -n 1 -T 60 -c eo-fail -s openat -e ENOENT -f "$2" >$R/o_$1.json 2>$R/o_$1.err &
	wpid=$!
	wait_for $R/o_$1.err watching 600
	while kill -0 $wpid 2>/dev/null; do
		eo-fail enoent 1 >/dev/null
		sleep 0.5
	done
	wait $wpid
}
# --- the openat + getppid loop -----------------------------------------------------------
# Functions a failing openat of /nonexistent/bench goes through, for origin mode: a wide
# glob as a user would write it, and the chain itself (what learning narrows to)
OPEN_WIDE=${EO_BENCH_OPEN_WIDE:-'*lookup*,*open*'}
OPEN_CHAIN=${EO_BENCH_OPEN_CHAIN:-'do_sys_openat2,do_filp_open,path_openat,link_path_walk*,walk_component,lookup_fast,step_into*,lookup_slow,__lookup_slow'}
# EO_BENCH_QUICK=1: the capture rows of this loop only (no origin, peers, storm or arming);
# EO_BENCH_QUICK=learn: the learning rounds only (the learning hook's cost and arm time)
quick=${EO_BENCH_QUICK:-0}
insmod /errorigin.ko
echo "# errorigin's failure stamps: $(errorigin status | sed -n 's/^clock: *//p')"
rmmod errorigin
if [ "$quick" = 0 ]; then
	insmod /errorigin.ko
	origin_check wide "$OPEN_WIDE"
	origin_check chain "$OPEN_CHAIN"
	rmmod errorigin
else
	peers=false
fi
run warmup	# the first run after boot shares the CPU with the end of boot
[ "$quick" = learn ] && ROUNDS=0
for r in $(seq $ROUNDS); do
	run none
	insmod /emptyprobe.ko
	run empty
	rmmod emptyprobe
	echo 'id == -12345' >$T/events/raw_syscalls/sys_exit/filter
	echo 1 >$T/events/raw_syscalls/sys_exit/enable
	run tracepoint
	echo 0 >$T/events/raw_syscalls/sys_exit/enable
	echo 0 >$T/events/raw_syscalls/sys_exit/filter
	insmod /errorigin.ko
	run idle
	# the hook up to its errno filter: the loop fails with ENOENT
	errorigin start -e EPERM --no-kb
	run filtered
	errorigin stop
	# the same with the knowledge base's origins of EPERM followed (the default)
	errorigin start -e EPERM 2>$R/arm_kb
	run filtered_kb
	errorigin stop
	errorigin start
	run armed
	errorigin stop
	errorigin start --no-args
	run armed_noargs
	errorigin stop
	[ "$quick" = 0 ] || { rmmod errorigin; continue; }
	# origin mode with a function the loop never enters: the syscall hooks alone
	errorigin start -e ENOENT -f path_mount 2>/dev/null
	run origin_idle
	errorigin stop
	errorigin start -e ENOENT -f "$OPEN_WIDE" 2>$R/arm_wide
	run origin_wide
	errorigin stop
	errorigin start -e ENOENT -f "$OPEN_CHAIN" 2>$R/arm_chain
	run origin_chain
	errorigin stop
	errorigin start -s openat -e ENOENT
	run armed_openat
	errorigin stop
	errorigin start -s mount
	run armed_mount
	errorigin stop
	rmmod errorigin
done
echo "| configuration | instructions/iteration | ratio | of which in other tasks |" >>$R/summary
echo "|---|---|---|---|" >>$R/summary
if [ "$quick" != learn ]; then
	echo "# bench: $N x (failing openat + getppid), median of $ROUNDS rounds, kernel $(uname -r)"
	show none none none $N "baseline (no module)"
	show empty empty none $N "empty probe on sys_exit (the floor)"
	show tracepoint tracepoint none $N "ftrace sys_exit event, never-matching filter"
	show idle idle none $N "errorigin loaded, not armed"
	show filtered filtered none $N "armed -e EPERM --no-kb: every failure filtered out"
	show filtered_kb filtered_kb none $N "armed -e EPERM, the knowledge base's origins followed"
	show armed armed none $N "capture-all (start)"
	show armed_noargs armed_noargs none $N "capture-all without path strings (--no-args)"
	show origin_idle origin_idle none $N "origin: -e ENOENT -f path_mount (never entered here)"
	show origin_wide origin_wide none $N "origin: -e ENOENT -f '$OPEN_WIDE'"
	show origin_chain origin_chain none $N "origin: -e ENOENT -f (the openat chain)"
	show armed_openat armed_openat none $N "-s openat -e ENOENT (kretprobe on openat)"
	show armed_mount armed_mount none $N "-s mount (the loop's syscalls not hooked)"
	# how far the rounds of one configuration are apart
	for c in none armed; do
		sort -n $R/$c | awk -v c=$c '{ v[NR] = $1; s = s " " $1 } END {
			printf "# rounds: %-6s%s instructions in all: %.2f%% apart\n", c, s, (v[NR] - v[1]) * 100 / v[1] }' |
			tee -a $R/notes
	done
	# each iteration captures exactly one failure (the openat; getppid succeeds)
	for c in armed armed_noargs; do
		median $c >$R/.m
		median empty >$R/.b
		cat $R/.m $R/.b | awk -v c=$c 'NR == 1 { m = $1; mt = $2 } NR == 2 { e = $1; et = $2 } END {
			printf "# %s: %.0f instructions per captured failure above the empty probe: %.0f in the failing task, %.0f in other tasks\n",
				c, (m - e) / '$N', (mt - et) / '$N', ((m - mt) - (e - et)) / '$N' }' | tee -a $R/notes
	done
	echo "# empty:         a no-op probe on the raw_syscalls:sys_exit tracepoint (tests/bench)"
	echo "# tracepoint:    the bare raw_syscalls:sys_exit ftrace event, never-matching filter"
	echo "# idle:          errorigin.ko loaded, not armed"
	echo "# filtered:      -e EPERM: the sys_exit hook, up to the errno filter, on every failure"
	echo "# armed:         every failing syscall captured (sys_exit tracepoint)"
	echo "# armed_noargs:  the same without copying path arguments (start --no-args)"
	echo "# origin_idle:   -e ENOENT -f path_mount: the sys_enter and sys_exit hooks on every syscall, no session"
	echo "# origin_wide:   -e ENOENT -f '$OPEN_WIDE': sessions (sys_enter + sys_exit), fprobes or kretprobes"
	echo "# origin_chain:  -e ENOENT -f '$OPEN_CHAIN'"
	echo "# armed_openat:  -s openat -e ENOENT: kretprobes on openat only (half the loop's calls)"
	echo "# armed_mount:   -s mount: kretprobes on mount only; the loop's syscalls are not hooked"
	for o in wide chain; do
		[ "$quick" = 0 ] || continue
		sed -n "s/^errorigin: armed/# origin_$o: armed/p" $R/arm_$o
		echo "# origin_$o: the failing openat's origin: $(origin_of $R/o_$o.json)" | tee -a $R/notes
	done
fi
# the peers, from the host root, against the same loop (started once: they load slowly)
if $peers; then
	if peer_start bpftrace eo-ready bpftrace -B line -e \
		'BEGIN { printf("eo-ready\n"); } tracepoint:raw_syscalls:sys_exit /args->ret < 0/ { @[comm, args->id, args->ret] = count(); }'; then
		for r in $(seq $ROUNDS); do run bpftrace; done
		show bpftrace bpftrace none $N "bpftrace sys_exit aggregation of failures (peer)"
	else
		echo "# bpftrace did not start in time:"; sed 's/^/#   /' $R/peer_bpftrace.out | tail -n 5
	fi
	peer_stop
	if peer_start syscount Tracing env PYTHONUNBUFFERED=1 syscount-bpfcc -x -P; then
		for r in $(seq $ROUNDS); do run syscount; done
		show syscount syscount none $N "syscount-bpfcc -x -P (peer)"
	else
		echo "# syscount-bpfcc did not start in time:"; sed 's/^/#   /' $R/peer_syscount.out | tail -n 5
	fi
	peer_stop
fi

if [ "$quick" != 1 ]; then
	# --- origin mode: a mount storm where the mounts fail with ENOSPC (fs.mount-max) ---------
	mkdir -p /mnt/bench
	old_max=$(cat /proc/sys/fs/mount-max)
	wc -l </proc/self/mounts >/proc/sys/fs/mount-max
	insmod /errorigin.ko
	errorigin start -f '*mount*,*mnt*' 2>$R/arm_origin
	errorigin stop
	rmmod errorigin
	for r in $(seq $MR); do
		[ "$quick" = learn ] && break
		mrun none
		insmod /errorigin.ko
		errorigin start -e ENOSPC --no-kb
		mrun capture
		errorigin stop
		errorigin start -e ENOSPC 2>/dev/null
		mrun kb
		errorigin stop
		errorigin start -e ENOSPC -f '*mount*,*mnt*' 2>/dev/null
		mrun origin
		errorigin stop
		errorigin start -s mount -e ENOSPC -f '*mount*,*mnt*' 2>/dev/null
		mrun origin_sysret
		errorigin stop
		# mounts that succeed: what following the knowledge base's origins costs when
		# nothing fails
		echo $old_max >/proc/sys/fs/mount-max
		mrun ok_kb_none
		errorigin start -e ENOSPC 2>/dev/null
		mrun ok_kb
		errorigin stop
		wc -l </proc/self/mounts >/proc/sys/fs/mount-max
		rmmod errorigin
	done
	# zero-config: while a pair of mount is learning (mount/EPERM, which the storm never ends),
	# and after the ENOSPC pair was learned and narrowed
	wlearn() {	# wlearn NAME WATCH-ARGS...: a watch in the background
		name=$1
		shift
		step "watch $name"
		errorigin watch -T 3000 "$@" >/dev/null 2>$R/w_$name &
		WPID=$!
	}
	wwait() { wait_for $R/w_$2 "$1" 600; }
	# wnext PATTERN NAME CMD...: CMD (a failure) until the watch says PATTERN: a failure right after
	# arming may be missed (see origin_check), and each step must see one
	wnext() {
		pat=$1 name=$2 n=0
		shift 2
		while [ $n -lt 10 ]; do
			"$@" >/dev/null 2>&1
			wait_for $R/w_$name "$pat" 100 && return 0
			n=$((n + 1))
		done
		echo "# $name: '$pat' did not show" | tee -a $R/notes
		sed 's/^/#   /' $R/w_$name | tail -n 20
		return 1
	}
	for r in $(seq $MR); do
		sleep 1
		mrun none_l	# this block's own baseline: module unloaded a second ago, as here
		insmod /errorigin.ko
		wlearn learning -s mount -e EPERM --no-kb --no-profiles --learn-timeout 600
		wwait watching learning
		wnext "learning which" learning eo-fail asuser 65534 mount -t tmpfs none /mnt/bench
		mrun learning
		run learning_others $NL
		kill -INT $WPID; wait $WPID
		wlearn narrowed -s mount -e ENOSPC --no-kb --no-profiles --save-profile $R/narrowed.profile
		wwait watching narrowed
		wnext "learning which" narrowed eo-fail mountbench 1 /mnt/bench
		wnext "saved" narrowed eo-fail mountbench 1 /mnt/bench
		cp $R/narrowed.profile $R/wide.profile
		wnext "only its chain" narrowed eo-fail mountbench 1 /mnt/bench
		sleep 1
		kill -INT $WPID; wait $WPID
		# the sets as they stay armed, without a watcher printing 3000 events
		errorigin start -s mount -e ENOSPC --no-kb --no-profiles --profile $R/wide.profile 2>/dev/null
		mrun narrowed
		errorigin stop
		errorigin start -s mount -e ENOSPC --no-kb --no-profiles --profile $R/narrowed.profile 2>/dev/null
		mrun chain
		errorigin stop
		rmmod errorigin
		run none_learn $NL
	done
	echo $old_max >/proc/sys/fs/mount-max
	echo "# bench: $M x (mount tmpfs = ENOSPC + umount = EINVAL), median of $MR rounds"
	show m_none m_none m_none $M "mount storm: baseline"
	show m_capture m_capture m_none $M "mount storm: capture -e ENOSPC --no-kb"
	show m_kb m_kb m_none $M "mount storm: -e ENOSPC, the knowledge base's origins followed"
	show m_origin m_origin m_none $M "mount storm: origin -e ENOSPC -f '*mount*,*mnt*'"
	show m_origin_sysret m_origin_sysret m_none $M "mount storm: the same with -s mount"
	show m_ok_kb_none m_ok_kb_none m_ok_kb_none $M "mounts that succeed (mount + umount): module loaded, idle"
	show m_ok_kb m_ok_kb m_ok_kb_none $M "mounts that succeed: -e ENOSPC, the knowledge base's origins followed"
	show m_none_l m_none_l m_none $M "mount storm: baseline of the learning rounds"
	show m_learning m_learning m_none_l $M "mount storm while a pair of mount is learning"
	show m_narrowed m_narrowed m_none_l $M "mount storm: the learned, narrowed set"
	show m_chain m_chain m_none_l $M "mount storm: only the origin's chain"
	show learning_others learning_others none_learn $NL "openat + getppid loop while mount learns"
	echo "# capture:        -e ENOSPC, no functions"
	echo "# origin:         -e ENOSPC -f '*mount*,*mnt*' (sys_exit tracepoint + sys_enter)"
	echo "# origin_sysret:  -s mount -e ENOSPC -f '*mount*,*mnt*' (kretprobe on mount only)"
	echo "# none_l:         the baseline of the learning rows, measured in their rounds"
	echo "# learning:       watch -s mount -e EPERM while mount/EPERM is learning (every mount records)"
	echo "# narrowed:       -s mount -e ENOSPC, the set watch learned and narrowed (no function named)"
	echo "# chain:          the same once the origin was seen: only its chain stays armed"
	echo "# learning_others: the openat + getppid loop while mount learns (every other task)"
	sed -n 's/.*mount\/ENOSPC: the failing call entered/# narrowed set: of/p' $R/w_narrowed | tail -n 1
	# what arming the learning hook took (guest ms: 10^6 instructions each), and what the
	# other tasks paid while it was live, as watch prints them
	sed -n 's/.*mount\/EPERM: learning which.*: \([0-9]* functions hooked in [0-9]* ms\).*/# learning hook: \1 of guest time (instructions: ms x 10^6)/p' $R/w_learning | tail -n 1 | tee -a $R/notes
	sed -n 's/.*mount\/ENOSPC: \(the learning hook was live .*\)/# learning: \1/p' $R/w_narrowed | tail -n 1 | tee -a $R/notes
	grep -q "and what they return" $R/w_narrowed &&
		echo "# learning: the hook follows returns (the x86-64 trampoline): the failure it learns from has its origin" | tee -a $R/notes
	for p in wide narrowed; do
		echo "# $([ $p = wide ] && echo narrowed || echo chain) set: $(grep -v -c '^#\|^release\|^pair' $R/$p.profile) functions:" \
			$(grep -v '^#\|^release\|^pair' $R/$p.profile | cut -d' ' -f1 | head -n 100)
	done
	sed 's/^/# arming: /' $R/arm_origin
	# --- arming cost: 1000 functions (guest ms: 10^6 instructions each) -----------------------
	if [ "$quick" = learn ]; then
		peers=false
	else
		grep -v '\[' $T/available_filter_functions | head -n 4000 | tail -n 1500 >$R/f1500
		insmod /errorigin.ko
		errorigin start -F $R/f1500 2>$R/arm_1000
		errorigin stop
		rmmod errorigin
		sed 's/^/# arming: /' $R/arm_1000
	fi

	if $peers; then
		wc -l </proc/self/mounts >/proc/sys/fs/mount-max
		if peer_start bpftrace_krp eo-ready bpftrace -B line -e \
			'BEGIN { printf("eo-ready\n"); } kretprobe:*mount*,kretprobe:*mnt* { @[probe, retval] = count(); }'; then
			for r in $(seq $MR); do mrun bpftrace_krp; done
			show bpftrace_krp m_bpftrace_krp m_none_l $M "mount storm: bpftrace kretprobes on *mount*,*mnt* (peer)"
			sed -n 's/^Attaching/# bpftrace: attaching/p' $R/peer_bpftrace_krp.out
		else
			echo "# bpftrace kretprobes did not start in time:"; sed 's/^/#   /' $R/peer_bpftrace_krp.out | tail -n 5
		fi
		peer_stop
		echo $old_max >/proc/sys/fs/mount-max
	fi
fi

# the summary, for scripts/vm-test.sh to gather after the last kernel
echo "# summary $(uname -r)"
sed 's/^/# /' $R/summary
sed 's/^# /# summary-note /' $R/notes
