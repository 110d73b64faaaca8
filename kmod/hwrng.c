// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware RNG sources (the hw_random core).
 *
 * hwrng_register() and hwrng_unregister() are probed for name and
 * quality; add_hwgenerator_randomness() for what the current source feeds
 * (aggregated per source: the fill thread calls it continuously).
 *
 * The module reads no files: sources registered before it loaded are
 * known to the hw_random core only, which exports no list, so userspace
 * reads them (/sys/class/misc/hw_random/, as the controller does). What
 * such a source feeds is counted on an entry without a name, before_load
 * set, until a source registers after load.
 */

#include <linux/hw_random.h>
#include <linux/kprobes.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "nmi_lock.h"
#include "rngtrace.h"

static struct rt_hwrng_info rt_hwrngs[RT_MAX_HWRNG];
static unsigned int rt_nhwrng;
static struct rt_nmi_lock rt_hwrng_lock = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(rt_hwrng_lock.lock),
	.id = RT_LOCK_HWRNG,
};

/* Under rt_hwrng_lock. */
static struct rt_hwrng_info *rt_hwrng_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < rt_nhwrng; i++)
		if (!strcmp(rt_hwrngs[i].name, name))
			return &rt_hwrngs[i];
	return NULL;
}

/* Under rt_hwrng_lock: the core prefers the highest quality. */
static void rt_hwrng_pick_current(void)
{
	struct rt_hwrng_info *best = NULL;
	unsigned int i;

	for (i = 0; i < rt_nhwrng; i++) {
		if (rt_hwrngs[i].name[0] &&
		    (!best || rt_hwrngs[i].quality > best->quality))
			best = &rt_hwrngs[i];
		rt_hwrngs[i].current_rng = false;
	}
	if (best)
		best->current_rng = true;
}

static int rt_hwrng_register_begin(struct pt_regs *regs, void *data)
{
	atomic64_inc(&rt_hwrng_probes[0].hits);
	*(struct hwrng **)data = (void *)regs_get_kernel_argument(regs, 0);
	return 0;
}

static void rt_hwrng_register_end(struct pt_regs *regs, unsigned long caller,
				  void *data)
{
	struct hwrng *rng = *(struct hwrng **)data;
	struct rt_hwrng_info *h;
	struct rt_event ev;
	unsigned long flags;

	if (regs_return_value(regs) || !rng)
		return;	/* not registered */

	rt_event_init(&ev, RNGTRACE_EVENT_TYPE_HWRNG_REGISTER);
	strscpy(ev.name, rng->name, sizeof(ev.name));
	ev.quality = rng->quality;

	if (!rt_nmi_lock(&rt_hwrng_lock, &flags)) {
		rt_ring_count_lost();
		goto out;
	}
	h = rt_hwrng_find(ev.name);
	if (!h && rt_nhwrng < RT_MAX_HWRNG)
		h = &rt_hwrngs[rt_nhwrng++];
	if (h) {
		memset(h, 0, sizeof(*h));
		strscpy(h->name, ev.name, sizeof(h->name));
		h->quality = ev.quality;
		h->registered_ns = ev.time_ns;
		rt_hwrng_pick_current();
	}
	rt_nmi_unlock(&rt_hwrng_lock, flags);
out:
	rt_ring_put(&ev);
}

static int rt_hwrng_unregister_begin(struct pt_regs *regs, void *data)
{
	struct hwrng *rng = (void *)regs_get_kernel_argument(regs, 0);
	struct rt_hwrng_info *h;
	struct rt_event ev;
	unsigned long flags;

	atomic64_inc(&rt_hwrng_probes[1].hits);
	rt_event_init(&ev, RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER);
	strscpy(ev.name, rng->name, sizeof(ev.name));
	ev.quality = rng->quality;

	if (rt_nmi_lock(&rt_hwrng_lock, &flags)) {
		h = rt_hwrng_find(ev.name);
		if (h) {
			*h = rt_hwrngs[--rt_nhwrng];
			rt_hwrng_pick_current();
		}
		rt_nmi_unlock(&rt_hwrng_lock, flags);
	} else {
		rt_ring_count_lost();
	}

	rt_ring_put(&ev);
	return 1;
}

