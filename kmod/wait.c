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
 *    machines with a cycle counter loops until the CRNG is ready, then
 *    derives its bytes: when the CRNG was ready at that function's
 *    return the read waited and got seeded bytes (a wait, path
 *    dev_urandom), otherwise it read unseeded bytes, whatever the state
 *    at the read's return;
 *  - getrandom(GRND_INSECURE | GRND_RANDOM) is EINVAL and reads nothing.
 *
 * A call a signal interrupted reports -EINTR, what the task saw (or, with
 * SA_RESTART, the restart: that call is an event of its own), never the
 * kernel-internal -ERESTARTSYS.
 *
 * The event is built in the kretprobe instance's own data at entry (no
 * allocation); a wait is also copied into a slot table so that STATUS can
 * count, and WAITING_GET show, who is blocked right now. The syscall's
 * arguments come from the task's own user registers (current_pt_regs()),
 * on every architecture.
 */

#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/random.h>
#include <linux/sched/task_stack.h>
#include <linux/spinlock.h>
#include <linux/uio.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>

#include "compat/syscall.h"
#include "nmi_lock.h"
#include "rngtrace.h"

/* Kernel-internal restart codes (include/linux/errno.h). */
#define RT_ERESTARTSYS		512
#define RT_ERESTART_RESTARTBLOCK 516

#define RT_NESTED	(-2)	/* rt_waiting_add(): the caller's wait has it */

struct rt_wait_call {
	struct rt_event ev;
	int slot;		/* in the waiting table, or -1 */
};

static struct {
	bool used;
	bool seeded;		/* dev_urandom: ready when its bytes were made */
	bool bytes_made;
	struct rt_event ev;
} rt_waiting[RT_MAX_WAITING];
static struct rt_nmi_lock rt_waiting_lock = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(rt_waiting_lock.lock),
	.id = RT_LOCK_WAITING,
};

static unsigned int rt_nwaiting;

static atomic64_t rt_waits, rt_lost, rt_unseeded;

/* Under rt_waiting_lock: the slot of pid's call on path, or -1. */
static int rt_waiting_find(u32 pid, u32 path)
{
	int i;

	for (i = 0; i < RT_MAX_WAITING; i++)
		if (rt_waiting[i].used && rt_waiting[i].ev.pid == pid &&
		    rt_waiting[i].ev.path == path)
			return i;
	return -1;
}

/*
 * A slot for ev, or -1 when the table is full. An in-kernel wait of a task
 * whose getrandom() or /dev/random read is in the table already is that
 * call's own wait: RT_NESTED, and nothing is added.
 */
static int rt_waiting_add(const struct rt_event *ev)
{
	unsigned long flags;
	int i, slot = -1;

	if (!rt_nmi_lock(&rt_waiting_lock, &flags)) {
		atomic64_inc(&rt_lost);
		return -1;
	}
	if (ev->path == RNGTRACE_PATH_KERNEL &&
	    (rt_waiting_find(ev->pid, RNGTRACE_PATH_GETRANDOM) >= 0 ||
	     rt_waiting_find(ev->pid, RNGTRACE_PATH_DEV_RANDOM) >= 0)) {
		rt_nmi_unlock(&rt_waiting_lock, flags);
		return RT_NESTED;
	}
	for (i = 0; i < RT_MAX_WAITING; i++) {
		if (!rt_waiting[i].used) {
			rt_waiting[i].used = true;
			rt_waiting[i].bytes_made = false;
			rt_waiting[i].ev = *ev;
			rt_nwaiting++;
			slot = i;
			break;
		}
	}
	rt_nmi_unlock(&rt_waiting_lock, flags);
	if (slot < 0)
		atomic64_inc(&rt_lost);
	return slot;
}

/* Free the slot; *seeded: the CRNG's state when its bytes were made. */
static void rt_waiting_del(int slot, bool *seeded)
{
	unsigned long flags;

	if (slot < 0)
		return;
	/* (a slot is freed by the call that took it: never inside) */
	rt_nmi_lock_task(&rt_waiting_lock, &flags);
	if (rt_waiting[slot].bytes_made)
		*seeded = rt_waiting[slot].seeded;
	rt_waiting[slot].used = false;
	rt_nwaiting--;
	rt_nmi_unlock(&rt_waiting_lock, flags);
}

