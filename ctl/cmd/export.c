// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace export --format FORMAT FILE... [-o OUT]: a trace in another
 * tool's format (export_*.c); squad takes several.
 */
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
	"                       [--accept-incomplete]\n"
	"       rngtrace export --format kcidb FILE [--origin NAME] [--build-id ID] ...\n"
	"       rngtrace export --format squad FILE... [-o OUT] ...\n"
	"\n"
	"Write a trace that 'rngtrace record' wrote in another tool's format:\n"
	"  perfetto    Chrome trace-event JSON for ui.perfetto.dev or\n"
	"              chrome://tracing: each wait a slice on its task's track,\n"
	"              CRNG ready, hwrng registrations and unseeded reads as\n"
	"              instants, the credited bits by source as a counter;\n"
	"              microseconds since boot (CLOCK_BOOTTIME)\n"
	"  prometheus  metrics for node_exporter's textfile collector\n"
	"              (rngtrace_crng_ready_seconds,\n"
	"              rngtrace_crng_ready_source_info{source=...},\n"
	"              rngtrace_wait_seconds_total, rngtrace_blocked_tasks,\n"
	"              rngtrace_unseeded_reads_total,\n"
	"              rngtrace_credited_entropy{source=...}, ...), labelled with\n"
	"              kernel and boot_id\n"
	"  junit       JUnit XML: a test suite 'rngtrace' with the test case\n"
	"              crng-ready, one 'wait: COMM (UNIT)' per task that waited,\n"
	"              and trace-complete\n"
	"  ktap        the same test cases as KTAP version 1 in the kselftest\n"
	"              runner's layout (openQA reads it): per case a group\n"
	"              'selftests: rngtrace: ID' (crng_ready, wait.COMM.UNIT,\n"
	"              trace_complete)\n"
	"  kcidb       KernelCI's KCIDB v5.3 JSON: the cases as tests\n"
	"              rngtrace.ID (PASS/FAIL against a limit, DONE without one;\n"
	"              rngtrace.trace_complete PASS, FAIL or SKIP) and the\n"
	"              boot's measurements (rngtrace.waits.total, ...) as DONE\n"
	"              tests with a number, of a checkout and build\n"
	"              ORIGIN:RELEASE (or of --build-id)\n"
	"  lava        lava-test-case lines (NAME, result, measurement, units)\n"
	"              for a LAVA test shell (tools/lava/rngtrace.yaml)\n"
	"  squad       SQUAD's tests and metrics (and metadata) as one JSON\n"
	"              object; over several traces a metric is an array\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT  perfetto, prometheus, junit, ktap, kcidb, lava or\n"
	"                       squad (required)\n"
	"  -o, --output OUT     write OUT (replaced atomically) instead of\n"
	"                       standard output\n"
	"  --max-wait T         junit, ktap, kcidb, lava, squad: a task fails when\n"
	"                       one of its waits lasted longer than T seconds\n"
	"  --max-ready T        junit, ktap, kcidb, lava, squad: crng-ready fails\n"
	"                       when the CRNG was ready later than T seconds after\n"
	"                       boot, or the trace does not show it ready\n"
	"  --accept-incomplete  junit, ktap, kcidb, lava, squad: trace-complete is\n"
	"                       skipped, not failed, for an incomplete trace\n"
	"  --origin NAME        kcidb: the CI system submitting ([a-z0-9_],\n"
	"                       default rngtrace)\n"
	"  --build-id ID        kcidb: the KCIDB build the boot tested\n"
	"                       (ORIGIN:...); no checkout or build is written\n"
	"  -h, --help           show this help\n"
	"\n"
	"An incomplete trace (record stopped by a timeout or a signal, or no\n"
	"READY) says so in every format: trace-complete fails (junit, ktap,\n"
	"kcidb, lava, squad), rngtrace_trace_complete is 0 (prometheus),\n"
	"metadata.rngtrace_complete is false (perfetto); waits still in flight\n"
	"at its end count up to it.\n"
	"Without limits every other test case passes (crng-ready is skipped if the\n"
	"trace does not show the CRNG ready): they are informational. A limit is\n"
	"inclusive (a value equal to it passes). T is a duration: 1.5s, 200ms,\n"
	"500us, 1000ns, or a number of seconds (2). FILE may be '-' for standard\n"
	"input. Exits 0 (whatever the test cases say), or 2 on error; use\n"
	"'rngtrace check' for an exit status that follows limits.\n";

#define FORMATS "perfetto, prometheus, junit, ktap, kcidb, lava or squad"

struct export_job {
	int (*write)(FILE *f, const struct rt_export *x);
	const struct rt_export *x;
};

