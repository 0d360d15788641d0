#!/bin/sh
# Installs the host packages errorigin's build, tests and VM harness need (Debian bookworm).
set -eu
. "$(dirname "$0")/common.sh"
need_root deps
"$SCRIPTS/apt-sources.sh"
pkgs="make gcc gcc-multilib libc6-dev pkg-config libnl-3-dev libnl-genl-3-dev libseccomp-dev
 libbpf-dev libelf-dev libdw-dev libdebuginfod1 binutils
 qemu-system-x86 busybox-static cpio gzip xz-utils zstd debootstrap dwarves kmod
 dkms bc flex bison python3"
# make bench also runs the peers (bpftrace, BCC's syscount) inside the guest
[ "${1:-}" = bench ] && pkgs="$pkgs bpftrace bpfcc-tools"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	log "installing:$missing"
	apt-get update -qq >/dev/null 2>&1 || apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
