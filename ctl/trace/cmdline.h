/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel command line of a trace (host.cmdline), read as the kernel
 * reads its boolean parameters: one kstrtobool for every reader.
 */
#ifndef RT_CMDLINE_H
#define RT_CMDLINE_H

#include <stdbool.h>

/*
 * The kernel's kstrtobool() (lib/kstrtox.c, as in 6.1): y, Y, 1 and on
 * (any case) are true; n, N, 0 and off false; only the first one or two
 * characters count. 0 with *@res set, or -1 (the kernel's -EINVAL).
 */
int rt_kstrtobool(const char *s, bool *res);

/*
 * The value the kernel gives the boolean parameter @param
 * ("random.trust_cpu") from @cmdline: its last occurrence as a whole word
 * whose value kstrtobool() takes (the kernel keeps the previous value on
 * a bad one), or @def when there is none.
 */
bool rt_cmdline_bool(const char *cmdline, const char *param, bool def);

#endif /* RT_CMDLINE_H */
