/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_kretprobe_caller() - in a kretprobe's return handler, the address the
 * probed call returns to.
 *
 * With kretprobes on rethook (CONFIG_KRETPROBE_ON_RETHOOK, 5.19+ on x86),
 * the trampoline handler puts the real return address in regs before the
 * handlers run, even when another kretprobe on the function saved the
 * address first (then this instance's saved one is that probe's
 * trampoline). Before rethook, regs hold the trampoline's own address
 * while the handlers run, and the core writes the real return address,
 * found past every nested instance, into the instance (ri->ret_addr,
 * get_kretprobe_retaddr() since 5.11) before calling each handler.
 */
#ifndef _RNGTRACE_COMPAT_KPROBES_H
#define _RNGTRACE_COMPAT_KPROBES_H

#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>

/*
 * RT_PAST_FTRACE_SITE - where an entry-only kprobe goes instead of the
 * function's ftrace site: the offset of the instruction after it, or 0.
 *
 * A kprobe on the ftrace site (KPROBES_ON_FTRACE) is armed and disarmed
 * by an ftrace update over every call site of the kernel; one on the next
 * instruction is an int3. Known where the site is the function's first
 * instruction (x86_64 without IBT: 5.10, 6.1; with IBT an endbr comes
 * first, and those kernels have fprobes or take the site). 0 elsewhere:
 * the kprobe stays on the entry.
 */
#if defined(CONFIG_KPROBES_ON_FTRACE) && defined(CONFIG_X86_64) && \
	!defined(CONFIG_X86_KERNEL_IBT)
#define RT_PAST_FTRACE_SITE	MCOUNT_INSN_SIZE
#else
#define RT_PAST_FTRACE_SITE	0
#endif

static nokprobe_inline unsigned long
rt_kretprobe_caller(struct kretprobe_instance *ri, struct pt_regs *regs)
{
#ifdef CONFIG_KRETPROBE_ON_RETHOOK
	return instruction_pointer(regs);
#else
	return (unsigned long)ri->ret_addr;
#endif
}

#endif /* _RNGTRACE_COMPAT_KPROBES_H */
