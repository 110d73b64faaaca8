// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the streaming trace loader and the
 * summary (rt_summary_loadb), the jansson loader and rt_summarize() (the
 * two must agree), the advice rules, and every renderer: report (text,
 * JSON, summary line, journal fields), check's verdict, compare's table
 * and JSON, plot and every export. A crash, a
 * sanitizer report or a broken invariant (__builtin_trap) is a finding.
 */
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <string.h>

#include "advice.h"
#include "check.h"
#include "compare.h"
#include "export.h"
#include "plot.h"
#include "print.h"
#include "report.h"
#include "report_line.h"
#include "summary.h"
#include "trace.h"

/* check's verdict, text and JSON, with every limit at 0, 1 s and none. */
static void check(FILE *null, const struct rt_summary *s)
{
	static const long long at[] = { 0, 1000000000LL, -1 };
	size_t i;
	int json;

	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct rt_limits l = { at[i], at[i], at[i] > 0 ? 1 : at[i],
				       at[i] > 0 ? 1 : at[i] };

		for (json = 0; json < 2; json++) {
			rt_print_start(null, json);
			if (rt_check_limits("fuzz", s, &l) < 0)
				__builtin_trap();
			if (rt_print_end())
				__builtin_trap();	/* only out of memory */
		}
	}
}

/*
 * compare's table and JSON: the trace with itself (a group of two, so
 * median [min..max]) and beside a trace of nothing, by kernel and by
 * label. The summaries are shared, not copied: compare only reads them.
 */
static void compare(FILE *null, const struct rt_summary *s)
{
	static struct rt_cmp_trace tr[3];
	struct rt_cmp_groups *g;
	int json, by_label;
	size_t i;

	for (i = 0; i < 3; i++) {
		memset(&tr[i], 0, sizeof(tr[i]));
		tr[i].file = "fuzz";
		tr[i].label = i == 2 ? "other" : "fuzz";
		if (i < 2)
			tr[i].s = *s;
		else {
			tr[i].s.kernel_release = "another kernel";
			tr[i].s.boot_id = tr[i].s.cmdline = "";
			tr[i].s.ready_ns = tr[i].s.load_ns = -1;
		}
		rt_cmp_metrics(&tr[i]);
	}
	for (by_label = 0; by_label < 2; by_label++) {
		g = rt_cmp_group(tr, 3, by_label);
		if (!g)
			__builtin_trap();	/* only out of memory */
		for (json = 0; json < 2; json++) {
			rt_print_start(null, json);
			if (rt_cmp_print(g) || rt_print_end())
				__builtin_trap();
		}
		rt_cmp_groups_free(g);
	}
}

/*
 * Every renderer on what the loader accepted, to /dev/null: what they
 * compute is checked by the sanitizers (overflow, bounds, leaks).
 */
static void render(const struct rt_summary *s)
{
	static FILE *null;
	const struct rt_summary *all[2] = { s, s };
	struct rt_export x = { .file = "fuzz", .s = s,
			       .max_wait_ns = 1000000000LL,
			       .max_ready_ns = 1000000000LL };
	struct rt_advice adv[8];
	size_t nadv = rt_advise(s, adv, 8);

	if (!null && !(null = fopen("/dev/null", "w")))
		__builtin_trap();
	if (nadv > 8)
		nadv = 8;
	if (rt_report_print(null, false, "fuzz", s, adv, nadv) ||
	    rt_report_print(null, true, "fuzz", s, adv, nadv))
		__builtin_trap();	/* only out of memory may fail them */
	rt_report_line(null, s, adv, nadv);
	rt_report_journal(null, s, adv, nadv);
	if (rt_plot_svg(null, s) || rt_export_perfetto(null, &x) ||
	    rt_export_prometheus(null, &x) || rt_export_junit(null, &x) ||
	    rt_export_ktap(null, &x) || rt_export_kcidb(null, &x) ||
	    rt_export_lava(null, &x) || rt_export_squad(null, &x))
		__builtin_trap();	/* only out of memory may fail them */
	x.max_wait_ns = x.max_ready_ns = -1;
	x.all = all;
	x.nall = 2;		/* squad over several traces */
	if (rt_export_junit(null, &x) || rt_export_ktap(null, &x) ||
	    rt_export_kcidb(null, &x) || rt_export_lava(null, &x) ||
	    rt_export_squad(null, &x))
		__builtin_trap();
	check(null, s);
	compare(null, s);
}

