# make bench: overhead of errorigin on a loop of failing openat + getppid, as ratios of the
# same loop without the module, measured in one VM run. Not a test: timings under TCG are
# noisy, so configurations are interleaved over several rounds and the median is taken.
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

# peer_start NAME READY-PATTERN CMD...: runs a peer in the host root until peer_stop
peer_start() {
	name=$1 ready=$2
	shift 2
	chroot /host "$@" >$R/peer_$name.out 2>&1 &
	PEER=$!
	n=0
	while [ $n -lt ${EO_PEER_WAIT:-2400} ] && kill -0 $PEER 2>/dev/null && ! grep -q "$ready" $R/peer_$name.out; do
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

N=${EO_BENCH_N:-100000}
ROUNDS=${EO_BENCH_ROUNDS:-7}
T=/sys/kernel/tracing
R=/tmp/bench
mkdir -p $R
run() { eo-fail bench $N >>$R/$1; }
for r in $(seq $ROUNDS); do
	run none
	echo 'id == -12345' >$T/events/raw_syscalls/sys_exit/filter
	echo 1 >$T/events/raw_syscalls/sys_exit/enable
	run tracepoint
	echo 0 >$T/events/raw_syscalls/sys_exit/enable
	echo 0 >$T/events/raw_syscalls/sys_exit/filter
	insmod /errorigin.ko
	run idle
	errorigin start
	run armed
	errorigin stop
	errorigin start --no-args
	run armed_noargs
	errorigin stop
	errorigin start -s openat -e ENOENT
	run armed_openat
	errorigin stop
	errorigin start -s mount
	run armed_mount
	errorigin stop
	rmmod errorigin
done
median() { sort -n $R/$1 | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
base=$(median none)
list="none tracepoint idle armed armed_noargs armed_openat armed_mount"
echo "# bench: $N x (failing openat + getppid), median of $ROUNDS rounds, kernel $(uname -r)"
for c in $list; do
	m=$(median $c)
	awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f ns/iteration  %.3fx\n", c, m / '$N', m / b }'
done
echo "# tracepoint:    the bare raw_syscalls:sys_exit ftrace event, never-matching filter"
echo "# idle:          errorigin.ko loaded, not armed"
echo "# armed:         every failing syscall captured (sys_exit tracepoint)"
echo "# armed_noargs:  the same without copying path arguments (start --no-args)"
echo "# armed_openat:  -s openat -e ENOENT: kretprobes on openat only (half the loop's calls)"
echo "# armed_mount:   -s mount: kretprobes on mount only; the loop's syscalls are not hooked"
echo "# bpftrace:      tracepoint:raw_syscalls:sys_exit aggregation of failures (peer)"
echo "# syscount:      syscount-bpfcc -x -P, failed syscalls per process (peer)"
# the peers, from the host root, against the same loop (started once: they load slowly)
if $peers; then
	plist=
	if peer_start bpftrace eo-ready bpftrace -B line -e \
		'BEGIN { printf("eo-ready\n"); } tracepoint:raw_syscalls:sys_exit /args->ret < 0/ { @[comm, args->id, args->ret] = count(); }'; then
		for r in 1 2 3; do run bpftrace; done
		plist="$plist bpftrace"
	else
		echo "# bpftrace did not start in time:"; sed 's/^/#   /' $R/peer_bpftrace.out | tail -n 5
	fi
	peer_stop
	if peer_start syscount Tracing env PYTHONUNBUFFERED=1 syscount-bpfcc -x -P; then
		for r in 1 2 3; do run syscount; done
		plist="$plist syscount"
	else
		echo "# syscount-bpfcc did not start in time:"; sed 's/^/#   /' $R/peer_syscount.out | tail -n 5
	fi
	peer_stop
	for c in $plist; do
		m=$(median $c)
		awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f ns/iteration  %.3fx\n", c, m / '$N', m / b }'
	done
fi

# --- origin mode: a mount storm where the mounts fail with ENOSPC (fs.mount-max) ---------
M=${EO_BENCH_MOUNTS:-3000}
mkdir -p /mnt/bench
old_max=$(cat /proc/sys/fs/mount-max)
wc -l </proc/self/mounts >/proc/sys/fs/mount-max
mrun() { eo-fail mountbench $M /mnt/bench >>$R/m_$1; }
insmod /errorigin.ko
errorigin start -f '*mount*,*mnt*' 2>$R/arm_origin
errorigin stop
rmmod errorigin
for r in $(seq $ROUNDS); do
	mrun none
	insmod /errorigin.ko
	errorigin start -e ENOSPC
	mrun capture
	errorigin stop
	errorigin start -e ENOSPC -f '*mount*,*mnt*' 2>/dev/null
	mrun origin
	errorigin stop
	errorigin start -s mount -e ENOSPC -f '*mount*,*mnt*' 2>/dev/null
	mrun origin_sysret
	errorigin stop
	rmmod errorigin
done
# zero-config: while a pair of mount is learning (mount/EPERM, which the storm never ends),
# and after the ENOSPC pair was learned and narrowed
wlearn() {	# wlearn NAME PATTERN WATCH-ARGS...: a watch in the background, once PATTERN shows
	name=$1 pat=$2
	shift 2
	errorigin watch -T 3000 "$@" >/dev/null 2>$R/w_$name &
	WPID=$!
}
wwait() { n=0; while [ $n -lt 600 ] && ! grep -q "$1" $R/w_$2; do sleep 0.1; n=$((n + 1)); done; }
for r in $(seq $ROUNDS); do
	sleep 1
	mrun none_l	# this block's own baseline: module unloaded a second ago, as here
	insmod /errorigin.ko
	wlearn learning x -s mount -e EPERM --learn-timeout 600
	wwait watching learning
	eo-fail asuser 65534 mount -t tmpfs none /mnt/bench 2>/dev/null
	wwait "learning which" learning
	mrun learning
	run learning_others
	kill -INT $WPID; wait $WPID
	wlearn narrowed x -s mount -e ENOSPC --save-profile $R/narrowed.profile
	wwait watching narrowed
	eo-fail mountbench 1 /mnt/bench >/dev/null
	wwait "learning which" narrowed
	eo-fail mountbench 1 /mnt/bench >/dev/null
	wwait "saved" narrowed
	cp $R/narrowed.profile $R/wide.profile
	eo-fail mountbench 1 /mnt/bench >/dev/null
	wwait "only its chain" narrowed
	sleep 1
	kill -INT $WPID; wait $WPID
	# the sets as they stay armed, without a watcher printing 3000 events
	errorigin start -s mount -e ENOSPC --profile $R/wide.profile 2>/dev/null
	mrun narrowed
	errorigin stop
	errorigin start -s mount -e ENOSPC --profile $R/narrowed.profile 2>/dev/null
	mrun chain
	errorigin stop
	rmmod errorigin
	run none_learn
done
mlist="none capture origin origin_sysret"
llist="none_l learning narrowed chain"
echo $old_max >/proc/sys/fs/mount-max
base=$(median m_none)
echo "# bench: $M x (mount tmpfs = ENOSPC + umount = EINVAL), median of $ROUNDS rounds"
for c in $mlist; do
	m=$(median m_$c)
	awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f us/iteration  %.3fx\n", c, m / '$M' / 1000, m / b }'
done
base=$(median m_none_l)
for c in $llist; do
	m=$(median m_$c)
	awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f us/iteration  %.3fx\n", c, m / '$M' / 1000, m / b }'
done
echo "# capture:        -e ENOSPC, no functions"
echo "# origin:         -e ENOSPC -f '*mount*,*mnt*' (sys_exit tracepoint + sys_enter)"
echo "# origin_sysret:  -s mount -e ENOSPC -f '*mount*,*mnt*' (kretprobe on mount only)"
echo "# none_l:         the baseline of the rows below, measured in their rounds"
echo "# learning:       watch -s mount -e EPERM while mount/EPERM is learning (every mount records)"
echo "# narrowed:       -s mount -e ENOSPC, the set watch learned and narrowed (no function named)"
echo "# chain:          the same once the origin was seen: only its chain stays armed"
sed -n 's/.*mount\/ENOSPC: the failing call entered/# narrowed set: of/p' $R/w_narrowed | tail -n 1
for p in wide narrowed; do
	echo "# $([ $p = wide ] && echo narrowed || echo chain) set: $(grep -v -c '^#\|^release\|^pair' $R/$p.profile) functions:" \
		$(grep -v '^#\|^release\|^pair' $R/$p.profile | cut -d' ' -f1 | head -n 100)
done
l=$(median learning_others) b=$(median none_learn)
awk -v m=$l -v b=$b 'BEGIN { printf "# %-16s %8.1f ns/iteration  %.3fx  (the openat + getppid loop while mount learns)\n", "learning_others", m / '$N', m / b }'

echo "# bpftrace_krp:   bpftrace kretprobe:*mount*,kretprobe:*mnt* counting return values (peer)"
sed 's/^/# arming: /' $R/arm_origin
# --- arming cost: 1000 functions -------------------------------------------------------
grep -v '\[' $T/available_filter_functions | head -n 4000 | tail -n 1500 >$R/f1500
insmod /errorigin.ko
errorigin start -F $R/f1500 2>$R/arm_1000
errorigin stop
rmmod errorigin
sed 's/^/# arming: /' $R/arm_1000

if $peers; then
	wc -l </proc/self/mounts >/proc/sys/fs/mount-max
	if peer_start bpftrace_krp eo-ready bpftrace -B line -e \
		'BEGIN { printf("eo-ready\n"); } kretprobe:*mount*,kretprobe:*mnt* { @[probe, retval] = count(); }'; then
		for r in 1 2 3; do mrun bpftrace_krp; done
		m=$(median m_bpftrace_krp)
		awk -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f us/iteration  %.3fx\n", "bpftrace_krp", m / '$M' / 1000, m / b }'
		sed -n 's/^Attaching/# bpftrace: attaching/p' $R/peer_bpftrace_krp.out
	else
		echo "# bpftrace kretprobes did not start in time:"; sed 's/^/#   /' $R/peer_bpftrace_krp.out | tail -n 5
	fi
	peer_stop
	echo $old_max >/proc/sys/fs/mount-max
fi

