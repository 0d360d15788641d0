#!/bin/sh
# Builds errorigin.ko (and any extra module directories given) for one kernel of
# kernels.conf, against Debian's own headers unpacked by fetch-kernels.sh.
# usage: build-kmod.sh TAG OUTDIR [MODULE_DIR...]   (MODULE_DIR relative to the repository)
# The 6.1 and 6.12 headers build with the host's gcc-12; 7.x needs gcc-14 and glibc 2.38, so
# it builds inside the trixie chroot. A debug tag (6.12-debug) builds against the tree of
# build-debug-kernel.sh.
set -eu
. "$(dirname "$0")/common.sh"
tag=$1 out=$2
shift 2
kernels_resolve
rel=$(kernel_release "$tag")
[ -n "$rel" ] || die "build-kmod: unknown kernel tag '$tag'"
root=$(kernel_root "$tag")
[ -f "$root/.complete" ] || "$SCRIPTS/fetch-kernels.sh" "$tag"

# only what this build writes: OUTDIR may hold other modes' runs (build/REL/bench, ...)
rm -rf "$out/kmod" "$out/include" "$out/VERSION"
mkdir -p "$out"
cp -r "$TOP/kmod" "$TOP/include" "$TOP/VERSION" "$out/"
for d in "$@"; do
	rm -rf "${out:?}/$d"
	mkdir -p "$out/$(dirname "$d")"
	cp -r "$TOP/$d" "$out/$d"
done
dirs="kmod $*"
ver=$(cat "$TOP/VERSION")

case $(kernel_field "$tag" 3) in
host)
	# Debian's headers include their common half by absolute path and reach kbuild through
	# relative links: point both at the unpacked copies, once.
	hdr="$root/usr/src/linux-headers-$rel"
	common="$root/usr/src/linux-headers-${rel%-amd64}-common"
	if ! grep -q "$root" "$hdr/Makefile"; then
		sed -i "s|^include /usr/src/|include $root/usr/src/|" "$hdr/Makefile"
	fi
	for d in $dirs; do
		make -s -C "$hdr" M="$out/$d" EO_VERSION="$ver" modules >"$out/build-$(basename "$d").log" 2>&1 ||
			{ cat "$out/build-$(basename "$d").log" >&2; die "build-kmod: $d failed for $tag"; }
	done
	;;
debug)
	# the sanitizer kernel's own build tree (build-debug-kernel.sh), with the host's gcc
	for d in $dirs; do
		make -s -C "$root/build" M="$out/$d" EO_VERSION="$ver" modules >"$out/build-$(basename "$d").log" 2>&1 ||
			{ cat "$out/build-$(basename "$d").log" >&2; die "build-kmod: $d failed for $tag"; }
	done
	;;
trixie)
	need_root "build-kmod ($tag builds in a chroot)"
	"$SCRIPTS/trixie-chroot.sh"
	chroot_dir="$ERRORIGIN_CACHE/trixie"
	if [ ! -f "$chroot_dir/.headers-$rel" ]; then
		for field in 6 7 8; do
			dpkg-deb -x "$(kernel_deb "$tag" $field)" "$chroot_dir"
		done
		touch "$chroot_dir/.headers-$rel"
	fi
	mkdir -p "$chroot_dir/build"
	for d in $dirs; do
		unshare -m sh -c "
			mount -t proc proc '$chroot_dir/proc' &&
			mount --bind '$out' '$chroot_dir/build' &&
			chroot '$chroot_dir' make -s -C /usr/src/linux-headers-$rel M=/build/$d \
				EO_VERSION=$ver modules" >"$out/build-$(basename "$d").log" 2>&1 ||
			{ cat "$out/build-$(basename "$d").log" >&2; die "build-kmod: $d failed for $tag"; }
	done
	;;
*)
	die "build-kmod: unknown toolchain for $tag in kernels.conf"
	;;
esac
grep -h -i "warning" "$out"/build-*.log >&2 || true
log "built $(cd "$out" && ls kmod/*.ko) for $rel"
