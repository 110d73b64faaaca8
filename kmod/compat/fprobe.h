/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_fprobe: an ftrace-based probe on a function's entry and return, for
 * the credit path.
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
 * the caller falls back to a kprobe.
 *
 * Handlers see the call's first argument at entry and the address it
 * returns to at exit, plus data_size bytes of per-call data; an entry
 * handler that returns nonzero skips the exit.
 */
#ifndef _RNGTRACE_COMPAT_FPROBE_H
#define _RNGTRACE_COMPAT_FPROBE_H

#include <linux/errno.h>
#include <linux/kernel.h>

#ifdef RNGTRACE_HAVE_FPROBE_PT_REGS
#define RT_FPROBE_SHAPE_KNOWN 1
#include <linux/fprobe.h>
#include <linux/ptrace.h>
#include <linux/cpumask.h>
#endif

typedef int (*rt_fentry_t)(unsigned long arg0, void *data);
typedef void (*rt_fexit_t)(unsigned long caller, void *data);

struct rt_fprobe {
#ifdef RT_FPROBE_SHAPE_KNOWN
	struct fprobe fp;
#endif
	rt_fentry_t entry;
	rt_fexit_t exit;
};

#ifdef RT_FPROBE_SHAPE_KNOWN

static inline int rt_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip, struct pt_regs *regs,
				  void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	return f->entry(regs_get_kernel_argument(regs, 0), data);
}

static inline void rt_fprobe_exit(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip, struct pt_regs *regs,
				  void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	f->exit(ret_ip, data);
}

/*
 * addr: the function's entry, as a kprobe found it. By address, not by
 * name: register_fprobe() would match its filter against every kallsyms
 * symbol, tens of milliseconds at boot under emulation.
 */
static inline int rt_fprobe_register(struct rt_fprobe *f, unsigned long addr,
				     size_t data_size)
{
	memset(&f->fp, 0, sizeof(f->fp));
	f->fp.entry_handler = rt_fprobe_entry;
	if (f->exit)
		f->fp.exit_handler = rt_fprobe_exit;
	f->fp.entry_data_size = data_size;
	/* rethook's pool: a task, softirq, hardirq and NMI credit per CPU */
	f->fp.nr_maxactive = 4 * num_possible_cpus();
	return register_fprobe_ips(&f->fp, &addr, 1);
}

static inline void rt_fprobe_unregister(struct rt_fprobe *f)
{
	unregister_fprobe(&f->fp);
}

/*
 * A flag, not text patching: once the CRNG is ready the credit path is not
 * called at all, and crng_reseed() about once a minute.
 */
static inline void rt_fprobe_set_enabled(struct rt_fprobe *f, bool on)
{
	if (on)
		enable_fprobe(&f->fp);
	else
		disable_fprobe(&f->fp);
}

static inline unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return READ_ONCE(f->fp.nmissed);
}

#else /* !RT_FPROBE_SHAPE_KNOWN */

static inline int rt_fprobe_register(struct rt_fprobe *f, unsigned long addr,
				     size_t data_size)
{
	return -EOPNOTSUPP;
}

static inline void rt_fprobe_unregister(struct rt_fprobe *f)
{
}

static inline void rt_fprobe_set_enabled(struct rt_fprobe *f, bool on)
{
}

static inline unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return 0;
}

#endif /* RT_FPROBE_SHAPE_KNOWN */

#endif /* _RNGTRACE_COMPAT_FPROBE_H */
