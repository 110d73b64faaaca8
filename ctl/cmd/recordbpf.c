// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record --backend bpf: the BPF backend's events
 * (live/bpfbackend.h, Documentation/admin-guide/bpf-backend.md) until
 * what --until asks, written as a trace with no module object and
 * record.backend "bpf" (Documentation/trace-format.md). Its programs are
 * detached as soon as the CRNG is ready and no wait is in flight, as the
 * module disarms its probes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>

#include "bpfbackend.h"
#include "cli.h"
#include "fields.h"
#include "host.h"
#include "notify.h"
#include "outfile.h"
#include "print.h"
#include "statusprint.h"
#include "status.h"
#include "subcommands.h"
#include "tracewrite.h"

/* How long after READY a wait may still be in flight (the module's disarm delay). */
#define RT_BPF_ENDS_GRACE_NS	5000000000ULL

static json_t *bpf_json(const struct rt_bpf_result *r, int64_t mark_ns,
			bool ready_at_attach)
{
	const struct rt_bpf_misses *m = &r->misses;
	json_t *j = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			      RT_K_ATTACHED_NS, (json_int_t)r->attached_ns,
			      RT_K_ATTACH, r->programs,
			      RT_K_RINGBUF_FULL, (json_int_t)m->ringbuf_full,
			      RT_K_CREDIT_UNPAIRED, (json_int_t)m->credit_unpaired,
			      RT_K_CREDIT_DEEP, (json_int_t)m->credit_deep,
			      RT_K_CALLS_FULL, (json_int_t)m->calls_full,
			      RT_K_CALL_UNPAIRED, (json_int_t)m->call_unpaired,
			      RT_K_HWRNG_UNREAD, (json_int_t)m->hwrng_unread,
			      RT_K_ENDS_MISSED, (json_int_t)m->ends_missed);

	if (j && r->disarmed_ns &&
	    json_object_set_new(j, RT_K_DISARMED_NS, json_integer((json_int_t)r->disarmed_ns)))
		goto oom;
	if (j && (json_object_set_new(j, RT_K_READY_AT_ATTACH, json_boolean(ready_at_attach)) ||
		  json_object_set_new(j, RT_K_WAITS_BEFORE_ATTACH,
				      json_integer((json_int_t)r->waits_before_attach))))
		goto oom;
	/* the kernel log's clock mark (recordboot.c) */
	if (j && mark_ns > 0 &&
	    json_object_set_new(j, RT_K_CLOCK_MARK_NS, json_integer(mark_ns)))
		goto oom;
	if (j && r->ready_by[0] &&
	    json_object_set_new(j, RT_K_READY_BY, json_string(r->ready_by)))
		goto oom;
	if (j && !strcmp(r->programs, "kprobe") &&
	    json_object_set_new(j, RT_K_RETURN_INSTANCES, json_integer(r->return_instances)))
		goto oom;
	if (j && r->fallback[0] &&
	    json_object_set_new(j, RT_K_FALLBACK, json_string(r->fallback)))
		goto oom;
	if (j && m->recursion_known &&
	    json_object_set_new(j, RT_K_RECURSION_MISSES, json_integer((json_int_t)m->recursion)))
		goto oom;
	return j;
oom:
	json_decref(j);
	return NULL;
}

