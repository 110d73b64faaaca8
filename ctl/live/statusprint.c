// SPDX-License-Identifier: GPL-2.0
/*
 * The module's state (status.h) through the one print path: rngtrace
 * status's text and JSON, and the trace's module and ready objects
 * (evjson.c), from the same calls.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "evjson.h"
#include "fields.h"
#include "names.h"
#include "print.h"
#include "status.h"
#include "statusprint.h"

#define ANY	RT_PRINT_ANY
#define JSON	RT_PRINT_JSON
#define TEXT	RT_PRINT_TEXT
#define KIND(json, text)	rt_print_kind((json), (text))

bool rt_ready_from_status(const struct rt_status *st, struct rt_ready *r)
{
	memset(r, 0, sizeof(*r));
	r->before_load = st->ready_at_load;
	if (st->ready_at_load)
		return true;
	if (!st->has_ready_time)
		return false;
	r->has_time = true;
	r->time_ns = st->ready_time_ns;
	r->has_time_mono = st->has_ready_time_mono;
	r->time_mono_ns = st->ready_time_mono_ns;
	r->has_source = st->has_ready_source;
	r->source = st->ready_source;
	r->has_evidence = st->has_ready_evidence;
	r->evidence = st->ready_evidence;
	return true;
}

void rt_ready_print(const struct rt_ready *r)
{
	rt_print_open_object(RT_K_READY);
	rt_print_flag(ANY, RT_K_BEFORE_LOAD, r->before_load,
		      "ready before load", "");
	/* before load, a time is the kernel log's: JSON only */
	if (r->has_time)
		rt_print_time(r->before_load ? JSON : ANY, RT_K_TIME_NS,
			      "%s after boot", (long long)r->time_ns);
	if (r->has_time_mono)
		rt_print_time(JSON, RT_K_TIME_MONO_NS, NULL,
			      (long long)r->time_mono_ns);
	if (r->has_source)
		rt_print_str(ANY, RT_K_SOURCE, ", completed by %s",
			     rt_source_name(r->source));
	if (r->has_evidence)
		rt_print_str(rt_print_kind(true, r->evidence !=
					   RNGTRACE_READY_EVIDENCE_COMPLETER),
			     RT_K_EVIDENCE, " (inferred from %s)",
			     rt_ready_evidence_name(r->evidence));
	if (r->has_time)
		rt_print_float(JSON, RT_K_SECONDS, NULL, r->time_ns / 1e9);
	rt_print_close_object();
}

static void print_ready(const struct rt_status *st)
{
	struct rt_ready r;

	rt_print_text("ready:         ");
	if (rt_ready_from_status(st, &r))
		rt_ready_print(&r);
	else
		rt_print_text(st->crng_ready ? "yes, time unknown" : "not yet");
	rt_print_nl();
}

static void print_credits(const struct rt_status *st)
{
	size_t i;

	rt_print_int(ANY, RT_K_POOL_BITS_AT_LOAD,
		     "credited:      %lld bits before load",
		     st->pool_bits_at_load);
	rt_print_int(ANY, "credited_bits", ", %lld since", st->credited_bits);
	if (st->has_shortfall)
		rt_print_int(st->shortfall_bits ? ANY : JSON,
			     "credit_shortfall_bits", st->shortfall_bits == 1 ?
			     " (%lld bit short of ready at READY)" :
			     " (%lld bits short of ready at READY)",
			     st->shortfall_bits);
	rt_print_nl();
	rt_print_open_array(RT_K_CREDITS);
	for (i = 0; i < st->ncredits; i++)
		rt_credit_print(&st->credits[i]);
	rt_print_close_array();
}

/* Why the module would not say: EPERM, or an older module's EOPNOTSUPP. */
static const char *unavailable(int error)
{
	return error == EPERM ? "needs CAP_NET_ADMIN" :
	       error == EOPNOTSUPP ? "this module has no WAITING_GET" :
	       strerror(error);
}

