// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper run inside the VM: makes real syscalls fail in known ways and says which
 * process did it, so the suite can compare what errorigin reports with the truth.
 *
 *   eo-fail enoent N            N x openat("/nonexistent/...") -> ENOENT
 *   eo-fail eexist DIR          mkdir(DIR) on an existing directory -> EEXIST
 *   eo-fail esrch               kill(<unused pid>, 0) -> ESRCH
 *   eo-fail ebadf N             N x close(-1) -> EBADF
 *   eo-fail storm SECONDS       failing openat as fast as possible, for SECONDS
 *   eo-fail timed               one failing openat, then CLOCK_MONOTONIC before and after it
 *   eo-fail bench N             N x (failing openat + getppid); prints the elapsed ns and
 *                               the ns this process ran (the rest went to other tasks)
 *   eo-fail mountbench N DIR    N x (mount tmpfs on DIR + umount DIR), prints the same
 *   eo-fail pause               pause() until SIGUSR1: the kernel returns ERESTARTNOHAND
 *   eo-fail readstdin           one blocking read(0); prints how many bytes, fails on an error
 *   eo-fail write FILE TEXT     write(TEXT) to FILE, expected to fail; prints the errno
 *   eo-fail emfile              open files until EMFILE (RLIMIT_NOFILE lowered to 16)
 *   eo-fail inotify             inotify watches on /, /tmp, /proc, /sys, /dev until one fails
 *   eo-fail instances           inotify_init1 until EMFILE (fs.inotify.max_user_instances)
 *   eo-fail fork                fork() until it fails (pids.max, RLIMIT_NPROC)
 *   eo-fail userns              unshare(CLONE_NEWUSER) (user.max_user_namespaces)
 *   eo-fail epoll               epoll_ctl(ADD) of pipes until it fails (fs.epoll.max_user_watches)
 *   eo-fail unshare NS          unshare() of one namespace: ipc, uts, cgroup, time (user.max_*)
 *   eo-fail mkdir DIR           mkdir(DIR), expected to fail (cgroup.max.descendants)
 *   eo-fail aio                 io_setup() of 2 events (fs.aio-max-nr, set to 1)
 *   eo-fail pipesz              F_SETPIPE_SZ of 1 MiB (fs.pipe-max-size, as a user)
 *   eo-fail msgmax              msgsnd() of 128 bytes to a new queue (kernel.msgmax)
 *   eo-fail msgmnb              msgsnd(IPC_NOWAIT) of 48 bytes until it fails (kernel.msgmnb)
 *   eo-fail shmget SIZE         shmget(IPC_PRIVATE, SIZE) (kernel.shmmax)
 *   eo-fail maps                one-page mmaps that cannot merge until one fails (vm.max_map_count)
 *   eo-fail as                  mmap of 512 MiB under RLIMIT_AS 256 MiB
 *   eo-fail bigmap              mmap of 64 GiB, writable and private (vm.overcommit_memory)
 *   eo-fail hugetlb             mmap(MAP_HUGETLB) of 2 MiB (vm.nr_hugepages)
 *   eo-fail fsize               writes past RLIMIT_FSIZE 4096, SIGXFSZ ignored: EFBIG
 *   eo-fail sigqueue            sigqueue() of a blocked SIGRTMIN under RLIMIT_SIGPENDING 4
 *   eo-fail mqueue              mq_open(O_CREAT) under RLIMIT_MSGQUEUE 1024
 *   eo-fail mqopen [MAXMSG]     mq_open(O_CREAT), with mq_maxmsg MAXMSG if given
 *   eo-fail iouring             io_uring_setup(1) (kernel.io_uring_disabled)
 *   eo-fail fanotify            fanotify_init until it fails (fs.fanotify.max_user_groups)
 *   eo-fail fanmarks            fanotify marks on /, /tmp, /proc, /sys, /dev until one fails
 *   eo-fail ptrace              PTRACE_ATTACH to its own child (kernel.yama.ptrace_scope)
 *   eo-fail e2big               execve() with 512 KiB of arguments under RLIMIT_STACK 1 MiB
 *   eo-fail asuser UID CMD...   run CMD with uid/gid UID and no capabilities
 *   eo-fail caps N[,N...] CMD...  run CMD as root with only capabilities N (numbers) left
 *   eo-fail faulty CMD...       run CMD with /proc/self/make-it-fail set (fault injection's
 *                               task filter)
 *   eo-fail fifo PATH           open(PATH) of a FIFO for reading: blocks until a writer comes
 *   eo-fail seccomp DIR         mount(tmpfs on DIR) under a seccomp filter that fails mount
 *                               with EPERM before the syscall runs (a container's profile)
 *   eo-fail blockers N SECS     N threads asleep in read() of an empty pipe for SECS seconds;
 *                               prints "ready" once all are started
 *   eo-fail paths               openat of path arguments the module copies with care: 200
 *                               bytes (more than it copies), one whose NUL is the last byte
 *                               before an unmapped page, a bad pointer (16) and NULL
 *   eo-fail renames N K         N x (rename itself r<i>, one failing stat), then as "final" K
 *                               failing stats: a new counter key for every failure
 *
 * With EO_FAIL_HOLD=SECONDS in the environment, the process stays that long after failing
 * (like a daemon that retries), so that what is read of it under /proc is still there.
 * Each failing mode prints "pid=<pid> tid=<tid>" first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mqueue.h>
#include <sys/epoll.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int blocker_pipe[2];

static void *blocker(void *arg)
{
	char c;

	return (void *)(long)read(blocker_pipe[0], &c, 1);
}

/* Runs the rest of the command line in this process (after a change of credentials). */
static int exec_rest(char **argv)
{
	execvp(argv[0], argv);
	perror("eo-fail: exec");
	return 2;
}

static long clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static long now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/* the bench modes: elapsed ns, then the part of it this process ran */
static long bench_t0, bench_cpu0;

static void bench_start(void)
{
	bench_cpu0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	bench_t0 = now_ns();
}

static void bench_end(void)
{
	long t = now_ns() - bench_t0;

	printf("%ld %ld\n", t, clock_ns(CLOCK_PROCESS_CPUTIME_ID) - bench_cpu0);
}

static int expect(long ret, int err, const char *what)
{
	if (ret != -1 || errno != err) {
		fprintf(stderr, "eo-fail: %s: expected errno %d, got ret %ld errno %d\n", what, err,
			ret, errno);
		return 1;
	}
	return 0;
}

static void on_signal(int sig)
{
}

static void whoami(void)
{
	printf("pid=%d tid=%ld\n", getpid(), syscall(SYS_gettid));
	fflush(stdout);
}

static void set_limit(int resource, rlim_t n)
{
	struct rlimit rl = { n, n };

	setrlimit(resource, &rl);
}

static int unshare_named(const char *ns)
{
	static const struct {
		const char *name;
		int flag;
	} nss[] = {
		{ "ipc", CLONE_NEWIPC }, { "uts", CLONE_NEWUTS },
		{ "cgroup", CLONE_NEWCGROUP }, { "time", 0x80 /* CLONE_NEWTIME */ },
	};
	size_t i;

	for (i = 0; i < sizeof(nss) / sizeof(nss[0]); i++)
		if (!strcmp(nss[i].name, ns))
			return expect(unshare(nss[i].flag), ENOSPC, "unshare");
	fprintf(stderr, "eo-fail: unshare: unknown namespace '%s'\n", ns);
	return 1;
}

/* A queue for the msgsnd modes, removed again before the test reads its hint. */
static int msg_fill(size_t len, int nowait, int err)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600), i, bad = 1;
	struct {
		long mtype;
		char mtext[128];
	} m = { .mtype = 1 };

	if (id < 0 || len > sizeof(m.mtext))
		return 1;
	for (i = 0; i < 16; i++)
		if (msgsnd(id, &m, len, nowait ? IPC_NOWAIT : 0)) {
			bad = expect(-1, err, "msgsnd");
			break;
		}
	msgctl(id, IPC_RMID, NULL);
	return bad;
}

