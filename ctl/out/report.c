// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report's outputs (report.h): the text, and the JSON object,
 * both from the summary alone.
 */
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "advice.h"
#include "esc.h"
#include "names.h"
#include "report.h"
#include "summary.h"

/*
 * A duration as every text output prints one: seconds, three decimals
 * ("0.860 s"), as check, plot and the summary line do.
 */
static void fmt_duration(char *buf, size_t len, long long ns)
{
	snprintf(buf, len, "%.3f s", ns / 1e9);
}

static void fmt_result(char *buf, size_t len, long long result)
{
	switch (result) {
	case -11:
		snprintf(buf, len, "-11 (EAGAIN)");
		break;
	case -4:
		snprintf(buf, len, "-4 (EINTR)");
		break;
	case -512:
		snprintf(buf, len, "-512 (interrupted)");
		break;
	case -14:
		snprintf(buf, len, "-14 (EFAULT)");
		break;
	default:
		if (result >= 0)
			snprintf(buf, len, "%lld bytes", result);
		else
			snprintf(buf, len, "%lld", result);
	}
}

/* An untrusted string for a text column: escaped, "-" when empty. */
static const char *or_dash(const char *s)
{
	return s && *s ? rt_esc(s) : "-";
}

/* Share of @bits in @total, in percent; 0 for no total. */
static double share(long long bits, long long total)
{
	return total > 0 ? 100.0 * (double)bits / (double)total : 0.0;
}

static long long credits_grand_total(const struct rt_summary *s)
{
	long long t;

	if (__builtin_add_overflow(s->credit_total, s->pool_bits_at_load, &t))
		return s->credit_total;
	return t;
}

static void print_ready(FILE *f, const struct rt_summary *s)
{
	if (s->ready_before_load) {
		fprintf(f, "ready:      ready before rngtrace loaded");
		if (s->ready_ns >= 0)
			fprintf(f, " (kernel log: %.3f s after boot)",
				s->ready_ns / 1e9);
		fputc('\n', f);
	} else if (s->ready && s->ready_ns >= 0) {
		fprintf(f, "ready:      %.3f s after boot (CLOCK_BOOTTIME)\n",
			s->ready_ns / 1e9);
	} else if (s->ready) {
		fprintf(f, "ready:      yes, at an unknown time\n");
	} else {
		fprintf(f, "ready:      NOT READY when the recording ended\n");
	}
	if (*s->ready_source)
		fprintf(f, "completed:  by %s\n", rt_esc(s->ready_source));
	else if (s->ready && !s->ready_before_load)
		fprintf(f, "completed:  by an unknown source\n");
	fprintf(f, "loaded:     rngtrace loaded %.3f s after boot\n",
		s->load_ns / 1e9);
}

static void print_credits(FILE *f, const struct rt_summary *s)
{
	long long total = credits_grand_total(s);
	int i;

	fprintf(f, "\ncredits:    %lld bits (%lld before load, %lld since)\n",
		total, s->pool_bits_at_load, s->credit_total);
	if (s->credits_missed)
		fprintf(f, "  (the probe missed %lld credit%s, which interrupted another\n"
			"   rngtrace handler: the totals are short by those)\n",
			s->credits_missed, s->credits_missed == 1 ? "" : "s");
	fprintf(f, "  %-12s %8lld bits %6.1f%%\n", "before load",
		s->pool_bits_at_load, share(s->pool_bits_at_load, total));
	for (i = 0; i < RT_NSOURCES; i++) {
		if (!s->credit_bits[i] && !s->credit_count[i])
			continue;
		fprintf(f, "  %-12s %8lld bits %6.1f%%  (%lld credit%s)\n",
			rt_source_name(i), s->credit_bits[i],
			share(s->credit_bits[i], total), s->credit_count[i],
			s->credit_count[i] == 1 ? "" : "s");
	}
}

