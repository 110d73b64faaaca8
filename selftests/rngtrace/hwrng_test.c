// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware RNGs: a virtio-rng device whose driver loads after rngtrace
 * (tools/vm/run --virtio-rng) registers, becomes current, feeds the pool
 * and shows in the per-source credit totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define SYSFS "/sys/class/misc/hw_random/"

TEST(virtio_rng_registers_and_feeds)
{
	struct rt_hwrng_info h[16];
	const struct rt_hwrng_info *v = NULL;
	struct rt_ev evs[512];
	struct rt_st st;
	char cur[64], quality[16];
	int64_t deadline;
	int i, n, registered = 0;

	if (read_line(SYSFS "rng_current", cur, sizeof(cur)) ||
	    strncmp(cur, "virtio_rng", 10))
		SKIP(return, "no virtio-rng current (rng_current: %s)", cur);

	deadline = (boottime_ns() / 1000000) + 10000;
	do {
		ASSERT_EQ(0, rt_hwrngs(h, 16, &n));
		for (i = 0; i < n; i++)
			if (!strcmp(h[i].name, cur))
				v = &h[i];
	} while ((!v || !v->feeds) && (boottime_ns() / 1000000) < deadline && (v = NULL, 1));
	ASSERT_NE(NULL, v) TH_LOG("%s not listed", cur);
	EXPECT_EQ(1, v->current);
	EXPECT_EQ(0, v->before_load);
	EXPECT_LT(0, v->feeds);
	EXPECT_LT(0, v->bytes);
	/* The core's own word on the current source's quality. */
	if (!read_line(SYSFS "rng_quality", quality, sizeof(quality)))
		EXPECT_EQ((uint32_t)atoi(quality), v->quality);

	ASSERT_EQ(0, rt_events(0, evs, 512, &n));
	for (i = 0; i < n; i++) {
		if (evs[i].type != RNGTRACE_EVENT_TYPE_HWRNG_REGISTER ||
		    strcmp(evs[i].name, cur))
			continue;
		registered++;
		EXPECT_EQ(v->quality, evs[i].quality);
	}
	EXPECT_EQ(1, registered);

	ASSERT_EQ(0, rt_status(&st));
	if (!st.ready_at_load)
		EXPECT_LT(0, st.credit_bits[RNGTRACE_SOURCE_HWRNG]);
}

TEST_HARNESS_MAIN
