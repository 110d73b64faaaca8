/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's event nests (RNGTRACE_A_EVENTS_EVENT of EVENTS_GET and WAITING_GET)
 * read into a struct, and turned into the trace format's objects
 * (Documentation/trace-format.md): events[], module, credits[], hwrngs[]
 * and ready.
 */
#ifndef RT_EVJSON_H
#define RT_EVJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <libmnl/libmnl.h>

#include "attr.h"

struct rt_status;

/* One event; has_* say which attributes the nest carried. */
struct rt_event {
	bool has_seq, has_type, has_time, has_time_mono, has_start;
	bool has_pid, has_tgid, has_path, has_flags, has_bytes, has_result;
	bool has_source, has_bits, has_total_bits, has_quality, has_evidence;
	uint64_t seq;
	uint32_t type;
	uint64_t time_ns, time_mono_ns, start_ns;
	uint32_t pid, tgid, path, flags;
	uint64_t bytes;
	int64_t result;
	uint32_t source, bits, total_bits, quality, evidence;
	char comm[32];		/* "" when absent */
	char cgroup[512];
	char caller[128];
	char name[64];
	bool boot_probe;	/* seen by a boot probe (origin), not the module */
	/* a boot probe's READY: when the completing credit's call returned */
	bool has_return;
	uint64_t return_ns;
};


/*
 * Read one event nest. Needs seq and type unless @in_flight (a call in
 * flight of WAITING_GET, which has no seq). 0 or -EBADMSG with @why.
 */
int rt_event_parse(const struct nlattr *nest, bool in_flight,
		   struct rt_event *ev, char *why, size_t whylen);

/* The trace's events[] object of @ev: a new reference, NULL on ENOMEM. */
json_t *rt_event_to_json(const struct rt_event *ev);

/* rt_event_parse() then rt_event_to_json(); NULL with @why on error. */
json_t *rt_event_nest_to_json(const struct nlattr *nest, char *why,
			      size_t whylen);

/*
 * @ev through the one print path (print.h), in the current output: JSON
 * gets the trace's events[] object, text the line "rngtrace events"
 * prints, "#SEQ TIME TYPE details" (no newline; TIME as every text time,
 * "5000.123 s"), its untrusted strings escaped. rt_event_to_json() is
 * these same calls.
 */
void rt_event_print(const struct rt_event *ev);

/*
 * One event as one record of a stream to @f: a line of text, or with
 * @json one JSON object on one line; flushed. 0, or -1 if @f failed.
 */
int rt_event_print_line(FILE *f, bool json, const struct rt_event *ev);

/*
 * A call in flight of WAITING_GET (no seq) likewise: text "  PATH pid
 * PID (COMM) unit UNIT, BYTES bytes, flags F, waiting for TIME [CGROUP]",
 * JSON its fields, "unit", and "waiting_ns" when @now_ns (CLOCK_BOOTTIME
 * at the reply; 0 unknown) says for how long.
 */
void rt_waiting_print(const struct rt_event *ev, uint64_t now_ns);

/*
 * One probe, hwrng, credit of STATUS/PROBES/HWRNG: an object in JSON
 * (the trace's module.probes[], hwrngs[], credits[] entries, and
 * status's), a line of text (status's).
 */
struct rt_probe;
struct rt_hwrng;
struct rt_credit;
void rt_probe_print(const struct rt_probe *p);
void rt_hwrng_print(const struct rt_hwrng *h);
void rt_credit_print(const struct rt_credit *c);

/* The trace's module, credits[], hwrngs[] from STATUS/PROBES/HWRNG. */
json_t *rt_trace_module_json(const struct rt_status *st);
json_t *rt_trace_credits_json(const struct rt_status *st);
json_t *rt_trace_hwrngs_json(const struct rt_status *st);

/*
 * The trace's ready object, or NULL when the trace cannot say (not ready
 * yet). @kmsg_ready_ns is the time of the kernel's "crng init done" line
 * on the events' timeline, or RT_KMSG_NONE; it is used when ready before
 * load, a time before CLOCK_BOOTTIME's zero as 0.
 * @ready_event (may be NULL) is a READY event seen, for when STATUS has
 * no ready time.
 */
json_t *rt_trace_ready_json(const struct rt_status *st, int64_t kmsg_ready_ns,
			    const struct rt_event *ready_event);


