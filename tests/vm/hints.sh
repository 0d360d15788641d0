# Hints: real limits hit for real; the hint under each failure names the limit and shows its
# value as set by the test.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

hint_id() { sed -n 's/.*"hint":{"id":"\([^"]*\)".*/\1/p' "$1" | head -n 1; }
hint_value() { sed -n 's/.*"hint":{[^}]*"value":"\([^"]*\)".*/\1/p' "$1" | head -n 1; }

# stock_add EVENTS: the pair and the vmlinux chain of an event with an origin, for this
# kernel's stock profile
stock_add() {
	[ "$(field $1 origin_status)" = ok ] || return 0
	sa_key="$(field $1 abi) $(field $1 syscall) $(field $1 errno)"
	sed -n '1s/.*"chain":\[\(.*\)\],"stitched".*/\1/p' $1 | tr '{' '\n' |
		sed -n 's/^"func":"\([^" ]*\)".*/\1/p' | sed "s/^/$sa_key /" >>$W/stock.pairs
}

# hint_case NAME ID VALUE "TRIGGER" WATCH-ARGS...
hint_case() {
	name=$1 id=$2 value=$3 trigger=$4
	shift 4
	watch_start $W/hint-$name.json -j -n 1 --no-learn "$@"
	sh -c "$trigger" >/dev/null 2>&1
	watch_end
	got="$(hint_id $W/hint-$name.json)|$(hint_value $W/hint-$name.json)"
	echo "$got" | grep -q "^$id|$value\$"
	ok $? "hint $name: the limit and its value now ($got)"
	stock_add $W/hint-$name.json
	[ -n "$(hint_id $W/hint-$name.json)" ] || sed 's/^/#   /' $W/hint-$name.json $W/hint-$name.json.err
}

insmod $KO
export EO_FAIL_HOLD=5

mounts=$(wc -l </proc/self/mounts)
old=$(cat /proc/sys/fs/mount-max)
echo $mounts >/proc/sys/fs/mount-max
mkdir -p /mnt/hint
hint_case mount fs.mount-max "fs.mount-max = $mounts" "mount -t tmpfs none /mnt/hint" \
	-s mount -e ENOSPC -f 'count_mounts,attach_recursive_mnt*,graft_tree,do_add_mount,path_mount'
check "hint mount: the usage counts the mounts" grep -q '"usage":"'$mounts $W/hint-mount.json
# the text form, as an engineer reads it
watch_start $W/hint-text.out -n 1 --no-learn -s mount -e ENOSPC -f count_mounts
mount -t tmpfs none /mnt/hint 2>/dev/null
watch_end
grep -q "^    hint: fs.mount-max = $mounts (mounts in this namespace: $mounts.*): the mount namespace already holds.*; raise it with sysctl -w fs.mount-max=N" $W/hint-text.out
ok $? "hint in text: under the failure"
sed 's/^/#   /' $W/hint-text.out
echo $old >/proc/sys/fs/mount-max
# the same counts for node_exporter's textfile collector
errorigin top --prometheus >$W/prom.txt
ok $? "top --prometheus"
check "prometheus: the seed's failures by syscall, errno, comm and origin" \
	grep -qx 'errorigin_syscall_failures_total{syscall="mount",errno="ENOSPC",comm="mount",origin="count_mounts"} 2' $W/prom.txt
check "prometheus: drop counters with HELP and TYPE" sh -c "grep -qx '# TYPE errorigin_dropped_total counter' $W/prom.txt && grep -qx 'errorigin_dropped_total{reason=\"queue_full\"} 0' $W/prom.txt"

hint_case nofile RLIMIT_NOFILE "RLIMIT_NOFILE of process [0-9]* = 16 (hard 16)" "eo-fail emfile" \
	-e EMFILE -c eo-fail -f 'alloc_fd,__get_unused_fd_flags,get_unused_fd_flags,do_sys_openat2'
