// SPDX-License-Identifier: GPL-2.0
/*
 * A syscall storm that knows exactly what it caused: threads (and, with -p, short-lived
 * child processes) call twenty kinds of syscalls that fail with a known errno,
 * between calls that succeed, and count every failure by its return value. Built 64-bit
 * and 32-bit (ia32 syscall numbers, the compat paths).
 *
 *   eo-storm [-t THREADS] [-p PROCS] [-n NAME] [-s USECS] SECONDS
 *
 * Every task renames itself NAME (default "eo-storm"), so that a comm filter sees the
 * storm and nothing else. -s sleeps that long after each burst of a thousand calls (a
 * storm that leaves the rest of a TCG guest some time). At the end it prints one line per failing kind,
 * "fail SYSCALL ERRNO COUNT", then "storm failures TOTAL calls CALLS".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

struct kind {
	const char *syscall;	/* as errorigin names it */
	int err;
	long (*call)(void);
};

static int bad_fd = 1000003;	/* never open */
static int pipe_fds[2];
static const char *missing = "/nonexistent/eo-storm";

static long c_openat(void) { return syscall(SYS_openat, AT_FDCWD, missing, O_RDONLY); }
static long c_mkdirat(void) { return syscall(SYS_mkdirat, AT_FDCWD, "/", 0755); }
static long c_unlinkat(void) { return syscall(SYS_unlinkat, AT_FDCWD, missing, 0); }
static long c_unlinkat_dir(void) { return syscall(SYS_unlinkat, AT_FDCWD, missing, AT_REMOVEDIR); }
static long c_read(void) { char c; return syscall(SYS_read, bad_fd, &c, 1); }
static long c_write(void) { return syscall(SYS_write, bad_fd, "x", 1); }
static long c_close(void) { return syscall(SYS_close, bad_fd); }
static long c_kill(void) { return syscall(SYS_kill, 0x3ffffff0, 0); }
static long c_chdir(void) { return syscall(SYS_chdir, missing); }
static long c_faccessat(void) { return syscall(SYS_faccessat, AT_FDCWD, missing, F_OK); }
static long c_readlinkat(void) { char b[8]; return syscall(SYS_readlinkat, AT_FDCWD, "/", b, sizeof(b)); }
static long c_renameat(void) { return syscall(SYS_renameat, AT_FDCWD, missing, AT_FDCWD, "/tmp/x"); }
static long c_linkat(void) { return syscall(SYS_linkat, AT_FDCWD, missing, AT_FDCWD, "/tmp/x", 0); }
static long c_symlinkat(void) { return syscall(SYS_symlinkat, "x", AT_FDCWD, "/"); }
static long c_fcntl(void) { return syscall(SYS_fcntl, bad_fd, F_GETFL); }
static long c_dup3(void) { return syscall(SYS_dup3, bad_fd, 5, 0); }
static long c_lseek(void) { return syscall(SYS_lseek, pipe_fds[0], 0, SEEK_SET); }
static long c_ioctl(void) { return syscall(SYS_ioctl, pipe_fds[0], TCGETS, NULL); }
static long c_fchmodat(void) { return syscall(SYS_fchmodat, AT_FDCWD, missing, 0644); }
static long c_truncate(void) { return syscall(SYS_truncate, missing, 0); }

