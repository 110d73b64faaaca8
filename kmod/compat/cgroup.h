/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path of a cgroup v2 id, in process context.
 *
 * cgroup_get_from_id() (5.19+, exported since 6.1) takes a reference on
 * the cgroup, cgroup_path() names it. Before it (5.10) nothing exported
 * does, and the module calls nothing unexported: paths are empty there.
 *
 * rt_cgroup_path() returns the path's length (>= len: cut), or a negative
 * errno when the cgroup is gone or paths cannot be looked up.
 */
#ifndef _RNGTRACE_COMPAT_CGROUP_H
#define _RNGTRACE_COMPAT_CGROUP_H

#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/string.h>

#ifdef RNGTRACE_HAVE_CGROUP_GET_FROM_ID
static inline int rt_cgroup_compat_init(void)
{
	return 0;
}

static inline bool rt_cgroup_can_name(void)
{
	return true;
}

static inline int rt_cgroup_path(u64 id, char *buf, size_t len)
{
	struct cgroup *cgrp = cgroup_get_from_id(id);
	int ret;

	if (IS_ERR_OR_NULL(cgrp))
		return -ENOENT;
	ret = cgroup_path(cgrp, buf, len);
	cgroup_put(cgrp);
	return ret;
}
#else
static inline int rt_cgroup_compat_init(void)
{
	pr_info("rngtrace: this kernel exports no cgroup_get_from_id(): cgroup paths are not reported\n");
	return 0;
}

static inline bool rt_cgroup_can_name(void)
{
	return false;
}

static inline int rt_cgroup_path(u64 id, char *buf, size_t len)
{
	return -EOPNOTSUPP;
}
#endif

#endif /* _RNGTRACE_COMPAT_CGROUP_H */
