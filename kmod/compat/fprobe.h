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
 * bpftrace script's). Not on 6.14+, where fprobes return through fgraph:
 * with a kretprobe there too, the exit sees that probe's trampoline as
 * the caller, and the credit would lose its source. Kernels without
 * fprobes (5.10), with 6.1's shape (no entry data), on fgraph, or built
 * without CONFIG_FPROBE get -EOPNOTSUPP from rt_fprobe_register(), and
 * the caller falls back to kprobes.
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

#ifdef RNGTRACE_HAVE_FPROBE_PT_REGS
#define RT_FPROBE_SHAPE_KNOWN 1
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
	rt_fentry_t entry;
	rt_fexit_t exit;
};

#ifdef RT_FPROBE_SHAPE_KNOWN

static inline bool rt_fprobe_supported(void)
{
	return true;
}

static inline int rt_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip, struct pt_regs *regs,
				  void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	return f->entry(f, entry_ip, regs, data);
}

static inline void rt_fprobe_exit(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip, struct pt_regs *regs,
				  void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	f->exit(f, entry_ip, ret_ip, regs, data);
}

/*
 * addrs: the functions' ftrace sites, as kprobes found them. By address,
 * not by name: register_fprobe() would match its filter against every
 * kallsyms symbol, tens of milliseconds at boot under emulation.
 * maxactive: calls in flight at once, all functions together.
 */
static inline int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
				     unsigned int n, size_t data_size,
				     unsigned int maxactive)
{
	memset(&f->fp, 0, sizeof(f->fp));
	f->fp.entry_handler = rt_fprobe_entry;
	f->fp.exit_handler = rt_fprobe_exit;
	f->fp.entry_data_size = data_size;
	f->fp.nr_maxactive = maxactive;
	return register_fprobe_ips(&f->fp, addrs, n);
}

static inline void rt_fprobe_unregister(struct rt_fprobe *f)
{
	unregister_fprobe(&f->fp);
}

static inline unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return READ_ONCE(f->fp.nmissed);
}

#else /* !RT_FPROBE_SHAPE_KNOWN */

static inline bool rt_fprobe_supported(void)
{
	return false;
}

static inline int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
				     unsigned int n, size_t data_size,
				     unsigned int maxactive)
{
	return -EOPNOTSUPP;
}

static inline void rt_fprobe_unregister(struct rt_fprobe *f)
{
}

static inline unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return 0;
}

#endif /* RT_FPROBE_SHAPE_KNOWN */

#endif /* _RNGTRACE_COMPAT_FPROBE_H */
