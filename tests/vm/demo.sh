# make demo: the seed's story. A mount fails with "No space left on device" although no
# filesystem is full; errorigin shows which syscall failed, for which process, and how often.
say() { echo; echo "\$ $*"; }
cd /
say insmod errorigin.ko
insmod /errorigin.ko || exit 1
F='path_mount,do_add_mount,graft_tree,attach_recursive_mnt,count_mounts,__x64_sys_mount'
say errorigin watch -e ENOSPC -f $F '&'
errorigin watch -e ENOSPC -f $F -T 30 -n 3 2>&1 &
watcher=$!
sleep 1
mounts=$(wc -l </proc/self/mounts)
say "sysctl -w fs.mount-max=$mounts    # the namespace already has $mounts mounts"
echo $mounts >/proc/sys/fs/mount-max
say df -h /tmp
df -h /tmp
mkdir -p /mnt/a /mnt/b /mnt/c
for d in a b c; do
	say mount -t tmpfs none /mnt/$d
	mount -t tmpfs none /mnt/$d
	sleep 0.5
done
wait $watcher
say errorigin top -e ENOSPC
errorigin top -e ENOSPC
say errorigin dump -s mount
errorigin dump -s mount
echo
echo "count_mounts refuses a mount when the namespace already holds fs.mount-max mounts:"
echo "fs.mount-max = $(cat /proc/sys/fs/mount-max), mounts in this namespace: $(wc -l </proc/self/mounts)."
rmmod errorigin
