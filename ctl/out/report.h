/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace report's outputs, from the summary alone (libtrace). */
#ifndef RT_REPORT_H
#define RT_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "advice.h"
#include "summary.h"

/* The text report of the trace named @name. */
void rt_report_text(FILE *f, const char *name, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv);
/* The same as one JSON object (a new reference), NULL when out of memory. */
json_t *rt_report_json(const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv);

#endif /* RT_REPORT_H */
