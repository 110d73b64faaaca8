// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record -o FILE [--until ready|settled|signal] [--settle SECONDS]
 * [--timeout SECONDS]: follow the events from the ring's start until the
 * CRNG is ready (and the waiters are gone), then write the trace
 * (Documentation/trace-format.md) atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <linux/rngtrace.h>

#include "cli.h"
#include "evjson.h"
#include "host.h"
#include "names.h"
#include "outfile.h"
#include "status.h"
#include "subcommands.h"
#include "trace.h"

#ifndef RNGTRACE_VERSION
#define RNGTRACE_VERSION "unknown"
#endif

static const char * const until_names[] = {
	[RT_UNTIL_READY] = "ready",
	[RT_UNTIL_SETTLED] = "settled",
	[RT_UNTIL_SIGNAL] = "signal",
};

int rt_until_value(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(until_names) / sizeof(until_names[0]); i++)
		if (!strcmp(name, until_names[i]))
			return (int)i;
	return -1;
}

const char *rt_until_name(enum rt_until u)
{
	return (unsigned int)u < sizeof(until_names) / sizeof(until_names[0]) ?
	       until_names[u] : "unknown";
}

bool rt_settle_step(struct rt_settle *s, uint64_t now_ns, bool ready,
		    size_t in_flight, uint64_t settle_ns)
{
	if (!ready || in_flight) {
		s->quiet = false;
		return false;
	}
	if (!s->quiet) {
		s->quiet = true;
		s->since_ns = now_ns;
	}
	return now_ns - s->since_ns >= settle_ns;
}

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

int rt_record_exit(const char *stopped_by, enum rt_until until,
		   bool allow_timeout)
{
	if (!strcmp(stopped_by, "timeout") && until != RT_UNTIL_SIGNAL &&
	    !allow_timeout)
		return RT_RECORD_EXIT_TIMEOUT;
	return 0;
}

/* The recording. */

struct rec {
	json_t *events;
	bool saw_ready;
	struct rt_event ready;
	size_t nwaits;
	bool oom;
};

static int collect(const struct rt_event *ev, void *arg)
{
	struct rec *r = arg;

	if (ev->type == RNGTRACE_EVENT_TYPE_READY && !r->saw_ready) {
		r->saw_ready = true;
		r->ready = *ev;
	}
	if (ev->type == RNGTRACE_EVENT_TYPE_WAIT)
		r->nwaits++;
	if (json_array_append_new(r->events, rt_event_to_json(ev))) {
		r->oom = true;
		return -1;
	}
	return 0;
}

static const char record_usage[] =
	"usage: rngtrace record -o FILE [--until ready|settled|signal]\n"
	"                       [--settle T] [--timeout T] [--allow-timeout]\n"
	"\n"
	"Follow the rngtrace module's events from the start of its ring until\n"
	"the CRNG is ready, then write a trace of the boot to FILE\n"
	"(Documentation/trace-format.md), atomically.\n"
	"\n"
	"  -o, --output FILE    the trace to write (replaced atomically; - for\n"
	"                       standard output)\n"
	"  -u, --until WHAT     ready: until the CRNG is ready;\n"
	"                       settled (default): ready and no wait in flight\n"
	"                       for --settle seconds; signal: until SIGINT/SIGTERM\n"
	"  -s, --settle T       for --until settled (default 2 s)\n"
	"  -t, --timeout T      stop anyway after this long; the trace then\n"
	"                       says it is not complete, and record exits 1\n"
	"                       (default: no limit)\n"
	"  --allow-timeout      exit 0 when --timeout stopped it too\n"
	"  -h, --help           show this help\n"
	"\n"
	"SIGINT or SIGTERM stops the recording and still writes the trace.\n"
	"T is a duration: 1.5s, 200ms, 500us, 1000ns, or a number of seconds (2).\n"
	"Needs CAP_NET_ADMIN. Exits 0 when the recording ended as --until asked\n"
	"(or on a signal), 1 when --timeout stopped it first (the trace is\n"
	"written all the same), 2 on error.\n";