/*
 * Following the events (events.c): a socket in the "events" group,
 * joined before the dump, and a dump from a sequence number; each event
 * is handed to @cb once, in order of seq: no gap the ring still fills, no
 * duplicate.
 */
struct rt_nl;

enum rt_seq_verdict {
	RT_SEQ_OLD,	/* seq < next: had it; drop */
	RT_SEQ_NEXT,	/* the one wanted (or the first of all) */
	RT_SEQ_GAP,	/* later than the one wanted: some are missing */
};

/* What to do with @seq when @next is wanted and @any were seen yet. */
enum rt_seq_verdict rt_seq_check(uint64_t next, bool any, uint64_t seq);

struct rt_follow {
	struct rt_nl *nl;	/* requests (EVENTS_GET) */
	struct rt_nl *mc;	/* the events group; NULL without follow */
	uint32_t group;		/* its id */
	uint64_t next_seq;	/* the next seq wanted */
	bool any;		/* an event was delivered */
	uint64_t first_seq;	/* the first one delivered */
	uint64_t missed;	/* seqs skipped after the first (ring drops) */
	uint64_t delivered;
	int (*cb)(const struct rt_event *ev, void *arg);	/* 0 or -1 */
	void *arg;
	char why[160];		/* a bad message from the module */
	bool cb_failed;		/* @cb returned an error */
};

/* SIGINT/SIGTERM set rt_stop_signal (SA_RESTART: only poll() is cut short). */
extern volatile int rt_stop_signal;
void rt_follow_signals(void);

/*
 * Open the request socket and, with @follow, the group socket (joined).
 * One line on stderr on error (the module's absence, EPERM with the
 * capability named). 0 or -errno; rt_follow_close() after either.
 */
int rt_follow_open(struct rt_follow *f, bool follow, const char *what);
/* EVENTS_GET from f->next_seq, retried when interrupted. 0 or -errno. */
int rt_follow_dump(struct rt_follow *f, const char *what);
/*
 * Wait up to @timeout_ms for notifications and deliver them; a gap in them
 * (or a socket overrun) is filled with a dump. 0 (also when a signal cut
 * the wait short) or -errno.
 */
int rt_follow_wait(struct rt_follow *f, int timeout_ms, const char *what);
void rt_follow_close(struct rt_follow *f);

/* Recording a trace (record.c). */
enum rt_until { RT_UNTIL_READY, RT_UNTIL_SETTLED, RT_UNTIL_SIGNAL };

/* "ready", "settled", "signal"; -1 for another name. */
int rt_until_value(const char *name);
const char *rt_until_name(enum rt_until u);

/* The "settled" decision: ready and no wait in flight for settle_ns. */
struct rt_settle {
	bool quiet;		/* ready and nothing in flight since since_ns */
	uint64_t since_ns;
};

/*
 * One look at the state at @now_ns; true once it has been ready with no
 * wait in flight, without a break, for @settle_ns. Start from {0}.
 */
/*
 * What ends a recording now, or NULL (record.c): rt_record_cut() a
 * signal ("signal") or --timeout ("timeout"); rt_record_until() what
 * --until asks ("ready", "settled": rt_settle_step()).
 */
const char *rt_record_cut(uint64_t started_ns, uint64_t now_ns,
			  long long timeout_ns);
const char *rt_record_until(struct rt_settle *s, enum rt_until until,
			    uint64_t now_ns, bool ready, size_t in_flight,
			    uint64_t settle_ns);
bool rt_settle_step(struct rt_settle *s, uint64_t now_ns, bool ready,
		    size_t in_flight, uint64_t settle_ns);

/*
 * The trace from its parts, per Documentation/trace-format.md. Takes the
 * references to @host, @events, @kmsg and @record (NULLs left out);
 * @ready_event may be NULL. Without @st (no module: the boot probes'
 * events alone) no module, credits or hwrngs, and READY is @ready_event's.
 * NULL when out of memory.
 */
json_t *rt_trace_build(const struct rt_status *st, json_t *host,
		       json_t *events, json_t *kmsg, json_t *record,
		       const struct rt_event *ready_event);

/*
 * record's exit status once the trace is written: 0, or
 * RT_RECORD_EXIT_TIMEOUT when --timeout stopped it before what --until
 * asked for (and not @allow_timeout).
 */
#define RT_RECORD_EXIT_TIMEOUT	1
int rt_record_exit(const char *stopped_by, enum rt_until until,
		   bool allow_timeout);

#endif /* RT_EVJSON_H */
