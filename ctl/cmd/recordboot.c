// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record without the module: the boot probes' events alone
 * (Documentation/admin-guide/boot-probes.md), read from tracefs until
 * what --until asks, then written as a trace with no module object
 * (Documentation/trace-format.md, record.boot_probes).
 *
 * Whether the CRNG is ready comes from poll() on /dev/random (POLLIN once
 * it is), never from a read: a getrandom() of the recorder's own would be
 * one more unseeded read in the trace it writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootevents.h"
#include "cli.h"
#include "host.h"
#include "outfile.h"
#include "status.h"
#include "subcommands.h"
#include "tracewrite.h"

bool rt_record_module_loaded(void)
{
	return access("/sys/module/rngtrace", F_OK) == 0;
}

int rt_record_write_events(struct rt_trace_writer *w, FILE *f,
			   const struct rt_event *ev, size_t nev,
			   const struct rt_event *open, size_t nopen)
{
	size_t i;

	if (rt_trace_writer_start(w, f))
		return -1;
	for (i = 0; i < nev; i++)
		if (rt_trace_writer_event(&ev[i], w))
			return -1;
	/* the waits that had not ended are the trace's open waits */
	w->open = open;
	w->nopen = nopen < 64 ? nopen : 64;
	w->nopen_total = nopen;
	return 0;
}

json_t *rt_record_kmsg_marked(int64_t *mark_ns)
{
	int64_t offset_ns;
	char err[512];
	json_t *kmsg;

	/*
	 * The kernel log's times on the events' clock: without the module
	 * to say the printk clock's offset, a line of record's own measures
	 * it (tens of ms at boot on x86), good to half its window.
	 */
	if (rt_kmsg_offset_measure(&offset_ns, mark_ns, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: warning: %s; the kernel log's times are the printk clock's\n",
			err);
		offset_ns = 0;
		*mark_ns = -1;
	}
	kmsg = rt_kmsg_collect(offset_ns, err, sizeof(err));
	if (!kmsg)
		fprintf(stderr, "rngtrace record: warning: %s; the trace has no kernel log lines\n",
			err);
	return kmsg;
}

int rt_record_boot_only(struct rt_outfile *o, const char *path,
			enum rt_until until, long long settle_ns,
			long long timeout_ns, bool allow_timeout)
{
	struct rt_boot_events be = { 0 };
	struct rt_settle settle = { 0 };
	struct rt_trace_writer w;
	const char *stopped_by;
	uint64_t started_ns = rt_boottime_ns(), ended_ns;
	char err[512];
	int64_t mark_ns;
	json_t *kmsg, *record;
	bool complete;

	fprintf(stderr, "rngtrace record: the module is not loaded: the boot probes' events alone\n");
	rt_follow_signals();
	for (;;) {
		uint64_t now = rt_boottime_ns();
		bool ready = rt_crng_ready_now();

		if (rt_boot_events_collect(ready, &be, err, sizeof(err)) != 1)
			goto fail;
		stopped_by = rt_record_cut(started_ns, now, timeout_ns);
		if (!stopped_by)
			stopped_by = rt_record_until(&settle, until, now, ready,
						     be.nopen, (uint64_t)settle_ns);
		if (stopped_by)
			break;
		rt_boot_events_free(&be);
		poll(NULL, 0, 250);
	}
	ended_ns = rt_boottime_ns();
	complete = !strcmp(stopped_by, rt_until_name(until));

	if (rt_record_write_events(&w, o->f, be.ev, be.nev, be.open, be.nopen))
		goto fail_write;
	kmsg = rt_record_kmsg_marked(&mark_ns);
	{
		struct rt_record_end e = {
			.started_ns = started_ns, .ended_ns = ended_ns,
			.until = rt_until_name(until), .stopped_by = stopped_by,
			.complete = complete, .has_boot = true,
			.boot_read = be.lines, .boot_merged = be.nev,
			.boot_lost = be.lost, .boot_first_ns = be.first_ns,
			.boot_clock_mark_ns = mark_ns,
		};

		record = rt_trace_record_json(&w, &e);
	}
	if (rt_trace_writer_finish(&w, NULL, rt_host_json(""), kmsg, record))
		goto fail_write;
	if (rt_outfile_commit(o, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		rt_boot_events_free(&be);
		return RT_EXIT_ERROR;
	}
	fprintf(stderr, "rngtrace record: %s: %s, %zu wait%s, %zu event%s (boot probes only)%s%s%s\n",
		path, be.ready ? "ready" : "not ready", w.nwaits,
		w.nwaits == 1 ? "" : "s", w.nevents, w.nevents == 1 ? "" : "s",
		complete ? "" : " (incomplete: stopped by ",
		complete ? "" : stopped_by, complete ? "" : ")");
	rt_boot_events_free(&be);
	return rt_record_finish_status(stopped_by, until, allow_timeout);

fail_write:
	fprintf(stderr, "rngtrace record: cannot write %s (a write error, or out of memory)\n",
		path);
	rt_boot_events_free(&be);
	rt_outfile_abort(o);
	return RT_EXIT_ERROR;
fail:
	fprintf(stderr, "rngtrace record: %s\n", err);
	rt_outfile_abort(o);
	return RT_EXIT_ERROR;
}
