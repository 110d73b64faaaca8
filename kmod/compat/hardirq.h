/* SPDX-License-Identifier: GPL-2.0 */
/* in_hardirq() (5.11+) is what in_irq() was called before. */
#ifndef _RNGTRACE_COMPAT_HARDIRQ_H
#define _RNGTRACE_COMPAT_HARDIRQ_H

#include <linux/preempt.h>

#ifndef RNGTRACE_HAVE_IN_HARDIRQ
#define in_hardirq()	in_irq()
#endif

#endif /* _RNGTRACE_COMPAT_HARDIRQ_H */
