// SPDX-License-Identifier: GPL-2.0
/*
 * The rngtrace netlink ABI and the probes' life cycle: every probe
 * attached, permissions, strict validation with extack, disarming once the
 * CRNG is ready (and keep_armed), RESET, and load/unload under load.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/genetlink.h>

#include "kselftest_harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define NPROBES 11

static const char * const hot[] = {
	"_credit_init_bits", "crng_reseed", "__x64_sys_getrandom",
	"random_read_iter", "urandom_read_iter", "wait_for_random_bytes",
	"get_random_bytes_user",
};
#define NHOT ((int)(sizeof(hot) / sizeof(hot[0])))

static const char *ko_path(void)
{
	return getenv("RNGTRACE_KO") ?: "/lib/rngtrace/rngtrace.ko";
}

static int module_param_yes(const char *name)
{
	char path[128], v[8] = "";

	snprintf(path, sizeof(path), "/sys/module/rngtrace/parameters/%s", name);
	return !read_line(path, v, sizeof(v)) && v[0] == 'Y';
}

/* 1 when every hot probe is armed, 0 when none is, -1 otherwise. */
static int hot_armed(void)
{
	struct rt_probe_info p[16];
	int n, i, armed = 0;

	if (rt_probes(p, 16, &n))
		return -1;
	for (i = 0; i < NHOT; i++) {
		const struct rt_probe_info *q = rt_probe_find(p, n, hot[i]);

		if (!q)
			return -1;
		armed += q->armed;
	}
	return armed == NHOT ? 1 : armed == 0 ? 0 : -1;
}

static int wait_hot_armed(int want)
{
	int64_t deadline = (boottime_ns() / 1000000) + 10000;

	while ((boottime_ns() / 1000000) < deadline)
		if (hot_armed() == want)
			return 0;
	return -ETIMEDOUT;
}

static int set_keep_armed(uint32_t v, struct genl_reply *r)
{
	char attrs[16];
	size_t off = 0;

	genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &v, sizeof(v));
	return rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r);
}

static uint64_t getrandom_hits(void)
{
	struct rt_probe_info p[16];
	const struct rt_probe_info *q;
	int n;

	if (rt_probes(p, 16, &n))
		return 0;
	q = rt_probe_find(p, n, "__x64_sys_getrandom");
	return q ? q->hits : 0;
}

static const char * const probe_names[NPROBES] = {
	"_credit_init_bits", "crng_reseed", "crng_set_ready",
	"get_random_bytes_user", "__x64_sys_getrandom", "random_read_iter",
	"urandom_read_iter", "wait_for_random_bytes", "hwrng_register",
	"hwrng_unregister", "add_hwgenerator_randomness",
};

TEST(every_probe_attached)
{
	static const struct { const char *sym; uint32_t method; } want[NPROBES] = {
		{ "_credit_init_bits", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "crng_reseed", RNGTRACE_PROBE_METHOD_KPROBE },
		{ "crng_set_ready", RNGTRACE_PROBE_METHOD_KPROBE },
		{ "get_random_bytes_user", RNGTRACE_PROBE_METHOD_KPROBE },
		{ "__x64_sys_getrandom", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "random_read_iter", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "urandom_read_iter", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "wait_for_random_bytes", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "hwrng_register", RNGTRACE_PROBE_METHOD_KRETPROBE },
		{ "hwrng_unregister", RNGTRACE_PROBE_METHOD_KPROBE },
		{ "add_hwgenerator_randomness", RNGTRACE_PROBE_METHOD_KPROBE },
	};
	struct rt_probe_info p[16];
	int n, i;

	ASSERT_EQ(0, rt_probes(p, 16, &n));
	ASSERT_EQ(NPROBES, n);
	for (i = 0; i < NPROBES; i++) {
		const struct rt_probe_info *q = rt_probe_find(p, n, want[i].sym);

		ASSERT_NE(NULL, q) TH_LOG("%s missing", want[i].sym);
		EXPECT_EQ(1, q->attached) TH_LOG("%s: error %d", q->symbol, q->error);
		EXPECT_EQ(0, q->error);
		EXPECT_EQ(want[i].method, q->method) TH_LOG("%s", q->symbol);
		EXPECT_EQ(0, q->nmissed) TH_LOG("%s", q->symbol);
	}
}

/*
 * Every copy of a probed function the kernel has (/proc/kallsyms, the
 * ground truth) is a row of PROBES_GET: name and name.part.N attached,
 * .constprop.N and .isra.N refused (their argument layout is their own).
 */
