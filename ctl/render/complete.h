/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whether a trace is complete (summary.h: RT_INCOMPLETE_*), said the same
 * way by every output that goes through print.h: report, check, compare.
 */
#ifndef RT_COMPLETE_H
#define RT_COMPLETE_H

#include "summary.h"

/*
 * JSON: "complete" (bool), "incomplete" (the reasons' names, an array)
 * and, when incomplete, "incomplete_reason" (rt_incomplete_text()).
 * Text: nothing when complete; else @text_fmt with the reason (one %s,
 * escaped), when @text_fmt is not NULL.
 */
void rt_print_completeness(const struct rt_summary *s, const char *text_fmt);

/* "timeout,not-ready": the reasons' names, comma-separated, into @buf. */
const char *rt_incomplete_names(const struct rt_summary *s, char *buf,
				size_t len);

#endif /* RT_COMPLETE_H */
