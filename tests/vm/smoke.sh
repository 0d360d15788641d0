. /tests/vm/lib.sh
insmod $KO; ok $? "insmod"
errorigin status
errorigin start
mount -t tmpfs none /mnt & p=$!; wait $p; echo "mount pid $p"
cat /nonexistent & p=$!; wait $p; echo "cat pid $p"
errorigin dump -j
errorigin top
errorigin stop
errorigin status
rmmod errorigin; ok $? "rmmod"
dmesg | tail -20
