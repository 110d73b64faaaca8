// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record without a kernel: the "settled" decision, the trace it
 * builds (checked by the trace loader readers use), the ready object's
 * three sources, the atomic write, the trace written as the events come
 * (a fake event source), and the command's errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <linux/rngtrace.h>

#include "evjson.h"
#include "fields.h"
#include "ctlrun.h"
#include "harness.h"
#include "host.h"
#include "outfile.h"
#include "status.h"
#include "statusprint.h"
#include "summary.h"
#include "trace.h"
#include "tracewrite.h"

#define S(x) ((uint64_t)(x) * 1000000000ULL)

static void t_settle(void)
{
	struct rt_settle s = { 0 };
	uint64_t two = S(2);

	/* Not ready: never settled, however long. */
	CHECK(!rt_settle_step(&s, S(1), false, 0, two));
	CHECK(!rt_settle_step(&s, S(100), false, 0, two));
	/* Ready at 101 with a waiter in flight: not yet. */
	CHECK(!rt_settle_step(&s, S(101), true, 1, two));
	CHECK(!rt_settle_step(&s, S(104), true, 1, two));
	/* Quiet from 105: settled 2 s later, not before. */
	CHECK(!rt_settle_step(&s, S(105), true, 0, two));
	CHECK(!rt_settle_step(&s, S(106), true, 0, two));
	CHECK(!rt_settle_step(&s, S(107) - 1, true, 0, two));
	/* A new waiter at 106.5 would have restarted the clock: */
	{
		struct rt_settle s2 = { 0 };

		CHECK(!rt_settle_step(&s2, S(105), true, 0, two));
		CHECK(!rt_settle_step(&s2, S(106), true, 2, two));
		CHECK(!rt_settle_step(&s2, S(107), true, 0, two));
		CHECK(!rt_settle_step(&s2, S(108), true, 0, two));
		CHECK(rt_settle_step(&s2, S(109), true, 0, two));
	}
	CHECK(rt_settle_step(&s, S(107), true, 0, two));
	/* --settle 0: settled at the first quiet look. */
	s = (struct rt_settle){ 0 };
	CHECK(rt_settle_step(&s, S(5), true, 0, 0));
}

static void t_until_names(void)
{
	CHECK_INT(rt_until_value("ready"), RT_UNTIL_READY);
	CHECK_INT(rt_until_value("settled"), RT_UNTIL_SETTLED);
	CHECK_INT(rt_until_value("signal"), RT_UNTIL_SIGNAL);
	CHECK_INT(rt_until_value("Ready"), -1);
	CHECK_INT(rt_until_value(""), -1);
	CHECK_STR(rt_until_name(RT_UNTIL_SETTLED), "settled");
}

static struct rt_status st;

static void sample_status(void)
{
	memset(&st, 0, sizeof(st));
	snprintf(st.version, sizeof(st.version), "0.1.0");
	st.crng_ready = true;
	st.load_time_ns = 2164687580;
	st.load_time_mono_ns = 2164682377;
	st.has_ready_time = st.has_ready_time_mono = st.has_ready_source = true;
	st.ready_time_ns = 3240426060;
	st.ready_time_mono_ns = 3240425870;
	st.ready_source = RNGTRACE_SOURCE_JITTER;
	st.has_printk_offset = true;
	st.printk_offset_ns = 42894200;
	st.pool_bits_at_load = 3;
	st.credited_bits = 253;
	st.ncredits = 1;
	st.credits[0].source = RNGTRACE_SOURCE_JITTER;
	st.credits[0].bits = 253;
	st.credits[0].count = 253;
	st.ring_size = 4096;
	st.events_written = 262;
	st.has_probes = st.has_hwrngs = true;
	st.nprobes = 1;
	snprintf(st.probes[0].symbol, sizeof(st.probes[0].symbol), "_credit_init_bits");
	st.probes[0].method = RNGTRACE_PROBE_METHOD_KRETPROBE;
	st.probes[0].attached = true;
	st.probes[0].has_counts = st.probe_counts = true;
	st.probes[0].hits = 253;
	st.nhwrngs = 1;
	snprintf(st.hwrngs[0].name, sizeof(st.hwrngs[0].name), "virtio_rng.0");
	st.hwrngs[0].quality = 1000;
	st.hwrngs[0].current = true;
	st.hwrngs[0].has_registered = true;
	st.hwrngs[0].registered_ns = 2500000000;
}

