// SPDX-License-Identifier: GPL-2.0
/*
 * Waits for the CRNG and reads that did not wait for it.
 *
 * kretprobes on the getrandom() syscall, /dev/random's and /dev/urandom's
 * read_iter and wait_for_random_bytes(). Before the CRNG is ready:
 *  - getrandom() without GRND_NONBLOCK/GRND_INSECURE and a blocking
 *    /dev/random read are waits (path getrandom / dev_random);
 *  - wait_for_random_bytes() called from anywhere else is an in-kernel
 *    wait (path kernel); called from those two it is theirs already;
 *  - getrandom() with GRND_NONBLOCK or GRND_INSECURE and a non-blocking
 *    /dev/random read are unseeded reads;
 *  - a /dev/urandom read first runs try_to_generate_entropy(), which on
 *    machines with a cycle counter loops until the CRNG is ready: when
 *    the CRNG is ready at its return it waited and got seeded bytes (a
 *    wait, path dev_urandom), otherwise it read unseeded bytes.
 *
 * The event is built in the kretprobe instance's own data at entry (no
 * allocation); a wait is also copied into a slot table so that STATUS can
 * show who is blocked right now.
 */

#include <linux/fs.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/random.h>
#include <linux/spinlock.h>
#include <linux/uio.h>
#include <asm/syscall.h>

#include "compat/syscall.h"
#include "rngtrace.h"

struct rt_wait_call {
	struct rt_event ev;
	int slot;		/* in the waiting table, or -1 */
};

static struct {
	bool used;
	struct rt_event ev;
} rt_waiting[RT_MAX_WAITING];
static DEFINE_RAW_SPINLOCK(rt_waiting_lock);
static unsigned int rt_nwaiting;

static atomic64_t rt_waits, rt_lost, rt_unseeded;

static int rt_waiting_add(const struct rt_event *ev)
{
	unsigned long flags;
	int i, slot = -1;

	raw_spin_lock_irqsave(&rt_waiting_lock, flags);
	for (i = 0; i < RT_MAX_WAITING; i++) {
		if (!rt_waiting[i].used) {
			rt_waiting[i].used = true;
			rt_waiting[i].ev = *ev;
			rt_nwaiting++;
			slot = i;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&rt_waiting_lock, flags);
	if (slot < 0)
		atomic64_inc(&rt_lost);
	return slot;
}

static void rt_waiting_del(int slot)
{
	unsigned long flags;

	if (slot < 0)
		return;
	raw_spin_lock_irqsave(&rt_waiting_lock, flags);
	rt_waiting[slot].used = false;
	rt_nwaiting--;
	raw_spin_unlock_irqrestore(&rt_waiting_lock, flags);
}

unsigned int rt_waiting_count(void)
{
	return READ_ONCE(rt_nwaiting);
}

unsigned int rt_waiting_copy(struct rt_event *evs, unsigned int max)
{
	unsigned long flags;
	unsigned int i, n = 0;

	raw_spin_lock_irqsave(&rt_waiting_lock, flags);
	for (i = 0; i < RT_MAX_WAITING && n < max; i++)
		if (rt_waiting[i].used)
			evs[n++] = rt_waiting[i].ev;
	raw_spin_unlock_irqrestore(&rt_waiting_lock, flags);
	return n;
}

/* Start recording a call of the current task; returns 0 to get the return. */
static int rt_call_begin(struct rt_wait_call *c, u32 type, u32 path,
			 u32 flags, u64 bytes)
{
	rt_event_init(&c->ev, type);
	rt_event_task(&c->ev, true);
	c->ev.path = path;
	c->ev.flags = flags;
	c->ev.bytes = bytes;
	c->ev.start_ns = c->ev.time_ns;
	c->slot = -1;
	if (type == RNGTRACE_EVENT_TYPE_WAIT ||
	    path == RNGTRACE_PATH_DEV_URANDOM)
		c->slot = rt_waiting_add(&c->ev);
	return 0;
}

static int rt_call_end(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct rt_wait_call *c = (void *)ri->data;

	c->ev.result = (long)regs_return_value(regs);
	if (c->ev.path == RNGTRACE_PATH_DEV_URANDOM && rng_is_initialized())
		c->ev.type = RNGTRACE_EVENT_TYPE_WAIT;
	if (c->ev.type == RNGTRACE_EVENT_TYPE_WAIT) {
		c->ev.time_mono_ns = ktime_get_ns();
		c->ev.time_ns = ktime_get_boottime_ns();
		rt_waiting_del(c->slot);
		atomic64_inc(&rt_waits);
	} else {
		rt_waiting_del(c->slot);
		atomic64_inc(&rt_unseeded);
	}
	rt_ring_put(&c->ev);
	if (rng_is_initialized())
		rt_probes_maybe_disarm();
	return 0;
}

static int rt_getrandom_entry(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	struct pt_regs *uregs = (void *)regs_get_kernel_argument(regs, 0);
	unsigned long args[6];
	u32 flags;

	atomic64_inc(&rt_wait_probes[0].hits);
	if (rng_is_initialized())
		return 1;
	syscall_get_arguments(current, uregs, args);
	flags = args[2];
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return 1;	/* -EINVAL, reads nothing */
	return rt_call_begin((void *)ri->data,
			     flags & (GRND_NONBLOCK | GRND_INSECURE) ?
			     RNGTRACE_EVENT_TYPE_UNSEEDED :
			     RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_GETRANDOM, flags, args[1]);
}

static int rt_random_read_entry(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	struct kiocb *kiocb = (void *)regs_get_kernel_argument(regs, 0);
	struct iov_iter *iter = (void *)regs_get_kernel_argument(regs, 1);
	bool nonblock;

	atomic64_inc(&rt_wait_probes[1].hits);
	if (rng_is_initialized())
		return 1;
	nonblock = (kiocb->ki_flags & (IOCB_NOWAIT | IOCB_NOIO)) ||
		   (kiocb->ki_filp->f_flags & O_NONBLOCK);
	return rt_call_begin((void *)ri->data,
			     nonblock ? RNGTRACE_EVENT_TYPE_UNSEEDED :
					RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_DEV_RANDOM,
			     kiocb->ki_filp->f_flags & O_NONBLOCK,
			     iov_iter_count(iter));
}

static int rt_urandom_read_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	struct kiocb *kiocb = (void *)regs_get_kernel_argument(regs, 0);
	struct iov_iter *iter = (void *)regs_get_kernel_argument(regs, 1);

	atomic64_inc(&rt_wait_probes[2].hits);
	if (rng_is_initialized())
		return 1;
	return rt_call_begin((void *)ri->data, RNGTRACE_EVENT_TYPE_UNSEEDED,
			     RNGTRACE_PATH_DEV_URANDOM,
			     kiocb->ki_filp->f_flags & O_NONBLOCK,
			     iov_iter_count(iter));
}

