// SPDX-License-Identifier: GPL-2.0
/*
 * Chrome trace-event JSON, which Perfetto's UI and chrome://tracing open:
 * waits as complete events ("X") on their task's track, the CRNG's ready
 * moment, hwrng registrations and unseeded reads as instants ("i"), and
 * the credited bits by source as a counter ("C"). Times in microseconds
 * since boot (CLOCK_BOOTTIME).
 */
#include <string.h>

#include "export.h"
#include "jsonout.h"
#include "names.h"
#include "utf8.h"

#define CRNG_PID 0	/* the CRNG's own track: no task has pid 0 here */

static double us(long long ns)
{
	return ns / 1e3;
}

static int add(json_t *arr, json_t *ev)
{
	return ev ? json_array_append_new(arr, ev) : -1;
}

static json_t *task_name(const char *comm, const char *unit)
{
	char buf[256];

	/* the trace's strings: cut whole, or json_string() refuses them */
	if (unit && *unit)
		rt_snprintf_cut(buf, sizeof(buf), "%s (%s)", comm, unit);
	else
		rt_snprintf_cut(buf, sizeof(buf), "%s", comm);
	return json_string(buf);
}

/* The credited-bits counter: every series at every change, so they stack. */
static json_t *counter(long long ns, long long at_load, const long long *bits)
{
	json_t *args = json_object(), *ev;
	int i;

	if (!args)
		return NULL;
	json_object_set_new(args, "at load", json_integer(at_load));
	for (i = 0; i < RT_NSOURCES; i++)
		json_object_set_new(args, rt_source_name(i), json_integer(bits[i]));
	ev = json_pack("{s:s, s:s, s:f, s:i, s:o}", "name", "credited bits",
		       "ph", "C", "ts", us(ns), "pid", CRNG_PID, "args", args);
	return ev;
}

/* Name a task's tracks once: process (tgid) and thread (pid). */
static int name_task(json_t *te, json_t *seen, long long tgid, long long pid,
		     const char *comm, const char *unit)
{
	char key[64];
	int bad = 0;

	snprintf(key, sizeof(key), "p%lld", tgid);
	if (!json_object_get(seen, key)) {
		json_object_set_new(seen, key, json_true());
		bad |= add(te, json_pack("{s:s, s:s, s:I, s:I, s:{s:o}}",
					 "name", "process_name", "ph", "M",
					 "pid", (json_int_t)tgid, "tid", (json_int_t)pid,
					 "args", "name", task_name(comm, unit)));
	}
	snprintf(key, sizeof(key), "t%lld/%lld", tgid, pid);
	if (!json_object_get(seen, key)) {
		json_object_set_new(seen, key, json_true());
		bad |= add(te, json_pack("{s:s, s:s, s:I, s:I, s:{s:o}}",
					 "name", "thread_name", "ph", "M",
					 "pid", (json_int_t)tgid, "tid", (json_int_t)pid,
					 "args", "name", task_name(comm, unit)));
	}
	return bad;
}

