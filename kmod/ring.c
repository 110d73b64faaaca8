// SPDX-License-Identifier: GPL-2.0
/*
 * The event rings: preallocated at load, written by probe handlers under a
 * raw spinlock with interrupts off (a credit can come from a timer or an
 * interrupt-driven work on the same CPU) that a handler running as an NMI
 * can take too (nmi_lock.h), read by sequence number. Timestamps come
 * from the NMI-safe clocks.
 *
 * Three rings share one sequence: unseeded reads go to a ring of their
 * own, so that a task polling getrandom(GRND_NONBLOCK) a million times
 * before ready cannot push the waits out; credits and READY to another,
 * which nothing else can fill: at most 256 credits of a bit or more come
 * before READY (and none after: the credit probe idles once ready), so
 * no flood of any other event, an unprivileged task's interrupted waits
 * included, can push them out. Readers see one timeline, merged by seq;
 * what a ring dropped is a gap in it, counted.
 *
 * Sequence numbers start at 0 and never go back, not even across RESET,
 * so a follower can never mistake a new event for one it has seen.
 */

#include <linux/cgroup.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#include "nmi_lock.h"
#include "rngtrace.h"

struct rt_ring {
	struct rt_event *ev;
	u32 size;
	u32 head;		/* slot of the next event */
	u32 count;		/* events held */
	u64 dropped;
};

DEFINE_PER_CPU(u8 [RT_NR_LOCKS], rt_nmi_inside);
static struct rt_nmi_lock rt_ring_lock = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(rt_ring_lock.lock),
	.id = RT_LOCK_RING,
};

enum { RT_RING_TIMELINE, RT_RING_UNSEEDED, RT_RING_CREDITS, RT_NR_RINGS };

/* Credits and READY before ready, with room to spare (see above). */
#define RT_CREDIT_RING_SIZE	(2 * RNGTRACE_READY_BITS)

static struct rt_ring rt_rings[RT_NR_RINGS];
static u64 rt_next_seq;
static u64 rt_generation;	/* changes when timeline events vanish */
/* Not recorded: a lock's CPU was inside it (nmi_lock.h); counted dropped. */
static atomic64_t rt_unlocked;

int rt_ring_init(unsigned int size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rt_rings); i++) {
		rt_rings[i].size = i == RT_RING_CREDITS ? RT_CREDIT_RING_SIZE :
							   size;
		rt_rings[i].ev = vzalloc(array_size(rt_rings[i].size,
						    sizeof(struct rt_event)));
		if (!rt_rings[i].ev) {
			rt_ring_exit();
			return -ENOMEM;
		}
	}
	return 0;
}

void rt_ring_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rt_rings); i++) {
		vfree(rt_rings[i].ev);
		rt_rings[i].ev = NULL;
	}
}

void rt_event_init(struct rt_event *ev, u32 type)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->time_mono_ns = ktime_get_mono_fast_ns();
	ev->time_ns = ktime_get_boot_fast_ns();
}

/*
 * Who the current task is: ids and comm only. The cgroup is kept by id and
 * its path looked up in process context (names.c): kernfs takes a lock for
 * it that sleeps on PREEMPT_RT and is no business of a probe handler. A
 * cgroup not named yet is pinned until it is, so that a unit that exits at
 * once keeps its name.
 */
void rt_event_task(struct rt_event *ev)
{
	struct cgroup *cgrp;

	ev->pid = task_pid_nr(current);
	ev->tgid = task_tgid_nr(current);
	memcpy(ev->comm, current->comm, sizeof(ev->comm));
	ev->comm[sizeof(ev->comm) - 1] = '\0';
	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	ev->cgroup_id = cgroup_id(cgrp);
	rt_cgroup_pin(cgrp, ev->cgroup_id);
	rcu_read_unlock();
}

/* The i-th oldest event a ring holds. */
static struct rt_event *rt_ring_at(struct rt_ring *r, u32 i)
{
	u32 slot = r->head + r->size - r->count + i;

	return &r->ev[slot % r->size];
}

void rt_ring_count_lost(void)
{
	atomic64_inc(&rt_unlocked);
}

static struct rt_ring *rt_ring_for(u32 type)
{
	switch (type) {
	case RNGTRACE_EVENT_TYPE_UNSEEDED:
		return &rt_rings[RT_RING_UNSEEDED];
	case RNGTRACE_EVENT_TYPE_CREDIT:
	case RNGTRACE_EVENT_TYPE_READY:
		return &rt_rings[RT_RING_CREDITS];
	default:
		return &rt_rings[RT_RING_TIMELINE];
	}
}

void rt_ring_put(struct rt_event *ev)
{
	struct rt_ring *r = rt_ring_for(ev->type);
	unsigned long flags;

	if (!rt_nmi_lock(&rt_ring_lock, &flags)) {
		rt_ring_count_lost();
		return;
	}
	ev->seq = rt_next_seq++;
	if (r->count == r->size) {
		r->dropped++;
		if (r != &rt_rings[RT_RING_UNSEEDED])
			rt_generation++;
	} else {
		r->count++;
	}
	memcpy(&r->ev[r->head], ev, sizeof(*ev));
	if (++r->head == r->size)
		r->head = 0;
	rt_nmi_unlock(&rt_ring_lock, flags);

	rt_notify_kick();
}

/* The oldest event of r with seq >= seq (rings are in seq order). */
static struct rt_event *rt_ring_find(struct rt_ring *r, u64 seq)
{
	u32 lo = 0, hi = r->count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rt_ring_at(r, mid)->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->count ? rt_ring_at(r, lo) : NULL;
}

bool rt_ring_get(u64 *seq, struct rt_event *ev)
{
	struct rt_event *a = NULL, *b;
	unsigned long flags;
	bool found = false;
	unsigned int i;

	rt_nmi_lock_task(&rt_ring_lock, &flags);
	for (i = 0; i < ARRAY_SIZE(rt_rings); i++) {
		b = rt_ring_find(&rt_rings[i], *seq);
		if (!a || (b && b->seq < a->seq))
			a = b;
	}
	if (a) {
		memcpy(ev, a, sizeof(*ev));
		*seq = a->seq;
		found = true;
	}
	rt_nmi_unlock(&rt_ring_lock, flags);
	return found;
}

void rt_ring_reset(void)
{
	unsigned long flags;
	unsigned int i;

	rt_nmi_lock_task(&rt_ring_lock, &flags);
	for (i = 0; i < ARRAY_SIZE(rt_rings); i++) {
		rt_rings[i].count = 0;
		rt_rings[i].dropped = 0;
	}
	rt_generation++;
	rt_nmi_unlock(&rt_ring_lock, flags);
}

void rt_ring_stats(struct rt_ring_stats *st)
{
	unsigned long flags;

	rt_nmi_lock_task(&rt_ring_lock, &flags);
	st->size = rt_rings[RT_RING_TIMELINE].size;
	st->written = rt_next_seq;
	st->dropped = rt_rings[RT_RING_TIMELINE].dropped +
		      rt_rings[RT_RING_UNSEEDED].dropped +
		      rt_rings[RT_RING_CREDITS].dropped +
		      atomic64_read(&rt_unlocked);
	st->generation = rt_generation;
	rt_nmi_unlock(&rt_ring_lock, flags);
}
