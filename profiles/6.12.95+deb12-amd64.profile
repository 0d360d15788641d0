# errorigin stock profile: the chains behind the knowledge base's limits, as tests/vm/hints.sh saw them
release 6.12.95+deb12-amd64
pair x86_64 mount ENOSPC
count_mounts
attach_recursive_mnt
graft_tree
do_add_mount
path_mount
pair x86_64 openat EMFILE
alloc_fd
get_unused_fd_flags
do_sys_openat2
pair x86_64 inotify_add_watch ENOSPC
inotify_update_watch
__x64_sys_inotify_add_watch
pair x86_64 inotify_init1 EMFILE
do_inotify_init
__x64_sys_inotify_init1
pair x86_64 clone EAGAIN
pids_can_fork
cgroup_can_fork
copy_process
kernel_clone
pair x86_64 unshare ENOSPC
create_user_ns
unshare_userns
ksys_unshare
__x64_sys_unshare
copy_ipcs
create_new_namespaces
unshare_nsproxy_namespaces
copy_utsname
copy_cgroup_ns
copy_time_ns
pair x86_64 epoll_ctl ENOSPC
do_epoll_ctl
__x64_sys_epoll_ctl
pair x86_64 mkdir EAGAIN
cgroup_mkdir
kernfs_iop_mkdir
vfs_mkdir
pair x86_64 io_setup EAGAIN
ioctx_alloc
__x64_sys_io_setup
pair x86_64 fcntl EPERM
pipe_fcntl
do_fcntl
__x64_sys_fcntl
pair x86_64 msgsnd EINVAL
do_msgsnd
__x64_sys_msgsnd
pair x86_64 msgsnd EAGAIN
do_msgsnd
__x64_sys_msgsnd
pair x86_64 shmget EINVAL
newseg
ipcget
__x64_sys_shmget
pair x86_64 mmap ENOMEM
do_mmap
vm_mmap_pgoff
ksys_mmap_pgoff
__vm_enough_memory
mmap_region
hugetlbfs_file_mmap
pair x86_64 write EFBIG
generic_write_check_limits
generic_write_checks
shmem_file_write_iter
vfs_write
pair x86_64 rt_sigqueueinfo EAGAIN
__send_signal_locked
do_send_sig_info
do_rt_sigqueueinfo
pair x86_64 mq_open EMFILE
mqueue_get_inode
mqueue_create_attr
do_mq_open
pair x86_64 mq_open ENOSPC
mqueue_create_attr
vfs_mkobj
do_mq_open
pair x86_64 mq_open EINVAL
do_mq_open
__x64_sys_mq_open
pair x86_64 fanotify_init EMFILE
__x64_sys_fanotify_init
pair x86_64 fanotify_mark ENOSPC
do_fanotify_mark
__x64_sys_fanotify_mark
pair x86_64 openat ENOSPC
devpts_new_index
ptmx_open
pair x86_64 syslog EPERM
do_syslog
__x64_sys_syslog
pair x86_64 io_uring_setup EPERM
__x64_sys_io_uring_setup
pair x86_64 ptrace EPERM
yama_ptrace_access_check
security_ptrace_access_check
ptrace_attach