static int export_write(FILE *f, const void *arg)
{
	const struct export_job *job = arg;

	return job->write(f, job->x);
}

/* [a-z0-9_]+, KCIDB's origin. */
static int kcidb_origin_ok(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_'))
			return 0;
	return len > 0;
}

int export_main(int argc, char *argv[])
{
	enum { OPT_MAX_WAIT = 256, OPT_MAX_READY, OPT_ACCEPT, OPT_ORIGIN,
	       OPT_BUILD_ID };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-wait", required_argument, NULL, OPT_MAX_WAIT },
		{ "max-ready", required_argument, NULL, OPT_MAX_READY },
		{ "accept-incomplete", no_argument, NULL, OPT_ACCEPT },
		{ "origin", required_argument, NULL, OPT_ORIGIN },
		{ "build-id", required_argument, NULL, OPT_BUILD_ID },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static const struct {
		const char *name;
		int (*write)(FILE *f, const struct rt_export *x);
		int many;	/* takes several traces */
	} formats[] = {
		{ "perfetto", rt_export_perfetto, 0 },
		{ "prometheus", rt_export_prometheus, 0 },
		{ "junit", rt_export_junit, 0 },
		{ "ktap", rt_export_ktap, 0 },
		{ "kcidb", rt_export_kcidb, 0 },
		{ "lava", rt_export_lava, 0 },
		{ "squad", rt_export_squad, 1 },
	};
	struct rt_opts o = {
		.cmd = "export", .usage = export_usage,
		.shortopts = "f:o:h", .longopts = opts,
	};
	struct rt_export x = { .max_wait_ns = -1, .max_ready_ns = -1, .when = -1 };
	const char *format = NULL, *out = NULL;
	const struct rt_summary **all = NULL;
	struct rt_summary *s = NULL;
	struct export_job job;
	struct stat st;
	char err[512];
	size_t fi, n = 0, i;
	int c, ret = RT_EXIT_ERROR;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
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
		case OPT_ACCEPT:
			x.accept_incomplete = true;
			break;
		case OPT_ORIGIN:
			if (!kcidb_origin_ok(optarg, strlen(optarg))) {
				rt_usage_error("export", "--origin takes a name of a-z, 0-9 and _, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			x.origin = optarg;
			break;
		case OPT_BUILD_ID:
			if (!strchr(optarg, ':') ||
			    !kcidb_origin_ok(optarg, strchr(optarg, ':') - optarg)) {
				rt_usage_error("export", "--build-id takes ORIGIN:ID (ORIGIN of a-z, 0-9 and _), not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			x.build_id = optarg;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (!format) {
		rt_usage_error("export", "--format is required (" FORMATS ")");
		return RT_EXIT_ERROR;
	}
	for (fi = 0; fi < sizeof(formats) / sizeof(formats[0]); fi++)
		if (!strcmp(format, formats[fi].name))
			break;
	if (fi == sizeof(formats) / sizeof(formats[0])) {
		rt_usage_error("export", "unknown format '%s' (" FORMATS ")", format);
		return RT_EXIT_ERROR;
	}
	if ((x.origin || x.build_id) && strcmp(format, "kcidb")) {
		rt_usage_error("export", "%s is for --format kcidb only",
			       x.origin ? "--origin" : "--build-id");
		return RT_EXIT_ERROR;
	}
	if (optind >= argc) {
		rt_usage_error("export", "no trace given");
		return RT_EXIT_ERROR;
	}
	if (argc - optind > 1 && !formats[fi].many) {
		rt_usage_error("export", "one trace at a time, not '%s' too",
			       argv[optind + 1]);
		return RT_EXIT_ERROR;
	}
	n = argc - optind;
	s = calloc(n, sizeof(*s));
	all = calloc(n, sizeof(*all));
	if (!s || !all) {
		fprintf(stderr, "rngtrace export: out of memory\n");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (rt_summary_load(argv[optind + i], &s[i], err, sizeof(err))) {
			rt_load_error("export", err);
			n = i;
			goto out;
		}
		all[i] = &s[i];
	}
	x.file = argv[optind];
	x.s = &s[0];
	x.all = all;
	x.nall = n;
	x.when = strcmp(x.file, "-") && !stat(x.file, &st) ? (long long)st.st_mtime :
		 (long long)time(NULL);
	job.write = formats[fi].write;
	job.x = &x;
	if (!rt_outfile_write("export", out, export_write, &job))
		ret = RT_EXIT_OK;
out:
	for (i = 0; i < n; i++)
		rt_summary_free(&s[i]);
	free(s);
	free(all);
	return ret;
}