static json_t *sample_trace(void)
{
	json_t *events = json_pack("[{s:i, s:s, s:I, s:I, s:s, s:i, s:i, s:s}]",
				   "seq", 0, "type", "ready",
				   "time_ns", (json_int_t)3240426060,
				   "time_mono_ns", (json_int_t)3240425870,
				   "source", "jitter", "bits", 1,
				   "total_bits", 256, "caller", "entropy_timer");
	json_t *kmsg = json_pack("[{s:I, s:s}]", "time_ns", (json_int_t)3283221400,
				 "text", "random: crng init done");
	json_t *record = json_pack("{s:I, s:I, s:s, s:s, s:b, s:I}",
				   "started_ns", (json_int_t)3000000000,
				   "ended_ns", (json_int_t)4000000000,
				   "until", "settled", "stopped_by", "settled",
				   "complete", 1,
				   "events_dropped_before_start", (json_int_t)0);
	json_t *host = json_pack("{s:s}", "kernel_release", "6.1.0-56-amd64");

	sample_status();
	return rt_trace_build(&st, host, events, kmsg, record, NULL);
}

#define JINT(j, k) json_integer_value(json_object_get((j), (k)))
#define JSTR(j, k) json_string_value(json_object_get((j), (k)))

static void t_build(void)
{
	json_t *t = sample_trace(), *m, *r, *p, *h;

	REQUIRE(t);
	CHECK_STR(JSTR(t, "format"), "rngtrace-trace");
	CHECK_STR(JSTR(t, "version"), "1.5");
	CHECK(json_is_string(json_object_get(t, "recorded_by")));
	m = json_object_get(t, "module");
	CHECK_STR(JSTR(m, "version"), "0.1.0");
	CHECK_INT(JINT(m, "load_time_ns"), 2164687580);
	CHECK(json_is_false(json_object_get(m, "ready_at_load")));
	CHECK_INT(JINT(m, "pool_bits_at_load"), 3);
	CHECK_INT(JINT(m, "credited_bits"), 253);
	CHECK_INT(JINT(m, "printk_offset_ns"), 42894200);
	CHECK_INT(JINT(m, "ring_size"), 4096);
	CHECK_INT(JINT(m, "events_written"), 262);
	CHECK_INT(JINT(m, "events_dropped"), 0);
	CHECK_INT(JINT(m, "waits_lost"), 0);
	p = json_array_get(json_object_get(m, "probes"), 0);
	CHECK_STR(JSTR(p, "symbol"), "_credit_init_bits");
	CHECK_STR(JSTR(p, "method"), "kretprobe");
	CHECK(json_is_true(json_object_get(p, "attached")));
	CHECK(!json_object_get(p, "error"));	/* absent if none */
	r = json_object_get(t, "ready");
	CHECK(json_is_false(json_object_get(r, "before_load")));
	CHECK_INT(JINT(r, "time_ns"), 3240426060);
	CHECK_INT(JINT(r, "time_mono_ns"), 3240425870);
	CHECK_STR(JSTR(r, "source"), "jitter");
	CHECK(json_real_value(json_object_get(r, "seconds")) > 3.2404 &&
	      json_real_value(json_object_get(r, "seconds")) < 3.2405);
	CHECK_STR(JSTR(json_array_get(json_object_get(t, "credits"), 0), "source"),
		  "jitter");
	h = json_array_get(json_object_get(t, "hwrngs"), 0);
	CHECK_STR(JSTR(h, "name"), "virtio_rng.0");
	CHECK(json_is_true(json_object_get(h, "current")));
	CHECK(json_is_false(json_object_get(h, "before_load")));
	CHECK_INT(JINT(h, "registered_ns"), 2500000000);
	CHECK_INT(json_array_size(json_object_get(t, "events")), 1);
	CHECK_INT(json_array_size(json_object_get(t, "kmsg")), 1);
	CHECK_STR(JSTR(json_object_get(t, "record"), "stopped_by"), "settled");
	CHECK_STR(JSTR(json_object_get(t, "host"), "kernel_release"),
		  "6.1.0-56-amd64");
	json_decref(t);
}