/* Called from the getrandom() syscall or /dev/random: already recorded. */
static bool rt_wait_is_nested(unsigned long caller)
{
	static const char * const outer[] = {
		RT_SYSCALL_SYMBOL(getrandom), "__do_sys_getrandom",
		"__se_sys_getrandom", "random_read_iter",
	};
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;
	size_t len;

	sprint_symbol_no_offset(sym, caller);
	for (i = 0; i < ARRAY_SIZE(outer); i++) {
		len = strlen(outer[i]);
		if (!strncmp(sym, outer[i], len) &&
		    (sym[len] == '\0' || sym[len] == '.'))
			return true;
	}
	return false;
}

static int rt_kernel_wait_entry(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	atomic64_inc(&rt_wait_probes[3].hits);
	if (rng_is_initialized() ||
	    rt_wait_is_nested(regs_get_kernel_stack_nth(regs, 0)))
		return 1;
	return rt_call_begin((void *)ri->data, RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_KERNEL, 0, 0);
}

#define RT_WAIT_PROBE(sym, entry) {					\
	.symbol = (sym),						\
	.group = RT_GROUP_HOT,						\
	.is_ret = true,							\
	.krp = {							\
		.entry_handler = (entry),				\
		.handler = rt_call_end,					\
		.data_size = sizeof(struct rt_wait_call),		\
		.maxactive = 2 * RT_MAX_WAITING,			\
	},								\
}

/* The hits counters above index this table: keep the order. */
struct rt_probe rt_wait_probes[] = {
	RT_WAIT_PROBE(RT_SYSCALL_SYMBOL(getrandom), rt_getrandom_entry),
	RT_WAIT_PROBE("random_read_iter", rt_random_read_entry),
	RT_WAIT_PROBE("urandom_read_iter", rt_urandom_read_entry),
	RT_WAIT_PROBE("wait_for_random_bytes", rt_kernel_wait_entry),
};

const unsigned int rt_nr_wait_probes = ARRAY_SIZE(rt_wait_probes);

u64 rt_waits_total(void)
{
	return atomic64_read(&rt_waits);
}

u64 rt_waits_lost(void)
{
	return atomic64_read(&rt_lost);
}

u64 rt_unseeded_total(void)
{
	return atomic64_read(&rt_unseeded);
}

void rt_wait_reset(void)
{
	atomic64_set(&rt_waits, 0);
	atomic64_set(&rt_lost, 0);
	atomic64_set(&rt_unseeded, 0);
}
