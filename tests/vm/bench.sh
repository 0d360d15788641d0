# make bench: overhead of errorigin on a loop of failing openat + getppid, as ratios of the
# same loop without the module, measured in one VM run. Not a test: timings under TCG are
# noisy, so configurations are interleaved over several rounds and the median is taken.
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
echo "# bench: $N x (failing openat + getppid), median of $ROUNDS rounds, kernel $(uname -r)"
for c in none tracepoint idle armed armed_openat armed_mount; do
	m=$(median $c)
	awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f ns/iteration  %.3fx\n", c, m / '$N', m / b }'
done
echo "# tracepoint:    the bare raw_syscalls:sys_exit ftrace event, never-matching filter"
echo "# idle:          errorigin.ko loaded, not armed"
echo "# armed:         every failing syscall captured (sys_exit tracepoint)"
echo "# armed_openat:  -s openat -e ENOENT: kretprobes on openat only (half the loop's calls)"
echo "# armed_mount:   -s mount: kretprobes on mount only; the loop's syscalls are not hooked"

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
echo $old_max >/proc/sys/fs/mount-max
base=$(median m_none)
echo "# bench: $M x (mount tmpfs = ENOSPC + umount = EINVAL), median of $ROUNDS rounds"
for c in none capture origin origin_sysret; do
	m=$(median m_$c)
	awk -v c=$c -v m=$m -v b=$base 'BEGIN { printf "# %-16s %8.1f us/iteration  %.3fx\n", c, m / '$M' / 1000, m / b }'
done
echo "# capture:        -e ENOSPC, no functions"
echo "# origin:         -e ENOSPC -f '*mount*,*mnt*' (sys_exit tracepoint + sys_enter)"
echo "# origin_sysret:  -s mount -e ENOSPC -f '*mount*,*mnt*' (kretprobe on mount only)"
sed 's/^/# arming: /' $R/arm_origin

# --- arming cost: 1000 functions -------------------------------------------------------
grep -v '\[' $T/available_filter_functions | head -n 4000 | tail -n 1500 >$R/f1500
insmod /errorigin.ko
errorigin start -F $R/f1500 2>$R/arm_1000
errorigin stop
rmmod errorigin
sed 's/^/# arming: /' $R/arm_1000
