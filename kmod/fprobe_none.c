// SPDX-License-Identifier: GPL-2.0
/*
 * rt_fprobe (compat/fprobe.h) where the module uses no fprobe: none (5.10)
 * or 6.1's shape (no entry data). Every caller falls back to kprobes.
 */
#include "compat/fprobe.h"

#if defined(RT_FPROBE_SHAPE_KNOWN)
#error "Kbuild picked fprobe_none.c for a kernel whose fprobes the module uses"
#endif

bool rt_fprobe_supported(void)
{
	return false;
}

int rt_fprobe_register(struct rt_fprobe *f, unsigned long *addrs,
		       unsigned int n, size_t data_size,
		       unsigned int maxactive)
{
	return -EOPNOTSUPP;
}

void rt_fprobe_unregister(struct rt_fprobe *f)
{
}

unsigned long rt_fprobe_nmissed(const struct rt_fprobe *f)
{
	return 0;
}
