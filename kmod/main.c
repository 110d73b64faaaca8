// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace: observe the kernel CRNG's way to ready and report it over
 * generic netlink.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "rngtrace.h"

struct rt_load_state rt_load __ro_after_init;

static unsigned int ring_size = 4096;
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "Events the ring holds before the oldest are dropped (16..1048576)");

/*
 * The pool's credited bits at load, less what the credit probe (armed
 * before this runs) already saw: what boot code credited before us.
 */
static u32 __init rt_pool_bits_at_load(void)
{
	char buf[16];
	u32 avail, seen;

	if (rt_load.crng_ready)
		return RNGTRACE_READY_BITS;
	if (rt_read_small_file("/proc/sys/kernel/random/entropy_avail", buf,
			       sizeof(buf)) < 0 || kstrtou32(strim(buf), 10, &avail)) {
		pr_warn("cannot read entropy_avail; credit totals start at 0\n");
		return 0;
	}
	seen = rt_credited_bits();
	return avail > seen ? avail - seen : 0;
}

static int __init rngtrace_init(void)
{
	int ret;

	if (ring_size < 16 || ring_size > (1U << 20)) {
		pr_err("ring_size=%u is outside 16..1048576\n", ring_size);
		return -EINVAL;
	}

	/* Monotonic first, so that mono_ns <= boottime_ns always holds. */
	rt_load.mono_ns = ktime_get_ns();
	rt_load.boottime_ns = ktime_get_boottime_ns();
	rt_load.crng_ready = rng_is_initialized();

	ret = rt_ring_init(ring_size);
	if (ret)
		goto err_ring;
	rt_hwrng_init();
	ret = rt_netlink_init();
	if (ret)
		goto err_netlink;
	rt_probes_init();
	rt_load.pool_bits = rt_pool_bits_at_load();

	pr_info("version %s loaded, crng %s, %u bits credited before load\n",
		RNGTRACE_VERSION, rt_load.crng_ready ? "ready" : "not ready",
		rt_load.pool_bits);
	return 0;

err_netlink:
	rt_ring_exit();
err_ring:
	return ret;
}

/* Handlers first, then the work they kick, then the family, then memory. */
static void __exit rngtrace_exit(void)
{
	rt_probes_exit();
	rt_notify_exit();
	rt_netlink_exit();
	rt_ring_exit();
}

module_init(rngtrace_init);
module_exit(rngtrace_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Boot-time entropy tracing: CRNG readiness, credits and waits");
MODULE_AUTHOR("The rngtrace developers");
MODULE_VERSION(RNGTRACE_VERSION);
MODULE_ALIAS_GENL_FAMILY("rngtrace");