# the value names the failing process: compare its pid
pid=$(field $W/hint-nofile.json pid)
expect_eq "hint nofile: the failing process's own limit" "RLIMIT_NOFILE of process $pid = 16 (hard 16)" \
	"$(hint_value $W/hint-nofile.json)"

old=$(cat /proc/sys/fs/inotify/max_user_watches)
echo 1 >/proc/sys/fs/inotify/max_user_watches
hint_case inotify-watches fs.inotify.max_user_watches "fs.inotify.max_user_watches = 1" \
	"eo-fail inotify" -e ENOSPC -c eo-fail \
	-f 'inotify_new_watch,inotify_update_watch,__x64_sys_inotify_add_watch'
echo $old >/proc/sys/fs/inotify/max_user_watches

old=$(cat /proc/sys/fs/inotify/max_user_instances)
echo 2 >/proc/sys/fs/inotify/max_user_instances
hint_case inotify-instances fs.inotify.max_user_instances "fs.inotify.max_user_instances = 2" \
	"eo-fail instances" -e EMFILE -c eo-fail \
	-f 'inotify_new_group,do_inotify_init,__x64_sys_inotify_init1'
echo $old >/proc/sys/fs/inotify/max_user_instances

echo +pids >/sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/eopids
echo 2 >/sys/fs/cgroup/eopids/pids.max
# the usage is read when the event is shown: hold the tasks longer than a loaded host's delay
export EO_FAIL_HOLD=5
hint_case pids pids.max "pids.max of /eopids = 2" \
	"echo \$\$ >/sys/fs/cgroup/eopids/cgroup.procs && exec eo-fail fork" -e EAGAIN -c eo-fail \
	-f 'pids_can_fork,pids_try_charge,cgroup_can_fork,copy_process,kernel_clone'
check "hint pids: the usage is the cgroup's task count" grep -q '"usage":"2"' $W/hint-pids.json
export EO_FAIL_HOLD=2
check "the event names the task's cgroup by path" grep -q '"cgroup":"/eopids"' $W/hint-pids.json
rmdir /sys/fs/cgroup/eopids 2>/dev/null

old=$(cat /proc/sys/user/max_user_namespaces)
echo 0 >/proc/sys/user/max_user_namespaces
hint_case userns user.max_user_namespaces "user.max_user_namespaces = 0" "eo-fail userns" \
	-e ENOSPC -c eo-fail -f 'create_user_ns,unshare_userns,ksys_unshare,__x64_sys_unshare'
echo $old >/proc/sys/user/max_user_namespaces

old=$(cat /proc/sys/fs/epoll/max_user_watches)
echo 3 >/proc/sys/fs/epoll/max_user_watches
hint_case epoll fs.epoll.max_user_watches "fs.epoll.max_user_watches = 3" "eo-fail epoll" \
	-e ENOSPC -c eo-fail -f 'ep_insert,do_epoll_ctl,__x64_sys_epoll_ctl'
echo $old >/proc/sys/fs/epoll/max_user_watches

# sysctl_case NAME SYSCTL VALUE "TRIGGER" WATCH-ARGS...: hint_case for a sysctl set to VALUE
# for the trigger and restored after it
sysctl_case() {
	sc_file=/proc/sys/$(echo $2 | tr . /)
	sc_old=$(cat $sc_file)
	echo "$3" >$sc_file
	sc_name=$1 sc_id=$2 sc_val=$3
	shift 3
	hint_case $sc_name $sc_id "$sc_id = $sc_val" "$@"
	echo "$sc_old" >$sc_file
}

for ns in ipc uts cgroup time; do
	sysctl_case ${ns}ns user.max_${ns}_namespaces 0 "eo-fail unshare $ns" -e ENOSPC -c eo-fail \
		-f "copy_ipcs,copy_utsname,copy_cgroup_ns,copy_time_ns,create_new_namespaces,unshare_nsproxy_namespaces"
done

