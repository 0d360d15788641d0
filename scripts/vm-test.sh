#!/bin/sh
# Builds the module for each kernel of kernels.conf (or the tags given), boots each once
# under QEMU with the in-guest suite, and prints the TAP results followed by a summary line
# per kernel. Exit status 0 only when every kernel ran every test and all passed.
# usage: vm-test.sh [MODE] [TAG...]   (MODE: suite (default), demo, bench)
# TAG may also be a debug tag, e.g. 6.12-debug: that line's kernel built from source with
# the sanitizers on (scripts/build-debug-kernel.sh); not among the default tags.
set -eu
. "$(dirname "$0")/common.sh"
mode=suite
# MODE may also name any tests/vm/MODE.sh, e.g. learn, to run one part of the suite alone
case ${1:-} in suite|demo|bench) mode=$1; shift ;; esac
if [ -n "${1:-}" ] && [ -f "$TOP/tests/vm/$1.sh" ]; then mode=$1; shift; fi
tags=${*:-$(kernel_tags)}
kernels_resolve
make -s -C "$TOP" user test-helpers >&2
"$SCRIPTS/fetch-kernels.sh" $tags
status=0
for tag in $tags; do
	rel=$(kernel_release "$tag")
	# the suite's results where they always were; other modes beside them, so that two
	# modes can run on one kernel at once
	out="$TOP/build/$rel"
	[ "$mode" = suite ] || out="$out/$mode"
	# bench: the empty sys_exit probe, the floor errorigin's capture is measured against
	extra= extrako=
	[ "$mode" != bench ] || { extra=tests/bench; extrako=$out/tests/bench/emptyprobe.ko; }
	"$SCRIPTS/build-kmod.sh" "$tag" "$out" tests/simfail $extra
	# (a debug tag has no module tree there: its 9p and overlayfs are built in)
	"$SCRIPTS/mkinitramfs.sh" "$out/initramfs.gz" "$out/kmod/errorigin.ko" \
		"$out/tests/simfail/simfail.ko" "$(kernel_root "$tag")/lib/modules/$rel" $extrako
	# vmlinux debug info for the kernels of EO_DEBUGINFO_TAGS (default: one kretprobe and
	# one fprobe kernel, each -dbg package is about 1 GB to download; and the debug kernel's
	# own vmlinux, already on disk)
	dbg=
	case " ${EO_DEBUGINFO_TAGS-6.1 6.12 6.12-debug} " in
	*" $tag "*)
		case $mode in
		suite|srcline) dbg=$("$SCRIPTS/fetch-debuginfo.sh" "$tag") ;;	# not demo, bench
		esac ;;
	esac
	log "booting $rel ($mode)"
	EO_DEBUG_DIR=$dbg "$SCRIPTS/run-vm.sh" "$tag" "$out/initramfs.gz" "$out/vm" "$mode" >"$out/tap.log" || status=1
	grep -v '^# stock-profile: ' "$out/tap.log" |
		sed "s/^\(ok\|not ok\) \([0-9]*\) - /\1 \2 - [$tag] /"
	# the chains the hints part saw (tests/vm/hints.sh), this kernel's stock profile:
	# scripts/update-profiles.sh takes them into profiles/
	if grep -q '^# stock-profile: ' "$out/tap.log"; then
		mkdir -p "$TOP/build/profiles"
		sed -n 's/^# stock-profile: //p' "$out/tap.log" >"$TOP/build/profiles/$rel.profile"
	fi
	[ "$mode" != demo ] && [ "$mode" != bench ] || continue
	pass=$(grep -c "^ok " "$out/tap.log" || true)
	fail=$(grep -c "^not ok " "$out/tap.log" || true)
	if [ "$fail" != 0 ] || [ "$pass" = 0 ]; then
		status=1
	fi
	echo "# kernel $tag ($rel): $pass passed, $fail failed"
done
# bench: each kernel's summary table again, together at the end
if [ "$mode" = bench ]; then
	for tag in $tags; do
		rel=$(kernel_release "$tag")
		echo "#"
		echo "# bench summary, kernel $tag ($rel), figures in instructions (guest ns under icount)"
		sed -n '/^# summary /,$p' "$TOP/build/$rel/bench/tap.log" | sed '1d; /^# done/d; s/^# summary-note /# /'
	done
	echo "# instruction counts leave out cache misses and atomics: what those cost (F10's shared"
	echo "# counters against per-CPU ones, say) shows only on hardware"
fi
exit $status
