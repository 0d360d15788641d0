#!/bin/sh
# Takes the stock profiles that the VM runs wrote (build/profiles/RELEASE.profile: the hints
# part's chains on each kernel, kept by vm-test.sh) into profiles/, which make install ships.
# The sanitizer kernel (-eodebug) is built here only: its profile is not shipped.
# usage: update-profiles.sh   (after make check, or scripts/vm-test.sh hints TAG)
set -eu
. "$(dirname "$0")/common.sh"
mkdir -p "$TOP/profiles"
n=0
for p in "$TOP"/build/profiles/*.profile; do
	[ -e "$p" ] || continue
	case $p in *-eodebug.profile) continue ;; esac
	cp "$p" "$TOP/profiles/"
	log "profiles/${p##*/}: $(grep -c '^pair ' "$p") pairs"
	n=$((n + 1))
done
[ $n -gt 0 ] || die "update-profiles: no build/profiles/*.profile: run make check or scripts/vm-test.sh hints TAG first"
