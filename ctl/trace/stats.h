/* SPDX-License-Identifier: GPL-2.0 */
/* Median, minimum and maximum of a few numbers, and the difference of two
 * groups (compare's groups). */
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

/*
 * The difference of two groups' means, B - A, with its confidence
 * interval by Student's t with the pooled standard deviation: what
 * ministat(1) computes, so that its numbers can be checked against it.
 * Proven when the interval excludes 0.
 */
struct rt_diff {
	size_t na, nb;
	double mean_a, mean_b;
	double pooled_s;
	double diff, half;	/* B - A = diff +/- half */
	double confidence;	/* in percent, e.g. 95 */
	int valid;		/* two or more values in each group */
	int proven;		/* |diff| > half */
};

/* B - A of @a[0..na) and @b[0..nb) at @confidence percent (0 < c < 100). */
void rt_diff_student(const double *a, size_t na, const double *b, size_t nb,
		     double confidence, struct rt_diff *d);

/* Student's t quantile: P(|T| <= t) = @confidence / 100, @df degrees. */
double rt_student_t(double confidence, double df);

#endif /* RT_STATS_H */