unsigned int rt_waiting_count(void)
{
	return READ_ONCE(rt_nwaiting);
}

bool rt_waiting_next(unsigned int *slot, struct rt_event *ev)
{
	unsigned long flags;
	unsigned int i;
	bool found = false;

	rt_nmi_lock_task(&rt_waiting_lock, &flags);
	for (i = *slot; i < RT_MAX_WAITING; i++) {
		if (rt_waiting[i].used) {
			*ev = rt_waiting[i].ev;
			*slot = i;
			found = true;
			break;
		}
	}
	rt_nmi_unlock(&rt_waiting_lock, flags);
	return found;
}

/* Start recording a call of the current task; returns 0 to get the return. */
static int rt_call_begin(struct rt_wait_call *c, u32 type, u32 path,
			 u32 flags, u64 bytes)
{
	rt_event_init(&c->ev, type);
	rt_event_task(&c->ev);
	c->ev.path = path;
	c->ev.flags = flags;
	c->ev.bytes = bytes;
	c->ev.start_ns = c->ev.time_ns;
	c->slot = -1;
	if (type == RNGTRACE_EVENT_TYPE_WAIT ||
	    path == RNGTRACE_PATH_DEV_URANDOM)
		c->slot = rt_waiting_add(&c->ev);
	return c->slot == RT_NESTED;
}

/* What the task saw: a signal's restart codes are EINTR (or a restart). */
static long rt_user_result(long ret)
{
	if (ret <= -RT_ERESTARTSYS && ret >= -RT_ERESTART_RESTARTBLOCK)
		return -EINTR;
	return ret;
}

static void rt_call_finish(struct pt_regs *regs, unsigned long caller,
			   void *data)
{
	struct rt_wait_call *c = data;
	bool seeded = rng_is_initialized();

	c->ev.result = rt_user_result(regs_return_value(regs));
	rt_waiting_del(c->slot, &seeded);
	if (c->ev.path == RNGTRACE_PATH_DEV_URANDOM && seeded)
		c->ev.type = RNGTRACE_EVENT_TYPE_WAIT;
	if (c->ev.type == RNGTRACE_EVENT_TYPE_WAIT) {
		c->ev.time_mono_ns = ktime_get_mono_fast_ns();
		c->ev.time_ns = ktime_get_boot_fast_ns();
		atomic64_inc(&rt_waits);
	} else {
		atomic64_inc(&rt_unseeded);
	}
	rt_ring_put(&c->ev);
	if (rng_is_initialized())
		rt_probes_maybe_disarm();
}

/* Every hot entry handler: ready means nothing to record, and disarm. */
static bool rt_ready_now(void)
{
	if (!rng_is_initialized())
		return false;
	rt_probes_maybe_disarm();
	return true;
}

static int rt_getrandom_begin(struct pt_regs *regs, void *data)
{
	unsigned long args[6];
	u32 flags;

	atomic64_inc(&rt_wait_probes[0].hits);
	if (rt_ready_now())
		return 1;
	syscall_get_arguments(current, current_pt_regs(), args);
	flags = args[2];
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		return 1;	/* -EINVAL, reads nothing */
	return rt_call_begin(data,
			     flags & (GRND_NONBLOCK | GRND_INSECURE) ?
			     RNGTRACE_EVENT_TYPE_UNSEEDED :
			     RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_GETRANDOM, flags, args[1]);
}

static int rt_random_read_begin(struct pt_regs *regs, void *data)
{
	struct kiocb *kiocb = (void *)regs_get_kernel_argument(regs, 0);
	struct iov_iter *iter = (void *)regs_get_kernel_argument(regs, 1);
	bool nonblock;

	atomic64_inc(&rt_wait_probes[1].hits);
	if (rt_ready_now())
		return 1;
	nonblock = (kiocb->ki_flags & (IOCB_NOWAIT | IOCB_NOIO)) ||
		   (kiocb->ki_filp->f_flags & O_NONBLOCK);
	return rt_call_begin(data,
			     nonblock ? RNGTRACE_EVENT_TYPE_UNSEEDED :
					RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_DEV_RANDOM,
			     kiocb->ki_filp->f_flags & O_NONBLOCK,
			     iov_iter_count(iter));
}

