// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record -o FILE [--until ready|settled|signal] [--settle SECONDS]
 * [--timeout SECONDS]: follow the events from the ring's start until the
 * CRNG is ready (and the waiters are gone), then write the trace
 * (Documentation/trace-format.md) atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <linux/rngtrace.h>

#include "bootevents.h"
#include "cli.h"
#include "evjson.h"
#include "host.h"
#include "names.h"
#include "outfile.h"
#include "status.h"
#include "subcommands.h"
#include "trace.h"
#include "tracewrite.h"

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

const char *rt_record_cut(uint64_t started_ns, uint64_t now_ns,
			  long long timeout_ns)
{
	if (rt_stop_signal)
		return "signal";
	if (timeout_ns >= 0 && now_ns - started_ns >= (uint64_t)timeout_ns)
		return "timeout";
	return NULL;
}

const char *rt_record_until(struct rt_settle *s, enum rt_until until,
			    uint64_t now_ns, bool ready, size_t in_flight,
			    uint64_t settle_ns)
{
	if (until == RT_UNTIL_READY && ready)
		return "ready";
	if (until == RT_UNTIL_SETTLED &&
	    rt_settle_step(s, now_ns, ready, in_flight, settle_ns))
		return "settled";
	return NULL;
}

/*
 * Between two dumps: a quarter of a second, unless the last one brought a
 * sixteenth of the ring or more (a flood): then soon, before the ring
 * wraps. A signal cuts it short.
 */
static void rt_record_nap(uint64_t got, uint32_t ring_size)
{
	poll(NULL, 0, got >= ring_size / 16 + 1 ? 10 : 250);
}

int rt_record_exit(const char *stopped_by, enum rt_until until,
		   bool allow_timeout)
{
	if (!strcmp(stopped_by, "timeout") && until != RT_UNTIL_SIGNAL &&
	    !allow_timeout)
		return RT_RECORD_EXIT_TIMEOUT;
	return 0;
}

int rt_record_finish_status(const char *stopped_by, enum rt_until until,
			    bool allow_timeout)
{
	int status = rt_record_exit(stopped_by, until, allow_timeout);

	if (status)
		fprintf(stderr, "rngtrace record: stopped by --timeout before %s (--allow-timeout to exit 0)\n",
			until == RT_UNTIL_READY ? "the CRNG was ready" :
						  "the boot settled");
	return status;
}

static const char record_usage[] =
	"usage: rngtrace record -o FILE [--until ready|settled|signal]\n"
	"                       [--settle T] [--timeout T] [--allow-timeout]\n"
	"                       [--backend module|bpf [--keep-armed]]\n"
	"\n"
	"Follow the rngtrace module's events from the start of its ring until\n"
	"the CRNG is ready, then write a trace of the boot to FILE\n"
	"(Documentation/trace-format.md), atomically. The ring is read in\n"
	"batches, every 250 ms (more often while a batch is large). The boot\n"
	"probes' events (rngtrace bootargs) from before the module loaded join\n"
	"the trace; with no module loaded, they alone make it.\n"
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
	"  -b, --backend WHAT   module (default): rngtrace.ko's events; bpf: BPF\n"
	"                       programs on the same functions instead, for a\n"
	"                       kernel that cannot load the module (lockdown,\n"
	"                       Secure Boot); they see the boot from when record\n"
	"                       starts (Documentation/admin-guide/bpf-backend.md)\n"
	"  --keep-armed         with --backend bpf: keep the programs attached once\n"
	"                       the CRNG is ready (make bench measures their cost)\n"
	"  -h, --help           show this help\n"
	"\n"
	"SIGINT or SIGTERM stops the recording and still writes the trace.\n"
	"T is a duration: 1.5s, 200ms, 500us, 1000ns, or a number of seconds (2).\n"
	"Needs CAP_NET_ADMIN (without the module: root, for tracefs). Exits 0\n"
	"when the recording ended as --until asked (or on a signal), 1 when\n"
	"--timeout stopped it first (the trace is written all the same), 2 on\n"
	"error.\n";

static void fmt_time(char *buf, size_t len, long long ns)
{
	snprintf(buf, len, "%lld.%03lld s", ns / 1000000000,
		 ns % 1000000000 / 1000000);
}

