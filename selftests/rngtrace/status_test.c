// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace STATUS_GET against ground truth the test measures itself:
 * getrandom(GRND_NONBLOCK) for readiness, the /init's CLOCK_BOOTTIME
 * readings around insmod for the load time, /dev/kmsg's "crng init done"
 * for ready-at-load, sysfs for the version.
 *
 * Runs in the test VM (tools/vm/run) with rngtrace.ko loaded by /init.
 * The last test unloads and reloads the module.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/genetlink.h>

#include "harness.h"
#include "genl.h"
#include "groundtruth.h"
#include "linux/rngtrace.h"

struct status {
	char version[64];
	uint32_t crng_ready;
	uint32_t ready_at_load;
	uint64_t load_time_ns;
	uint64_t load_time_mono_ns;
};

static struct genl_reply reply;

static int rt_family(int fd, uint16_t *id)
{
	uint32_t version;

	return genl_resolve(fd, RNGTRACE_FAMILY_NAME, id, &version);
}

/* STATUS_GET through the raw client; every attribute must be present. */
static int get_status(struct status *st)
{
	const struct nlattr *a[RNGTRACE_A_STATUS_MAX + 1] = {};
	/* The attributes every reply has; READY_TIME_* come once ready. */
	uint16_t id;
	int fd, ret, t;

	fd = genl_open();
	if (fd < 0)
		return fd;
	ret = rt_family(fd, &id);
	if (!ret)
		ret = genl_do(fd, id, RNGTRACE_CMD_STATUS_GET, 0, NULL, 0,
			      &reply);
	close(fd);
	if (ret)
		return ret;
	for (t = RNGTRACE_A_STATUS_VERSION;
	     t <= RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS; t++) {
		a[t] = genl_attr(&reply, t);
		if (!a[t])
			return -ENODATA;
	}
	snprintf(st->version, sizeof(st->version), "%s",
		 genl_attr_str(a[RNGTRACE_A_STATUS_VERSION]));
	st->crng_ready = genl_attr_u32(a[RNGTRACE_A_STATUS_CRNG_READY]);
	st->ready_at_load = genl_attr_u32(a[RNGTRACE_A_STATUS_READY_AT_LOAD]);
	st->load_time_ns = genl_attr_u64(a[RNGTRACE_A_STATUS_LOAD_TIME_NS]);
	st->load_time_mono_ns =
		genl_attr_u64(a[RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS]);
	return 0;
}

TEST(family_registered)
{
	uint16_t id;
	uint32_t version;
	int fd = genl_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, genl_resolve(fd, RNGTRACE_FAMILY_NAME, &id, &version));
	EXPECT_LT(GENL_ID_CTRL, id);
	EXPECT_EQ(RNGTRACE_FAMILY_VERSION, version);
	close(fd);
}

TEST(family_only_in_init_net)
{
	uint16_t id;
	uint32_t version;
	int fd;

	/* The harness runs each test in its own child: unsharing is local. */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd = genl_open();
	ASSERT_LE(0, fd);
	EXPECT_EQ(-ENOENT, genl_resolve(fd, RNGTRACE_FAMILY_NAME, &id,
					&version));
	close(fd);
}

TEST(status_version_matches_sysfs)
{
	struct status st;
	char sysver[64];

	ASSERT_EQ(0, read_line("/sys/module/rngtrace/version", sysver,
			       sizeof(sysver)));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_STREQ(sysver, st.version);
}

TEST(status_crng_ready_matches_getrandom)
{
	struct status st;
	int before, after, tries;

	/* Readiness only goes one way: bracket the request by ground truth. */
	for (tries = 0; tries < 5; tries++) {
		before = crng_ready_now();
		ASSERT_EQ(0, get_status(&st));
		after = crng_ready_now();
		if (before == after)
			break;
	}
	ASSERT_EQ(before, after) TH_LOG("CRNG kept changing state");
	EXPECT_EQ((uint32_t)before, st.crng_ready);
}

TEST(load_time_within_insmod_window)
{
	struct status st;
	double start, end, load;

	if (read_seconds("/run/rngtrace-vm/insmod-start", &start) ||
	    read_seconds("/run/rngtrace-vm/insmod-end", &end))
		SKIP(return, "not booted by tools/vm/run with the module");
	ASSERT_EQ(0, get_status(&st));
	load = st.load_time_ns / 1e9;
	/* /proc/uptime counts CLOCK_BOOTTIME in 10 ms steps. */
	EXPECT_LE(start - 0.011, load) TH_LOG("load %.3f start %.3f", load, start);
	EXPECT_GE(end + 0.011, load) TH_LOG("load %.3f end %.3f", load, end);
	/* No suspend in the VM: monotonic trails boottime by (almost) nothing. */
	EXPECT_LE(st.load_time_mono_ns, st.load_time_ns);
	EXPECT_GT(st.load_time_mono_ns + 1000000000ULL, st.load_time_ns);
}