mkdir -p /sys/fs/cgroup/eolim
echo 0 >/sys/fs/cgroup/eolim/cgroup.max.descendants
hint_case cgroup-descendants cgroup.max.descendants "cgroup.max.descendants of /eolim = 0" \
	"echo \$\$ >/sys/fs/cgroup/eolim/cgroup.procs && exec eo-fail mkdir /sys/fs/cgroup/eolim/sub" \
	-e EAGAIN -c eo-fail -f 'cgroup_mkdir,kernfs_iop_mkdir,vfs_mkdir'
rmdir /sys/fs/cgroup/eolim 2>/dev/null

sysctl_case aio fs.aio-max-nr 1 "eo-fail aio" -e EAGAIN -c eo-fail -f 'ioctx_alloc,__x64_sys_io_setup'
sysctl_case pipe-size fs.pipe-max-size 4096 "eo-fail asuser 65534 eo-fail pipesz" -e EPERM \
	-c eo-fail -f 'pipe_fcntl,do_fcntl,__x64_sys_fcntl'
sysctl_case msgmax kernel.msgmax 64 "eo-fail msgmax" -e EINVAL -c eo-fail \
	-f 'do_msgsnd,ksys_msgsnd,__x64_sys_msgsnd'
sysctl_case msgmnb kernel.msgmnb 64 "eo-fail msgmnb" -e EAGAIN -c eo-fail \
	-f 'do_msgsnd,ksys_msgsnd,__x64_sys_msgsnd'
sysctl_case shmmax kernel.shmmax 4096 "eo-fail shmget 8192" -e EINVAL -c eo-fail \
	-f 'newseg,ipcget,ksys_shmget,__x64_sys_shmget'
# the limit is set by the trigger: errorigin's own mappings came before it
old=$(cat /proc/sys/vm/max_map_count)
hint_case maps vm.max_map_count "vm.max_map_count = 1000" \
	"echo 1000 >/proc/sys/vm/max_map_count && eo-fail maps" -e ENOMEM -c eo-fail \
	-f 'do_mmap,__split_vma,vm_mmap_pgoff,ksys_mmap_pgoff'
echo $old >/proc/sys/vm/max_map_count
check "hint maps: the usage counts the process's mappings" grep -q '"usage":"10[0-9][0-9]"' $W/hint-maps.json
old=$(cat /proc/sys/vm/overcommit_memory)
hint_case overcommit vm.overcommit_memory "vm.overcommit_memory = 2" \
	"echo 2 >/proc/sys/vm/overcommit_memory && eo-fail bigmap" -e ENOMEM -c eo-fail \
	-f '__vm_enough_memory,mmap_region,do_mmap,vm_mmap_pgoff'
echo $old >/proc/sys/vm/overcommit_memory
# (the sanitizer kernel is built without hugetlbfs)
if [ -e /proc/sys/vm/nr_hugepages ]; then
	sysctl_case hugetlb vm.nr_hugepages 0 "eo-fail hugetlb" -e ENOMEM -c eo-fail \
		-f 'hugetlb_file_setup,hugetlbfs_file_mmap*,mmap_region,do_mmap,vm_mmap_pgoff,ksys_mmap_pgoff'
else
	echo "# hint hugetlb: not run, kernel $(uname -r) has no hugetlbfs"
fi

hint_case as RLIMIT_AS "RLIMIT_AS of process [0-9]* = 268435456 (hard 268435456)" "eo-fail as" \
	-e ENOMEM -c eo-fail -f 'mmap_region,do_mmap,vm_mmap_pgoff'
hint_case fsize RLIMIT_FSIZE "RLIMIT_FSIZE of process [0-9]* = 4096 (hard 4096)" "eo-fail fsize" \
	-e EFBIG -c eo-fail -f 'generic_write_check_limits,generic_write_checks,shmem_file_write_iter,vfs_write'
hint_case sigpending RLIMIT_SIGPENDING "RLIMIT_SIGPENDING of process [0-9]* = 4 (hard 4)" \
	"eo-fail sigqueue" -e EAGAIN -c eo-fail \
	-f '__send_signal_locked,do_send_sig_info,kill_pid_info,do_rt_sigqueueinfo'