/* What record writes, the readers' loader takes. */
static void t_build_loads(void)
{
	json_t *t = sample_trace(), *back;
	char *text, err[256] = "";

	REQUIRE(t);
	text = json_dumps(t, JSON_INDENT(2));
	REQUIRE(text);
	back = rt_trace_loadb(text, strlen(text), "t.json", err, sizeof(err));
	if (!back)
		rt_test_fail(__FILE__, __LINE__, "rt_trace_loadb: %s", err);
	CHECK(back && json_equal(back, t));
	json_decref(back);
	free(text);
	json_decref(t);
}


/* Event @i of a fake source: credits, a wait every 100, a READY at 5000. */
static void fake_event(size_t i, struct rt_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->has_seq = ev->has_type = ev->has_time = true;
	ev->seq = i;
	ev->time_ns = 2200000000ULL + i * 1000;
	if (i == 5000) {
		ev->type = RNGTRACE_EVENT_TYPE_READY;
		ev->has_source = ev->has_bits = ev->has_total_bits = true;
		ev->source = RNGTRACE_SOURCE_JITTER;
		ev->bits = 1;
		ev->total_bits = 256;
	} else if (i % 100 == 7) {
		ev->type = RNGTRACE_EVENT_TYPE_WAIT;
		ev->has_start = ev->has_pid = ev->has_tgid = ev->has_path = true;
		ev->has_bytes = ev->has_result = true;
		ev->start_ns = ev->time_ns - 500;
		ev->pid = ev->tgid = 100 + i;
		ev->path = RNGTRACE_PATH_GETRANDOM;
		ev->bytes = 16;
		ev->result = 16;
		snprintf(ev->comm, sizeof(ev->comm), "t\n%zu", i);
	} else {
		ev->type = RNGTRACE_EVENT_TYPE_CREDIT;
		ev->has_source = ev->has_bits = ev->has_total_bits = true;
		ev->source = RNGTRACE_SOURCE_INTERRUPTS;
		ev->bits = 1;
		ev->total_bits = i < 5000 ? i % 256 : 256;
		snprintf(ev->caller, sizeof(ev->caller), "add_timer_randomness");
	}
}

static long long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) ? -1 : (long long)sb.st_size;
}

/*
 * record writes each event as it comes, into the temporary file, and the
 * trace appears under its name only at the end; what it wrote is the very
 * trace rt_trace_build() makes of the same parts, and the readers load it.
 */
static void t_stream(void)
{
	enum { N = 20000 };
	char *dir = ctlrun_tmpdir(), path[512], err[256] = "";
	json_t *events = json_array(), *streamed, *built, *kmsg, *record;
	struct rt_trace_writer w;
	struct rt_outfile o;
	struct rt_summary s;
	struct rt_event ev;
	size_t i;

	REQUIRE(dir && events);
	snprintf(path, sizeof(path), "%s/trace.json", dir);
	REQUIRE(!rt_outfile_open(&o, path, err, sizeof(err)));
	REQUIRE(o.tmp);
	REQUIRE(!rt_trace_writer_start(&w, o.f));
	for (i = 0; i < N; i++) {
		fake_event(i, &ev);
		/* the callback rt_follow_*() calls */
		CHECK_INT(rt_trace_writer_event(&ev, &w), 0);
		json_array_append_new(events, rt_event_to_json(&ev));
		if (i == N / 2) {
			/* On disk already (stdio holds a few KB at most)... */
			CHECK(file_size(o.tmp) > (long long)(N / 2) * 60);
			/* ...but not under its name. */
			CHECK_INT(file_size(path), -1);
		}
	}
	CHECK_INT(w.nevents, N);
	CHECK_INT(w.nwaits, N / 100);
	CHECK(w.saw_ready && w.ready.seq == 5000);
	sample_status();
	kmsg = json_pack("[{s:I, s:s}]", "time_ns", (json_int_t)3283221400,
			 "text", "random: crng init done");
	record = json_pack("{s:s, s:b}", "stopped_by", "settled", "complete", 1);
	REQUIRE(kmsg && record);
	json_incref(kmsg);
	json_incref(record);
	CHECK_INT(rt_trace_writer_finish(&w, &st, json_pack("{s:s}", "kernel_release", "6.1.0-56-amd64"),
					 kmsg, record), 0);
	CHECK_INT(file_size(path), -1);
	REQUIRE(!rt_outfile_commit(&o, err, sizeof(err)));

	streamed = rt_trace_load(path, err, sizeof(err));
	if (!streamed)
		rt_test_fail(__FILE__, __LINE__, "rt_trace_load: %s", err);
	built = rt_trace_build(&st, json_pack("{s:s}", "kernel_release", "6.1.0-56-amd64"),
			       events, kmsg, record, &w.ready);
	CHECK(streamed && built && json_equal(streamed, built));
	json_decref(streamed);
	json_decref(built);

	REQUIRE(!rt_summary_load(path, &s, err, sizeof(err)));
	CHECK_INT(s.nwaits, N / 100);
	CHECK(s.ready && s.ready_ns == 3240426060);
	rt_summary_free(&s);
	ctlrun_rmdir(dir);
}

