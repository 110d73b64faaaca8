// SPDX-License-Identifier: GPL-2.0
/* rngtrace check's verdict (check.h), from the summary alone. */
#include <stdbool.h>
#include <stdio.h>

#include "check.h"
#include "compare.h"
#include "complete.h"
#include "print.h"
#include "stats.h"

/* One broken limit: its name, then its fields (print.h: text and JSON). */
static void broken_start(const char *check)
{
	rt_print_open_object(NULL);
	rt_print_str(RT_PRINT_ANY, "check", "%s: ", check);
}

static void broken_end(void)
{
	rt_print_nl();
	rt_print_close_object();
}

int rt_check_limits(const char *file, const struct rt_summary *s,
		    const struct rt_limits *l)
{
	int broken = 0;

	rt_print_str(RT_PRINT_JSON, "trace", NULL, file);
	rt_print_open_array("broken");
	if (l->max_ready >= 0) {
		const char *why = NULL;

		if (!s->ready)
			why = "the CRNG was not ready when the recording ended";
		else if (!s->ready_before_load && s->ready_ns < 0)
			why = "the trace does not say when the CRNG was ready";
		if (why) {
			broken_start("max-ready");
			rt_print_str(RT_PRINT_ANY, "reason", "%s", why);
			rt_print_time(RT_PRINT_ANY, "limit_ns", " (limit %s)",
				      l->max_ready);
			broken_end();
			broken++;
		} else if (!s->ready_before_load && s->ready_ns > l->max_ready) {
			broken_start("max-ready");
			rt_print_time(RT_PRINT_ANY, "ready_time_ns",
				      "ready %s after boot", s->ready_ns);
			rt_print_time(RT_PRINT_ANY, "limit_ns",
				      ", over the limit of %s", l->max_ready);
			broken_end();
			broken++;
		}
	}
	if (l->max_wait >= 0 && s->worst_wait_ns > l->max_wait) {
		const struct rt_wait_info *w = &s->waits[0];

		broken_start("max-wait");
		rt_print_str(RT_PRINT_ANY, "comm", "%s", *w->comm ? w->comm : "a task");
		rt_print_int(RT_PRINT_ANY, "pid", " (pid %lld)", w->pid);
		rt_print_time(RT_PRINT_ANY, "worst_wait_ns", " waited %s",
			      s->worst_wait_ns);
		rt_print_time(RT_PRINT_ANY, "limit_ns", ", over the limit of %s",
			      l->max_wait);
		broken_end();
		broken++;
	}
	if (l->max_blocked >= 0 && (long long)s->nblocked > l->max_blocked) {
		broken_start("max-blocked");
		rt_print_int(RT_PRINT_ANY, "blocked_tasks", "%lld tasks waited",
			     (long long)s->nblocked);
		rt_print_int(RT_PRINT_ANY, "limit", ", over the limit of %lld",
			     l->max_blocked);
		broken_end();
		broken++;
	}
	if (l->max_unseeded >= 0 &&
	    (long long)s->nunseeded_served > l->max_unseeded) {
		broken_start("max-unseeded");
		rt_print_int(RT_PRINT_ANY, "unseeded_reads_served",
			     s->nunseeded_served == 1 ? "%lld read served before ready" :
			     "%lld reads served before ready",
			     (long long)s->nunseeded_served);
		rt_print_int(RT_PRINT_ANY, "limit", ", over the limit of %lld",
			     l->max_unseeded);
		broken_end();
		broken++;
	}
	rt_print_close_array();
	rt_print_completeness(s, l->accept_incomplete ?
			      "incomplete (accepted): %s\n" :
			      "incomplete: %s (--accept-incomplete to accept it)\n");
	rt_print_bool(RT_PRINT_JSON, "accept_incomplete", NULL,
		      l->accept_incomplete);
	rt_print_bool(RT_PRINT_JSON, "ok", NULL,
		      rt_check_exit(s, l, broken) == 0);
	return broken;
}

int rt_check_exit(const struct rt_summary *s, const struct rt_limits *l,
		  int broken)
{
	if (broken)
		return RT_CHECK_EXIT_BROKEN;
	if (s->incomplete && !l->accept_incomplete)
		return RT_CHECK_EXIT_INCOMPLETE;
	return 0;
}


int rt_check_worse(const struct rt_cmp_groups *g, const int *figure,
		   const double *limit, size_t n)
{
	int broken = 0;
	size_t i;

	rt_print_open_array("broken");
	for (i = 0; i < n; i++) {
		bool time = figure[i] != RT_CMP_BLOCKED;
		double s = time ? 1e9 : 1;
		struct rt_diff d;

		rt_cmp_diff(g, figure[i], &d);
		if (d.valid && d.proven && d.diff - d.half > limit[i])
			;
		else if (d.valid)
			continue;
		broken_start("max-worse");
		rt_print_str(RT_PRINT_ANY, "figure", "%s: ",
			     rt_cmp_figure_name(figure[i]));
		if (!d.valid) {
			rt_print_str(RT_PRINT_ANY, "reason", "%s",
				     "too few traces to prove anything (2 in each group needed)");
		} else {
			rt_print_float(RT_PRINT_ANY, "difference", "B - A = %+.3f",
				       d.diff / s);
			rt_print_float(RT_PRINT_ANY, "half_width", " +/- %.3f",
				       d.half / s);
			rt_print_float(RT_PRINT_ANY, "confidence",
				       " at %g%% confidence", d.confidence);
			rt_print_float(RT_PRINT_ANY, "limit",
				       ", worse by more than the limit of %g",
				       limit[i] / s);
			rt_print_text(time ? " s" : "");
		}
		rt_print_int(RT_PRINT_ANY, "n_a", " (N %lld", (long long)d.na);
		rt_print_int(RT_PRINT_ANY, "n_b", "/%lld)", (long long)d.nb);
		broken_end();
		broken++;
	}
	rt_print_close_array();
	rt_print_bool(RT_PRINT_JSON, "ok", NULL, broken == 0);
	return broken;
}
