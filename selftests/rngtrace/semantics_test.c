// SPDX-License-Identifier: GPL-2.0
/*
 * What the module reports is what the tasks saw, and only to whom it may:
 * a signal's EINTR, a cgroup path whole however deep, to an unprivileged
 * user the number of waits in flight but not who, nor the probes' hit
 * counts, and no hwrng a user's own mount namespace made up. Runs before
 * the CRNG is ready (the qemu64 lane), before boot_test: the waits here
 * are cut short by a signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define MAX_EVENTS 4096

static struct rt_ev evs[MAX_EVENTS];

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* CLOCK_BOOTTIME as the interrupted child's handler began. */
static volatile int64_t handler_ns;

static void on_signal(int sig)
{
	(void)sig;
	handler_ns = boottime_ns();	/* (clock_gettime: async-signal-safe) */
}

/* The interrupted child's own account, sent to the parent. */
struct interrupted {
	int64_t t0, handler, t1;	/* before the call, in the handler, after */
	int64_t queued;			/* its run delay across all that */
	char how;			/* 'i': EINTR; 'x': anything else */
};

/* WAITING_GET (as root) shows pid, with its comm, within ms. */
static int seen_waiting(pid_t pid, int ms)
{
	static struct rt_ev w[64];
	int64_t deadline = boottime_ns() + ms * 1000000LL;
	int n, i;

	while (boottime_ns() < deadline) {
		if (rt_waiting(w, 64, &n))
			return 0;
		for (i = 0; i < n; i++)
			if (w[i].pid == (uint32_t)pid && w[i].comm[0] &&
			    !w[i].has_seq && !w[i].has_result)
				return 1;
		nap_ms(1);
	}
	return 0;
}

/* The event of pid with the given type and path since seq, or NULL. */
static const struct rt_ev *find_event(uint64_t since, pid_t pid, uint32_t type,
				      uint32_t path)
{
	int n, i;

	if (rt_events(since, evs, MAX_EVENTS, &n))
		return NULL;
	for (i = 0; i < n; i++)
		if (evs[i].pid == (uint32_t)pid && evs[i].type == type &&
		    evs[i].path == path)
			return &evs[i];
	return NULL;
}

/*
 * A getrandom() blocked before ready and interrupted by a signal without
 * SA_RESTART: the task saw EINTR, and so does the trace (not -ERESTARTSYS).
 * The wait lies within the task's own clocks, and it ends before the
 * signal's handler runs: the syscall returns, then the kernel delivers
 * the signal on its way out. The handler's clock splits what comes after
 * the module's end: up to the handler is the module's (2 ms, plus what
 * the scheduler kept the task waiting), from the handler to the clock
 * after the call is the signal's delivery and return (sigreturn), which
 * the trace does not claim. (On arm64 an interrupted wait once ended 4.5
 * ms before the task's clock after the call: this says whose they are.)
 */
TEST(interrupted_wait_is_eintr)
{
	struct rt_st before;
	const struct rt_ev *ev;
	struct interrupted m;
	int pipes[2], status;
	pid_t pid;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready: nothing blocks");
	ASSERT_EQ(0, rt_status(&before));
	ASSERT_EQ(0, pipe(pipes));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct sigaction sa = { .sa_handler = on_signal };
		struct interrupted r = {};
		char buf[16];
		ssize_t n;

		sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */
		close(pipes[0]);
		r.queued = run_delay_ns();
		r.t0 = boottime_ns();
		n = getrandom(buf, sizeof(buf), 0);
		r.t1 = boottime_ns();
		r.queued = run_delay_ns() - r.queued;
		r.handler = handler_ns;
		r.how = n < 0 && errno == EINTR ? 'i' : 'x';
		_exit(write(pipes[1], &r, sizeof(r)) == sizeof(r) ? 0 : 3);
	}
	close(pipes[1]);
	/* Blocked: WAITING_GET lists it, with who it is. */
	ASSERT_TRUE(seen_waiting(pid, 5000)) TH_LOG("the child never showed as waiting");

	ASSERT_EQ(0, kill(pid, SIGUSR1));
	ASSERT_EQ(sizeof(m), read(pipes[0], &m, sizeof(m)));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	close(pipes[0]);
	if (m.how != 'i')
		SKIP(return, "the CRNG became ready before the signal");

	ev = find_event(before.written, pid, RNGTRACE_EVENT_TYPE_WAIT,
			RNGTRACE_PATH_GETRANDOM);
	ASSERT_NE(NULL, ev);
	EXPECT_EQ(-EINTR, ev->result);
	ASSERT_TRUE(ev->has_start);
	TH_LOG("its clock to the start %.3f ms; the end to its handler %.3f ms, the handler to its clock %.3f ms (run delay %.3f ms)",
	       ((int64_t)ev->start_ns - m.t0) / 1e6,
	       (m.handler - (int64_t)ev->time_ns) / 1e6,
	       (m.t1 - m.handler) / 1e6, m.queued / 1e6);
	/* Within the task's clocks, and ended before its handler ran. */
	EXPECT_LE(m.t0 - SKEW_NS, (int64_t)ev->start_ns);
	EXPECT_GE(m.handler + SKEW_NS, (int64_t)ev->time_ns);
	EXPECT_LE(m.handler, m.t1);
	/* The module's own slack at each end, as for every other wait. */
	EXPECT_GT(2000000 + m.queued, (int64_t)ev->start_ns - m.t0);
	EXPECT_GT(2000000 + m.queued, m.handler - (int64_t)ev->time_ns);
}

