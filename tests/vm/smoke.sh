. /tests/vm/lib.sh
insmod $KO; ok $? "insmod"
errorigin watch -T 3 -j -c cat > /tmp/w.out 2>/tmp/w.err &
sleep 1
cat /nonexistent
errorigin status
wait
cat /tmp/w.out /tmp/w.err
