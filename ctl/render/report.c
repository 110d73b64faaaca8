// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report's outputs (report.h): the text, and the JSON object,
 * both from the summary alone.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "advice.h"
#include "beforeload.h"
#include "complete.h"
#include "esc.h"
#include "names.h"
#include "print.h"
#include "report.h"
#include "summary.h"

static void fmt_result(char *buf, size_t len, long long result)
{
	switch (result) {
	case -EAGAIN:
		snprintf(buf, len, "%d (EAGAIN)", -EAGAIN);
		break;
	case -EINTR:
		snprintf(buf, len, "%d (EINTR)", -EINTR);
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

#define ANY	RT_PRINT_ANY
#define TEXT	RT_PRINT_TEXT
#define JSON	RT_PRINT_JSON

/* A table's header line, in the widths of its rows' formats (text only). */
static void print_header(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void print_header(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_print_text(buf);
}

static void print_ready(const struct rt_summary *s)
{
	rt_print_flag(JSON, "crng_ready", s->ready, "", "");
	rt_print_open_object("ready");
	rt_print_flag(JSON, "before_load", s->ready_before_load, "", "");
	rt_print_text("ready:      ");
	if (s->ready_before_load) {
		rt_print_text("ready before rngtrace loaded");
		if (s->ready_ns >= 0)
			rt_print_time(ANY, "time_ns", " (kernel log: %s after boot)",
				      s->ready_ns);
	} else if (s->ready && s->ready_ns >= 0) {
		rt_print_time(ANY, "time_ns", "%s after boot (CLOCK_BOOTTIME)",
			      s->ready_ns);
	} else if (s->ready) {
		rt_print_text("yes, at an unknown time");
	} else {
		rt_print_text("NOT READY when the recording ended");
	}
	rt_print_nl();
	/* An inferred READY says so, and how far its time can be trusted. */
	if (!strcmp(s->ready_evidence, "last-credit"))
		rt_print_str(ANY, RT_K_EVIDENCE,
			     "inferred:   from %s: the last credit a boot probe saw before crng_set_ready();\n"
			     "            the kernel printed \"crng init done\" in that same call\n",
			     s->ready_evidence);
	else if (*s->ready_evidence && strcmp(s->ready_evidence, "completer"))
		rt_print_str(ANY, RT_K_EVIDENCE,
			     "inferred:   from %s: the completing credit was missed, its source is unknown",
			     s->ready_evidence);
	if (!strcmp(s->ready_evidence, "reseed"))
		rt_print_text("; the time is crng_reseed()'s, exact\n");
	else if (!strcmp(s->ready_evidence, "set-ready"))
		rt_print_text("; the time is crng_set_ready()'s, a little late\n");
	else if (*s->ready_evidence && strcmp(s->ready_evidence, "completer") &&
		 strcmp(s->ready_evidence, "last-credit"))
		rt_print_text("; the time is when rngtrace noticed, a second or more late\n");
	if (*s->ready_source) {
		rt_print_str(ANY, "source", "completed:  by %s\n", s->ready_source);
	} else if (s->ready && !s->ready_before_load) {
		rt_print_text("completed:  by an unknown source\n");
	}
	rt_print_close_object();
	if (s->bpf_backend) {
		rt_print_flag(ANY, "no_module", true,
			      "loaded:     no module: the BPF backend's events, from", "");
		rt_print_str(JSON, "backend", NULL, "bpf");
		rt_print_time(ANY, "attached_ns", " %s\n", s->load_ns);
		rt_print_text("            (unknown to it: the pool when it attached, hwrngs)\n");
	} else if (s->no_module) {
		rt_print_flag(ANY, "no_module", true,
			      "loaded:     no module: the boot probes' events alone, from", "");
		rt_print_time(ANY, "first_probe_ns", " %s\n", s->load_ns);
		rt_print_text("            (unknown to them: getrandom()'s flags or its results\n"
			      "             (the probes fetch one or the other), /dev/urandom\n"
			      "             reads, the units of tasks gone before the recording,\n"
			      "             the pool before the first probe, hwrngs)\n");
	} else {
		rt_print_time(ANY, "load_time_ns", "loaded:     rngtrace loaded %s after boot\n",
			      s->load_ns);
	}
}

static void print_credits(const struct rt_summary *s)
{
	long long total = credits_grand_total(s);
	struct rt_before_load bl;
	int i;

	rt_print_open_object("credits");
	rt_print_int(ANY, "total_bits", "\ncredits:    %lld bits", total);
	if (s->no_module) {
		rt_print_int(ANY, "credited_bits", s->bpf_backend ?
			     " (%lld seen by the BPF backend)\n" :
			     " (%lld seen by the boot probes)\n", s->credit_total);
	} else {
		rt_print_int(ANY, "pool_bits_at_load", " (%lld before load", s->pool_bits_at_load);
		rt_print_int(ANY, "credited_bits", ", %lld since)\n", s->credit_total);
	}
	rt_print_int(JSON, "credits_missed", NULL, s->credits_missed);
	if (s->credits_missed)
		rt_print_int(TEXT, NULL,
			     s->credits_missed == 1 ?
			     "  (the probe missed %lld credit, which interrupted another\n"
			     "   rngtrace handler: the totals are short by those)\n" :
			     "  (the probe missed %lld credits, which interrupted another\n"
			     "   rngtrace handler: the totals are short by those)\n",
			     s->credits_missed);
	if (!s->no_module) {
		rt_print_int(TEXT, NULL, "  before load  %8lld bits", s->pool_bits_at_load);
		rt_print_float(ANY, "pool_share_percent", " %6.1f%%\n",
			       share(s->pool_bits_at_load, total));
	}
	/*
	 * What the boot probes (origin boot-probe) saw of them, by source;
	 * only the rest, before the first probe, is inferred.
	 */
	if (s->boot_first_ns >= 0) {
		long long before = s->pool_bits_at_load - s->boot_credit_total;

		if (before < 0)
			before = 0;
		rt_print_open_object("boot_probes");
		rt_print_time(ANY, "first_ns", "    boot probes (the first event at %s):",
			      s->boot_first_ns);
		rt_print_int(ANY, "bits", " %lld bits", s->boot_credit_total);
		rt_print_open_array("sources");
		for (i = 0; i < RT_NSOURCES; i++) {
			if (!s->boot_credit_bits[i])
				continue;
			rt_print_open_object(NULL);
			rt_print_str(ANY, "source", ", %s", rt_source_name(i));
			rt_print_int(ANY, "bits", " %lld", s->boot_credit_bits[i]);
			rt_print_close_object();
		}
		rt_print_close_array();
		if (s->no_module)
			rt_print_text("\n    before the first probe: not known (no module read the pool)\n");
		else
			rt_print_int(ANY, "before_first_probe_bits",
				     "\n    before the first probe: %lld bits\n", before);
		rt_print_close_object();
	}
	/* No probe saw them: their source is inferred, and says so. */
	rt_before_load_infer(s, &bl);
	if (*bl.why && !s->no_module && (s->boot_first_ns < 0 ||
			s->pool_bits_at_load > s->boot_credit_total)) {
		rt_print_open_object("before_load");
		rt_print_str(ANY, "source", "    inferred: %s",
			     rt_source_name(bl.source));
		rt_print_str(ANY, "inferred_from", " (%s)\n", bl.why);
		rt_print_close_object();
	}
	rt_print_open_array("sources");
	for (i = 0; i < RT_NSOURCES; i++) {
		if (!s->credit_bits[i] && !s->credit_count[i])
			continue;
		rt_print_open_object(NULL);
		rt_print_str(ANY, "source", "  %-12s", rt_source_name(i));
		rt_print_int(ANY, "bits", " %8lld bits", s->credit_bits[i]);
		rt_print_float(ANY, "share_percent", " %6.1f%%",
			       share(s->credit_bits[i], total));
		rt_print_int(ANY, "count", s->credit_count[i] == 1 ?
			     "  (%lld credit)\n" : "  (%lld credits)\n",
			     s->credit_count[i]);
		rt_print_close_object();
	}
	rt_print_close_array();
	rt_print_close_object();
}

static void print_waits(const struct rt_summary *s)
{
	char r[32];
	size_t i;

	rt_print_int(ANY, "blocked_tasks", s->nblocked == 1 ?
		     "\nblocked:    %lld task" : "\nblocked:    %lld tasks",
		     (long long)s->nblocked);
	if (s->nwaits) {
		rt_print_int(TEXT, NULL, s->nwaits == 1 ? " waited %lld time" :
			     " waited %lld times", (long long)s->nwaits);
	}
	rt_print_time(s->nwaits ? ANY : JSON, "total_wait_ns", ", %s in all", s->total_wait_ns);
	rt_print_time(s->nwaits ? ANY : JSON, "worst_wait_ns", ", the longest %s",
		      s->worst_wait_ns);
	rt_print_int(s->nopen_waits ? ANY : JSON, "open_waits",
		     ";\n            %lld still waiting when the recording ended (counted up to its end)",
		     (long long)s->nopen_waits);
	rt_print_int(s->open_waits_unlisted ? ANY : JSON, "open_waits_unlisted",
		     ";\n            %lld more in flight that the module did not list",
		     s->open_waits_unlisted);
	if (s->nwaits)
		rt_print_nl();
	if (!s->nwaits)
		rt_print_text(": nothing waited for the CRNG\n");
	else
		print_header("  %7s  %-16s %-32s %-12s %10s  %s\n", "PID", "COMM",
			     "UNIT", "PATH", "WAIT", "RESULT");
	rt_print_open_array("waits");
	for (i = 0; i < s->nwaits; i++) {
		const struct rt_wait_info *w = &s->waits[i];

		rt_print_open_object(NULL);
		rt_print_int(ANY, "pid", "  %7lld", w->pid);
		rt_print_int(JSON, "tgid", NULL, w->tgid);
		rt_print_name(ANY, "comm", "  %-16s", w->comm);
		rt_print_str(JSON, "cgroup", NULL, w->cgroup);
		rt_print_name(ANY, "unit", " %-32s", w->unit);
		rt_print_name(ANY, "path", " %-12s", w->path);
		if (w->flags >= 0)
			rt_print_int(JSON, "flags", NULL, w->flags);
		rt_print_int(JSON, "bytes", NULL, w->bytes);
		rt_print_time(JSON, "start_ns", NULL, w->start_ns);
		rt_print_time(JSON, "end_ns", NULL, w->end_ns);
		{
			char d[48];

			rt_print_time_text(d, sizeof(d), w->wait_ns);
			rt_print_int_as(ANY, "wait_ns", " %10s", w->wait_ns, d);
		}
		rt_print_flag(JSON, "open", w->open, "", "");
		if (w->open) {
			rt_print_text("  still waiting at the end\n");
		} else {
			fmt_result(r, sizeof(r), w->result);
			rt_print_int_as(ANY, "result", "  %s\n", w->result, r);
		}
		rt_print_close_object();
	}
	rt_print_close_array();
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

/*
 * The unseeded reads by program, most reads first: the text shows the
 * first UNSEEDED_GROUPS_SHOWN, JSON every one, from the same calls.
 */
static void print_unseeded(const struct rt_summary *s)
{
	const struct rt_unseeded_group **g;
	size_t i, ng = s->nunseeded_groups;
	char r[32];

	rt_print_int(JSON, "unseeded_reads_served", NULL,
		     (long long)s->nunseeded_served);
	if (!s->nunseeded) {
		rt_print_int(JSON, "unseeded_reads", NULL, 0);
		rt_print_text("\nunseeded:   no read was served before the CRNG was ready\n");
		rt_print_open_array("unseeded");
		rt_print_close_array();
		return;
	}
	rt_print_int(ANY, "unseeded_reads", s->nunseeded == 1 ?
		     "\nunseeded:   %lld read before the CRNG was ready, without waiting\n" :
		     "\nunseeded:   %lld reads before the CRNG was ready, without waiting\n",
		     (long long)s->nunseeded);
	rt_print_open_array("unseeded");
	g = calloc(ng, sizeof(*g));
	if (!g) {
		rt_print_text("  (out of memory to sort them)\n");
		rt_print_close_array();
		return;
	}
	for (i = 0; i < ng; i++)
		g[i] = &s->unseeded[i];
	qsort(g, ng, sizeof(*g), by_count);
	print_header("  %6s %7s  %-16s %-32s %-12s %5s  %s\n", "READS", "PID",
		     "COMM", "UNIT", "PATH", "FLAGS", "RESULT");
	for (i = 0; i < ng; i++) {
		const struct rt_unseeded_group *u = g[i];
		enum rt_print_kind k = i < UNSEEDED_GROUPS_SHOWN ? ANY : JSON;

		rt_print_open_object(NULL);
		rt_print_int(k, "reads", "  %6lld", (long long)u->count);
		rt_print_int(JSON, "pid", NULL, u->pid);
		rt_print_int(k, "tgid", " %7lld", u->tgid);
		rt_print_name(k, "comm", "  %-16s", u->comm);
		rt_print_str(JSON, "cgroup", NULL, u->cgroup);
		rt_print_name(k, "unit", " %-32s", u->unit);
		rt_print_name(k, "path", " %-12s", u->path);
		{
			char fl[32];

			if (u->flags < 0)
				snprintf(fl, sizeof(fl), "%5s", "-");
			else
				snprintf(fl, sizeof(fl), "%#5llx",
					 (unsigned long long)u->flags);
			if (u->flags >= 0)
				rt_print_int_as(k, "flags", " %s", u->flags, fl);
			else if (k == ANY)
				rt_print_str(TEXT, NULL, " %s", fl);
		}
		rt_print_int(JSON, "served", NULL, (long long)u->served);
		rt_print_int(JSON, "bytes", NULL, u->bytes);
		fmt_result(r, sizeof(r), u->first_result);
		rt_print_int_as(k, "first_result", "  %s", u->first_result, r);
		rt_print_time(JSON, "first_ns", NULL, u->first_ns);
		rt_print_time(JSON, "last_ns", NULL, u->last_ns);
		rt_print_flag(k, "mixed_results", u->mixed, " (and others)", "");
		if (k & TEXT)
			rt_print_nl();
		rt_print_close_object();
	}
	rt_print_close_array();
	if (ng > UNSEEDED_GROUPS_SHOWN)
		rt_print_int(TEXT, NULL, "  ... and %lld more programs (--json lists every one)\n",
			     (long long)(ng - UNSEEDED_GROUPS_SHOWN));
	free(g);
}

static void print_hwrng(const struct rt_summary *s)
{
	size_t i;

	rt_print_open_object("hwrng");
	if (!s->nhwrng && !*s->hwrng_current &&
	    s->hwrng_first_register_ns < 0) {
		rt_print_int(JSON, "bits", NULL, s->hwrng_bits);
		rt_print_text("\nhwrng:      none\n");
		rt_print_close_object();
		rt_print_open_array("hwrngs");
		rt_print_close_array();
		return;
	}
	if (*s->hwrng_current)
		rt_print_str(ANY, "current", "\nhwrng:      current %s", s->hwrng_current);
	else
		rt_print_text("\nhwrng:      current -");
	rt_print_int(ANY, "bits", ", %lld bits credited while not ready\n",
		     s->hwrng_bits);
	if (s->hwrng_first_register_ns >= 0) {
		rt_print_name(ANY, "first_registered_name",
			      "  first registered after load: %s",
			      s->hwrng_first_register_name);
		rt_print_time(ANY, "first_registered_ns", " at %s\n",
			      s->hwrng_first_register_ns);
	}
	rt_print_close_object();
	rt_print_open_array("hwrngs");
	for (i = 0; i < s->nhwrng; i++) {
		const struct rt_hwrng_info *h = &s->hwrngs[i];

		rt_print_open_object(NULL);
		rt_print_name(ANY, "name", "  %-20s", h->name);
		rt_print_int(ANY, "quality", " quality %lld, ", h->quality);
		rt_print_flag(JSON, "before_load", h->before_load, "", "");
		if (h->before_load)
			rt_print_text("registered before load");
		else if (h->registered_ns >= 0)
			rt_print_time(ANY, "registered_ns", "registered at %s",
				      h->registered_ns);
		else
			rt_print_text("registered at an unknown time");
		rt_print_int(ANY, "feeds", ", %lld feeds", h->feeds);
		rt_print_int(ANY, "bytes", ", %lld bytes", h->bytes);
		rt_print_int(ANY, "bits", ", %lld bits", h->bits);
		rt_print_flag(ANY, "current", h->current, " (current)", "");
		rt_print_nl();
		rt_print_close_object();
	}
	rt_print_close_array();
}

int rt_report_print(FILE *f, bool json, const char *name,
		    const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv)
{
	const char *rng;
	char no_rng[64];
	size_t i;

	rt_print_start(f, json);
	/* first: what follows may be short of the boot */
	rt_print_completeness(s, "INCOMPLETE: %s\n");
	rt_print_str(JSON, "stopped_by", NULL, s->stopped_by);
	rt_print_str(ANY, "trace", "trace:      %s\n", name);
	rt_print_name(ANY, "kernel_release", "kernel:     %s\n", s->kernel_release);
	rt_print_str(JSON, "boot_id", NULL, s->boot_id);
	rt_print_str(JSON, "cmdline", NULL, s->cmdline);
	rt_print_text("cpu:        ");
	rt_print_str(*s->arch ? ANY : JSON, "arch", "%s, ", s->arch);
	rt_print_flag(ANY, "hypervisor", s->hypervisor, "under a hypervisor, ", "");
	/* "RDRAND", "no RNDR (FEAT_RNG)", "no CPU RNG": the architecture's name */
	rng = rt_arch_cpu_rng_name(s->arch_id);
	snprintf(no_rng, sizeof(no_rng), "no %s", rng);
	rt_print_flag(ANY, "cpu_rng", s->cpu_rng, rng, no_rng);
	rt_print_flag(JSON, "cpu_rdrand", s->cpu_rdrand, "", "");
	rt_print_flag(ANY, "cpu_rdseed", s->cpu_rdseed, ", RDSEED", "");
	rt_print_flag(ANY, "trust_cpu_off", s->trust_cpu_off,
		      ", random.trust_cpu=off", "");
	rt_print_nl();
	print_ready(s);
	print_credits(s);
	print_waits(s);
	print_unseeded(s);
	print_hwrng(s);
	rt_print_int(s->events_dropped > 0 ? ANY : JSON, "events_dropped",
		     "\nwarning:    the ring dropped %lld events: waits and credits may be missing\n",
		     s->events_dropped);
	if (s->bpf_backend)
		rt_print_int(s->bpf_missed > 0 ? ANY : JSON, "bpf_missed",
			     "\nwarning:    the BPF programs missed %lld events (record.bpf counts them by cause): waits and credits may be missing\n",
			     s->bpf_missed);
	if (!nadv)
		rt_print_text(rt_summary_stalled(s) ? "\nadvice:     none\n" :
			      "\nadvice:     none: nothing waited for the CRNG\n");
	else
		rt_print_text("\nadvice:\n");
	rt_print_open_array("advice");
	for (i = 0; i < nadv; i++) {
		rt_print_open_object(NULL);
		rt_print_str(ANY, "id", "  [%s]", adv[i].id);
		rt_print_str(ANY, "text", " %s\n", adv[i].text);
		rt_print_close_object();
	}
	rt_print_close_array();
	return rt_print_end();
}