int rt_record_bpf(struct rt_outfile *o, const char *path, enum rt_until until,
		  long long settle_ns, long long timeout_ns, bool allow_timeout,
		  bool keep_armed)
{
	bool disarmed = false, ready_at_attach;
	int policy, ret, nice_was;
	uint64_t ready_since = 0;
	struct rt_settle settle = { 0 };
	struct rt_trace_writer w;
	struct rt_bpf_result res;
	struct rt_bpf *b;
	const char *stopped_by;
	uint64_t started_ns = rt_boottime_ns(), ended_ns, missed;
	char err[512];
	int64_t mark_ns;
	json_t *kmsg, *record;
	bool complete;

	/*
	 * A SIGINT or SIGTERM from here on stops the recording and writes
	 * the trace: one that came just after "attached" (or systemd's
	 * READY) killed it, trace and all.
	 */
	rt_follow_signals();
	/*
	 * Loading and attaching is a burst of CPU (kallsyms, BTF, the
	 * verifier, the trampolines: 0.5 s of a TCG guest) that must be over
	 * before the boot it records is, while the boot wants the CPU as
	 * much: at nice 0 beside it the image's boot took 15 s to attach,
	 * after READY. So ahead of it (nice -10, or at least the normal
	 * policy), then back to what it was for the recording.
	 */
	policy = sched_getscheduler(0);
	errno = 0;
	nice_was = getpriority(PRIO_PROCESS, 0);
	if (errno)
		nice_was = 0;
	if (policy == SCHED_IDLE) {
		struct sched_param sp = { 0 };

		if (sched_setscheduler(0, SCHED_OTHER, &sp))
			policy = -1;
	}
	setpriority(PRIO_PROCESS, 0, -10);
	ret = rt_bpf_open(&b, err, sizeof(err));
	setpriority(PRIO_PROCESS, 0, nice_was);
	if (policy == SCHED_IDLE) {
		struct sched_param sp = { 0 };

		sched_setscheduler(0, SCHED_IDLE, &sp);
	}
	if (ret) {
		fprintf(stderr, "rngtrace record: --backend bpf: %s\n", err);
		rt_outfile_abort(o);
		return RT_EXIT_ERROR;
	}
	/* attached: the boot may go on (rngtrace-record.service, Type=notify) */
	rt_notify_ready();
	/* ready already: nothing before it to see (the trace says so) */
	ready_at_attach = rt_crng_ready_now();
	fprintf(stderr, "rngtrace record: the BPF programs are attached; recording%s\n",
		ready_at_attach ? " (the CRNG is ready already)" : "");
	for (;;) {
		uint64_t now;
		bool ready;
		size_t in_flight;

		if (rt_bpf_poll(b, 100)) {
			fprintf(stderr, "rngtrace record: reading the BPF ring buffer failed (out of memory)\n");
			goto fail;
		}
		rt_bpf_watch(b);
		now = rt_boottime_ns();
		ready = rt_bpf_ready(b) || rt_crng_ready_now();
		if (ready && !ready_since)
			ready_since = now;
		in_flight = rt_bpf_in_flight(b);
		/*
		 * Every wait ends once the CRNG is ready: one still in
		 * flight long after had its end missed (a program the kernel
		 * skipped; record.bpf.ends_missed).
		 */
		if (ready && in_flight && now - ready_since >= RT_BPF_ENDS_GRACE_NS) {
			fprintf(stderr, "rngtrace record: %zu wait%s still in flight %d s after READY: %s end%s missed\n",
				in_flight, in_flight == 1 ? "" : "s",
				(int)(RT_BPF_ENDS_GRACE_NS / 1000000000), in_flight == 1 ? "its" : "their",
				in_flight == 1 ? " was" : "s were");
			rt_bpf_forget_in_flight(b);
			in_flight = 0;
		}
		/* ready and nobody waiting: nothing more to see, as the module */
		if (ready && !in_flight && !keep_armed && !disarmed) {
			rt_bpf_disarm(b);
			disarmed = true;
			fprintf(stderr, "rngtrace record: the BPF programs are detached (the CRNG is ready, no wait in flight)\n");
		}
		stopped_by = rt_record_cut(started_ns, now, timeout_ns);
		if (!stopped_by)
			stopped_by = rt_record_until(&settle, until, now, ready,
						     in_flight, (uint64_t)settle_ns);
		if (stopped_by)
			break;
	}
	rt_bpf_disarm(b);
	ended_ns = rt_boottime_ns();
	complete = !strcmp(stopped_by, rt_until_name(until));
	if (rt_bpf_result(b, &res)) {
		fprintf(stderr, "rngtrace record: out of memory\n");
		goto fail;
	}
	if (rt_record_write_events(&w, o->f, res.ev, res.nev, res.open, res.nopen))
		goto fail_write;
	kmsg = rt_record_kmsg_marked(&mark_ns);
	{
		struct rt_record_end e = {
			.started_ns = started_ns, .ended_ns = ended_ns,
			.until = rt_until_name(until), .stopped_by = stopped_by,
			.complete = complete,
		};

		record = rt_trace_record_json(&w, &e);
	}
	if (!record || json_object_set_new(record, RT_K_BACKEND, json_string("bpf")) ||
	    json_object_set_new(record, RT_K_BPF, bpf_json(&res, mark_ns, ready_at_attach)))
		goto fail_write;
	/*
	 * Ready before the programs were attached: the trace's ready says
	 * so (before_load, as the module's ready at load), at the kernel
	 * log's time when it has the line.
	 */
	if (!res.ready && ready_at_attach) {
		struct rt_ready r = { .before_load = true };
		int64_t k = kmsg ? rt_kmsg_ready_ns(kmsg) : RT_KMSG_NONE;

		if (k != RT_KMSG_NONE) {
			r.has_time = true;
			r.time_ns = k > 0 ? (uint64_t)k : 0;
		}
		rt_print_json_begin();
		rt_ready_print(&r);
		w.ready_json = rt_print_json_take(RT_K_READY);
	}
	/* the hardware RNGs it saw registered, and what they fed */
	{
		static struct rt_status hw;
		size_t i;

		hw.has_hwrngs = true;
		hw.nhwrngs = 0;
		for (i = 0; i < res.nhwrngs && i < RT_STATUS_MAX_HWRNGS; i++)
			hw.hwrngs[hw.nhwrngs++] = res.hwrngs[i];
		w.hwrngs_json = rt_trace_hwrngs_json(&hw);
		if (!w.hwrngs_json)
			goto fail_write;
	}
	if (res.fallback[0])
		fprintf(stderr, "rngtrace record: %s\n", res.fallback);
	if (res.return_note[0])
		fprintf(stderr, "rngtrace record: %s\n", res.return_note);
	missed = res.misses.ringbuf_full + res.misses.credit_unpaired +
		 res.misses.credit_deep + res.misses.calls_full +
		 res.misses.call_unpaired + res.misses.ends_missed +
		 res.misses.hwrng_unread +
		 res.misses.recursion;
	if (missed)
		fprintf(stderr, "rngtrace record: the BPF programs missed %llu event%s (record.bpf says why)\n",
			(unsigned long long)missed, missed == 1 ? "" : "s");
	if (rt_trace_writer_finish(&w, NULL, rt_host_json(""), kmsg, record))
		goto fail_write;
	if (rt_outfile_commit(o, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		rt_bpf_close(b);
		return RT_EXIT_ERROR;
	}
	fprintf(stderr, "rngtrace record: %s: %s, %zu wait%s, %zu event%s (BPF backend)%s%s%s\n",
		path, res.ready ? "ready" : ready_at_attach ?
		"ready before the programs were attached" : "not ready", w.nwaits,
		w.nwaits == 1 ? "" : "s", w.nevents, w.nevents == 1 ? "" : "s",
		complete ? "" : " (incomplete: stopped by ",
		complete ? "" : stopped_by, complete ? "" : ")");
	rt_bpf_close(b);
	return rt_record_finish_status(stopped_by, until, allow_timeout);

fail_write:
	fprintf(stderr, "rngtrace record: cannot write %s (a write error, or out of memory)\n",
		path);
fail:
	rt_bpf_close(b);
	rt_outfile_abort(o);
	return RT_EXIT_ERROR;
}
