/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink and extack differences between the kernels we build for,
 * keyed on the RNGTRACE_HAVE_* flags of compat/Kbuild.include.
 */
#ifndef _RNGTRACE_COMPAT_GENETLINK_H
#define _RNGTRACE_COMPAT_GENETLINK_H

#include <linux/netlink.h>

/*
 * rt_extack_fmt() - formatted extack message where the kernel can keep one
 * (NL_SET_ERR_MSG_FMT_MOD, 6.2+), the plain message where it cannot.
 */
#ifdef RNGTRACE_HAVE_NL_SET_ERR_MSG_FMT
#define rt_extack_fmt(extack, plain, fmt, ...) \
	NL_SET_ERR_MSG_FMT_MOD(extack, fmt, ##__VA_ARGS__)
#else
#define rt_extack_fmt(extack, plain, fmt, ...) \
	NL_SET_ERR_MSG_MOD(extack, plain)
#endif

#endif /* _RNGTRACE_COMPAT_GENETLINK_H */
