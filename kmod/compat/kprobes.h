/* SPDX-License-Identifier: GPL-2.0 */
/*
 * get_kretprobe_retaddr() (5.16+): the return address a kretprobe
 * replaced. Before it, the instance kept it in ret_addr.
 */
#ifndef _RNGTRACE_COMPAT_KPROBES_H
#define _RNGTRACE_COMPAT_KPROBES_H

#include <linux/kprobes.h>

#ifndef RNGTRACE_HAVE_GET_KRETPROBE_RETADDR
static nokprobe_inline unsigned long
get_kretprobe_retaddr(struct kretprobe_instance *ri)
{
	return (unsigned long)ri->ret_addr;
}
#endif

#endif /* _RNGTRACE_COMPAT_KPROBES_H */
