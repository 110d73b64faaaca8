// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace status [--json]: the module's state (live/status.c), printed
 * as text or JSON through the one print path. Without CAP_NET_ADMIN, who
 * is waiting and the probes' counts are not shown, and it says so.
 */
#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "nl.h"
#include "status.h"
#include "statusprint.h"
#include "subcommands.h"

static const char status_usage[] =
	"usage: rngtrace status [--json]\n"
	"\n"
	"Show what the rngtrace kernel module reports: its version and when it\n"
	"loaded, whether the kernel's CRNG is ready and when it became so (or\n"
	"that it was before the module loaded) and what completed it, the bits\n"
	"credited by each source, the waits so far, how many are in flight and\n"
	"who is waiting right now (pid, command, unit, path, for how long), the\n"
	"unseeded reads, the hardware RNGs, the health of each probe, and the\n"
	"event ring.\n"
	"\n"
	"  -j, --json  print one JSON object instead (version, crng_ready,\n"
	"              ready_at_load, load_time_ns, load_time_mono_ns, ready,\n"
	"              credits, waits, waits_in_flight, waiting, probes,\n"
	"              hwrngs, ...)\n"
	"  -h, --help  show this help\n"
	"\n"
	"Any user may ask; who is waiting and the probes' hit counts need\n"
	"CAP_NET_ADMIN (without it, status says they are not shown). The\n"
	"module must be loaded. Exits 0, or 2 on error.\n";

int status_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "status", .usage = status_usage,
		.shortopts = "jh", .longopts = opts,
	};
	static struct rt_status st;
	bool json = false;
	struct rt_nl *nl;
	int c, ret;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;

	nl = rt_nl_new("status");
	if (!nl)
		return RT_EXIT_ERROR;
	ret = status_fetch(nl, &st, true, "status");
	rt_nl_free(nl);
	if (ret)
		return RT_EXIT_ERROR;
	if (status_print(stdout, json, &st)) {
		fprintf(stderr, "rngtrace status: cannot write the output\n");
		return RT_EXIT_ERROR;
	}
	return RT_EXIT_OK;
}
