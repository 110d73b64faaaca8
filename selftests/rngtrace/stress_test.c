// SPDX-License-Identifier: GPL-2.0
/*
 * The module under fire, meant for a guest with two vCPUs: unload and
 * load it again and again, 50 times at least, while one process toggles
 * keep-armed and dumps everything, two fuzz the family (one as root, one
 * as nobody) and threads storm getrandom(); every instance, loaded with
 * keep_armed every other time, is unloaded only once its getrandom probe
 * has fired, so that each unload takes probes that are hit; the loading
 * thread at nice -20. Then the module's disarm delay and a second of
 * idle, so that any timer or work left behind fires, and the verdict is
 * the kernel log's: no Oops, BUG or WARNING.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "harness.h"
#include "groundtruth.h"
#include "nlfuzz.h"
#include "rtnl.h"

static const char *ko_path(void)
{
	return getenv("RNGTRACE_KO") ?: "/lib/rngtrace/rngtrace.ko";
}

static volatile int stop_threads;

static void *getrandom_loop(void *arg)
{
	char buf[32];
	int i = 0;

	(void)arg;
	while (!stop_threads)
		if (getrandom(buf, sizeof(buf), ++i & 1 ? 0 : GRND_NONBLOCK) < 0 &&
		    errno != EAGAIN)
			return (void *)1;
	return NULL;
}

static void nap_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	nanosleep(&ts, NULL);
}

/* Toggle keep-armed and read everything back, until killed. */
static void hammer(void)
{
	struct genl_reply *r = malloc(sizeof(*r));
	char attrs[16];
	uint32_t v = 0;
	size_t off;

	for (;; v ^= 1) {
		off = 0;
		genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &v,
			      sizeof(v));
		if (rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r) == -ENOENT)
			nap_us(500);	/* between unload and load */
		rt_do(RNGTRACE_CMD_STATUS_GET, NULL, 0, r);
		rt_dump(RNGTRACE_CMD_EVENTS_GET, NULL, 0, r);
		rt_dump(RNGTRACE_CMD_PROBES_GET, NULL, 0, r);
		rt_dump(RNGTRACE_CMD_HWRNG_GET, NULL, 0, r);
	}
}

/* Random requests, until killed; as nobody when unprivileged. */
static void fuzz(int unprivileged, uint32_t seed)
{
	uint16_t id;
	int fd, i;

	if (unprivileged && (setgid(65534) || setuid(65534)))
		_exit(2);
	for (;;) {
		fd = genl_open();
		if (fd < 0)
			_exit(3);
		if (rt_family(fd, &id)) {
			close(fd);
			nap_us(500);
			continue;
		}
		for (i = 0; i < 200; i++)
			nlfuzz_once(fd, id, &seed);
		close(fd);
	}
}

/* The instance loaded now: its getrandom probe fired within 10 s. */
static int fired(void)
{
	int64_t deadline = boottime_ns() + 10000000000LL;
	const char *sys_getrandom = rt_sys_getrandom();

	while (!rt_probe_hits(sys_getrandom))
		if (boottime_ns() > deadline)
			return 0;
		else
			nap_us(1000);
	return 1;
}

/* Unload; a dump in progress holds the module for a moment. */
static int unload(void)
{
	int64_t deadline = boottime_ns() + 10000000000LL;

	while (syscall(SYS_delete_module, "rngtrace", O_NONBLOCK)) {
		if (errno != EAGAIN || boottime_ns() > deadline)
			return -errno;
		nap_us(200);
	}
	return 0;
}

static pid_t spawn(void (*fn)(int, uint32_t), int arg, uint32_t seed)
{
	pid_t pid = fork();

	if (!pid) {
		fn(arg, seed);
		_exit(0);
	}
	return pid;
}

static void hammer_fn(int arg, uint32_t seed)
{
	(void)arg; (void)seed;
	hammer();
}

/* The 6.1 harness has per-test timeouts only for fixtures. */
FIXTURE(storm) {};
FIXTURE_SETUP(storm) {}
FIXTURE_TEARDOWN(storm) {}

