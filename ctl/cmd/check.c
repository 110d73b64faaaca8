// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace check [--max-ready T] [--max-wait T] [--max-blocked N]
 *                [--max-unseeded N] FILE|-
 *
 * Whether a trace meets limits, for scripts and CI: exit 0 when it meets
 * every limit given, 1 when not (a line per limit it broke), 2 on error.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compare.h"
#include "cli.h"
#include "print.h"
#include "subcommands.h"
#include "summary.h"
#include "trace.h"

static const char check_usage[] =
	"usage: rngtrace check [--max-ready T] [--max-wait T] [--max-blocked N]\n"
	"                      [--max-unseeded N] [--accept-incomplete] [--json]\n"
	"                      FILE|-\n"
	"       rngtrace check --baseline FILE... --max-worse FIGURE=X...\n"
	"                      [--confidence C] [--json] FILE...\n"
	"\n"
	"Checks a trace written by 'rngtrace record' (\"-\" for standard input)\n"
	"against limits. Checking the running system without a trace is not\n"
	"supported yet: record one with 'rngtrace record -o FILE'.\n"
	"\n"
	"Options (each limit is inclusive: a value equal to it passes):\n"
	"  --max-ready T     the CRNG was ready at most T after boot (CLOCK_BOOTTIME);\n"
	"                    ready before rngtrace loaded counts as 0, and a trace\n"
	"                    in which it never became ready breaks the limit\n"
	"  --max-wait T      no task waited for the CRNG longer than T\n"
	"  --max-blocked N   at most N tasks (thread groups) waited for it\n"
	"  --max-unseeded N  at most N reads got random bytes before it was ready (a\n"
	"                    call that failed, as GRND_NONBLOCK does with EAGAIN, got\n"
	"                    none and does not count)\n"
	"  --accept-incomplete\n"
	"                    pass an incomplete trace (record stopped by a timeout\n"
	"                    or a signal, or no READY) if it meets the limits\n"
	"  --baseline FILE   a trace of the baseline (group A; repeat for each);\n"
	"                    then the FILEs are group B and only --max-worse applies\n"
	"  --max-worse FIGURE=X\n"
	"                    fail when B is proven worse than A by more than X:\n"
	"                    the confidence interval of B - A (Student's t, pooled,\n"
	"                    as 'rngtrace compare') lies above X. FIGURE is ready or\n"
	"                    blocked-time (X a duration) or blocked-tasks (X a count);\n"
	"                    fewer than 2 traces in a group fails too\n"
	"  --confidence C    for --max-worse, in percent (default 95)\n"
	"  -j, --json        print the verdict as one JSON object: {trace, ok,\n"
	"                    broken: [{check, ..., limit_ns or limit}]}, times\n"
	"                    in nanoseconds (ready_time_ns, worst_wait_ns)\n"
	"  -h, --help        show this help\n"
	"\n"
	"T is a duration: 1.5s, 200ms, 500us, 1000ns, or a number of seconds (2).\n"
	"With no limit, check only checks that FILE is a trace it can read.\n"
	"\n"
	"Durations print in seconds (0.860 s). Exit status: 0 when the trace\n"
	"meets every limit, 1 when it does not (a line on standard output per\n"
	"limit broken), 2 on an error, 3 when it meets every limit but is\n"
	"incomplete and --accept-incomplete was not given.\n";

static int parse_count(const char *str, long long *n)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)*str))
		return -1;
	errno = 0;
	v = strtoull(str, &end, 10);
	if (errno || *end || v > (unsigned long long)LLONG_MAX)
		return -1;
	*n = (long long)v;
	return 0;
}

/* "ready=1.5s", "blocked-time=200ms", "blocked-tasks=1". */
static int parse_worse(const char *arg, int *figure, double *limit)
{
	const char *eq = strchr(arg, '=');
	char name[32];
	long long v;

	if (!eq || (size_t)(eq - arg) >= sizeof(name))
		return -1;
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	*figure = rt_cmp_figure(name);
	if (*figure < 0)
		return -1;
	if (*figure == RT_CMP_BLOCKED ? parse_count(eq + 1, &v) :
	    rt_parse_duration(eq + 1, &v))
		return -1;
	*limit = (double)v;
	return 0;
}

/* check --baseline A... --max-worse FIGURE=X... B...: the gate on compare. */
static int check_worse(const char **base, size_t nbase, char **files,
		       size_t nfiles, const int *figure, const double *limit,
		       size_t nworse, double confidence, bool json)
{
	size_t n = nbase + nfiles, i;
	struct rt_cmp_trace *tr = calloc(n, sizeof(*tr));
	struct rt_cmp_groups *g = NULL;
	char err[512];
	int ret = RT_EXIT_ERROR, broken;

	if (!tr) {
		fprintf(stderr, "rngtrace check: out of memory\n");
		return RT_EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		tr[i].file = i < nbase ? base[i] : files[i - nbase];
		tr[i].label = i < nbase ? "A (baseline)" : "B";
		if (rt_summary_load(tr[i].file, &tr[i].s, err, sizeof(err))) {
			rt_load_error("check", err);
			goto out;
		}
		tr[i].summarized = 1;
		rt_cmp_metrics(&tr[i]);
		rt_summary_trim(&tr[i].s);
	}
	g = rt_cmp_group(tr, n, true, confidence);
	if (!g) {
		fprintf(stderr, "rngtrace check: out of memory\n");
		goto out;
	}
	rt_print_start(stdout, json);
	broken = rt_check_worse(g, figure, limit, nworse);
	if (rt_print_end()) {
		fprintf(stderr, "rngtrace check: cannot write the output\n");
		goto out;
	}
	ret = broken ? RT_CHECK_EXIT_BROKEN : RT_EXIT_OK;
out:
	for (i = 0; i < n; i++)
		if (tr[i].summarized)
			rt_summary_free(&tr[i].s);
	rt_cmp_groups_free(g);
	free(tr);
	return ret;
}

