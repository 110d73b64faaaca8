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
	json_t *module = rt_trace_module_json(st);
	json_t *credits = rt_trace_credits_json(st);
	json_t *hwrngs = st->has_hwrngs ? rt_trace_hwrngs_json(st) : NULL;
	json_t *ready = rt_trace_ready_json(st, kmsg ? rt_kmsg_ready_ns(kmsg) : -1,
					    ready_event);
	bool bad = !t || !module || !credits || (st->has_hwrngs && !hwrngs);

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
	if (ev->type == RNGTRACE_EVENT_TYPE_WAIT)
		w->nwaits++;
	o = rt_event_to_json(ev);
	/* One event a line: the file grows as they come, greppable. */
	if (!o || fputs(w->nevents ? ",\n    " : "\n    ", w->f) == EOF ||
	    put_json(w->f, o, JSON_COMPACT, "    "))
		w->failed = true;
	json_decref(o);
	w->nevents++;
	return w->failed ? -1 : 0;
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
