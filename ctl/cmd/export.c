// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace export --format perfetto|prometheus|junit|ktap FILE [-o OUT]:
 * a trace in another tool's format (export_*.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "export.h"
#include "outfile.h"
#include "subcommands.h"
#include "summary.h"
#include "trace.h"

static const char export_usage[] =
	"usage: rngtrace export --format FORMAT FILE [-o OUT] [--max-wait T] [--max-ready T]\n"
	"\n"
	"Write a trace that 'rngtrace record' wrote in another tool's format:\n"
	"  perfetto    Chrome trace-event JSON for ui.perfetto.dev or\n"
	"              chrome://tracing: each wait a slice on its task's track,\n"
	"              CRNG ready, hwrng registrations and unseeded reads as\n"
	"              instants, the credited bits by source as a counter;\n"
	"              microseconds since boot (CLOCK_BOOTTIME)\n"
	"  prometheus  metrics for node_exporter's textfile collector\n"
	"              (rngtrace_crng_ready_seconds, rngtrace_wait_seconds_total,\n"
	"              rngtrace_credited_entropy{source=...}, ...), labelled with\n"
	"              kernel and boot_id\n"
	"  junit       JUnit XML: a test suite 'rngtrace' with the test case\n"
	"              crng-ready and one 'wait: COMM (UNIT)' per task that waited\n"
	"  ktap        the same test cases as KTAP version 1 in the kselftest\n"
	"              runner's layout (openQA reads it): per case a group\n"
	"              'selftests: rngtrace: ID' (crng_ready, wait.COMM.UNIT)\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT  perfetto, prometheus, junit or ktap (required)\n"
	"  -o, --output OUT     write OUT (replaced atomically) instead of\n"
	"                       standard output\n"
	"  --max-wait T         junit, ktap: a task fails when one of its waits\n"
	"                       lasted longer than T seconds\n"
	"  --max-ready T        junit, ktap: crng-ready fails when the CRNG was\n"
	"                       ready later than T seconds after boot, or the trace\n"
	"                       does not show it ready\n"
	"  -h, --help           show this help\n"
	"\n"
	"Without limits every test case passes (crng-ready is skipped if the trace\n"
	"does not show the CRNG ready): the cases are informational. A limit is\n"
	"inclusive (a value equal to it passes). T is a duration: 1.5s, 200ms,\n"
	"500us, 1000ns, or a number of seconds (2). FILE may be '-' for standard\n"
	"input. Exits 0 (whatever the test cases say), or 2 on error; use\n"
	"'rngtrace check' for an exit status that follows limits.\n";

struct export_job {
	int (*write)(FILE *f, const struct rt_export *x);
	const struct rt_export *x;
};

static int export_write(FILE *f, const void *arg)
{
	const struct export_job *job = arg;

	return job->write(f, job->x);
}

int export_main(int argc, char *argv[])
{
	enum { OPT_MAX_WAIT = 256, OPT_MAX_READY };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-wait", required_argument, NULL, OPT_MAX_WAIT },
		{ "max-ready", required_argument, NULL, OPT_MAX_READY },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static const struct {
		const char *name;
		int (*write)(FILE *f, const struct rt_export *x);
	} formats[] = {
		{ "perfetto", rt_export_perfetto },
		{ "prometheus", rt_export_prometheus },
		{ "junit", rt_export_junit },
		{ "ktap", rt_export_ktap },
	};
	struct rt_export x = { .max_wait_ns = -1, .max_ready_ns = -1, .when = -1 };
	const char *format = NULL, *out = NULL;
	struct export_job job;
	struct rt_summary s;
	struct stat st;
	char bad[64], err[512];
	size_t fi;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case OPT_MAX_WAIT:
		case OPT_MAX_READY: {
			long long v;

			if (rt_parse_duration(optarg, &v)) {
				rt_usage_error("export", "%s takes a duration (1.5s, 200ms, or seconds), not '%s'",
					       c == OPT_MAX_WAIT ? "--max-wait" : "--max-ready",
					       optarg);
				return RT_EXIT_ERROR;
			}
			if (c == OPT_MAX_WAIT)
				x.max_wait_ns = v;
			else
				x.max_ready_ns = v;
			break;
		}
		case 'h':
			fputs(export_usage, stdout);
			return RT_EXIT_OK;
		default:
			if (optopt && strchr("fo", optopt))
				rt_usage_error("export", "option '%s' needs a value",
					       rt_bad_option(argv, bad, sizeof(bad)));
			else
				rt_usage_error("export", "unknown option '%s'",
					       rt_bad_option(argv, bad, sizeof(bad)));
			return RT_EXIT_ERROR;
		}
	}
	if (!format) {
		rt_usage_error("export", "--format is required (perfetto, prometheus, junit or ktap)");
		return RT_EXIT_ERROR;
	}
	for (fi = 0; fi < sizeof(formats) / sizeof(formats[0]); fi++)
		if (!strcmp(format, formats[fi].name))
			break;
	if (fi == sizeof(formats) / sizeof(formats[0])) {
		rt_usage_error("export", "unknown format '%s' (perfetto, prometheus, junit or ktap)",
			       format);
		return RT_EXIT_ERROR;
	}
	if (optind >= argc) {
		rt_usage_error("export", "no trace given");
		return RT_EXIT_ERROR;
	}
	if (argc - optind > 1) {
		rt_usage_error("export", "one trace at a time, not '%s' too",
			       argv[optind + 1]);
		return RT_EXIT_ERROR;
	}
	x.file = argv[optind];
	if (rt_summary_load(x.file, &s, err, sizeof(err))) {
		fprintf(stderr, "rngtrace export: %s\n", err);
		return RT_EXIT_ERROR;
	}
	x.s = &s;
	x.when = strcmp(x.file, "-") && !stat(x.file, &st) ? (long long)st.st_mtime :
		 (long long)time(NULL);
	job.write = formats[fi].write;
	job.x = &x;
	c = rt_outfile_write("export", out, export_write, &job);
	rt_summary_free(&s);
	return c ? RT_EXIT_ERROR : RT_EXIT_OK;
}
