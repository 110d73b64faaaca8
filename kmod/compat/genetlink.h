/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink and extack differences between the kernels we build for,
 * keyed on the RNGTRACE_HAVE_* flags of compat/Kbuild.include.
 */
#ifndef _RNGTRACE_COMPAT_GENETLINK_H
#define _RNGTRACE_COMPAT_GENETLINK_H

#include <linux/netlink.h>
#include <net/genetlink.h>

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

/*
 * rt_dump_attrs() - the parsed request attributes of a dump: in struct
 * genl_info since genl_info_dump() (6.2+), directly in genl_dumpit_info
 * before.
 */
static inline struct nlattr **rt_dump_attrs(struct netlink_callback *cb)
{
#ifdef RNGTRACE_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * RT_MCGRP_ADMIN_ONLY - the initializer that keeps a multicast group to
 * administrators: CAP_NET_ADMIN through the group flag (6.7+, backported to
 * Debian's 6.1 from 6.1.0-5x); CAP_SYS_ADMIN through the older bit that
 * earlier 6.1 stable kernels have (6.1.0-47, for one). Kernels with neither
 * are not supported: refusing to build beats an events group anyone can
 * join.
 */
#if defined(RNGTRACE_HAVE_GENL_MCAST_CAP)
#define RT_MCGRP_ADMIN_ONLY	.flags = GENL_MCAST_CAP_NET_ADMIN
#elif defined(RNGTRACE_HAVE_GENL_MCGRP_CAP_SYS_ADMIN)
#define RT_MCGRP_ADMIN_ONLY	.cap_sys_admin = 1
#else
#error "rngtrace needs GENL_MCAST_CAP_NET_ADMIN or genl_multicast_group.cap_sys_admin"
#endif

/*
 * GENL_REQ_ATTR_CHECK (6.1+): true when a required attribute is missing,
 * naming it in the extack where the kernel can (NL_SET_ERR_ATTR_MISS).
 */
#ifndef RNGTRACE_HAVE_GENL_REQ_ATTR_CHECK
#define GENL_REQ_ATTR_CHECK(info, attr)	(!(info)->attrs[(attr)])
#endif

/*
 * RT_GENL_STRICT_FROM(op) - the family initializer that makes the core
 * validate operations from op on strictly (resv_start_op, 6.1+): reserved
 * header bytes zero, no attributes for an operation without a policy.
 * Cores before it do neither (5.10 parses no attributes for an operation
 * without a policy), so rt_genl_strict() does it there; the initializer
 * then sets what is 0 anyway.
 */
#ifdef RNGTRACE_HAVE_GENL_RESV_START_OP
#define RT_GENL_STRICT_FROM(op)	.resv_start_op = (op)
#else
#define RT_GENL_STRICT_FROM(op)	.hdrsize = 0
#endif

/*
 * rt_genl_strict() - first thing in every doit and dump start: what the
 * core checks itself since resv_start_op, for cores that do not.
 */
static inline int rt_genl_strict(const struct nlmsghdr *nlh,
				 struct netlink_ext_ack *extack, bool policy)
{
#ifndef RNGTRACE_HAVE_GENL_RESV_START_OP
	const struct genlmsghdr *hdr = nlmsg_data(nlh);

	if (hdr->reserved) {
		NL_SET_ERR_MSG_MOD(extack, "reserved header bytes must be zero");
		return -EINVAL;
	}
	if (!policy && nlmsg_len(nlh) > GENL_HDRLEN) {
		NL_SET_ERR_MSG_MOD(extack, "this operation takes no attributes");
		NL_SET_BAD_ATTR(extack, nlmsg_attrdata(nlh, GENL_HDRLEN));
		return -EINVAL;
	}
#endif
	return 0;
}

#endif /* _RNGTRACE_COMPAT_GENETLINK_H */
