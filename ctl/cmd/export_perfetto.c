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
#include "trace.h"

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

	if (unit && *unit)
		snprintf(buf, sizeof(buf), "%s (%s)", comm, unit);
	else
		snprintf(buf, sizeof(buf), "%s", comm);
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
	const json_t *events = json_object_get(x->trace, "events"), *e;
	long long bits[RT_NSOURCES] = { 0 };
	long long at_load = s->pool_bits_at_load > 0 ? s->pool_bits_at_load : 0;
	json_t *root, *te, *seen = json_object();
	size_t i;
	int bad = 0;

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

	json_array_foreach(events, i, e) {
		const char *type = rt_json_str(e, "type", "");
		long long t = rt_json_int(e, "time_ns", 0);
		long long pid = rt_json_int(e, "pid", -1);
		long long tgid = rt_json_int(e, "tgid", pid);
		const char *comm = rt_json_str(e, "comm", "");
		const char *unit = rt_cgroup_unit(rt_json_str(e, "cgroup", ""));

		if (!strcmp(type, "credit")) {
			int src = rt_source_value(rt_json_str(e, "source", NULL));

			if (src < 0 || src >= RT_NSOURCES)
				src = 0;
			bits[src] += rt_json_int(e, "bits", 0);
			bad |= add(te, counter(t, at_load, bits));
		} else if (!strcmp(type, "ready")) {
			bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:s, s:I}}",
						 "name", "CRNG ready", "ph", "i",
						 "ts", us(t), "pid", CRNG_PID, "tid", 0,
						 "s", "g", "args", "source",
						 rt_json_str(e, "source", "unknown"),
						 "total_bits",
						 (json_int_t)rt_json_int(e, "total_bits", 0)));
		} else if (!strcmp(type, "wait")) {
			long long start = rt_json_int(e, "start_ns", t);
			char name[64];

			snprintf(name, sizeof(name), "wait %s",
				 rt_json_str(e, "path", "?"));
			bad |= add(te, json_pack("{s:s, s:s, s:s, s:f, s:f, s:I, s:I, s:{s:s, s:s, s:I, s:I, s:I}}",
						 "name", name, "cat", "wait", "ph", "X",
						 "ts", us(start),
						 "dur", t > start ? us(t) - us(start) : 0.0,
						 "pid", (json_int_t)tgid, "tid", (json_int_t)pid,
						 "args", "comm", comm, "unit", unit,
						 "bytes", (json_int_t)rt_json_int(e, "bytes", 0),
						 "flags", (json_int_t)rt_json_int(e, "flags", 0),
						 "result", (json_int_t)rt_json_int(e, "result", 0)));
			bad |= name_task(te, seen, tgid, pid, comm, unit);
		} else if (!strcmp(type, "unseeded")) {
			char name[64];

			snprintf(name, sizeof(name), "unseeded %s",
				 rt_json_str(e, "path", "?"));
			bad |= add(te, json_pack("{s:s, s:s, s:s, s:f, s:I, s:I, s:s, s:{s:s, s:s, s:I, s:I}}",
						 "name", name, "cat", "unseeded", "ph", "i",
						 "ts", us(t), "pid", (json_int_t)tgid,
						 "tid", (json_int_t)pid, "s", "t",
						 "args", "comm", comm, "unit", unit,
						 "bytes", (json_int_t)rt_json_int(e, "bytes", 0),
						 "result", (json_int_t)rt_json_int(e, "result", 0)));
			bad |= name_task(te, seen, tgid, pid, comm, unit);
		} else if (!strcmp(type, "hwrng-register") ||
			   !strcmp(type, "hwrng-unregister")) {
			char name[160];

			snprintf(name, sizeof(name), "%s %s", type,
				 rt_json_str(e, "name", "?"));
			bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s, s:{s:I}}",
						 "name", name, "ph", "i", "ts", us(t),
						 "pid", CRNG_PID, "tid", 0, "s", "g",
						 "args", "quality",
						 (json_int_t)rt_json_int(e, "quality", 0)));
		}
	}
	if (s->ready && s->ready_before_load)
		bad |= add(te, json_pack("{s:s, s:s, s:f, s:i, s:i, s:s}",
					 "name", "CRNG ready before the module loaded",
					 "ph", "i", "ts", us(s->ready_ns >= 0 ?
							     s->ready_ns : s->load_ns),
					 "pid", CRNG_PID, "tid", 0, "s", "g"));
	if (!bad)
		bad = rt_json_print(f, root);
	json_decref(root);
	json_decref(seen);
	return bad ? -1 : 0;
}