/* A trace that ended before any event is still a trace. */
static void t_stream_empty(void)
{
	char *text = NULL, err[256] = "";
	size_t len = 0;
	struct rt_trace_writer w;
	json_t *t;
	FILE *f = open_memstream(&text, &len);

	REQUIRE(f);
	REQUIRE(!rt_trace_writer_start(&w, f));
	sample_status();
	CHECK_INT(rt_trace_writer_finish(&w, &st, NULL, NULL, NULL), 0);
	fclose(f);
	t = rt_trace_loadb(text, len, "t.json", err, sizeof(err));
	if (!t)
		rt_test_fail(__FILE__, __LINE__, "rt_trace_loadb: %s: %s", err, text);
	CHECK(t && json_array_size(json_object_get(t, "events")) == 0);
	CHECK(t && json_object_get(t, "module"));
	json_decref(t);
	free(text);
}

/*
 * The waits STATUS listed in flight at the end are the trace's open
 * waits, but for one a wait event ended in the last dump; the readers
 * count them up to the recording's end.
 */
static void t_open_waits(void)
{
	char *text = NULL, err[256] = "";
	struct rt_record_end e = {
		.started_ns = S(1), .ended_ns = S(9), .until = "ready",
		.stopped_by = "timeout", .complete = false,
	};
	struct rt_trace_writer w;
	struct rt_summary s;
	struct rt_event ev;
	json_t *record, *o;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	REQUIRE(f);
	REQUIRE(!rt_trace_writer_start(&w, f));
	sample_status();
	st.nwaiting = 3;
	st.nwaiting_total = 4;	/* one more than listed */
	for (i = 0; i < 3; i++) {
		memset(&st.waiting[i], 0, sizeof(st.waiting[i]));
		st.waiting[i].has_pid = st.waiting[i].has_tgid = true;
		st.waiting[i].has_start = st.waiting[i].has_path = true;
		st.waiting[i].pid = st.waiting[i].tgid = 100 + i;
		st.waiting[i].start_ns = S(2 + i);
		st.waiting[i].path = RNGTRACE_PATH_GETRANDOM;
		snprintf(st.waiting[i].comm, sizeof(st.waiting[i].comm), "w%zu", i);
		snprintf(st.waiting[i].cgroup, sizeof(st.waiting[i].cgroup),
			 "/system.slice/w%zu.service", i);
	}
	rt_trace_writer_watch(&w, &st);
	/* pid 101's wait ended in the last dump */
	memset(&ev, 0, sizeof(ev));
	ev.has_seq = ev.has_type = ev.has_time = ev.has_start = ev.has_pid = true;
	ev.type = RNGTRACE_EVENT_TYPE_WAIT;
	ev.pid = 101;
	ev.start_ns = S(3);
	ev.time_ns = S(8);
	CHECK_INT(rt_trace_writer_event(&ev, &w), 0);
	record = rt_trace_record_json(&w, &e);
	REQUIRE(record);
	CHECK_STR(json_string_value(json_object_get(record, "stopped_by")), "timeout");
	CHECK(json_is_false(json_object_get(record, "complete")));
	CHECK_INT(json_array_size(json_object_get(record, "open_waits")), 2);
	CHECK_INT(json_integer_value(json_object_get(record, "open_waits_total")), 3);
	o = json_array_get(json_object_get(record, "open_waits"), 1);
	CHECK_INT(json_integer_value(json_object_get(o, "pid")), 102);
	CHECK_INT(json_integer_value(json_object_get(o, "start_ns")), (long long)S(4));
	CHECK_STR(json_string_value(json_object_get(o, "comm")), "w2");
	CHECK_STR(json_string_value(json_object_get(o, "unit")), "w2.service");
	CHECK_INT(json_integer_value(json_object_get(o, "waiting_ns")), (long long)S(5));
	CHECK_INT(rt_trace_writer_finish(&w, &st, NULL, NULL, record), 0);
	fclose(f);

	REQUIRE(!rt_summary_loadb(text, len, "t.json", &s, err, sizeof(err)));
	CHECK_INT(s.nopen_waits, 2);
	CHECK_INT(s.open_waits_unlisted, 1);
	CHECK_INT(s.nwaits, 3);		/* the one that ended, and two open */
	CHECK_INT(s.nblocked, 3);
	CHECK_INT(s.worst_wait_ns, (long long)S(7));	/* pid 100: 2 s .. 9 s */
	CHECK(s.incomplete & RT_INCOMPLETE_TIMEOUT);
	rt_summary_free(&s);
	free(text);
}