/* mq_open(O_CREAT) of a new queue, expected to fail with ERR */
static int mq_create(long maxmsg, int err)
{
	struct mq_attr attr = { .mq_maxmsg = maxmsg, .mq_msgsize = 64 };
	mqd_t q = mq_open("/eo-fail", O_CREAT | O_EXCL | O_RDWR, 0600, maxmsg ? &attr : NULL);

	if (q != (mqd_t)-1) {
		mq_close(q);
		mq_unlink("/eo-fail");
	}
	return expect(q == (mqd_t)-1 ? -1 : 0, err, "mq_open");
}

static int fanotify_marks(void)
{
	const char *dirs[] = { "/", "/tmp", "/proc", "/sys", "/dev" };
	int fd = fanotify_init(FAN_CLASS_NOTIF, O_RDONLY), i;

	for (i = 0; fd >= 0 && i < 5; i++)
		if (fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, dirs[i]))
			return expect(-1, ENOSPC, "fanotify_mark");
	return 1;
}

static int ptrace_child(void)
{
	pid_t kid = fork();
	int bad;

	if (!kid) {
		pause();
		_exit(0);
	}
	bad = expect(ptrace(PTRACE_ATTACH, kid, NULL, NULL), EPERM, "ptrace");
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
	return bad;
}