static void print_waits(const struct rt_status *st)
{
	bool more = st->nwaiting_total > st->nwaiting;
	size_t i;

	rt_print_int(ANY, "waits", "waits:         %lld ended",
		     (long long)st->waits);
	if (st->has_in_flight)
		rt_print_int(ANY, "waits_in_flight", ", %lld in flight",
			     (long long)st->in_flight);
	rt_print_int(st->waits_lost ? ANY : JSON, "waits_lost",
		     ", %lld not tracked (slots full)",
		     (long long)st->waits_lost);
	rt_print_nl();
	/* who: an administrator's (WAITING_GET); the count is anyone's */
	if (st->waiting_error)
		rt_print_str(KIND(true, st->in_flight), "waiting_unavailable",
			     "  who is waiting: not shown (%s)\n",
			     unavailable(st->waiting_error));
	if (!st->has_waiting)
		return;
	rt_print_open_array("waiting");
	for (i = 0; i < st->nwaiting; i++) {
		rt_print_open_object(NULL);
		rt_waiting_print(&st->waiting[i], st->now_ns);
		rt_print_nl();
		rt_print_close_object();
	}
	rt_print_close_array();
	rt_print_int(more ? JSON : RT_PRINT_NONE, "waiting_total", NULL,
		     (long long)st->nwaiting_total);
	if (more)
		rt_print_int(TEXT, NULL, "  ... and %lld more\n",
			     (long long)(st->nwaiting_total - st->nwaiting));
}

/* Every field of @st, once, for text and JSON alike. */
static void status_fields(const struct rt_status *st)
{
	size_t i;

	rt_print_str(ANY, "version", "module:        rngtrace %s\n",
		     st->version);
	rt_print_text("crng:          ");
	rt_print_flag(ANY, "crng_ready", st->crng_ready, "ready", "not ready");
	rt_print_nl();
	rt_print_bool(ANY, RT_K_READY_AT_LOAD, "ready at load: %s\n",
		      st->ready_at_load);
	rt_print_time(ANY, RT_K_LOAD_TIME_NS,
		      "loaded at:     %s after boot (CLOCK_BOOTTIME)\n",
		      (long long)st->load_time_ns);
	rt_print_time(ANY, RT_K_LOAD_TIME_MONO_NS,
		      "               %s on CLOCK_MONOTONIC\n",
		      (long long)st->load_time_mono_ns);
	if (st->has_printk_offset)
		rt_print_time(JSON, RT_K_PRINTK_OFFSET_NS, NULL,
			      st->printk_offset_ns);
	print_ready(st);
	print_credits(st);
	print_waits(st);
	rt_print_int(ANY, "unseeded_reads", "unseeded:      %lld reads\n",
		     (long long)st->unseeded_reads);
	rt_print_int(ANY, "ring_size", "ring:          %lld events",
		     st->ring_size);
	rt_print_int(ANY, "events_written", ", %lld written",
		     (long long)st->events_written);
	rt_print_int(ANY, RT_K_EVENTS_DROPPED, ", %lld dropped\n",
		     (long long)st->events_dropped);
	rt_print_text("probes:        ");
	rt_print_flag(ANY, "armed", st->armed, "armed", "disarmed");
	rt_print_flag(ANY, "keep_armed", st->keep_armed, " (kept armed)", "");
	rt_print_nl();
	if (st->has_probes) {
		rt_print_open_array(RT_K_PROBES);
		for (i = 0; i < st->nprobes; i++)
			rt_probe_print(&st->probes[i]);
		rt_print_close_array();
		if (st->nprobes && !st->probe_counts)
			rt_print_str(ANY, "probe_counts_unavailable",
				     "  hits and misses: not shown (%s)\n",
				     unavailable(EPERM));
	}
	if (st->has_hwrngs) {
		rt_print_text(st->nhwrngs ? "hwrngs:\n" : "hwrngs:        none\n");
		rt_print_open_array(RT_K_HWRNGS);
		for (i = 0; i < st->nhwrngs; i++)
			rt_hwrng_print(&st->hwrngs[i]);
		rt_print_close_array();
	}
}

int status_print(FILE *f, bool json, const struct rt_status *st)
{
	rt_print_start(f, json);
	status_fields(st);
	return rt_print_end();
}

json_t *status_to_json(const struct rt_status *st)
{
	rt_print_json_begin();
	status_fields(st);
	return rt_print_json_take(NULL);
}
