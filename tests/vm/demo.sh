# make demo: the seed's story. A mount fails with "No space left on device" although no
# filesystem is full; errorigin shows which syscall failed, for which process, and, with no
# function named, learns the path and names the kernel function the errno came from.
. /tests/vm/lib.sh
say() { echo; echo "\$ $*"; }
shown=0
show() {	# show what the watcher printed since last time
	sed -n "$((shown + 1)),\$p" $W/demo.out
	shown=$(wc -l <$W/demo.out)
}
cd /
say insmod errorigin.ko
insmod /errorigin.ko || exit 1
say errorigin watch -e ENOSPC -s mount '&'
errorigin watch -e ENOSPC -s mount -T 300 -n 3 >$W/demo.out 2>&1 &
watcher=$!
wait_for $W/demo.out watching
show
mounts=$(wc -l </proc/self/mounts)
say "sysctl -w fs.mount-max=$mounts    # the namespace already has $mounts mounts"
echo $mounts >/proc/sys/fs/mount-max
say df -h /tmp
df -h /tmp
mkdir -p /mnt/a
# like a daemon retrying with a back-off: each retry comes after the CLI acted on the last
for wait in "learning which" "following" '!'; do
	say mount -t tmpfs none /mnt/a
	mount -t tmpfs none /mnt/a
	wait_for $W/demo.out "$wait" 600
	sleep 0.5
	show
done
wait $watcher
show
say errorigin top -e ENOSPC
errorigin top -e ENOSPC
echo
echo "count_mounts refuses a mount when the namespace already holds fs.mount-max mounts:"
echo "fs.mount-max = $(cat /proc/sys/fs/mount-max), mounts in this namespace: $(wc -l </proc/self/mounts)."
rmmod errorigin