hint_case msgqueue RLIMIT_MSGQUEUE "RLIMIT_MSGQUEUE of process [0-9]* = 1024 (hard 1024)" \
	"eo-fail mqueue" -e EMFILE -c eo-fail -f 'mqueue_get_inode,mqueue_create_attr,do_mq_open'
hint_case e2big RLIMIT_STACK "RLIMIT_STACK of process [0-9]* = 1048576 (hard 1048576)" \
	"eo-fail e2big" -e E2BIG -c eo-fail -s execve
sysctl_case mq-queues fs.mqueue.queues_max 0 "eo-fail asuser 65534 eo-fail mqopen" -e ENOSPC \
	-c eo-fail -f 'mqueue_create_attr,vfs_mkobj,do_mq_open'
sysctl_case mq-msgs fs.mqueue.msg_max 8 "eo-fail asuser 65534 eo-fail mqopen 9" -e EINVAL \
	-c eo-fail -f 'do_mq_open,__x64_sys_mq_open'
sysctl_case fan-groups fs.fanotify.max_user_groups 1 "eo-fail fanotify" -e EMFILE -c eo-fail \
	-s fanotify_init
sysctl_case fan-marks fs.fanotify.max_user_marks 2 "eo-fail fanmarks" -e ENOSPC -c eo-fail \
	-f 'do_fanotify_mark,__x64_sys_fanotify_mark'

mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
old=$(cat /proc/sys/kernel/pty/reserve)
echo 0 >/proc/sys/kernel/pty/reserve
sysctl_case pty kernel.pty.max $(($(cat /proc/sys/kernel/pty/nr) + 1)) \
	"eo-fail write /dev/pts/ptmx x" -e ENOSPC -c eo-fail -f 'devpts_new_index,ptmx_open'
echo $old >/proc/sys/kernel/pty/reserve
umount /dev/pts
sysctl_case dmesg kernel.dmesg_restrict 1 "eo-fail asuser 65534 dmesg" -e EPERM -c dmesg \
	-f 'do_syslog,__x64_sys_syslog'
# the sysctls of a feature newer than 6.1, or of an LSM a kernel may leave out
if [ -e /proc/sys/kernel/io_uring_disabled ]; then
	sysctl_case io-uring kernel.io_uring_disabled 2 "eo-fail iouring" -e EPERM -c eo-fail \
		-s io_uring_setup
else
	echo "# hint io-uring: not run, kernel $(uname -r) has no kernel.io_uring_disabled (6.6+)"
fi
if [ -e /proc/sys/kernel/yama/ptrace_scope ]; then
	sysctl_case ptrace kernel.yama.ptrace_scope 2 "eo-fail asuser 65534 eo-fail ptrace" \
		-e EPERM -c eo-fail -f 'yama_ptrace_access_check,security_ptrace_access_check,ptrace_attach'
else
	echo "# hint ptrace: not run, kernel $(uname -r) has no Yama"
fi

