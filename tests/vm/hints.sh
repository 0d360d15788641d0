# Hints: real limits hit for real; the hint under each failure names the limit and shows its
# value as set by the test.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

hint_id() { sed -n 's/.*"hint":{"id":"\([^"]*\)".*/\1/p' "$1" | head -n 1; }
hint_value() { sed -n 's/.*"hint":{[^}]*"value":"\([^"]*\)".*/\1/p' "$1" | head -n 1; }

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
[ "$n" -ge 15 ]
ok $? "the knowledge base has $n entries (at least 15)"
check "dmesg clean after hints" dmesg_clean
