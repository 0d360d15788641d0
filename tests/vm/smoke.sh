. /tests/vm/lib.sh
insmod $KO; ok $? "insmod"
errorigin watch -T 20 -e ENOSPC -n 1 -f 'path_mount,do_add_mount,graft_tree,attach_recursive_mnt,count_mounts,__x64_sys_mount' > /tmp/w.out 2>/tmp/w.err &
wait_for /tmp/w.err watching
cat /tmp/w.err
errorigin status
echo $(wc -l </proc/self/mounts) >/proc/sys/fs/mount-max
mkdir -p /mnt/x; mount -t tmpfs none /mnt/x
wait
cat /tmp/w.out /tmp/w.err
errorigin watch -T 20 -j -e ENOSPC -n 1 -f '*mount*,*mnt*' > /tmp/w.out 2>/tmp/w.err &
wait_for /tmp/w.err watching
mount -t tmpfs none /mnt/x
wait
cat /tmp/w.out /tmp/w.err
errorigin top
rmmod errorigin; ok $? rmmod
dmesg | tail -5