TEST(every_clone_in_kallsyms_is_listed)
{
	struct rt_probe_info p[16];
	char line[512], sym[256];
	int n, i, clones = 0;
	FILE *f;

	ASSERT_EQ(0, rt_probes(p, 16, &n));
	f = fopen("/proc/kallsyms", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		char type, *dot;
		size_t base;

		if (sscanf(line, "%*s %c %255s", &type, sym) != 2 ||
		    (type != 't' && type != 'T'))
			continue;
		dot = strchr(sym, '.');
		base = dot ? (size_t)(dot - sym) : strlen(sym);
		if (dot && strncmp(dot, ".part.", 6) &&
		    strncmp(dot, ".constprop.", 11) && strncmp(dot, ".isra.", 6))
			continue;	/* .cold and such: not entry points */
		for (i = 0; i < NPROBES; i++) {
			const char *want = probe_names[i];

			if (strlen(want) != base || strncmp(sym, want, base))
				continue;
			const struct rt_probe_info *q = NULL;
			int k;

			for (k = 0; k < n; k++)
				if (!strcmp(p[k].symbol, sym))
					q = &p[k];
			clones++;
			ASSERT_NE(NULL, q) TH_LOG("%s is not listed", sym);
			if (dot && strncmp(dot, ".part.", 6)) {
				EXPECT_EQ(1, q->refused) TH_LOG("%s", sym);
				EXPECT_EQ(0, q->attached) TH_LOG("%s", sym);
			} else {
				EXPECT_EQ(1, q->attached) TH_LOG("%s", sym);
			}
		}
	}
	fclose(f);
	EXPECT_LE(NPROBES, clones);
}

static int attached(const struct rt_probe_info *p, int n)
{
	int i, a = 0;

	for (i = 0; i < n; i++)
		a += p[i].attached;
	return a;
}

/*
 * Userspace reach comes last: the moment the family can be resolved, its
 * probe table is whole. A child resolves it in a loop while the module
 * loads and dumps PROBES_GET the instant it appears.
 */
TEST(probes_complete_as_soon_as_the_family_exists)
{
	struct rt_probe_info whole[16];
	int fd, status, i, n;
	uint16_t id;
	pid_t pid;

	fd = open(ko_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < 5; i++) {
		ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK));
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			struct rt_probe_info p[16];
			int g = genl_open(), n;
			int64_t deadline = boottime_ns() + 20000000000LL;

			while (rt_family(g, &id)) {
				if (boottime_ns() > deadline)
					_exit(2);
			}
			if (rt_probes(p, 16, &n))
				_exit(3);
			_exit(100 + attached(p, n));
		}
		ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		/* As many rows the first instant as once the load is done. */
		ASSERT_EQ(0, rt_probes(whole, 16, &n));
		/* 2 never appeared, 3 PROBES_GET failed, 100+N: N attached */
		EXPECT_EQ(100 + attached(whole, n), WEXITSTATUS(status))
			TH_LOG("load %d", i);
	}
	close(fd);
}

TEST(unprivileged_gets_status_only)
{
	pid_t pid = fork();
	int wstatus;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct rt_probe_info p[16];
		struct rt_st st;
		struct genl_reply *r = malloc(sizeof(*r));
		uint32_t grp;
		int fd, n;

		if (!r || setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(10);
		if (rt_status(&st))
			_exit(11);
		if (rt_probes(p, 16, &n) || n != NPROBES)
			_exit(12);
		if (rt_dump(RNGTRACE_CMD_EVENTS_GET, NULL, 0, r) != -EPERM)
			_exit(13);
		if (set_keep_armed(1, r) != -EPERM)
			_exit(14);
		if (rt_do(RNGTRACE_CMD_RESET, NULL, 0, r) != -EPERM)
			_exit(15);
		fd = genl_open();
		if (fd < 0 || genl_mcast_group(fd, RNGTRACE_FAMILY_NAME,
					       RNGTRACE_MCGRP_EVENTS, &grp))
			_exit(16);
		if (!setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
				sizeof(grp)) || errno != EPERM)
			_exit(17);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &wstatus, 0));
	ASSERT_TRUE(WIFEXITED(wstatus));
	/* 10 set-up, 11 STATUS, 12 PROBES, 13 EVENTS, 14 CONFIG, 15 RESET, 17 join */
	EXPECT_EQ(0, WEXITSTATUS(wstatus));
}

TEST(malformed_requests_name_the_attribute)
{
	struct genl_reply *r = malloc(sizeof(*r));
	uint32_t v = 2;
	uint8_t small = 1;
	uint64_t seq = 0;
	char attrs[32];
	size_t off = 0, at;

	ASSERT_NE(NULL, r);
	/* Out of range: keep-armed is 0 or 1. */
	at = genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &v, sizeof(v));
	EXPECT_EQ(-ERANGE, rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* Wrong type: a u8 where a u32 belongs. */
	off = 0;
	at = genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &small, 1);
	EXPECT_EQ(-EINVAL, rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* Missing: the kernel names the attribute it wanted. */
	EXPECT_EQ(-EINVAL, rt_do(RNGTRACE_CMD_CONFIG_SET, NULL, 0, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ(RNGTRACE_A_CONFIG_KEEP_ARMED, r->miss_type);

	/* Unknown attribute in a dump request. */
	off = 0;
	genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_SINCE_SEQ, &seq, sizeof(seq));
	at = genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_MAX + 5, &v, sizeof(v));
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_EVENTS_GET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* An attribute of another command's set. */
	off = 0;
	at = genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_EVENT, &v, sizeof(v));
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_EVENTS_GET, attrs, off, r));
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);
	free(r);
}