/* One line on stderr: what was written (the trace's ready, as written). */
static void summary(const char *path, const struct rt_status *st,
		    const struct rt_trace_writer *w, const json_t *kmsg,
		    const char *stopped_by, bool complete)
{
	json_t *ready = rt_trace_ready_json(st, kmsg ? rt_kmsg_ready_ns(kmsg) : RT_KMSG_NONE,
					    w->saw_ready ? &w->ready : NULL);
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
	json_decref(ready);
	fprintf(stderr, "rngtrace record: %s: %s, %zu wait%s, %zu event%s%s%s%s\n",
		path, what, w->nwaits, w->nwaits == 1 ? "" : "s", w->nevents,
		w->nevents == 1 ? "" : "s", complete ? "" : " (incomplete: stopped by ",
		complete ? "" : stopped_by, complete ? "" : ")");
}

int record_main(int argc, char *argv[])
{
	enum { OPT_ALLOW_TIMEOUT = 256, OPT_KEEP_ARMED };
	bool bpf = false, keep_armed = false;
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "until", required_argument, NULL, 'u' },
		{ "settle", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ "allow-timeout", no_argument, NULL, OPT_ALLOW_TIMEOUT },
		{ "backend", required_argument, NULL, 'b' },
		{ "keep-armed", no_argument, NULL, OPT_KEEP_ARMED },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts opt = {
		.cmd = "record", .usage = record_usage,
		.shortopts = "o:u:s:t:b:h", .longopts = opts,
	};
	static struct rt_status st0, st;
	const char *path = NULL, *stopped_by = NULL;
	enum rt_until until = RT_UNTIL_SETTLED;
	long long settle_ns = 2000000000LL, timeout_ns = -1;
	bool allow_timeout = false;
	struct rt_outfile o;
	struct rt_follow f = { 0 };
	struct rt_settle settle = { 0 };
	struct rt_trace_writer w;
	struct rt_boot_events be = { 0 };
	uint64_t started_ns, ended_ns, lost, merged = 0;
	size_t i;
	int boot;
	char err[512];
	json_t *kmsg, *record;
	bool complete;
	int c, ret;

	while ((c = rt_opt_next(&opt, argc, argv)) != -1) {
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
		case OPT_ALLOW_TIMEOUT:
			allow_timeout = true;
			break;
		case 'b':
			if (strcmp(optarg, "module") && strcmp(optarg, "bpf")) {
				rt_usage_error("record", "--backend wants module or bpf, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			bpf = !strcmp(optarg, "bpf");
			break;
		case OPT_KEEP_ARMED:
			keep_armed = true;
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
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&opt, argc, argv))
		return RT_EXIT_ERROR;
	if (!path || !path[0]) {
		rt_usage_error("record", "-o FILE is required");
		return RT_EXIT_ERROR;
	}
	if (keep_armed && !bpf) {
		rt_usage_error("record", "--keep-armed is for --backend bpf (the module's: rngtrace config --keep-armed)");
		return RT_EXIT_ERROR;
	}

	/* Can it be written at all? Better to know before the recording. */
	if (rt_outfile_open(&o, path, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		return RT_EXIT_ERROR;
	}

	if (bpf)
		return rt_record_bpf(&o, path, until, settle_ns, timeout_ns,
				     allow_timeout, keep_armed);
	/*
	 * No module, but the boot probes were on the kernel command line:
	 * their events alone make the trace.
	 */
	if (!rt_record_module_loaded()) {
		boot = rt_boot_events_collect(false, &be, err, sizeof(err));
		rt_boot_events_free(&be);
		if (boot > 0)
			return rt_record_boot_only(&o, path, until, settle_ns,
						   timeout_ns, allow_timeout);
	}

	rt_follow_signals();
	started_ns = rt_boottime_ns();
	/*
	 * Each event goes to the temporary file as it is read (bounded memory
	 * whatever their number); the trace appears under @path only when
	 * complete (rt_outfile_commit()).
	 *
	 * The recorder reads the ring by dumps, a batch a poll, and does not
	 * join the events group: a boot's ~2,000 unseeded reads would
	 * otherwise wake it (and cost the kernel a notification) as they
	 * come, while the boot it records needs the CPU.
	 *
	 * The module first: without it nothing is written, not even to
	 * standard output. One socket asks for the STATUS and the events.
	 */
	memset(&w, 0, sizeof(w));
	f.cb = rt_trace_writer_event;
	f.arg = &w;
	ret = rt_follow_open(&f, false, "record");
	if (!ret)
		ret = status_fetch(f.nl, &st0, false, "record");
	if (!ret)
		ret = rt_trace_writer_start(&w, o.f) ? -EIO : 0;
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
		uint64_t now = rt_boottime_ns(), before = f.delivered;
		bool ready;

		stopped_by = rt_record_cut(started_ns, now, timeout_ns);
		if (stopped_by)
			break;
		if (until != RT_UNTIL_SIGNAL) {
			ret = status_fetch(f.nl, &st, false, "record");
			if (!ret)
				ret = rt_follow_dump(&f, "record");
			if (ret)
				goto fail;
			ready = st.crng_ready || w.saw_ready;
			stopped_by = rt_record_until(&settle, until, st.now_ns,
						     ready, st.in_flight,
						     (uint64_t)settle_ns);
			if (stopped_by)
				break;
		}
		if (until == RT_UNTIL_SIGNAL) {
			ret = rt_follow_dump(&f, "record");
			if (ret)
				goto fail;
		}
		rt_record_nap(f.delivered - before, st0.ring_size);
	}

	/*
	 * The last STATUS and WAITING_GET, then whatever the ring has past
	 * the last dump: a wait WAITING_GET saw in flight that ended
	 * meanwhile is in the dump, and the others are the trace's open
	 * waits.
	 */
	ret = status_fetch(f.nl, &st, true, "record");
	if (!ret) {
		rt_trace_writer_watch(&w, &st);
		ret = rt_follow_dump(&f, "record");
	}
	if (ret)
		goto fail;
	ended_ns = rt_boottime_ns();
	if (f.missed)
		fprintf(stderr, "rngtrace record: the ring overwrote %" PRIu64 " event%s before they could be read\n",
			f.missed, f.missed == 1 ? "" : "s");
	complete = !strcmp(stopped_by, rt_until_name(until));

	/*
	 * What the boot probes saw before the module loaded (those on the
	 * kernel command line: rngtrace bootargs), after the module's own
	 * events: the module's view wins from its load on.
	 */
	boot = rt_boot_events_collect(st.crng_ready, &be, err, sizeof(err));
	if (boot < 0)
		fprintf(stderr, "rngtrace record: warning: %s; the trace has none of them\n",
			err);
	for (i = 0; boot > 0 && i < be.nev; i++) {
		/* (a wait by its start: the module saw none that began before it) */
		if ((be.ev[i].has_start ? be.ev[i].start_ns : be.ev[i].time_ns) >=
		    st.load_time_ns)
			continue;
		if (rt_trace_writer_event(&be.ev[i], &w))
			break;
		merged++;
	}
	if (w.failed) {
		rt_boot_events_free(&be);
		goto fail;
	}

	kmsg = rt_kmsg_collect(st.has_printk_offset ? st.printk_offset_ns : 0,
			       err, sizeof(err));
	if (!kmsg)
		fprintf(stderr, "rngtrace record: warning: %s; the trace has no kernel log lines\n",
			err);
	{
		struct rt_record_end e = {
			.started_ns = started_ns, .ended_ns = ended_ns,
			.lost = lost, .until = rt_until_name(until),
			.stopped_by = stopped_by, .complete = complete,
			.has_boot = boot > 0, .boot_read = be.lines,
			.boot_merged = merged, .boot_lost = be.lost,
			.boot_first_ns = be.first_ns,
		};

		record = rt_trace_record_json(&w, &e);
	}
	if (boot > 0)
		rt_boot_events_free(&be);
	rt_follow_close(&f);
	json_incref(kmsg);	/* for the summary line */
	if (rt_trace_writer_finish(&w, &st, rt_host_json(""), kmsg, record)) {
		fprintf(stderr, "rngtrace record: cannot write %s (a write error, or out of memory)\n",
			path);
		json_decref(kmsg);
		rt_outfile_abort(&o);
		return RT_EXIT_ERROR;
	}
	if (rt_outfile_commit(&o, err, sizeof(err))) {
		fprintf(stderr, "rngtrace record: %s\n", err);
		json_decref(kmsg);
		return RT_EXIT_ERROR;
	}
	summary(path, &st, &w, kmsg, stopped_by, complete);
	json_decref(kmsg);
	return rt_record_finish_status(stopped_by, until, allow_timeout);

fail:
	/* A failed event callback was said by rt_follow_*(). */
	if (w.failed && !f.cb_failed)
		fprintf(stderr, "rngtrace record: cannot write %s\n", path);
	rt_follow_close(&f);
	rt_outfile_abort(&o);
	return RT_EXIT_ERROR;
}
