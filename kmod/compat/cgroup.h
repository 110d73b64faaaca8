/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path of a cgroup v2 id, in process context.
 *
 * cgroup_get_from_id() (5.19+, exported since 6.1) takes a reference on
 * the cgroup, cgroup_path() names it. Before it nothing exported does
 * this: cgroup_path_from_kernfs_id() does, unexported, so its address is
 * taken at init from a kprobe registered and unregistered on it (kprobes
 * resolve every kallsyms name). Without it, paths are empty.
 *
 * rt_cgroup_path() returns the path's length (>= len: cut), or a negative
 * errno when the cgroup is gone or paths cannot be looked up.
 */
#ifndef _RNGTRACE_COMPAT_CGROUP_H
#define _RNGTRACE_COMPAT_CGROUP_H

#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/kprobes.h>
#include <linux/string.h>

#ifdef RNGTRACE_HAVE_CGROUP_GET_FROM_ID
static inline int rt_cgroup_compat_init(void)
{
	return 0;
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
static void (*rt_cgroup_path_from_kernfs_id)(u64 id, char *buf, size_t len);

static inline int rt_cgroup_compat_init(void)
{
	struct kprobe kp = { .symbol_name = "cgroup_path_from_kernfs_id" };

	if (register_kprobe(&kp)) {
		pr_warn("rngtrace: no cgroup_path_from_kernfs_id: cgroup paths are not reported\n");
		return 0;
	}
	rt_cgroup_path_from_kernfs_id = (void *)kp.addr;
	unregister_kprobe(&kp);
	return 0;
}

/* The kernfs id is the cgroup id; a gone cgroup leaves buf as it was. */
static inline int rt_cgroup_path(u64 id, char *buf, size_t len)
{
	if (!rt_cgroup_path_from_kernfs_id || !len)
		return -EOPNOTSUPP;
	buf[0] = '\0';
	rt_cgroup_path_from_kernfs_id(id, buf, len);
	return buf[0] ? strlen(buf) : -ENOENT;
}
#endif

#endif /* _RNGTRACE_COMPAT_CGROUP_H */
