/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared state of the rngtrace module.
 */
#ifndef _RNGTRACE_H
#define _RNGTRACE_H

#include <linux/types.h>

/* What the module knew at the moment it was loaded; written once in init. */
struct rt_load_state {
	u64 boottime_ns;
	u64 mono_ns;
	bool crng_ready;
};

extern struct rt_load_state rt_load;

int rt_netlink_init(void);
void rt_netlink_exit(void);

#endif /* _RNGTRACE_H */