static void check_summary(const struct rt_summary *s)
{
	struct rt_advice adv[8];
	size_t i, calls = 0, served = 0, waits = 0;

	/* a refusal or an acceptance: never half of each */
	if ((s->nwaits && !s->waits) || (s->nunseeded_groups && !s->unseeded) ||
	    (s->nhwrng && !s->hwrngs) || (s->ntasks && !s->tasks) ||
	    !s->series || s->nmarks > RT_MAX_MARKS ||
	    s->nmarks > s->nmarks_total)
		__builtin_trap();
	if (s->nblocked != s->ntasks || s->ntasks > s->nwaits)
		__builtin_trap();
	for (i = 0; i < s->nwaits; i++) {
		if (s->waits[i].wait_ns < 0 || s->waits[i].wait_ns > s->worst_wait_ns)
			__builtin_trap();
		if (i && s->waits[i].wait_ns > s->waits[i - 1].wait_ns)
			__builtin_trap();	/* longest first */
		if (!s->waits[i].comm || !s->waits[i].unit || !s->waits[i].path)
			__builtin_trap();
	}
	for (i = 0; i < s->ntasks; i++) {
		waits += s->tasks[i].nwaits;
		if (i && s->tasks[i].first_start_ns < s->tasks[i - 1].first_start_ns)
			__builtin_trap();	/* in the order they first waited */
	}
	if (waits != s->nwaits)
		__builtin_trap();
	for (i = 0; i < s->nunseeded_groups; i++) {
		const struct rt_unseeded_group *g = &s->unseeded[i];

		if (!g->count || g->served > g->count || g->eagain > g->count ||
		    g->first_ns > g->last_ns || !g->comm || !g->path)
			__builtin_trap();
		calls += g->count;
		served += g->served;
	}
	if (calls != s->nunseeded || served != s->nunseeded_served)
		__builtin_trap();
	if (s->series->width_ns <= 0)
		__builtin_trap();
	if (!s->kernel_release || !s->arch || !s->ready_source || !s->hwrng_current)
		__builtin_trap();
	(void)rt_advise(s, adv, sizeof(adv) / sizeof(adv[0]));
}

/*
 * The streaming path (what the commands use), and the jansson path (what
 * tests and small traces use): the same loader, so they must agree on
 * accepting the input and on what it says.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_summary s, d;
	char err[512] = "", err2[512] = "";
	int streamed;
	json_t *t;

	streamed = rt_summary_loadb((const char *)data, size, "fuzz", &s, err,
				    sizeof(err)) == 0;
	if (!streamed && !err[0])
		__builtin_trap();	/* refused without saying why */
	if (streamed) {
		check_summary(&s);
		render(&s);
	}

	t = rt_trace_loadb((const char *)data, size, "fuzz", err2, sizeof(err2));
	if (!t != !streamed)
		__builtin_trap();
	if (t) {
		if (rt_summarize(t, &d, err2, sizeof(err2)))
			__builtin_trap();
		check_summary(&d);
		if (d.nwaits != s.nwaits || d.nunseeded != s.nunseeded ||
		    d.nunseeded_groups != s.nunseeded_groups ||
		    d.total_wait_ns != s.total_wait_ns ||
		    d.ntasks != s.ntasks || d.nevents != s.nevents)
			__builtin_trap();
		rt_summary_free(&d);
		json_decref(t);
	}
	if (streamed)
		rt_summary_free(&s);
	return 0;
}