/* execve() of more argument bytes than a quarter of RLIMIT_STACK */
static int exec_too_big(void)
{
	static char arg[8192];
	char *args[66] = { "/bin/true" };
	int i;

	set_limit(RLIMIT_STACK, 1 << 20);
	memset(arg, 'a', sizeof(arg) - 1);
	for (i = 1; i < 65; i++)
		args[i] = arg;
	return expect(execv(args[0], args), E2BIG, "execve");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	long i, n = argc > 2 ? atol(argv[2]) : 1;
	int bad = 0, nkids = 0;
	pid_t kids[64];

	if (!strcmp(mode, "asuser") && argc > 3) {
		uid_t uid = atoi(argv[2]);

		if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) {
			perror("eo-fail: asuser");
			return 2;
		}
		return exec_rest(argv + 3);
	}
	if (!strcmp(mode, "faulty") && argc > 2) {
		int fd = open("/proc/self/make-it-fail", O_WRONLY);

		if (fd < 0 || write(fd, "1", 1) != 1) {
			perror("eo-fail: faulty: /proc/self/make-it-fail");
			return 2;
		}
		close(fd);
		return exec_rest(argv + 2);
	}
	if (!strcmp(mode, "caps") && argc > 3) {
		char *end, *p = argv[2];
		unsigned long long keep = 0;
		int cap;

		while (*p) {
			keep |= 1ULL << strtoul(p, &end, 10);
			p = *end == ',' ? end + 1 : end;
		}
		/* root keeps only what the bounding set allows across execve */
		for (cap = 0; cap < 64; cap++)
			if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap) && errno != EINVAL) {
				perror("eo-fail: caps");
				return 2;
			}
		return exec_rest(argv + 3);
	}
	if (!strcmp(mode, "blockers") && argc > 3) {
		pthread_attr_t attr;
		pthread_t th;

		if (pipe(blocker_pipe))
			return 2;
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, 64 * 1024);
		for (i = 0; i < n; i++)
			if (pthread_create(&th, &attr, blocker, NULL)) {
				perror("eo-fail: pthread_create");
				return 2;
			}
		usleep(200000);		/* let the last ones reach read() */
		printf("ready\n");
		fflush(stdout);
		sleep(atoi(argv[3]));
		return 0;
	}
	if (!strcmp(mode, "paths")) {
		static const char edge[] = "/nonexistent/edge";
		long page = sysconf(_SC_PAGESIZE);
		char longpath[201], *map;

		memset(longpath, '0', sizeof(longpath) - 1);
		memcpy(longpath, "/nonexistent/", 13);
		longpath[sizeof(longpath) - 1] = '\0';
		map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
		if (map == MAP_FAILED || munmap(map + page, page)) {
			perror("eo-fail: mmap");
			return 2;
		}
		memcpy(map + page - sizeof(edge), edge, sizeof(edge));
		openat(AT_FDCWD, longpath, O_RDONLY);
		openat(AT_FDCWD, map + page - sizeof(edge), O_RDONLY);
		syscall(SYS_openat, AT_FDCWD, (char *)16, O_RDONLY);
		syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY);
		return 0;
	}
	if (!strcmp(mode, "bench")) {
		bench_start();
		for (i = 0; i < n; i++) {
			openat(AT_FDCWD, "/nonexistent/bench", O_RDONLY);
			getppid();
		}
		bench_end();
		return 0;
	}
	/* before the pid is printed: the test may signal as soon as it reads it */
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGUSR1, &sa, NULL);
	if (!strcmp(mode, "mountbench") && argc > 3) {
		bench_start();
		for (i = 0; i < n; i++)
			if (!mount("none", argv[3], "tmpfs", 0, NULL))
				umount(argv[3]);
		bench_end();
		return 0;
	}
	whoami();
	if (!strcmp(mode, "enoent")) {
		for (i = 0; i < n; i++)
			bad |= expect(openat(AT_FDCWD, "/nonexistent/eo-fail", O_RDONLY), ENOENT,
				      "openat");
	} else if (!strcmp(mode, "readstdin")) {
		char buf[64];
		ssize_t r = read(0, buf, sizeof(buf));

		printf("read %zd\n", r);
		bad = r < 0;
	} else if (!strcmp(mode, "eagain")) {
		int p[2];
		char c;

		bad = pipe2(p, O_NONBLOCK);
		for (i = 0; i < n && !bad; i++)
			bad |= expect(read(p[0], &c, 1), EAGAIN, "read");
	} else if (!strcmp(mode, "ebadf")) {
		for (i = 0; i < n; i++)
			bad |= expect(close(-1), EBADF, "close");
	} else if (!strcmp(mode, "eexist") && argc > 2) {
		bad = expect(mkdir(argv[2], 0755), EEXIST, "mkdir");
	} else if (!strcmp(mode, "esrch")) {
		bad = expect(kill(0x3ffffff, 0), ESRCH, "kill");
	} else if (!strcmp(mode, "write") && argc > 3) {
		int fd = open(argv[2], O_WRONLY);
		long r = fd < 0 ? -1 : write(fd, argv[3], strlen(argv[3]));

		printf("ret=%ld errno=%d\n", r, r < 0 ? errno : 0);
		bad = r >= 0;
	} else if (!strcmp(mode, "emfile")) {
		struct rlimit rl = { 16, 16 };

		setrlimit(RLIMIT_NOFILE, &rl);
		while (open("/", O_RDONLY) >= 0)
			;
		bad = errno != EMFILE;
	} else if (!strcmp(mode, "inotify")) {
		const char *dirs[] = { "/", "/tmp", "/proc", "/sys", "/dev" };
		int fd = inotify_init1(0);

		for (i = 0; i < 5 && inotify_add_watch(fd, dirs[i], IN_CREATE) >= 0; i++)
			;
		bad = i == 5;
	} else if (!strcmp(mode, "instances")) {
		for (i = 0; i < 64 && inotify_init1(0) >= 0; i++)
			;
		bad = i == 64 || errno != EMFILE;
	} else if (!strcmp(mode, "fork")) {
		for (nkids = 0; nkids < 64 && (kids[nkids] = fork()) > 0; nkids++)
			;
		if (nkids < 64 && !kids[nkids]) {	/* a child: wait to be killed */
			pause();
			_exit(0);
		}
		bad = nkids == 64;
	} else if (!strcmp(mode, "userns")) {
		bad = expect(unshare(CLONE_NEWUSER), ENOSPC, "unshare");
	} else if (!strcmp(mode, "epoll")) {
		int ep = epoll_create1(0), p[2];
		struct epoll_event ev = { .events = EPOLLIN };

		for (i = 0; i < 64 && !pipe(p) && !epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev); i++)
			;
		bad = i == 64 || errno != ENOSPC;
	} else if (!strcmp(mode, "unshare") && argc > 2) {
		bad = unshare_named(argv[2]);
	} else if (!strcmp(mode, "mkdir") && argc > 2) {
		bad = !mkdir(argv[2], 0755);
	} else if (!strcmp(mode, "aio")) {
		unsigned long ctx = 0;

		bad = expect(syscall(SYS_io_setup, 2, &ctx), EAGAIN, "io_setup");
	} else if (!strcmp(mode, "pipesz")) {
		int p[2];

		bad = pipe(p) || expect(fcntl(p[1], F_SETPIPE_SZ, 1 << 20), EPERM, "F_SETPIPE_SZ");
	} else if (!strcmp(mode, "msgmax")) {
		bad = msg_fill(128, 0, EINVAL);
	} else if (!strcmp(mode, "msgmnb")) {
		bad = msg_fill(48, 1, EAGAIN);
	} else if (!strcmp(mode, "shmget") && argc > 2) {
		bad = expect(shmget(IPC_PRIVATE, n, IPC_CREAT | 0600), EINVAL, "shmget");
	} else if (!strcmp(mode, "maps")) {
		long page = sysconf(_SC_PAGESIZE);

		/* neighbours of other protections stay apart: one mapping each */
		for (i = 0; i < 100000; i++)
			if (mmap(NULL, page, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
				break;
		bad = i == 100000 || errno != ENOMEM;
	} else if (!strcmp(mode, "as")) {
		set_limit(RLIMIT_AS, 256 << 20);
		bad = mmap(NULL, 512 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) !=
		      MAP_FAILED || errno != ENOMEM;
	} else if (!strcmp(mode, "bigmap")) {
		bad = mmap(NULL, (size_t)64 << 30, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED || errno != ENOMEM;
	} else if (!strcmp(mode, "hugetlb")) {
		bad = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0) != MAP_FAILED ||
		      errno != ENOMEM;
	} else if (!strcmp(mode, "fsize")) {
		static char buf[8192];
		int fd = open("/tmp/eo-fail.fsize", O_WRONLY | O_CREAT | O_TRUNC, 0600);

		signal(SIGXFSZ, SIG_IGN);
		set_limit(RLIMIT_FSIZE, 4096);
		/* the first write stops at the limit, the second starts there */
		bad = fd < 0 || write(fd, buf, sizeof(buf)) != 4096 ||
		      expect(write(fd, buf, sizeof(buf)), EFBIG, "write");
		unlink("/tmp/eo-fail.fsize");
	} else if (!strcmp(mode, "sigqueue")) {
		union sigval v = { 0 };
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGRTMIN);
		sigprocmask(SIG_BLOCK, &set, NULL);
		set_limit(RLIMIT_SIGPENDING, 4);
		for (i = 0; i < 64 && !sigqueue(getpid(), SIGRTMIN, v); i++)
			;
		bad = i == 64 || errno != EAGAIN;
	} else if (!strcmp(mode, "mqueue")) {
		set_limit(RLIMIT_MSGQUEUE, 1024);
		bad = mq_create(0, EMFILE);
	} else if (!strcmp(mode, "mqopen")) {
		bad = mq_create(argc > 2 ? n : 0, argc > 2 ? EINVAL : ENOSPC);
	} else if (!strcmp(mode, "iouring")) {
		struct io_uring_params params = { 0 };

		bad = expect(syscall(__NR_io_uring_setup, 1, &params), EPERM, "io_uring_setup");
	} else if (!strcmp(mode, "fanotify")) {
		for (i = 0; i < 64 && fanotify_init(FAN_CLASS_NOTIF, O_RDONLY) >= 0; i++)
			;
		bad = i == 64 || errno != EMFILE;
	} else if (!strcmp(mode, "fanmarks")) {
		bad = fanotify_marks();
	} else if (!strcmp(mode, "ptrace")) {
		bad = ptrace_child();
	} else if (!strcmp(mode, "e2big")) {
		bad = exec_too_big();
	} else if (!strcmp(mode, "seccomp") && argc > 2) {
		struct sock_filter code[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mount, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { .len = 4, .filter = code };

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
			perror("eo-fail: seccomp");
			return 2;
		}
		bad = expect(mount("none", argv[2], "tmpfs", 0, NULL), EPERM, "mount");
	} else if (!strcmp(mode, "renames") && argc > 3) {
		char name[24];	/* the kernel keeps 15 bytes */
		struct stat st;

		for (i = 0; i < n; i++) {
			snprintf(name, sizeof(name), "r%ld", i);
			prctl(PR_SET_NAME, name);
			bad |= expect(stat("/nonexistent/renames", &st), ENOENT, "stat");
		}
		prctl(PR_SET_NAME, "final");
		for (i = 0; i < atoi(argv[3]); i++)
			bad |= expect(stat("/nonexistent/renames", &st), ENOENT, "stat");
	} else if (!strcmp(mode, "fifo") && argc > 2) {
		fflush(stdout);
		bad = open(argv[2], O_RDONLY) < 0;
	} else if (!strcmp(mode, "pause")) {
		bad = expect(pause(), EINTR, "pause");
	} else if (!strcmp(mode, "timed")) {
		/* one failure between two CLOCK_MONOTONIC readings, printed as "t0 t1" */
		long t0 = now_ns();

		bad = expect(openat(AT_FDCWD, "/nonexistent/timed", O_RDONLY), ENOENT, "openat");
		printf("%ld %ld\n", t0, now_ns());
	} else if (!strcmp(mode, "storm")) {
		long end = now_ns() + n * 1000000000L;

		while (now_ns() < end)
			for (i = 0; i < 1000; i++)
				openat(AT_FDCWD, "/nonexistent/storm", O_RDONLY);
	} else {
		fprintf(stderr, "eo-fail: unknown mode '%s'\n", mode);
		return 2;
	}
	if (getenv("EO_FAIL_HOLD"))
		sleep(atoi(getenv("EO_FAIL_HOLD")));
	for (i = 0; i < nkids; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	return bad;
}
