// SPDX-License-Identifier: GPL-2.0
/* tracefs and its kprobe events (tracefs.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "tracefs.h"

const char *rt_tracefs(bool may_mount)
{
	static const char * const dirs[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	static bool mounted;
	char path[64];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/trace", dirs[i]);
		if (!access(path, F_OK))
			return dirs[i];
	}
	if (!may_mount || mounted || stat(dirs[0], &st) || !S_ISDIR(st.st_mode))
		return NULL;
	mounted = true;
	if (mount("tracefs", dirs[0], "tracefs", 0, NULL))
		return NULL;
	return rt_tracefs(false);
}

int rt_kprobe_events_write(const char *line)
{
	const char *dir = rt_tracefs(false);
	char path[64];
	ssize_t n;
	int fd, e;

	if (!dir) {
		errno = ENOENT;
		return -1;
	}
	snprintf(path, sizeof(path), "%s/kprobe_events", dir);
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, line, strlen(line));
	e = errno;
	close(fd);
	if (n == (ssize_t)strlen(line))
		return 0;
	errno = n < 0 ? e : EIO;
	return -1;
}