/* Every key of @v, and of every object below it, is in @f's tables. */
static void schema_walk(const json_t *v, const struct rt_field *f,
			const char *where)
{
	const char *key;
	json_t *m;

	json_object_foreach((json_t *)v, key, m) {
		const struct rt_field *k;
		char sub[160];
		size_t i;
		json_t *e;

		for (k = f; k->key && strcmp(k->key, key); k++)
			;
		if (!k->key) {
			rt_test_fail(__FILE__, __LINE__,
				     "%s%s%s is in no table of fields.c",
				     where, *where ? "." : "", key);
			continue;
		}
		snprintf(sub, sizeof(sub), "%s%s%s", where, *where ? "." : "", key);
		if (json_is_object(m) && (k->sub || k->type != RT_FT_OBJECT))
			schema_walk(m, k->sub ? k->sub : f, sub);
		else if (json_is_object(m))
			rt_test_fail(__FILE__, __LINE__, "%s: an object without a table", sub);
		json_array_foreach(m, i, e) {
			if (!json_is_object(e))
				continue;
			if (!k->sub)
				rt_test_fail(__FILE__, __LINE__,
					     "%s[]: objects without a table", sub);
			else
				schema_walk(e, k->sub, sub);
		}
	}
}

/*
 * One schema (fields.c) for the writer and the readers: what record
 * writes, every object and key of it, is named there, and loads back.
 */