TEST(ready_at_load_matches_kmsg)
{
	struct status st;
	double start, end, ready;
	int found;

	if (read_seconds("/run/rngtrace-vm/insmod-start", &start) ||
	    read_seconds("/run/rngtrace-vm/insmod-end", &end))
		SKIP(return, "not booted by tools/vm/run with the module");
	ASSERT_EQ(0, get_status(&st));
	found = kmsg_find("random: crng init done", &ready);
	ASSERT_LE(0, found);
	/* printk's clock and CLOCK_BOOTTIME differ by tens of ms in QEMU. */
	if (found && ready > start - 0.5 && ready < end + 0.5)
		SKIP(return, "CRNG became ready too close to the load to tell");
	EXPECT_EQ((uint32_t)(found && ready < start), st.ready_at_load)
		TH_LOG("crng init done %s at %.3f, insmod %.3f..%.3f",
		       found ? "logged" : "not logged", ready, start, end);
}

TEST(ready_at_load_matches_scenario)
{
	const char *expect = getenv("RT_EXPECT_READY_AT_LOAD");
	struct status st;

	if (!expect)
		SKIP(return, "RT_EXPECT_READY_AT_LOAD not set");
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ((uint32_t)atoi(expect), st.ready_at_load);
}

TEST(status_ready_after_blocking_getrandom)
{
	struct status before, after;
	char buf[16];

	ASSERT_EQ(0, get_status(&before));
	/* Blocks until the CRNG is ready, however long that takes. */
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	ASSERT_EQ(0, get_status(&after));
	EXPECT_EQ(1, after.crng_ready);
	EXPECT_EQ(before.ready_at_load, after.ready_at_load);
	EXPECT_EQ(before.load_time_ns, after.load_time_ns);
}

TEST(status_rejects_unknown_attribute)
{
	struct genl_reply *r = &reply;
	uint32_t v = 1;
	char attrs[16];
	size_t off = 0, at;
	uint16_t id;
	int fd = genl_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rt_family(fd, &id));
	at = genl_put_attr(attrs, &off, RNGTRACE_A_STATUS_MAX + 10, &v,
			   sizeof(v));
	EXPECT_EQ(-EINVAL, genl_do(fd, id, RNGTRACE_CMD_STATUS_GET, 0,
				   attrs, off, r));
	EXPECT_NE('\0', r->extack[0]) TH_LOG("no extack message");
	/* The offset names our attribute inside the request. */
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off)
		TH_LOG("extack: %s", r->extack);
	close(fd);
}

TEST(status_rejects_reserved_header_bytes)
{
	uint16_t id;
	int fd = genl_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rt_family(fd, &id));
	EXPECT_EQ(-EINVAL, genl_do(fd, id, RNGTRACE_CMD_STATUS_GET, 1,
				   NULL, 0, &reply));
	close(fd);
}

TEST(status_allowed_unprivileged)
{
	struct status st;
	pid_t pid;
	int wstatus;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* uid nobody: setuid() from root drops every capability. */
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(3);
		if (geteuid() != 65534)
			_exit(4);
		_exit(get_status(&st) ? 1 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &wstatus, 0));
	ASSERT_TRUE(WIFEXITED(wstatus));
	EXPECT_EQ(0, WEXITSTATUS(wstatus));
}

/* Runs last: it takes the module out and puts it back. */
TEST(rmmod_is_clean_and_reload_works)
{
	const char *ko = getenv("RNGTRACE_KO") ?: "/lib/rngtrace/rngtrace.ko";
	struct status before, after;
	char bad[512];
	uint64_t mark;
	uint16_t id;
	uint32_t version;
	int fd, kofd;

	ASSERT_EQ(0, get_status(&before));
	ASSERT_EQ(0, kmsg_mark(&mark));
	ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK))
		TH_LOG("delete_module: %s", strerror(errno));
	EXPECT_NE(0, access("/sys/module/rngtrace", F_OK));

	fd = genl_open();
	ASSERT_LE(0, fd);
	EXPECT_EQ(-ENOENT, genl_resolve(fd, RNGTRACE_FAMILY_NAME, &id,
					&version));
	EXPECT_EQ(0, kmsg_find_bad_since(mark, bad, sizeof(bad)))
		TH_LOG("dmesg after rmmod: %s", bad);

	kofd = open(ko, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, kofd);
	ASSERT_EQ(0, syscall(SYS_finit_module, kofd, "", 0))
		TH_LOG("finit_module: %s", strerror(errno));
	close(kofd);
	EXPECT_EQ(0, genl_resolve(fd, RNGTRACE_FAMILY_NAME, &id, &version));
	close(fd);
	ASSERT_EQ(0, get_status(&after));
	EXPECT_LT(before.load_time_ns, after.load_time_ns);
	EXPECT_EQ(0, kmsg_find_bad_since(mark, bad, sizeof(bad)))
		TH_LOG("dmesg after reload: %s", bad);
}

TEST_HARNESS_MAIN
