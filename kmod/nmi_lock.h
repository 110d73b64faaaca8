/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A raw spinlock that probe handlers may take when they run as an NMI.
 *
 * An entry-only kprobe past the ftrace site is an int3 on x86 (5.10,
 * 6.1), and every kprobe on riscv64 is an ebreak: both run their handlers
 * with in_nmi() true. Such a trap is synchronous, at the probed
 * instruction, and nothing done under these locks is probed, so it never
 * lands inside a section of its own CPU; only a true NMI could, and no
 * probed function runs in one. The lock makes that certain instead of
 * assumed: a CPU marks itself inside the lock before it spins for it and
 * unmarks after releasing it, and a handler that finds its own CPU
 * marked gets false at once (the caller counts what it could not record)
 * instead of spinning on a holder it interrupted. On other CPUs a holder
 * runs on, so waiting for it ends.
 */
#ifndef _RNGTRACE_NMI_LOCK_H
#define _RNGTRACE_NMI_LOCK_H

#include <linux/bug.h>
#include <linux/irqflags.h>
#include <linux/processor.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

enum rt_nmi_lock_id {
	RT_LOCK_RING,
	RT_LOCK_WAITING,
	RT_LOCK_HWRNG,
	RT_NR_LOCKS
};

/* Whether this CPU is inside each lock (ring.c). */
DECLARE_PER_CPU(u8 [RT_NR_LOCKS], rt_nmi_inside);

struct rt_nmi_lock {
	raw_spinlock_t lock;
	enum rt_nmi_lock_id id;
};

/* Interrupts off and the lock held; false (neither) where it cannot be. */
static inline bool rt_nmi_lock(struct rt_nmi_lock *l, unsigned long *flags)
{
	local_irq_save(*flags);
	if (this_cpu_read(rt_nmi_inside[l->id])) {
		local_irq_restore(*flags);
		return false;
	}
	this_cpu_write(rt_nmi_inside[l->id], 1);
	barrier();
	raw_spin_lock(&l->lock);
	return true;
}

/*
 * From process context, which runs no handler inside a section of its
 * own CPU: the mark is never found there, and this always locks.
 */
static inline void rt_nmi_lock_task(struct rt_nmi_lock *l,
				    unsigned long *flags)
{
	while (WARN_ON_ONCE(!rt_nmi_lock(l, flags)))
		cpu_relax();
}

static inline void rt_nmi_unlock(struct rt_nmi_lock *l, unsigned long flags)
{
	raw_spin_unlock(&l->lock);
	barrier();
	this_cpu_write(rt_nmi_inside[l->id], 0);
	local_irq_restore(flags);
}

#endif /* _RNGTRACE_NMI_LOCK_H */
