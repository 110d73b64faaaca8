/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a trace (Documentation/trace-format.md), streamed.
 *
 * A trace is one JSON object whose events[] may hold millions of events.
 * The loader parses it with yajl's callback parser, a chunk at a time,
 * and never holds the document: each event is checked and handed to a
 * callback as it ends, then forgotten. Everything else in the trace
 * (host, module, ready, credits, hwrngs, kmsg, record: small) is kept as
 * a jansson object, "the meta", checked like the events. Memory is the
 * meta plus one event, whatever the number of events.
 *
 * The checks are the format and version, and the type of every field in
 * trace/fields.c; the first failure is one line for the user in err: a
 * missing file, an empty or truncated one, not JSON, not a trace, a newer
 * major version, a field of the wrong type, a duplicate key, nesting
 * deeper than RT_TRACE_MAX_DEPTH, a string with a NUL.
 */
#ifndef RT_TRACE_H
#define RT_TRACE_H

#include <stddef.h>
#include <jansson.h>

#include "fields.h"

#define RT_TRACE_FORMAT		"rngtrace-trace"
#define RT_TRACE_MAJOR		1
#define RT_TRACE_MINOR		5
/* "MAJOR.MINOR", from the two above: one place to change */
#define RT_TRACE_STR_(x)	#x
#define RT_TRACE_STR(x)		RT_TRACE_STR_(x)
#define RT_TRACE_VERSION	RT_TRACE_STR(RT_TRACE_MAJOR) "." RT_TRACE_STR(RT_TRACE_MINOR)

#define RT_TRACE_MAX_DEPTH	64

/* One event, valid during the callback only. */
struct rt_trace_event {
	size_t index;				/* in events[] */
	unsigned int has;			/* 1 << enum rt_ev_key */
	long long num[RT_EV_NKEYS];		/* integer fields */
	const char *str[RT_EV_NKEYS];		/* string fields */
};

static inline int rt_ev_has(const struct rt_trace_event *ev, enum rt_ev_key k)
{
	return !!(ev->has & (1u << k));
}

/* @ev's integer @k, or @def when absent. */
static inline long long rt_ev_int(const struct rt_trace_event *ev,
				  enum rt_ev_key k, long long def)
{
	return rt_ev_has(ev, k) ? ev->num[k] : def;
}

/* @ev's string @k, or @def when absent. */
static inline const char *rt_ev_str(const struct rt_trace_event *ev,
				    enum rt_ev_key k, const char *def)
{
	return rt_ev_has(ev, k) ? ev->str[k] : def;
}

/* 0 to go on; -1 to stop the load (with a message in @err). */
typedef int (*rt_trace_event_fn)(const struct rt_trace_event *ev, void *arg,
				 char *err, size_t errlen);

/*
 * Stream the trace at @path ("-" for standard input), or @len bytes at
 * @buf (named @name in messages), calling @fn for each event in order.
 * Returns the meta (a new reference: the trace without events[]), or NULL
 * with one line in err.
 */
json_t *rt_trace_read(const char *path, rt_trace_event_fn fn, void *arg,
		      char *err, size_t errlen);
json_t *rt_trace_readb(const char *buf, size_t len, const char *name,
		       rt_trace_event_fn fn, void *arg, char *err,
		       size_t errlen);

/*
 * The same checks, the whole trace as one jansson object with events[]
 * (the known fields of each event): for tests and for code that builds or
 * rewrites small traces, not for reading large ones.
 */
json_t *rt_trace_load(const char *path, char *err, size_t errlen);
json_t *rt_trace_loadb(const char *buf, size_t len, const char *name,
		       char *err, size_t errlen);

/* An event of a jansson trace (events[i]) as the callbacks see it. */
void rt_trace_event_from_json(const json_t *e, size_t index,
			      struct rt_trace_event *ev);

/* Typed getters with defaults, for readers of a checked trace. */
long long rt_json_int(const json_t *obj, const char *key, long long def);
const char *rt_json_str(const json_t *obj, const char *key, const char *def);
int rt_json_bool(const json_t *obj, const char *key, int def);

#endif
