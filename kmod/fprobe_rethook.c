// SPDX-License-Identifier: GPL-2.0
/*
 * rt_fprobe (compat/fprobe.h) where fprobes return through rethook (6.5
 * to 6.13): handlers on pt_regs with ret_ip and entry data. Kbuild picks
 * this file for such a kernel.
 */
#include <linux/fprobe.h>

#include "compat/fprobe.h"

#if !defined(RT_FPROBE_SHAPE_KNOWN) || defined(RT_FPROBE_FGRAPH)
#error "Kbuild picked fprobe_rethook.c for a kernel whose fprobes are not rethook's"
#endif

bool rt_fprobe_supported(void)
{
	return true;
}

static int rt_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
			   unsigned long ret_ip, struct pt_regs *regs,
			   void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	return f->entry(f, entry_ip, regs, data);
}

static void rt_fprobe_exit(struct fprobe *fp, unsigned long entry_ip,
			   unsigned long ret_ip, struct pt_regs *regs,
			   void *data)
{
	struct rt_fprobe *f = container_of(fp, struct rt_fprobe, fp);

	f->exit(f, entry_ip, ret_ip, regs, data);
}

int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
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

void rt_fprobe_unregister(struct rt_fprobe *f)
{
	unregister_fprobe(&f->fp);
}

unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return READ_ONCE(f->fp.nmissed);
}
