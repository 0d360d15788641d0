#!/bin/sh
# Creates (once) a Debian trixie chroot with gcc-14 under $ERRORIGIN_CACHE/trixie: the 7.3
# kernel's build tools need gcc-14 and glibc >= 2.38, which bookworm lacks.
set -eu
. "$(dirname "$0")/common.sh"
need_root trixie-chroot
root="$ERRORIGIN_CACHE/trixie"
[ -f "$root/.complete" ] && exit 0
rm -rf "$root"
mkdir -p "$root"
log "creating trixie build chroot in $root (once)"
debootstrap --variant=minbase \
	--include=gcc-14,make,libc6-dev,libelf1t64,libssl3t64,zlib1g,bc,dwarves,xz-utils,zstd,kmod \
	trixie "$root" http://deb.debian.org/debian >"$ERRORIGIN_CACHE/trixie-debootstrap.log" 2>&1 ||
	die "trixie-chroot: debootstrap failed, see $ERRORIGIN_CACHE/trixie-debootstrap.log"
touch "$root/.complete"