static void fmt_time(char *buf, size_t len, long long ns)
{
	snprintf(buf, len, "%lld.%03lld s", ns / 1000000000,
		 ns % 1000000000 / 1000000);
}

static void summary(const char *path, const json_t *trace, size_t nwaits,
		    const char *stopped_by, bool complete)
{
	const json_t *ready = json_object_get(trace, "ready");
	size_t nev = json_array_size(json_object_get(trace, "events"));
	char when[64], what[160];

	if (!ready) {
		snprintf(what, sizeof(what), "not ready");
	} else {
		long long t = rt_json_int(ready, "time_ns", -1);
		const char *src = rt_json_str(ready, "source", NULL);

		if (t >= 0)
			fmt_time(when, sizeof(when), t);
		if (rt_json_bool(ready, "before_load", 0))
			snprintf(what, sizeof(what), "ready before load%s%s%s",
				 t >= 0 ? " (at " : "", t >= 0 ? when : "",
				 t >= 0 ? ")" : "");
		else
			snprintf(what, sizeof(what), "ready at %s%s%s%s",
				 t >= 0 ? when : "an unknown time",
				 src ? " (" : "", src ? src : "",
				 src ? ")" : "");
	}
	fprintf(stderr, "rngtrace record: %s: %s, %zu wait%s, %zu event%s%s%s%s\n",
		path, what, nwaits, nwaits == 1 ? "" : "s", nev,
		nev == 1 ? "" : "s", complete ? "" : " (incomplete: stopped by ",
		complete ? "" : stopped_by, complete ? "" : ")");
}

