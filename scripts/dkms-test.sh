#!/bin/sh
# 'make check' part: installs Debian's 6.1 headers on the host for real and runs
# 'dkms add' + 'dkms build' against them, as a user installing errorigin would. TAP output.
set -u
. "$(dirname "$0")/common.sh"
kernels_resolve
rel=$(kernel_release 6.1)
ver=$(kernel_pkg 6.1 6 | cut -d= -f2)
t=0
tap() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - dkms: $2"; else echo "not ok $t - dkms: $2"; fi; }
if ! dpkg-query -W -f='${Status}' "linux-headers-$rel" 2>/dev/null | grep -q "ok installed"; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"linux-headers-$rel=$ver" >/tmp/errorigin-dkms-apt.log 2>&1
fi
dpkg-query -W -f='${Status}' "linux-headers-$rel" 2>/dev/null | grep -q "ok installed"
tap $? "linux-headers-$rel installed"
"$SCRIPTS/dkms-install.sh" --build "$rel" >/tmp/errorigin-dkms.log 2>&1
rc=$?
tap $rc "dkms add + build for $rel"
[ $rc = 0 ] || sed 's/^/#   /' /tmp/errorigin-dkms.log | tail -n 30
pkgver=$(cat "$TOP/VERSION")
ko=$(ls /var/lib/dkms/errorigin/"$pkgver"/"$rel"/x86_64/module/errorigin.ko* 2>/dev/null | head -n 1)
magic=$(modinfo -F vermagic "$ko" 2>/dev/null)
case $magic in "$rel "*) r=0 ;; *) r=1 ;; esac
tap $r "built module's vermagic is $rel ('$magic')"
parm=$(modinfo -F parm "$ko" 2>/dev/null | grep -c "^errno:")
[ "$parm" = 1 ]
tap $? "module parameters are documented (modinfo errno)"
dkms remove -m errorigin -v "$pkgver" --all >/dev/null 2>&1
tap $? "dkms remove"