static void t_schema(void)
{
	static const uint32_t types[] = {
		RNGTRACE_EVENT_TYPE_CREDIT, RNGTRACE_EVENT_TYPE_READY,
		RNGTRACE_EVENT_TYPE_WAIT, RNGTRACE_EVENT_TYPE_UNSEEDED,
		RNGTRACE_EVENT_TYPE_HWRNG_REGISTER,
	};
	struct rt_record_end e = {
		.started_ns = S(1), .ended_ns = S(9), .until = "settled",
		.stopped_by = "settled", .complete = true,
		.has_boot = true, .boot_read = 3, .boot_merged = 2,
		.boot_first_ns = S(1), .boot_clock_mark_ns = 120000,
	};
	char *text = NULL, err[256] = "";
	struct rt_trace_writer w;
	struct rt_summary sum;
	struct rt_event ev;
	json_error_t jerr;
	json_t *t, *kmsg;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	REQUIRE(f);
	REQUIRE(!rt_trace_writer_start(&w, f));
	sample_status();
	st.probes[0].has_error = true;
	st.probes[0].error = -2;
	st.probes[0].refused = true;
	st.nwaiting = st.nwaiting_total = 1;
	memset(&st.waiting[0], 0, sizeof(st.waiting[0]));
	st.waiting[0].has_pid = st.waiting[0].has_tgid = true;
	st.waiting[0].has_start = st.waiting[0].has_path = true;
	st.waiting[0].has_time_mono = st.waiting[0].has_flags = true;
	st.waiting[0].has_bytes = true;
	st.waiting[0].pid = st.waiting[0].tgid = 100;
	st.waiting[0].start_ns = S(2);
	snprintf(st.waiting[0].comm, sizeof(st.waiting[0].comm), "sshd");
	snprintf(st.waiting[0].cgroup, sizeof(st.waiting[0].cgroup),
		 "/system.slice/ssh.service");
	rt_trace_writer_watch(&w, &st);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.has_seq = ev.has_type = ev.has_time = ev.has_time_mono = true;
		ev.has_start = ev.has_pid = ev.has_tgid = ev.has_path = true;
		ev.has_flags = ev.has_bytes = ev.has_result = ev.has_source = true;
		ev.has_bits = ev.has_total_bits = ev.has_quality = true;
		ev.has_evidence = true;
		/* (a boot probe's READY has its call's return) */
		ev.has_return = ev.boot_probe = types[i] == RNGTRACE_EVENT_TYPE_READY;
		ev.return_ns = S(4);
		ev.seq = i;
		ev.type = types[i];
		ev.time_ns = S(3 + i);
		ev.start_ns = S(2);
		ev.pid = ev.tgid = 200;
		snprintf(ev.comm, sizeof(ev.comm), "c");
		snprintf(ev.cgroup, sizeof(ev.cgroup), "/");
		snprintf(ev.caller, sizeof(ev.caller), "entropy_timer");
		snprintf(ev.name, sizeof(ev.name), "virtio_rng.0");
		CHECK_INT(rt_trace_writer_event(&ev, &w), 0);
	}
	kmsg = json_pack("[{s:I, s:s}]", "time_ns", (json_int_t)S(4),
			 "text", "random: crng init done");
	CHECK_INT(rt_trace_writer_finish(&w, &st, rt_host_json(""), kmsg,
					 rt_trace_record_json(&w, &e)), 0);
	fclose(f);

	t = json_loadb(text, len, 0, &jerr);
	REQUIRE(t);
	/* every object the format has is there, to be walked */
	CHECK(json_array_size(json_object_get(json_object_get(t, "module"), "probes")) == 1);
	CHECK(json_array_size(json_object_get(t, "hwrngs")) == 1);
	CHECK(json_array_size(json_object_get(t, "kmsg")) == 1);
	CHECK(json_is_object(json_object_get(t, "ready")));
	CHECK(json_array_size(json_object_get(json_object_get(t, "record"), "open_waits")) == 1);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(json_object_get(t,
		  "record"), "boot_probes"), "clock_mark_ns")), 120000);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(t,
		  "events"), 1), "return_ns")), (long long)S(4));
	schema_walk(t, rt_top_fields, "");
	json_decref(t);
	CHECK(!rt_summary_loadb(text, len, "t.json", &sum, err, sizeof(err)));
	if (err[0])
		rt_test_fail(__FILE__, __LINE__, "%s", err);
	else
		rt_summary_free(&sum);
	free(text);
}

/*
 * The trace's module and ready objects and status --json's are built by
 * the same calls: the same keys, the same values.
 */
