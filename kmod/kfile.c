// SPDX-License-Identifier: GPL-2.0
/*
 * Read a small text file the kernel exports (procfs, sysfs) from process
 * context: the input pool's count at load (entropy_avail) and the
 * hw_random core's lists have no in-kernel accessor a module may call.
 */

#include <linux/fs.h>
#include <linux/err.h>

#include "rngtrace.h"

int rt_read_small_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, size - 1, &pos);
	filp_close(f, NULL);
	if (n < 0)
		return n;
	buf[n] = '\0';
	return n;
}