# This kernel's stock profile: each pair with the functions its chains went through (a pair
# several limits share, unshare ENOSPC say, has the union), printed for vm-test.sh to keep.
rel=$(uname -r)
mkdir -p $W/stock
{
	echo "# errorigin stock profile: the chains behind the knowledge base's limits, as tests/vm/hints.sh saw them"
	echo "release $rel"
	awk '{ k = $1 " " $2 " " $3 }
	     !(k in idx) { idx[k] = ++np; key[np] = k }
	     !((k "|" $4) in have) { have[k "|" $4] = 1; fns[idx[k]] = fns[idx[k]] "\n" $4 }
	     END { for (i = 1; i <= np; i++) print "pair " key[i] fns[i] }' $W/stock.pairs
} >$W/stock/$rel.profile
sp=$(grep -c '^pair ' $W/stock/$rel.profile)
[ "$sp" -ge 20 ]
ok $? "stock profile: $sp pairs behind the knowledge base's limits on $rel (at least 20)"
# the seed's story from the profile alone: no knowledge base, no learning
mm_old=$(cat /proc/sys/fs/mount-max)
echo $(wc -l </proc/self/mounts) >/proc/sys/fs/mount-max
export ERRORIGIN_PROFILES=$W/stock
watch_start $W/stock-mount.json -j -n 1 --no-learn --no-kb -e ENOSPC
# (6.1 arms the profile's functions with a kretprobe each: under load it can take longer)
wait_for $W/stock-mount.json.err watching 600
mount -t tmpfs none /mnt/hint 2>/dev/null
watch_end
watch_start $W/stock-off.json -j -n 1 --no-learn --no-kb --no-profiles -e ENOSPC
mount -t tmpfs none /mnt/hint 2>/dev/null
watch_end
unset ERRORIGIN_PROFILES
echo $mm_old >/proc/sys/fs/mount-max
expect_eq "stock profile: the seed's origin on the first failing mount, armed from the profile alone" \
	count_mounts "$(sed -n 's/.*"origin":{"func":"\([^"]*\)".*/\1/p' $W/stock-mount.json)"
check "stock profile: one line says which served (this kernel's release)" \
	grep -q "^errorigin: stock profile $W/stock/$rel.profile (this kernel's release): [0-9]* pairs*, [0-9]* functions" \
	$W/stock-mount.json.err
sed 's/^/#   /' $W/stock-mount.json.err
check "--no-profiles: no profile armed, no origin" sh -c \
	"! grep -q 'profile' $W/stock-off.json.err && grep -q '\"errno\":\"ENOSPC\"' $W/stock-off.json && ! grep -q count_mounts $W/stock-off.json"
sed 's/^/# stock-profile: /' $W/stock/$rel.profile
unset EO_FAIL_HOLD
rmmod errorigin

# explain: no module, no event
errorigin explain count_mounts ENOSPC >$W/explain.out 2>$W/explain.err
ok $? "explain count_mounts ENOSPC"
check "explain: cause, limit with its value, fix" sh -c "grep -q '^\[fs.mount-max\]' $W/explain.out && grep -q '  now:   fs.mount-max = [0-9]' $W/explain.out && grep -q '  fix:   raise it' $W/explain.out"
errorigin explain no_such_function_eo >/dev/null 2>$W/explain-none.err
expect_eq "explain of an unknown function fails and says so" "1 1" \
	"$? $(grep -c '^errorigin: explain: no hint for no_such_function_eo' $W/explain-none.err)"
printf '[eo.stale]\norigin = no_such_function_eo\ncause = c\nlimit = l\nvalue = sysctl fs.mount-max\nfix = f\n' >$W/stale.hints
ERRORIGIN_HINTS=$W/stale.hints errorigin explain no_such_function_eo >$W/stale.out 2>$W/stale.err
check "a stale entry is reported, not silently ignored" grep -q "cannot trace.*no_such_function_eo (eo.stale)" $W/stale.err
# watch: one line to start with; the stale entries with -v, and in status
insmod $KO
ERRORIGIN_HINTS=$W/stale.hints errorigin watch -T 1 -e ENOSPC >/dev/null 2>$W/stale-watch.err
expect_eq "a plain watch starts with one line" "1 errorigin: watching failing syscalls" \
	"$(wc -l <$W/stale-watch.err) $(cut -c1-36 $W/stale-watch.err | head -n 1)"
ERRORIGIN_HINTS=$W/stale.hints errorigin watch -v -T 1 -e ENOSPC >/dev/null 2>$W/stale-watch-v.err
check "watch -v names the stale entry" grep -q "cannot trace.*no_such_function_eo (eo.stale)" $W/stale-watch-v.err
ERRORIGIN_HINTS=$W/stale.hints errorigin status >$W/stale.status
check "status names the stale entry" grep -q "^hints: .*not traceable here.*no_such_function_eo (eo.stale)" $W/stale.status
rmmod errorigin
n=$(grep -c '^\[' /share/errorigin/limits.hints)
[ "$n" -ge 40 ]
ok $? "the knowledge base has $n entries (at least 40)"
check "dmesg clean after hints" dmesg_clean
