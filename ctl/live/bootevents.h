/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot probes' events (bootprobes.h), read back: the text of
 * tracefs's trace file for the rngtrace event group, turned into the
 * trace format's events (Documentation/trace-format.md) as the module
 * would have sent them: credits with their source (from the caller the
 * credit's return names, by the module's own table), READY, the waits
 * (wait_for_random_bytes() inside getrandom(), a /dev/random read, or on
 * its own: the kernel's), and the reads before READY that did not wait.
 *
 * What a boot probe cannot see, the events do not claim: no flags (the
 * probes fetch none), no cgroup (but the recorder's, read from /proc of a
 * task still alive: rt_boot_events_cgroups()), no total_bits
 * (the pool before the first probe is not known). READY is the entry of
 * the last credit before crng_set_ready() ran (or, without that probe, of
 * the last credit of a trace whose CRNG is ready: credits stop once it
 * is), evidence "last-credit"; the kernel prints "crng init done" in that
 * same call, microseconds later.
 *
 * The reader takes a FILE, so that it is testable without a kernel.
 */
#ifndef RT_BOOTEVENTS_H
#define RT_BOOTEVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "evjson.h"

/* One line of the trace file, parsed. */
struct rt_boot_line {
	char comm[32];
	uint32_t pid, cpu;
	uint64_t time_ns;	/* the trace clock (trace_clock=boot: CLOCK_BOOTTIME) */
	char event[32];		/* "credit", "getrandom_ret", ... */
	char func[128];		/* the probed function; for a return, its caller */
	bool has_value, has_value2;
	int64_t value;		/* bits=, ret= or (getrandom_call) count= */
	int64_t value2;		/* (getrandom_call) flags= */
};

/*
 * Parse @s, one line of tracefs's trace file. 1 and @l for an event of
 * RT_BOOT_GROUP, 0 for a comment, an empty line or another group's event,
 * 2 with @l->value the count for a "CPU:N [LOST N EVENTS]" line, -1 for
 * a line that is none of these.
 */
int rt_boot_line_parse(const char *s, struct rt_boot_line *l);

/* The credit source of a crediting function's name (the module's table). */
uint32_t rt_boot_source_of(const char *caller);

/*
 * The path of a wait_for_random_bytes() called by @caller (its return's
 * line): getrandom(), a /dev/random read, or the kernel's own.
 */
uint32_t rt_boot_path_of(const char *caller);

struct rt_boot_events {
	struct rt_event *ev;	/* by time, then as read */
	size_t nev;
	/* The waits that had not ended when the trace was read (no seq). */
	struct rt_event *open;
	size_t nopen;
	bool ready;		/* a READY event is among ev[] */
	uint64_t lines, lost;	/* events read; lost to a full buffer */
	uint64_t first_ns;	/* the first event's time (0: none) */
	uint64_t bad_lines;	/* lines not understood */
};

/*
 * Read the trace file @f (the boot probes' group only); @ready_now says
 * whether the CRNG is ready as it is read (a READY without
 * crng_set_ready()'s event). 0, or -1 with @err (out of memory, a read
 * error). Free with rt_boot_events_free().
 */
int rt_boot_events_read(FILE *f, bool ready_now, struct rt_boot_events *be,
			char *err, size_t errlen);
void rt_boot_events_free(struct rt_boot_events *be);

/*
 * The cgroup of each event's task that is still alive under @proc
 * ("/proc"): the same comm, started no later than the event. A boot
 * probe fetches none; the recorder reads what it can of the living.
 */
void rt_boot_events_cgroups(struct rt_boot_events *be, const char *proc);

/*
 * This machine's boot probes: tracefs's trace file read as above, if the
 * kernel has the RT_BOOT_GROUP events (they were on its command line),
 * with the cgroups of the tasks still alive (rt_boot_events_cgroups()).
 * 1 and @be, 0 when there are none, -1 with @err when they are there but
 * cannot be read.
 */
int rt_boot_events_collect(bool ready_now, struct rt_boot_events *be,
			   char *err, size_t errlen);

#endif /* RT_BOOTEVENTS_H */
