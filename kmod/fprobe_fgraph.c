// SPDX-License-Identifier: GPL-2.0
/*
 * rt_fprobe (compat/fprobe.h) where fprobes return through the function
 * graph tracer (6.14+): handlers on ftrace_regs, 15 words of entry data,
 * so per-call data from a pool. Kbuild picks this file for such a kernel.
 */
#include <linux/bitmap.h>
#include <linux/fprobe.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "compat/fprobe.h"

#ifndef RT_FPROBE_FGRAPH
#error "Kbuild picked fprobe_fgraph.c for a kernel whose fprobes are not fgraph's"
#endif

bool rt_fprobe_supported(void)
{
	return true;
}

/* A free block of the pool, claimed; nblocks if none is. */
static unsigned int rt_fprobe_claim(struct rt_fprobe *f)
{
	unsigned int i;

	do {
		i = find_first_zero_bit(f->busy, f->nblocks);
	} while (i < f->nblocks && test_and_set_bit_lock(i, f->busy));
	return i;
}

static int rt_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
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

static void rt_fprobe_exit(struct fprobe *fp, unsigned long entry_ip,
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
 * maxactive is also the pool's blocks: a call that finds none
 * free is counted missed. The pool goes with the fprobe. A call still in
 * flight when it is unregistered is returned to only if the same fprobe
 * is registered again by then (the graph tracer looks it up at the
 * return), or an fprobe of a module loaded again at the same address:
 * the generation in its entry data, unique on this boot, tells it to do
 * nothing.
 */
int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
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
void rt_fprobe_unregister(struct rt_fprobe *f)
{
	unregister_fprobe(&f->fp);
	synchronize_rcu();
	kvfree(f->pool);
	bitmap_free(f->busy);
	f->pool = NULL;
	f->busy = NULL;
}

unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return READ_ONCE(f->fp.nmissed) + atomic_long_read(&f->pool_missed);
}