static int rt_hwrng_feed_begin(struct pt_regs *regs, void *data)
{
	unsigned long len = regs_get_kernel_argument(regs, 1);
	unsigned long entropy = regs_get_kernel_argument(regs, 2);
	struct rt_hwrng_info *h;
	unsigned long flags;
	unsigned int i;

	atomic64_inc(&rt_hwrng_probes[2].hits);
	if (!rt_nmi_lock(&rt_hwrng_lock, &flags)) {
		rt_ring_count_lost();
		return 1;
	}
	for (i = 0; i < rt_nhwrng; i++)
		if (rt_hwrngs[i].current_rng)
			break;
	if (i == rt_nhwrng) {
		/* A source from before load, whose name only sysfs knows. */
		h = rt_hwrng_find("");
		if (!h && rt_nhwrng < RT_MAX_HWRNG) {
			h = &rt_hwrngs[rt_nhwrng++];
			memset(h, 0, sizeof(*h));
			h->before_load = true;
		}
	} else {
		h = &rt_hwrngs[i];
	}
	if (h) {
		h->feeds++;
		h->bytes += len;
		h->bits += entropy;
	}
	rt_nmi_unlock(&rt_hwrng_lock, flags);
	return 1;
}

/* The same as kprobes, where fprobes do not work (compat/fprobe.h). */
static int rt_hwrng_register_entry(struct kretprobe_instance *ri,
				   struct pt_regs *regs)
{
	return rt_hwrng_register_begin(regs, ri->data);
}

static int rt_hwrng_register_ret(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	rt_hwrng_register_end(regs, 0, ri->data);
	return 0;
}

static int rt_hwrng_unregister_pre(struct kprobe *kp, struct pt_regs *regs)
{
	rt_hwrng_unregister_begin(regs, NULL);
	return 0;
}

static int rt_hwrng_feed_pre(struct kprobe *kp, struct pt_regs *regs)
{
	rt_hwrng_feed_begin(regs, NULL);
	return 0;
}

/*
 * The hits counters above index this table: keep the order. On fprobes
 * where the hw_random core is built in (probes.c keeps a module's
 * functions on kprobes); add_hwgenerator_randomness() is random.c's.
 */
struct rt_probe rt_hwrng_probes[] = {
	{
		.symbol = "hwrng_register",
		.group = RT_GROUP_ALWAYS,
		.exported = true,
		.is_ret = true,
		.entry_handler = rt_hwrng_register_entry,
		.handler = rt_hwrng_register_ret,
		.fentry = rt_hwrng_register_begin,
		.fexit = rt_hwrng_register_end,
		.data_size = sizeof(struct hwrng *),
		.maxactive = 8,
	},
	{
		.symbol = "hwrng_unregister",
		.group = RT_GROUP_ALWAYS,
		.exported = true,
		.pre_handler = rt_hwrng_unregister_pre,
		.fentry = rt_hwrng_unregister_begin,
	},
	{
		.symbol = "add_hwgenerator_randomness",
		.group = RT_GROUP_ALWAYS,
		.in_random_c = true,
		.pre_handler = rt_hwrng_feed_pre,
		.fentry = rt_hwrng_feed_begin,
	},
};

const unsigned int rt_nr_hwrng_probes = ARRAY_SIZE(rt_hwrng_probes);

unsigned int rt_hwrng_copy(struct rt_hwrng_info *out, unsigned int max)
{
	unsigned long flags;
	unsigned int n;

	rt_nmi_lock_task(&rt_hwrng_lock, &flags);
	n = min(max, rt_nhwrng);
	memcpy(out, rt_hwrngs, n * sizeof(*out));
	rt_nmi_unlock(&rt_hwrng_lock, flags);
	return n;
}
