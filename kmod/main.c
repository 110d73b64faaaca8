// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace: observe the kernel CRNG's way to ready and report it over
 * generic netlink.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "rngtrace.h"

struct rt_load_state rt_load __ro_after_init;

static int __init rngtrace_init(void)
{
	int ret;

	/* Monotonic first, so that mono_ns <= boottime_ns always holds. */
	rt_load.mono_ns = ktime_get_ns();
	rt_load.boottime_ns = ktime_get_boottime_ns();
	rt_load.crng_ready = rng_is_initialized();

	ret = rt_netlink_init();
	if (ret)
		goto err_netlink;

	pr_info("version %s loaded, crng %s\n", RNGTRACE_VERSION,
		rt_load.crng_ready ? "ready" : "not ready");
	return 0;

err_netlink:
	return ret;
}

static void __exit rngtrace_exit(void)
{
	rt_netlink_exit();
}

module_init(rngtrace_init);
module_exit(rngtrace_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Boot-time entropy tracing: CRNG readiness, credits and waits");
MODULE_AUTHOR("The rngtrace developers");
MODULE_VERSION(RNGTRACE_VERSION);
MODULE_ALIAS_GENL_FAMILY("rngtrace");