/* names as the kernel's syscall table has them on each ABI */
static const struct kind kinds[] = {
	{ "openat", ENOENT, c_openat },
	{ "mkdirat", EEXIST, c_mkdirat },
	{ "unlinkat", ENOENT, c_unlinkat },
	{ "unlinkat", ENOENT, c_unlinkat_dir },
	{ "read", EBADF, c_read },
	{ "write", EBADF, c_write },
	{ "close", EBADF, c_close },
	{ "kill", ESRCH, c_kill },
	{ "chdir", ENOENT, c_chdir },
	{ "faccessat", ENOENT, c_faccessat },
	{ "readlinkat", EINVAL, c_readlinkat },
	{ "renameat", ENOENT, c_renameat },
	{ "linkat", ENOENT, c_linkat },
	{ "symlinkat", EEXIST, c_symlinkat },
	{ "fcntl", EBADF, c_fcntl },
	{ "dup3", EBADF, c_dup3 },
	{ "lseek", ESPIPE, c_lseek },
	{ "ioctl", ENOTTY, c_ioctl },
	{ "fchmodat", ENOENT, c_fchmodat },
	{ "truncate", ENOENT, c_truncate },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* shared with the child processes */
struct tally {
	atomic_ulong fails[NKINDS];
	atomic_ulong calls;
	atomic_ulong wrong;	/* a call that did not fail as expected: the storm is wrong */
};

static struct tally *tally;
static atomic_int stop;
static const char *name = "eo-storm";
static useconds_t pause_us;

static unsigned long rnd(unsigned long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* @n rounds of a failing call between succeeding ones; counts locally, adds once */
static void burst(unsigned long *seed, long n)
{
	unsigned long fails[NKINDS] = { 0 }, calls = 0, wrong = 0;
	unsigned int i;
	long r;

	while (n-- > 0 && !atomic_load_explicit(&stop, memory_order_relaxed)) {
		i = rnd(seed) % NKINDS;
		r = kinds[i].call();
		if (r == -1 && errno == kinds[i].err)
			fails[i]++;
		else
			wrong++;
		syscall(SYS_getppid);
		syscall(SYS_getpid);
		calls += 3;
	}
	for (i = 0; i < NKINDS; i++)
		if (fails[i])
			atomic_fetch_add(&tally->fails[i], fails[i]);
	atomic_fetch_add(&tally->calls, calls);
	atomic_fetch_add(&tally->wrong, wrong);
}

static void *thread_main(void *arg)
{
	unsigned long seed = (unsigned long)arg * 2654435761UL + 1;

	prctl(PR_SET_NAME, name);
	while (!atomic_load(&stop)) {
		burst(&seed, 1000);
		if (pause_us)
			usleep(pause_us);
	}
	return NULL;
}

/* Short-lived processes: each does one burst and exits. */
static void *spawner_main(void *arg)
{
	unsigned long seed = (unsigned long)arg * 40503UL + 7;
	pid_t pid;

	prctl(PR_SET_NAME, name);
	while (!atomic_load(&stop)) {
		pid = fork();
		if (pid == 0) {
			burst(&seed, 50);
			_exit(0);
		}
		if (pid > 0)
			waitpid(pid, NULL, 0);
		if (pause_us)
			usleep(pause_us);
		rnd(&seed);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = 2, procs = 0, opt, i;
	unsigned long total = 0;
	pthread_t tids[64];
	double secs;

	while ((opt = getopt(argc, argv, "t:p:n:s:")) != -1) {
		switch (opt) {
		case 't': threads = atoi(optarg); break;
		case 'p': procs = atoi(optarg); break;
		case 'n': name = optarg; break;
		case 's': pause_us = atoi(optarg); break;
		default: return 2;
		}
	}
	if (optind >= argc || threads + procs > 64 || threads + procs < 1) {
		fprintf(stderr, "usage: eo-storm [-t THREADS] [-p PROCS] [-n NAME] [-s USECS] SECONDS\n");
		return 2;
	}
	secs = atof(argv[optind]);
	prctl(PR_SET_NAME, name);
	tally = mmap(NULL, sizeof(*tally), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		     -1, 0);
	if (tally == MAP_FAILED || pipe(pipe_fds))
		return 2;
	for (i = 0; i < threads + procs; i++)
		pthread_create(&tids[i], NULL, i < threads ? thread_main : spawner_main,
			       (void *)(long)(i + 1));
	usleep((useconds_t)(secs * 1e6));
	atomic_store(&stop, 1);
	for (i = 0; i < threads + procs; i++)
		pthread_join(tids[i], NULL);
	for (i = 0; i < (int)NKINDS; i++) {
		unsigned long n = atomic_load(&tally->fails[i]);

		total += n;
		if (n)
			printf("fail %s %d %lu\n", kinds[i].syscall, kinds[i].err, n);
	}
	printf("storm failures %lu calls %lu wrong %lu\n", total, atomic_load(&tally->calls),
	       atomic_load(&tally->wrong));
	return atomic_load(&tally->wrong) ? 1 : 0;
}
