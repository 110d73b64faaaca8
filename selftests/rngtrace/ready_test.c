// SPDX-License-Identifier: GPL-2.0
/*
 * READY cannot be missed for good: with every kprobe in the kernel off
 * while the CRNG becomes ready (/sys/kernel/debug/kprobes/enabled = 0), and
 * function tracing too where the module's probes are fprobes
 * (kernel.ftrace_enabled = 0; 7.x has no such switch any more, and the
 * test skips where the module's probes are fprobes: arm64), the module
 * sees neither the completing credit nor crng_set_ready(). Once they are
 * back, the first handler that finds the CRNG ready must get
 * READY published (source unknown, no earlier than the kernel log's
 * "crng init done") and the hot probes disarmed, disarm_delay_ms after
 * that handler and not before. Needs the CRNG not ready.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <unistd.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define KPROBES_ENABLED "/sys/kernel/debug/kprobes/enabled"
#define FTRACE_ENABLED "/proc/sys/kernel/ftrace_enabled"
#define MAX_EVENTS 4096

static struct rt_ev evs[MAX_EVENTS];

/* The module's disarm_delay_ms, or its documented default. */
static int64_t disarm_delay_ns(void)
{
	return module_param_num("disarm_delay_ms", 5000) * 1000000LL;
}

TEST(ready_published_when_every_probe_missed_it)
{
	struct rt_st st;
	int64_t deadline, kick_ns, delay_ns = disarm_delay_ns();
	double kmsg_s;
	char buf[16];
	struct rt_probe_info p[16];
	int n, i, ready = 0, fprobes = 0;
	uint32_t keep = 0;
	char attrs[16];
	size_t off = 0;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready already");
	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) &&
	    errno != EBUSY)
		SKIP(return, "no debugfs");
	ASSERT_EQ(0, rt_probes(p, 16, &n));
	for (i = 0; i < n; i++)
		fprobes |= p[i].attached &&
			   p[i].method == RNGTRACE_PROBE_METHOD_FPROBE;
	/* Keep-armed off kicks the disarm work: not a start of the delay. */
	genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &keep,
		      sizeof(keep));
	ASSERT_EQ(0, rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, NULL));
	usleep(1500000);	/* past the work's first second */
	if (crng_ready_now())
		SKIP(return, "the CRNG got ready meanwhile");
	if (fprobes) {
		int e = write_line(FTRACE_ENABLED, "0");

		/*
		 * 7.x deprecated the knob: writing 0 leaves function tracing
		 * on and fails. Nothing else turns every fprobe off.
		 */
		if (e == -EOPNOTSUPP)
			SKIP(return, "kernel lacks a switch for function tracing (kernel.ftrace_enabled=0: EOPNOTSUPP, deprecated since 7.x) and this kernel's probes are fprobes");
		ASSERT_EQ(0, e);
	}
	ASSERT_EQ(0, write_line(KPROBES_ENABLED, "0"));
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));	/* unseen */
	/* No handler saw the CRNG ready before this. */
	kick_ns = boottime_ns();
	ASSERT_EQ(0, write_line(KPROBES_ENABLED, "1"));
	if (fprobes)
		ASSERT_EQ(0, write_line(FTRACE_ENABLED, "1"));
	ASSERT_EQ(1, kmsg_find("crng init done", &kmsg_s));

	ASSERT_EQ(0, rt_status(&st));
	EXPECT_FALSE(st.has_ready_time) TH_LOG("READY seen with kprobes and ftrace off?");
	/* Any hot handler now sees the CRNG ready. */
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	deadline = kick_ns + delay_ns + 5000000000LL;
	do {
		ASSERT_EQ(0, rt_status(&st));
		/* Disarming is an ftrace update: not as the boot goes on. */
		if (!st.armed)
			ASSERT_LE(kick_ns + delay_ns - 10000000, boottime_ns())
				TH_LOG("disarmed %.3f s after ready, before disarm_delay_ms",
				       (boottime_ns() - kick_ns) / 1e9);
	} while ((!st.has_ready_time || st.armed) && boottime_ns() < deadline);
	ASSERT_TRUE(st.has_ready_time) TH_LOG("no READY after kprobes came back");
	EXPECT_EQ(0, st.armed) TH_LOG("hot probes still armed %.3f s after ready",
				      (boottime_ns() - kick_ns) / 1e9);
	EXPECT_EQ(RNGTRACE_SOURCE_UNKNOWN, st.ready_source);
	/* Every probe was off: nothing but the module's noticing, and it says so. */
	ASSERT_EQ(1, st.has_ready_evidence);
	EXPECT_EQ(RNGTRACE_READY_EVIDENCE_NOTICED, st.ready_evidence);
	EXPECT_LE((int64_t)(kmsg_s * 1e9) + st.printk_offset_ns - 1000000,
		  (int64_t)st.ready_time_ns);

	ASSERT_EQ(0, rt_events(0, evs, MAX_EVENTS, &n));
	for (i = 0; i < n; i++)
		ready += evs[i].type == RNGTRACE_EVENT_TYPE_READY;
	EXPECT_EQ(1, ready);
}

TEST_HARNESS_MAIN