static void print_waits(FILE *f, const struct rt_summary *s)
{
	char d[32], r[32];
	size_t i;

	if (!s->nwaits) {
		fprintf(f, "\nblocked:    nothing waited for the CRNG\n");
		return;
	}
	fmt_duration(d, sizeof(d), s->total_wait_ns);
	fmt_duration(r, sizeof(r), s->worst_wait_ns);
	fprintf(f, "\nblocked:    %zu task%s waited %zu time%s, %s in all, the longest %s\n",
		s->nblocked, s->nblocked == 1 ? "" : "s", s->nwaits,
		s->nwaits == 1 ? "" : "s", d, r);
	fprintf(f, "  %7s  %-16s %-32s %-12s %10s  %s\n", "PID", "COMM", "UNIT",
		"PATH", "WAIT", "RESULT");
	for (i = 0; i < s->nwaits; i++) {
		const struct rt_wait_info *w = &s->waits[i];

		fmt_duration(d, sizeof(d), w->wait_ns);
		fmt_result(r, sizeof(r), w->result);
		fprintf(f, "  %7lld  %-16s %-32s %-12s %10s  %s\n", w->pid,
			or_dash(w->comm), or_dash(w->unit), or_dash(w->path), d, r);
	}
}

/* The summary's unseeded groups, most calls first. */
static int by_count(const void *a, const void *b)
{
	const struct rt_unseeded_group *x = *(const struct rt_unseeded_group **)a;
	const struct rt_unseeded_group *y = *(const struct rt_unseeded_group **)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->first_ns < y->first_ns ? -1 : x->first_ns > y->first_ns;
}

#define UNSEEDED_GROUPS_SHOWN	12

static void print_unseeded(FILE *f, const struct rt_summary *s)
{
	const struct rt_unseeded_group **g;
	size_t i, ng = s->nunseeded_groups;
	char r[32];

	if (!s->nunseeded) {
		fprintf(f, "\nunseeded:   no read was served before the CRNG was ready\n");
		return;
	}
	fprintf(f, "\nunseeded:   %zu read%s before the CRNG was ready, without waiting\n",
		s->nunseeded, s->nunseeded == 1 ? "" : "s");
	g = calloc(ng, sizeof(*g));
	if (!g) {
		fprintf(f, "  (out of memory to sort them)\n");
		return;
	}
	for (i = 0; i < ng; i++)
		g[i] = &s->unseeded[i];
	qsort(g, ng, sizeof(*g), by_count);
	fprintf(f, "  %6s %7s  %-16s %-32s %-12s %5s  %s\n", "READS", "PID",
		"COMM", "UNIT", "PATH", "FLAGS", "RESULT");
	for (i = 0; i < ng && i < UNSEEDED_GROUPS_SHOWN; i++) {
		const struct rt_unseeded_group *u = g[i];

		fmt_result(r, sizeof(r), u->first_result);
		fprintf(f, "  %6zu %7lld  %-16s %-32s %-12s %#5llx  %s%s\n",
			u->count, u->tgid, or_dash(u->comm), or_dash(u->unit),
			or_dash(u->path), (unsigned long long)u->flags, r,
			u->mixed ? " (and others)" : "");
	}
	if (ng > UNSEEDED_GROUPS_SHOWN)
		fprintf(f, "  ... and %zu more programs (--json lists every one)\n",
			ng - UNSEEDED_GROUPS_SHOWN);
	free(g);
}

static void print_hwrng(FILE *f, const struct rt_summary *s)
{
	size_t i;

	if (!s->nhwrng && !*s->hwrng_current &&
	    s->hwrng_first_register_ns < 0) {
		fprintf(f, "\nhwrng:      none\n");
		return;
	}
	fprintf(f, "\nhwrng:      current %s, %lld bits credited while not ready\n",
		or_dash(s->hwrng_current), s->hwrng_bits);
	if (s->hwrng_first_register_ns >= 0)
		fprintf(f, "  first registered after load: %s at %.3f s\n",
			or_dash(s->hwrng_first_register_name),
			s->hwrng_first_register_ns / 1e9);
	for (i = 0; i < s->nhwrng; i++) {
		const struct rt_hwrng_info *h = &s->hwrngs[i];

		fprintf(f, "  %-20s quality %lld, ", or_dash(h->name), h->quality);
		if (h->before_load)
			fprintf(f, "registered before load");
		else if (h->registered_ns >= 0)
			fprintf(f, "registered at %.3f s", h->registered_ns / 1e9);
		else
			fprintf(f, "registered at an unknown time");
		fprintf(f, ", %lld feeds, %lld bytes, %lld bits%s\n", h->feeds,
			h->bytes, h->bits, h->current ? " (current)" : "");
	}
}

