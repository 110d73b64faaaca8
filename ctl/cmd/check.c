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
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "print.h"
#include "subcommands.h"
#include "summary.h"
#include "trace.h"

static const char check_usage[] =
	"usage: rngtrace check [--max-ready T] [--max-wait T] [--max-blocked N]\n"
	"                      [--max-unseeded N] [--accept-incomplete] [--json]\n"
	"                      FILE|-\n"
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

int check_main(int argc, char *argv[])
{
	enum { OPT_READY = 256, OPT_WAIT, OPT_BLOCKED, OPT_UNSEEDED,
	       OPT_ACCEPT };
	static const struct option opts[] = {
		{ "max-ready", required_argument, NULL, OPT_READY },
		{ "max-wait", required_argument, NULL, OPT_WAIT },
		{ "max-blocked", required_argument, NULL, OPT_BLOCKED },
		{ "max-unseeded", required_argument, NULL, OPT_UNSEEDED },
		{ "accept-incomplete", no_argument, NULL, OPT_ACCEPT },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	bool json = false;
	struct rt_limits l = { -1, -1, -1, -1, false };
	struct rt_summary s;
	char err[512], bad[64];
	int c, broken;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
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
		case 'h':
			fputs(check_usage, stdout);
			return RT_EXIT_OK;
		default:
			if (optopt >= OPT_READY && optopt <= OPT_UNSEEDED)
				rt_usage_error("check", "'%s' needs a value",
					       rt_bad_option(argv, bad, sizeof(bad)));
			else
				rt_usage_error("check", "unknown option '%s'",
					       rt_bad_option(argv, bad, sizeof(bad)));
			return RT_EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "rngtrace check: give a trace FILE (record one with 'rngtrace record -o FILE')\n");
		return RT_EXIT_ERROR;
	}
	if (optind + 1 < argc) {
		rt_usage_error("check", "unexpected argument '%s'", argv[optind + 1]);
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