/* What the uid-65534 peeker below found wrong, one bit each. */
enum {
	PEEK_SETUP = 1,		/* setuid, or STATUS_GET failed */
	PEEK_LIST = 2,		/* STATUS_GET still carries a waiting list */
	PEEK_COUNT = 4,		/* no waits-in-flight, or 0 with one in flight */
	PEEK_BIG = 8,		/* STATUS_GET's reply is not small */
	PEEK_PROBES = 16,	/* PROBES_GET failed or listed nothing */
	PEEK_HITS = 32,		/* PROBES_GET gave hits or nmissed */
	PEEK_DUMP = 64,		/* WAITING_GET was not refused (EPERM) */
};

#define STATUS_SMALL 1024	/* bytes: counts and times, no task */

static int peek_as_nobody(void)
{
	static struct rt_ev w[64];
	struct rt_probe_info p[32];
	int64_t deadline;
	struct rt_st u;
	int bad = 0, n, i;

	if (setgroups(0, NULL) || setgid(65534) || setuid(65534) ||
	    rt_status(&u))
		return PEEK_SETUP;
	/* The module may see the call a moment after the kernel says so. */
	deadline = boottime_ns() + 2000000000LL;
	while (u.has_waits_in_flight && !u.waits_in_flight &&
	       boottime_ns() < deadline) {
		nap_ms(1);
		if (rt_status(&u))
			return PEEK_SETUP;
	}
	if (u.has_waiting_list)
		bad |= PEEK_LIST;
	if (!u.has_waits_in_flight || !u.waits_in_flight)
		bad |= PEEK_COUNT;
	if (u.reply_len > STATUS_SMALL)
		bad |= PEEK_BIG;
	if (rt_probes(p, 32, &n) || !n)
		bad |= PEEK_PROBES;
	for (i = 0; !(bad & PEEK_PROBES) && i < n; i++)
		if (p[i].has_hits || p[i].has_nmissed)
			bad |= PEEK_HITS;
	if (rt_waiting(w, 64, &n) != -EPERM)
		bad |= PEEK_DUMP;
	return bad;
}

/*
 * An unprivileged user gets what /proc would show them and no more
 * (issue 22 item 8): with a task blocked in getrandom(), STATUS_GET tells
 * uid 65534 how many calls are in flight, in a small reply with no list;
 * PROBES_GET gives it no hit counts; WAITING_GET, who is blocked, is
 * refused. The ground truth that a wait is in flight: our own child,
 * which said it was calling getrandom() before the peek and had not
 * returned from it after. (/proc/PID/syscall cannot tell: the waiter
 * spins in the jitter loop, and reads "running".) The peeker asks until
 * the module counts the call, which it may see a moment after the child
 * said so.
 */
