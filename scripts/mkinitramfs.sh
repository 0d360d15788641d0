#!/bin/sh
# Packs the test VM's initramfs: busybox-static, the errorigin CLI with its shared libraries,
# the test helpers and scripts, and the module built for the guest's kernel.
# With a kernel's module tree, also the 9p modules that let the bench VM mount the host's
# root (to run the peers, bpftrace and BCC, from the host's packages).
# usage: mkinitramfs.sh OUT.cpio.gz MODULE.ko [TEST_MODULE.ko [KERNEL_MODULE_DIR]]
set -eu
. "$(dirname "$0")/common.sh"
out=$1 ko=$2 testko=${3:-} kmods=${4:-}
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
# the test module's DWARF where libdwfl looks for loaded modules, and its source for the
# expected lines
if [ -n "$testko" ] && [ -n "$kmods" ]; then
	mkdir -p "$stage/lib/modules/$(basename "$kmods")/extra"
	cp "$testko" "$stage/lib/modules/$(basename "$kmods")/extra/"
	cp "$(dirname "$testko")/simfail.c" "$stage/tests/simfail.c" 2>/dev/null ||
		cp "$TOP/tests/simfail/simfail.c" "$stage/tests/simfail.c"
fi
if [ -n "$kmods" ] && [ -d "$kmods" ]; then
	mkdir -p "$stage/lib/9p"
	for m in fs/netfs/netfs net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p fs/overlayfs/overlay; do
		for f in "$kmods/kernel/$m.ko" "$kmods/kernel/$m.ko.xz"; do
			case $f in
			*.xz) [ -f "$f" ] && xz -dc "$f" >"$stage/lib/9p/$(basename "$m").ko" ;;
			*) [ -f "$f" ] && cp "$f" "$stage/lib/9p/" ;;
			esac
		done
	done
fi
echo "root:x:0:0:root:/:/bin/sh" >"$stage/etc/passwd"
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >>"$stage/etc/passwd"
for bin in "$TOP/user/errorigin" "$TOP/build/tests/eo-fail" "$TOP/build/tests/eo-fail32" \
	   "$TOP/build/tests/eo-nlbad"; do
	cp "$bin" "$stage/bin/"
	# the dynamic loader and every library, at their own paths
	ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
done
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
