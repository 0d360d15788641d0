#!/bin/sh
# Downloads Debian's kernel image, headers and kbuild for each tag of kernels.conf (all if none
# given), as resolve-kernels.sh chose them, and unpacks them under
# $ERRORIGIN_CACHE/kernels/<release>; nothing is installed. A kernel already unpacked is
# skipped, so later runs are fast. A debug tag (6.12-debug) is built by build-debug-kernel.sh.
set -eu
. "$(dirname "$0")/common.sh"
kernels_resolve
tags=${*:-$(kernel_tags)}
for tag in $tags; do
	rel=$(kernel_release "$tag")
	[ -n "$rel" ] || die "fetch-kernels: unknown kernel tag '$tag' (see scripts/kernels.conf)"
	# a debug tag is built from source instead (once; then reused at once)
	if [ -n "$(debug_base "$tag")" ]; then
		"$SCRIPTS/build-debug-kernel.sh" "$tag"
		continue
	fi
	root=$(kernel_root "$tag")
	[ -f "$root/.complete" ] && continue
	debs="$ERRORIGIN_CACHE/debs"
	mkdir -p "$debs"
	rm -rf "$root"
	mkdir -p "$root"
	for field in 5 6 7 8; do
		pv=$(kernel_pkg "$tag" $field)
		deb=$(deb_file "$pv")
		if [ ! -f "$deb" ]; then
			log "downloading $pv"
			apt_download "$debs" "$pv" ||
				die "fetch-kernels: cannot download $pv for $tag (the archive may have moved on: run again to resolve anew)"
			deb=$(deb_file "$pv")
			[ -f "$deb" ] || die "fetch-kernels: apt saved $pv under an unexpected name"
		fi
		dpkg-deb -x "$deb" "$root"
	done
	vmlinuz=$(ls "$root"/boot/vmlinuz-* "$root"/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || die "fetch-kernels: no vmlinuz in the $tag image package"
	ln -sf "${vmlinuz#$root/}" "$root/vmlinuz"
	touch "$root/.complete"
	log "kernel $tag ready in $root"
done