TEST(hot_probes_disarm_once_ready)
{
	struct rt_st before, after;
	uint64_t hits;
	char buf[16];
	int i;

	if (module_param_yes("keep_armed"))
		SKIP(return, "loaded with keep_armed=1");
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));	/* ready now */
	ASSERT_EQ(0, wait_hot_armed(0)) TH_LOG("still armed after 10 s");
	ASSERT_EQ(0, rt_status(&before));
	EXPECT_EQ(0, before.armed);
	hits = getrandom_hits();
	for (i = 0; i < 100000; i++)
		ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	ASSERT_EQ(0, rt_status(&after));
	EXPECT_EQ(hits, getrandom_hits());
	EXPECT_EQ(before.written, after.written);
	EXPECT_EQ(before.waits, after.waits);
	EXPECT_EQ(before.unseeded, after.unseeded);
	EXPECT_EQ(before.credited_bits, after.credited_bits);
}

TEST(keep_armed_counts_calls_after_ready)
{
	struct genl_reply *r = malloc(sizeof(*r));
	struct rt_st st;
	uint64_t hits;
	char buf[16];
	int i;

	ASSERT_NE(NULL, r);
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	ASSERT_EQ(0, set_keep_armed(1, r)) TH_LOG("%s", r->extack);
	ASSERT_EQ(0, wait_hot_armed(1));
	ASSERT_EQ(0, rt_status(&st));
	EXPECT_EQ(1, st.keep_armed);
	hits = getrandom_hits();
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	EXPECT_LE(hits + 1000, getrandom_hits());
	EXPECT_GT(hits + 1100, getrandom_hits());

	ASSERT_EQ(0, set_keep_armed(0, r));
	if (!module_param_yes("keep_armed"))
		EXPECT_EQ(0, wait_hot_armed(0));
	free(r);
}

TEST(reset_forgets_events_and_counters)
{
	struct rt_ev evs[4];
	struct rt_st before, after;
	int n;

	ASSERT_EQ(0, rt_status(&before));
	ASSERT_EQ(0, rt_do(RNGTRACE_CMD_RESET, NULL, 0, NULL));
	ASSERT_EQ(0, rt_status(&after));
	ASSERT_EQ(0, rt_events(0, evs, 4, &n));
	EXPECT_EQ(0, n);
	EXPECT_EQ(0, after.dropped);
	EXPECT_EQ(0, after.waits);
	EXPECT_EQ(0, after.unseeded);
	for (n = 0; n < RT_MAX_SOURCES; n++)
		EXPECT_EQ(0, after.credit_count[n]);
	/* Sequence numbers never go back: a follower cannot be fooled. */
	EXPECT_LE(before.written, after.written);
	EXPECT_EQ(before.ready_at_load, after.ready_at_load);
}

static volatile int stop_threads;

static void *getrandom_loop(void *arg)
{
	char buf[32];

	(void)arg;
	while (!stop_threads)
		if (getrandom(buf, sizeof(buf), 0) < 0)
			return (void *)1;
	return NULL;
}

/* The 6.1 harness has per-test timeouts only for fixtures. */
FIXTURE(reload) {};
FIXTURE_SETUP(reload) {}
FIXTURE_TEARDOWN(reload) {}

/* Load and unload with armed probes while eight threads hammer them. */
TEST_F_TIMEOUT(reload, load_unload_under_load_is_clean, 300)
{
	pthread_t th[8];
	char bad[512];
	uint64_t mark;
	int i, fd, cycles = 50;

	ASSERT_EQ(0, kmsg_mark(&mark));
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, getrandom_loop, NULL));
	fd = open(ko_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < cycles; i++) {
		ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK))
			TH_LOG("cycle %d: delete_module: %s", i, strerror(errno));
		ASSERT_EQ(0, syscall(SYS_finit_module, fd, "keep_armed=1", 0))
			TH_LOG("cycle %d: finit_module: %s", i, strerror(errno));
	}
	stop_threads = 1;
	for (i = 0; i < 8; i++)
		EXPECT_EQ(0, pthread_join(th[i], NULL));
	EXPECT_EQ(1, hot_armed());
	/* Leave it loaded as /init did, without keep_armed. */
	ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK));
	ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
	close(fd);
	EXPECT_EQ(0, kmsg_find_bad_since(mark, bad, sizeof(bad)))
		TH_LOG("dmesg: %s", bad);
}

TEST_HARNESS_MAIN