void rt_report_text(FILE *f, const char *name, const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv)
{
	size_t i;

	fprintf(f, "trace:      %s\n", rt_esc(name));
	fprintf(f, "kernel:     %s\n", or_dash(s->kernel_release));
	fprintf(f, "cpu:        %s%s%s%s\n",
		s->hypervisor ? "under a hypervisor, " : "",
		s->cpu_rdrand ? "RDRAND" : "no RDRAND",
		s->cpu_rdseed ? ", RDSEED" : "",
		s->trust_cpu_off ? ", random.trust_cpu=off" : "");
	print_ready(f, s);
	print_credits(f, s);
	print_waits(f, s);
	print_unseeded(f, s);
	print_hwrng(f, s);
	if (s->events_dropped > 0)
		fprintf(f, "\nwarning:    the ring dropped %lld events: waits and credits may be missing\n",
			s->events_dropped);
	if (!nadv) {
		fprintf(f, "\nadvice:     none%s\n",
			rt_summary_stalled(s) ? "" : ": nothing waited for the CRNG");
		return;
	}
	fprintf(f, "\nadvice:\n");
	for (i = 0; i < nadv; i++)
		fprintf(f, "  [%s] %s\n", adv[i].id, adv[i].text);
}

/* json_object_set_new() that remembers a failure. */
static void set(json_t *o, const char *k, json_t *v, bool *ok)
{
	if (!v || json_object_set_new(o, k, v))
		*ok = false;
}

static void append(json_t *a, json_t *v, bool *ok)
{
	if (!v || json_array_append_new(a, v))
		*ok = false;
}

static json_t *ready_json(const struct rt_summary *s, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	set(o, "known", json_boolean(s->ready), ok);
	set(o, "before_load", json_boolean(s->ready_before_load), ok);
	if (s->ready_ns >= 0) {
		set(o, "time_ns", json_integer(s->ready_ns), ok);
		set(o, "seconds", json_real(s->ready_ns / 1e9), ok);
	}
	if (*s->ready_source)
		set(o, "source", json_string(s->ready_source), ok);
	return o;
}

static json_t *credits_json(const struct rt_summary *s, bool *ok)
{
	long long total = credits_grand_total(s);
	json_t *o = json_object(), *a = json_array();
	int i;

	if (!o || !a) {
		json_decref(o);
		json_decref(a);
		*ok = false;
		return NULL;
	}
	set(o, "total_bits", json_integer(total), ok);
	set(o, "before_load_bits", json_integer(s->pool_bits_at_load), ok);
	set(o, "before_load_share", json_real(share(s->pool_bits_at_load, total)), ok);
	set(o, "since_load_bits", json_integer(s->credit_total), ok);
	for (i = 0; i < RT_NSOURCES; i++) {
		json_t *c;

		if (!s->credit_bits[i] && !s->credit_count[i])
			continue;
		c = json_pack("{s:s, s:I, s:I, s:f}", "source", rt_source_name(i),
			      "bits", (json_int_t)s->credit_bits[i],
			      "count", (json_int_t)s->credit_count[i],
			      "share", share(s->credit_bits[i], total));
		append(a, c, ok);
	}
	set(o, "sources", a, ok);
	return o;
}

static json_t *waits_json(const struct rt_summary *s, bool *ok)
{
	json_t *a = json_array();
	size_t i;

	if (!a) {
		*ok = false;
		return NULL;
	}
	for (i = 0; i < s->nwaits; i++) {
		const struct rt_wait_info *w = &s->waits[i];

		append(a, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
				    "pid", (json_int_t)w->pid,
				    "tgid", (json_int_t)w->tgid,
				    "comm", w->comm, "cgroup", w->cgroup,
				    "unit", w->unit, "path", w->path,
				    "flags", (json_int_t)w->flags,
				    "bytes", (json_int_t)w->bytes,
				    "result", (json_int_t)w->result,
				    "start_ns", (json_int_t)w->start_ns,
				    "end_ns", (json_int_t)w->end_ns,
				    "wait_ns", (json_int_t)w->wait_ns), ok);
	}
	return a;
}

