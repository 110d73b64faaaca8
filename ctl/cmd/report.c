// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report FILE|- [--json]: what a trace says about the boot, and
 * what to change (advice.c).
 */
#include <stdlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "advice.h"
#include "cli.h"
#include "esc.h"
#include "journal.h"
#include "jsonout.h"
#include "report.h"
#include "report_line.h"
#include "names.h"
#include "subcommands.h"
#include "summary.h"
#include "trace.h"

#define MAX_ADVICE	16

static const char report_usage[] =
	"usage: rngtrace report [--json | --summary | --journal-fields | --journal] FILE|-\n"
	"\n"
	"Reads a trace written by 'rngtrace record' (\"-\" for standard input)\n"
	"and says how the CRNG became ready: the kernel, when it was ready\n"
	"(seconds after boot, CLOCK_BOOTTIME) or that it was ready before the\n"
	"module loaded, the source that completed it, the entropy credited by\n"
	"source, every task that waited for it (longest first), every read\n"
	"served before it was ready, the hardware RNGs, and advice: what to\n"
	"change so that nothing waits.\n"
	"\n"
	"Advice rules: no-rdrand-in-vm, no-hwrng, trust-cpu-off, hwrng-late,\n"
	"seed-not-credited, insecure-consumer, no-boot-seed,\n"
	"trust-bootloader-off, hwrng-untrusted.\n"
	"\n"
	"Options:\n"
	"  -j, --json  print the same as one JSON object, with \"advice\": [{id, text}];\n"
	"              times in integer nanoseconds (ready.time_ns, worst_wait_ns)\n"
	"  --summary   print it in one line (kernel, ready time, waits, advice ids)\n"
	"  --journal-fields\n"
	"              print that line as MESSAGE= and RNGTRACE_* fields, one a\n"
	"              line, for logger(1) in journald mode\n"
	"  --journal   send the boot's entries to the journal (its native\n"
	"              socket): the summary with MESSAGE_ID\n"
	"              " RT_JOURNAL_READY_ID " (READY) or\n"
	"              " RT_JOURNAL_NOT_READY_ID " (NOT_READY),\n"
	"              and one per task that waited with MESSAGE_ID\n"
	"              " RT_JOURNAL_BLOCKED_ID " (BLOCKED);\n"
	"              what rngtrace-record.service logs\n"
	"  -h, --help  show this help\n"
	"\n"
	"Exit status: 0, or 2 when the trace cannot be read or the journal\n"
	"cannot be written (the reason on stderr).\n";

int report_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, 's' },
		{ "journal-fields", no_argument, NULL, 'J' },
		{ "journal", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "report", .usage = report_usage,
		.shortopts = "jh", .longopts = opts,
	};
	struct rt_advice adv[MAX_ADVICE];
	struct rt_summary s;
	char err[512];
	const char *path;
	int form = 0;	/* 'j', 's', 'J' or 'L'; 0 for text */
	size_t nadv;
	int c, ret = RT_EXIT_OK;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'j':
		case 's':
		case 'J':
		case 'L':
			if (form && form != c) {
				rt_usage_error("report", "--json, --summary, --journal-fields and --journal are four forms; give one");
				return RT_EXIT_ERROR;
			}
			form = c;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		rt_usage_error("report", "give a trace FILE, or - for standard input");
		return RT_EXIT_ERROR;
	}
	if (optind + 1 < argc) {
		rt_usage_error("report", "unexpected argument '%s'",
			       argv[optind + 1]);
		return RT_EXIT_ERROR;
	}
	path = argv[optind];

	if (rt_summary_load(path, &s, err, sizeof(err))) {
		rt_load_error("report", err);
		return RT_EXIT_ERROR;
	}
	nadv = rt_advise(&s, adv, MAX_ADVICE);
	if (nadv > MAX_ADVICE)
		nadv = MAX_ADVICE;

	if (form == 's') {
		rt_report_line(stdout, &s, adv, nadv);
	} else if (form == 'J') {
		rt_report_journal(stdout, &s, adv, nadv);
	} else if (form == 'L') {
		/* RNGTRACE_JOURNAL_SOCKET: the tests' fake journal. */
		if (rt_journal_send(getenv("RNGTRACE_JOURNAL_SOCKET"), &s,
				    adv, nadv, err, sizeof(err)) < 0) {
			fprintf(stderr, "rngtrace report: %s\n", err);
			ret = RT_EXIT_ERROR;
		}
	} else if (rt_report_print(stdout, form == 'j',
				   strcmp(path, "-") ? path : "standard input",
				   &s, adv, nadv)) {
		fprintf(stderr, "rngtrace report: cannot write the output\n");
		ret = RT_EXIT_ERROR;
	}
	rt_summary_free(&s);
	return ret;
}
