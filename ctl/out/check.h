/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rngtrace check's verdict: the limits a trace's summary breaks, printed
 * through print.h. In the trace library, so that the fuzzer and the
 * tests reach it without netlink.
 */
#ifndef RT_CHECK_H
#define RT_CHECK_H

#include "summary.h"

/* The limits, inclusive; -1 for none. Times in ns. */
struct rt_limits {
	long long max_ready, max_wait, max_blocked, max_unseeded;
};

/*
 * The limits @s breaks, in the current print.h output: text, a line per
 * limit broken; JSON, {"trace", "ok", "broken": [{check, ...}]}, @file
 * as "trace". Returns the number broken.
 */
int rt_check_limits(const char *file, const struct rt_summary *s,
		    const struct rt_limits *l);

#endif /* RT_CHECK_H */
