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
 * bpftrace script's). On 6.14+ fprobes return through fgraph: with a
 * kretprobe there too, the exit sees that probe's trampoline as the
 * caller, and the credit would lose its source; so they are used only
 * on kernels built without KPROBES_ON_FTRACE (riscv64), where a kprobe
 * cannot sit on a function's ftrace site and, where that site is the
 * function's first instruction, fprobes are the only way in. Their
 * handlers get ftrace_regs, turned into the pt_regs ours read
 * (arguments, return value) by ftrace_partial_regs(); their entry data
 * lives on the graph tracer's return stack, 15 words at most, so theirs
 * is the index of a block of a pool allocated at registration (and the
 * registration's generation). Kernels without fprobes (5.10), with
 * 6.1's shape (no entry data), or built without CONFIG_FPROBE get
 * -EOPNOTSUPP from rt_fprobe_register(), and the caller falls back to
 * kprobes.
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
#elif defined(RNGTRACE_HAVE_FPROBE_FTRACE_REGS) && \
	!defined(CONFIG_KPROBES_ON_FTRACE)
#define RT_FPROBE_SHAPE_KNOWN 1
#define RT_FPROBE_FGRAPH 1
#endif

#ifdef RT_FPROBE_SHAPE_KNOWN
#include <linux/bitmap.h>
#include <linux/fprobe.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
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

#ifdef RT_FPROBE_SHAPE_KNOWN

static inline bool rt_fprobe_supported(void)
{
	return true;
}

#endif

#if defined(RT_FPROBE_SHAPE_KNOWN) && !defined(RT_FPROBE_FGRAPH)

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

#elif defined(RT_FPROBE_FGRAPH)

/* A free block of the pool, claimed; nblocks if none is. */
static inline unsigned int rt_fprobe_claim(struct rt_fprobe *f)
{
	unsigned int i;

	do {
		i = find_first_zero_bit(f->busy, f->nblocks);
	} while (i < f->nblocks && test_and_set_bit_lock(i, f->busy));
	return i;
}

static inline int rt_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip,
				  struct ftrace_regs *fregs, void *entry_data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);
	unsigned int i = rt_fprobe_claim(f);
	struct pt_regs regs;
	int ret;

	if (i >= f->nblocks) {
		atomic_long_inc(&f->pool_missed);
		return 1;
	}
	ret = f->entry(f, entry_ip, ftrace_partial_regs(fregs, &regs),
		       f->pool + i * f->size);
	if (ret) {
		clear_bit_unlock(i, f->busy);
	} else {
		((unsigned long *)entry_data)[0] = i;
		((unsigned long *)entry_data)[1] = READ_ONCE(f->gen);
	}
	return ret;
}

static inline void rt_fprobe_exit(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip,
				  struct ftrace_regs *fregs, void *entry_data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);
	unsigned long i = ((unsigned long *)entry_data)[0];
	struct pt_regs regs;

	/* Entered before the fprobe was unregistered and registered again. */
	if (((unsigned long *)entry_data)[1] != READ_ONCE(f->gen))
		return;
	f->exit(f, entry_ip, ret_ip, ftrace_partial_regs(fregs, &regs),
		f->pool + i * f->size);
	clear_bit_unlock(i, f->busy);
}

/*
 * As above; maxactive is also the pool's blocks: a call that finds none
 * free is counted missed. The pool goes with the fprobe. A call still in
 * flight when it is unregistered is returned to only if the same fprobe
 * is registered again by then (the graph tracer looks it up at the
 * return), or an fprobe of a module loaded again at the same address:
 * the generation in its entry data, unique on this boot, tells it to do
 * nothing.
 */
static inline int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
				     unsigned int n, size_t data_size,
				     unsigned int maxactive)
{
	int ret;

	memset(&f->fp, 0, sizeof(f->fp));
	f->size = ALIGN(max_t(size_t, data_size, 1), sizeof(long));
	f->nblocks = maxactive;
	f->pool = kvcalloc(maxactive, f->size, GFP_KERNEL);
	f->busy = bitmap_zalloc(maxactive, GFP_KERNEL);
	ret = -ENOMEM;
	if (f->pool && f->busy) {
		f->fp.entry_handler = rt_fprobe_entry;
		f->fp.exit_handler = rt_fprobe_exit;
		f->fp.entry_data_size = 2 * sizeof(unsigned long);
		/*
		 * Unique across loads too: after rmmod and insmod at the same
		 * address, a call from the old instance returns to this fprobe.
		 */
		WRITE_ONCE(f->gen, max_t(unsigned long, f->gen + 1,
					 ktime_get_ns()));
		ret = register_fprobe_ips(&f->fp, addrs, n);
	}
	if (ret) {
		kvfree(f->pool);
		bitmap_free(f->busy);
		f->pool = NULL;
		f->busy = NULL;
	}
	return ret;
}

/* An exit handler that found the fprobe registered may still run. */
static inline void rt_fprobe_unregister(struct rt_fprobe *f)
{
	unregister_fprobe(&f->fp);
	synchronize_rcu();
	kvfree(f->pool);
	bitmap_free(f->busy);
	f->pool = NULL;
	f->busy = NULL;
}

static inline unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return READ_ONCE(f->fp.nmissed) + atomic_long_read(&f->pool_missed);
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