/* One object per group of unseeded reads (summary.h), in trace order. */
static json_t *unseeded_json(const struct rt_summary *s, bool *ok)
{
	json_t *a = json_array();
	size_t i;

	if (!a) {
		*ok = false;
		return NULL;
	}
	for (i = 0; i < s->nunseeded_groups; i++) {
		const struct rt_unseeded_group *u = &s->unseeded[i];

		append(a, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}",
				    "pid", (json_int_t)u->pid,
				    "tgid", (json_int_t)u->tgid,
				    "comm", u->comm, "cgroup", u->cgroup,
				    "unit", u->unit, "path", u->path,
				    "flags", (json_int_t)u->flags,
				    "reads", (json_int_t)u->count,
				    "served", (json_int_t)u->served,
				    "bytes", (json_int_t)u->bytes,
				    "first_result", (json_int_t)u->first_result,
				    "first_ns", (json_int_t)u->first_ns,
				    "last_ns", (json_int_t)u->last_ns,
				    "mixed_results", u->mixed), ok);
	}
	return a;
}

static json_t *hwrng_json(const struct rt_summary *s, bool *ok)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;

	if (!o || !a) {
		json_decref(o);
		json_decref(a);
		*ok = false;
		return NULL;
	}
	if (*s->hwrng_current)
		set(o, "current", json_string(s->hwrng_current), ok);
	set(o, "bits", json_integer(s->hwrng_bits), ok);
	if (s->hwrng_first_register_ns >= 0) {
		set(o, "first_registered_ns",
		    json_integer(s->hwrng_first_register_ns), ok);
		set(o, "first_registered_name",
		    json_string(s->hwrng_first_register_name), ok);
	}
	for (i = 0; i < s->nhwrng; i++) {
		const struct rt_hwrng_info *h = &s->hwrngs[i];
		json_t *d = json_pack("{s:s, s:I, s:b, s:b, s:I, s:I, s:I}",
				      "name", h->name,
				      "quality", (json_int_t)h->quality,
				      "current", h->current,
				      "before_load", h->before_load,
				      "feeds", (json_int_t)h->feeds,
				      "bytes", (json_int_t)h->bytes,
				      "bits", (json_int_t)h->bits);

		if (d && h->registered_ns >= 0)
			set(d, "registered_ns", json_integer(h->registered_ns), ok);
		append(a, d, ok);
	}
	set(o, "devices", a, ok);
	return o;
}

json_t *rt_report_json(const struct rt_summary *s,
			   const struct rt_advice *adv, size_t nadv)
{
	json_t *o = json_object(), *a = json_array();
	bool ok = true;
	size_t i;

	if (!o || !a) {
		json_decref(o);
		json_decref(a);
		return NULL;
	}
	set(o, "kernel_release", json_string(s->kernel_release), &ok);
	set(o, "boot_id", json_string(s->boot_id), &ok);
	set(o, "cmdline", json_string(s->cmdline), &ok);
	set(o, "hypervisor", json_boolean(s->hypervisor), &ok);
	set(o, "cpu_rdrand", json_boolean(s->cpu_rdrand), &ok);
	set(o, "cpu_rdseed", json_boolean(s->cpu_rdseed), &ok);
	set(o, "trust_cpu_off", json_boolean(s->trust_cpu_off), &ok);
	set(o, "load_time_ns", json_integer(s->load_ns), &ok);
	set(o, "ready", ready_json(s, &ok), &ok);
	set(o, "credits", credits_json(s, &ok), &ok);
	set(o, "nblocked", json_integer((json_int_t)s->nblocked), &ok);
	set(o, "total_wait_ns", json_integer(s->total_wait_ns), &ok);
	set(o, "worst_wait_ns", json_integer(s->worst_wait_ns), &ok);
	set(o, "waits", waits_json(s, &ok), &ok);
	set(o, "unseeded", unseeded_json(s, &ok), &ok);
	set(o, "hwrng", hwrng_json(s, &ok), &ok);
	set(o, "events_dropped", json_integer(s->events_dropped), &ok);
	for (i = 0; i < nadv; i++)
		append(a, json_pack("{s:s, s:s}", "id", adv[i].id,
				    "text", adv[i].text), &ok);
	set(o, "advice", a, &ok);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}