static int rt_urandom_read_begin(struct pt_regs *regs, void *data)
{
	struct kiocb *kiocb = (void *)regs_get_kernel_argument(regs, 0);
	struct iov_iter *iter = (void *)regs_get_kernel_argument(regs, 1);

	atomic64_inc(&rt_wait_probes[2].hits);
	if (rt_ready_now())
		return 1;
	return rt_call_begin(data, RNGTRACE_EVENT_TYPE_UNSEEDED,
			     RNGTRACE_PATH_DEV_URANDOM,
			     kiocb->ki_filp->f_flags & O_NONBLOCK,
			     iov_iter_count(iter));
}

static int rt_kernel_wait_begin(struct pt_regs *regs, void *data)
{
	atomic64_inc(&rt_wait_probes[3].hits);
	if (rt_ready_now())
		return 1;
	return rt_call_begin(data, RNGTRACE_EVENT_TYPE_WAIT,
			     RNGTRACE_PATH_KERNEL, 0, 0);
}

/*
 * try_to_generate_entropy(), which a /dev/urandom read before ready runs
 * before it makes its bytes: whether the CRNG is ready at its return is
 * what those bytes are (it loops until ready, a signal, or at once
 * without a cycle counter). Never called once the CRNG is ready, so
 * keeping it armed costs nothing then; a getrandom() passes no such
 * probe on its way.
 */
static int rt_entropy_gen_begin(struct pt_regs *regs, void *data)
{
	atomic64_inc(&rt_wait_probes[4].hits);
	return rt_ready_now();
}

static void rt_entropy_gen_end(struct pt_regs *regs, unsigned long caller,
			       void *data)
{
	unsigned long flags;
	int slot;

	if (!rt_nmi_lock(&rt_waiting_lock, &flags))
		return;
	slot = rt_waiting_find(task_pid_nr(current), RNGTRACE_PATH_DEV_URANDOM);
	if (slot >= 0) {
		rt_waiting[slot].bytes_made = true;
		rt_waiting[slot].seeded = rng_is_initialized();
	}
	rt_nmi_unlock(&rt_waiting_lock, flags);
}

/* The same as kretprobes, where fprobes do not work (compat/fprobe.h). */
#define RT_KRETPROBE_ENTRY(fn)						\
static int fn##_kentry(struct kretprobe_instance *ri, struct pt_regs *regs) \
{									\
	return fn(regs, ri->data);					\
}

RT_KRETPROBE_ENTRY(rt_getrandom_begin)
RT_KRETPROBE_ENTRY(rt_random_read_begin)
RT_KRETPROBE_ENTRY(rt_urandom_read_begin)
RT_KRETPROBE_ENTRY(rt_kernel_wait_begin)
RT_KRETPROBE_ENTRY(rt_entropy_gen_begin)

static int rt_call_end(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	rt_call_finish(regs, 0, ri->data);
	return 0;
}

static int rt_entropy_gen_ret(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	rt_entropy_gen_end(regs, 0, NULL);
	return 0;
}

#define RT_WAIT_PROBE(sym, begin) {					\
	.symbol = (sym),						\
	.group = RT_GROUP_HOT,						\
	.in_random_c = true,						\
	.is_ret = true,							\
	.entry_handler = begin##_kentry,				\
	.handler = rt_call_end,						\
	.fentry = (begin),						\
	.fexit = rt_call_finish,					\
	.data_size = sizeof(struct rt_wait_call),			\
	.maxactive = 2 * RT_MAX_WAITING,				\
}

/* The hits counters above index this table: keep the order. */
struct rt_probe rt_wait_probes[] = {
	RT_WAIT_PROBE(RT_SYSCALL_SYMBOL(getrandom), rt_getrandom_begin),
	RT_WAIT_PROBE("random_read_iter", rt_random_read_begin),
	RT_WAIT_PROBE("urandom_read_iter", rt_urandom_read_begin),
	RT_WAIT_PROBE("wait_for_random_bytes", rt_kernel_wait_begin),
	{
		.symbol = "try_to_generate_entropy",
		.group = RT_GROUP_HOT,
		.in_random_c = true,
		.is_ret = true,
		.entry_handler = rt_entropy_gen_begin_kentry,
		.handler = rt_entropy_gen_ret,
		.fentry = rt_entropy_gen_begin,
		.fexit = rt_entropy_gen_end,
		.maxactive = 2 * RT_MAX_WAITING,
	},
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
