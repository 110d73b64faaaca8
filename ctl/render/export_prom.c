// SPDX-License-Identifier: GPL-2.0
/*
 * Prometheus text exposition format, for node_exporter's textfile
 * collector: one boot's numbers, labelled with its kernel and boot id.
 * Entropy is in bits, but no metric name says "bits": promtool's lint
 * wants bytes for a name with that unit, and entropy is counted in bits.
 */
#include <string.h>

#include "export.h"
#include "names.h"

/* A label value: backslash, double quote and newline escaped. */
static void label_puts(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '"')
			fputs("\\\"", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static void head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void sample(FILE *f, const struct rt_export *x, const char *name,
		   const char *source, double v)
{
	fprintf(f, "%s{kernel=\"", name);
	label_puts(f, x->s->kernel_release);
	fputs("\",boot_id=\"", f);
	label_puts(f, x->s->boot_id);
	if (source) {
		fputs("\",source=\"", f);
		label_puts(f, source);
	}
	fprintf(f, "\"} %.9g\n", v);
}

int rt_export_prometheus(FILE *f, const struct rt_export *x)
{
	const struct rt_summary *s = x->s;
	int i;

	head(f, "rngtrace_trace_complete", "gauge",
	     "1 if the recording saw what it waited for and the CRNG ready; 0 if it was stopped by --timeout or a signal, or has no READY.");
	sample(f, x, "rngtrace_trace_complete", NULL, !s->incomplete);
	head(f, "rngtrace_open_waits", "gauge",
	     "Waits still in flight when the recording ended (counted as blocked up to its end).");
	sample(f, x, "rngtrace_open_waits", NULL,
	       (double)s->nopen_waits + (double)s->open_waits_unlisted);
	head(f, "rngtrace_crng_ready", "gauge",
	     "1 if the trace shows the CRNG ready, 0 if not.");
	sample(f, x, "rngtrace_crng_ready", NULL, s->ready);
	head(f, "rngtrace_ready_before_load", "gauge",
	     "1 if the CRNG was ready before the rngtrace module loaded.");
	sample(f, x, "rngtrace_ready_before_load", NULL,
	       s->ready && s->ready_before_load);
	if (s->ready && (s->ready_before_load || s->ready_ns >= 0)) {
		head(f, "rngtrace_crng_ready_seconds", "gauge",
		     "Seconds since boot (CLOCK_BOOTTIME) when the CRNG became ready; 0 if ready before the module loaded.");
		sample(f, x, "rngtrace_crng_ready_seconds", NULL,
		       s->ready_before_load ? 0 : s->ready_ns / 1e9);
	}
	if (s->ready && *s->ready_source) {
		head(f, "rngtrace_crng_ready_source_info", "gauge",
		     "1, labelled with the entropy source whose credit made the CRNG ready (interrupts, input, disk, hwrng, jitter, ioctl, bootloader, cpu, ...).");
		sample(f, x, "rngtrace_crng_ready_source_info", s->ready_source, 1);
	}
	head(f, "rngtrace_module_load_seconds", "gauge",
	     "Seconds since boot (CLOCK_BOOTTIME) when the rngtrace module loaded.");
	sample(f, x, "rngtrace_module_load_seconds", NULL, s->load_ns / 1e9);
	head(f, "rngtrace_wait_seconds_total", "counter",
	     "Seconds tasks spent waiting for the CRNG, summed over the waits.");
	sample(f, x, "rngtrace_wait_seconds_total", NULL, s->total_wait_ns / 1e9);
	head(f, "rngtrace_waits_total", "counter",
	     "Waits for the CRNG that ended.");
	sample(f, x, "rngtrace_waits_total", NULL,
	       (double)(s->nwaits - s->nopen_waits));
	head(f, "rngtrace_worst_wait_seconds", "gauge",
	     "The longest single wait for the CRNG, in seconds.");
	sample(f, x, "rngtrace_worst_wait_seconds", NULL, s->worst_wait_ns / 1e9);
	head(f, "rngtrace_blocked_tasks", "gauge",
	     "Tasks (thread groups) that waited for the CRNG.");
	sample(f, x, "rngtrace_blocked_tasks", NULL, (double)s->nblocked);
	head(f, "rngtrace_unseeded_reads_total", "counter",
	     "Reads of randomness before the CRNG was ready that did not wait.");
	sample(f, x, "rngtrace_unseeded_reads_total", NULL, (double)s->nunseeded);
	head(f, "rngtrace_entropy_at_load", "gauge",
	     "Entropy in bits boot code had credited before the module loaded.");
	sample(f, x, "rngtrace_entropy_at_load", NULL,
	       (double)s->pool_bits_at_load);
	head(f, "rngtrace_credited_entropy", "gauge",
	     "Entropy in bits credited by source after the module loaded, while the CRNG was not ready.");
	for (i = 0; i < RT_NSOURCES; i++)
		sample(f, x, "rngtrace_credited_entropy", rt_source_name(i),
		       (double)s->credit_bits[i]);
	head(f, "rngtrace_events_dropped_total", "counter",
	     "Events the module's ring overwrote before they were read.");
	sample(f, x, "rngtrace_events_dropped_total", NULL,
	       (double)s->events_dropped);
	return 0;
}
