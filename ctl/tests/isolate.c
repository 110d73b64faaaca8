// SPDX-License-Identifier: GPL-2.0
/*
 * The host tests never reach the machine's rngtrace module. Its generic
 * netlink family lives in init_net only (netnsok false, kmod/netlink.c),
 * so before the first test the harness moves itself, and with it every
 * test and every rngtrace a test runs, into a network namespace of its
 * own: there the family does not exist, loaded or not, and "rngtrace
 * reset" run by a test as root on a machine with the module changes
 * nothing there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/rngtrace.h>

#include "harness.h"
#include "nl.h"

/*
 * Families that, like rngtrace's, exist in init_net only: those the host
 * has show that the tests' namespace is not the host's.
 */
static const char *const init_net_only[] = {
	RNGTRACE_FAMILY_NAME, "thermal", "VFS_DQUOT", "acpi_event", "NLBL_MGMT",
};

#define N_INIT_NET_ONLY (sizeof(init_net_only) / sizeof(init_net_only[0]))

/* Of init_net_only[], those the host has (NULL-ended). */
const char *rt_test_host_families[N_INIT_NET_ONLY + 1];

bool rt_test_family_reachable(const char *name)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	bool ok;

	if (!nl)
		return false;
	ok = rt_nl_open_family(nl, name) == 0;
	rt_nl_close(nl);
	free(nl);
	return ok;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		ret = -1;
	close(fd);
	return ret;
}

/*
 * A user without privilege needs a user namespace to get a network
 * namespace: be the same uid and gid in it, then give up the capabilities
 * it brings, so that the tests see the files and permissions they would
 * have seen (an unwritable directory stays unwritable).
 */
static int enter_as_user(char *why, size_t len)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
		snprintf(why, len, "unshare(CLONE_NEWUSER | CLONE_NEWNET): %s",
			 strerror(errno));
		return -1;
	}
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned int)uid,
		 (unsigned int)uid);
	if (write_file("/proc/self/uid_map", map) ||
	    write_file("/proc/self/setgroups", "deny") ||
	    (snprintf(map, sizeof(map), "%u %u 1\n", (unsigned int)gid,
		      (unsigned int)gid),
	     write_file("/proc/self/gid_map", map))) {
		snprintf(why, len, "mapping uid %u and gid %u: %s",
			 (unsigned int)uid, (unsigned int)gid, strerror(errno));
		return -1;
	}
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capset, &hdr, data)) {
		snprintf(why, len, "capset: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int rt_test_isolate(char *why, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < N_INIT_NET_ONLY; i++)
		if (rt_test_family_reachable(init_net_only[i]))
			rt_test_host_families[n++] = init_net_only[i];

	if (geteuid() == 0) {
		if (unshare(CLONE_NEWNET)) {
			snprintf(why, len, "unshare(CLONE_NEWNET): %s",
				 strerror(errno));
			return -1;
		}
	} else if (enter_as_user(why, len)) {
		return -1;
	}
	if (rt_test_family_reachable(RNGTRACE_FAMILY_NAME)) {
		snprintf(why, len, "the rngtrace family is reachable from the tests' network namespace");
		return -1;
	}
	return 0;
}
