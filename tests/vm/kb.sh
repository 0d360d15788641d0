# Knowledge-base arming: with only an errno filter, the origins limits.hints names for it and
# their callers from the syscall are followed from the start: the first failure of a known
# limit has its origin, its chain and its hint, with nothing learned or named by hand.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

kb_origin() { sed -n "${2:-1}p" "$1" | sed -n 's/.*"origin":{"func":"\([^"]*\)".*/\1/p'; }
kb_chain() { sed -n "${2:-1}p" "$1" | sed -n 's/.*"chain":\(\[.*\]\),"stitched".*/\1/p'; }
kb_hint() { sed -n "${2:-1}p" "$1" | sed -n 's/.*"hint":{"id":"\([^"]*\)".*/\1/p'; }

insmod $KO
mounts=$(wc -l </proc/self/mounts)
old_max=$(cat /proc/sys/fs/mount-max)
mkdir -p /mnt/kb
echo $mounts >/proc/sys/fs/mount-max

# the seed's story with only -e ENOSPC: the very first failing mount
watch_start $W/kb-first.json -j -e ENOSPC -n 1
errorigin status >$W/kb-first.status
mount -t tmpfs none /mnt/kb 2>/dev/null
watch_end
sed 's/^/#   /' $W/kb-first.json.err
expect_eq "kb: the first failing mount has its origin, with only -e ENOSPC" count_mounts \
	"$(kb_origin $W/kb-first.json)"
kb_chain $W/kb-first.json >$W/kb-first.chain
sed 's/^/#   chain: /' $W/kb-first.chain
if [ -e /proc/kcore ]; then
	check "kb: its chain runs from count_mounts up to path_mount" \
		grep -q '^\[{"func":"count_mounts.*{"func":"path_mount' $W/kb-first.chain
else	# a kernel without /proc/kcore: the origins alone, and said so
	check "kb: no /proc/kcore: the origins alone are followed, and watch says why" \
		grep -q "the knowledge base's origins for this filter (not their callers: /proc/kcore: No such file" $W/kb-first.json.err
fi
expect_eq "kb: and the hint names fs.mount-max" fs.mount-max "$(kb_hint $W/kb-first.json)"
! grep -q "learning which" $W/kb-first.json.err
ok $? "kb: nothing was learned for it"
check "kb: watch says it follows the knowledge base's functions" \
	grep -q "^errorigin: watching failing syscalls, following [0-9]* functions from the start: the knowledge base's origins for this filter" $W/kb-first.json.err
armed=$(sed -n "s/^origins:   following \([0-9]*\) functions.*/\1/p" $W/kb-first.status)
[ -n "$armed" ] && [ "$armed" -le 400 ]
ok $? "kb: a small set is armed for ENOSPC (${armed:-none} functions)"
[ -n "$armed" ] || sed 's/^/#   /' $W/kb-first.status

# a daemon retrying every 2 s, with no waiting on the CLI: every failure has it
watch_start $W/kb-retry.json -j -e ENOSPC -n 3 -T $(slow 60)
for i in 1 2 3; do
	mount -t tmpfs none /mnt/kb 2>/dev/null
	sleep 2
done
watch_end
expect_eq "kb: mount retried every 2 s: each of the 3 failures has its origin" \
	"count_mounts count_mounts count_mounts" \
	"$(kb_origin $W/kb-retry.json 1) $(kb_origin $W/kb-retry.json 2) $(kb_origin $W/kb-retry.json 3)"

# the always-on setup: start -e ENOSPC arms the same, and a watch shows it
t0=$(tr -d . </proc/uptime | cut -d' ' -f1)
errorigin start -e ENOSPC 2>$W/kb-start.err
ok $? "kb: start -e ENOSPC"
echo "#   start -e ENOSPC took $(( ($(tr -d . </proc/uptime | cut -d' ' -f1) - t0) * 10 )) ms (kallsyms, the kernel's text from /proc/kcore, its calls, arming)"
check "kb: start says it follows the knowledge base's functions" \
	grep -q "^errorigin: start: armed, following [0-9]* functions" $W/kb-start.err
watch_start $W/kb-start.json -j -n 1
mount -t tmpfs none /mnt/kb 2>/dev/null
watch_end
expect_eq "kb: after start -e ENOSPC, the first failing mount has its origin" count_mounts \
	"$(kb_origin $W/kb-start.json)"
errorigin stop

# --no-kb: as before, nothing followed
watch_start $W/kb-off.json -j -e ENOSPC -n 1 --no-kb --no-learn
mount -t tmpfs none /mnt/kb 2>/dev/null
watch_end
expect_eq "kb: --no-kb follows nothing" "" "$(kb_origin $W/kb-off.json)"

# explain, before any failure: the candidate limits with their values and usage now
errorigin explain mount ENOSPC >$W/kb-explain.out 2>$W/kb-explain.err
ok $? "kb: explain mount ENOSPC"
sed 's/^/#   /' $W/kb-explain.out | head -n 5
check "kb: explain mount ENOSPC shows fs.mount-max with its value, its usage and 'full'" \
	grep -q "^  now:   fs.mount-max = $mounts, mounts in this namespace: $mounts, full\$" $W/kb-explain.out
if [ -e /proc/kcore ]; then
	check "kb: and not a limit mount cannot reach (inotify's watches)" \
		sh -c "! grep -q 'fs.inotify.max_user_watches' $W/kb-explain.out"
else
	check "kb: no /proc/kcore: explain says it cannot tell what mount reaches" \
		grep -q "which limits mount can reach is unknown" $W/kb-explain.err
fi
errorigin explain ENOSPC >$W/kb-explain-errno.out 2>&1
check "kb: explain ENOSPC lists the limits of the errno" sh -c \
	"grep -q '^\[fs.mount-max\]' $W/kb-explain-errno.out && grep -q '^\[fs.inotify.max_user_watches\]' $W/kb-explain-errno.out"
sh -c 'ulimit -n 37; exec sleep 30' &
lp=$!
sleep 0.2
errorigin explain -p $lp EMFILE >$W/kb-explain-pid.out 2>&1
check "kb: explain -p PID reads that process's limits" \
	grep -q "RLIMIT_NOFILE of process $lp = 37" $W/kb-explain-pid.out
kill $lp
wait $lp 2>/dev/null
# a failure without an origin: watch shows the limits of its errno that are full right now
watch_start $W/kb-cand.json -j -e ENOSPC -n 1 --no-kb --no-learn
mount -t tmpfs none /mnt/kb 2>/dev/null
watch_end
check "kb: a failure without origin shows the candidate limit that is full" \
	grep -q '"hint":{"id":"fs.mount-max".*"candidate":true' $W/kb-cand.json

echo $old_max >/proc/sys/fs/mount-max
rmmod errorigin
check "kb: dmesg clean" dmesg_clean
