/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rngtrace compare's outputs: traces side by side, one column per group
 * of traces (by kernel release or by label), as a table or as JSON,
 * through print.h, from the traces' summaries alone. In the trace
 * library, so that the fuzzer and the tests reach it without netlink.
 */
#ifndef RT_COMPARE_H
#define RT_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "summary.h"

/* The metrics of one trace; NAN where the trace has no value. */
enum {
	RT_CMP_READY,		/* ns since boot; 0 if ready before load */
	RT_CMP_TOTAL_WAIT,	/* ns */
	RT_CMP_WORST_WAIT,	/* ns */
	RT_CMP_BLOCKED,		/* tasks */
	RT_CMP_SHARE,		/* + RT_NSOURCES + 1: percent of the bits */
	RT_CMP_N = RT_CMP_SHARE + RT_NSOURCES + 1,
};

/* One trace: the caller loads its summary, then rt_cmp_metrics(). */
struct rt_cmp_trace {
	const char *file, *label;
	struct rt_summary s;
	int summarized;
	double m[RT_CMP_N];
};

/* @t's metrics from its summary (t->s), before rt_summary_trim(). */
void rt_cmp_metrics(struct rt_cmp_trace *t);

/*
 * The groups of @n traces (@tr must outlive them); NULL when out of
 * memory. With two groups, A (the first) and B, the table and the JSON
 * add B - A for each figure at @confidence percent (stats.h).
 */
struct rt_cmp_groups;
struct rt_cmp_groups *rt_cmp_group(const struct rt_cmp_trace *tr, size_t n,
				   bool by_label, double confidence);

/* The figures compared, by name (--max-worse FIGURE=X): RT_CMP_*, or -1. */
int rt_cmp_figure(const char *name);
const char *rt_cmp_figure_name(int m);	/* "ready", "blocked-time"... */

/*
 * B - A of figure @m (RT_CMP_READY, _TOTAL_WAIT, _BLOCKED) between the
 * groups A and B (the first two); d->valid is 0 without two groups.
 */
struct rt_diff;
void rt_cmp_diff(const struct rt_cmp_groups *g, int m, struct rt_diff *d);
void rt_cmp_groups_free(struct rt_cmp_groups *g);

/*
 * The table (text) or the JSON object of @g, in the current print.h
 * output. 0, or -1 when out of memory.
 */
int rt_cmp_print(const struct rt_cmp_groups *g);

#endif /* RT_COMPARE_H */