static void t_built_once(void)
{
	json_t *t, *status, *m, *v;
	const char *key;
	int evidence;

	for (evidence = 0; evidence < 2; evidence++) {
		sample_status();
		st.has_ready_evidence = evidence;
		st.ready_evidence = RNGTRACE_READY_EVIDENCE_RESEED;
		st.probes[0].has_error = true;
		st.probes[0].error = -2;
		t = rt_trace_build(&st, NULL, json_array(), NULL, NULL, NULL);
		status = status_to_json(&st);
		REQUIRE(t && status);
		CHECK(json_equal(json_object_get(t, "ready"),
				 json_object_get(status, "ready")));
		m = json_object_get(t, "module");
		REQUIRE(m);
		json_object_foreach(m, key, v)
			if (!json_equal(v, json_object_get(status, key)))
				rt_test_fail(__FILE__, __LINE__,
					     "module.%s differs from status --json's", key);
		CHECK(json_object_get(m, "probes"));
		CHECK(json_object_get(json_object_get(t, "ready"), "seconds"));
		json_decref(t);
		json_decref(status);
	}
}

static void t_ready_before_load(void)
{
	json_t *r;

	sample_status();
	st.ready_at_load = true;
	st.has_ready_time = st.has_ready_time_mono = st.has_ready_source = false;
	r = rt_trace_ready_json(&st, 1234000000, NULL);
	REQUIRE(r);
	CHECK(json_is_true(json_object_get(r, "before_load")));
	CHECK_INT(JINT(r, "time_ns"), 1234000000);
	CHECK(!json_object_get(r, "source"));
	json_decref(r);
	/*
	 * Seeded before timekeeping began (arm64's device-tree seed: the line
	 * at printk time 0, 53 ms before CLOCK_BOOTTIME's zero): at 0.
	 */
	r = rt_trace_ready_json(&st, -53311104, NULL);
	REQUIRE(r);
	CHECK_INT(JINT(r, "time_ns"), 0);
	json_decref(r);
	/* Without the kernel's line: before load, time unknown. */
	r = rt_trace_ready_json(&st, RT_KMSG_NONE, NULL);
	REQUIRE(r);
	CHECK(json_is_true(json_object_get(r, "before_load")));
	CHECK(!json_object_get(r, "time_ns"));
	CHECK(!json_object_get(r, "seconds"));
	json_decref(r);
}

static void t_ready_from_event_or_none(void)
{
	struct rt_event ev = { 0 };
	json_t *r;

	sample_status();
	st.crng_ready = false;
	st.has_ready_time = st.has_ready_time_mono = st.has_ready_source = false;
	CHECK(!rt_trace_ready_json(&st, RT_KMSG_NONE, NULL));	/* not ready: absent */
	ev.type = RNGTRACE_EVENT_TYPE_READY;
	ev.time_ns = 777;
	ev.has_time = ev.has_source = true;
	ev.source = RNGTRACE_SOURCE_HWRNG;
	r = rt_trace_ready_json(&st, RT_KMSG_NONE, &ev);
	REQUIRE(r);
	CHECK(json_is_false(json_object_get(r, "before_load")));
	CHECK_INT(JINT(r, "time_ns"), 777);
	CHECK_STR(JSTR(r, "source"), "hwrng");
	json_decref(r);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* --timeout is an honest outcome: exit 1, unless --allow-timeout. */
static void t_exit_status(void)
{
	CHECK_INT(rt_record_exit("settled", RT_UNTIL_SETTLED, false), 0);
	CHECK_INT(rt_record_exit("ready", RT_UNTIL_READY, false), 0);
	CHECK_INT(rt_record_exit("signal", RT_UNTIL_SETTLED, false), 0);
	CHECK_INT(rt_record_exit("timeout", RT_UNTIL_SETTLED, false),
		  RT_RECORD_EXIT_TIMEOUT);
	CHECK_INT(rt_record_exit("timeout", RT_UNTIL_READY, false),
		  RT_RECORD_EXIT_TIMEOUT);
	CHECK_INT(rt_record_exit("timeout", RT_UNTIL_SETTLED, true), 0);
	/* --until signal with a timeout: the timeout is the planned end */
	CHECK_INT(rt_record_exit("timeout", RT_UNTIL_SIGNAL, false), 0);
}

/* The command itself (ctlrun.h): usage errors, and no module reachable. */
static void run(struct ctlrun *r, const char *const argv[])
{
	const char *a[8] = { rt_test_ctl };
	size_t i;

	for (i = 1; i < 7 && argv[i]; i++)
		a[i] = argv[i];
	ctlrun_argv(r, NULL, a);
}

static void t_cli_errors(void)
{
	static const char *const cases[][6] = {
		{ "rngtrace", "record", NULL },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--until", "never" },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--settle", "-1" },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--timeout", "soon" },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--bogus", NULL },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "extra", NULL },
		{ "rngtrace", "record", "-o", NULL },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--backend", "ebpf" },
		{ "rngtrace", "record", "-o", "/tmp/x.json", "--keep-armed", NULL },
		{ "rngtrace", "events", "--since", "x1", NULL },
		{ "rngtrace", "events", "--frobnicate", NULL },
	};
	static const char *const want[] = {
		"-o FILE is required", "--until wants ready, settled or signal",
		"--settle wants a duration like 1.5s", "--timeout wants a duration",
		"unknown option '--bogus'", "unexpected argument 'extra'",
		"option '-o' needs a value", "--backend wants module or bpf, not 'ebpf'",
		"--keep-armed is for --backend bpf", "--since wants a sequence number",
		"unknown option '--frobnicate'",
	};
	struct ctlrun r;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *argv[7] = { 0 };

		memcpy(argv, cases[i], sizeof(cases[i]));
		run(&r, argv);
		CHECK_INT(r.status, 2);
		CHECK_CONTAINS(r.err, want[i]);
		CHECK_CONTAINS(r.err, "see 'rngtrace ");
		CHECK_STR(r.out, "");
		CHECK(one_line(r.err));
		ctlrun_done(&r);
	}
}

