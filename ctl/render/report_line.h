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
/*
 * The journal entries of a boot (documented in Documentation/rngtrace.8,
 * JOURNAL): MESSAGE_IDs fixed for good, so that 'journalctl MESSAGE_ID=ID'
 * finds them on every machine and across releases.
 *
 *   READY      the boot's summary when the trace shows the CRNG ready
 *   NOT_READY  the same when it does not (the recording ended first)
 *   BLOCKED    one per task that waited for the CRNG
 */
#define RT_JOURNAL_READY_ID	"364f8789b99a43edbcf298762fa45b8a"
#define RT_JOURNAL_NOT_READY_ID	"620476d1dd7e487eae56fb6507a63e85"
#define RT_JOURNAL_BLOCKED_ID	"1fc0667f13d1403fb97dd6d0d5ec52ec"

/*
 * An entry is a list of fields given to @emit in order. MESSAGE is text
 * already escaped (rt_esc()); every other value is the trace's own
 * string, raw (a process name may hold a newline): the sink encodes it.
 */
typedef void (*rt_field_fn)(void *ctx, const char *key, const char *value);

/* The boot's summary: READY or NOT_READY, the line as MESSAGE, RNGTRACE_*. */
void rt_journal_summary_fields(const struct rt_summary *s,
			       const struct rt_advice *adv, size_t nadv,
			       rt_field_fn emit, void *ctx);
/* One task that waited (BLOCKED): comm, tgid, cgroup, unit, its waits. */
void rt_journal_task_fields(const struct rt_summary *s,
			    const struct rt_task_info *t,
			    rt_field_fn emit, void *ctx);

/*
 * The summary's fields one a line, values escaped, for
 * 'logger --journald' (report --journal-fields).
 */
void rt_report_journal(FILE *f, const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv);

#endif
