#!/bin/sh
# Copies the module's sources to /usr/src/errorigin-VERSION and registers them with DKMS,
# which then builds errorigin.ko for installed and future kernels.
# usage: dkms-install.sh [--build KERNELRELEASE]
set -eu
. "$(dirname "$0")/common.sh"
need_root dkms-install
ver=$(cat "$TOP/VERSION")
conf_ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
[ "$ver" = "$conf_ver" ] || die "dkms-install: dkms.conf says $conf_ver but VERSION says $ver"
src=/usr/src/errorigin-$ver
dkms remove -m errorigin -v "$ver" --all >/dev/null 2>&1 || true
rm -rf "$src"
mkdir -p "$src"
cp -r "$TOP/dkms.conf" "$TOP/VERSION" "$TOP/include" "$TOP/kmod" "$src/"
rm -f "$src"/kmod/*.o "$src"/kmod/*.ko "$src"/kmod/*.mod* "$src"/kmod/.*.cmd "$src"/kmod/names_gen.h
dkms add -m errorigin -v "$ver"
if [ "${1:-}" = --build ]; then
	dkms build -m errorigin -v "$ver" -k "$2"
fi
