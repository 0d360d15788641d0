#!/bin/sh
# Unpacks the vmlinux debug info of one kernel of kernels.conf (its -dbg package: ~0.9 GB to
# download, of which only boot/vmlinux-<release> is kept) under
# $ERRORIGIN_CACHE/debug/<release>/, laid out as /usr/lib/debug, the standard place the CLI
# looks in. Also writes what binutils (not elfutils, which the CLI uses) says of the seed's
# origin there, for the guest to compare with: errorigin-expect.
# A debug tag's vmlinux is the one its build made (build-debug-kernel.sh).
# Prints the folder. usage: fetch-debuginfo.sh TAG
set -eu
. "$(dirname "$0")/common.sh"
tag=$1
kernels_resolve
rel=$(kernel_release "$tag")
[ -n "$rel" ] || die "fetch-debuginfo: unknown kernel tag '$tag' (see scripts/kernels.conf)"
dir="$ERRORIGIN_CACHE/debug/$rel"
vmlinux="$dir/boot/vmlinux-$rel"
if [ -n "$(debug_base "$tag")" ]; then
	# a debug tag's vmlinux is its build's own, linked (not copied) beside the tree
	"$SCRIPTS/build-debug-kernel.sh" "$tag" >&2
	dir="$(kernel_root "$tag")/debuginfo"
	vmlinux="$dir/boot/vmlinux-$rel"
	mkdir -p "$dir/boot"
	ln -f "$(kernel_root "$tag")/build/vmlinux" "$vmlinux"
elif [ ! -f "$dir/.complete" ]; then
	pv=$(kernel_pkg "$tag" 9)
	[ "$pv" != - ] || die "fetch-debuginfo: $tag: $(kernel_field "$tag" 4) serves no linux-image-$rel-dbg"
	tmp=$(mktemp -d "$ERRORIGIN_CACHE/dbg.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading $pv (vmlinux debug info)"
	apt_download "$tmp" "$pv" || die "fetch-debuginfo: cannot download $pv"
	mkdir -p "$dir/boot"
	dpkg-deb --fsys-tarfile "$tmp"/*.deb |
		tar -x -O "./usr/lib/debug/boot/vmlinux-$rel" >"$vmlinux.part"
	mv "$vmlinux.part" "$vmlinux"
	touch "$dir/.complete"
fi
# the seed's origin and its call site in attach_recursive_mnt, by address in the file
sym() { nm "$vmlinux" | awk -v s="$1" '$3 == s { print $1; exit }'; }
origin=$(sym count_mounts) caller=$(sym attach_recursive_mnt)
[ -n "$origin" ] && [ -n "$caller" ] || die "fetch-debuginfo: no count_mounts in $vmlinux"
end=$(nm -n "$vmlinux" | awk -v a="$caller" 'f { print $1; exit } $1 == a { f = 1 }')
{
	echo "build_id $(readelf -n "$vmlinux" | sed -n 's/.*Build ID: *\([0-9a-f]*\).*/\1/p' | head -n 1)"
	echo "origin_src $(addr2line -e "$vmlinux" "0x$origin")"
	objdump -d --no-show-raw-insn --start-address="0x$caller" --stop-address="0x$end" \
		"$vmlinux" | grep -A1 'call.*<count_mounts>' | awk '/^ *ffffffff/ && !/call/ {
			sub(":", "", $1); print $1 }' | while read -r ret; do
		# kernel text shares its top 32 bits; the shell's arithmetic is signed 64-bit
		off=$(printf '0x%x' $((0x${ret#ffffffff} - 0x${caller#ffffffff})))
		echo "site $off $(addr2line -e "$vmlinux" "$(printf 'ffffffff%08x' $((0x${ret#ffffffff} - 1)))")"
	done
} >"$dir/errorigin-expect"
echo "$dir"