int record_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "until", required_argument, NULL, 'u' },
		{ "settle", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "allow-timeout", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct rt_status st0, st;
	const char *path = NULL, *stopped_by = NULL;
	enum rt_until until = RT_UNTIL_SETTLED;
	long long settle_ns = 2000000000LL, timeout_ns = -1;
	bool allow_timeout = false;
	struct rt_outfile o;
	struct rt_follow f = { 0 };
	struct rt_settle settle = { 0 };
	struct rec r = { 0 };
	uint64_t started_ns, ended_ns, lost;
	char bad[64], err[512];
	json_t *trace, *kmsg, *record;
	bool complete;
	int c, ret, status;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:u:s:t:Ah", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			path = optarg;
			break;
		case 'u':
			if (rt_until_value(optarg) < 0) {
				rt_usage_error("record", "--until wants ready, settled or signal, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			until = rt_until_value(optarg);
			break;
		case 'A':
			allow_timeout = true;
			break;
		case 's':
		case 't':
			if (rt_parse_duration(optarg, c == 's' ? &settle_ns :
					      &timeout_ns)) {
				rt_usage_error("record", "--%s wants a duration like 1.5s, 200ms or 2, not '%s'",
					       c == 's' ? "settle" : "timeout",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		case 'h':
			fputs(record_usage, stdout);
			return RT_EXIT_OK;
		default:
			if (optopt && strchr("oust", optopt)) {
				rt_usage_error("record", "option '%s' needs a value",
					       rt_bad_option(argv, bad, sizeof(bad)));
				return RT_EXIT_ERROR;
			}
			rt_usage_error("record", "unknown option '%s'",
				       rt_bad_option(argv, bad, sizeof(bad)));
			return RT_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		rt_usage_error("record", "unexpected argument '%s'",
			       argv[optind]);
		return RT_EXIT_ERROR;
	}
	if (!path || !path[0]) {
		rt_usage_error("record", "-o FILE is required");
		return RT_EXIT_ERROR;
	}

	/* Can it be written at all? Better to know before the recording. */
	if (rt_outfile_open(&o, path, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		return RT_EXIT_ERROR;
	}

	rt_follow_signals();
	started_ns = rt_boottime_ns();
	r.events = json_array();
	f.cb = collect;
	f.arg = &r;
	ret = r.events ? 0 : -ENOMEM;
	/* Join the group first, then STATUS and the dump from seq 0. */
	if (!ret)
		ret = rt_follow_open(&f, true, "record");
	if (!ret)
		ret = status_fetch(&st0, false, "record");
	if (!ret)
		ret = rt_follow_dump(&f, "record");
	if (ret)
		goto fail;

	lost = f.any ? f.first_seq : st0.events_written;
	if (st0.events_dropped > lost)
		lost = st0.events_dropped;
	if (lost)
		fprintf(stderr, "rngtrace record: the ring had already lost %" PRIu64 " event%s when the recording began; the trace says so\n",
			lost, lost == 1 ? "" : "s");

	for (;;) {
		uint64_t now = rt_boottime_ns();
		bool ready;

		if (rt_stop_signal) {
			stopped_by = "signal";
			break;
		}
		if (timeout_ns >= 0 && now - started_ns >= (uint64_t)timeout_ns) {
			stopped_by = "timeout";
			break;
		}
		if (until != RT_UNTIL_SIGNAL) {
			ret = status_fetch(&st, false, "record");
			if (ret)
				goto fail;
			ready = st.crng_ready || r.saw_ready;
			if (until == RT_UNTIL_READY && ready) {
				stopped_by = "ready";
				break;
			}
			if (until == RT_UNTIL_SETTLED &&
			    rt_settle_step(&settle, st.now_ns, ready,
					   st.nwaiting_total,
					   (uint64_t)settle_ns)) {
				stopped_by = "settled";
				break;
			}
		}
		ret = rt_follow_wait(&f, 100, "record");
		if (ret)
			goto fail;
	}

	/* What is still queued, and whatever the ring has past it. */
	ret = rt_follow_wait(&f, 0, "record");
	if (!ret)
		ret = rt_follow_dump(&f, "record");
	if (!ret)
		ret = status_fetch(&st, true, "record");
	if (ret)
		goto fail;
	ended_ns = rt_boottime_ns();
	if (f.missed)
		fprintf(stderr, "rngtrace record: the ring overwrote %" PRIu64 " event%s before they could be read\n",
			f.missed, f.missed == 1 ? "" : "s");
	complete = !strcmp(stopped_by, rt_until_name(until));

	kmsg = rt_kmsg_collect(st.has_printk_offset ? st.printk_offset_ns : 0,
			       err, sizeof(err));
	if (!kmsg)
		fprintf(stderr, "rngtrace record: warning: %s; the trace has no kernel log lines\n",
			err);
	record = json_pack("{s:I, s:I, s:s, s:s, s:b, s:I}",
			   "started_ns", (json_int_t)started_ns,
			   "ended_ns", (json_int_t)ended_ns,
			   "until", rt_until_name(until),
			   "stopped_by", stopped_by,
			   "complete", complete,
			   "events_dropped_before_start", (json_int_t)lost);
	trace = rt_trace_build(&st, rt_host_json(""), r.events, kmsg, record,
			       r.saw_ready ? &r.ready : NULL);
	r.events = NULL;
	if (!trace) {
		fprintf(stderr, "rngtrace record: out of memory\n");
		ret = -ENOMEM;
		goto fail;
	}
	rt_follow_close(&f);
	if (json_dumpf(trace, o.f, JSON_INDENT(2)) < 0 || fputc('\n', o.f) == EOF) {
		rt_outfile_abort(&o);
		fprintf(stderr, "rngtrace record: cannot write %s: %s\n", path,
			errno ? strerror(errno) : "write error");
		json_decref(trace);
		return RT_EXIT_ERROR;
	}
	if (rt_outfile_commit(&o, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		json_decref(trace);
		return RT_EXIT_ERROR;
	}
	summary(path, trace, r.nwaits, stopped_by, complete);
	json_decref(trace);
	status = rt_record_exit(stopped_by, until, allow_timeout);
	if (status)
		fprintf(stderr, "rngtrace record: stopped by --timeout before %s (--allow-timeout to exit 0)\n",
			until == RT_UNTIL_READY ? "the CRNG was ready" :
						  "the boot settled");
	return status;

fail:
	if (ret == -ENOMEM || r.oom)
		fprintf(stderr, "rngtrace record: out of memory\n");
	rt_follow_close(&f);
	json_decref(r.events);
	rt_outfile_abort(&o);
	return RT_EXIT_ERROR;
}
