// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace: observe the kernel CRNG's way to ready and report it over
 * generic netlink.
 *
 * Init brings up what the family's operations and notifications read
 * first (the rings, the names, the probes and the state at load) and
 * registers the family last; exit takes the family down first. Userspace
 * can never reach what is not there.
 *
 * No MODULE_ALIAS_GENL_FAMILY: resolving the family must not let any user
 * load a module that puts kprobes on syscall paths. An administrator loads
 * it (Documentation/admin-guide/module.md).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "rngtrace.h"

struct rt_load_state rt_load __ro_after_init;

static unsigned int ring_size = 4096;
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "Events each ring holds before the oldest are dropped (16..1048576)");

static int entropy_avail = -1;
module_param(entropy_avail, int, 0444);
MODULE_PARM_DESC(entropy_avail,
		 "/proc/sys/kernel/random/entropy_avail as the loader read it just before loading (the module reads no files; -1: unknown)");

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
	if (rt_load.crng_ready)
		rt_load.pool_bits = RNGTRACE_READY_BITS;
	else if (entropy_avail >= 0)
		rt_load.pool_bits = min_t(u32, entropy_avail,
					  RNGTRACE_READY_BITS);

	ret = rt_ring_init(ring_size);
	if (ret)
		goto err_ring;
	ret = rt_names_init();
	if (ret)
		goto err_names;
	ret = rt_probes_init();
	if (ret)
		goto err_probes;
	ret = rt_netlink_init();
	if (ret)
		goto err_netlink;
	rt_notify_start();

	pr_info("version %s loaded, crng %s, %u bits credited before load%s\n",
		RNGTRACE_VERSION, rt_load.crng_ready ? "ready" : "not ready",
		rt_load.pool_bits,
		rt_load.crng_ready || entropy_avail >= 0 ? "" :
		" (entropy_avail= not given)");
	return 0;

err_netlink:
	rt_probes_exit();
err_probes:
	rt_notify_exit();
	rt_names_exit();
err_names:
	rt_ring_exit();
err_ring:
	return ret;
}

/*
 * Notifications, then the family: after genl_unregister_family() no
 * operation runs or can start. Then the probes (no handler runs after),
 * what the handlers queued, and the memory they all wrote.
 */
static void __exit rngtrace_exit(void)
{
	rt_notify_stop();
	rt_netlink_exit();
	rt_probes_exit();
	rt_notify_exit();
	rt_names_exit();
	rt_ring_exit();
}

module_init(rngtrace_init);
module_exit(rngtrace_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Boot-time entropy tracing: CRNG readiness, credits and waits");
MODULE_AUTHOR("The rngtrace developers");
MODULE_VERSION(RNGTRACE_VERSION);