TEST_F_TIMEOUT(storm, reload_under_netlink_and_getrandom_storm, 600)
{
	/* 50 at least: RT_STRESS_CYCLES may ask for more, never fewer. */
	int cycles = atoi(getenv("RT_STRESS_CYCLES") ?: "50");
	pthread_t th[2];
	pid_t kids[3];
	char bad[512];
	int64_t deadline;
	uint64_t mark;
	int i, fd, st, bad_found, hit = 0;
	int64_t t, spent[3] = {};	/* waiting to fire, unloading, loading */
	uint32_t seed = (uint32_t)boottime_ns() | 1;

	ASSERT_EQ(0, kmsg_mark(&mark));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, getrandom_loop, NULL));
	kids[0] = spawn(hammer_fn, 0, 0);
	kids[1] = spawn(fuzz, 0, seed);
	kids[2] = spawn(fuzz, 1, seed * 7 + 1);
	for (i = 0; i < 3; i++)
		ASSERT_LT(0, kids[i]);
	TH_LOG("fuzz seeds %u and %u", seed, seed * 7 + 1);

	if (cycles < 50)
		cycles = 50;
	/*
	 * The loader first on its vCPU (this thread only: the storm's threads
	 * and the children keep nice 0 and run on the other): each load and
	 * unload still races all of them there. At nice 0 it shared its vCPU
	 * with five busy tasks, and 6.1 took 3.5 s a load (270 s a boot).
	 */
	EXPECT_EQ(0, setpriority(PRIO_PROCESS, 0, -20));
	fd = open(ko_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < cycles; i++) {
		/* Let the hammer's requests land at varying points of exit. */
		nap_us(1000 + (i * 7919) % 20000);
		/* (/init's instance, the first, is not waited for) */
		t = boottime_ns();
		if (i && !fired()) {
			TH_LOG("cycle %d: the instance's getrandom probe never fired", i);
			break;
		}
		hit += !!i;
		spent[0] += boottime_ns() - t;
		t = boottime_ns();
		ASSERT_EQ(0, unload())
			TH_LOG("cycle %d: delete_module: %s", i, strerror(errno));
		spent[1] += boottime_ns() - t;
		t = boottime_ns();
		ASSERT_EQ(0, syscall(SYS_finit_module, fd,
				     i & 1 ? "keep_armed=1" : "", 0))
			TH_LOG("cycle %d: finit_module: %s", i, strerror(errno));
		spent[2] += boottime_ns() - t;
	}
	if (i == cycles)
		hit += fired();
	TH_LOG("%d load/unload cycles, %d with their getrandom probe hit; %.1f s waiting for it, %.1f s unloading, %.1f s loading",
	       i, hit, spent[0] / 1e9, spent[1] / 1e9, spent[2] / 1e9);
	EXPECT_EQ(cycles, hit);
	for (i = 0; i < 3; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], &st, 0);
	}
	stop_threads = 1;
	for (i = 0; i < 2; i++)
		EXPECT_EQ(0, pthread_join(th[i], NULL));
	/* Leave it loaded as /init did. */
	ASSERT_EQ(0, unload());
	ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
	close(fd);

	/*
	 * Idle, watching the log: the latest a dead module's deferred work
	 * could run is its disarm delay after it was queued (the module's
	 * disarm_delay_ms, read from the instance loaded now), so the watch
	 * lasts that and a second more. A problem ends the watch at once;
	 * none is the pass.
	 */
	deadline = boottime_ns() +
		   (module_param_num("disarm_delay_ms", 5000) + 1000) * 1000000LL;
	do {
		bad_found = kmsg_find_bad_since(mark, bad, sizeof(bad));
		if (!bad_found)
			nap_us(100000);
	} while (!bad_found && boottime_ns() < deadline);
	EXPECT_EQ(0, bad_found) TH_LOG("dmesg: %s", bad);
}

TEST_HARNESS_MAIN
