/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_fprobe: one ftrace-based probe on the entries and returns of several
 * functions at once, for random.c's probes.
 *
 * Registered by address, all in one: ftrace updates its call sites once
 * for the lot (a kprobe on a function's entry is one update per probe,
 * each a pass over every call site in the kernel: ~20 ms of a boot under
 * emulation, a dozen times over), and once more to unregister.
 *
 * A kprobe that fires while another kprobe's handler runs on the same CPU
 * is missed (one current_kprobe per CPU): a softirq credit arriving during
 * a getrandom() handler is dropped. An fprobe is guarded by ftrace's
 * recursion lock, which is per context (task, softirq, hardirq, NMI), so
 * that credit is seen.
 *
 * Used where fprobes return through rethook (6.5 to 6.13, handlers on
 * pt_regs with ret_ip and entry data): rethook finds the real return
 * address past any other kretprobe on the function (a tracer's, a
 * bpftrace script's). On 6.14+ fprobes return through fgraph: where a
 * kprobe can sit on the ftrace site too (KPROBES_ON_FTRACE: x86_64), a
 * kretprobe there may hook the return before fgraph does, and the exit
 * then sees its trampoline as the caller: the one probe that needs its
 * caller, the credit's (its source), stays a kretprobe on such a kernel
 * (rt_fprobe_caller_reliable()), every other probe is on the fprobes,
 * so that a softirq credit is not missed for a getrandom() handler
 * running under it (x86_64 7.3, flood_test: 140 of 253 credits missed
 * with every probe a kprobe). Without KPROBES_ON_FTRACE (arm64,
 * riscv64) a kretprobe's hook comes after fgraph's, and where the
 * ftrace site is the function's first instruction fprobes are the only
 * way in. fgraph's handlers get ftrace_regs, turned into the pt_regs ours
 * read (arguments, return value) by ftrace_partial_regs(); their entry
 * data lives on the graph tracer's return stack, 15 words at most, so
 * theirs is the index of a block of a pool allocated at registration
 * (and the registration's generation). Kernels without fprobes (5.10),
 * with 6.1's shape (no entry data), or built without CONFIG_FPROBE get
 * -EOPNOTSUPP from rt_fprobe_register(), and the caller falls back to
 * kprobes. This header only names the shape; the code of each is a .c
 * file Kbuild picks: kmod/fprobe_rethook.c, kmod/fprobe_fgraph.c,
 * kmod/fprobe_none.c.
 *
 * Handlers get the address ftrace called them for (inside the function
 * entered), the call's registers, and data_size bytes of per-call data;
 * at exit also the address the call returns to. An entry handler that
 * returns nonzero skips the exit.
 */
#ifndef _RNGTRACE_COMPAT_FPROBE_H
#define _RNGTRACE_COMPAT_FPROBE_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>

#if defined(RNGTRACE_HAVE_FPROBE_PT_REGS)
#define RT_FPROBE_SHAPE_KNOWN 1
#elif defined(RNGTRACE_HAVE_FPROBE_FTRACE_REGS)
#define RT_FPROBE_SHAPE_KNOWN 1
#define RT_FPROBE_FGRAPH 1
#endif

#ifdef RT_FPROBE_SHAPE_KNOWN
#include <linux/atomic.h>
#include <linux/fprobe.h>
#endif

struct rt_fprobe;
typedef int (*rt_fentry_t)(struct rt_fprobe *f, unsigned long ip,
			   struct pt_regs *regs, void *data);
typedef void (*rt_fexit_t)(struct rt_fprobe *f, unsigned long ip,
			   unsigned long caller, struct pt_regs *regs,
			   void *data);

struct rt_fprobe {
#ifdef RT_FPROBE_SHAPE_KNOWN
	struct fprobe fp;
#endif
#ifdef RT_FPROBE_FGRAPH
	void *pool;		/* nblocks blocks of size bytes */
	unsigned long *busy;	/* a bit per block */
	size_t size;
	unsigned int nblocks;
	unsigned long gen;	/* this registration's: never one before it */
	atomic_long_t pool_missed;
#endif
	rt_fentry_t entry;
	rt_fexit_t exit;
};

/* Whether this kernel's fprobes are ones the module can use. */
bool rt_fprobe_supported(void);

/*
 * Whether an fprobe's exit always sees the real caller: not with fgraph's
 * where a kretprobe can hook the same ftrace site first (above).
 */
static inline bool rt_fprobe_caller_reliable(void)
{
#if defined(RT_FPROBE_FGRAPH) && defined(CONFIG_KPROBES_ON_FTRACE)
	return false;
#else
	return true;
#endif
}

/*
 * addrs: the functions' ftrace sites. By address, not by name:
 * register_fprobe() would match its filter against every kallsyms
 * symbol, tens of milliseconds at boot under emulation. maxactive: calls
 * in flight at once, all functions together. 0 or -errno; -EOPNOTSUPP
 * where the kernel has no fprobe the module can use.
 */
int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
		       unsigned int n, size_t data_size, unsigned int maxactive);
void rt_fprobe_unregister(struct rt_fprobe *f);
unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f);

#endif /* _RNGTRACE_COMPAT_FPROBE_H */
