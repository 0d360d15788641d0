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
 *   eo-fail bench N             N x (failing openat + getppid); prints the elapsed ns
 *   eo-fail mountbench N DIR    N x (mount tmpfs on DIR + umount DIR), prints the elapsed ns
 *   eo-fail pause               pause() until SIGUSR1: the kernel returns ERESTARTNOHAND
 *   eo-fail write FILE TEXT     write(TEXT) to FILE, expected to fail; prints the errno
 *   eo-fail emfile              open files until EMFILE (RLIMIT_NOFILE lowered to 16)
 *   eo-fail inotify             inotify watches on /, /tmp, /proc, /sys, /dev until one fails
 *   eo-fail instances           inotify_init1 until EMFILE (fs.inotify.max_user_instances)
 *   eo-fail fork                fork() until it fails (pids.max, RLIMIT_NPROC)
 *   eo-fail userns              unshare(CLONE_NEWUSER) (user.max_user_namespaces)
 *   eo-fail epoll               epoll_ctl(ADD) of pipes until it fails (fs.epoll.max_user_watches)
 *   eo-fail asuser UID CMD...   run CMD with uid/gid UID and no capabilities
 *
 * With EO_FAIL_HOLD=SECONDS in the environment, the process stays that long after failing
 * (like a daemon that retries), so that what is read of it under /proc is still there.
 * Each failing mode prints "pid=<pid> tid=<tid>" first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
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
		execvp(argv[3], argv + 3);
		perror("eo-fail: exec");
		return 2;
	}
	if (!strcmp(mode, "bench")) {
		long t0 = now_ns();

		for (i = 0; i < n; i++) {
			openat(AT_FDCWD, "/nonexistent/bench", O_RDONLY);
			getppid();
		}
		printf("%ld\n", now_ns() - t0);
		return 0;
	}
	/* before the pid is printed: the test may signal as soon as it reads it */
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGUSR1, &sa, NULL);
	if (!strcmp(mode, "mountbench") && argc > 3) {
		long t0 = now_ns();

		for (i = 0; i < n; i++)
			if (!mount("none", argv[3], "tmpfs", 0, NULL))
				umount(argv[3]);
		printf("%ld\n", now_ns() - t0);
		return 0;
	}
	whoami();
	if (!strcmp(mode, "enoent")) {
		for (i = 0; i < n; i++)
			bad |= expect(openat(AT_FDCWD, "/nonexistent/eo-fail", O_RDONLY), ENOENT,
				      "openat");
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
	} else if (!strcmp(mode, "pause")) {
		bad = expect(pause(), EINTR, "pause");
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
