/* SPDX-License-Identifier: GPL-2.0 */
/* Median, minimum and maximum of a few numbers (compare's groups). */
#ifndef RT_STATS_H
#define RT_STATS_H

#include <stddef.h>

struct rt_stats {
	size_t n;		/* how many numbers; the rest is 0 when 0 */
	double median;		/* the mean of the middle two for even n */
	double min, max;
};

/* Fill @st from @v[0..n); @v is left as it was. 0, or -1 without memory. */
int rt_stats(const double *v, size_t n, struct rt_stats *st);

#endif /* RT_STATS_H */
