#!/bin/sh
# 'make check': the unit tests, then on every kernel the VM suite and the stress lane, two VMs
# at a time; then the DKMS and install tests. Ends with one line "N passed, N failed".
# EO_CHECK_STRESS=A,R,S,F,U sizes the stress lane (arm cycles, reloads, storm seconds, fuzzed
# requests as root and as each refused user; default 100,20,10,10000,1000, about 4 minutes a
# kernel beside another VM; 0 leaves it out); EO_CHECK_DEBUG_STRESS the sanitizer kernel's
# (default 50,10,10,5000,500: everything is several times slower there). EO_DEBUG_TAGS
# names the sanitizer kernels (default 6.12-debug, built from source the first time, about
# 20 minutes on 2 cores; empty leaves them out).
set -u
. "$(dirname "$0")/common.sh"
cd "$TOP"
mkdir -p build
# preflight: every kernel line resolves to packages the archive serves now, before any VM
{ "$SCRIPTS/resolve-kernels.sh" 2>&1; echo $? >build/kernels.rc; } | tee build/kernels.log
if [ "$(cat build/kernels.rc)" != 0 ]; then
	echo "not ok - kernels: cannot resolve the kernel lines of scripts/kernels.conf (see above)"
	echo "0 passed, 1 failed"
	exit 1
fi
EO_KERNELS_RESOLVED_DONE=1
export EO_KERNELS_RESOLVED_DONE
make -s unit >build/unit.log 2>&1
unit_rc=$?
tests/scripts/resolve-test.sh >>build/unit.log 2>&1 || unit_rc=1
tests/scripts/lanes-test.sh >>build/unit.log 2>&1 || unit_rc=1
cat build/unit.log
make -s user test-helpers >>build/unit.log 2>&1
tags=${*:-$(kernel_tags)}
debug_tags=${EO_DEBUG_TAGS-6.12-debug}
# make stress's sizes are 1000 arm cycles, 200 reloads, a 20 s storm, 10^5 + 2 x 10^4 fuzzed
# requests; make check's smaller
stress_tags=
EO_CHECK_STRESS=${EO_CHECK_STRESS-100,20,10,10000,1000}
if [ -n "$EO_CHECK_STRESS" ] && [ "$EO_CHECK_STRESS" != 0 ]; then
	EO_STRESS=$EO_CHECK_STRESS
	EO_STRESS_DEBUG=${EO_CHECK_DEBUG_STRESS-50,10,10,5000,500}
	export EO_STRESS EO_STRESS_DEBUG
	stress_tags=$tags
fi
# the longest jobs first: the sanitizer kernel's, then the suites
{
	for t in $debug_tags $tags; do echo "prepare $t"; done
	for t in $debug_tags; do echo "suite $t"; [ -z "$stress_tags" ] || echo "stress $t"; done
	for t in $tags; do echo "suite $t"; done
	for t in $stress_tags; do echo "stress $t"; done
} >build/vm.jobs
{ scripts/vm-lanes.sh build/vm.jobs; echo $? >build/vm.rc; } | tee build/vm.log
vm_rc=$(cat build/vm.rc)
scripts/dkms-test.sh >build/dkms.log 2>&1
cat build/dkms.log
cat build/dkms.log >>build/vm.log
scripts/install-test.sh >build/install.log 2>&1
cat build/install.log
cat build/install.log >>build/vm.log
pass=$(( $(grep -c "^ok " build/unit.log) + $(grep -c "^ok " build/vm.log) ))
fail=$(( $(grep -c "^not ok " build/unit.log) + $(grep -c "^not ok " build/vm.log) ))
# a harness failure with no test line still fails the run
if [ $unit_rc != 0 ] && [ "$(grep -c "^not ok " build/unit.log)" = 0 ]; then
	fail=$((fail + 1))
	echo "not ok - unit tests did not build or run"
fi
if [ $vm_rc != 0 ] && [ "$(grep -c "^not ok " build/vm.log)" = 0 ]; then
	fail=$((fail + 1))
	echo "not ok - the VM harness failed"
fi
# the stress lane's figures, one line per kernel
grep "^# stress " build/vm.log
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
