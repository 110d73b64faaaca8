// SPDX-License-Identifier: GPL-2.0
/*
 * The event ring: preallocated at load, written by probe handlers under a
 * raw spinlock with interrupts off (a credit can come from a timer or an
 * interrupt-driven work on the same CPU), read by sequence number.
 *
 * Sequence numbers start at 0 and never go back, not even across RESET,
 * so a follower can never mistake a new event for one it has seen. When
 * the ring is full the oldest event is overwritten and counted as dropped.
 */

#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#include "rngtrace.h"

static struct {
	raw_spinlock_t lock;
	struct rt_event *ev;
	u32 size;
	u32 head;		/* slot of the next event */
	u64 next;		/* seq of the next event == events written */
	u64 oldest;		/* seq of the oldest event still held */
	u64 dropped;
	u64 generation;
} ring = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(ring.lock),
};

int rt_ring_init(unsigned int size)
{
	ring.ev = vzalloc(array_size(size, sizeof(*ring.ev)));
	if (!ring.ev)
		return -ENOMEM;
	ring.size = size;
	return 0;
}

void rt_ring_exit(void)
{
	vfree(ring.ev);
	ring.ev = NULL;
}

void rt_event_init(struct rt_event *ev, u32 type)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->time_mono_ns = ktime_get_ns();
	ev->time_ns = ktime_get_boottime_ns();
}

/*
 * Who the current task is. The cgroup path comes from kernfs under its
 * rename lock (a read lock, interrupts off): callers that can wait for the
 * CRNG are in sleepable context and hold no spinlock or rwlock, so this
 * cannot deadlock against them. On PREEMPT_RT that lock sleeps, which a
 * probe handler must not: there only the cgroup's id is kept, and the path
 * is looked up when the event is sent (rt_event_cgroup()).
 */
void rt_event_task(struct rt_event *ev, bool with_cgroup)
{
	struct cgroup *cgrp;

	ev->pid = task_pid_nr(current);
	ev->tgid = task_tgid_nr(current);
	memcpy(ev->comm, current->comm, sizeof(ev->comm));
	ev->comm[sizeof(ev->comm) - 1] = '\0';
	if (!with_cgroup)
		return;
	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	ev->cgroup_id = cgroup_id(cgrp);
	if (IS_ENABLED(CONFIG_PREEMPT_RT) ||
	    cgroup_path(cgrp, ev->cgroup, sizeof(ev->cgroup)) < 0)
		ev->cgroup[0] = '\0';
	rcu_read_unlock();
}

/*
 * The event's cgroup path: as recorded, or looked up now by id (process
 * context only). Empty when the cgroup is gone by now: a short-lived unit
 * on PREEMPT_RT, read back late.
 */
const char *rt_event_cgroup(const struct rt_event *ev, char *buf, size_t len)
{
	struct cgroup *cgrp;

	if (ev->cgroup[0] || !ev->cgroup_id)
		return ev->cgroup;
	buf[0] = '\0';
	cgrp = cgroup_get_from_id(ev->cgroup_id);
	if (IS_ERR_OR_NULL(cgrp))
		return buf;
	if (cgroup_path(cgrp, buf, len) < 0)
		buf[0] = '\0';
	cgroup_put(cgrp);
	return buf;
}

void rt_ring_put(struct rt_event *ev)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ring.lock, flags);
	ev->seq = ring.next++;
	if (ring.next - ring.oldest > ring.size) {
		ring.oldest++;
		ring.dropped++;
		ring.generation++;
	}
	memcpy(&ring.ev[ring.head], ev, sizeof(*ev));
	if (++ring.head == ring.size)
		ring.head = 0;
	raw_spin_unlock_irqrestore(&ring.lock, flags);

	rt_notify_kick();
}

bool rt_ring_get(u64 *seq, struct rt_event *ev)
{
	unsigned long flags;
	bool found = false;
	u32 back, slot;

	raw_spin_lock_irqsave(&ring.lock, flags);
	if (*seq < ring.oldest)
		*seq = ring.oldest;
	if (*seq < ring.next) {
		back = ring.next - *seq;	/* 1..size */
		slot = ring.head >= back ? ring.head - back :
					   ring.head + ring.size - back;
		memcpy(ev, &ring.ev[slot], sizeof(*ev));
		found = true;
	}
	raw_spin_unlock_irqrestore(&ring.lock, flags);
	return found;
}

void rt_ring_reset(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ring.lock, flags);
	ring.oldest = ring.next;
	ring.dropped = 0;
	ring.generation++;
	raw_spin_unlock_irqrestore(&ring.lock, flags);
}

void rt_ring_stats(struct rt_ring_stats *st)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ring.lock, flags);
	st->size = ring.size;
	st->written = ring.next;
	st->dropped = ring.dropped;
	st->generation = ring.generation;
	raw_spin_unlock_irqrestore(&ring.lock, flags);
}
