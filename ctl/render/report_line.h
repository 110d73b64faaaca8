/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A report in one line, for logs: plain, or as journal fields.
 */
#ifndef RT_REPORT_LINE_H
#define RT_REPORT_LINE_H

#include <stdio.h>

#include "advice.h"
#include "summary.h"

/* "6.1.0-56-amd64: CRNG ready at 10.492 s (jitter); 1 task waited ..." */
void rt_report_line(FILE *f, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv);
/* The line as MESSAGE= plus RNGTRACE_* fields, for 'logger --journald'. */
void rt_report_journal(FILE *f, const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv);

#endif
