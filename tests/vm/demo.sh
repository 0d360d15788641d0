# make demo: the seed's story. A mount fails with "No space left on device" although no
# filesystem is full; errorigin, given only the errno, shows which syscall failed, for which
# process, the kernel function the errno came from, its chain and the limit behind it: on
# the very first failure (the knowledge base's origins are followed from the start).
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
say errorigin watch -e ENOSPC '&'
errorigin watch -e ENOSPC -T 300 -n 2 >$W/demo.out 2>&1 &
watcher=$!
wait_for $W/demo.out watching
show
mounts=$(wc -l </proc/self/mounts)
say "sysctl -w fs.mount-max=$mounts    # the namespace already has $mounts mounts"
echo $mounts >/proc/sys/fs/mount-max
say df -h /tmp
df -h /tmp
mkdir -p /mnt/a
# the first failure, and a retry 2 s later, as a daemon would
for i in 1 2; do
	say mount -t tmpfs none /mnt/a
	mount -t tmpfs none /mnt/a
	n=0
	while [ "$(grep -c '<- origin' $W/demo.out)" -lt $i ] && [ $n -lt 300 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	show
	[ $i = 2 ] || sleep 2
done
wait $watcher
show
say errorigin top -e ENOSPC
errorigin top -e ENOSPC
echo
echo "count_mounts refuses a mount when the namespace already holds fs.mount-max mounts:"
echo "fs.mount-max = $(cat /proc/sys/fs/mount-max), mounts in this namespace: $(wc -l </proc/self/mounts)."
rmmod errorigin
