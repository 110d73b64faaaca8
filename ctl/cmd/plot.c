// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace plot FILE -o OUT.svg: a trace as an SVG timeline. On top, the
 * entropy credited towards the ready threshold, stacked by source; below,
 * one row per task that waited for the CRNG, and a row of hwrng
 * registrations and unseeded reads; the CRNG's ready moment across all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "names.h"
#include "outfile.h"
#include "plot.h"
#include "subcommands.h"
#include "summary.h"
#include "svg.h"
#include "trace.h"

static const char plot_usage[] =
	"usage: rngtrace plot FILE -o OUT.svg\n"
	"\n"
	"Draw a trace that 'rngtrace record' wrote as an SVG timeline, in seconds\n"
	"since boot (CLOCK_BOOTTIME). The top panel stacks the entropy credited\n"
	"towards the CRNG's 256-bit ready threshold by source, starting from what\n"
	"boot code had credited when the module loaded; a vertical line marks\n"
	"when the CRNG became ready, and by which source. Below, one row per task\n"
	"(thread) that waited for the CRNG, labelled \"comm (unit)\", each wait a\n"
	"bar with its duration (at most 40 rows; the rest are counted), and a row\n"
	"of hwrng registrations (diamonds) and reads of randomness before ready\n"
	"that did not wait (red ticks). Hovering shows details in viewers that\n"
	"support SVG titles.\n"
	"\n"
	"Options:\n"
	"  -o, --output OUT  the SVG file to write (replaced atomically); '-' for\n"
	"                    standard output. Required.\n"
	"  -h, --help        show this help\n"
	"\n"
	"FILE may be '-' for standard input. Exits 0, or 2 on error.\n";

static int plot_write(FILE *f, const void *arg)
{
	return rt_plot_svg(f, arg);
}

int plot_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "plot", .usage = plot_usage,
		.shortopts = "o:h", .longopts = opts,
	};
	const char *out = NULL, *file;
	struct rt_summary s;
	char err[512];
	int c;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (optind >= argc) {
		rt_usage_error("plot", "no trace given");
		return RT_EXIT_ERROR;
	}
	if (argc - optind > 1) {
		rt_usage_error("plot", "one trace at a time, not '%s' too",
			       argv[optind + 1]);
		return RT_EXIT_ERROR;
	}
	if (!out) {
		rt_usage_error("plot", "-o OUT.svg is required ('-o -' for standard output)");
		return RT_EXIT_ERROR;
	}
	file = argv[optind];
	if (rt_summary_load(file, &s, err, sizeof(err))) {
		rt_load_error("plot", err);
		return RT_EXIT_ERROR;
	}
	c = rt_outfile_write("plot", out, plot_write, &s);
	rt_summary_free(&s);
	return c ? RT_EXIT_ERROR : RT_EXIT_OK;
}
