#!/bin/sh
# Boots one kernel of kernels.conf (or a debug tag's) under QEMU (TCG) with the test initramfs and prints
# what the guest wrote on its result port (TAP lines). Exits non-zero when the guest did not
# finish or the console shows a kernel splat.
# usage: run-vm.sh TAG INITRAMFS OUTDIR [MODE]   (MODE: suite, demo, bench: tests/vm/MODE.sh)
set -eu
. "$(dirname "$0")/common.sh"
tag=$1 initrd=$2 out=$3 mode=${4:-suite}
kernels_resolve
root=$(kernel_root "$tag")
mkdir -p "$out"
rm -f "$out/console.log" "$out/result.log"
# Single-threaded TCG: multi-threaded TCG races with the kernel's own code patching
# (ftrace, static keys) and an int3 Oops at boot was seen with it.
accel=${EO_ACCEL:-tcg,thread=single}
# bench: the host's root, read-only, for the peers (bpftrace, BCC) installed on the host.
# Its guest clock counts instructions (icount, shift=0: 1 ns = 1 instruction; sleep=off: idle
# time jumps to the next timer instead of following the host), so the figures do not depend
# on the host's load; one CPU, so the module's drain worker is paid on the measured CPU.
share= mem=1024 smp=2 icount= benchenv=
if [ "$mode" = bench ]; then
	share="-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on"
	mem=3072	# bpftrace's LLVM in the guest
	smp=1 icount="-icount shift=0,sleep=off"
	# EO_BENCH_* for the guest's bench.sh: the kernel hands unknown NAME=VALUE words of its
	# command line to init as environment (values without blanks only)
	benchenv=$(env | grep '^EO_BENCH_[A-Z_]*=[^ ]*$' | tr '\n' ' ')
fi
# the kernel's vmlinux debug info, when fetched for it (scripts/fetch-debuginfo.sh)
debug=
if [ -n "${EO_DEBUG_DIR:-}" ]; then
	share="$share -virtfs local,path=$EO_DEBUG_DIR,mount_tag=debug,security_model=none,readonly=on"
	debug=" eo_debug=1"
	mem=2048	# the debuginfod test's client cache holds the 0.6 GB vmlinux in tmpfs
fi
# the console shows the kernel's errors; what the host looks for there (report headers)
loglevel=4 splat="WARNING:|BUG:|Oops|Call Trace|general protection" after=5 context=40
# how many times slower than a Debian kernel the guest is: the tests' time limits scale by it
slow=${EO_SLOW:-1}
if [ "$(kernel_field "$tag" 3)" = debug ]; then
	# the sanitizer kernel: KASAN's shadow (1/8 of RAM), kmemleak's and lockdep's records
	mem=$((mem + 1024))
	# everything is several times slower under KASAN and TCG
	: "${EO_VM_TIMEOUT:=$([ "$mode" = bench ] && echo 9000 || echo 7200)}"
	slow=${EO_SLOW:-5}
	# its stress lane may be sized apart (make check: smaller, for the time budget)
	EO_STRESS=${EO_STRESS_DEBUG:-${EO_STRESS:-}}
	# WARN and lockdep report at KERN_WARNING, below loglevel 4; their headers, and those of
	# the other sanitizers (the boot's own lines name lockdep and KASAN harmlessly)
	loglevel=5 after=30 context=150
	splat="$splat|UBSAN:|ODEBUG:|sleeping function called|self-detected stall|detected stalls on CPUs"
	splat="$splat|RCU stall|possible circular locking|possible recursive locking|inconsistent lock state"
	splat="$splat|suspicious RCU usage|new suspected memory leaks|blocked for more than|list_(add|del) corruption"
fi
# a suite takes about 9 min on an idle 2-core host; the limit is for a hung guest.
# bench: icount runs slower than plain TCG, and the host may be busy with other VMs
[ "$mode" = bench ] && : "${EO_VM_TIMEOUT:=5400}"
[ "$mode" = stress ] && : "${EO_VM_TIMEOUT:=3600}"
# EO_QEMU_EXTRA: more QEMU options for a developer's run (a -plugin, say)
# shellcheck disable=SC2086
timeout "${EO_VM_TIMEOUT:-1200}" qemu-system-x86_64 $share -machine q35 -accel "$accel" $icount \
	-cpu max -smp $smp -m $mem ${EO_QEMU_EXTRA:-} \
	-nographic -no-reboot -monitor none \
	-kernel "$root/vmlinuz" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=$loglevel eo_mode=$mode eo_peers=${EO_BENCH_PEERS:-1} eo_slow=$slow$debug${EO_STRESS:+ eo_stress=$EO_STRESS} $benchenv" \
	-serial "file:$out/console.log" -serial "file:$out/result.log" >/dev/null 2>&1 || true
cat "$out/result.log"
status=0
if ! grep -q "^# done" "$out/result.log"; then
	echo "not ok - $tag: the guest did not finish (see $out/console.log)"
	tail -n 30 "$out/console.log" | sed 's/^/# /'
	status=1
fi
# less the kernel's reports of allocations failed on purpose (the stress lane's injection)
awk -f "$TOP/tests/vm/injected-alloc-reports.awk" "$out/console.log" >"$out/console.reports"
if grep -E "$splat" "$out/console.reports" >/dev/null; then
	echo "not ok - $tag: kernel splat on the console (see $out/console.log)"
	grep -E -A$after "$splat" "$out/console.reports" | head -n $context | sed 's/^/# /'
	status=1
fi
exit $status
