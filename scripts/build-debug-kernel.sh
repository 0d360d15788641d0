#!/bin/sh
# Builds the sanitizer kernel of a debug tag (TAG-debug, e.g. 6.12-debug): Debian's
# linux-source package of TAG's line at the version kernels.conf resolves TAG to, configured
# from tinyconfig plus scripts/debug-kernel.config (what the VM suite needs, and KASAN,
# kmemleak, lockdep, UBSAN, debug objects, fault injection), into
# $ERRORIGIN_CACHE/debug-kernel/<release>/: the tree (build/, the KDIR for out-of-tree
# modules) and vmlinuz. A tree already built from the same package and fragment is reused at
# once. Prints the build time.
# usage: build-debug-kernel.sh [TAG-debug]   (default 6.12-debug)
set -eu
. "$(dirname "$0")/common.sh"
tag=${1:-6.12-debug}
base=$(debug_base "$tag")
[ -n "$base" ] || die "build-debug-kernel: '$tag' is not a debug tag (TAG-debug, TAG of scripts/kernels.conf)"
kernels_resolve
rel=$(kernel_release "$tag")
[ -n "$rel" ] || die "build-debug-kernel: no kernel line '$base' in scripts/kernels.conf"
# the 7.x line needs the trixie toolchain: not done here yet
[ "$(kernel_field "$base" 3)" = host ] ||
	die "build-debug-kernel: $tag: only lines built with the host's toolchain are supported"
line=$(awk -v t="$base" '$1 == t { print $3 }' "$SCRIPTS/kernels.conf")
img=$(kernel_pkg "$base" 5)
src="linux-source-$line=${img#*=}"
frag="$SCRIPTS/debug-kernel.config"
dir=$(kernel_root "$tag")
tree="$dir/linux-source-$line"

# the same package and fragment as the tree already built: nothing to do
if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.source" 2>/dev/null)" = "$src" ] &&
   cmp -s "$frag" "$dir/debug-kernel.config"; then
	log "debug kernel $tag ($rel) is built: $dir (build took $(cat "$dir/build-time" 2>/dev/null || echo ?))"
	exit 0
fi
command -v pahole >/dev/null || die "build-debug-kernel: no pahole for BTF (package dwarves: scripts/deps.sh)"
for t in gcc make bc flex bison; do
	command -v $t >/dev/null || die "build-debug-kernel: no $t (scripts/deps.sh installs it)"
done

# each tree is several GB: keep only the current release of this line, and nothing that
# is no tree at all (an interrupted unpacking)
mkdir -p "$ERRORIGIN_CACHE/debug-kernel"
for d in "$ERRORIGIN_CACHE"/debug-kernel/*; do
	[ -d "$d" ] && [ "$d" != "$dir" ] || continue
	case $(cat "$d/.source" 2>/dev/null) in
	"linux-source-$line="*|'') ;;
	*) continue ;;
	esac
	log "build-debug-kernel: pruning $d (not the current $base release)"
	rm -rf "$d"
done

# a tree unpacked from another package version is started over
if [ "$(cat "$dir/.source" 2>/dev/null)" != "$src" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	log "downloading $src"
	# not in debs/: resolve-kernels.sh prunes from there what no kernels.conf line names
	apt_download "$dir" "$src" || die "build-debug-kernel: cannot download $src"
	deb=$(ls "$dir"/linux-source-"$line"_*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || die "build-debug-kernel: apt saved $src under an unexpected name"
	log "unpacking $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -O "./usr/src/linux-source-$line.tar.xz" |
		tar -xJ -C "$dir" || die "build-debug-kernel: cannot unpack $deb"
	rm -f "$deb"
	[ -f "$tree/Makefile" ] || die "build-debug-kernel: no linux-source-$line/ in $src"
	echo "$src" >"$dir/.source"
fi
rm -f "$dir/.complete"

# configure: tinyconfig, the fragment merged over it, dependencies resolved
log "configuring $tree"
(cd "$tree" && make -s tinyconfig >/dev/null &&
	scripts/kconfig/merge_config.sh -m .config "$frag" >"$dir/merge.log" 2>&1 &&
	make -s olddefconfig) || die "build-debug-kernel: configuration failed (see $dir/merge.log)"
# every line of the fragment must be in the result: Kconfig drops an option whose
# dependencies are off without a word
missing=
while read -r l; do
	case $l in
	'# CONFIG_'*' is not set')
		s=${l#\# }
		s=${s%% *}
		grep -q "^$s=" "$tree/.config" && missing="$missing $s=n"
		;;
	'#'*|'') ;;
	CONFIG_*=*) grep -qxF "$l" "$tree/.config" || missing="$missing $l" ;;
	*) die "build-debug-kernel: $frag: cannot read the line '$l'" ;;
	esac
done <"$frag"
[ -z "$missing" ] ||
	die "build-debug-kernel: these options of $(basename "$frag") did not take (a dependency is off):$missing"
cp "$frag" "$dir/debug-kernel.config"

# a tree built before for another fragment rebuilds only what the change touches
kind=fresh
[ -f "$tree/vmlinux" ] && kind="incremental, over an earlier configuration's tree"
log "building $rel (make -j2 bzImage modules; $kind; a fresh build takes most of an hour on 2 cores)"
start=$(date +%s)
# modules and modules_prepare: Module.symvers and the generated headers for M= builds
make -s -C "$tree" -j2 bzImage modules modules_prepare >"$dir/build.log" 2>&1 ||
	{ tail -n 40 "$dir/build.log" >&2; die "build-debug-kernel: the build failed (see $dir/build.log)"; }
secs=$(($(date +%s) - start))
# the name common.sh gives the kernel is the one it reports (uname -r, vermagic)
got=$(cat "$tree/include/config/kernel.release")
[ "$got" = "$rel" ] || die "build-debug-kernel: the tree's release is '$got', expected '$rel'"
echo "$secs s ($kind)" >"$dir/build-time"
ln -sfn "linux-source-$line" "$dir/build"
ln -sfn "linux-source-$line/arch/x86/boot/bzImage" "$dir/vmlinuz"
touch "$dir/.complete"
log "debug kernel $tag ($rel) built in $secs s ($kind): $dir"
