/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rngtrace check's verdict: the limits a trace's summary breaks, printed
 * through print.h. In the trace library, so that the fuzzer and the
 * tests reach it without netlink.
 */
#ifndef RT_CHECK_H
#define RT_CHECK_H

#include <stdbool.h>

#include "summary.h"

/*
 * The limits, inclusive; -1 for none. Times in ns. An incomplete trace
 * (summary.h: RT_INCOMPLETE_*) fails unless @accept_incomplete.
 */
struct rt_limits {
	long long max_ready, max_wait, max_blocked, max_unseeded;
	bool accept_incomplete;
};

/* check's exit status: 0, 1 a limit broken, 3 incomplete (and not accepted). */
#define RT_CHECK_EXIT_BROKEN		1
#define RT_CHECK_EXIT_INCOMPLETE	3

/*
 * The limits @s breaks, in the current print.h output: text, a line per
 * limit broken, and one if the trace is incomplete; JSON, {"trace", "ok",
 * "complete", "incomplete", "broken": [{check, ...}]}, @file as "trace".
 * Returns the number broken.
 */
int rt_check_limits(const char *file, const struct rt_summary *s,
		    const struct rt_limits *l);

/*
 * --max-worse FIGURE=X against a baseline: the groups of compare.h, A the
 * baseline and B the traces checked. A limit is broken when B is proven
 * worse than A by more than it: the confidence interval of B - A lies
 * wholly above @limit[i] (ns for times, a count for blocked-tasks).
 * Printed as rt_check_limits() prints (text, or JSON "broken" entries
 * with check "max-worse"). Returns the number broken.
 */
struct rt_cmp_groups;
int rt_check_worse(const struct rt_cmp_groups *g, const int *figure,
		   const double *limit, size_t n);

/* The exit status for @broken limits broken by @s: RT_CHECK_EXIT_*, or 0. */
int rt_check_exit(const struct rt_summary *s, const struct rt_limits *l,
		  int broken);

#endif /* RT_CHECK_H */