static void t_cli_help(void)
{
	static const char *const rec[] = { "rngtrace", "record", "--help", NULL };
	static const char *const ev[] = { "rngtrace", "events", "--help", NULL };
	struct ctlrun r;

	run(&r, rec);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace record -o FILE");
	ctlrun_done(&r);
	run(&r, ev);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace events [--follow] [--since SEQ] [--json]");
	ctlrun_done(&r);
}

/* This host has no rngtrace module: exit 2, and no file, no leftover. */
static void t_cli_no_module(void)
{
	char dir[] = "/tmp/rt-record-XXXXXX", path[256], cmd[300];
	const char *argv[] = { "rngtrace", "record", "-o", path, NULL };
	static const char *const ev[] = { "rngtrace", "events", NULL };
	struct ctlrun r;

	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.json", dir);
	run(&r, argv);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "module is not loaded");
	CHECK_INT(count_entries(dir), 0);
	ctlrun_done(&r);
	run(&r, ev);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "module is not loaded");
	ctlrun_done(&r);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

static void t_cli_unwritable(void)
{
	static const char *const argv[] = {
		"rngtrace", "record", "-o", "/nonexistent-rngtrace/t.json", NULL
	};
	struct ctlrun r;

	run(&r, argv);
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "rngtrace record: cannot create /nonexistent-rngtrace/t.json: No such file or directory\n");
	ctlrun_done(&r);
}

static const struct rt_test record_tests[] = {
	{ "record: the settled decision", t_settle },
	{ "record: --until names", t_until_names },
	{ "record: the trace's fields from STATUS, PROBES, HWRNG", t_build },
	{ "record: the trace loads with the readers' loader", t_build_loads },
	{ "record: events go to the file as they come, the trace is the same", t_stream },
	{ "record: a trace without events", t_stream_empty },
	{ "record: waits in flight at the end are the trace's open waits", t_open_waits },
	{ "record: every key it writes is in the one schema (fields.c)", t_schema },
	{ "record: the trace's module and ready are status --json's", t_built_once },
	{ "record: ready before load, from the kernel log or without a time", t_ready_before_load },
	{ "record: ready from a READY event, or absent", t_ready_from_event_or_none },
	{ "record: --timeout exits 1 unless --allow-timeout", t_exit_status },
	{ "record, events: usage errors are one line, exit 2", t_cli_errors },
	{ "record, events: --help", t_cli_help },
	{ "record, events: no module: exit 2, no file left", t_cli_no_module },
	{ "record: an unwritable output: exit 2 before recording", t_cli_unwritable },
	{ NULL, NULL }
};

RT_SUITE(record_tests)
