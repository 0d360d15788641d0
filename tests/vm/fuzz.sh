# The netlink fuzzer (tests/stress/eo-fuzz.c): requests of every kind, valid and malformed,
# as root, as an unprivileged user and as root holding only CAP_NET_ADMIN (both refused
# everything); then the module must still capture and count exactly, unload, and leave
# dmesg clean. Not part of suite.sh: the stress lane sources it; alone, it runs with
# 'scripts/vm-test.sh fuzz TAG'.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

# request counts; whoever sources this part may set them first
FUZZ_ROOT=${FUZZ_ROOT:-100000}
FUZZ_USER=${FUZZ_USER:-10000}
[ -n "$FUZZ_ROOT" ] || FUZZ_ROOT=100000
[ -n "$FUZZ_USER" ] || FUZZ_USER=10000
CAP_NET_ADMIN=12

# fuzz_run NAME DESCRIPTION COMMAND...: a TAP line with the fuzzer's summary and time, then
# its figures and failures as comments
fuzz_run() {
	name=$1 desc=$2
	shift 2
	t0=$(date +%s)
	"$@" >$W/fuzz-$name.out 2>&1
	rc=$?
	sum=$(tail -n 1 $W/fuzz-$name.out)
	case $sum in
	"fuzz: sent "* | "owner-reuse: "*) ;;
	*) [ $rc = 0 ] && rc=1 ;;
	esac
	ok $rc "fuzz: $desc: $sum ($(($(date +%s) - t0)) s)"
	grep '^# eo-fuzz' $W/fuzz-$name.out
	grep '^# FAIL\|^#     ' $W/fuzz-$name.out | head -n 150
}

insmod $KO
ok $? "fuzz: insmod"

fuzz_run root "$FUZZ_ROOT requests as root" eo-fuzz $FUZZ_ROOT
check "fuzz: idle after the root run (it ends with a STOP)" \
	sh -c "errorigin status | grep -q 'capture:   idle'"
# what the root run checks ten times by chance, here pinned and real-time so that every
# check would hit a deferred release's window: the release of an owned arming's socket must
# not undo the arming that a new socket with the same port id made meanwhile
fuzz_run reuse "owned armings from a socket reopened at once survive" \
	eo-fuzz --owner-reuse 20

# armed for everyone while the refused runs go: events would flow if the group let them in
errorigin start
errorigin status | grep -E '^(capture|filters|origins):' >$W/fuzz-before.status
fuzz_run user "$FUZZ_USER requests as uid 65534" \
	eo-fail asuser 65534 eo-fuzz --expect-eperm $FUZZ_USER
fuzz_run netadmin "$FUZZ_USER requests as root with only CAP_NET_ADMIN" \
	eo-fail caps $CAP_NET_ADMIN eo-fuzz --expect-eperm $FUZZ_USER
for name in user netadmin; do
	n=$(tail -n 1 $W/fuzz-$name.out | sed -n 's/.*[(,] *EPERM \([0-9]*\).*/\1/p')
	[ "${n:-0}" -gt 0 ] 2>/dev/null
	ok $? "fuzz: $name: the requests that reached the module were refused (EPERM ${n:-none})"
done
errorigin status | grep -E '^(capture|filters|origins):' >$W/fuzz-after.status
check "fuzz: the refused runs changed nothing (same arming, same filter)" \
	cmp -s $W/fuzz-before.status $W/fuzz-after.status
errorigin stop

# the module still works: a failing open is counted exactly
errorigin start -e ENOENT
ok $? "fuzz: start -e ENOENT after the fuzzing"
eo-fail enoent 1 >$W/fuzz-enoent.pid
pid=$(sed -n 's/pid=\([0-9]*\).*/\1/p' $W/fuzz-enoent.pid)
errorigin top -j -p $pid >$W/fuzz-enoent.top
expect_eq "fuzz: one failing open counted exactly" "1 openat ENOENT 1" \
	"$(wc -l <$W/fuzz-enoent.top) $(field $W/fuzz-enoent.top syscall) $(field $W/fuzz-enoent.top errno) $(field $W/fuzz-enoent.top count)"
errorigin stop
ok $? "fuzz: stop"
rmmod errorigin
ok $? "fuzz: rmmod"
check "fuzz: dmesg has no WARNING/BUG/Oops/Call Trace" dmesg_clean
