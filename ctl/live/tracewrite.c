// SPDX-License-Identifier: GPL-2.0
/*
 * record's trace written as the events arrive (tracewrite.h). The parts
 * are the same objects rt_trace_build() makes; only their order and the
 * moment they are written differ.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "fields.h"
#include "host.h"
#include "print.h"
#include "status.h"
#include "trace.h"
#include "tracewrite.h"

#ifndef RNGTRACE_VERSION
#define RNGTRACE_VERSION "unknown"
#endif

static int set_new(json_t *o, const char *key, json_t *v)
{
	return v ? json_object_set_new(o, key, v) : 0;
}

json_t *rt_trace_build(const struct rt_status *st, json_t *host,
		       json_t *events, json_t *kmsg, json_t *record,
		       const struct rt_event *ready_event)
{
	json_t *t = json_pack("{s:s, s:s, s:s}",
			      RT_K_FORMAT, RT_TRACE_FORMAT,
			      RT_K_VERSION, RT_TRACE_VERSION,
			      RT_K_RECORDED_BY, RNGTRACE_VERSION);
	/* (without @st, no module: a trace of the boot probes alone) */
	json_t *module = st ? rt_trace_module_json(st) : NULL;
	json_t *credits = st ? rt_trace_credits_json(st) : NULL;
	json_t *hwrngs = st && st->has_hwrngs ? rt_trace_hwrngs_json(st) : NULL;
	json_t *ready = rt_trace_ready_json(st, kmsg ? rt_kmsg_ready_ns(kmsg) : RT_KMSG_NONE,
					    ready_event);
	bool bad = !t || (st && (!module || !credits)) ||
		   (st && st->has_hwrngs && !hwrngs);

	if (!events)
		events = json_array();
	bad |= !events;
	if (t) {
		bad |= set_new(t, RT_K_HOST, host ? host : json_object()) != 0;
		bad |= set_new(t, RT_K_MODULE, module) != 0;
		bad |= set_new(t, RT_K_READY, ready) != 0;
		bad |= set_new(t, RT_K_CREDITS, credits) != 0;
		bad |= set_new(t, RT_K_HWRNGS, hwrngs) != 0;
		bad |= set_new(t, RT_K_EVENTS, events) != 0;
		bad |= set_new(t, RT_K_KMSG, kmsg) != 0;
		bad |= set_new(t, RT_K_RECORD, record) != 0;
	} else {
		json_decref(host);
		json_decref(module);
		json_decref(ready);
		json_decref(credits);
		json_decref(hwrngs);
		json_decref(events);
		json_decref(kmsg);
		json_decref(record);
	}
	if (bad) {
		json_decref(t);
		return NULL;
	}
	return t;
}

/* @v as JSON, its lines indented by @indent more spaces. */
static int put_json(FILE *f, const json_t *v, size_t flags, const char *indent)
{
	char *s = json_dumps(v, flags | JSON_ENCODE_ANY);
	const char *p, *nl;
	int ret = 0;

	if (!s)
		return -1;
	for (p = s; (nl = strchr(p, '\n')); p = nl + 1)
		if (fwrite(p, 1, nl - p + 1, f) != (size_t)(nl - p + 1) ||
		    fputs(indent, f) == EOF)
			ret = -1;
	if (fputs(p, f) == EOF)
		ret = -1;
	free(s);
	return ret;
}

int rt_trace_writer_start(struct rt_trace_writer *w, FILE *f)
{
	json_t *head = json_pack("{s:s, s:s, s:s}",
				 RT_K_FORMAT, RT_TRACE_FORMAT,
				 RT_K_VERSION, RT_TRACE_VERSION,
				 RT_K_RECORDED_BY, RNGTRACE_VERSION);
	const char *key;
	json_t *v;

	memset(w, 0, sizeof(*w));
	w->f = f;
	if (!head) {
		w->failed = true;
		return -1;
	}
	if (fputs("{", f) == EOF)
		w->failed = true;
	json_object_foreach(head, key, v) {
		if (fprintf(f, "\n  \"%s\": ", key) < 0 ||
		    put_json(f, v, 0, "  "))
			w->failed = true;
		if (fputc(',', f) == EOF)
			w->failed = true;
	}
	json_decref(head);
	if (fprintf(f, "\n  \"%s\": [", RT_K_EVENTS) < 0)
		w->failed = true;
	return w->failed ? -1 : 0;
}

int rt_trace_writer_event(const struct rt_event *ev, void *arg)
{
	struct rt_trace_writer *w = arg;
	json_t *o;

	if (w->failed)
		return -1;
	if (ev->type == RNGTRACE_EVENT_TYPE_READY && !w->saw_ready) {
		w->saw_ready = true;
		w->ready = *ev;
	}
	if (ev->type == RNGTRACE_EVENT_TYPE_WAIT) {
		size_t i;

		w->nwaits++;
		for (i = 0; i < w->nopen; i++)
			if (w->open[i].pid == ev->pid &&
			    w->open[i].start_ns == ev->start_ns)
				w->open_ended[i] = true;
	}
	o = rt_event_to_json(ev);
	/* One event a line: the file grows as they come, greppable. */
	if (!o || fputs(w->nevents ? ",\n    " : "\n    ", w->f) == EOF ||
	    put_json(w->f, o, JSON_COMPACT, "    "))
		w->failed = true;
	json_decref(o);
	w->nevents++;
	return w->failed ? -1 : 0;
}