TEST(unprivileged_sees_counts_not_tasks)
{
	int pipes[2], status, bad;
	pid_t pid, peek;
	char c;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready: nothing blocks");
	ASSERT_EQ(0, pipe(pipes));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char buf[16];

		close(pipes[0]);
		c = 'g';
		write(pipes[1], &c, 1);
		c = getrandom(buf, sizeof(buf), 0) == sizeof(buf) ? 'r' : 'x';
		write(pipes[1], &c, 1);
		_exit(0);
	}
	close(pipes[1]);
	ASSERT_EQ(1, read(pipes[0], &c, 1));
	ASSERT_EQ('g', c);

	peek = fork();
	ASSERT_LE(0, peek);
	if (!peek)
		_exit(peek_as_nobody());
	ASSERT_EQ(peek, waitpid(peek, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	bad = WEXITSTATUS(status);

	/* Still blocked after the peek: the wait was in flight throughout. */
	ASSERT_EQ(0, fcntl(pipes[0], F_SETFL, O_NONBLOCK));
	if (read(pipes[0], &c, 1) == 1) {
		waitpid(pid, NULL, 0);
		SKIP(return, "the CRNG became ready during the peek");
	}
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	close(pipes[0]);

	EXPECT_EQ(0, bad & PEEK_SETUP);
	EXPECT_EQ(0, bad & PEEK_LIST) TH_LOG("STATUS_GET still lists the waits to uid 65534");
	EXPECT_EQ(0, bad & PEEK_COUNT) TH_LOG("STATUS_GET has no waits-in-flight count, or 0 with a wait in flight");
	EXPECT_EQ(0, bad & PEEK_BIG) TH_LOG("STATUS_GET's reply is over %d bytes", STATUS_SMALL);
	EXPECT_EQ(0, bad & PEEK_PROBES);
	EXPECT_EQ(0, bad & PEEK_HITS) TH_LOG("PROBES_GET gives uid 65534 hits or nmissed");
	EXPECT_EQ(0, bad & PEEK_DUMP) TH_LOG("WAITING_GET is not refused to uid 65534");
}

/* Why a cgroup's name cannot be seen in an unseeded read here, or NULL. */
static const char *cgroup_case_skip(void)
{
	if (access("/sys/fs/cgroup/cgroup.procs", F_OK))
		return "no cgroup2 at /sys/fs/cgroup";
	if (!kernel_names_cgroups())
		return "this kernel exports no cgroup_get_from_id(): the module names no cgroup";
	if (crng_ready_now())
		return "the CRNG is ready: no unseeded read to see";
	return NULL;
}

/*
 * A child that joins the cgroup whose cgroup.procs is @procs, reads with
 * GRND_NONBLOCK and exits: its pid once it has, or -1.
 */
static pid_t read_in_cgroup(const char *procs)
{
	int fd, status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		char buf[16], me[16];

		fd = open(procs, O_WRONLY);
		snprintf(me, sizeof(me), "%d", getpid());
		if (fd < 0 || write(fd, me, strlen(me)) < 0)
			_exit(1);
		close(fd);
		getrandom(buf, sizeof(buf), GRND_NONBLOCK);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return pid;
}

/*
 * A unit deep in the cgroup tree (containers, Kubernetes) keeps its whole
 * path: far past the 127 bytes a handler's buffer once held.
 */
TEST(deep_cgroup_path_is_whole)
{
	char path[512] = "/sys/fs/cgroup", want[512] = "";
	const struct rt_ev *ev;
	const char *why;
	struct rt_st st;
	int i;
	pid_t pid;

	why = cgroup_case_skip();
	if (why)
		SKIP(return, "%s", why);
	for (i = 0; i < 4; i++) {
		char part[64];

		snprintf(part, sizeof(part),
			 "/kubepods-burstable-pod%d-0123456789abcdef0123456789abcdef.slice", i);
		strcat(want, part);
		strcat(path, part);
		ASSERT_TRUE(!mkdir(path, 0755) || errno == EEXIST) TH_LOG("%s", path);
	}
	ASSERT_LT(200, (int)strlen(want));
	strcat(path, "/cgroup.procs");
	ASSERT_EQ(0, rt_status(&st));
	pid = read_in_cgroup(path);
	ASSERT_LT(0, pid) TH_LOG("%s: the reader could not join it", path);
	if (crng_ready_now())
		SKIP(return, "the CRNG became ready meanwhile");
	ev = find_event(st.written, pid, RNGTRACE_EVENT_TYPE_UNSEEDED,
			RNGTRACE_PATH_GETRANDOM);
	ASSERT_NE(NULL, ev);
	EXPECT_STREQ(want, ev->cgroup);
}

/*
 * A short-lived unit keeps its name: a service reads without waiting and
 * exits, and systemd removes its cgroup as soon as it is empty, before the
 * module's deferred work may have named it. Each child here joins a cgroup
 * of its own, reads, exits, and the cgroup is removed at once.
 */
#define SHORT_UNITS 16

TEST(short_lived_unit_keeps_its_name)
{
	char dir[SHORT_UNITS][128], procs[160], want[128];
	pid_t pids[SHORT_UNITS];
	const struct rt_ev *ev;
	const char *why;
	struct rt_st st;
	int i, lost = 0;

	why = cgroup_case_skip();
	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, rt_status(&st));
	for (i = 0; i < SHORT_UNITS; i++) {
		snprintf(dir[i], sizeof(dir[i]),
			 "/sys/fs/cgroup/rt-short-%d.service", i);
		ASSERT_TRUE(!mkdir(dir[i], 0755) || errno == EEXIST)
			TH_LOG("%s: %s", dir[i], strerror(errno));
		snprintf(procs, sizeof(procs),
			 "/sys/fs/cgroup/rt-short-%d.service/cgroup.procs", i);
		pids[i] = read_in_cgroup(procs);
		ASSERT_LT(0, pids[i]) TH_LOG("%s: the reader could not join it", procs);
		/* As systemd does once the unit's cgroup is empty. */
		ASSERT_EQ(0, rmdir(dir[i])) TH_LOG("%s: %s", dir[i], strerror(errno));
	}
	if (crng_ready_now())
		SKIP(return, "the CRNG became ready meanwhile");
	for (i = 0; i < SHORT_UNITS; i++) {
		ev = find_event(st.written, pids[i], RNGTRACE_EVENT_TYPE_UNSEEDED,
				RNGTRACE_PATH_GETRANDOM);
		ASSERT_NE(NULL, ev) TH_LOG("no unseeded read of child %d", i);
		snprintf(want, sizeof(want), "/rt-short-%d.service", i);
		if (strcmp(want, ev->cgroup)) {
			TH_LOG("child %d: cgroup '%s', not %s", i, ev->cgroup, want);
			lost++;
		}
	}
	EXPECT_EQ(0, lost);
}

