#!/bin/sh
# Packs the test VM's initramfs: busybox-static, the errorigin CLI with its shared libraries,
# the test helpers and scripts, and the module built for the guest's kernel.
# With a kernel's module tree, also the 9p modules that let the bench VM mount the host's
# root (to run the peers, bpftrace and BCC, from the host's packages).
# Any further modules (the bench's emptyprobe.ko) go to / beside errorigin.ko.
# usage: mkinitramfs.sh OUT.cpio.gz MODULE.ko [TEST_MODULE.ko [KERNEL_MODULE_DIR [EXTRA.ko...]]]
set -eu
. "$(dirname "$0")/common.sh"
out=$1 ko=$2 testko=${3:-} kmods=${4:-}
shift $(($# < 4 ? $# : 4))
stage=$(mktemp -d)
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/mnt" \
	"$stage/etc" "$stage/tests"
cp /bin/busybox "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
cp "$TOP/tests/vm/init.sh" "$stage/init"
chmod 755 "$stage/init"
cp -r "$TOP/tests/vm" "$stage/tests/vm"
cp "$ko" "$stage/errorigin.ko"
cp "$TOP/VERSION" "$stage/VERSION"
# the CLI's knowledge base, where it looks beside /bin
mkdir -p "$stage/share/errorigin"
cp "$TOP/hints/limits.hints" "$stage/share/errorigin/"
[ -z "$testko" ] || cp "$testko" "$stage/$(basename "$testko")"
for extra in "$@"; do
	cp "$extra" "$stage/$(basename "$extra")"
done
# the test module's DWARF where libdwfl looks for loaded modules, and its source for the
# expected lines
if [ -n "$testko" ] && [ -n "$kmods" ]; then
	mkdir -p "$stage/lib/modules/$(basename "$kmods")/extra"
	cp "$testko" "$stage/lib/modules/$(basename "$kmods")/extra/"
	cp "$(dirname "$testko")/simfail.c" "$stage/tests/simfail.c" 2>/dev/null ||
		cp "$TOP/tests/simfail/simfail.c" "$stage/tests/simfail.c"
	# a stripped copy and its DWARF apart, for the debuginfod test to serve by build-id
	objcopy --only-keep-debug "$testko" "$stage/simfail.debug"
	objcopy --strip-debug "$testko" "$stage/simfail-stripped.ko"
fi
# mod_add NAME: a module of the kernel's tree into /lib/9p, after what it depends on (by
# modinfo: the unpacked tree has no modules.dep); /lib/9p/order is their load order
mod_add() {
	local f d
	grep -qx "$1" "$stage/lib/9p/order" 2>/dev/null && return 0
	f=$(find "$kdir" -name "$1.ko" -o -name "$1.ko.xz" | head -n 1)
	[ -n "$f" ] || return 0		# built in
	for d in $(modinfo -F depends "$f" | tr ',' ' '); do
		mod_add "$d"
	done
	case $f in
	*.xz) xz -dc "$f" >"$stage/lib/9p/$1.ko" ;;
	*) cp "$f" "$stage/lib/9p/$1.ko" ;;
	esac
	echo "$1" >>"$stage/lib/9p/order"
}
kdir=$kmods
if [ -n "$kmods" ] && [ -d "$kdir" ]; then
	mkdir -p "$stage/lib/9p"
	# the virtio PCI transport too where it is a module (6.1), then 9p and overlayfs
	for m in virtio_pci 9pnet_virtio 9p overlay; do
		mod_add $m
	done
fi
echo "root:x:0:0:root:/:/bin/sh" >"$stage/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>"$stage/etc/passwd"
for bin in "$TOP/user/errorigin" "$TOP/build/tests/eo-fail" "$TOP/build/tests/eo-fail32" \
	   "$TOP/build/tests/eo-nlbad" "$TOP/build/tests/eo-storm" "$TOP/build/tests/eo-storm32" \
	   "$TOP/build/tests/eo-fuzz" "$TOP/build/tests/eo-cycle"; do
	cp "$bin" "$stage/bin/"
	# the dynamic loader and every library, at their own paths
	ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
done
# libdw loads the debuginfod client only when DEBUGINFOD_URLS is set: not in ldd's list
dbgd=$(ldconfig -p | sed -n 's/.*libdebuginfod\.so\.1 (libc6,x86-64) => //p' | head -n 1)
[ -n "$dbgd" ] || die "mkinitramfs: no libdebuginfod.so.1 (package libdebuginfod1)"
for lib in "$dbgd" $(ldd "$dbgd" | grep -o '/[^ ]*'); do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
