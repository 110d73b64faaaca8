/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IRQ_WORK_INIT_LAZY (5.12+). Before it, a lazy irq_work is one whose
 * flags start as IRQ_WORK_LAZY, as DEFINE_IRQ_WORK spells the initializer.
 */
#ifndef _RNGTRACE_COMPAT_IRQ_WORK_H
#define _RNGTRACE_COMPAT_IRQ_WORK_H

#include <linux/irq_work.h>

#ifndef RNGTRACE_HAVE_IRQ_WORK_INIT_LAZY
#define IRQ_WORK_INIT_LAZY(_func) {				\
	.flags = ATOMIC_INIT(IRQ_WORK_LAZY),			\
	.func = (_func),					\
}
#endif

#endif /* _RNGTRACE_COMPAT_IRQ_WORK_H */
