// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel the module cannot trace (trixie's riscv64 6.12: no kprobe at a
 * function's entry) makes it refuse to load. The refusal must leave
 * nothing behind: no probe armed before the module knew it would stay,
 * no irq_work, timer or work queued into memory freed with it. So the
 * module is loaded under a getrandom() storm with the CRNG ready (every
 * syscall probe hit would queue the disarm), and the kernel log must stay
 * clean past the disarm delay and a second refused load. Needs the module
 * not loaded (tools/vm/run --no-module) and the CRNG ready (--dt-seed).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "groundtruth.h"

#define MODULE_KO	"/lib/rngtrace/rngtrace.ko"
#define STORMERS	4
/* The module's default disarm_delay_ms, and some: what it queued fires. */
#define AFTER_NS	(7 * 1000000000LL)

static int load(void)
{
	int fd = open(MODULE_KO, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

static pid_t storm(void)
{
	pid_t pid = fork();
	char b[16];

	if (pid)
		return pid;
	for (;;)
		if (getrandom(b, sizeof(b), 0) < 0 && errno != EINTR)
			_exit(1);
}

TEST(refused_load_leaves_nothing_behind)
{
	pid_t pids[STORMERS];
	char bad[512] = "";
	uint64_t seq;
	int64_t deadline;
	int i, ret, found = 0;

	ASSERT_NE(0, access("/sys/module/rngtrace", F_OK))
		TH_LOG("rngtrace is loaded: boot with --no-module");
	ASSERT_EQ(0, access(MODULE_KO, R_OK));
	ASSERT_TRUE(crng_ready_now()) TH_LOG("the CRNG is not ready: boot with --dt-seed");
	ASSERT_EQ(0, kmsg_mark(&seq));

	for (i = 0; i < STORMERS; i++)
		ASSERT_LT(0, pids[i] = storm());
	usleep(200000);
	ret = load();
	if (!ret) {
		syscall(SYS_delete_module, "rngtrace", O_NONBLOCK);
		for (i = 0; i < STORMERS; i++)
			kill(pids[i], SIGKILL);
		SKIP(return, "the module loaded: this kernel is one it traces");
	}
	EXPECT_EQ(-EOPNOTSUPP, ret);
	/* The storm goes on until whatever was queued has come due. */
	deadline = boottime_ns() + AFTER_NS;
	while (!found && boottime_ns() < deadline) {
		found = kmsg_find_bad_since(seq, bad, sizeof(bad));
		usleep(100000);
	}
	/* Refused again, with nothing left over from the first. */
	EXPECT_EQ(-EOPNOTSUPP, load());
	for (i = 0; i < STORMERS; i++) {
		int status;

		kill(pids[i], SIGKILL);
		EXPECT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFSIGNALED(status)) TH_LOG("a stormer's getrandom() failed");
	}
	usleep(500000);
	if (!found)
		found = kmsg_find_bad_since(seq, bad, sizeof(bad));
	EXPECT_EQ(0, found) TH_LOG("kernel: %s", bad);
	EXPECT_NE(0, access("/sys/module/rngtrace", F_OK));
}

TEST_HARNESS_MAIN