int rt_export_perfetto(FILE *f, const struct rt_export *x)
{
	const struct rt_summary *s = x->s;
	const struct rt_series *se = s->series;
	long long bits[RT_NSOURCES] = { 0 };
	long long at_load = s->pool_bits_at_load > 0 ? s->pool_bits_at_load : 0;
	json_t *root, *te, *seen = json_object();
	size_t i;
	int bad = 0, k;

	root = json_pack("{s:[], s:s}", "traceEvents", "displayTimeUnit", "ms");
	if (!root || !seen) {
		json_decref(root);
		json_decref(seen);
		return -1;
	}
	te = json_object_get(root, "traceEvents");

	bad |= add(te, json_pack("{s:s, s:s, s:i, s:i, s:{s:s}}", "name",
				 "process_name", "ph", "M", "pid", CRNG_PID,
				 "tid", 0, "args", "name", "CRNG"));
	bad |= add(te, json_pack("{s:s, s:s, s:i, s:i, s:{s:i}}", "name",
				 "process_sort_index", "ph", "M", "pid",
				 CRNG_PID, "tid", 0, "args", "sort_index", -1));
	bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:I}}",
				 "name", "rngtrace module loaded", "ph", "i",
				 "ts", us(s->load_ns), "pid", CRNG_PID, "tid", 0,
				 "s", "g", "args", "pool_bits_at_load",
				 (json_int_t)s->pool_bits_at_load));
	bad |= add(te, counter(s->load_ns, at_load, bits));

	/*
	 * From the summary, as every output: the credited bits per bin of
	 * its series (a counter value per bin that had credits, not per
	 * credit), the unseeded reads per bin (an instant with the count),
	 * every wait, the hwrng marks.
	 */
	for (i = 0; i < RT_SERIES_BINS; i++) {
		long long t = rt_series_start(se, i), any = 0;

		for (k = 0; k < RT_NSOURCES; k++) {
			any |= se->credit[i][k];
			if (__builtin_add_overflow(bits[k], se->credit[i][k], &bits[k]))
				bits[k] = 1LL << 62;
		}
		if (any)
			bad |= add(te, counter(t > s->load_ns ? t : s->load_ns,
					       at_load, bits));
		if (se->unseeded[i])
			bad |= add(te, json_pack("{s:s, s:s, s:s, s:f, s:i, s:i, s:s, s:{s:I, s:f}}",
						 "name", "unseeded reads", "cat", "unseeded",
						 "ph", "i", "ts", us(t), "pid", CRNG_PID,
						 "tid", 0, "s", "g", "args",
						 "count", (json_int_t)se->unseeded[i],
						 "bin_seconds", se->width_ns / 1e9));
	}
	if (s->ready && !s->ready_before_load && s->ready_ns >= 0)
		bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:s}}",
					 "name", "CRNG ready", "ph", "i",
					 "ts", us(s->ready_ns), "pid", CRNG_PID,
					 "tid", 0, "s", "g", "args", "source",
					 *s->ready_source ? s->ready_source : "unknown"));
	for (i = 0; i < s->nwaits; i++) {
		const struct rt_wait_info *w = &s->waits[i];
		char name[64];
		json_t *args;

		rt_snprintf_cut(name, sizeof(name), "wait %s%s",
				*w->path ? w->path : "?",
				w->open ? " (still waiting at the end)" : "");
		args = json_pack("{s:s, s:s, s:I, s:I, s:b}",
				 "comm", w->comm, "unit", w->unit,
				 "bytes", (json_int_t)w->bytes,
				 "result", (json_int_t)w->result,
				 "open", w->open);
		/* (a boot probe's wait: the flags are not known) */
		if (args && w->flags >= 0 &&
		    json_object_set_new(args, "flags", json_integer(w->flags)))
			bad = 1;
		bad |= add(te, json_pack("{s:s, s:s, s:s, s:f, s:f, s:I, s:I, s:o}",
					 "name", name, "cat", "wait", "ph", "X",
					 "ts", us(w->start_ns),
					 "dur", us(w->wait_ns),
					 "pid", (json_int_t)w->tgid, "tid", (json_int_t)w->pid,
					 "args", args));
		bad |= name_task(te, seen, w->tgid, w->pid, w->comm, w->unit);
	}
	for (i = 0; i < s->nmarks; i++) {
		const struct rt_hwrng_mark *m = &s->marks[i];
		char name[160];

		rt_snprintf_cut(name, sizeof(name), "%s %s",
				m->registered ? "hwrng-register" : "hwrng-unregister",
				*m->name ? m->name : "?");
		bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:I}}",
					 "name", name, "ph", "i", "ts", us(m->time_ns),
					 "pid", CRNG_PID, "tid", 0, "s", "g",
					 "args", "quality", (json_int_t)m->quality));
	}
	if (s->ready && s->ready_before_load)
		bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s}",
					 "name", "CRNG ready before the module loaded",
					 "ph", "i", "ts", us(s->ready_ns >= 0 ?
							     s->ready_ns : s->load_ns),
					 "pid", CRNG_PID, "tid", 0, "s", "g"));
	/* the whole trace's verdict, in metadata and on the CRNG's track */
	{
		char why[512];

		rt_incomplete_text(s, why, sizeof(why));
		bad |= json_object_set_new(root, "metadata",
					   json_pack("{s:b, s:s}", "rngtrace_complete",
						     !s->incomplete,
						     "rngtrace_incomplete", why));
		if (s->incomplete)
			bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:s}}",
						 "name", "INCOMPLETE recording", "ph", "i",
						 "ts", us(s->record_end_ns > 0 ?
							  s->record_end_ns : s->last_event_ns),
						 "pid", CRNG_PID, "tid", 0, "s", "g",
						 "args", "why", why));
	}
	if (!bad)
		bad = rt_json_print(f, root);
	json_decref(root);
	json_decref(seen);
	return bad ? -1 : 0;
}