int check_main(int argc, char *argv[])
{
	enum { OPT_READY = 256, OPT_WAIT, OPT_BLOCKED, OPT_UNSEEDED,
	       OPT_ACCEPT, OPT_BASELINE, OPT_WORSE, OPT_CONFIDENCE };
	static const struct option opts[] = {
		{ "max-ready", required_argument, NULL, OPT_READY },
		{ "max-wait", required_argument, NULL, OPT_WAIT },
		{ "max-blocked", required_argument, NULL, OPT_BLOCKED },
		{ "max-unseeded", required_argument, NULL, OPT_UNSEEDED },
		{ "accept-incomplete", no_argument, NULL, OPT_ACCEPT },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "max-worse", required_argument, NULL, OPT_WORSE },
		{ "confidence", required_argument, NULL, OPT_CONFIDENCE },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "check", .usage = check_usage,
		.shortopts = "jh", .longopts = opts,
	};
	bool json = false;
	struct rt_limits l = { -1, -1, -1, -1, false };
	struct rt_summary s;
	char err[512];
	const char *baseline[64];
	int figure[8], c, broken;
	double limit[8], confidence = 95;
	size_t nbase = 0, nworse = 0;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case OPT_READY:
		case OPT_WAIT:
			if (rt_parse_duration(optarg, c == OPT_READY ?
					      &l.max_ready : &l.max_wait)) {
				rt_usage_error("check", "--%s: '%s' is not a duration like 1.5s, 200ms or 2",
					       c == OPT_READY ? "max-ready" : "max-wait",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		case OPT_BLOCKED:
		case OPT_UNSEEDED:
			if (parse_count(optarg, c == OPT_BLOCKED ?
					&l.max_blocked : &l.max_unseeded)) {
				rt_usage_error("check", "--%s: '%s' is not a count (0, 1, 2...)",
					       c == OPT_BLOCKED ? "max-blocked" : "max-unseeded",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		case OPT_ACCEPT:
			l.accept_incomplete = true;
			break;
		case OPT_BASELINE:
			if (nbase == sizeof(baseline) / sizeof(baseline[0])) {
				rt_usage_error("check", "at most %zu --baseline traces", nbase);
				return RT_EXIT_ERROR;
			}
			baseline[nbase++] = optarg;
			break;
		case OPT_WORSE:
			if (nworse == sizeof(figure) / sizeof(figure[0]) ||
			    parse_worse(optarg, &figure[nworse], &limit[nworse])) {
				rt_usage_error("check", "--max-worse: '%s' is not ready=T, blocked-time=T or blocked-tasks=N",
					       optarg);
				return RT_EXIT_ERROR;
			}
			nworse++;
			break;
		case OPT_CONFIDENCE: {
			char *end;

			confidence = strtod(optarg, &end);
			if (end == optarg || *end || !(confidence > 0 && confidence < 100)) {
				rt_usage_error("check", "--confidence is a percentage above 0 and below 100, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		}
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		rt_usage_error("check", "give a trace FILE (record one with 'rngtrace record -o FILE')");
		return RT_EXIT_ERROR;
	}
	if (nbase || nworse) {
		if (!nbase || !nworse || l.max_ready >= 0 || l.max_wait >= 0 ||
		    l.max_blocked >= 0 || l.max_unseeded >= 0) {
			rt_usage_error("check", "--baseline and --max-worse go together, without the other limits");
			return RT_EXIT_ERROR;
		}
		return check_worse(baseline, nbase, argv + optind,
				   (size_t)(argc - optind), figure, limit,
				   nworse, confidence, json);
	}
	if (optind + 1 < argc) {
		rt_usage_error("check", "unexpected argument '%s' (several traces go with --baseline)",
			       argv[optind + 1]);
		return RT_EXIT_ERROR;
	}

	if (rt_summary_load(argv[optind], &s, err, sizeof(err))) {
		rt_load_error("check", err);
		return RT_EXIT_ERROR;
	}
	rt_print_start(stdout, json);
	broken = rt_check_limits(argv[optind], &s, &l);
	if (rt_print_end()) {
		fprintf(stderr, "rngtrace check: cannot write the output\n");
		rt_summary_free(&s);
		return RT_EXIT_ERROR;
	}
	broken = rt_check_exit(&s, &l, broken);
	rt_summary_free(&s);
	return broken;
}