void rt_trace_writer_watch(struct rt_trace_writer *w,
			   const struct rt_status *st)
{
	size_t max = sizeof(w->open_ended) / sizeof(w->open_ended[0]);

	w->open = st->waiting;
	w->nopen = st->nwaiting < max ? st->nwaiting : max;
	w->nopen_total = st->nwaiting_total;
	memset(w->open_ended, 0, sizeof(w->open_ended));
}

json_t *rt_trace_record_json(const struct rt_trace_writer *w,
			     const struct rt_record_end *e)
{
	json_t *r = json_pack("{s:I, s:I, s:s, s:s, s:b, s:I}",
			      RT_K_STARTED_NS, (json_int_t)e->started_ns,
			      RT_K_ENDED_NS, (json_int_t)e->ended_ns,
			      RT_K_UNTIL, e->until,
			      RT_K_STOPPED_BY, e->stopped_by,
			      RT_K_COMPLETE, e->complete,
			      RT_K_DROPPED_BEFORE, (json_int_t)e->lost);
	json_t *open = json_array();
	size_t i, ended = 0;

	if (!r || !open)
		goto oom;
	for (i = 0; i < w->nopen; i++) {
		json_t *o;

		if (w->open_ended[i]) {
			ended++;
			continue;
		}
		/* status's in-flight object: the wait event's fields, its
		 * unit, and waiting_ns at the STATUS */
		rt_print_json_begin();
		rt_waiting_print(&w->open[i], e->ended_ns);
		o = rt_print_json_take(NULL);
		if (!o || json_array_append_new(open, o))
			goto oom;
	}
	if (e->has_boot) {
		json_t *b = json_pack("{s:I, s:I, s:I, s:I}",
				      RT_K_EVENTS_READ, (json_int_t)e->boot_read,
				      RT_K_MERGED, (json_int_t)e->boot_merged,
				      RT_K_LOST, (json_int_t)e->boot_lost,
				      RT_K_FIRST_NS, (json_int_t)e->boot_first_ns);

		if (!b || (e->boot_clock_mark_ns > 0 &&
			   json_object_set_new(b, RT_K_CLOCK_MARK_NS,
					       json_integer(e->boot_clock_mark_ns)))) {
			json_decref(b);
			goto oom;
		}
		if (json_object_set_new(r, RT_K_BOOT_PROBES, b))
			goto oom;
	}
	if (json_object_set_new(r, RT_K_OPEN_WAITS, open) ||
	    json_object_set_new(r, RT_K_OPEN_WAITS_TOTAL,
				json_integer((json_int_t)(w->nopen_total > ended ?
						w->nopen_total - ended : 0))))
		goto oom_r;
	return r;
oom:
	json_decref(open);
oom_r:
	json_decref(r);
	return NULL;
}

int rt_trace_writer_finish(struct rt_trace_writer *w,
			   const struct rt_status *st, json_t *host,
			   json_t *kmsg, json_t *record)
{
	json_t *t = rt_trace_build(st, host, json_array(), kmsg, record,
				   w->saw_ready ? &w->ready : NULL);
	const char *key;
	json_t *v;

	if (!t)
		w->failed = true;
	if (t && w->ready_json && !json_object_get(t, RT_K_READY) &&
	    json_object_set(t, RT_K_READY, w->ready_json))
		w->failed = true;
	if (t && w->hwrngs_json && !json_object_get(t, RT_K_HWRNGS) &&
	    json_object_set(t, RT_K_HWRNGS, w->hwrngs_json))
		w->failed = true;
	json_decref(w->ready_json);
	w->ready_json = NULL;
	json_decref(w->hwrngs_json);
	w->hwrngs_json = NULL;
	if (fputs(w->nevents ? "\n  ]" : "]", w->f) == EOF)
		w->failed = true;
	json_object_foreach(t, key, v) {
		if (!strcmp(key, RT_K_FORMAT) || !strcmp(key, RT_K_VERSION) ||
		    !strcmp(key, RT_K_RECORDED_BY) || !strcmp(key, RT_K_EVENTS))
			continue;
		if (fprintf(w->f, ",\n  \"%s\": ", key) < 0 ||
		    put_json(w->f, v, JSON_INDENT(2), "  "))
			w->failed = true;
	}
	json_decref(t);
	if (fputs("\n}\n", w->f) == EOF || fflush(w->f) == EOF ||
	    ferror(w->f))
		w->failed = true;
	return w->failed ? -1 : 0;
}