/*
 * A user's own mount namespace with a tmpfs over /sys/class/misc cannot
 * make the module list a hwrng: it reads no files on anyone's behalf.
 */
TEST(hwrng_list_ignores_a_users_mount_namespace)
{
	struct rt_hwrng_info h[16];
	int status, n, i;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		int fd;

		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(10);
		prctl(PR_SET_DUMPABLE, 1);	/* setuid cleared it: own maps */
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
			_exit(11);	/* not allowed here: nothing to test */
		/* Root inside: 65534 outside, so the tmpfs can hold files. */
		if (write_line("/proc/self/setgroups", "deny") ||
		    write_line("/proc/self/uid_map", "0 65534 1") ||
		    write_line("/proc/self/gid_map", "0 65534 1"))
			_exit(12);
		if (mount("tmpfs", "/sys/class/misc", "tmpfs", 0, NULL))
			_exit(16);
		if (mkdir("/sys/class/misc/hw_random", 0755))
			_exit(17);
		fd = open("/sys/class/misc/hw_random/rng_available",
			  O_WRONLY | O_CREAT, 0644);
		if (fd < 0 || write(fd, "fake-rng\n", 9) != 9)
			_exit(13);
		close(fd);
		fd = open("/sys/class/misc/hw_random/rng_current",
			  O_WRONLY | O_CREAT, 0644);
		if (fd < 0 || write(fd, "fake-rng\n", 9) != 9)
			_exit(13);
		close(fd);
		if (rt_hwrngs(h, 16, &n))
			_exit(14);
		for (i = 0; i < n; i++)
			if (!strcmp(h[i].name, "fake-rng"))
				_exit(15);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) == 11)
		SKIP(return, "unprivileged user namespaces are off");
	/* 12, 13, 16, 17 set-up, 14 HWRNG_GET, 15 the fake source listed */
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* And none leaked into the table for everyone else. */
	ASSERT_EQ(0, rt_hwrngs(h, 16, &n));
	for (i = 0; i < n; i++)
		EXPECT_STRNE("fake-rng", h[i].name);
	nap_ms(0);
}

TEST_HARNESS_MAIN
