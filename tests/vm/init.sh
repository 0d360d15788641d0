#!/bin/sh
# /init of the test VM: mounts the basics, runs the suite, reports on the second serial port
# (the host reads only that port), powers off.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
mount -t tmpfs tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
# debugfs only where it holds kmemleak (the debug kernel): the other kernels' guests as before
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null &&
	{ [ -e /sys/kernel/debug/kmemleak ] || umount /sys/kernel/debug; }
mkdir -p /mnt
ip link set lo up 2>/dev/null
mode=$(sed -n 's/.*eo_mode=\([a-z]*\).*/\1/p' /proc/cmdline)
exec >/dev/ttyS1 2>&1
echo "# kernel $(uname -r)"
. /tests/vm/lib.sh
kmemleak_begin
sh /tests/vm/${mode:-suite}.sh
kmemleak_end
echo "# done"
sync
poweroff -f
