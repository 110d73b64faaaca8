/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace report's outputs, from the summary alone (libtrace). */
#ifndef RT_REPORT_H
#define RT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "advice.h"
#include "summary.h"

/*
 * The report of the trace named @name: text, or with @json one JSON
 * object, from the same calls (print.h). 0, or -1 when out of memory or
 * @f failed.
 */
int rt_report_print(FILE *f, bool json, const char *name,
		    const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv);

#endif /* RT_REPORT_H */
