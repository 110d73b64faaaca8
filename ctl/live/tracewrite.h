/* SPDX-License-Identifier: GPL-2.0 */
/*
 * record's trace, written as the events arrive: the head (format,
 * version, recorded_by) and "events": [ first, each event on its own
 * line as it comes, then, once the recording ends, the rest of the trace
 * (host, module, ready, credits, hwrngs, kmsg, record), which only the
 * end knows. Memory stays bounded whatever the number of events: none is
 * kept. Readers do not depend on the order of the keys
 * (Documentation/trace-format.md).
 *
 *	rt_trace_writer_start(&w, o.f);
 *	follow.cb = rt_trace_writer_event; follow.arg = &w;
 *	...
 *	rt_trace_writer_finish(&w, &st, host, kmsg, record);
 *	rt_outfile_commit(&o, ...);	(atomic: the temporary file is renamed)
 */
#ifndef RT_TRACEWRITE_H
#define RT_TRACEWRITE_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "evjson.h"

struct rt_trace_writer {
	FILE *f;
	size_t nevents, nwaits;
	bool saw_ready;
	struct rt_event ready;		/* the first READY event */
	bool failed;			/* out of memory or a write error */
	/*
	 * The waits in flight at the last WAITING_GET (rt_trace_writer_watch()),
	 * and which of them a wait event has ended since.
	 */
	const struct rt_event *open;
	size_t nopen, nopen_total;
	bool open_ended[64];
	/*
	 * The trace's ready object where neither STATUS nor a READY event
	 * gives one (the BPF backend's, ready before it attached); the
	 * reference is taken. NULL: none.
	 */
	json_t *ready_json;
	/* The same for the trace's hwrngs (the BPF backend's). */
	json_t *hwrngs_json;
};

/*
 * How the recording went: the trace's record object. @st is the last
 * STATUS and WAITING_GET; its waits in flight that no wait event ended since
 * rt_trace_writer_watch() are the open waits.
 */
struct rt_record_end {
	uint64_t started_ns, ended_ns, lost;
	const char *until, *stopped_by;
	bool complete;
	/* The boot probes' events (has_boot: the kernel had them). */
	bool has_boot;
	uint64_t boot_read, boot_merged, boot_lost, boot_first_ns;
	/* the kernel log's clock mark's window (< 0: none; recordboot.c) */
	int64_t boot_clock_mark_ns;
};

/* Write the head to @f. 0, or -1 (a write error). */
int rt_trace_writer_start(struct rt_trace_writer *w, FILE *f);
/*
 * Write one event (an rt_follow callback: @arg is the writer). 0, or -1
 * once writing failed.
 */
int rt_trace_writer_event(const struct rt_event *ev, void *arg);
/*
 * Watch @st's waits in flight (the last WAITING_GET before the last
 * dump): a wait event of the same pid and start that comes after ended
 * it, and it is no longer an open wait. @st must outlive the writer's use.
 */
void rt_trace_writer_watch(struct rt_trace_writer *w,
			   const struct rt_status *st);

/*
 * The record object (Documentation/trace-format.md): @e, and the waits
 * still open as open_waits[] with open_waits_total. A new reference, or
 * NULL when out of memory.
 */
json_t *rt_trace_record_json(const struct rt_trace_writer *w,
			     const struct rt_record_end *e);

/*
 * Close events[] and write the rest of the trace from @st (NULL: no
 * module, rt_trace_build()) and the parts (the references to @host,
 * @kmsg and @record are taken; NULLs left out).
 * 0, or -1 when out of memory or a write failed.
 */
int rt_trace_writer_finish(struct rt_trace_writer *w,
			   const struct rt_status *st, json_t *host,
			   json_t *kmsg, json_t *record);

#endif /* RT_TRACEWRITE_H */
